import Foundation
import Testing
@testable import GutcheckCommands
@testable import GutcheckCore
@testable import GutcheckRender

/// What CI leans on: the job summary, --fail-on and --quiet.
@Suite struct CIOptionsTests {
    let northwind = here.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("samples/northwind")
    var inputs: [String] {
        ["--plan", northwind.appendingPathComponent("plan.yaml").path,
         "--results", northwind.appendingPathComponent("results-2025.csv").path,
         "--results", northwind.appendingPathComponent("results-2026.csv").path]
    }

    @Test func jobSummaryIsAppendedWithTheRegionsTable() throws {
        let dir = temporaryFolder()
        let file = dir.appendingPathComponent("summary.md")
        try "earlier step\n".write(to: file, atomically: true, encoding: .utf8)
        let (status, _, err) = gutcheck(["report"] + inputs + ["--out", dir.appendingPathComponent("r").path, "--github-summary", file.path])
        #expect(status == 0, "\(err)")
        let text = read(file)
        #expect(text.hasPrefix("earlier step\n### Northwind Instruments — mid-year gut check, FY2026"))
        // The canary by its state; the leader's pick first, the data's beside it where they differ (SPEC §9.1, §9.7).
        let nb = "\u{00A0}"
        #expect(text.contains("| 4 | Central | 81.2\(nb)% | −721,246 | ✖\(nb)off\(nb)track | ✖\(nb)off\(nb)track: 9.4\(nb)%\(nb)vs\(nb)11.0\(nb)% | Lead-to-close conversion (the data's pick) |"))
        #expect(text.contains("| 1 | Southeast | 109.6\(nb)% | +431,470 | ●\(nb)on\(nb)track | ●\(nb)on\(nb)track: 10.9\(nb)%\(nb)vs\(nb)10.0\(nb)% | Online store ≠ data: Lead volume |"))
        // West's canary: on target to date, at risk for the rest of the year at the lead flow its
        // back-weighted phasing brings (SPEC §13.2) — the cell leads with what it needs.
        #expect(text.contains("▲\(nb)at\(nb)risk: needs\(nb)12.5\(nb)%, at\(nb)12.1\(nb)% (target\(nb)12.0\(nb)%)"))
        #expect(text.contains("<summary>Data notes</summary>"))
        #expect(text.utf8.count < ReportRenderer.jobSummaryLimit)
    }

    @Test func jobSummaryIsTrimmedVisiblyToTheLimit() throws {
        let inputs = Inputs.load(planPath: northwind.appendingPathComponent("plan.yaml").path,
                                 resultsPaths: [northwind.appendingPathComponent("results-2026.csv").path], asOf: nil, regions: [])
        let company = try #require(inputs.company)
        let renderer = ReportRenderer(templates: try TemplateSet(), version: "test")
        let full = renderer.jobSummary(try RunResult(company, version: "test"))
        // How much must go depends on the data notes' length (they name the files' paths),
        // so check the rules at many limits rather than one exact cut.
        // Below the size with no rows at all nothing more can go; that is the floor.
        let floor = renderer.jobSummary(try RunResult(company, version: "test"), limit: 0).utf8.count
        var previousRows = 4
        var keptSome = false
        for limit in stride(from: full.utf8.count - 1, to: floor - 100, by: -23) {
            let trimmed = renderer.jobSummary(try RunResult(company, version: "test"), limit: limit)
            #expect(trimmed.utf8.count <= max(limit, floor))
            #expect(trimmed.contains("Trimmed to GitHub's 1 MiB job-summary limit"))
            #expect(!trimmed.contains("<summary>Data notes</summary>"))
            // The rows kept are the top of the ranking, and fewer only as the limit shrinks.
            let rows = (1...4).filter { trimmed.contains("| \($0) | ") }
            #expect(rows == Array(1...max(rows.count, 1)).prefix(rows.count).map { $0 })
            #expect(rows.count <= previousRows)
            previousRows = rows.count
            keptSome = keptSome || trimmed.contains("| 1 | Southeast |")
        }
        #expect(keptSome)
        #expect(previousRows == 0)
    }

    @Test func failOnGivesStatus3AndStillWritesTheReports() {
        let out = temporaryFolder().appendingPathComponent("r")
        let (status, _, err) = gutcheck(["report"] + inputs + ["--out", out.path, "--fail-on", "off_track", "--github-summary", "/dev/null"])
        #expect(status == 3)
        #expect(err.contains("--fail-on off_track: central (off_track)"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("index.md").path))
        #expect(gutcheck(["check"] + inputs + ["--fail-on", "at_risk"]).status == 3)
        #expect(gutcheck(["check"] + inputs).status == 0)
        #expect(gutcheck(["check"] + inputs + ["--fail-on", "behind"]).status == 2)
    }

