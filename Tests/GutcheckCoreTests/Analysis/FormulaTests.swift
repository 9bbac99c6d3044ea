import Foundation
import Testing
@testable import GutcheckCore

/// SPEC §7 figures against values computed by hand (and re-checked with Python's decimal
/// module) for the October fiscal-year fixture.
@Suite struct FormulaTests {
    @Test func endOfMonthCutOff() throws {
        let company = try Fixture.analyze()
        let north = company.regions[0]
        let r = north.revenue
        // Six of twelve months elapsed; phasing 1×6 then 2×6, so 6/18 of the goal is due.
        #expect(company.calendar.elapsed == 6)
        #expect(r.planToDate == 400000)
        // Oct 50,000.25 + 10,000.10 (split) + Nov 60,000 + Dec 70,000 + Jan 80,000 + Feb 90,000
        // + Mar 30,000.50 + 5,000; April's 99,999 is after the cut-off.
        #expect(r.actualToDate == Decimal(string: "395000.85")!)
        #expect(r.attainment == 0.987502125)
        #expect(r.gap.cents == Decimal(string: "-4999.15")!)
        #expect(r.status == .atRisk)
        #expect(r.forecast.runRate?.cents == Decimal(string: "790001.70")!)
        #expect(r.forecast.pace?.cents == Decimal(string: "1185002.55")!)
        // (1,200,000 − 395,000.85) / 6 = 134,166.525 → half away from zero.
        #expect(r.requiredMonthlyRestOfYear?.cents == Decimal(string: "134166.53")!)
        // Prior year 40,000 × 6 then 60,000 × 6: 395,000.85 × 600,000 / 240,000 = 987,502.125.
        #expect(r.forecast.seasonal?.cents == Decimal(string: "987502.13")!)
        #expect(company.notes.afterCutOff == 1)
        // May 2023 is older than the prior year but within the three years kept for the
        // forecast backtest (SPEC §13.1): read, not ignored.
        #expect(company.notes.older == 0)
        #expect(company.notes.files[0].earlierYears == 1)
    }

    @Test func midMonthCutOff() throws {
        let company = try Fixture.analyze(asOf: Day(year: 2026, month: 3, day: 15))
        let r = company.regions[0].revenue
        #expect(company.calendar.fullMonths == 5)
        #expect(company.calendar.partialFraction == Decimal(15) / Decimal(31))
        // 1,200,000 × (5 + 15/31) / 18 = 365,591.397…
        #expect(r.planToDate.cents == Decimal(string: "365591.40")!)
        // The 20 March row now falls after the cut-off too.
        #expect(r.actualToDate == Decimal(string: "390000.85")!)
        #expect(r.gap.cents == Decimal(string: "24409.45")!)
        #expect(r.status == .onTrack)
        #expect(r.forecast.runRate?.cents == Decimal(string: "853413.62")!)
        #expect(r.forecast.pace?.cents == Decimal(string: "1280120.44")!)
        #expect(r.requiredMonthlyRestOfYear?.cents == Decimal(string: "124306.80")!)
        #expect(r.forecast.seasonal?.cents == Decimal(string: "1066767.03")!)
        #expect(company.notes.afterCutOff == 2)
    }

    @Test func profitRoundsHalfAwayFromZeroOnce() throws {
        let north = try Fixture.analyze().regions[0]
        #expect(north.profit.planToDate == 100000)
        #expect(north.profit.actualToDate == Decimal(string: "40000.005")!)
        #expect(north.profit.actualToDate.cents == Decimal(string: "40000.01")!)
    }

    @Test func totalsAreSumsWithRatiosFromSums() throws {
        let company = try Fixture.analyze()
        #expect(company.revenue.goal == 1800000)
        #expect(company.revenue.planToDate == 700000)
        #expect(company.revenue.actualToDate == Decimal(string: "728334.18")!)
        #expect(company.revenue.attainment == (Decimal(string: "728334.18")! / 700000).double)
        // South has even phasing: half the year's goal is due.
        #expect(company.regions[1].revenue.planToDate == 300000)
    }

    @Test func sourcesUseTheRegionPhasing() throws {
        let north = try Fixture.analyze().regions[0]
        #expect(north.sources[0].revenue.planToDate == 300000)
        #expect(north.sources[1].revenue.planToDate == 100000)
        #expect(north.sources[0].revenue.actualToDate + north.sources[1].revenue.actualToDate == north.revenue.actualToDate)
    }

