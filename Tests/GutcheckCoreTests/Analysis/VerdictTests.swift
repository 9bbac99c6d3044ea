import Foundation
import Testing
@testable import GutcheckCore

/// SPEC §9, one verdict per thing: each rule against figures computed by hand.
@Suite struct VerdictTests {
    /// North: goal 1,200,000 phased 1 × 6 then 2 × 6 (Σ 18), so 6/18 = 400,000 is due by
    /// 30 June. Its sources add up to 1,000,000: 200,000 of the goal is in no source.
    static let plan = """
        gutcheck: 1
        fiscal_year: 2026
        as_of: 2026-06-30
        currency: USD
        regions:
          - id: north
            name: North
            goals: { revenue: 1200000, profit: 240000 }
            phasing: [1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2]
            sources:
              - { id: web, name: Web store, revenue: 600000 }
              - { id: field, name: Field sales, revenue: 400000 }
            kpis:
              - { id: wins, name: Won deals, value: won_deals, target: 90, unit: count }
            objectives:
              - id: web-goal
                goal: revenue
                statement: Web store to its goal
                metric: revenue
                source: web
                target: 600000
                due: 2026-12-31
              - id: q1-push
                goal: revenue
                statement: A field push in the first quarter
                metric: revenue
                source: field
                target: 150000
                due: 2026-03-31
                actions:
                  - { id: events, name: Field events, cost: 60000, spent: 45000, metric: leads, source: field, target: 300, due: 2026-03-31 }
            actions:
              - { id: brochure, name: Brochures, cost: 12000, objective: q1-push }
        """

    /// Web 35,000 a month, field 20,000 a month, 5,000 in March with no source; field
    /// leads 100 a month in the first quarter; 5 won deals a month.
    static var rows: String {
        var csv = "date,region,source,metric,value\n"
        for m in 1...6 {
            let day = "2026-0\(m)-01"
            csv += "\(day),north,web,revenue,35000\n\(day),north,field,revenue,20000\n\(day),north,web,won_deals,5\n"
            if m <= 3 { csv += "\(day),north,field,leads,100\n" }
        }
        return csv + "2026-03-15,north,,revenue,5000\n"
    }

    func north() throws -> RegionAnalysis {
        try Fixture.analyze(plan: Array(Self.plan.utf8), results: Array(Self.rows.utf8)).regions[0]
    }

    @Test func tablesBySourceAddUpWithTheUnassignedPart() throws {
        let north = try north()
        #expect(north.revenue.planToDate == 400_000)
        #expect(north.revenue.actualToDate == 335_000)
        // Goal: 1,200,000 − (600,000 + 400,000); plan to date: 400,000 − (200,000 + 133,333.33…);
        // actual: the 5,000 row with no source.
        #expect(north.unassigned.goal == 200_000)
        #expect(north.unassigned.planToDate.cents == Decimal(string: "66666.67")!)
        #expect(north.unassigned.actualToDate == 5000)
        #expect(north.unassigned.isShown)
        // Σ sources + unassigned = the region, exactly, for goal, plan, actual and gap.
        let sources = north.sources.map(\.revenue)
        #expect(sources.reduce(0) { $0 + $1.goal } + north.unassigned.goal == north.revenue.goal)
        // (Decimal keeps 38 digits: a third of 400,000 is exact to 20 places, not to 38.)
        #expect((sources.reduce(0) { $0 + $1.planToDate } + north.unassigned.planToDate).rounded(places: 20) == north.revenue.planToDate)
        #expect(sources.reduce(0) { $0 + $1.actualToDate } + north.unassigned.actualToDate == north.revenue.actualToDate)
        #expect((sources.reduce(0) { $0 + $1.gap } + north.unassigned.gap).rounded(places: 20) == north.revenue.gap)
        #expect(north.revenue.gap == -65_000)
    }

    @Test func anObjectiveEqualToItsSourcesGoalHasTheSamePlanToDate() throws {
        let north = try north()
        let web = try #require(north.sources.first { $0.source.id == "web" })
        let objective = try #require(north.objectives.first { $0.id == "web-goal" })
        // 600,000 × 6/18 both ways: one plan to date per target (SPEC §9.3).
        #expect(objective.targetToDate?.cents == 200_000)
        #expect(objective.targetToDate?.cents == web.revenue.planToDate.cents)
        #expect(objective.actual == web.revenue.actualToDate)
        #expect(!north.findings.contains { if case .objectiveDiffersFromSource(id: "web-goal", _, _, _) = $0.kind { return true } else { return false } })
    }

