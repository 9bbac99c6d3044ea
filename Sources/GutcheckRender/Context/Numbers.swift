import Foundation
import GutcheckCore

/// How figures read (SPEC §12.3), deterministic and locale-free: money in text is compact
/// with the plan's currency symbol ($4.93M, €721K) or code (SEK 9.09K); tables carry whole
/// units with the currency in the header; counts are whole; a percentage has one decimal
/// and a no-break space before "%".
public enum Money {
    /// 1234567.891 → "1,234,568" (half away from zero). Negative with a minus sign.
    public static func plain(_ value: Decimal, places: Int = 0) -> String {
        if let (negative, exponent, mantissa) = value.exactParts, let units = Whole.rounded(mantissa, shift: exponent + places) {
            return (negative && units != 0 ? "−" : "") + Whole.grouped(units, places: places)
        }
        return decimalPlain(value, places: places)
    }

    /// `plain` by Decimal arithmetic: where the storage cannot be read or the value does not fit 128 bits.
    static func decimalPlain(_ value: Decimal, places: Int) -> String {
        let rounded = value.rounded(places: places)
        let negative = rounded < 0
        let text = (negative ? -rounded : rounded).plainDescription
        let parts = text.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0])
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        if places > 0 { fraction = String((fraction + String(repeating: "0", count: places)).prefix(places)) }
        var grouped = ""
        for (i, ch) in whole.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { grouped.append(",") }
            grouped.append(ch)
        }
        whole = String(grouped.reversed())
        let body = places > 0 ? "\(whole).\(fraction)" : whole
        return (negative && !rounded.isZero ? "−" : "") + body
    }

    /// With an explicit sign: "+112,100" / "−427,600".
    public static func signed(_ value: Decimal) -> String {
        let s = plain(value)
        return value.rounded(places: 0) > 0 ? "+" + s : s
    }

    /// Three significant digits with a unit: 4927000 → "4.93M", 721234 → "721K",
    /// 9085 → "9.09K", 8000000 → "8.00M", 950 → "950". No currency.
    public static func compactNumber(_ value: Decimal, digits significant: Int = 3) -> String {
        if let (negative, exponent, mantissa) = value.exactParts, let text = Whole.compact(mantissa, exponent: exponent, significant: significant) {
            return (negative && text.whole != 0 ? "−" : "") + text.text
        }
        return decimalCompactNumber(value, digits: significant)
    }

    /// `compactNumber` by Decimal arithmetic, where the integer path cannot serve.
    static func decimalCompactNumber(_ value: Decimal, digits significant: Int) -> String {
        let negative = value < 0
        let a = negative ? -value : value
        let units: [(power: Int, unit: String)] = [(12, "T"), (9, "B"), (6, "M"), (3, "K")]
        var text = plain(a)
        if a.rounded(places: 0) >= 1000 {
            for (i, (power, unit)) in units.enumerated() where a >= Decimal(sign: .plus, exponent: power, significand: 1) || i == units.count - 1 {
                var scaled = shifted(a, places: -power)
                var suffix = unit
                var digits = integerDigits(scaled)
                var rounded = scaled.rounded(places: max(0, significant - digits))
                // 999.6K rounds to 1000K: say 1M.
                if rounded >= 1000 && i > 0 {
                    scaled = shifted(a, places: -units[i - 1].power)
                    suffix = units[i - 1].unit
                    digits = integerDigits(scaled)
                    rounded = scaled.rounded(places: max(0, significant - digits))
                }
                text = plain(rounded, places: max(0, significant - digits)) + suffix
                break
            }
        }
        return (negative && !value.rounded(places: 0).isZero ? "−" : "") + text
    }

    private static func integerDigits(_ value: Decimal) -> Int {
        var n = 1
        var v = value
        while v >= 10 { v = shifted(v, places: -1); n += 1 }
        return n
    }

    /// `value × 10^places`, exactly, by moving the exponent: Decimal's division allocates and
    /// was a tenth of rendering 50 regions. Falls back to arithmetic near the exponent's limits.
    static func shifted(_ value: Decimal, places: Int) -> Decimal {
        let exponent = value.exponent + places
        guard (-100...100).contains(exponent) else {
            return places >= 0 ? value * pow(10, places) : value / pow(10, -places)
        }
        return Decimal(sign: value.sign, exponent: exponent, significand: value.significand)
    }

    /// Rounded to `places` with trailing zeros dropped.
    public static func trimmed(_ value: Decimal, places: Int) -> String {
        var s = plain(value, places: places)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }
}

