import Foundation
import Testing
@testable import GutcheckCommands
@testable import GutcheckRender

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

    /// An empty owner or loss-reason field is one row of its own, named by the report (the
    /// core holds no name for it), and an owner who happens to be called "(no owner)" stays apart.
    @Test func dealsWithoutAnOwnerOrAReasonAreOneRowEach() throws {
        let deals = """
            date,region,source,amount,stage,owner,why
            2026-01-10,north,web,300,Closed Won,Ann,
            2026-02-10,north,web,200,Closed Won,,
            2026-03-10,north,web,50,Closed Won,(no owner),
            2026-03-11,north,web,70,Closed Lost,Ann,Price
            2026-06-11,north,web,40,Closed Lost,,

            """
        let v = try Scenario.render(Scenario.plan("""
                goals: { revenue: 1200, profit: 120 }
                sources:
                  - { id: web, name: Web, revenue: 1200 }
            """, results: "results:\n  deals:\n    columns: { date: date, region: region, source: source, amount: amount, stage: stage, owner: owner, loss_reason: why }\n    won: [Closed Won]\n    lost: [Closed Lost]"), deals)
        let md = v.texts["regions/north.md"]!
        #expect(md.contains("| Ann | 300 | 1 | 1 | 50.0 % | 300 |"), "\(md)")
        #expect(md.contains("| (no owner) | 50 | 1 | 0 | 100.0 % | 50 |"))
        #expect(md.contains("| (no owner) | 200 | 1 | 1 | 50.0 % | 200 |"))
        // The empty owner's row comes last, after the one named "(no owner)".
        #expect(md.range(of: "| (no owner) | 50 |")!.lowerBound < md.range(of: "| (no owner) | 200 |")!.lowerBound)
        #expect(md.contains("| (no reason given) | 1 | 40 |"), "\(md)")
        let owners = try #require(v.north["owners"] as? [[String: Any]])
        #expect(owners.map { $0["name"] as? String } == ["Ann", "(no owner)", "(no owner)"])
        let reasons = try #require(v.north["loss_reasons"] as? [[String: Any]])
        #expect(reasons.map { $0["reason"] as? String } == ["Price", "(no reason given)"])
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

/// `--previous-results`: the pipeline's movement since an earlier snapshot (SPEC §15.3),
/// from the command line to the report, summary.json and the tables.
@Suite struct PipelineMovementCommandTests {
    let base = MeaninglessInputTests()

    /// On 31 March the pipeline (open, closing April–December) is D-2 200 and D-5 300. By 30
    /// June D-2 was won (200 out), D-5 grew to 330 (+30), D-6 was created (90 in), and D-4 was
    /// created and won within the quarter (in neither pipeline): 500 − 200 + 30 + 90 = 420.
    static let march = "Deal ID,Close Date,Region,Amount,Stage\nD-1,2026-01-05,Europe,100,Won\nD-2,2026-05-05,Europe,200,Open\nD-3,2026-02-09,Europe,40,Lost\nD-5,2026-07-01,Europe,300,Open\nD-7,2026-03-20,Europe,10,Won\n"
    static let june = "Deal ID,Close Date,Region,Amount,Stage\nD-1,2026-01-05,Europe,100,Won\nD-2,2026-05-05,Europe,250,Won\nD-3,2026-02-09,Europe,40,Lost\nD-4,2026-06-01,Europe,70,Won\nD-5,2026-08-01,Europe,330,Open\nD-6,2026-09-01,Europe,90,Open\nD-7,2026-03-20,Europe,10,Won\n"

    func firstRegion(_ json: JSONValue) -> JSONValue? {
        guard case .array(let regions)? = json["regions"] else { return nil }
        return regions.first
    }

    func plan(id: Bool = true) -> String {
        DealIdTests().plan().replacingOccurrences(of: id ? "@@" : ", id: Deal ID", with: "")
    }

    func run(_ dir: URL, _ extra: [String]) -> (status: Int32, out: String, err: String, folder: URL) {
        let out = dir.appendingPathComponent("out-\(extra.count)")
        let r = gutcheck(["report"] + base.args(dir, ["june.csv"]) + ["--as-of", "2026-06-30", "--out", out.path, "--quiet", "--format", "md,json,csv,packet"] + extra)
        return (r.status, r.out, r.err, out)
    }

    @Test func theMovementAddsUpInTheReportTheSummaryAndTheTable() throws {
        let dir = try base.folder(plan: plan(), files: ["march.csv": Self.march, "june.csv": Self.june])
        let r = run(dir, ["--previous-results", dir.appendingPathComponent("march.csv").path, "--previous-as-of", "2026-03-31"])
        try #require(r.status == 0, "\(r.err)")
        let json = try JSONValue.parse(Array(read(r.folder.appendingPathComponent("summary.json")).utf8))
        let m = try #require(firstRegion(json)?["pipeline_movement"])
        #expect(m["from"] == .string("2026-03-31") && m["to"] == .string("2026-06-30"))
        #expect(m["open_at_start"]?["amount"] == .number("500") && m["open_at_start"]?["deals"] == .number("2"))
        #expect(m["won"]?["amount"] == .number("200"))
        #expect(m["value_changed"]?["amount"] == .number("30") && m["value_changed"]?["deals"] == .number("1"))
        #expect(m["created"]?["amount"] == .number("90"))
        #expect(m["open_now"]?["amount"] == .number("420") && m["open_now"]?["deals"] == .number("2"))
        #expect(m["lost"]?["deals"] == .number("0") && m["removed"]?["deals"] == .number("0"))
        let md = read(r.folder.appendingPathComponent("regions/europe.md"))
        #expect(md.contains("| **Open on 31 March 2026** | **2** | **500.00** |"), "\(md)")
        #expect(md.contains("| Won | −1 | −200.00 |"))
        #expect(md.contains("| Amounts changed | 1 | +30.00 |"))
        #expect(md.contains("| **Open on 30 June 2026** | **2** | **420.00** |"))
        #expect(md.contains("In: 1 created ($90). Out: 1 won ($200). Amounts changed on 1 deal still open, +$30 in all."))
        // The packet's region page says it in a line: 500 at the start, 420 now; 90 in, 200 out, all of it won.
        #expect(read(r.folder.appendingPathComponent("board-packet.html")).contains("<dt>Pipeline</dt><dd>Since 31 March 2026: $500 → $420 ($90 in, $200 out, $200 of it won).</dd>"))
        let table = read(r.folder.appendingPathComponent("tables/europe/pipeline_movement.csv"))
        #expect(table.hasPrefix("step,deals,amount\r\nopen_at_start,2,500\r\ncreated,1,90\r\npulled_in,0,0\r\nwon,-1,-200\r\n"), "\(table)")
        #expect(table.hasSuffix("value_changed,1,30\r\nopen_now,2,420\r\n"))
    }

    /// Without --previous-as-of the cut-off is the --compare summary's as_of.
    @Test func theCompareSummaryGivesTheEarlierCutOff() throws {
        let dir = try base.folder(plan: plan(), files: ["march.csv": Self.march, "june.csv": Self.june])
        let before = dir.appendingPathComponent("before")
        let first = gutcheck(["report"] + base.args(dir, ["march.csv"]) + ["--as-of", "2026-03-31", "--out", before.path, "--quiet", "--format", "json"])
        try #require(first.status == 0, "\(first.err)")
        let r = run(dir, ["--previous-results", dir.appendingPathComponent("march.csv").path, "--compare", before.appendingPathComponent("summary.json").path])
        try #require(r.status == 0, "\(r.err)")
        let json = try JSONValue.parse(Array(read(r.folder.appendingPathComponent("summary.json")).utf8))
        #expect(firstRegion(json)?["pipeline_movement"]?["from"] == .string("2026-03-31"))
        #expect(firstRegion(json)?["pipeline_movement"]?["open_now"]?["amount"] == .number("420"))
    }

    @Test func whatCannotBeFollowedIsAnErrorSaidPlainly() throws {
        let dir = try base.folder(plan: plan(id: false), files: ["march.csv": Self.march, "june.csv": Self.june])
        let previous = ["--previous-results", dir.appendingPathComponent("march.csv").path]
        let noId = run(dir, previous + ["--previous-as-of", "2026-03-31"])
        #expect(noId.status == 1)
        #expect(noId.err.contains("error: --previous-results follows each deal from the earlier snapshot to this one by its id; map the export's deal id column as results.deals.columns.id in the plan"), "\(noId.err)")
        let withIds = try base.folder(plan: plan(), files: ["march.csv": Self.march, "june.csv": Self.june])
        let previous2 = ["--previous-results", withIds.appendingPathComponent("march.csv").path]
        let later = run(withIds, previous2 + ["--previous-as-of", "2026-07-15"])
        #expect(later.status == 1)
        #expect(later.err.contains("error: the earlier snapshot's cut-off 2026-07-15 is after this run's cut-off 2026-06-30; give --previous-as-of between 2026-01-01 and 2026-06-30"), "\(later.err)")
        let noDate = run(withIds, previous2)
        #expect(noDate.status != 0)
        #expect(noDate.err.contains("--previous-results needs the earlier snapshot's cut-off: give --previous-as-of YYYY-MM-DD"), "\(noDate.err)")
        for r in [noId, later, noDate] { #expect(!FileManager.default.fileExists(atPath: r.folder.path)) }
    }

    /// The earlier snapshot is read like any results file: its errors name it, line and column.
    @Test func anErrorInTheEarlierSnapshotNamesItsFileAndLine() throws {
        let bad = Self.march.replacingOccurrences(of: "2026-05-05", with: "2026-13-05")
        let dir = try base.folder(plan: plan(), files: ["march.csv": bad, "june.csv": Self.june])
        let r = run(dir, ["--previous-results", dir.appendingPathComponent("march.csv").path, "--previous-as-of", "2026-03-31"])
        #expect(r.status == 1)
        #expect(r.err.contains("\(dir.appendingPathComponent("march.csv").path):3:"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: r.folder.path))
    }
}
