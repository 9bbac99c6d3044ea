import Foundation
import Testing
@testable import GutcheckCore

/// The path to plan (SPEC §15.5), against figures computed by hand.
@Suite struct PathToPlanTests {
    /// Even phasing, goal 1,200, cut-off 30 June (6 months elapsed, 6 remaining), metric rows
    /// on 1 January–1 June: `leads` and `won` a month, revenue 100 a won deal.
    static func analyze(leads: Int, won: [Int], priorLeads: Int? = nil) throws -> RegionAnalysis {
        let plan = minimalPlan.replacingOccurrences(of: "currency: USD", with: "currency: USD\nas_of: 2026-06-30")
        var csv = "date,region,source,metric,value\n"
        for m in 1...6 {
            csv += "2026-0\(m)-01,northeast,channel,leads,\(leads)\n2026-0\(m)-01,northeast,channel,won_deals,\(won[m - 1])\n"
            csv += "2026-0\(m)-01,northeast,channel,revenue,\(won[m - 1] * 100)\n"
        }
        if let priorLeads {
            for m in 1...12 { csv += "2025-\(m < 10 ? "0" : "")\(m)-01,northeast,channel,leads,\(m <= 6 ? priorLeads : priorLeads * 2)\n" }
        }
        return try Fixture.analyze(plan: Array(plan.utf8), results: Array(csv.utf8)).regions[0]
    }

    /// 60 leads, 3 won (c = 5 %), 300 of revenue (s = 100): R = 900. Without last year's leads
    /// the lead flow follows the phasing: L = 60 × 6/6 = 60, bringing 60 × 5 % × 100 = 300 < 900.
    ///   leads a month = 900 ÷ (0.05 × 100) ÷ 6 = 30, against 60 ÷ 6 = 10 so far
    ///   lead-to-close = 900 ÷ (60 × 100) = 15 %, against 5 %
    ///   deal size     = 900 ÷ (60 × 0.05) = 300, against 100
    @Test func eachDriverAloneClosesTheGap() throws {
        let region = try Self.analyze(leads: 10, won: [1, 0, 1, 0, 1, 0])
        let path = try #require(region.pathToPlan)
        #expect(path.stillToWin == 900)
        #expect(path.atTodaysRates == 300)
        #expect(path.steps.map(\.factor) == [.leadsPerMonth, .conversion, .dealSize])
        #expect(path.steps.map(\.needed) == [30, Decimal(string: "0.15")!, 300])
        #expect(path.steps.map(\.soFar) == [10, Decimal(string: "0.05")!, 100])
        // The conversion needed is the canary's rest-of-year reading: one formula.
        #expect(region.funnelNeed?.required == path.steps[1].needed)
    }

    /// Last year 20 leads a month in January–June and 40 after: the rest of the year expects
    /// (360 − 120) × 60 / 120 = 120 leads (bringing 600 of the 900). lead-to-close = 900 ÷ (120 × 100) = 7.5 %, deal
    /// size = 900 ÷ (120 × 0.05) = 150; leads a month is the same 30 (it does not read L).
    @Test func theLeadFlowOfLastYearsSameMonths() throws {
        let path = try #require(try Self.analyze(leads: 10, won: [1, 0, 1, 0, 1, 0], priorLeads: 20).pathToPlan)
        #expect(path.steps.map(\.needed) == [30, Decimal(string: "0.075")!, 150])
    }

    /// 60 leads a half at 50 % and 100 a deal: 3,000 to date is past the 1,200 goal, and a
    /// region whose rates reach the goal (10 % of 60 expected leads × 100 = 600 ≥ 600 still to
    /// win) has no path to find.
    @Test func noPathWhereTodaysRatesReachTheGoal() throws {
        #expect(try Self.analyze(leads: 10, won: [5, 5, 5, 5, 5, 5]).pathToPlan == nil)
        #expect(try Self.analyze(leads: 10, won: [1, 1, 1, 1, 1, 1]).pathToPlan == nil)
    }
}
