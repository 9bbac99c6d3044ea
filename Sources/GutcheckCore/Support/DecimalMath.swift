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
        guard let value = Decimal(string: String(text), locale: Locale(identifier: "en_US_POSIX"))
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
    public var double: Double { Double(description) ?? .nan }

    public init(exactly double: Double, places: Int) {
        self = Decimal(string: String(format: "%.\(places)f", double), locale: Locale(identifier: "en_US_POSIX")) ?? 0
    }
}