    @Test func quietPrintsOnlyProblems() {
        let (status, out, _) = gutcheck(["check"] + inputs + ["--quiet"])
        #expect(status == 0)
        #expect(!out.contains("note:"))
        let report = gutcheck(["report"] + inputs + ["--quiet", "--out", temporaryFolder().appendingPathComponent("r").path, "--github-summary", "/dev/null"])
        #expect(report.out.isEmpty)
    }

    @Test func compareShowsWhatChangedAfterOneRow() throws {
        let dir = temporaryFolder()
        for name in ["plan.yaml", "results-2025.csv", "results-2026.csv"] {
            try FileManager.default.copyItem(at: northwind.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        let args = ["--plan", dir.appendingPathComponent("plan.yaml").path,
                    "--results", dir.appendingPathComponent("results-2025.csv").path,
                    "--results", dir.appendingPathComponent("results-2026.csv").path, "--github-summary", "/dev/null"]
        #expect(gutcheck(["report"] + args + ["--out", dir.appendingPathComponent("before").path]).status == 0)
        // One row changes: Central's January new-logo revenue grows by 200,000.
        let results = dir.appendingPathComponent("results-2026.csv")
        let text = read(results)
        #expect(text.contains("2026-01-01,central,new-logos,revenue,107779.36"))
        try text.replacingOccurrences(of: "2026-01-01,central,new-logos,revenue,107779.36", with: "2026-01-01,central,new-logos,revenue,307779.36")
            .write(to: results, atomically: true, encoding: .utf8)
        let (status, _, err) = gutcheck(["report"] + args + ["--out", dir.appendingPathComponent("after").path,
                                         "--compare", dir.appendingPathComponent("before/summary.json").path])
        #expect(status == 0, "\(err)")
        let central = read(dir.appendingPathComponent("after/regions/central.md"))
        #expect(central.contains("## Since the last review"))
        #expect(central.contains("- Revenue: attainment 86.4\u{00A0}%, was 81.2\u{00A0}% (+5.2 pts); gap −521,246, +200,000 since; status unchanged (✖\u{00A0}off\u{00A0}track)."))
        let index = read(dir.appendingPathComponent("after/index.md"))
        #expect(index.contains("| Central | 86.4\u{00A0}% | +5.2 pts | unchanged |"))
        #expect(index.contains("| West | 98.3\u{00A0}% | +0.0 pts | unchanged |"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("after/summary.json"))) as? [String: Any])
        let changes = try #require(json["changes"] as? [String: Any])
        let totals = try #require((changes["totals"] as? [String: Any])?["revenue"] as? [String: Any])
        #expect((totals["gap_change"] as? NSNumber)?.intValue == 200_000)
        // The previous review's focus areas, with their figures then and now (SPEC §11.3).
        let before = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("before/summary.json"))) as? [String: Any])
        func region(_ summary: [String: Any], _ id: String) -> [String: Any]? {
            (summary["regions"] as? [[String: Any]])?.first { $0["id"] as? String == id }
        }
        let then = try #require(region(before, "central")?["focus_areas"] as? [[String: Any]])
        let moves = try #require((changes["regions"] as? [[String: Any]])?.first { $0["id"] as? String == "central" }?["focus"] as? [[String: Any]])
        #expect(moves.count == then.count && !moves.isEmpty)
        for (move, area) in zip(moves, then) {
            #expect(move["id"] as? String == area["id"] as? String)
            #expect((move["previous_at_stake"] as? NSNumber)?.doubleValue == (area["at_stake"] as? NSNumber)?.doubleValue)
            #expect(central.contains("- \(area["title"] as? String ?? "?"): at stake "))
        }
        // The one then was the data's (Central's leader gave none).
        #expect(central.contains("The focus areas then (the one: Lead-to-close conversion), and how they moved:"))
        // 200,000 more revenue moves the drivers: lead-to-close is worth more now, deal size drops
        // out; Channel's attainment holds, but its share of the smaller gap shrinks (SPEC §13.4).
        #expect(central.contains("- Lead-to-close conversion: at stake $506K then, $512K now."))
        #expect(central.contains("- Average deal size: at stake $216K then, no longer in the data's top three."))
        #expect(central.contains("- Channel partners: at stake $258K then, $240K now; attainment 64.2\u{00A0}% → 64.2\u{00A0}%."))
        // Without --compare there is no such section.
        #expect(!read(dir.appendingPathComponent("before/regions/central.md")).contains("Since the last review"))
    }

    @Test func compareRefusesWhatIsNotASummary() throws {
        let dir = temporaryFolder()
        let bogus = dir.appendingPathComponent("summary.json")
        try "{\"schema\": 99}".write(to: bogus, atomically: true, encoding: .utf8)
        let (status, _, err) = gutcheck(["report"] + inputs + ["--out", dir.appendingPathComponent("r").path, "--compare", bogus.path])
        #expect(status == 1)
        #expect(err.contains("\(bogus.path):1:1: error: is not a gutcheck summary.json (schema 1)"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("r").path))
    }
}
