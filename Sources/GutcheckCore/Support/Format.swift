import Foundation

/// Figures as a reader sees them: deterministic, locale-free formatting.
public enum Money {
    /// 1234567.891 → "1,234,568" (whole units; half away from zero). Negative with a minus sign.
    public static func plain(_ value: Decimal, places: Int = 0) -> String {
        let rounded = value.rounded(places: places)
        let negative = rounded < 0
        let text = (negative ? -rounded : rounded).description
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

    /// 5212400 → "5.21M", 427600 → "427.6K".
    public static func compact(_ value: Decimal) -> String {
        let negative = value < 0
        let v = negative ? -value : value
        let text: String
        if v >= 1_000_000_000 {
            text = trimmed(v / 1_000_000_000, places: 2) + "B"
        } else if v >= 1_000_000 {
            text = trimmed(v / 1_000_000, places: 2) + "M"
        } else if v >= 10_000 {
            text = trimmed(v / 1_000, places: 1) + "K"
        } else {
            text = plain(v)
        }
        return (negative ? "−" : "") + text
    }

    public static func trimmed(_ value: Decimal, places: Int) -> String {
        var s = plain(value, places: places)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }
}

public enum Percent {
    /// 0.9243 → "92.4 %".
    public static func format(_ ratio: Double, places: Int = 1) -> String {
        Money.plain(Decimal(exactly: ratio * 100, places: places + 2), places: places) + " %"
    }

    /// A change: +0.302 → "+30.2 %".
    public static func change(_ ratio: Double) -> String {
        (ratio > 0 ? "+" : "") + format(ratio)
    }
}
