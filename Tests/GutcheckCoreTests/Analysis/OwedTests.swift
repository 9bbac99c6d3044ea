import Foundation
import Testing
@testable import GutcheckCore

/// Who owes what (SPEC §11.3), on a region worked by hand.
@Suite struct OwedTests {
    /// North: goal 1,200,000 phased 1 × 6 then 2 × 6, so 400,000 is due by 30 June; each
    /// source 600,000 of it (200,000 due). Web (Bo Chen) brings 25,000 a month = 150,000, 75 %:
    /// off track and 25 % under plan. Field (no owner) brings 45,000 a month = 270,000, 135 %:
    /// 35 % over plan, explained under `midyear.explanations` (words under `learned` alone would not count, SPEC §13.9). Revenue 420,000 of
    /// 400,000: on track. Lead-to-close (Cy Diaz, the canary) is 72 of 600 leads = 0.12 against
    /// 0.115: on track to date. Last year's leads came evenly (100 a month), so the rest of the
    /// year expects 600 more; it needs (1,200,000 − 420,000) ÷ (420,000 ÷
    /// 72) ÷ 600 = 0.2229 against 0.12 achieved, 53.8 %: off track, so the canary's state is
    /// off track. The objective (Di Evans) is the web store to its goal: 150,000 of 200,000,
    /// off track. The brochure action (nobody named) has a cost and nothing measures it.
    static let plan = """
        gutcheck: 1
        fiscal_year: 2026
        as_of: 2026-06-30
        currency: USD
        regions:
          - id: north
            name: North
            leader: Ana Lima
            goals: { revenue: 1200000, profit: 240000 }
            phasing: [1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2]
            sources:
              - { id: web, name: Web store, owner: Bo Chen, revenue: 600000 }
              - { id: field, name: Field sales, revenue: 600000 }
            kpis:
              - { id: l2c, name: Lead-to-close, owner: Cy Diaz, value: won_deals / leads, target: 0.115, canary: true }
            objectives:
              - id: web-goal
                goal: revenue
                owner: Di Evans
                statement: Web store to its goal
                metric: revenue
                source: web
                target: 600000
                due: 2026-12-31
                actions:
                  - { id: brochure, name: Brochures, cost: 12000 }
            midyear:
              learned: ["Field sales grew on the new price list."]
              explanations: { field: "Field sales grew on the new price list." }
              the_one: Web store
        """

    static var rows: String {
        var csv = "date,region,source,metric,value\n"
        for m in 1...12 { csv += "2025-\(m < 10 ? "0" : "")\(m)-01,north,field,leads,100\n" }
        for m in 1...6 {
            let day = "2026-0\(m)-01"
            csv += "\(day),north,web,revenue,25000\n\(day),north,field,revenue,45000\n"
            csv += "\(day),north,field,leads,100\n\(day),north,field,won_deals,12\n\(day),north,,profit,14000\n"
        }
        return csv
    }

    func north() throws -> RegionAnalysis {
        try Fixture.analyze(plan: Array(Self.plan.utf8), results: Array(Self.rows.utf8)).regions[0]
    }

    @Test func theFiguresBehindTheScenario() throws {
        let north = try north()
        #expect(north.revenue.planToDate == 400_000)
        #expect(north.revenue.actualToDate == 420_000)
        #expect(north.revenue.status == .onTrack)
        let canary = try #require(north.canary)
        #expect(canary.statusToDate == .onTrack)
        #expect(canary.statusRestOfYear == .offTrack)
        #expect(canary.state == .offTrack)
        #expect(canary.sounds)
    }

    @Test func everyOwnerOwesWhatTheirCommitmentsNeed() throws {
        let owed = try north().owed
        let lines = owed.map { o -> String in
            let what: String
            switch o.owes {
            case .recovery: what = "recovery"
            case .explanation(let v): what = "explanation \(Int((v * 100).rounded()))"
            case .measure: what = "measure"
            case .answers(let q, let changes): what = "answers \(q.map(String.init).joined(separator: ","))\(changes ? " +changes" : "")"
            }
            return "\(o.owner ?? "-") \(o.kind.rawValue) \(o.id) \(o.status.map { "\($0)" } ?? "-") \(what)"
        }
        #expect(lines == [
            // The leader owns what names nobody, and comes first.
            "Ana Lima action brochure - measure",
            "Ana Lima question 5,6,8,9,10 - answers 5,6,8,9,10 +changes",
            // Then owners by name; within each, commitments before explanations.
            "Bo Chen source web offTrack recovery",
            "Bo Chen source web - explanation -25",
            // The canary's one state, not its reading to date.
            "Cy Diaz kpi l2c offTrack recovery",
            "Di Evans objective web-goal offTrack recovery",
        ])
        // Field's +35 % is explained under midyear.explanations, so nothing is owed for it.
        #expect(!owed.contains { $0.id == "field" })
    }

    @Test func whatNamesNobodyIsTheLeaders() throws {
        let yaml = Self.plan.replacingOccurrences(of: "owner: Bo Chen, ", with: "")
            .replacingOccurrences(of: "owner: Cy Diaz, ", with: "")
            .replacingOccurrences(of: "        owner: Di Evans\n", with: "")
        let owed = try Fixture.analyze(plan: Array(yaml.utf8), results: Array(Self.rows.utf8)).regions[0].owed
        #expect(owed.count == 6)
        #expect(owed.allSatisfy { $0.owner == "Ana Lima" })
        // With no leader named, the owner is left for the views to word ("the leader").
        let leaderless = yaml.replacingOccurrences(of: "    leader: Ana Lima\n", with: "")
        let unnamed = try Fixture.analyze(plan: Array(leaderless.utf8), results: Array(Self.rows.utf8)).regions[0].owed
        #expect(unnamed.count == 6 && unnamed.allSatisfy { $0.owner == nil })
    }
}