    @Test func kpiIsARatioOfSums() throws {
        let north = try Fixture.analyze().regions[0]
        let conversion = north.kpis[0]
        // (25 + 15) / (300 + 200), not the mean of 25/300 and 15/200.
        #expect(conversion.actual == Decimal(40) / Decimal(500))
        #expect(conversion.status == .offTrack)
        #expect(north.kpis[1].actual == Decimal(string: "395000.85")! / 40)
    }

    @Test func driverEffectsMatchLMDIAndAddUpToTheGap() throws {
        let north = try Fixture.analyze().regions[0]
        let bridge = try north.drivers.get()
        // L0 = 400,000 / (0.10 × 10,000) = 400 leads planned; 500 actual.
        #expect(abs(bridge.leads.plan - 400) < 1e-9)
        #expect(abs(bridge.leads.effect - 88698.48735446313) < 1e-6)
        #expect(abs(bridge.leadToClose.effect - -88698.48735446311) < 1e-6)
        #expect(abs(bridge.dealSize.effect - -4999.15) < 1e-6)
        let cents = bridge.effectsInCents
        #expect(cents.leads + cents.leadToClose + cents.dealSize == Decimal(string: "-4999.15")!)
    }

    @Test func driversNotComputableSayWhy() throws {
        let south = try Fixture.analyze().regions[1]
        guard case .failure(let why) = south.drivers else {
            Issue.record("expected no bridge for a region without funnel KPIs")
            return
        }
        #expect(why == .noConversionKPI)
    }

    @Test func undefinedFiguresAreNil() {
        let calendar = FiscalCalendar(start: YearMonth(year: 2026, month: 1), asOf: Day(year: 2026, month: 12, day: 31)!)
        let f = Figure(goal: 0, phasing: .even, actual: [Decimal?](repeating: nil, count: 12),
                       prior: [Decimal?](repeating: nil, count: 12), calendar: calendar, thresholds: Thresholds())
        #expect(f.attainment == nil)
        #expect(f.status == nil)
        #expect(f.forecast.pace == nil)
        #expect(f.forecast.seasonal == nil)
        #expect(f.requiredMonthlyRestOfYear == nil)
    }

    @Test func calendarSlots() {
        let c = FiscalCalendar(start: YearMonth(year: 2025, month: 10), asOf: Day(year: 2026, month: 3, day: 15)!)
        #expect(c.slot(of: Day(year: 2025, month: 10, day: 1)!) == .current(0))
        #expect(c.slot(of: Day(year: 2026, month: 3, day: 15)!) == .current(5))
        #expect(c.slot(of: Day(year: 2026, month: 3, day: 16)!) == .afterCutOff)
        #expect(c.slot(of: Day(year: 2024, month: 10, day: 1)!) == .priorYear(0))
        #expect(c.slot(of: Day(year: 2024, month: 9, day: 30)!) == .older)
    }

    @Test func initiativeTargetsArePhasedToTheirDueDate() throws {
        let yaml = minimalPlan + """

                objectives:
                  - id: grow
                    goal: revenue
                    statement: Grow
                    metric: revenue
                    target: 1200
                    actions:
                      - { id: enable, name: Enable, cost: 100, metric: leads, target: 181, due: 2026-06-30 }
            """
        let csv = "date,region,source,metric,value\n2026-01-01,northeast,channel,leads,40\n2026-02-01,northeast,channel,revenue,300\n"
        let company = try Fixture.analyze(plan: Array(yaml.utf8), results: Array(csv.utf8),
                                          asOf: Day(year: 2026, month: 3, day: 31))
        let action = company.regions[0].actions[0]
        // Even phasing: January–March is 3 of the 6 months to 30 June (SPEC §9.3).
        #expect(action.targetToDate == Decimal(string: "90.5")!)
        #expect(action.actual == 40)
        // No `spent`: the budget to date pro rata, 100 × 3/6 = 50, over 40 leads (SPEC §9.6).
        #expect(action.costToDate == .budgetProRata(50))
        #expect(action.costPerResult == Decimal(string: "1.25")!)
        let objective = company.regions[0].objectives[0]
        // No due date: phased like the region (even), 3 of 12 months.
        #expect(objective.targetToDate == 300)
        #expect(objective.status == .onTrack)
    }
}
