import Foundation
import Testing
@testable import GutcheckCore

/// Q10/Q11: the candidates priced in dollars at stake in the rest of the year, and the
/// leader's own list beside the data's, against figures computed by hand.
@Suite struct FocusTests {
    /// Goal 1,200,000, even phasing, cut-off 31 March: plan to date 300,000, 900,000 for the
    /// rest of the year. Sources 600,000 each (150,000 to date, 450,000 to come).
    static func plan(kpis: String, midyear: String = "") -> String {
        """
        gutcheck: 1
        fiscal_year: 2026
        as_of: 2026-03-31
        currency: USD
        metrics: { cycle_days: { aggregate: last } }
        regions:
          - id: north
            name: North
            goals: { revenue: 1200000, profit: 120000 }
            sources:
              - { id: web, name: Web store, revenue: 600000 }
              - { id: field, name: Field sales, revenue: 600000 }
            kpis:
        \(kpis)
        \(midyear)
        """
    }

    static let rows = """
        date,region,source,metric,value
        2026-01-01,north,web,revenue,100000
        2026-02-01,north,field,revenue,150000
        2026-03-01,north,web,profit,15000
        2026-03-01,north,web,leads,100
        2026-03-01,north,web,opportunities,40
        2026-03-01,north,web,won_deals,10
        """

    func north(_ yaml: String, rows: String = Self.rows) throws -> RegionAnalysis {
        try Fixture.analyze(plan: Array(yaml.utf8), results: Array(rows.utf8)).regions[0]
    }

