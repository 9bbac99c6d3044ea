import Foundation
import Testing
@testable import GutcheckCommands
@testable import GutcheckCore
@testable import GutcheckRender

/// SPEC §10: inputs that would make a report meaningless exit 1 with a located message that
/// names the fix and write nothing; what is not a mistake is read as it is. Each case
/// asserts the exit status and the whole message.
@Suite struct MeaninglessInputTests {
    static let plan = """
        gutcheck: 1
        fiscal_year: 2026
        currency: USD
        regions:
          - id: europe
            name: Europe
            goals: { revenue: 1200, profit: 100 }
            sources:
              - { id: web, name: Web, revenue: 1200 }
        """

    /// A folder with the plan and results files written into it.
    func folder(plan: String = Self.plan, files: [String: String]) throws -> URL {
        let dir = temporaryFolder()
        try plan.write(to: dir.appendingPathComponent("plan.yaml"), atomically: true, encoding: .utf8)
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return dir
    }

    func args(_ dir: URL, _ files: [String]) -> [String] {
        ["--plan", dir.appendingPathComponent("plan.yaml").path] + files.flatMap { ["--results", dir.appendingPathComponent($0).path] }
    }

    /// `report` exits 1 with exactly these error lines and writes nothing.
    func refused(_ dir: URL, _ files: [String], _ expected: [String]) {
        let out = dir.appendingPathComponent("out")
        let run = gutcheck(["report"] + args(dir, files) + ["--out", out.path, "--quiet"])
        #expect(run.status == 1)
        let lines = run.err.split(separator: "\n").map(String.init)
        #expect(Array(lines.dropLast()) == expected.map { $0.replacingOccurrences(of: "DIR", with: dir.path) })
        #expect(lines.last == "\(expected.count) error\(expected.count == 1 ? "" : "s"); nothing was written")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func aStageColumnWithNoWonListIsRefused() throws {
        let plan = Self.plan.replacingOccurrences(of: "currency: USD", with: """
            currency: USD
            results:
              deals:
                columns: { date: Close Date, region: Region, amount: Amount, stage: Stage }
            """)
        let dir = try folder(plan: plan, files: ["deals.csv": "Close Date,Region,Amount,Stage\n2026-01-05,Europe,100,Won\n2026-02-05,Europe,100,Won\n2026-02-09,Europe,40,Lost\n"])
        refused(dir, ["deals.csv"], [
            "DIR/plan.yaml:5:3: error: results.deals maps a stage column ('Stage') but lists no won stages, so every deal in DIR/deals.csv would be open and its revenue 0; the stages found are Won: 2, Lost: 1; list the won ones under won: (and the lost ones under lost:)",
        ])
    }

    @Test func aHeaderOnlyFileIsRefused() throws {
        let dir = try folder(files: ["r.csv": "date,region,source,metric,value\n"])
        refused(dir, ["r.csv"], ["DIR/r.csv:1:1: error: the file has a header and no rows; expected rows dated from 2026-01-01 through the cut-off 2026-06-30"])
    }

    @Test func dataForTheYearBeforeNamesTheYearItFits() throws {
        // The issue's case: fiscal year 2026 from April 2026, data April 2025 – March 2026.
        let plan = Self.plan.replacingOccurrences(of: "fiscal_year: 2026", with: "fiscal_year: 2026\nfiscal_year_start: 2026-04")
        var csv = "date,region,source,metric,value\n"
        for m in 0..<12 { csv += "\(YearMonth(year: 2025, month: 4).adding(months: m).firstDay),europe,web,revenue,100\n" }
        let dir = try folder(plan: plan, files: ["r.csv": csv])
        refused(dir, ["r.csv"], [
            "DIR/plan.yaml:2:1: error: no results row is dated within fiscal year 2026 up to the cut-off (2026-04-01 to 2026-09-30); the rows run from 2025-04-01 to 2026-03-01, the fiscal year before: did you mean fiscal_year: 2025 with fiscal_year_start: 2025-04?",
        ])
    }

