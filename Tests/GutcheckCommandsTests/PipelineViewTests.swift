import Foundation
import Testing
@testable import GutcheckCommands

/// SPEC §15 in the views: quarters, the path to plan, the pipeline by stage — each table in
/// the region report (Markdown and HTML) and its summary.json keys, with the same figures.
@Suite struct PipelineViewTests {
    typealias Scenario = JudgmentScenarioTests

    /// Even goal 1,200 (100 a month), cut-off 15 August: Q1 and Q2 complete, Q3 to date =
    /// July + 15/31 of August = 148.39 planned. Won 90 a month (and 45 on 10 August).
    @Test func quartersAddUpInTheTableAndTheSummary() throws {
        var deals = "date,region,source,amount,stage,created\n"
        for m in 1...7 { deals += "2026-0\(m)-10,north,web,90,Closed Won,2026-01-01\n" }
        deals += "2026-08-10,north,web,45,Closed Won,2026-01-01\n"
        // Open: two closing in the rest of the year, one stale (closing 1 August, still open).
        deals += "2026-09-30,north,web,400,Proposal,2026-07-16\n2026-10-30,north,web,100,Proposal,2026-08-05\n2026-08-01,north,web,60,Proposal,2026-03-01\n"
        let v = try Scenario.render(Scenario.plan("""
                goals: { revenue: 1200, profit: 120 }
                sources:
                  - { id: web, name: Web, revenue: 1200 }
            """, asOf: "2026-08-15"), deals)
        let md = v.texts["regions/north.md"]!
        #expect(md.contains("| Q1 | January–March | 300 | 270 | 90.0 % | −30 |"), "\(md)")
        #expect(md.contains("| Q2 | April–June | 300 | 270 | 90.0 % | −30 |"))
        #expect(md.contains("| Q3 to date | July–August (to 15 August 2026) | 148 | 135 | 91.0 % | −13 |"))
        #expect(md.contains("| **Year to date** | January–August | **748** | **675** | **90.2 %** | **−73** |"))
        let quarters = try #require(v.north["quarters"] as? [[String: Any]])
        #expect(quarters.map { $0["quarter"] as? String } == ["Q1", "Q2", "Q3"])
        #expect(quarters.map { $0["plan"] as? Double } == [300, 300, 148.39])
        #expect(quarters.map { $0["to_date"] as? Bool } == [false, false, true])
        // The company's quarters are the region's here (one region).
        let totals = try #require(v.json["totals"] as? [String: Any])
        #expect((totals["quarters"] as? [[String: Any]])?.map { $0["actual"] as? Double } == [270, 270, 135])
        #expect(v.texts["index.md"]!.contains("| Q3 to date | July–August (to 15 August 2026) | 148 | 135 | 91.0 % | −13 |"))

        // By stage: 2 open deals (500), ages 30 and 10 days; one stale deal of 60.
        #expect(md.contains("| Proposal | 2 | 500 | 100.0 % | 20 | 30 |"), "\(md)")
        #expect(md.contains("Stale: 1 deal worth $60 is still open though its close date (on or before the cut-off) has passed; it is not counted as open pipeline."))
        let html = v.texts["regions/north.html"]!
        #expect(html.contains("Stale: 1 deal worth $60 is still open"))
        let pipeline = try #require(v.north["pipeline"] as? [String: Any])
        let stage = try #require((pipeline["stages"] as? [[String: Any]])?.first)
        #expect(stage["stage"] as? String == "Proposal" && stage["deals"] as? Int == 2 && stage["amount"] as? Double == 500)
        #expect(stage["median_age_days"] as? Double == 20 && stage["oldest_age_days"] as? Int == 30)
        #expect((pipeline["stale"] as? [String: Any])?["amount"] as? Double == 60)
        #expect(v.north["open_pipeline"] as? Double == 500)
    }

