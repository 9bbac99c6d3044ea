import Foundation

/// Money and plan quantities are `Decimal`: sums of decimal amounts are exact, which binary
/// floating point cannot promise. Ratios that feed logarithms (LMDI) use `Double`.
extension Decimal {
    /// Accepts exactly `-?[0-9]+(\.[0-9]+)?` — what the plan and strict CSV allow. `Decimal(string:)`
    /// alone would read "1,234" as 1 and "12abc" as 12.
    public init?(strict text: some StringProtocol, allowNegative: Bool = true) {
        var sawDigit = false
        var sawPoint = false
        var digitsAfterPoint = 0
        var first = true
        var significant = 0
        for ch in text.utf8 {
            defer { first = false }
            if ch == UInt8(ascii: "-") && first && allowNegative { continue }
            if ch == UInt8(ascii: ".") {
                guard sawDigit, !sawPoint else { return nil }
                sawPoint = true
                continue
            }
            guard ch >= 48, ch <= 57 else { return nil }
            sawDigit = true
            if sawPoint { digitsAfterPoint += 1 }
            if significant > 0 || ch != 48 { significant += 1 }
        }
        // Decimal holds 38 significant digits; refuse what it would round silently.
        guard sawDigit, !sawPoint || digitsAfterPoint > 0, significant <= 34 else { return nil }
        guard let value = Decimal.fastParse(text) ?? Decimal(string: String(text), locale: Decimal.posix)
        else { return nil }
        self = value
    }

    /// Rounded to `places` decimals, half away from zero (SPEC §8.14).
    public func rounded(places: Int) -> Decimal {
        var input = self
        var result = Decimal()
        // `.plain` rounds halves away from zero for both signs.
        NSDecimalRound(&result, &input, places, .plain)
        return result
    }

    public var cents: Decimal { rounded(places: 2) }

    /// Correctly rounded conversion through the decimal text; Foundation's own conversion
    /// on Linux can be off in the last bits.
    public var double: Double { Double(plainDescription) ?? .nan }

    public init(exactly double: Double, places: Int) {
        let text = String(format: "%.\(places)f", double)
        self = Decimal.fastParse(text) ?? Decimal(string: text, locale: Decimal.posix) ?? 0
    }

    static let posix = Locale(identifier: "en_US_POSIX")
}

/// Decimal ↔ text without Foundation's slow paths. `Decimal.description` divides the
/// 128-bit mantissa by ten one 16-bit word at a time and builds the string through generic
/// arrays; `Decimal(string:locale:)` makes a `Locale` per call. With 50 regions the
/// summary writes some 100,000 numbers, and these two were a fifth of a 1M-row report's
/// time (perf, docs/benchmarks.md). The fast paths read the value's storage — the NSDecimal
/// layout Foundation keeps for compatibility — and are used only after checking, once, that
/// they agree with Foundation on known values; otherwise Foundation's own conversions run.
extension Decimal {
    /// Sign, exponent and mantissa read from the storage; nil for NaN.
    private var storageParts: (negative: Bool, exponent: Int, mantissa: UInt128)? {
        withUnsafeBytes(of: self) { p -> (Bool, Int, UInt128)? in
            let flags = p.load(as: UInt32.self)
            let exponent = Int(Int8(truncatingIfNeeded: flags & 0xFF))
            let negative = (flags >> 11) & 1 == 1
            let length = Int((flags >> 12) & 0xF)
            if length == 0 && negative { return nil }  // NaN
            var mantissa: UInt128 = 0
            for i in stride(from: 7, through: 0, by: -1) {
                mantissa = mantissa << 16 | UInt128(p.load(fromByteOffset: 4 + 2 * i, as: UInt16.self))
            }
            return (negative, exponent, mantissa)
        }
    }

    /// Whether the storage reads as expected on this Foundation (checked once).
    private static let storageIsKnown: Bool = {
        for text in ["-12345.678", "0.001", "1e30", "340282366920938463463374607431768211455", "-0.5", "0", "65536", "7"] {
            guard let d = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), d.storageText == d.description else { return false }
        }
        return true
    }()

    /// The text `description` gives, from the storage.
    private var storageText: String? {
        guard let (negative, exponent, mantissa) = storageParts else { return nil }
        if mantissa == 0 { return "0" }
        var digits = String(mantissa)
        if exponent >= 0 {
            digits += String(repeating: "0", count: exponent)
        } else {
            let point = digits.count + exponent
            if point <= 0 {
                digits = "0." + String(repeating: "0", count: -point) + digits
            } else {
                digits.insert(".", at: digits.index(digits.startIndex, offsetBy: point))
            }
            while digits.hasSuffix("0") { digits.removeLast() }
            if digits.hasSuffix(".") { digits.removeLast() }
        }
        return negative ? "-" + digits : digits
    }

    /// Sign, exponent and mantissa (the value is ±mantissa × 10^exponent), read from the
    /// storage; nil for NaN or where the storage layout is not the one checked for.
    public var exactParts: (negative: Bool, exponent: Int, mantissa: UInt128)? {
        Self.storageIsKnown ? storageParts : nil
    }

    /// The same text as `description`, faster.
    public var plainDescription: String {
        Self.storageIsKnown ? (storageText ?? description) : description
    }

    /// `cents.description`, faster: rounded to the cent, half away from zero, on the mantissa.
    public var centsDescription: String {
        guard Self.storageIsKnown, let (negative, exponent, mantissa) = storageParts else { return cents.description }
        guard exponent < -2 else { return plainDescription }
        let drop = -2 - exponent
        var cents: UInt128 = 0
        if drop < 39 {
            var unit: UInt128 = 1
            for _ in 0..<drop { unit *= 10 }
            cents = mantissa / unit
            if (mantissa % unit) * 2 >= unit { cents += 1 }
        }
        if cents == 0 { return "0" }
        var digits = String(cents)
        if digits.count < 3 { digits = String(repeating: "0", count: 3 - digits.count) + digits }
        digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -2))
        while digits.hasSuffix("0") { digits.removeLast() }
        if digits.hasSuffix(".") { digits.removeLast() }
        return negative ? "-" + digits : digits
    }

    /// Parses `-?digits(.digits)?` of at most 38 significant digits exactly; nil otherwise
    /// (the caller then uses Foundation).
    static func fastParse(_ text: some StringProtocol) -> Decimal? {
        var mantissa: UInt128 = 0
        var digits = 0, fraction = 0
        var negative = false, point = false, first = true
        for ch in text.utf8 {
            defer { first = false }
            if ch == UInt8(ascii: "-") && first { negative = true; continue }
            if ch == UInt8(ascii: ".") && !point { point = true; continue }
            guard ch >= 48, ch <= 57 else { return nil }
            if mantissa == 0 && ch == 48 { if point { fraction += 1 }; continue }
            digits += 1
            guard digits <= 38 else { return nil }
            mantissa = mantissa * 10 + UInt128(ch - 48)
            if point { fraction += 1 }
        }
        guard mantissa <= UInt128(UInt64.max) else { return nil }
        return Decimal(sign: negative ? .minus : .plus, exponent: -fraction, significand: Decimal(UInt64(mantissa)))
    }
}
