import Foundation
import GutcheckCore

/// How figures read in a report. One place, so every report says things the same way.
enum Wording {
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]

    static func date(_ day: Day) -> String { "\(day.day) \(monthNames[day.month - 1]) \(day.year)" }
    static func month(_ m: YearMonth) -> String { monthNames[m.month - 1] }

    /// "6" or "5.5" (months).
    static func months(_ value: Decimal) -> String { Money.trimmed(value, places: 1) }

    static func status(_ s: Status?) -> String {
        switch s {
        // No-break spaces: a status never wraps inside a narrow table column.
        case .onTrack?: return "●\u{00A0}on\u{00A0}track"
        case .atRisk?: return "▲\u{00A0}at\u{00A0}risk"
        case .offTrack?: return "✖\u{00A0}off\u{00A0}track"
        case nil: return "— no plan to date"
        }
    }

    static func headlineStatus(_ s: Status?) -> String {
        switch s {
        case .onTrack?: return "On track"
        case .atRisk?: return "At risk"
        case .offTrack?: return "Off track"
        case nil: return "No plan to date yet"
        }
    }

    static func percent(_ r: Double?) -> String { r.map { Percent.format($0) } ?? "—" }
    static func money(_ d: Decimal?) -> String { d.map { Money.plain($0) } ?? "—" }

    /// A KPI value in its unit.
    static func kpi(_ value: Decimal?, unit: KPI.Unit) -> String {
        guard let value else { return "—" }
        switch unit {
        case .percent: return Percent.format(value.double)
        case .currency: return Money.plain(value)
        case .ratio: return Money.trimmed(value, places: 2)
        case .count: return Money.trimmed(value, places: 1)
        case .days: return Money.trimmed(value, places: 1) + " days"
        }
    }

    /// A metric quantity: money in whole units, counts as numbers.
    static func quantity(_ value: Decimal?, metric: String?) -> String {
        guard let value else { return "—" }
        return Money.trimmed(value, places: Metric.money.contains(metric ?? "") ? 0 : 1)
    }

    /// A count to the nearest whole number, with thousands separators.
    static func count(_ value: Decimal) -> String { Money.plain(value.rounded(places: 0)) }

    static func metricName(_ metric: String) -> String { metric.replacingOccurrences(of: "_", with: " ") }

    /// "per lead", "per won deal".
    static func unitName(_ metric: String?) -> String {
        guard let metric else { return "unit" }
        let singular = ["leads": "lead", "won_deals": "won deal", "lost_deals": "lost deal",
                        "opportunities": "opportunity"][metric]
        return singular ?? metricName(metric)
    }
}
