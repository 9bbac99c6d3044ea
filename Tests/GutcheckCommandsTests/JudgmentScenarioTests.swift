import Foundation
import Testing
@testable import GutcheckCommands

/// SPEC §13 on inputs nobody wrote the samples for — an unfunded goal, a lead-volume gap, a
/// seasonal lead flow, a tiny noisy source, a pipeline without amounts, several years of
/// history — each rendered in every view (region and index Markdown and HTML, the packet,
/// the job summary) and summary.json, and every view held to the same rule.
@Suite struct JudgmentScenarioTests {
    struct Views {
        var json: [String: Any]
        /// View name → the text a reader sees.
        var texts: [String: String]
        var north: [String: Any] { ((json["regions"] as? [[String: Any]]) ?? []).first { $0["id"] as? String == "north" } ?? [:] }
        /// Views that hold the region's headline (the job summary and index name it in a row).
        var regionViews: [String: String] { texts.filter { ["regions/north.md", "regions/north.html", "board-packet.html"].contains($0.key) } }
    }

    static func render(_ plan: String, _ csv: String) throws -> Views {
        let dir = temporaryFolder()
        try plan.write(to: dir.appendingPathComponent("plan.yaml"), atomically: true, encoding: .utf8)
        try csv.write(to: dir.appendingPathComponent("results.csv"), atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("report"), job = dir.appendingPathComponent("job.md")
        let run = gutcheck(["report", "--plan", dir.appendingPathComponent("plan.yaml").path, "--results", dir.appendingPathComponent("results.csv").path,
                            "--out", out.path, "--format", "md,html,json,packet", "--github-summary", job.path, "--quiet"])
        try #require(run.status == 0, "\(run.err)")
        // Non-breaking spaces (SPEC §12.3) read as spaces here.
        var texts: [String: String] = ["job summary": read(job)]
        for md in ["index.md", "regions/north.md"] { texts[md] = read(out.appendingPathComponent(md)) }
        for html in ["index.html", "regions/north.html", "board-packet.html"] {
            texts[html] = BoardViewTests.visibleText(read(out.appendingPathComponent(html))).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        texts = texts.mapValues { $0.replacingOccurrences(of: "\u{A0}", with: " ") }
        let json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as? [String: Any])
        return Views(json: json, texts: texts)
    }

    static func plan(_ region: String, results: String = "", asOf: String = "2026-06-30") -> String {
        "gutcheck: 1\nfiscal_year: 2026\nas_of: \(asOf)\ncurrency: USD\n\(results)\nregions:\n  - id: north\n    name: North\n    leader: Kim Lee\n\(region)\n"
    }

    /// Metric-form rows, one a month from `first` (a fiscal month of 2026, or earlier with a negative offset).
    static func monthly(_ source: String, _ metric: String, _ values: [Int], from first: Int = 0) -> [String] {
        values.enumerated().map { i, v in
            let m = first + i, year = 2026 + Int((Double(m) / 12).rounded(.down)), month = ((m % 12) + 12) % 12 + 1
            return "\(year)-\(month < 10 ? "0" : "")\(month)-01,north,\(source),\(metric),\(v)"
        }
    }

    static func rows(_ lines: [String]) -> String { "date,region,source,metric,value\n" + lines.joined(separator: "\n") + "\n" }

    @Test func anUnfundedGoalIsNamedAsTheCauseAndAssignedFirst() throws {
        // Goal 1,200, sources 500 + 500, each on plan: the 90 gap is the 200 no source carries.
        let v = try Self.render(Self.plan("""
                goals: { revenue: 1200, profit: 120 }
                sources:
                  - { id: a, name: Alpha, revenue: 500 }
                  - { id: b, name: Beta, revenue: 500 }
            """), Self.rows(Self.monthly("a", "revenue", [40, 40, 40, 40, 40, 50]) + Self.monthly("b", "revenue", [40, 40, 40, 40, 50, 50])
                            + Self.monthly("a", "profit", [10, 10, 10, 10, 10, 10])))
        let cause = try #require(v.north["cause"] as? [String: Any])
        #expect((cause["source"] as? [String: Any])?["id"] as? String == "unassigned")
        let first = try #require((v.north["focus_areas"] as? [[String: Any]])?.first)
        #expect(first["id"] as? String == "unassigned" && first["at_stake"] as? Double == 90)
        for (view, text) in v.regionViews {
            #expect(text.contains("Every source is at or above its plan: the shortfall is the part of the goal no source plan covers, $100 behind its plan to date."), "\(view)")
            #expect(text.contains("Unassigned goal"), "\(view)")
            if view.hasSuffix(".md") { #expect(text.contains("assign it to a source and an owner"), "\(view)") }
        }
        let row = try #require(v.texts["index.md"]!.split(separator: "\n").first { $0.contains("[North](") })
        #expect(row.contains("| ✖ off track | goal without a source plan |"), "\(row)")
        #expect(v.texts["board-packet.html"]!.contains("✖ off track goal without a source plan"))
        // Where no leader is named, "the leader" is lower case mid-sentence; here Kim Lee is named.
        #expect(v.texts["regions/north.md"]!.contains("The data's pick (no pick from Kim Lee yet)"))
    }

    @Test func aLeadVolumeGapIsCalledLeadVolumeEverywhere() throws {
        // 40 leads where 60 were due, closing at the planned 10 % in deals of the planned 100.
        let v = try Self.render(Self.plan("""
                goals: { revenue: 1200, profit: 120 }
                sources:
                  - { id: web, name: Web, revenue: 1200 }
                kpis:
                  - { id: conv, name: Lead-to-close, value: won_deals / leads, target: 0.1, unit: percent }
                  - { id: size, name: Deal size, value: revenue / won_deals, target: 100, unit: currency }
            """), Self.rows(Self.monthly("web", "leads", [5, 5, 5, 10, 10, 5]) + Self.monthly("web", "won_deals", [0, 1, 0, 1, 1, 1])
                            + Self.monthly("web", "revenue", [0, 100, 0, 100, 100, 100]) + Self.monthly("web", "profit", [0, 10, 0, 10, 10, 10])))
        let driver = try #require((v.north["cause"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["factor"] as? String == "leads" && driver["effect"] as? Double == -200)
        let row = try #require(v.texts["index.md"]!.split(separator: "\n").first { $0.contains("[North](") })
        #expect(row.contains("| Web · lead volume |"), "\(row)")
        #expect(v.texts["board-packet.html"]!.contains("Web · lead volume"))
        for (view, text) in v.texts where view != "regions/north.md" && view != "regions/north.html" {
            #expect(!text.contains("short on conversion") && !text.contains("· lead-to-close"), "\(view)")
        }
    }

    @Test func aSeasonalLeadFlowIsExpectedAsLastYearBroughtIt() throws {
        // Last year 50 leads a month in January–June, 100 in July–December; this year 55 a month
        // (+10 %), converting at 12 % against a 10 % target: the rest of the year is expected to
        // bring 600 × 1.1 = 660 leads, not the 330 a flat flow would assume.
        let priorLeads = Self.monthly("web", "leads", [50, 50, 50, 50, 50, 50, 100, 100, 100, 100, 100, 100], from: -12)
        let priorWon = Self.monthly("web", "won_deals", [5, 5, 5, 5, 5, 5, 10, 10, 10, 10, 10, 10], from: -12)
        let priorRevenue = Self.monthly("web", "revenue", [500, 500, 500, 500, 500, 500, 1000, 1000, 1000, 1000, 1000, 1000], from: -12)
        let v = try Self.render(Self.plan("""
                goals: { revenue: 10000, profit: 1000 }
                phasing: [1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2]
                sources:
                  - { id: web, name: Web, revenue: 10000 }
                kpis:
                  - { id: conv, name: Lead-to-close, value: won_deals / leads, target: 0.10, unit: percent, canary: true }
            """), Self.rows(priorLeads + priorWon + priorRevenue + Self.monthly("web", "leads", [55, 55, 55, 55, 55, 55])
                            + Self.monthly("web", "won_deals", [7, 6, 7, 7, 6, 7]) + Self.monthly("web", "revenue", [600, 600, 600, 600, 600, 600])
                            + Self.monthly("web", "profit", [60, 60, 60, 60, 60, 60])))
        let canary = try #require(v.north["canary"] as? [String: Any])
        #expect(canary["lead_flow_basis"] as? String == "prior_year")
        let rest = try #require(canary["rest_of_year"] as? [String: Any])
        #expect(rest["expected_leads_rest_of_year"] as? Double == 660)
        for (view, text) in v.texts { #expect(!text.contains("off track for the rest of the year"), "\(view)") }
    }

    @Test func aTinyNoisySourceIsTooSmallToReadAndNoFocusArea() throws {
        // Tiny plans 3 % of the region and moves from 10 to 60 a month: +500 % on 180.
        let v = try Self.render(Self.plan("""
                goals: { revenue: 12000, profit: 1200 }
                sources:
                  - { id: big, name: Big, revenue: 11640 }
                  - { id: tiny, name: Tiny, revenue: 360 }
            """), Self.rows(Self.monthly("big", "revenue", [900, 900, 900, 900, 900, 900]) + Self.monthly("tiny", "revenue", [10, 10, 10, 60, 60, 60])
                            + Self.monthly("big", "profit", [90, 90, 90, 90, 90, 90])))
        let shift = try #require((v.north["market_shifts"] as? [[String: Any]])?.first { $0["source"] as? String == "tiny" })
        #expect(shift["readable"] as? Bool == false)
        #expect(!((v.north["focus_areas"] as? [[String: Any]]) ?? []).contains { $0["id"] as? String == "tiny" })
        let page = v.texts["regions/north.md"]!
        #expect(page.contains("- Too small to read — Tiny: attainment moved from 33.3 % of plan (January–March) to 200.0 % (April–June) on $30 then and $180 now: too little volume to call it a shift."))
        for (view, text) in v.texts { #expect(!text.contains("Tiny (source) +500"), "\(view)") }
    }

    @Test func aPipelineWithoutAmountsIsNotMeasuredNotZero() throws {
        let v = try Self.render(Self.plan("    goals: { revenue: 1200, profit: 120 }", results: """
            results:
              deals:
                columns: { date: date, region: region, amount: amount, stage: stage }
                won: [Won]
                lost: [Lost]
            """), "date,region,amount,stage\n2026-01-01,north,100,Won\n2026-03-01,north,200,Won\n2026-06-01,north,200,Won\n2026-08-01,north,,Proposal\n2026-09-01,north,,Proposal\n")
        #expect(v.north["open_pipeline"] is NSNull && v.north["pipeline_coverage"] is NSNull)
        #expect(v.north["open_deals"] as? Int == 2 && v.north["unvalued_open_deals"] as? Int == 2)
        for (view, text) in v.texts where view != "job summary" {
            #expect(text.contains("Pipeline not measured: 2 open deals carry no amount."), "\(view)")
        }
        for (view, text) in v.texts {
            #expect(!text.contains("0.0×") && !text.contains(" 0×") && !text.contains("no open deals"), "\(view)")
        }
    }

    @Test func aFlatPlanForASeasonalBusinessSaysWhatItsStatusRestsOn() throws {
        // Last year 50 a month in January–June and 100 a month after: the first half brought
        // 300 of 900, a third. The plan spreads 1,000 evenly (500 due by June); this year's
        // 330 is 66.0 % of that, but 330 ÷ (1,000 × 1/3) = 99.0 % on last year's shape.
        let prior = Self.monthly("", "revenue", [50, 50, 50, 50, 50, 50, 100, 100, 100, 100, 100, 100], from: -12)
        let plan = Self.plan("    goals: { revenue: 1000, profit: 100 }")
        let v = try Self.render(plan, Self.rows(prior + Self.monthly("", "revenue", [55, 55, 55, 55, 55, 55]) + Self.monthly("", "profit", [5, 5, 5, 5, 5, 5])))
        let line = "The plan's phasing puts 50.0 % of the goal in January–June; last year those months brought 33.3 % of the year's revenue: on last year's shape, revenue is at 99.0 % of plan to date (at risk)."
        #expect((v.north["revenue"] as? [String: Any])?["status"] as? String == "off_track")
        for (view, text) in v.regionViews { #expect(text.contains("66.0 %), $170 behind. " + line), "\(view)") }
        #expect(v.texts["index.md"]!.contains(line))
        let findings = try #require(v.north["plan_findings"] as? [[String: Any]])
        #expect(findings.contains { $0["kind"] as? String == "phasing_unlike_last_year" })
        // check names the fix: last year's months as weights.
        let dir = temporaryFolder()
        try plan.write(to: dir.appendingPathComponent("plan.yaml"), atomically: true, encoding: .utf8)
        try Self.rows(prior + Self.monthly("", "revenue", [55, 55, 55, 55, 55, 55])).write(to: dir.appendingPathComponent("r.csv"), atomically: true, encoding: .utf8)
        let check = gutcheck(["check", "--plan", dir.appendingPathComponent("plan.yaml").path, "--results", dir.appendingPathComponent("r.csv").path])
        #expect(check.out.replacingOccurrences(of: "\u{A0}", with: " ").contains("warning: the phasing of region 'north' puts 50.0 % of the revenue goal in January–June, where last year those months brought 33.3 % of the year, so its plan to date asks more of these months than the season gave; if last year's season holds, phase the goal like it, e.g. phasing: [6, 6, 6, 6, 6, 6, 11, 11, 11, 11, 11, 11]"), "\(check.out)")
        // A plan phased like last year says nothing of it.
        let phased = Self.plan("    goals: { revenue: 1000, profit: 100 }\n    phasing: [1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2]")
        let quiet = try Self.render(phased, Self.rows(prior + Self.monthly("", "revenue", [55, 55, 55, 55, 55, 55]) + Self.monthly("", "profit", [5, 5, 5, 5, 5, 5])))
        for (view, text) in quiet.texts { #expect(!text.contains("last year's shape, revenue is at"), "\(view)") }
    }

    @Test func severalYearsOfHistoryBacktestTheCallAndAnOpenYearIsNeverABeatOrAMiss() throws {
        // Four earlier years with the same shape (a third of the year in January–June) and
        // growth of 10 % a year: the seasonal methods call the year, tested on 2024 and 2025.
        var lines: [String] = []
        for (offset, scale) in [(-48, 100), (-36, 110), (-24, 121), (-12, 133)] {
            lines += Self.monthly("", "revenue", [2, 2, 2, 2, 2, 2, 4, 4, 4, 4, 4, 4].map { $0 * scale }, from: offset)
        }
        lines += Self.monthly("", "revenue", [2, 2, 2, 2, 2, 2].map { $0 * 146 }) + Self.monthly("", "profit", [30, 30, 30, 30, 30, 30])
        // Goal: 146 × 36 = 5,256 on this shape; the plan asks a little more, flat.
        let v = try Self.render(Self.plan("    goals: { revenue: 5300, profit: 500 }"), Self.rows(lines))
        let forecast = try #require((v.north["revenue"] as? [String: Any])?["forecast"] as? [String: Any])
        let call = try #require(forecast["call"] as? [String: Any])
        #expect(call["backtested"] as? Bool == true)
        let tests = try #require(forecast["backtest"] as? [[String: Any]])
        #expect(Set(tests.compactMap { $0["year"] as? Int }) == [2023, 2024, 2025])
        let m = try #require(call["error_max"] as? Double)
        for t in tests where t["method"] as? String == call["method"] as? String { #expect(abs(t["error"] as? Double ?? 9) <= m + 1e-12) }
        #expect(["seasonal", "seasonal_company"].contains(call["method"] as? String ?? ""))
        #expect(call["outlook"] as? String == "open")
        for (view, text) in v.texts {
            #expect(!text.contains("will beat") && !text.contains("will miss"), "\(view)")
        }
        for (view, text) in v.regionViews { #expect(text.contains("the goal lies inside the range, so the year is open"), "\(view)") }
    }
}