    @Test func anObjectiveDueMidYearIsDueInFullAndMeasuredOverItsPeriod() throws {
        let north = try north()
        let q1 = try #require(north.objectives.first { $0.id == "q1-push" })
        // Due 31 March: by 30 June all of it is due; only January–March's field revenue counts.
        #expect(q1.targetToDate == 150_000)
        #expect(q1.actual == 60_000)
        #expect(q1.attainment == 0.4)
        #expect(q1.status == .offTrack)
        // Its target is not the field's goal over the same quarter (400,000 × 3/18 = 66,666.67).
        let finding = try #require(north.findings.first { if case .objectiveDiffersFromSource = $0.kind { return true } else { return false } })
        guard case .objectiveDiffersFromSource(let id, let source, let target, let goal) = finding.kind else { return }
        #expect(id == "q1-push" && source == "field" && target == 150_000 && goal.cents == Decimal(string: "66666.67")!)
    }

    @Test func anActionWithSpentCostsWhatWasSpent() throws {
        let north = try north()
        let events = try #require(north.actions.first { $0.id == "events" })
        // 300 leads due by 31 March, 300 recorded: on track; 45,000 spent over 300 leads = 150 a lead.
        #expect(events.targetToDate == 300)
        #expect(events.actual == 300)
        #expect(events.costToDate == .spent(45_000))
        #expect(events.costPerResult == 150)
        // The brochures have a budget and no metric: 12,000 × 6/12 to date, pro rata, and not measured.
        let brochure = try #require(north.actions.first { $0.id == "brochure" })
        #expect(brochure.costToDate == .budgetProRata(6000))
        #expect(brochure.unmeasured == .noMetric)
    }

    @Test func workingAndStopAreDisjointAndSourcesAreNeverStopped() throws {
        let north = try north()
        let working = north.working.map { "\($0.kind)/\($0.id)" }
        let stop = north.stop.map { "\($0.kind)/\($0.id)" }
        // Web (105 %) and the objective that is exactly its goal (one line), and the events
        // action (100 %) work; the events line says its source is behind (field at 90 %).
        #expect(working == ["source/web", "action/events"])
        #expect(north.working[0].sameAs?.id == "web-goal")
        #expect(north.working.last?.sourceBehind?.source.id == "field")
        // The first-quarter push is off track; the brochures are not measured.
        #expect(stop == ["objective/q1-push", "action/brochure"])
        #expect(north.stop.last?.isNotMeasured == true)
        #expect(Set(working).isDisjoint(with: stop))
        #expect(!north.stop.contains { $0.kind == .source })
    }

    @Test func aFlowKPIIsComparedWithItsPhasedTarget() throws {
        let north = try north()
        let wins = try #require(north.kpis.first { $0.kpi.id == "wins" })
        // 90 won deals for the year, 6/18 due by June = 30; 30 won: on track, not 33 %.
        #expect(wins.kind == .flow)
        #expect(wins.targetToDate == 30)
        #expect(wins.actual == 30)
        #expect(wins.status == .onTrack)
        #expect(!north.focusCandidates.contains { $0.id == "wins" })
    }

    /// East: goal 1,200,000 phased 1 × 6 then 3 × 6 (Σ 24): 300,000 due by June.
    static func east(midyear: String = "", rows extra: String = "") -> (plan: String, rows: String) {
        let plan = """
            gutcheck: 1
            fiscal_year: 2026
            as_of: 2026-06-30
            currency: USD
            regions:
              - id: east
                name: East
                goals: { revenue: 1200000, profit: 120000 }
                phasing: [1, 1, 1, 1, 1, 1, 3, 3, 3, 3, 3, 3]
                kpis:
                  - { id: conv, name: Lead-to-close, value: won_deals / leads, target: 0.10, unit: percent, canary: true }
            \(midyear)
            """
        var csv = "date,region,source,metric,value\n"
        for m in 1...6 { csv += "2026-0\(m)-01,east,,revenue,55000\n2026-0\(m)-01,east,,leads,100\n2026-0\(m)-01,east,,won_deals,10\n" }
        return (plan, csv + extra)
    }

