import Foundation
import Testing
@testable import GutcheckCommands

/// Runs the command line in-process, capturing what it prints; `environment` adds to the
/// variables the command sees (the process's own are never changed).
func gutcheck(_ arguments: [String], environment: [String: String] = [:]) -> (status: Int32, out: String, err: String) {
    let console = Console(capture: true, environment: ProcessInfo.processInfo.environment.merging(environment) { _, new in new })
    let status = Console.$current.withValue(console) { GutcheckCommand.run(arguments) }
    return (status, console.standardOutput, console.standardError)
}

let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
let fixture = here.appendingPathComponent("Fixtures/offset-fy")
let golden = here.appendingPathComponent("Golden")

func temporaryFolder() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("gutcheck-test-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func read(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "<missing \(url.path)>" }

@Suite struct ReportCommandTests {
    func report(to out: URL, plan: String = fixture.appendingPathComponent("plan.yaml").path, extra: [String] = []) -> (Int32, String, String) {
        gutcheck(["report", "--plan", plan, "--results", fixture.appendingPathComponent("results.csv").path,
                  "--out", out.path] + extra)
    }

    /// Golden files, re-recorded only with GUTCHECK_RECORD=1 (never on CI).
    @Test func goldenFiles() throws {
        let out = temporaryFolder().appendingPathComponent("report")
        let (status, _, err) = report(to: out)
        #expect(status == 0, "\(err)")
        for name in ["regions/north.md", "regions/north.html", "summary.json", "index.md"] {
            // Paths in data notes depend on where the fixture lives; make them stable.
            let actual = read(out.appendingPathComponent(name)).replacingOccurrences(of: fixture.path, with: "FIXTURE")
            let file = golden.appendingPathComponent(name.replacingOccurrences(of: "regions/", with: ""))
            if ProcessInfo.processInfo.environment["GUTCHECK_RECORD"] == "1" {
                try actual.write(to: file, atomically: true, encoding: .utf8)
            }
            #expect(actual == read(file), "\(name) differs from its golden file; re-record with GUTCHECK_RECORD=1 if intended")
        }
    }

    @Test func twoRunsAreByteIdentical() throws {
        let a = temporaryFolder().appendingPathComponent("a")
        let b = temporaryFolder().appendingPathComponent("b")
        #expect(report(to: a).0 == 0)
        #expect(report(to: b).0 == 0)
        let files = try FileManager.default.subpathsOfDirectory(atPath: a.path).sorted()
        #expect(files == (try FileManager.default.subpathsOfDirectory(atPath: b.path).sorted()))
        for f in files where !f.hasSuffix("regions") {
            #expect(FileManager.default.contentsEqual(atPath: a.appendingPathComponent(f).path, andPath: b.appendingPathComponent(f).path), "\(f)")
        }
    }

    @Test func inputErrorsWriteNothingAndExit1() throws {
        let dir = temporaryFolder()
        let plan = dir.appendingPathComponent("plan.yaml")
        let text = read(fixture.appendingPathComponent("plan.yaml"))
            .replacingOccurrences(of: "phasing: [1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2]", with: "phasing: [1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2]")
        try text.write(to: plan, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let (status, _, err) = report(to: out, plan: plan.path)
        #expect(status == 1)
        #expect(err == "\(plan.path):13:14: error: phasing needs 12 numbers, found 11\n1 error; nothing was written\n")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["plan.yaml"])
    }

    @Test func aFailedRunLeavesThePreviousReportInPlace() throws {
        let out = temporaryFolder().appendingPathComponent("out")
        #expect(report(to: out).0 == 0)
        let before = read(out.appendingPathComponent("summary.json"))
        #expect(report(to: out, plan: "/nonexistent/plan.yaml").0 == 1)
        #expect(read(out.appendingPathComponent("summary.json")) == before)
    }

    @Test func refusesToReplaceAFolderThatIsNotOurs() throws {
        let out = temporaryFolder()
        try "keep me".write(to: out.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        for extra in [[], ["--force"]] {
            let (status, _, err) = report(to: out, extra: extra)
            #expect(status == 2)
            #expect(err.contains("holds files gutcheck did not write ('notes.txt')"))
        }
        #expect(read(out.appendingPathComponent("notes.txt")) == "keep me")
    }

    @Test func hostileTextInThePlanStaysInert() throws {
        let dir = temporaryFolder()
        let evil = "<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)> | **b**"
        let text = read(fixture.appendingPathComponent("plan.yaml"))
            .replacingOccurrences(of: "company: Hand Check Ltd", with: "company: '\(evil)'")
            .replacingOccurrences(of: "name: North\n", with: "name: '\(evil)'\n")
            .replacingOccurrences(of: "leader: Ana Lima", with: "leader: '\(evil)'")
            .replacingOccurrences(of: "name: Direct, revenue: 900000", with: "name: '\(evil)', revenue: 900000")
            + "    midyear:\n      learned: ['\(evil)']\n      the_one: '\(evil)'\n"
        let plan = dir.appendingPathComponent("plan.yaml")
        try text.write(to: plan, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let (status, _, err) = report(to: out, plan: plan.path)
        #expect(status == 0, "\(err)")
        for file in ["regions/north.html", "index.html", "regions/north-gap-by-source.svg"] {
            let html = read(out.appendingPathComponent(file))
            #expect(!html.contains("<script"), "\(file)")
            #expect(!html.contains("<img src=x"), "\(file)")
            #expect(!html.contains("href=\"javascript"), "\(file)")
        }
        #expect(read(out.appendingPathComponent("regions/north.html")).contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!read(out.appendingPathComponent("regions/north.md")).contains("<script>"))
    }

    @Test func formatsSelectTheOutputs() throws {
        let out = temporaryFolder().appendingPathComponent("out")
        #expect(report(to: out, extra: ["--format", "json"]).0 == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(files == [".gutcheck-output", "summary.json"])
    }

    @Test func userTemplatesReplaceTheDefaults() throws {
        let dir = temporaryFolder()
        try "{{% CONTENT_TYPE: MARKDOWN}}\n# Only {{name}}\n".write(to: dir.appendingPathComponent("region.md.mustache"), atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        #expect(report(to: out, extra: ["--templates", dir.path, "--region", "north"]).0 == 0)
        #expect(read(out.appendingPathComponent("regions/north.md")) == "# Only North\n")
        #expect(read(out.appendingPathComponent("regions/north.html")).contains("<h1>Only North</h1>"))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("regions/south.md").path))
    }

    @Test func brokenTemplatesAreInputErrors() throws {
        let dir = temporaryFolder()
        try "{{#open}}\n".write(to: dir.appendingPathComponent("index.md.mustache"), atomically: true, encoding: .utf8)
        let (status, _, err) = report(to: dir.appendingPathComponent("out"), extra: ["--templates", dir.path])
        #expect(status == 1)
        #expect(err.hasPrefix(dir.appendingPathComponent("index.md.mustache").path + ":"))
    }

    @Test func usageErrorsExit2() {
        // Without --results the plan may list its files (results.files): an input error, not usage.
        #expect(gutcheck(["report", "--plan", "p.yaml"]).status == 1)
        #expect(gutcheck(["report", "--plan", "p.yaml", "--results", "r.csv", "--format", "pdf"]).status == 2)
        #expect(gutcheck(["report", "--plan", "p.yaml", "--results", "r.csv", "--as-of", "June"]).status == 2)
        #expect(gutcheck(["frobnicate"]).status == 2)
        #expect(report(to: temporaryFolder(), extra: ["--region", "nowhere"]).0 == 2)
        #expect(gutcheck(["--version"]) == (0, "\(GutcheckCommand.version)\n", ""))
    }

    @Test func checkPrintsGitHubAnnotations() throws {
        let dir = temporaryFolder()
        let results = dir.appendingPathComponent("r.csv")
        try "date,region,source,metric,value\n2026-01-01,nort,direct,revenue,1\n".write(to: results, atomically: true, encoding: .utf8)
        let (status, out, _) = gutcheck(["check", "--plan", fixture.appendingPathComponent("plan.yaml").path,
                                         "--results", results.path, "--format", "github"])
        #expect(status == 1)
        #expect(out == "::error file=\(results.path),line=2,col=12::unknown region 'nort' (did you mean 'north'?); add it to the plan, use its id or name, or map it under results.aliases\n")
    }

    @Test func checkListsPlanWarnings() {
        let (status, out, _) = gutcheck(["check", "--plan", fixture.appendingPathComponent("plan.yaml").path,
                                         "--results", fixture.appendingPathComponent("results.csv").path])
        #expect(status == 0)
        #expect(out.contains("ok: no errors"))
        #expect(out.contains("note: "))
    }

    @Test func questionsAreListedInOrder() {
        let (status, out, _) = gutcheck(["questions"])
        #expect(status == 0)
        #expect(out.hasPrefix("1. What did we set out to do this year?"))
        #expect(out.contains("11. If you could pick just one, which?"))
    }
}
