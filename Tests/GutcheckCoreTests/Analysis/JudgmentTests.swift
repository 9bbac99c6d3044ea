import Foundation
import Testing

@testable import GutcheckCore

/// SPEC §13.3, §13.5, §13.6 on regions worked by hand: the verdict names its cause, noise is
/// not a shift, unknown is not zero.
@Suite struct JudgmentTests {
    static func plan(region: String, results: String = "") -> String {
        """
        gutcheck: 1
        fiscal_year: 2026
        as_of: 2026-06-30
        currency: USD
        \(results)
        regions:
          - id: north
            name: North
        \(region)
        """
    }

    static func rows(_ lines: [String]) -> String { "date,region,source,metric,value\n" + lines.joined(separator: "\n") + "\n" }

    static func monthly(_ source: String, _ metric: String, _ values: [Int]) -> [String] {
        values.enumerated().map { "2026-0\($0.offset + 1)-01,north,\(source),\(metric),\($0.element)" }
    }

    @Test func aShortfallNoSourcePlanCoversIsNamedAndAssignedFirst() throws {
        // Goal 1,200, even phasing: 600 due by June. Sources plan 500 + 500: 200 of the goal has
        // no source plan (100 due). A 250 of 250, B 260 of 250: both on track; the region 510 of
        // 600 is off track, and the whole shortfall is the unassigned part: 0 of 100.
        let plan = Self.plan(region: """
                goals: { revenue: 1200, profit: 120 }
                sources:
                  - { id: a, name: Alpha, revenue: 500 }
                  - { id: b, name: Beta, revenue: 500 }
            """)
        let rows = Self.rows(Self.monthly("a", "revenue", [40, 40, 40, 40, 40, 50]) + Self.monthly("b", "revenue", [40, 40, 40, 40, 50, 50]))
        let north = try Fixture.analyze(plan: Array(plan.utf8), results: Array(rows.utf8)).regions[0]
        #expect(north.revenue.gap == -90 && north.revenue.status == .offTrack)
        #expect(north.cause.source == Cause.SourcePart(id: "unassigned", gap: -100))
        #expect(north.cause.driver == nil)
        #expect(north.cause.isUnassignedGoal)
        // Its part of the 90 gap: the only negative part (−100), scaled to the gap: 90.
        let first = try #require(north.focusAreas.first)
        #expect(first.key == FocusArea.Key(kind: .source, id: "unassigned") && first.atStake == 90 && first.atStakeOf == 90)
    }

    @Test func aLeadVolumeGapIsCausedByLeadVolume() throws {
        // Targets: lead-to-close 10 %, deal size 100; 600 due by June needs 60 leads. 40 leads
        // closed at 10 % in deals of 100: 400, 200 behind — all of it lead volume.
        let plan = Self.plan(region: """
                goals: { revenue: 1200, profit: 120 }
                sources:
                  - { id: web, name: Web, revenue: 1200 }
                kpis:
                  - { id: conv, name: Lead-to-close, value: won_deals / leads, target: 0.1, unit: percent }
                  - { id: size, name: Deal size, value: revenue / won_deals, target: 100, unit: currency }
            """)
        let rows = Self.rows(["2026-02-01,north,web,leads,40", "2026-03-01,north,web,won_deals,4", "2026-04-01,north,web,revenue,400"])
        let north = try Fixture.analyze(plan: Array(plan.utf8), results: Array(rows.utf8)).regions[0]
        #expect(north.cause.driver == Cause.DriverPart(factor: .leads, effect: -200))
        #expect(north.cause.source == Cause.SourcePart(id: "web", gap: -200))
        #expect(!north.cause.isUnassignedGoal)
        // The lead-volume area is the whole gap; Web's too, by the other split: they overlap.
        let leads = try #require(north.focusAreas.first { $0.id == "leads" })
        #expect(leads.atStake == 200 && leads.overlaps == [FocusArea.Key(kind: .source, id: "web")])
    }

    @Test func aTinySourceMovingALotIsTooSmallToRead() throws {
        // Goal 12,000: Big plans 11,640 (970 a month), Tiny 360 (30 a month, 3 % of the region).
        // Tiny earned 10 a month in January–March and 60 in April–June: attainment 33 % → 200 %.
        let plan = Self.plan(region: """
                goals: { revenue: 12000, profit: 1200 }
                sources:
                  - { id: big, name: Big, revenue: 11640 }
                  - { id: tiny, name: Tiny, revenue: 360 }
            """)
        let rows = Self.rows(Self.monthly("big", "revenue", [970, 970, 970, 970, 970, 970]) + Self.monthly("tiny", "revenue", [10, 10, 10, 60, 60, 60]))
        let north = try Fixture.analyze(plan: Array(plan.utf8), results: Array(rows.utf8)).regions[0]
        let shift = try #require(north.shifts.first { $0.source == "tiny" })
        #expect(abs(shift.momentum.change - 5) < 1e-9)
        #expect(!shift.readable)
        #expect(shift.volume.earlierActual == 30 && shift.volume.recentActual == 180)
        #expect(!north.focusCandidates.contains { $0.id == "tiny" })
    }