    @Test func theCanaryOnTrackToDateButOutOfReachForTheRestOfTheYear() throws {
        // Last year's leads came evenly, 100 a month: the rest of the year expects 600 (SPEC §13.2).
        let priorLeads = (1...12).map { "2025-\($0 < 10 ? "0" : "")\($0)-01,east,,leads,100\n" }.joined()
        let (plan, rows) = Self.east(rows: priorLeads)
        let east = try Fixture.analyze(plan: Array(plan.utf8), results: Array(rows.utf8)).regions[0]
        // Revenue 330,000 of 300,000: on track. Lead-to-close 60 / 600 = 10 % of a 10 % target: on track to date.
        #expect(east.revenue.status == .onTrack)
        let canary = try #require(east.canary)
        #expect(canary.actual == Decimal(string: "0.1")!)
        #expect(canary.statusToDate == .onTrack)
        // The rest of the year: 870,000 still to win at 5,500 a deal is 158.18 deals from the
        // 600 leads expected (last year's 600 in July–December × 600 / 600 so far): 26.36 %
        // needed against 10 % achieved → off track.
        let need = try #require(canary.need)
        #expect(need.dealSize == 5500)
        #expect(need.revenueNeeded == 870_000)
        #expect(need.expectedLeads == 600 && need.leadFlowBasis == .priorYear)
        #expect(abs(need.required.double - 870_000.0 / 5_500.0 / 600.0) < 1e-12)
        #expect(canary.statusRestOfYear == .offTrack)
        // One state, the worse reading; and with revenue on plan, it sounds.
        #expect(canary.state == .offTrack)
        #expect(canary.sounds)
    }

    @Test func nothingMoreNeededIsOnTrack() throws {
        let (plan, rows) = Self.east(rows: "2026-06-15,east,,revenue,900000\n")
        let canary = try #require(Fixture.analyze(plan: Array(plan.utf8), results: Array(rows.utf8)).regions[0].canary)
        #expect(canary.need?.required == 0)
        #expect(canary.statusRestOfYear == .onTrack)
        #expect(canary.state == .onTrack)
        #expect(!canary.sounds)
    }

    @Test func aRegionAtPlanProtectsItsLead() throws {
        // Even phasing, goal 1,200 in one source: 100 a month planned. January–March 150 a
        // month (150 %), April–June 110 (110 %): attainment fell 26.7 %, beyond the 20 % shift.
        let plan = """
            gutcheck: 1
            fiscal_year: 2026
            as_of: 2026-06-30
            currency: USD
            regions:
              - id: south
                name: South
                goals: { revenue: 1200, profit: 0 }
                sources:
                  - { id: web, name: Web, revenue: 1200 }
            """
        var csv = "date,region,source,metric,value\n"
        for m in 1...6 { csv += "2026-0\(m)-01,south,web,revenue,\(m <= 3 ? 150 : 110)\n" }
        let south = try Fixture.analyze(plan: Array(plan.utf8), results: Array(csv.utf8)).regions[0]
        #expect(south.position == .atPlan)
        let shift = try #require(south.shifts.first)
        #expect(south.shifts.count == 1)
        #expect(shift.direction == .challenge)
        #expect(shift.momentum.earlier == 1.5 && abs(shift.momentum.recent - 1.1) < 1e-12)
        #expect(abs(shift.momentum.change - (1.1 / 1.5 - 1)) < 1e-12)
        // Protect the lead: the rest of the year's plan (600) × the 40-point drop = 240.
        let focus = try #require(south.focusCandidates.first)
        #expect(focus.key == FocusArea.Key(kind: .source, id: "web"))
        #expect(focus.atStake.cents == 240)
        #expect(focus.reason == .losingMomentum(earlier: 1.5, recent: south.shifts[0].momentum.recent))
    }

    @Test func aRiseThePhasingExpectsIsNoShift() throws {
        // Phasing doubles from April and so do the actuals: attainment is flat at 100 %.
        let plan = """
            gutcheck: 1
            fiscal_year: 2026
            as_of: 2026-06-30
            currency: USD
            regions:
              - id: south
                name: South
                goals: { revenue: 1800, profit: 0 }
                phasing: [1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2]
                sources:
                  - { id: web, name: Web, revenue: 1800 }
            """
        var csv = "date,region,source,metric,value\n"
        for m in 1...6 { csv += "2026-0\(m)-01,south,web,revenue,\(m <= 3 ? 100 : 200)\n" }
        let south = try Fixture.analyze(plan: Array(plan.utf8), results: Array(csv.utf8)).regions[0]
        #expect(south.shifts.isEmpty)
    }

