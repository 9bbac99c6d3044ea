import Foundation
import Testing
@testable import GutcheckCore

/// SPEC §11.3–5 against figures computed by hand: the whole funnel, deal owners and quotas,
/// loss reasons, and the goal's three elements.
@Suite struct FunnelAndOwnersTests {
    /// North: goal 1,200,000, even phasing, cut-off 30 June: 600,000 planned to date. The
    /// funnel inquiries → leads → opportunities → won deals plans 25 %, 40 %, 50 % and a
    /// $10,000 deal: the top's plan is 600,000 ÷ (0.25 × 0.4 × 0.5 × 10,000) = 1,200
    /// inquiries. Actual: 1,000 inquiries, 300 leads (30 %), 90 opportunities (30 %), 45 won
    /// (50 %), revenue 540,000 (deal size 12,000) — 1,000 × 0.3 × 0.3 × 0.5 × 12,000.
    static func plan(funnel: String = "funnel: [inquiries, leads, opportunities, won_deals]\n    conversion_targets: [0.25, 0.4, 0.5]") -> String {
        """
        gutcheck: 1
        fiscal_year: 2026
        as_of: 2026-06-30
        currency: USD
        metrics: { inquiries: { aggregate: sum } }
        regions:
          - id: north
            name: North
            goals: { revenue: 1200000, profit: 0 }
            \(funnel)
            kpis:
              - { id: deal, name: Deal size, value: revenue / won_deals, target: 10000, unit: currency }
              - { id: l2c, name: Lead-to-close, value: won_deals / leads, target: 0.05 }
        """
    }

    static func results(inquiries: Int = 1000) -> String {
        var csv = "date,region,source,metric,value\n"
        // Spread over the months; only the sums to date matter.
        for (metric, total) in [("inquiries", inquiries), ("leads", 300), ("opportunities", 90), ("won_deals", 45), ("revenue", 540_000)] {
            csv += "2026-01-15,north,,\(metric),\(total / 2)\n2026-05-15,north,,\(metric),\(total - total / 2)\n"
        }
        return csv
    }

    func north(_ plan: String = plan(), _ csv: String = results()) throws -> RegionAnalysis {
        try Fixture.analyze(plan: Array(plan.utf8), results: Array(csv.utf8)).regions[0]
    }

    @Test func stagesConversionsAndTheWeakestStep() throws {
        let f = try #require(try north().funnel)
        #expect(f.stages.map(\.metric) == ["inquiries", "leads", "opportunities", "won_deals"])
        #expect(f.stages.map(\.count) == [1000, 300, 90, 45])
        #expect(f.stages.map(\.conversion) == [nil, Decimal(string: "0.3"), Decimal(string: "0.3"), Decimal(string: "0.5")])
        #expect(f.stages.map(\.target) == [nil, Decimal(string: "0.25"), Decimal(string: "0.4"), Decimal(string: "0.5")])
        // 0.30/0.25 = 1.2, 0.30/0.40 = 0.75, 0.50/0.50 = 1: leads die between leads and opportunities.
        #expect(f.weakest == "opportunities")
    }

