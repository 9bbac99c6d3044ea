import Foundation

/// One fiscal quarter of a figure through the cut-off (SPEC §15.6): its plan and actual,
/// the quarter of the cut-off to date. The quarters through the cut-off add up to the
/// figure's plan and actual to date exactly: the last one's plan is what the plan to date
/// leaves after the quarters before it (so a partly elapsed month counts pro rata, as it
/// does in the plan to date).
public struct Quarter: Sendable, Equatable {
    /// 1…4.
    public var number: Int
    /// Fiscal month indexes (0…11) the quarter spans.
    public var months: Range<Int>
    public var plan: Decimal
    public var actual: Decimal
    /// The quarter the cut-off falls in, before its last day.
    public var isToDate: Bool

    public var gap: Decimal { actual - plan }
    public var attainment: Double? { ratio(actual, plan) }
    /// "Q1", as summary.json writes it.
    public var label: String { "Q\(number)" }

    /// The quarters of `figure` from the year's start through the one the cut-off falls in;
    /// empty when nothing of the year has elapsed, or the figure is not measured or planned.
    public static func split(_ figure: Figure, calendar: FiscalCalendar) -> [Quarter] {
        let touched = calendar.monthsTouched
        guard touched > 0, figure.isMeasured, figure.isPlanned else { return [] }
        let count = (touched + 2) / 3
        var quarters: [Quarter] = []
        var planBefore = Decimal(0)
        for q in 0..<count {
            let months = (q * 3)..<min(q * 3 + 3, 12)
            let isLast = q == count - 1
            let plan = isLast ? figure.planToDate - planBefore : figure.plan(over: months)
            planBefore += plan
            quarters.append(Quarter(number: q + 1, months: months, plan: plan, actual: figure.actual(over: months),
                                    isToDate: isLast && calendar.elapsed < Decimal(months.upperBound)))
        }
        return quarters
    }
}
