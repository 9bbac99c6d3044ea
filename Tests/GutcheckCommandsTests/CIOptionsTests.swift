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
        #expect(text.contains("| 4 | Central | 81.2 % | −721,246 | ✖ off track | 9.4 % vs 11.0 % ✖ | Lead-to-close conversion |"))
        #expect(text.contains("<summary>Data notes</summary>"))
        #expect(text.utf8.count < ReportRenderer.jobSummaryLimit)
    }

    @Test func jobSummaryIsTrimmedVisiblyToTheLimit() throws {
        var diagnostics = Diagnostics()
        let inputs = Inputs.load(planPath: northwind.appendingPathComponent("plan.yaml").path,
                                 resultsPaths: [northwind.appendingPathComponent("results-2026.csv").path], asOf: nil, regions: [])
        _ = diagnostics
        let company = try #require(inputs.company)
        let renderer = ReportRenderer(templates: try TemplateSet(), version: "test")
        let full = renderer.jobSummary(company)
        let trimmed = renderer.jobSummary(company, limit: full.utf8.count - 300)
        #expect(trimmed.utf8.count <= full.utf8.count - 300)
        #expect(trimmed.contains("Trimmed to GitHub's 1 MiB job-summary limit"))
        #expect(trimmed.contains("| 1 | Southeast |"))
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
}