    /// L(540,000, 600,000) = −60,000 ÷ ln 0.9 = 569,473.29; each effect is L × ln(actual ÷ plan):
    /// inquiries ln(1,000/1,200) → −103,827.26; leads/inquiries ln 1.2 → +103,827.26;
    /// opportunities/leads ln 0.75 → −163,827.26; won/opportunities ln 1 → 0; deal size
    /// ln 1.2 → +103,827.26. Sum −60,000.00, the gap.
    @Test func theExtendedLMDISplitAddsUpToTheGapToTheCent() throws {
        let f = try #require(try north().funnel)
        guard case .success(let factors) = f.factors else { Issue.record("\(f.factors)"); return }
        #expect(factors.map(\.driver.key) == ["inquiries", "leads/inquiries", "opportunities/leads", "won_deals/opportunities", "deal_size"])
        #expect(factors[1].driver == .conversion(from: "inquiries", into: "leads") && factors[1].driver.step! == ("inquiries", "leads"))
        #expect(abs(factors[0].plan - 1200) < 1e-9)
        #expect(factors.map(\.actual).enumerated().allSatisfy { i, x in abs(x - [1000, 0.3, 0.3, 0.5, 12000][i]) < 1e-9 })
        #expect(f.effectsInCents == [Decimal(string: "-103827.26")!, Decimal(string: "103827.26")!, Decimal(string: "-163827.26")!, 0,
                                     Decimal(string: "103827.26")!])
        #expect(f.effectsInCents.reduce(0, +) == -60_000)
        // Order-free: each effect depends on its own factor only, so listing the targets by
        // step name in another order gives the same split.
        let reordered = try north(Self.plan(funnel: """
            funnel: { stages: [inquiries, leads, opportunities, won_deals], conversion_targets: { won_deals/opportunities: 0.5, inquiries_to_leads: 0.25, opportunities: 0.4 } }
            """)).funnel
        #expect(reordered?.effectsInCents == f.effectsInCents)
    }

    @Test func aStageWithNoCountIsNotComputableAndSaysWhich() throws {
        let f = try #require(try north(Self.plan(), Self.results(inquiries: 0)).funnel)
        guard case .failure(let why) = f.factors else { Issue.record("computed"); return }
        #expect(why == .noCount(stage: "inquiries"))
        #expect(f.stages[1].conversion == nil, "no conversion from zero inquiries")
        // A funnel that does not end in won deals cannot carry deal size.
        let short = try #require(try north(Self.plan(funnel: "funnel: [inquiries, leads]\n    conversion_targets: [0.25]")).funnel)
        guard case .failure(let reason) = short.factors else { Issue.record("computed"); return }
        #expect(reason == .notEndingInWonDeals(last: "leads"))
        #expect(short.weakest == "leads")
        // A step without a target: the stages still show, the split says what is missing.
        let untargeted = try #require(try north(Self.plan(funnel: "funnel: [inquiries, leads, opportunities, won_deals]\n    conversion_targets: [0.25, null, 0.5]")).funnel)
        guard case .failure(let missing) = untargeted.factors else { Issue.record("computed"); return }
        #expect(missing == .missingTarget(step: "opportunities/leads"))
        #expect(untargeted.weakest == "won_deals", "of the steps with targets: 0.5/0.5 against 0.3/0.25")
    }

    /// The funnel's negative effects are focus candidates in place of the three-factor
    /// bridge, and a KPI the funnel already prices (lead-to-close spans two of its steps) is
    /// not counted again. The region is 60,000 behind: the negative effects (−163,827.26 and
    /// −103,827.26, partly offset by the positive ones) are scaled to add up to it (SPEC §13.4).
    @Test func theFunnelPricesTheFocusAreas() throws {
        let north = try north()
        let drivers = north.focusCandidates.filter { $0.kind == .driver }
        #expect(drivers.map(\.id) == ["opportunities/leads", "inquiries"])
        #expect(drivers.allSatisfy { $0.name == nil })  // the narrative layer names them (NarrativeTests)
        let negative = Decimal(string: "267654.52")!
        #expect(drivers[0].atStake == Decimal(string: "163827.26")! / negative * 60_000)
        #expect(drivers[1].atStake == Decimal(string: "103827.26")! / negative * 60_000)
        #expect(abs((drivers[0].atStake + drivers[1].atStake - 60_000).double) < 1e-20)
        #expect(!north.focusCandidates.contains { $0.kind == .kpi && $0.id == "l2c" })
    }

    @Test func funnelPlansAreCheckedWithTheirLocation() {
        func errors(_ funnel: String) -> [String] {
            var d = Diagnostics()
            _ = Plan.read(yaml: Array(Self.plan(funnel: funnel).utf8), file: "plan.yaml", diagnostics: &d)
            return d.items.filter { $0.severity == .error }.map(\.formatted)
        }
        // SPEC §14.9: a stage not declared under metrics: is a flow; a near miss is a warning.
        #expect(errors("funnel: [inquiries, leeds, won_deals]") == [])
        var d = Diagnostics()
        let plan = Plan.read(yaml: Array(Self.plan(funnel: "funnel: [inquiries, leeds, won_deals]").utf8), file: "plan.yaml", diagnostics: &d)
        #expect(plan?.regions[0].funnel?.stages == ["inquiries", "leeds", "won_deals"])
        #expect(d.warnings.map(\.formatted).contains("plan.yaml:10:25: warning: funnel stage 'leeds' is not a declared metric, so it is read as a flow metric of the results; did you mean 'leads'?"))
        #expect(errors("funnel: [leads, pipeline]").first?.contains("is a stock (aggregate: last)") == true)
        #expect(errors("funnel: [leads, won_deals]\n    conversion_targets: [0.1, 0.2]") == [
            "plan.yaml:11:25: error: conversion_targets of region 'north' lists 2 values; expected 1, one per step from leads to won_deals",
        ])
        #expect(errors("funnel: [leads, won_deals]\n    conversion_targets: { deals: 0.1 }").first?.contains("names 'deals', which is no step of the funnel; expected one of won_deals/leads") == true)
        #expect(errors("conversion_targets: [0.1]").first?.contains("needs a funnel: beside it") == true)
        #expect(errors("funnel: [leads, leads]").first?.contains("appears twice") == true)
    }

    // MARK: Owners and loss reasons

    static let dealPlan = """
        gutcheck: 1
        fiscal_year: 2026
        as_of: 2026-06-30
        currency: USD
        results:
          deals:
            columns: { date: Close, region: Region, source: Source, amount: Amount, stage: Stage, owner: Owner, loss_reason: Why }
            won: [Closed Won]
            lost: [Closed Lost]
        team:
          - { name: Ann, region: north, quota: 12000 }
          - { name: bob, region: North, quota: 20000 }
          - { name: Dee, region: north, quota: 6000 }
        regions:
          - id: north
            name: North
            goals: { revenue: 100000, profit: 0 }
        """

    /// Ann: 1,000 + 3,000 won, one lost: win rate 2/3, deal size 2,000, quota 12,000 phased
    /// evenly → 6,000 to date, attainment 4,000/6,000. Bob (team spells him "bob"): 4,000
    /// won, two lost: 1/3, 4,000, 10,000 to date, 40 %. Cy: one lost, no quota. Dee: on the
    /// team, no deals. One lost deal has no owner. Last year's and July's deals do not count.
    static let deals = """
        Close,Region,Source,Amount,Stage,Owner,Why
        2026-01-10,north,,1000,Closed Won,Ann,
        2026-02-10,north,,3000,Closed Won,Ann ,
        2026-03-10,north,,500,Closed Lost,Ann,Price
        2026-03-11,north,,2000,Closed Lost,Bob,Competitor
        2026-04-10,north,,4000,Closed Won,Bob,
        2026-04-12,north,,700,Closed Lost,Bob,Price
        2026-05-01,north,,900,Closed Lost,Cy,Competitor
        2026-05-02,north,,100,Closed Lost,,
        2025-12-15,north,,9999,Closed Won,Ann,
        2026-07-05,north,,8888,Closed Won,Ann,
        2026-08-01,north,,5000,Proposal,Ann,

        """

    @Test func ownersFiguresAndQuotaAttainment() throws {
        let north = try Fixture.analyze(plan: Array(Self.dealPlan.utf8), results: Array(Self.deals.utf8)).regions[0]
        let rows = north.owners.map { o in
            "\(o.name ?? "nil") \(o.wonRevenue) \(o.wonDeals)/\(o.lostDeals) \(o.winRate.map { String(format: "%.4f", $0) } ?? "-") "
                + "\(o.dealSize.map { "\($0)" } ?? "-") \(o.quotaToDate.map { "\($0)" } ?? "-") \(o.attainment.map { String(format: "%.4f", $0) } ?? "-")"
        }
        #expect(rows == [
            "Ann 4000 2/1 0.6667 2000 6000 0.6667",
            "bob 4000 1/2 0.3333 4000 10000 0.4000",
            "Cy 0 0/1 0.0000 - - -",
            "Dee 0 0/0 - - 3000 0.0000",
            "nil 0 0/1 0.0000 - - -",
        ])
        #expect(north.owners.map(\.wonRevenue).reduce(0, +) == north.revenue.actualToDate)
    }

    @Test func lossReasonsByLostValue() throws {
        let north = try Fixture.analyze(plan: Array(Self.dealPlan.utf8), results: Array(Self.deals.utf8)).regions[0]
        #expect(north.lossReasons.map { "\($0.reason ?? "nil") \($0.lostDeals) \($0.lostValue)" } == [
            "Competitor 2 2900", "Price 2 1200", "nil 1 100",
        ])
    }

    /// Reasons of equal lost value and deals go by name, the lost deals with no reason last.
    @Test func lossReasonsTiedByValueGoByNameAndNoReasonLast() throws {
        let deals = "Close,Region,Source,Amount,Stage,Owner,Why\n2026-03-10,north,,100,Closed Lost,Ann,Price\n"
            + "2026-03-11,north,,100,Closed Lost,Ann,\n2026-03-12,north,,100,Closed Lost,Ann,(lost)\n2026-06-12,north,,50,Closed Won,Ann,\n"
        let north = try Fixture.analyze(plan: Array(Self.dealPlan.utf8), results: Array(deals.utf8)).regions[0]
        #expect(north.lossReasons.map(\.reason) == ["(lost)", "Price", nil])
    }

    @Test func aTeamWithoutAnOwnerColumnIsFlagged() throws {
        let plan = Self.dealPlan.replacingOccurrences(of: ", owner: Owner", with: "")
        let north = try Fixture.analyze(plan: Array(plan.utf8), results: Array(Self.deals.utf8)).regions[0]
        #expect(north.owners.isEmpty)
        #expect(north.findings.contains { $0.kind == .teamWithoutOwners })
    }

    // MARK: The goal's three elements

    @Test func theThreeElementsAreCheckedPerRegion() throws {
        let plan = """
            gutcheck: 1
            fiscal_year: 2026
            currency: USD
            regions:
              - id: bare
                name: Bare
                goals: { revenue: 1000, profit: 0 }
              - id: stated
                name: Stated
                goals: { revenue: 1000, profit: 0, relationships: QBRs with the top ten, customer_success: Live in 30 days }
                objectives:
                  - { id: qbrs, goal: relationships, statement: Hold 40 QBRs, metric: qbrs_held, target: 40, due: 2026-12-31 }
                  - { id: web, goal: revenue, statement: Web to 500, metric: revenue, target: 500, due: 2026-12-31 }
            """
        let company = try Fixture.analyze(plan: Array(plan.utf8), results: Array("date,region,source,metric,value\n2026-01-05,bare,,revenue,10\n2026-01-05,stated,,qbrs_held,3\n".utf8))
        func elements(_ r: Int) -> [String] {
            company.regions[r].findings.compactMap {
                switch $0.kind {
                case .goalElementMissing(let e): return "missing \(e.rawValue)"
                case .goalElementUnmeasured(let e): return "unmeasured \(e.rawValue)"
                default: return nil
                }
            }
        }
        #expect(elements(0) == ["missing relationships", "unmeasured revenue", "missing customer_success"])
        #expect(elements(1) == ["unmeasured customer_success"])
        // A custom flow measures a relationships objective without being declared.
        let qbrs = try #require(company.regions[1].objectives.first { $0.id == "qbrs" })
        #expect(qbrs.actual == 3)
    }
}