/// Figures formatted from a Decimal's mantissa and exponent in 128-bit integers: Foundation's
/// rounding and division walk the mantissa one 16-bit word at a time, and formatting was
/// about a tenth of rendering 50 regions (perf, docs/benchmarks.md). nil wherever a step
/// would not fit, and the caller then takes the Decimal path; a seeded test holds the two alike.
enum Whole {
    /// round(mantissa × 10^shift), halves away from zero; nil on overflow.
    static func rounded(_ mantissa: UInt128, shift: Int) -> UInt128? {
        if shift >= 0 {
            var r = mantissa
            for _ in 0..<shift {
                let (p, overflow) = r.multipliedReportingOverflow(by: 10)
                guard !overflow else { return nil }
                r = p
            }
            return r
        }
        guard -shift <= 38 else { return nil }
        let unit = power(-shift)
        let q = mantissa / unit
        return (mantissa % unit) * 2 >= unit ? q + 1 : q
    }

    /// floor(mantissa × 10^shift); nil on overflow.
    static func truncated(_ mantissa: UInt128, shift: Int) -> UInt128? {
        shift >= 0 ? rounded(mantissa, shift: shift) : -shift <= 38 ? mantissa / power(-shift) : 0
    }

    static func power(_ n: Int) -> UInt128 {
        var p: UInt128 = 1
        for _ in 0..<n { p *= 10 }
        return p
    }

    /// `units` hundredths (for `places` 2) written with a point and thousands commas: 123456 → "1,234.56".
    static func grouped(_ units: UInt128, places: Int) -> String {
        var digits = Array(String(units).utf8)
        if digits.count <= places { digits = Array(repeating: UInt8(ascii: "0"), count: places + 1 - digits.count) + digits }
        let whole = digits.count - places
        var out: [UInt8] = []
        out.reserveCapacity(digits.count + whole / 3 + 1)
        for (i, d) in digits[..<whole].enumerated() {
            if i > 0 && (whole - i) % 3 == 0 { out.append(UInt8(ascii: ",")) }
            out.append(d)
        }
        if places > 0 {
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: digits[whole...])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let units: [(power: Int, unit: String)] = [(12, "T"), (9, "B"), (6, "M"), (3, "K")]

    /// `Money.compactNumber` of mantissa × 10^exponent, unsigned, with the value rounded to a whole.
    static func compact(_ mantissa: UInt128, exponent: Int, significant: Int) -> (text: String, whole: UInt128)? {
        guard let whole = rounded(mantissa, shift: exponent) else { return nil }
        guard whole >= 1000 else { return (grouped(whole, places: 0), whole) }
        /// The value in `power`'s unit, rounded to the places that leave `significant` digits.
        func scaled(_ power: Int) -> (units: UInt128, places: Int)? {
            guard let floor = truncated(mantissa, shift: exponent - power) else { return nil }
            let places = max(0, significant - String(floor).count)
            return rounded(mantissa, shift: exponent - power + places).map { ($0, places) }
        }
        for (i, (power, unit)) in units.enumerated() {
            guard i == units.count - 1 || (truncated(mantissa, shift: exponent - power) ?? 0) >= 1 else { continue }
            guard var (value, places) = scaled(power) else { return nil }
            var suffix = unit
            // 999.6K rounds to 1000K: say 1M.
            if i > 0, value >= 1000 * Self.power(places) {
                guard let up = scaled(units[i - 1].power) else { return nil }
                (value, places) = up
                suffix = units[i - 1].unit
            }
            return (grouped(value, places: places) + suffix, whole)
        }
        return nil
    }
}

/// Money in the plan's currency, for text.
public struct CurrencyFormat: Sendable {
    public let currency: Currency

