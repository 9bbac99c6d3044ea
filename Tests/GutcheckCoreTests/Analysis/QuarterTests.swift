import Foundation
import Testing
@testable import GutcheckCore

/// Plan vs actual by fiscal quarter (SPEC §15.6), against figures computed by hand.
@Suite struct QuarterTests {
    /// Year from January, goal 1,200,000 phased 1…12 (weight 78): month m's plan is
    /// 1,200,000 × (m+1) / 78. Cut-off 15 August (31 days): 7 full months + 15/31.
    ///   Q1 plan = 1,200,000 × 6 / 78 = 92,307.69…   actual 10 + 20 + 30 = 60
    ///   Q2 plan = 1,200,000 × 15 / 78 = 230,769.23…  actual 40 + 50 + 60 = 150
    ///   Q3 to date plan = 1,200,000 × (7 + 8 × 15/31) / 78 = 1,200,000 × 10.870967… / 78
    ///                   = 167,245.66 (to the cent)  actual 70 + 80 = 150
    @Test func quartersThroughACutOffInsideAMonth() {
        let calendar = FiscalCalendar(start: YearMonth(year: 2026, month: 1), asOf: Day(year: 2026, month: 8, day: 15)!)
        let weights = (1...12).map { Decimal($0) }
        let actual: [Decimal?] = (1...12).map { $0 <= 8 ? Decimal($0 * 10) : nil }
        let f = Figure(goal: 1_200_000, phasing: Phasing(weights), actual: actual, prior: [Decimal?](repeating: nil, count: 12),
                       calendar: calendar, thresholds: Thresholds())
        let q = Quarter.split(f, calendar: calendar)
        #expect(q.map(\.label) == ["Q1", "Q2", "Q3"])
        #expect(q.map(\.isToDate) == [false, false, true])
        #expect(q.map { $0.plan.rounded(places: 2) } == [Decimal(string: "92307.69")!, Decimal(string: "230769.23")!, Decimal(string: "167245.66")!])
        #expect(q.map(\.actual) == [60, 150, 150])
        #expect(q[0].gap.rounded(places: 2) == Decimal(string: "-92247.69")!)
        #expect(q.reduce(0) { $0 + $1.plan } == f.planToDate)
    }

    /// A cut-off on a quarter's last day: that quarter is complete, not "to date".
    @Test func aCutOffOnAQuarterEndClosesTheQuarter() {
        let calendar = FiscalCalendar(start: YearMonth(year: 2026, month: 1), asOf: Day(year: 2026, month: 6, day: 30)!)
        let f = Figure(goal: 1200, phasing: .even, actual: [Decimal?](repeating: 50, count: 12), prior: [Decimal?](repeating: nil, count: 12),
                       calendar: calendar, thresholds: Thresholds())
        let q = Quarter.split(f, calendar: calendar)
        #expect(q.map(\.plan) == [300, 300])
        #expect(q.map(\.actual) == [150, 150])
        #expect(q.map(\.isToDate) == [false, false])
        #expect(q[1].attainment == 0.5)
    }

    /// A goal no results row measures has no quarters (never a column of zeros, SPEC §10.7).
    @Test func anUnmeasuredFigureHasNoQuarters() {
        let calendar = FiscalCalendar(start: YearMonth(year: 2026, month: 1), asOf: Day(year: 2026, month: 6, day: 30)!)
        var f = Figure(goal: 1200, phasing: .even, actual: [Decimal?](repeating: nil, count: 12), prior: [Decimal?](repeating: nil, count: 12),
                       calendar: calendar, thresholds: Thresholds())
        f.markNotMeasured()
        #expect(Quarter.split(f, calendar: calendar).isEmpty)
    }
}
