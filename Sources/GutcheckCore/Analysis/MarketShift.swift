import Foundation

/// A source whose recent monthly rate moved sharply (Q9): the last months' average against
/// the first months of the year, or against the same months last year.
public struct MarketShift: Sendable {
    public enum Direction: String, Sendable { case trigger, challenge }
    public enum Basis: String, Sendable { case earlierMonths = "earlier_months", lastYear = "last_year" }

    public var source: String
    public var sourceName: String
    public var basis: Basis
    public var direction: Direction
    /// Fiscal month indexes (0-based) of the recent and the compared window.
    public var recentMonths: Range<Int>
    public var comparedMonths: Range<Int>
    public var recentAverage: Decimal
    public var comparedAverage: Decimal
    public var change: Double

    /// The windows: the last k full months against the first k, k = min(3, full months / 2).
    static func windows(_ calendar: FiscalCalendar) -> (recent: Range<Int>, earlier: Range<Int>)? {
        let k = min(3, calendar.fullMonths / 2)
        guard k > 0 else { return nil }
        return (calendar.fullMonths - k..<calendar.fullMonths, 0..<k)
    }

    /// Both comparisons for one source's revenue; only those beyond the threshold.
    static func find(source: Source, figure: Figure, calendar: FiscalCalendar, threshold: Decimal) -> [MarketShift] {
        guard let (recent, earlier) = windows(calendar) else { return [] }
        func average(_ values: [Decimal?], _ months: Range<Int>) -> Decimal {
            months.reduce(Decimal(0)) { $0 + (values[$1] ?? 0) } / Decimal(months.count)
        }
        var shifts: [MarketShift] = []
        let now = average(figure.monthlyActual, recent)
        let comparisons: [(Basis, Range<Int>, [Decimal?])] = [
            (.earlierMonths, earlier, figure.monthlyActual),
            (.lastYear, recent, figure.monthlyPrior),
        ]
        for (basis, months, values) in comparisons {
            if basis == .lastYear && !months.allSatisfy({ values[$0] != nil }) { continue }
            let then = average(values, months)
            guard then > 0, let change = ratio(now - then, then), abs(change) >= threshold.double else { continue }
            shifts.append(MarketShift(
                source: source.id, sourceName: source.name, basis: basis,
                direction: change > 0 ? .trigger : .challenge, recentMonths: recent, comparedMonths: months,
                recentAverage: now, comparedAverage: then, change: change))
        }
        return shifts
    }
}
