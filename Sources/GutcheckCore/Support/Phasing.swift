import Foundation

/// Weights per fiscal month (SPEC §7) and the one rule every "due by the cut-off" figure
/// follows (SPEC §9.3): a month's weight is spread evenly over its days, so a span of days
/// carries the whole weight of the months it covers and, of a month it covers in part, the
/// share of its days. Goals, sources, objectives, actions, flow KPIs and budgets are all
/// phased through here, so one target never has two plans to date.
public struct Phasing: Sendable, Equatable {
    public let weights: [Decimal]

    public init(_ weights: [Decimal]) { self.weights = weights }

    public static let even = Phasing(FiscalCalendar.evenWeights)

    public var total: Decimal { weights.reduce(0, +) }

    /// Σ w over the days `first` through `last`; days outside the fiscal year weigh nothing.
    public func weight(from first: Day, through last: Day, in calendar: FiscalCalendar) -> Decimal {
        guard first <= last else { return 0 }
        var sum = Decimal(0)
        for m in 0..<12 {
            let month = calendar.month(m)
            let start = max(first, month.firstDay)
            let end = min(last, month.lastDay)
            guard start <= end else { continue }
            if start == month.firstDay && end == month.lastDay {
                sum += weights[m]
            } else {
                sum += weights[m] * (Decimal(end.ordinal - start.ordinal + 1) / Decimal(month.lastDay.day))
            }
        }
        return sum
    }

    /// The part of `amount`, due over `first`…`last`, that falls due by the cut-off:
    /// amount × Σw(period through the cut-off) / Σw(period). nil when the period weighs nothing.
    public func due(_ amount: Decimal, from first: Day, through last: Day, in calendar: FiscalCalendar) -> Decimal? {
        let whole = weight(from: first, through: last, in: calendar)
        guard whole > 0 else { return nil }
        return amount * weight(from: first, through: min(last, calendar.effectiveCutOff), in: calendar) / whole
    }

    /// The part of a full-year amount due by the cut-off (a goal's plan to date); 0 when the
    /// weights are all 0.
    public func dueToDate(_ amount: Decimal, in calendar: FiscalCalendar) -> Decimal {
        due(amount, from: calendar.start.firstDay, through: calendar.end, in: calendar) ?? 0
    }

    /// A full-year amount spread over the months: amount × w_m / Σw (adds up to the amount).
    public func monthly(_ amount: Decimal) -> [Decimal] {
        let total = self.total
        return total.isZero ? [Decimal](repeating: 0, count: 12) : weights.map { amount * $0 / total }
    }
}
