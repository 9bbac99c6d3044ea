import Foundation
import GutcheckCore

/// How single figures read in a report: dates, months, KPI values in their unit,
/// quantities of a metric. One place, so every report says things the same way.
enum Wording {
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]

    static func date(_ day: Day) -> String { "\(day.day) \(monthNames[day.month - 1]) \(day.year)" }
    static func month(_ m: YearMonth) -> String { monthNames[m.month - 1] }
    /// "April–June", or "June" for one month.
    static func months(_ range: Range<Int>, calendar: FiscalCalendar) -> String {
        let first = month(calendar.month(range.lowerBound)), last = month(calendar.month(range.upperBound - 1))
        return range.count == 1 ? first : "\(first)–\(last)"
    }

    /// "6" or "5.5" (months).
    static func months(_ value: Decimal) -> String { Money.trimmed(value, places: 1) }

    static func percent(_ r: Double?) -> String { r.map { Percent.format($0) } ?? "—" }

    /// A KPI value in its unit; money in whole units with the currency.
    static func kpi(_ value: Decimal?, unit: KPI.Unit, money: CurrencyFormat) -> String {
        guard let value else { return "—" }
        switch unit {
        case .percent: return Percent.format(value.double)
        case .currency: return money.whole(value)
        case .ratio: return Money.trimmed(value, places: 2)
        case .count: return count(value)
        case .days: return Money.trimmed(value, places: 1) + "\u{00A0}days"
        }
    }

    /// A metric quantity: money with the currency, counts as whole numbers.
    static func quantity(_ value: Decimal?, metric: String?, money: CurrencyFormat) -> String {
        guard let value else { return "—" }
        return Metric.money.contains(metric ?? "") ? money.whole(value) : count(value)
    }

    /// A count to the nearest whole number, with thousands separators (SPEC §12.3: counts are whole).
    static func count(_ value: Decimal) -> String { Money.plain(value.rounded(places: 0)) }

    /// A count's target to date: whole when it is, else with one decimal — "24 against 18.8 to
    /// date", never "19" beside 127.7 % (SPEC §13.8).
    static func countTarget(_ value: Decimal) -> String {
        let tenth = value.rounded(places: 1)
        return tenth == tenth.rounded(places: 0) ? count(value) : Money.plain(tenth, places: 1)
    }

    /// A KPI's target to date: a count's with one decimal where it is not whole.
    static func kpiTarget(_ value: Decimal?, unit: KPI.Unit, money: CurrencyFormat) -> String {
        guard let value, unit == .count else { return kpi(value, unit: unit, money: money) }
        return countTarget(value)
    }

    /// A target quantity due by now: money as money, a count with one decimal where not whole.
    static func targetQuantity(_ value: Decimal?, metric: String?, money: CurrencyFormat) -> String {
        guard let value else { return "—" }
        return Metric.money.contains(metric ?? "") ? money.whole(value) : countTarget(value)
    }

    static func metricName(_ metric: String) -> String { metric.replacingOccurrences(of: "_", with: " ") }

    /// "per lead", "per won deal".
    static func unitName(_ metric: String?) -> String {
        guard let metric else { return "unit" }
        let singular = ["leads": "lead", "won_deals": "won deal", "lost_deals": "lost deal",
                        "opportunities": "opportunity", "revenue": "dollar of revenue"][metric]
        return singular ?? metricName(metric)
    }

    /// "a" or "an" before a figure as it is read aloud: an 8M goal, an 11.2M goal, an $18K
    /// budget, a 10.2M goal; before a currency code, by its first letter's sound (an SEK goal).
    static func article(before figure: String) -> String {
        var text = Substring(figure)
        while let first = text.first, "−-+".contains(first) { text = text.dropFirst() }
        if let first = text.first, first.isLetter {
            return "AEFHILMNORSXaeiou".contains(first) ? "an" : "a"
        }
        while let first = text.first, !first.isNumber { text = text.dropFirst() }
        let integer = text.prefix { $0.isNumber || $0 == "," }.filter(\.isNumber)
        if integer.hasPrefix("8") { return "an" }
        // Eleven and eighteen, as a whole number or a leading group (11,000; 18.5K).
        let leadingGroup = text.prefix { $0.isNumber }
        if leadingGroup == "11" || leadingGroup == "18" { return "an" }
        return "a"
    }

    /// The text up to `limit` characters, cut at a word and marked "…" (a leader's long
    /// words in a table cell or on the packet's one page; the full report has them whole).
    static func clip(_ text: String, _ limit: Int) -> String {
        guard text.count > limit else { return text }
        var cut = String(text.prefix(limit - 1))
        let atWordEnd = text.dropFirst(limit - 1).first == " "
        if !atWordEnd, let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > limit / 2 {
            cut = String(cut[..<space])
        }
        while let last = cut.last, ",;:—–-. ".contains(last) { cut.removeLast() }
        return cut + "…"
    }

    /// "Dana's", "Channel partners'".
    static func possessive(_ name: String) -> String {
        name.hasSuffix("s") || name.hasSuffix("S") ? name + "'" : name + "'s"
    }

    /// "both" for two, "all 4" for more, "the one" for one.
    static func all(_ n: Int) -> String { n == 2 ? "both" : n == 1 ? "the one" : "all \(n)" }

    /// "5, 6 and 8".
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