    @Test func aColumnWhereEveryDateFailsIsOneProblemWithItsFixAndTheTrueCount() throws {
        let plan = Self.plan.replacingOccurrences(of: "currency: USD", with: """
            currency: USD
            results:
              deals:
                columns: { date: Close Date, region: Region, amount: Amount }
            """)
        var csv = "Close Date,Region,Amount\n"
        for i in 0..<420 { csv += "\(1 + i % 6)/\(1 + i % 28)/2026,Europe,10\n" }
        let dir = try folder(plan: plan, files: ["deals.csv": csv])
        let run = gutcheck(["check"] + args(dir, ["deals.csv"]))
        #expect(run.status == 1)
        let lines = run.out.split(separator: "\n").map(String.init)
        // Ten rows, one line for the rest, the closing count: a screenful, not 420 lines.
        #expect(lines.count == 12)
        #expect(lines[0] == "\(dir.path)/deals.csv:2:1: error: expected a date written YYYY-MM-DD, found '1/1/2026' — every value in column 'Close Date' (420 rows) fails the same way; set results.deals.date_format: M/D/YYYY to read them all")
        #expect(lines[10] == "\(dir.path)/deals.csv:12:1: error: 410 more rows have the same problem in column 'Close Date' (lines 12–421); 420 rows in all")
        #expect(lines[11] == "420 errors, 0 warnings")
    }

    @Test func aNameIsMatchedAgainstIdsNamesAndAliases() throws {
        let dir = try folder(files: ["r.csv": "date,region,source,metric,value\n2026-01-05,Europ,web,revenue,10\n"])
        refused(dir, ["r.csv"], [
            "DIR/r.csv:2:12: error: unknown region 'Europ' (did you mean 'Europe'?); add it to the plan, use its id or name, or map it under results.aliases",
        ])
    }

    @Test func anUnknownRegionIsAUsageErrorForCheckAsForReport() throws {
        let dir = try folder(files: ["r.csv": "date,region,source,metric,value\n2026-01-05,europe,web,revenue,10\n"])
        for command in ["check", "report"] {
            let out = command == "report" ? ["--out", dir.appendingPathComponent("o").path] : []
            let run = gutcheck([command] + args(dir, ["r.csv"]) + ["--region", "nosuch"] + out)
            #expect(run.status == 2, "\(command)")
            #expect(run.err.contains("--region 'nosuch' is not a region of the plan (regions: europe)"), "\(command): \(run.err)")
        }
    }

    @Test func checkJSONHasTheShapeOfPlanFindings() throws {
        let plan = Self.plan + "\n    objectives:\n      - { id: grow, statement: Grow }\n"
        let dir = try folder(plan: plan, files: ["r.csv": "date,region,source,metric,value\n2026-06-05,europe,web,revenue,10\n"])
        let run = gutcheck(["check"] + args(dir, ["r.csv"]) + ["--format", "json"])
        #expect(run.status == 0)
        let json = try JSONValue.parse(Array(run.out.utf8))
        guard case .array(let items)? = json["diagnostics"] else { Issue.record("no diagnostics"); return }
        let keys = ["severity", "kind", "region", "message", "text", "file", "line", "column"]
        for item in items {
            guard case .object(let pairs) = item else { continue }
            #expect(pairs.map(\.0) == keys)
        }
        #expect(items.contains { $0["kind"]?.string == "objective_not_smart" && $0["region"]?.string == "europe" })
        // summary.json's plan_findings carry the same keys.
        let out = dir.appendingPathComponent("out")
        #expect(gutcheck(["report"] + args(dir, ["r.csv"]) + ["--out", out.path, "--format", "json"]).status == 0)
        let summary = try JSONValue.parse([UInt8](Data(contentsOf: out.appendingPathComponent("summary.json"))))
        guard case .array(let findings)? = summary["plan_findings"], case .object(let first)? = findings.first else {
            Issue.record("no plan findings")
            return
        }
        #expect(first.map(\.0) == keys)
    }

    @Test func aProfitGoalNothingMeasuresIsNotMeasuredNotZero() throws {
        let dir = try folder(files: ["r.csv": "date,region,source,metric,value\n2026-06-05,europe,web,revenue,700\n"])
        let check = gutcheck(["check"] + args(dir, ["r.csv"]))
        #expect(check.status == 0)
        #expect(check.out.contains("warning: region 'europe' has a profit goal but no results file carries profit, so profit is not measured; add a profit column (results.deals.columns.profit) or profit rows"))
        let out = dir.appendingPathComponent("out")
        #expect(gutcheck(["report"] + args(dir, ["r.csv"]) + ["--out", out.path, "--quiet"]).status == 0)
        let report = read(out.appendingPathComponent("regions/europe.md"))
        #expect(report.contains("Profit is not measured."))
        #expect(report.contains("| **Profit** | 50 | — | — | — | not\u{00A0}measured |"))
        #expect(!report.contains("0.0\u{00A0}% of plan"))
    }