    @Test func aMoveOnFewDealsIsTooSmallToRead() throws {
        // Half the region's plan, but one won deal a month: 3 in each window, under 5.
        let plan = Self.plan(region: """
                goals: { revenue: 1200, profit: 120 }
                sources:
                  - { id: a, name: Alpha, revenue: 600 }
                  - { id: b, name: Beta, revenue: 600 }
            """)
        let rows = Self.rows(Self.monthly("a", "revenue", [50, 50, 50, 20, 20, 20]) + Self.monthly("a", "won_deals", [1, 1, 1, 1, 1, 1])
                             + Self.monthly("b", "revenue", [50, 50, 50, 50, 50, 50]) + Self.monthly("b", "won_deals", [9, 9, 9, 9, 9, 9]))
        let north = try Fixture.analyze(plan: Array(plan.utf8), results: Array(rows.utf8)).regions[0]
        let shift = try #require(north.shifts.first { $0.source == "a" })
        #expect(!shift.readable && shift.volume.recentWonDeals == 3)
        // With five deals a window it reads.
        let more = Self.rows(Self.monthly("a", "revenue", [50, 50, 50, 20, 20, 20]) + Self.monthly("a", "won_deals", [2, 2, 1, 2, 2, 1])
                             + Self.monthly("b", "revenue", [50, 50, 50, 50, 50, 50]))
        let read = try Fixture.analyze(plan: Array(plan.utf8), results: Array(more.utf8)).regions[0]
        #expect(read.shifts.first { $0.source == "a" }?.readable == true)
    }

    static let dealPlan = plan(region: """
            goals: { revenue: 1200, profit: 120 }
        """, results: """
        results:
          deals:
            columns: { date: date, region: region, amount: amount, stage: stage }
            won: [Won]
            lost: [Lost]
        """)

    @Test func openDealsWithoutAmountsAreNotZeroPipeline() throws {
        // 500 won; two open deals closing in the second half, neither with an amount.
        let csv = "date,region,amount,stage\n2026-03-01,north,500,Won\n2026-08-01,north,,Proposal\n2026-09-01,north,,Proposal\n"
        let north = try Fixture.analyze(plan: Array(Self.dealPlan.utf8), results: Array(csv.utf8)).regions[0]
        #expect(north.pipeline.openDeals == 2 && north.pipeline.unvaluedDeals == 2)
        #expect(north.pipeline.open == nil && north.pipeline.missing == .noAmounts)
        #expect(north.board.pipelineCoverage == nil && north.board.unvaluedOpenDeals == 2)
        // One with an amount: coverage on it, 300 of the 700 still to win; one left out.
        let some = "date,region,amount,stage\n2026-03-01,north,500,Won\n2026-08-01,north,300,Proposal\n2026-09-01,north,,Proposal\n"
        let partly = try Fixture.analyze(plan: Array(Self.dealPlan.utf8), results: Array(some.utf8)).regions[0]
        #expect(partly.pipeline.open == 300 && partly.board.unvaluedOpenDeals == 1)
        #expect(partly.board.pipelineCoverage == 300.0 / 700.0)
    }

    @Test func anObjectiveIsJudgedOnlyOnItsOwnGoalsMeasure() throws {
        // An onboarding objective under customer success, measured by won deals: even at 150 %
        // of its target it is not "working" — it is a plan-check warning (SPEC §13.10).
        let plan = Self.plan(region: """
                goals: { revenue: 1200, profit: 120, customer_success: Onboard every new account in 30 days }
                objectives:
                  - { id: onboarding, goal: customer_success, statement: Faster onboarding, metric: won_deals, target: 20, due: 2026-12-31 }
                  - { id: qbrs, goal: customer_success, statement: Reviews held, metric: qbrs_held, target: 12, due: 2026-12-31 }
            """)
        let rows = Self.rows(Self.monthly("", "won_deals", [3, 3, 3, 3, 3, 0]) + Self.monthly("", "qbrs_held", [1, 1, 1, 1, 1, 1])
                             + Self.monthly("", "revenue", [100, 100, 100, 100, 100, 100]))
        let north = try Fixture.analyze(plan: Array(plan.utf8), results: Array(rows.utf8)).regions[0]
        #expect(north.objectives.first { $0.id == "onboarding" }?.measuredByAnotherGoal == .revenue)
        #expect(!north.working.contains { $0.id == "onboarding" } && !north.stop.contains { $0.id == "onboarding" })
        #expect(north.working.contains { $0.id == "qbrs" })
        #expect(north.findings.contains { $0.kind == .objectiveMeasuredByAnotherGoal(id: "onboarding", goal: .customerSuccess, metric: "won_deals", measures: .revenue) })
        // The customer-success goal is measured by its other objective, so no "unmeasured" warning.
        #expect(!north.findings.contains { $0.kind == .goalElementUnmeasured(element: .customerSuccess) })
    }
    @Test func aFlowKPIsMonthWithNoRowsCountsNoneWhereTheRegionHasRows() throws {
        // Won deals in January and March only; February has revenue rows but no won deals, so
        // its won deals are 0 (drawn as zero in the trend, not a gap). A stock KPI's empty month
        // stays unknown: the last reading is not zero.
        let plan = Self.plan(region: """
                goals: { revenue: 1200, profit: 120 }
                kpis:
                  - { id: wins, name: Deals won, value: won_deals, target: 12 }
            """).replacingOccurrences(of: "as_of: 2026-06-30", with: "as_of: 2026-03-31")
        let rows = Self.rows(["2026-01-01,north,,won_deals,2", "2026-01-01,north,,revenue,100",
                              "2026-02-01,north,,revenue,100", "2026-03-01,north,,won_deals,1", "2026-03-01,north,,revenue,100"])
        let north = try Fixture.analyze(plan: Array(plan.utf8), results: Array(rows.utf8)).regions[0]
        let wins = try #require(north.kpis.first { $0.kpi.id == "wins" })
        #expect(Array(wins.monthly.prefix(3)) == [2, 0, 1])
        #expect(wins.monthly[3] == nil)
    }
}