    @Test func lastYearIsEvidenceInTheSameLineAndMaySayTheReadingsDisagree() throws {
        // Attainment falls from 150 % to 100 %, yet April–June are up 25 % on last year's 80.
        let plan = """
            gutcheck: 1
            fiscal_year: 2026
            as_of: 2026-06-30
            currency: USD
            regions:
              - id: south
                name: South
                goals: { revenue: 1200, profit: 0 }
                sources:
                  - { id: web, name: Web, revenue: 1200 }
            """
        var csv = "date,region,source,metric,value\n"
        for m in 1...6 { csv += "2026-0\(m)-01,south,web,revenue,\(m <= 3 ? 150 : 100)\n2025-0\(m)-01,south,web,revenue,80\n" }
        let south = try Fixture.analyze(plan: Array(plan.utf8), results: Array(csv.utf8)).regions[0]
        #expect(south.shifts.count == 1)
        let last = try #require(south.shifts[0].lastYear)
        #expect(last.priorActual == 240 && last.recentActual == 300)
        #expect(last.change == 0.25)
        #expect(south.shifts[0].readingsAgree == false)
    }

    @Test func oneForecastCallAndBoardFigures() throws {
        let plan = """
            gutcheck: 1
            fiscal_year: 2026
            as_of: 2026-06-30
            currency: USD
            regions:
              - id: south
                name: South
                goals: { revenue: 1320, profit: 264 }
                sources:
                  - { id: web, name: Web, revenue: 1320 }
            """
        var csv = "date,region,source,metric,value\n"
        for m in 1...6 { csv += "2026-0\(m)-01,south,web,revenue,110\n2026-0\(m)-01,south,web,profit,20\n" }
        let without = try Fixture.analyze(plan: Array(plan.utf8), results: Array(csv.utf8)).regions[0]
        // No prior year: the call is pace, goal × attainment = 1,320 × 660/660.
        #expect(without.revenue.call?.method == .pace)
        #expect(without.revenue.call?.value == 1320)
        #expect(without.board.growth == nil)
        // Margin to date 120 / 660 against 264 / 1,320 planned.
        #expect(without.board.marginToDate == 120.0 / 660.0)
        #expect(without.board.plannedMargin == 0.2)
        // Last year 100 a month: seasonal = 660 × 1,200 / 600 = 1,320; growth 660 / 600 − 1 = 10 %,
        // against the 1,320 / 1,200 − 1 = 10 % the goal implies.
        for m in 1...12 { csv += "2025-\(m < 10 ? "0" : "")\(m)-01,south,web,revenue,100\n" }
        let with = try Fixture.analyze(plan: Array(plan.utf8), results: Array(csv.utf8)).regions[0]
        #expect(with.revenue.call?.method == .seasonal)
        #expect(with.revenue.call?.value == 1320)
        #expect(with.revenue.forecast.range?.low == 1320 && with.revenue.forecast.range?.high == 1320)
        #expect(abs((with.board.growth ?? 0) - 0.1) < 1e-12)
        #expect(abs((with.board.goalImpliedGrowth ?? 0) - 0.1) < 1e-12)
        // No open deals and no pipeline rows: coverage is unknown, not 0.
        #expect(with.board.pipelineCoverage == nil)
    }

    @Test func theLeadersPickIsKeptBesideTheDatas() throws {
        let (plan, rows) = Self.east(midyear: """
                midyear:
                  the_one: Channel partners
                  focus_areas: [Channel partners, Profit margin]
            """, rows: "2026-01-01,east,,profit,1000\n")
        let east = try Fixture.analyze(plan: Array(plan.utf8), results: Array(rows.utf8)).regions[0]
        // Profit is 1,000 of 30,000 due: the data's first. The leader picked something else.
        #expect(east.theOne?.kind == .profit)
        let comparison = east.focusComparison
        #expect(comparison.theOne?.text == "Channel partners")
        #expect(comparison.theOneAgrees == false)
        #expect(comparison.leaderFocusAreas.map(\.dataRank) == [nil, 1])
        // The roll-up carries the leader's words, never the data's pick in their place.
        let rollup = Rollup(try Fixture.analyze(plan: Array(plan.utf8), results: Array(rows.utf8)))
        #expect(rollup.regions[0].leaderTheOne == "Channel partners")
        #expect(rollup.regions[0].theOneAgrees == false)
        #expect(rollup.regions[0].focus.first?.key == FocusArea.Key(kind: .profit, id: "profit"))
    }
}