    public init(_ currency: Currency) { self.currency = currency }

    /// "$4.93M", "−€83.5K", "SEK 9.09K".
    public func compact(_ value: Decimal) -> String { withCurrency(Money.compactNumber(value)) }
    /// Compact with more significant digits, where three would show two different figures alike.
    public func compact(_ value: Decimal, digits: Int) -> String { withCurrency(Money.compactNumber(value, digits: digits)) }

    /// "$914,909": whole units, for an exact figure in a sentence.
    public func whole(_ value: Decimal) -> String { withCurrency(Money.plain(value)) }

    /// "$36,235.50" when `places` is 2.
    public func amount(_ value: Decimal, places: Int) -> String { withCurrency(Money.plain(value, places: places)) }

    /// "+$15.7K" / "−$83.5K".
    public func signedCompact(_ value: Decimal) -> String {
        (value.rounded(places: 0) > 0 ? "+" : "") + compact(value)
    }

    /// The symbol goes after the sign: "−$83.5K"; a code goes before with a space: "SEK −83.5K".
    private func withCurrency(_ number: String) -> String {
        guard let symbol = currency.symbol else { return "\(currency.code)\u{00A0}\(number)" }
        if number.hasPrefix("−") { return "−" + symbol + number.dropFirst() }
        return symbol + number
    }

    /// The currency's name for "goals in dollars" (Q2): dollars, euros, pounds, yen, or its code.
    public var pluralName: String {
        switch currency.code {
        case "USD", "CAD", "AUD", "NZD", "SGD", "HKD": return "dollars"
        case "EUR": return "euros"
        case "GBP": return "pounds"
        case "JPY": return "yen"
        default: return currency.code
        }
    }
}

public enum Percent {
    /// 0.9243 → "92.4 %" (a no-break space, so it never wraps).
    public static func format(_ ratio: Double, places: Int = 1) -> String {
        Money.plain(Decimal(exactly: ratio * 100, places: places + 2), places: places) + "\u{00A0}%"
    }

    /// A change: +0.302 → "+30.2 %".
    public static func change(_ ratio: Double) -> String {
        let text = format(ratio)
        return ratio > 0 && !text.hasPrefix("0.0") ? "+" + text : text
    }
}

/// Rounds the parts of a split so the shown parts add up to the shown total (SPEC §9.5:
/// "every table that splits a figure adds up to it exactly"): each part is rounded half away
/// from zero, then the units the rounding lost or gained go to the parts it moved most
/// (largest remainder).
public enum Apportion {
    /// `keep`: parts whose own rounding should stand where another part can take the unit
    /// (a region's figure in its own currency, beside one converted at a plan rate).
    public static func round(_ parts: [Decimal], total: Decimal, places: Int = 0, keep: Set<Int> = []) -> [Decimal] {
        var rounded = parts.map { $0.rounded(places: places) }
        var unit = Decimal(1)
        for _ in 0..<places { unit /= 10 }
        var left = total.rounded(places: places) - rounded.reduce(0, +)
        guard !left.isZero else { return rounded }
        // Residuals: how far each part's rounding moved it (positive: rounded down).
        let residual = parts.indices.map { parts[$0] - rounded[$0] }
        let byResidual = parts.indices.sorted { left > 0 ? residual[$0] > residual[$1] : residual[$0] < residual[$1] }
        let order = byResidual.filter { !keep.contains($0) } + byResidual.filter { keep.contains($0) }
        var i = 0
        while !left.isZero && !order.isEmpty {
            let index = order[i % order.count]
            if left > 0 {
                rounded[index] += unit
                left -= unit
            } else {
                rounded[index] -= unit
                left += unit
            }
            i += 1
        }
        return rounded
    }

    /// Shares of a total as percentages with one decimal that add up to 100.0 %.
    public static func shares(_ parts: [Decimal], of total: Decimal) -> [Double?] {
        guard !total.isZero else { return parts.map { _ in nil } }
        let perMille = round(parts.map { $0 * 1000 / total }, total: 1000)
        return perMille.map { ($0 / 1000).double }
    }
}
