import Foundation

/// Reads dates and amounts straight from field bytes. The common case (plain ASCII in
/// the expected shape) never builds a `String`; that is most of the reader's speed.
enum FieldParsers {
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    /// The field without surrounding spaces and tabs.
    static func trimmed(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> (Int, Int) {
        var s = start, e = end
        while s < e && isSpace(p[s]) { s += 1 }
        while e > s && isSpace(p[e - 1]) { e -= 1 }
        return (s, e)
    }

    @inline(__always)
    static func digit(_ b: UInt8) -> Int? {
        b >= 48 && b <= 57 ? Int(b - 48) : nil
    }

    /// Reads `width` digits at `at`.
    static func number(_ p: UnsafePointer<UInt8>, _ at: Int, _ width: Int) -> Int? {
        var v = 0
        for i in at..<(at + width) {
            guard let d = digit(p[i]) else { return nil }
            v = v * 10 + d
        }
        return v
    }

    // MARK: Dates

    @inline(__always)
    static func date(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int, format: DateFormat) -> Day? {
        // A trailing time of day and zone (CRM exports write `2024-03-15 01:47:03`,
        // `2024-03-15T01:47:03Z`, `3/15/2024 1:47 PM`) is read and dropped (SPEC §14.3).
        switch format {
        case .iso, .isoDateTime:
            guard e - s >= 10, let day = isoDate(p, s) else { return nil }
            return e - s == 10 || timeAndZone(p, s + 10, e) ? day : nil
        case .monthFirst, .dayFirst:
            var dateEnd = s
            while dateEnd < e && p[dateEnd] != UInt8(ascii: " ") && p[dateEnd] != UInt8(ascii: "T") { dateEnd += 1 }
            guard let (a, b, y) = slashed(p, s, dateEnd), dateEnd == e || timeAndZone(p, dateEnd, e) else { return nil }
            return format == .monthFirst ? Day(year: y, month: a, day: b) : Day(year: y, month: b, day: a)
        }
    }

    /// After a date: `T` or a space, `h:mm[:ss[.fff]]`, an optional `AM`/`PM`, then an
    /// optional zone — `Z`, `±hh`, `±hh:mm`, `±hhmm`, `UTC` or `GMT` (with or without a space).
    static func timeAndZone(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        var i = s
        guard i < e, p[i] == UInt8(ascii: "T") || p[i] == UInt8(ascii: " ") else { return false }
        i += 1
        func digits(_ most: Int) -> Int? {
            let start = i
            var v = 0
            while i < e, i - start < most, let d = digit(p[i]) {
                v = v * 10 + d
                i += 1
            }
            return i > start ? v : nil
        }
        func skipSpace() { while i < e && p[i] == UInt8(ascii: " ") { i += 1 } }
        guard let hour = digits(2), i < e, p[i] == UInt8(ascii: ":") else { return false }
        i += 1
        let minuteStart = i
        guard let minute = digits(2), i - minuteStart == 2, hour < 24, minute < 60 else { return false }
        if i < e && p[i] == UInt8(ascii: ":") {
            i += 1
            let secondStart = i
            guard let second = digits(2), i - secondStart == 2, second <= 60 else { return false }
            if i < e && p[i] == UInt8(ascii: ".") {
                i += 1
                guard digits(9) != nil else { return false }
                while i < e, digit(p[i]) != nil { i += 1 }
            }
        }
        skipSpace()
        if e - i >= 2, p[i] | 0x20 == UInt8(ascii: "a") || p[i] | 0x20 == UInt8(ascii: "p"), p[i + 1] | 0x20 == UInt8(ascii: "m") {
            guard (1...12).contains(hour) else { return false }
            i += 2
            skipSpace()
        }
        if i == e { return true }
        if p[i] == UInt8(ascii: "Z") { return i + 1 == e }
        if e - i == 3 {
            let word = (p[i] | 0x20, p[i + 1] | 0x20, p[i + 2] | 0x20)
            if word == (UInt8(ascii: "u"), UInt8(ascii: "t"), UInt8(ascii: "c")) || word == (UInt8(ascii: "g"), UInt8(ascii: "m"), UInt8(ascii: "t")) { return true }
        }
        guard p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") else { return false }
        i += 1
        let zoneStart = i
        guard let zoneHour = digits(2), i - zoneStart == 2, zoneHour <= 14 else { return false }
        if i == e { return true }
        if p[i] == UInt8(ascii: ":") { i += 1 }
        let zoneMinuteStart = i
        guard let zoneMinute = digits(2), i - zoneMinuteStart == 2, zoneMinute < 60 else { return false }
        return i == e
    }

    /// `YYYY-MM-DD` at `s` (ten bytes): every row has one, so no optionals per digit.
    @inline(__always)
    static func isoDate(_ p: UnsafePointer<UInt8>, _ s: Int) -> Day? {
        let q = p + s
        let y0 = q[0] &- 48, y1 = q[1] &- 48, y2 = q[2] &- 48, y3 = q[3] &- 48
        let m0 = q[5] &- 48, m1 = q[6] &- 48, d0 = q[8] &- 48, d1 = q[9] &- 48
        guard q[4] == UInt8(ascii: "-"), q[7] == UInt8(ascii: "-"),
            y0 <= 9, y1 <= 9, y2 <= 9, y3 <= 9, m0 <= 9, m1 <= 9, d0 <= 9, d1 <= 9
        else { return nil }
        return Day(year: Int(y0) * 1000 + Int(y1) * 100 + Int(y2) * 10 + Int(y3),
                   month: Int(m0) * 10 + Int(m1), day: Int(d0) * 10 + Int(d1))
    }

    /// `a/b/yyyy` with one- or two-digit `a` and `b` and a four-digit year (SPEC §8.7).
    static func slashed(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> (Int, Int, Int)? {
        var i = s
        func part(maxWidth: Int) -> Int? {
            let start = i
            var v = 0
            while i < e, let d = digit(p[i]) {
                guard i - start < maxWidth else { return nil }
                v = v * 10 + d
                i += 1
            }
            let width = i - start
            return width >= 1 && width <= maxWidth ? v : nil
        }
        guard let a = part(maxWidth: 2), i < e, p[i] == UInt8(ascii: "/") else { return nil }
        i += 1
        guard let b = part(maxWidth: 2), i < e, p[i] == UInt8(ascii: "/") else { return nil }
        i += 1
        let yearStart = i
        guard let y = part(maxWidth: 4), i - yearStart == 4, i == e else { return nil }
        return (a, b, y)
    }

    /// The other date formats that read `text`, best first (the fix a whole column may share).
    static func dateFormats(reading text: String, other current: DateFormat) -> [DateFormat] {
        let bytes = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        guard bytes.count >= 8 else { return [] }
        return bytes.withUnsafeBufferPointer { b in
            DateFormat.allCases.filter { $0 != current && (date(b.baseAddress!, 0, b.count, format: $0)?.year ?? 0) >= 1900 }
        }
    }

    /// Why a date did not read, as a hint for the error message.
    static func dateHint(_ text: String, format: DateFormat) -> String {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return "" }
        if t.allSatisfy(\.isNumber), (4...6).contains(t.count) {
            return "; it looks like an Excel date serial number: format the column as a date before exporting"
        }
        let bytes = Array(t.utf8)
        return bytes.withUnsafeBufferPointer { b -> String in
            let p = b.baseAddress!
            if format != .monthFirst, format != .dayFirst, slashed(p, 0, b.count) != nil {
                return "; for dates like this set results.deals.date_format to M/D/YYYY or D/M/YYYY"
            }
            if let (a, c, y) = slashed(p, 0, b.count) {
                if format == .monthFirst && a > 12 && Day(year: y, month: c, day: a) != nil {
                    return "; this looks day-first: set results.deals.date_format: D/M/YYYY"
                }
                if format == .dayFirst && c > 12 && Day(year: y, month: a, day: c) != nil {
                    return "; this looks month-first: set results.deals.date_format: M/D/YYYY"
                }
                return "; no such date"
            }
            if b.count > 10, isoDate(p, 0) != nil {
                return "; after the date, expected a time of day like 01:47:03 and an optional zone (Z, +02:00, UTC)"
            }
            if b.count >= 10, isoDate(p, 0) == nil, number(p, 0, 4) != nil, p[4] == UInt8(ascii: "-") {
                return "; no such date"
            }
            if format != .iso, format != .isoDateTime, b.count == 10, isoDate(p, 0) != nil {
                return "; for dates like this set results.deals.date_format: YYYY-MM-DD"
            }
            if t.contains(" ") && slashed(p, 0, bytes.firstIndex(of: 0x20) ?? 0) != nil {
                return "; after the date, expected a time of day like 1:47 PM or 13:47:03"
            }
            return nearestFormat(t)
        }
    }

    /// Three numbers split by one separator the formats do not use (`15.03.2024`,
    /// `2024/03/15`): the accepted format nearest to it.
    static func nearestFormat(_ t: String) -> String {
        let parts = t.split(whereSeparator: { !$0.isNumber }).map(String.init)
        let separators = Set(t.filter { !$0.isNumber })
        guard parts.count == 3, separators.count == 1, parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 }) else { return "" }
        if parts[0].count == 4 { return "; the nearest accepted format is YYYY-MM-DD: export dates as 2024-03-15" }
        if parts[2].count == 4 { return "; the nearest accepted formats are M/D/YYYY and D/M/YYYY, written with '/': set results.deals.date_format and export dates as 3/15/2024" }
        return ""
    }

    // MARK: Amounts

    /// Money and counts are summed in billionths, exactly, in 128 bits; an amount with
    /// more than nine decimals is kept as a `Decimal` instead.
    enum Amount {
        case nanos(Int128)
        case exact(Decimal)
    }

    static let nanosPerUnit: Int128 = 1_000_000_000
    /// More integer digits than this is refused: 10^20 is beyond any sales figure, and
    /// the bound keeps ten million such amounts inside 128 bits.
    static let maxIntegerDigits = 20

    enum AmountError: Error { case notANumber, tooLarge }

    /// The usual strict amount — up to 18 whole digits and 9 decimals — in billionths, or nil
    /// for anything else (which `strictAmount` then reads or refuses). Inlined into the row:
    /// it returns in registers, where a `Result` of an `Amount` goes through memory.
    @inline(__always)
    static func quickNanos(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Int128? {
        var i = s
        let negative = i < e && p[i] == UInt8(ascii: "-")
        if negative { i &+= 1 }
        let wholeStart = i
        var whole: UInt64 = 0
        let wholeEnd = min(e, wholeStart &+ 18)
        while i < wholeEnd {
            let d = p[i] &- 48
            if d > 9 { break }
            whole = whole &* 10 &+ UInt64(d)
            i &+= 1
        }
        guard i > wholeStart else { return nil }
        var fraction: UInt64 = 0
        var scale: UInt64 = 1_000_000_000
        if i < e {
            guard p[i] == UInt8(ascii: "."), e &- i >= 2, e &- i <= 10 else { return nil }
            i &+= 1
            while i < e {
                let d = p[i] &- 48
                if d > 9 { return nil }
                fraction = fraction &* 10 &+ UInt64(d)
                scale /= 10
                i &+= 1
            }
        }
        let value = Int128(whole) &* nanosPerUnit &+ Int128(fraction &* scale)
        return negative ? 0 &- value : value
    }

    /// `-?[0-9]+(\.[0-9]+)?`, the strict form (SPEC §8.8). Two amounts a deal row, so the
    /// common shape (up to 18 whole digits, up to 9 decimals) takes the short loops.
    static func strictAmount(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Result<Amount, AmountError> {
        var i = s
        let negative = i < e && p[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        let wholeStart = i
        var whole: UInt64 = 0
        let fastEnd = min(e, wholeStart + 18)
        while i < fastEnd {
            let d = p[i] &- 48
            if d > 9 { break }
            whole = whole &* 10 &+ UInt64(d)
            i += 1
        }
        var wideWhole = Int128(whole)
        if i == fastEnd {
            // More than 18 digits: 128 bits.
            while i < e {
                let d = p[i] &- 48
                if d > 9 { break }
                wideWhole = wideWhole &* 10 &+ Int128(d)
                i += 1
            }
        }
        let wholeDigits = i - wholeStart
        guard wholeDigits > 0 else { return .failure(.notANumber) }
        var fraction: UInt64 = 0
        var fractionDigits = 0
        if i < e && p[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            let nineEnd = min(e, start + 9)
            while i < nineEnd {
                let d = p[i] &- 48
                if d > 9 { break }
                fraction = fraction &* 10 &+ UInt64(d)
                i += 1
            }
            if i == nineEnd {
                while i < e && p[i] &- 48 <= 9 { i += 1 }
            }
            fractionDigits = i - start
            guard fractionDigits > 0 else { return .failure(.notANumber) }
        }
        guard i == e else { return .failure(.notANumber) }
        if wholeDigits > maxIntegerDigits && wholeDigits - leadingZeros(p, wholeStart, wholeStart + wholeDigits) > maxIntegerDigits {
            return .failure(.tooLarge)
        }
        if fractionDigits > 9 {
            let text = String(decoding: UnsafeBufferPointer(start: p + s, count: e - s), as: UTF8.self)
            guard let d = Decimal(strict: text) else { return .failure(.tooLarge) }
            return .success(.exact(d))
        }
        // Cannot overflow: at most 20 significant digits, so below 10^29 billionths.
        let value = wideWhole &* nanosPerUnit &+ Int128(fraction &* powersOfTen[9 - fractionDigits])
        return .success(.nanos(negative ? -value : value))
    }

    private static let powersOfTen: [UInt64] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000]

    private static func leadingZeros(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Int {
        var n = 0
        while s + n < e - 1 && p[s + n] == UInt8(ascii: "0") { n += 1 }
        return n
    }

    /// An amount under the plan's leniency options: rewritten to the strict form first.
    static func amount(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int, _ format: NumberFormat) -> Result<Amount, AmountError> {
        // With a decimal comma or a '.' thousands separator, "1.234" is not what it seems
        // in the strict form, so everything goes through the rewrite.
        if !format.isLenient || (format.decimal == "." && format.thousands != ".") {
            let strict = strictAmount(p, s, e)
            guard format.isLenient, case .failure(.notANumber) = strict else { return strict }
        }
        let text = String(decoding: UnsafeBufferPointer(start: p + s, count: e - s), as: UTF8.self)
        guard let canonical = format.canonical(text) else { return .failure(.notANumber) }
        let bytes = Array(canonical.utf8)
        return bytes.withUnsafeBufferPointer { strictAmount($0.baseAddress!, 0, $0.count) }
    }
}

extension FieldParsers {
    /// The `results.numbers` options, beyond those set, that read `text` as an amount: each
    /// a set of options written as the plan writes them, smallest first.
    static func numberOptions(reading text: String, current: NumberFormat) -> [String] {
        var found: [(size: Int, text: String)] = []
        for decimalComma in [false, true] {
            for mask in 0..<8 where mask > 0 || decimalComma {
                var format = current
                var said: [String] = []
                if decimalComma {
                    guard current.decimal == "." else { continue }
                    format.decimal = ","
                    said.append("results.numbers.decimal: \",\"")
                }
                if mask & 1 != 0 {
                    guard !current.currencySymbols else { continue }
                    format.currencySymbols = true
                    said.append("results.numbers.currency_symbols: true")
                }
                if mask & 2 != 0 {
                    let separator: Character = decimalComma ? "." : ","
                    guard current.thousands == nil else { continue }
                    format.thousands = separator
                    said.append("results.numbers.thousands: \"\(separator)\"")
                }
                if mask & 4 != 0 {
                    guard !current.negativeParentheses else { continue }
                    format.negativeParentheses = true
                    said.append("results.numbers.negative_parentheses: true")
                }
                guard let canonical = format.canonical(text) else { continue }
                let reads = Array(canonical.utf8).withUnsafeBufferPointer { b -> Bool in
                    if case .success = strictAmount(b.baseAddress!, 0, b.count) { return true }
                    return false
                }
                if reads { found.append((said.count, said.joined(separator: " and "))) }
            }
        }
        return found.sorted { $0.size < $1.size }.map(\.text)
    }

    /// A currency sign or code in `text` that is not the plan's (the options only accept the
    /// plan's own): "$" in a EUR plan.
    static func foreignCurrency(in text: String, accepted: [String]) -> String? {
        for sign in Currency.signs where text.contains(sign) && !accepted.contains(where: { $0.contains(sign) }) {
            return sign
        }
        return nil
    }
}

/// `results.deals.date_format` (SPEC §2, §8.7).
public enum DateFormat: String, Sendable, CaseIterable {
    case iso = "YYYY-MM-DD"
    case monthFirst = "M/D/YYYY"
    case dayFirst = "D/M/YYYY"
    case isoDateTime = "YYYY-MM-DDThh:mm:ssZ"
}

/// `results.numbers`: the leniency options for amounts, each off by default (SPEC §2).
public struct NumberFormat: Sendable, Equatable {
    /// `.` (default) or `,`.
    public var decimal: Character = "."
    /// A thousands separator to accept between groups of three digits: `,` `.` space or `'`.
    public var thousands: Character?
    /// Accept the plan currency's symbol or code before or after the number.
    public var currencySymbols = false
    /// Accept `(1234.50)` for −1234.50, as accounting exports write it.
    public var negativeParentheses = false
    /// Symbols and codes accepted when `currencySymbols` is on (set from the plan's currency).
    public var symbols: [String] = []

    public init() {}

    public var isLenient: Bool { decimal != "." || thousands != nil || currencySymbols || negativeParentheses }

    /// The text rewritten as `-?digits(.digits)?`, or nil when it does not fit the options.
    func canonical(_ raw: String) -> String? {
        var t = Substring(raw.trimmingCharacters(in: .whitespaces))
        var negative = false
        if negativeParentheses, t.hasPrefix("("), t.hasSuffix(")") {
            negative = true
            t = t.dropFirst().dropLast()
        }
        func dropSign() {
            if t.hasPrefix("-") {
                guard !negative else { return }
                negative = true
                t = t.dropFirst()
            }
        }
        dropSign()
        if currencySymbols {
            for symbol in symbols.sorted(by: { $0.count > $1.count }) {
                if t.hasPrefix(symbol) {
                    t = t.dropFirst(symbol.count)
                    break
                }
                if t.hasSuffix(symbol) {
                    t = t.dropLast(symbol.count)
                    break
                }
            }
            t = Substring(t.trimmingCharacters(in: .whitespaces))
            dropSign()
        }
        var whole = t
        var fraction: Substring?
        if let point = t.lastIndex(of: decimal) {
            whole = t[..<point]
            fraction = t[t.index(after: point)...]
        }
        if let thousands, whole.contains(thousands) {
            let groups = whole.split(separator: thousands, omittingEmptySubsequences: false)
            guard let first = groups.first, (1...3).contains(first.count),
                groups.dropFirst().allSatisfy({ $0.count == 3 })
            else { return nil }
            whole = Substring(groups.joined())
        }
        guard !whole.isEmpty, whole.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        if let fraction {
            guard !fraction.isEmpty, fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        }
        return (negative ? "-" : "") + whole + (fraction.map { "." + $0 } ?? "")
    }
}