    @Test func aMonthThePhasingGivesNoWeightIsNotMissing() throws {
        let plan = Self.plan.replacingOccurrences(of: "goals: { revenue: 1200, profit: 100 }",
                                                  with: "goals: { revenue: 1200, profit: 100 }\n    phasing: [0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]")
        var csv = "date,region,source,metric,value\n"
        for m in 3...6 { csv += "2026-0\(m)-05,europe,web,revenue,120\n2026-0\(m)-05,europe,web,profit,10\n" }
        let dir = try folder(plan: plan, files: ["r.csv": csv])
        let check = gutcheck(["check"] + args(dir, ["r.csv"]))
        #expect(check.status == 0)
        #expect(!check.out.contains("No rows at all"), "\(check.out)")
    }

    @Test func aRegionWithoutRowsIsABannerAndUnderStrictAnError() throws {
        let plan = Self.plan + """

              - id: asia
                name: Asia
                goals: { revenue: 1200, profit: 100 }
            """
        let dir = try folder(plan: plan, files: ["r.csv": "date,region,source,metric,value\n2026-06-05,europe,web,revenue,100\n2026-06-05,europe,web,profit,10\n"])
        let check = gutcheck(["check"] + args(dir, ["r.csv"]))
        #expect(check.status == 0)
        #expect(check.out.contains("\(dir.path)/plan.yaml:10:5: warning: region 'asia' has no results rows from 2026-01-01 through the cut-off 2026-06-30: its figures are not a measurement (--strict makes this an error)"))
        let out = dir.appendingPathComponent("out")
        #expect(gutcheck(["report"] + args(dir, ["r.csv"]) + ["--out", out.path, "--quiet"]).status == 0)
        #expect(read(out.appendingPathComponent("regions/asia.md")).contains("> **No results for this region through the cut-off** — its figures are not a measurement."))
        let strict = gutcheck(["check", "--strict"] + args(dir, ["r.csv"]))
        #expect(strict.status == 1)
        #expect(strict.out.contains("\(dir.path)/plan.yaml:10:5: error: region 'asia' has no results rows from 2026-01-01 through the cut-off 2026-06-30 (--strict); add its rows or run without --strict"))
    }

    /// The built binary, for what only a real process can show (standard input).
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("gutcheck")
    }

    @Test func standardInputGivesTheSameFiguresAsTheFile() throws {
        let csv = "date,region,source,metric,value\n2026-01-05,europe,web,revenue,100.25\n2026-06-05,europe,web,revenue,99.75\n2026-06-05,europe,web,profit,10\n"
        let dir = try folder(files: ["r.csv": csv])
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else {
            Issue.record("no built gutcheck at \(Self.binary.path)")
            return
        }
        func run(_ results: String, _ out: String, stdin: String?) throws -> Int32 {
            let process = Process()
            process.executableURL = Self.binary
            process.arguments = ["report", "--plan", dir.appendingPathComponent("plan.yaml").path, "--results", results,
                                 "--out", dir.appendingPathComponent(out).path, "--format", "json", "--quiet"]
            let input = Pipe()
            process.standardInput = input
            process.standardError = FileHandle.nullDevice
            try process.run()
            if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
            try input.fileHandleForWriting.close()
            process.waitUntilExit()
            return process.terminationStatus
        }
        #expect(try run(dir.appendingPathComponent("r.csv").path, "file", stdin: nil) == 0)
        #expect(try run("-", "pipe", stdin: csv) == 0)
        let fromFile = read(dir.appendingPathComponent("file/summary.json"))
        let fromPipe = read(dir.appendingPathComponent("pipe/summary.json"))
        // The same figures; only the file's name differs in the data notes.
        #expect(fromPipe == fromFile.replacingOccurrences(of: dir.appendingPathComponent("r.csv").path, with: "<stdin>"))
        #expect(fromPipe.contains("\"actual_to_date\": 200,"))
    }

    @Test func theStagingFolderHasARandomName() throws {
        let parent = temporaryFolder()
        let a = try OutputFolder.temporaryFolder(in: parent, prefix: ".x.gutcheck-new-1-")
        let b = try OutputFolder.temporaryFolder(in: parent, prefix: ".x.gutcheck-new-1-")
        #expect(a != b)
        #expect(a.lastPathComponent.hasPrefix(".x.gutcheck-new-1-") && a.lastPathComponent.count == ".x.gutcheck-new-1-".count + 6)
        // The exchange swaps whole folders in one step.
        try "a".write(to: a.appendingPathComponent("f"), atomically: true, encoding: .utf8)
        try "b".write(to: b.appendingPathComponent("f"), atomically: true, encoding: .utf8)
        #expect(OutputFolder.exchange(a.path, b.path))
        #expect(read(a.appendingPathComponent("f")) == "b")
    }
}
