import Foundation
import GutcheckCore

/// Revenue by fiscal quarter through the cut-off (SPEC §15.6), for the region page and the
/// roll-up. The rows are apportioned so the shown quarters add up to the shown year to date.
struct QuarterTable: TemplateModel {
    struct Row: TemplateModel { var quarter, months, plan, actual, attainment, gap: String }

    /// Shown from the second quarter on: with one, the table would repeat the year to date.
    var any: Bool
    var rows: [Row]
    var total: Row

    init(_ figure: Figure, calendar: FiscalCalendar) {
        let quarters = Quarter.split(figure, calendar: calendar)
        let plans = Apportion.round(quarters.map(\.plan), total: figure.planToDate)
        let actuals = Apportion.round(quarters.map(\.actual), total: figure.actualToDate)
        let gaps = Apportion.round(quarters.map(\.gap), total: figure.gap)
        rows = quarters.indices.map { i in
            let q = quarters[i]
            var months = Wording.months(q.months.lowerBound..<min(q.months.upperBound, calendar.monthsTouched), calendar: calendar)
            // A partly elapsed last month: say how far it runs.
            if q.isToDate && calendar.partialFraction > 0 { months += " (to \(Wording.date(calendar.effectiveCutOff)))" }
            return Row(quarter: q.isToDate ? "\(q.label) to date" : q.label, months: months, plan: Money.plain(plans[i]),
                       actual: Money.plain(actuals[i]), attainment: Wording.percent(q.attainment), gap: Money.signed(gaps[i]))
        }
        total = Row(quarter: "Year to date", months: Wording.months(0..<calendar.monthsTouched, calendar: calendar),
                    plan: Money.plain(figure.planToDate), actual: Money.plain(figure.actualToDate),
                    attainment: Wording.percent(figure.attainment), gap: Money.signed(figure.gap))
        any = quarters.count > 1
    }
}