    /// Goal 1,200 even, cut-off 30 June: 10 leads a month, 3 deals of 100 (PathToPlanTests'
    /// figures): 30 leads a month against 10, 15 % against 5 %, $300 against $100.
    @Test func thePathToPlanInTheReportAndTheSummary() throws {
        let rows = Scenario.monthly("web", "leads", [10, 10, 10, 10, 10, 10]) + Scenario.monthly("web", "won_deals", [1, 0, 1, 0, 1, 0])
            + Scenario.monthly("web", "revenue", [100, 0, 100, 0, 100, 0])
        let v = try Scenario.render(Scenario.plan("""
                goals: { revenue: 1200, profit: 120 }
                sources:
                  - { id: web, name: Web, revenue: 1200 }
            """), Scenario.rows(rows))
        for view in ["regions/north.md", "regions/north.html"] {
            let text = v.texts[view]!
            #expect(text.contains("the rest of the year falls short of the $900 still to win"), "\(view)")
            #expect(text.contains("Leads a month | 30 | 10") || text.contains("Leads a month 30 10"), "\(view)")
            #expect(text.contains("Lead-to-close rate | 15.0 % | 5.0 %") || text.contains("Lead-to-close rate 15.0 % 5.0 %"), "\(view)")
            #expect(text.contains("Average deal size | $300 | $100") || text.contains("Average deal size $300 $100"), "\(view)")
        }
        let path = try #require(v.north["path_to_plan"] as? [[String: Any]])
        #expect(path.map { $0["factor"] as? String } == ["leads_per_month", "conversion", "deal_size"])
        #expect(path.map { $0["needed"] as? Double } == [30, 0.15, 300])
        #expect(path.map { $0["so_far"] as? Double } == [10, 0.05, 100])
    }
}

/// Forecast categories in the region report, the index and summary.json (SPEC §15.1).
@Suite struct CategoryViewTests {
    static let rows = """
        date,region,source,amount,stage,forecast_category
        2026-05-10,north,web,400,Closed Won,Closed
        2026-06-10,north,web,100,Closed Won,Closed
        2026-08-15,north,web,200,Negotiation,Commit
        2026-09-01,north,field,100,Negotiation,commit
        2026-07-20,north,web,150,Proposal,Best Case
        2026-10-05,north,field,400,Proposal,Pipeline
        2026-11-11,north,web,50,Proposal,Omitted
        2026-03-15,north,web,70,Negotiation,Commit

        """

    @Test func categoriesAgainstTheGoalInEveryView() throws {
        // CategoryTests' figures: goal 1,200, won 500, commit 300, best case 150, pipeline 400, omitted 50.
        let v = try JudgmentScenarioTests.render(JudgmentScenarioTests.plan("""
                goals: { revenue: 1200, profit: 120 }
                sources:
                  - { id: web, name: Web, revenue: 600 }
                  - { id: field, name: Field, revenue: 600 }
            """), Self.rows)
        let md = v.texts["regions/north.md"]!
        #expect(md.contains("Closed $500, commit $300, best case $150 against a $1.20K goal: closed and commit reach 66.7 % of it, with best case 79.2 %"), "\(md)")
        #expect(md.contains("| Closed (won to date) | 2 | 500 | 500 | 41.7 % |"))
        #expect(md.contains("| Commit | 2 | 300 | 800 | 66.7 % |"))
        #expect(md.contains("| Best case | 1 | 150 | 950 | 79.2 % |"))
        #expect(md.contains("| Pipeline | 1 | 400 | 1,350 | 112.5 % |"))
        #expect(md.contains("| Omitted | 1 | 50 | — | — |"))
        #expect(v.texts["regions/north.html"]!.contains("closed and commit reach 66.7 % of it"))
        #expect(v.texts["index.md"]!.contains("| **Total** | **500** | **300** | **150** | **400** | **66.7 %** | **79.2 %** |"))
        let c = try #require(v.north["categories"] as? [String: Any])
        #expect(c["closed"] as? Double == 500 && c["commit"] as? Double == 300 && c["best_case"] as? Double == 150)
        #expect(c["pipeline"] as? Double == 400 && c["omitted"] as? Double == 50)
        let total = try #require((v.json["totals"] as? [String: Any])?["categories"] as? [String: Any])
        #expect(total["commit"] as? Double == 300)
        // The categories add up to the open pipeline.
        #expect(v.north["open_pipeline"] as? Double == 900)
        // The deals behind the gap (SPEC §15.4): the open deals by amount; no lost deal, no ids or owners mapped.
        #expect(md.contains("## Appendix: the deals behind the gap"))
        #expect(!md.contains("The largest deals lost this year to date"))
        #expect(md.contains("| Close date | Source | Amount (USD) | Stage |\n|---|---|---:|---|\n| 5 October 2026 | Field | 400 | Proposal |\n| 15 August 2026 | Web | 200 | Negotiation |"), "\(md)")
        let open = try #require(v.north["largest_open_deals"] as? [[String: Any]])
        #expect(open.map { $0["amount"] as? Double } == [400, 200, 150, 100, 50])
        #expect(open.first?["source"] as? String == "field" && open.first?["detail"] as? String == "Proposal")
        #expect((v.north["largest_lost_deals"] as? [Any])?.isEmpty == true)
    }
}