    @Test func candidatesArePricedForTheRestOfTheYear() throws {
        let north = try north(Self.plan(kpis: """
                  - { id: opp-rate, name: Leads to opportunities, value: opportunities / leads, target: 0.5, unit: percent }
                  - { id: cycle, name: Days to close, value: cycle_days, target: 30, unit: days, better: lower }
            """), rows: Self.rows + "\n2026-03-01,north,web,cycle_days,40")
        let byID = Dictionary(uniqueKeysWithValues: north.focusCandidates.map { ($0.id, $0) })
        // 250,000 of 300,000 to date: 50,000 behind, so every area is a part of that gap (SPEC §13.4).
        // By source: Web 100,000 of 150,000 is the whole gap; Field is on plan.
        #expect(byID["web"]?.atStake.cents == 50_000 && byID["web"]?.basis == .gapToDate && byID["web"]?.atStakeOf == 50_000)
        #expect(byID["field"] == nil)
        // Off-track KPIs no split prices share the gap by their shortfall: opportunities / leads
        // 0.4 of 0.5 → 80 %: 50,000 × 0.2 = 10,000; days to close (lower is better) 30/40 = 75 %: 12,500.
        #expect(byID["opp-rate"]?.kind == .kpi)
        #expect(byID["opp-rate"]?.atStake.cents == 10_000)
        #expect(byID["cycle"]?.atStake.cents == 12_500)
        // Profit 15,000 of 30,000: its shortfall to date, 15,000, never more.
        #expect(byID["profit"]?.atStake.cents == 15_000 && byID["profit"]?.basis == .profitGapToDate)
        #expect(north.focusCandidates.map(\.id) == ["web", "profit", "cycle", "opp-rate"])
        #expect(north.theOne?.id == "web")
        // The KPI's dollars are a share of the same gap as Web's: each marks the other.
        #expect(byID["web"]?.overlaps == [FocusArea.Key(kind: .kpi, id: "cycle")])
        #expect(byID["cycle"]?.overlaps == [FocusArea.Key(kind: .source, id: "web")])
        #expect(byID["profit"]?.overlaps == [])
        for f in north.focusCandidates { #expect(f.atStake >= 0 && f.atStake <= f.atStakeOf) }
    }

    @Test func aFunnelKPIIsPricedByTheBridgeWhenItIsComputable() throws {
        let kpis = """
                  - { id: conv, name: Lead-to-close, value: won_deals / leads, target: 0.2, unit: percent }
            """
        // Without a deal-size KPI the bridge cannot be computed: the KPI stands in.
        // 10/100 = 0.1 of 0.2 → 50 %: half of the 50,000 gap, 25,000.
        let alone = try north(Self.plan(kpis: kpis))
        guard case .failure = alone.drivers else { Issue.record("bridge should not be computable"); return }
        #expect(alone.focusCandidates.first { $0.id == "conv" }?.atStake.cents == 25_000)
        // With one, the lead-to-close driver carries it and the KPI is not counted twice.
        let both = try north(Self.plan(kpis: kpis + "\n" + """
                  - { id: size, name: Deal size, value: revenue / won_deals, target: 25000, unit: currency }
            """))
        guard case .success(let bridge) = both.drivers else { Issue.record("bridge should be computable"); return }
        #expect(!both.focusCandidates.contains { $0.kind == .kpi })
        let driver = try #require(both.focusCandidates.first { $0.id == "lead_to_close" })
        // Its share of the 50,000 gap: the negative effects, scaled to add up to the gap exactly.
        let cents = bridge.effectsInCents
        let negative = [cents.leads, cents.leadToClose, cents.dealSize].filter { $0 < 0 }.reduce(0, +)
        #expect(driver.atStake == cents.leadToClose / negative * 50_000)
        let drivers = both.focusCandidates.filter { $0.kind == .driver }
        #expect(drivers.reduce(Decimal(0)) { $0 + $1.atStake } == 50_000)
    }

    @Test func theLeadersListIsComparedWithTheData() throws {
        let north = try north(Self.plan(kpis: """
                  - { id: opp-rate, name: Leads to opportunities, value: opportunities / leads, target: 0.5, unit: percent }
            """, midyear: """
                midyear:
                  focus_areas: [Web store conversion, Field, Hiring]
                  the_one: Web store
            """))
        let c = north.focusComparison
        #expect(c.leaderFocusAreas.map(\.match?.id) == ["web", "field", nil])
        #expect(c.leaderFocusAreas.map(\.dataRank) == [1, nil, nil])  // Web, the whole 50,000 gap, ranks first
        #expect(c.leaderFocusAreas[1].match?.atStake == 0)  // Field is on plan
        #expect(c.dataOnly.map(\.id) == ["profit", "opp-rate"])
        #expect(!c.listsAgree)
        #expect(c.theOneAgrees == true)
    }

    @Test func matchingIsByWholeWords() {
        let area = FocusArea(kind: .source, id: "new-logos", name: "New logos", atStake: 1, reason: .onPlan(attainment: nil))
        #expect(FocusComparison.names("New-logo conversion", area))
        #expect(FocusComparison.names("new logos", area))
        #expect(FocusComparison.names("Logos", area))  // the leader's words are all in the title
        #expect(!FocusComparison.names("Newer accounts", area))
        #expect(!FocusComparison.names("", area))
        let agreed = FocusComparison(candidates: [area], leaderFocusAreas: ["New logos"], leaderTheOne: "new logos")
        #expect(agreed.listsAgree && agreed.theOneAgrees == true)
        let silent = FocusComparison(candidates: [area], leaderFocusAreas: [], leaderTheOne: nil)
        #expect(!silent.listsAgree && silent.theOneAgrees == nil && silent.dataOnly.isEmpty)
    }

    /// A driver answers to the plan's key for it, not to the report's title for it: the
    /// agreement is decided on the plan's words, so rewording a title cannot change it.
    @Test func aDriverMatchesByItsKey() {
        func driver(_ id: String) -> FocusArea { FocusArea(kind: .driver, id: id, atStake: 1, reason: .driverCost(effect: -1)) }
        #expect(FocusComparison.names("Lead volume", driver("leads")))
        #expect(FocusComparison.names("Lift lead-to-close with tighter qualification", driver("lead_to_close")))
        #expect(FocusComparison.names("Average deal size", driver("deal_size")))
        #expect(FocusComparison.names("Conversion from inquiries to leads", driver("leads/inquiries")))
        #expect(FocusComparison.names("More inquiries", driver("inquiries")))
        // The words it is known by (Driver.vocabulary), either way round.
        #expect(FocusComparison.names("Lead conversion", driver("lead_to_close")))
        #expect(FocusComparison.names("Inquiry conversion", driver("leads/inquiries")) == false, "“inquiry” is not “inquiries”")
        #expect(FocusComparison.names("Conversion from inquiries", driver("leads/inquiries")))
        #expect(FocusComparison.names("Volume", driver("leads")))
        #expect(FocusComparison.names("Goal", FocusArea(kind: .source, id: FocusArea.unassignedId, atStake: 1, reason: .unassigned(gap: -1))))
        // Nothing fuzzier: a doubtful pair is shown as different.
        #expect(!FocusComparison.names("Deal velocity", driver("deal_size")))
        #expect(!FocusComparison.names("Lead quality", driver("deal_size")))
        #expect(FocusComparison.names("Profit margin", FocusArea(kind: .profit, id: "profit", atStake: 1, reason: .onPlan(attainment: nil))))
    }
}

/// The roll-up's sources across regions and recurring focus areas, by hand.
@Suite struct RollupFigureTests {
    @Test func sourcesSumAcrossRegionsAndFocusAreasRecur() throws {
        let plan = """
            gutcheck: 1
            fiscal_year: 2026
            as_of: 2026-03-31
            currency: USD
            regions:
              - id: north
                name: North
                goals: { revenue: 1200000, profit: 0 }
                sources:
                  - { id: web, name: Web store, revenue: 600000 }
                  - { id: field, name: Field sales, revenue: 600000 }
              - id: south
                name: South
                goals: { revenue: 1200000, profit: 0 }
                sources:
                  - { id: field, name: Field, revenue: 400000 }
                  - { id: web, name: Web, revenue: 800000 }
            """
        let rows = """
            date,region,source,metric,value
            2026-01-01,north,web,revenue,100000
            2026-02-01,north,field,revenue,150000
            2026-01-01,south,web,revenue,50000
            2026-02-01,south,field,revenue,160000.50
            """
        let rollup = Rollup(try Fixture.analyze(plan: Array(plan.utf8), results: Array(rows.utf8)))
        let sources = rollup.sources
        // Plan order of first appearance; a name from the first region that plans it.
        #expect(sources.map(\.id) == ["web", "field"])
        #expect(sources.map(\.name) == ["Web store", "Field sales"])
        #expect(sources[0].regions == ["North", "South"])
        // Web: plan to date 150,000 + 200,000; actual 100,000 + 50,000.
        #expect(sources[0].revenue.planToDate == 350_000)
        #expect(sources[0].revenue.actualToDate == 150_000)
        #expect(sources[0].revenue.gap == -200_000)
        // Field: 150,000 + 100,000 planned; 150,000 + 160,000.50 actual.
        #expect(sources[1].revenue.actualToDate == Decimal(string: "310000.5")!)
        // Sources add up to the company total when every row names a source.
        #expect(sources.reduce(Decimal(0)) { $0 + $1.revenue.actualToDate } == rollup.revenue.actualToDate)
        // Web is behind in both regions, each its part of the region's gap to date: North's whole
        // 50,000; South's 89,999.50 (Web −150,000, partly offset by Field's +60,000.50).
        let recurring = try #require(rollup.recurringFocus.first)
        #expect(rollup.recurringFocus.count == 1)
        #expect(recurring.key == FocusArea.Key(kind: .source, id: "web") && recurring.regions == ["North", "South"])
        #expect(recurring.atStake == Decimal(string: "139999.5")! && recurring.basis == .gapToDate)
    }
}
