import Foundation
import Testing
@testable import GutcheckCommands
@testable import GutcheckCore
@testable import GutcheckRender

/// SPEC §14: the ordinary mistakes of a new user refuse with a located message that names
/// the fix, and write nothing. Each case asserts the exit status and the whole message.
@Suite struct FoolingInputTests {
    let base = MeaninglessInputTests()
    static let rows = "date,region,source,metric,value\n2026-01-05,europe,web,revenue,600\n2026-06-05,europe,web,revenue,600\n"

    // MARK: §14.1 the same results twice

    @Test func theSameFileTwiceIsRefusedAtTheSecond() throws {
        let dir = try base.folder(files: ["r.csv": Self.rows])
        base.refused(dir, ["r.csv", "r.csv"], [
            "DIR/r.csv:1:1: error: DIR/r.csv is given twice as --results: the same export read twice would count every row twice; pass each export once",
        ])
    }

    @Test func aCopyAndALinkAreRefusedNamingTheFirst() throws {
        let dir = try base.folder(files: ["r.csv": Self.rows, "copy.csv": Self.rows])
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link.csv").path, withDestinationPath: "r.csv")
        base.refused(dir, ["r.csv", "copy.csv", "link.csv"], [
            "DIR/copy.csv:1:1: error: DIR/copy.csv holds the same bytes as DIR/r.csv: the same export read twice would count every row twice; pass each export once",
            "DIR/link.csv:1:1: error: DIR/link.csv is the same file as DIR/r.csv: the same export read twice would count every row twice; pass each export once",
        ])
    }

    @Test func filesOfOneSizeWithOtherBytesAreBothRead() throws {
        let other = Self.rows.replacingOccurrences(of: "2026-06-05", with: "2026-06-06")
        let dir = try base.folder(files: ["a.csv": Self.rows, "b.csv": other])
        let run = gutcheck(["check"] + base.args(dir, ["a.csv", "b.csv"]) + ["--quiet"])
        #expect(run.status == 0, "\(run.out)\(run.err)")
    }

    @Test func standardInputHoldingAFilesBytesIsRefused() throws {
        let dir = try base.folder(files: ["r.csv": Self.rows])
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let bytes = Array(Self.rows.utf8)
        #expect(write(ends[1], bytes, bytes.count) == bytes.count)
        close(ends[1])
        defer { close(ends[0]) }
        let input = StandardInput(hashing: true, descriptor: ends[0])
        var buffer = [UInt8](repeating: 0, count: 7)
        while try buffer.withUnsafeMutableBytes({ try input.read(at: input.bytesRead, into: $0) }) > 0 {}
        var twice = RepeatedInputs()
        let repeated = twice.isRepeat(dir.appendingPathComponent("r.csv").path)
        #expect(!repeated)
        twice.check(input)
        #expect(twice.diagnostics.items.map(\.formatted) == [
            "<stdin>:1:1: error: standard input holds the same bytes as \(dir.path)/r.csv: the same export read twice would count every row twice; pass each export once",
        ])
    }
}

/// SPEC §14.1: deal ids (`columns.id`), `duplicates: last`, and deal rows repeated exactly.
@Suite struct DealIdTests {
    let base = MeaninglessInputTests()

    func plan(_ extra: String = "") -> String {
        MeaninglessInputTests.plan.replacingOccurrences(of: "currency: USD", with: """
            currency: USD
            results:
              deals:
                columns: { date: Close Date, region: Region, amount: Amount, stage: Stage, id: Deal ID }
                won: [Won]
                lost: [Lost]\(extra)
            """)
    }

    static let march = "Deal ID,Close Date,Region,Amount,Stage\nD-1,2026-01-05,Europe,100,Won\nD-2,2026-02-05,Europe,200,Open\nD-3,2026-02-09,Europe,40,Lost\n"
    static let june = "Deal ID,Close Date,Region,Amount,Stage\nD-1,2026-01-05,Europe,100,Won\nD-2,2026-05-05,Europe,250,Won\nD-4,2026-06-01,Europe,70,Won\n"

    @Test func aDealIdInTwoFilesIsRefusedAtTheSecondNamingTheFirst() throws {
        let dir = try base.folder(plan: plan(), files: ["march.csv": Self.march, "june.csv": Self.june])
        base.refused(dir, ["march.csv", "june.csv"], [
            "DIR/june.csv:2:1: error: deal id 'D-1' appears again (first at DIR/march.csv:2); each deal belongs in the results once; if the files are snapshots of one export, set results.deals.duplicates: last so the later file's row stands",
            "DIR/june.csv:3:1: error: deal id 'D-2' appears again (first at DIR/march.csv:3); each deal belongs in the results once; if the files are snapshots of one export, set results.deals.duplicates: last so the later file's row stands",
        ])
    }

    @Test func aDealIdTwiceInOneFileIsRefused() throws {
        let csv = Self.march + "D-3,2026-02-10,Europe,40,Lost\n"
        let dir = try base.folder(plan: plan(), files: ["d.csv": csv])
        base.refused(dir, ["d.csv"], [
            "DIR/d.csv:5:1: error: deal id 'D-3' appears again (first at DIR/d.csv:4); each deal belongs in the results once; remove the repeated row",
        ])
        // Under duplicates: last too: a snapshot lists each deal once.
        let last = try base.folder(plan: plan("\n    duplicates: last"), files: ["d.csv": csv])
        base.refused(last, ["d.csv"], [
            "DIR/d.csv:5:1: error: deal id 'D-3' appears again (first at DIR/d.csv:4); each deal belongs in the results once; remove the repeated row",
        ])
    }

    /// Ids that differ are different deals, whatever their bytes share: 1000 and 10000 (a
    /// Superstore-shaped export numbers its rows) were once one deal by a hash.
    @Test func numberedIdsOfEveryLengthAreDistinctDeals() throws {
        var csv = "Deal ID,Close Date,Region,Amount,Stage\n"
        for id in 1...10_001 { csv += "\(id),2026-0\(id % 6 + 1)-05,Europe,1,Won\n" }
        for id in ["", "12345678", "123456789", "1234567890123456", "12345678901234567", "1234567890123456x"] {
            csv += "A\(id),2026-02-05,Europe,1,Won\nB\(id),2026-02-05,Europe,1,Won\n"
        }
        let dir = try base.folder(plan: plan(), files: ["d.csv": csv])
        let run = gutcheck(["check"] + base.args(dir, ["d.csv"]) + ["--quiet"])
        #expect(run.status == 0, "\(run.out.prefix(600))\(run.err.prefix(600))")
        let keys = ["1000", "10000", "1001", "10001"].map { Array($0.utf8) }
        let hashes = keys.map { $0.withUnsafeBufferPointer { ByteKeyTable.hash($0.baseAddress!, $0.count) } }
        #expect(Set(hashes).count == 4)
    }

    /// Snapshots: the later file's row stands. Revenue = D-1 100 + D-2 250 + D-4 70 = 420,
    /// not 100 + 100 + 250 + 70; D-3's loss (only in March) still counts.
    @Test func underDuplicatesLastTheLaterFileWins() throws {
        let dir = try base.folder(plan: plan("\n    duplicates: last"), files: ["march.csv": Self.march, "june.csv": Self.june])
        let out = dir.appendingPathComponent("out")
        let run = gutcheck(["report"] + base.args(dir, ["march.csv", "june.csv"]) + ["--out", out.path, "--quiet", "--format", "json"])
        #expect(run.status == 0, "\(run.out)\(run.err)")
        let summary = read(out.appendingPathComponent("summary.json"))
        let json = try JSONValue.parse(Array(summary.utf8))
        #expect(json["totals"]?["revenue"]?["actual_to_date"] == .number("420"), "\(summary.prefix(3000))")
        let notes = try #require(json["data_notes"]?["files"])
        guard case .array(let files) = notes else { Issue.record("no files"); return }
        #expect(files.map { $0["file"]?.string ?? "" } == [dir.appendingPathComponent("march.csv").path, dir.appendingPathComponent("june.csv").path])
        #expect(files[0]["superseded_deals"] == .int(2))
        #expect(files[1]["superseded_deals"] == nil)
        #expect(files[0]["lost_rows"] == .int(1))
    }

    @Test func duplicatesLastNeedsTheIdColumn() throws {
        let plan = MeaninglessInputTests.plan.replacingOccurrences(of: "currency: USD", with: """
            currency: USD
            results:
              deals:
                columns: { date: Close Date, region: Region, amount: Amount }
                duplicates: last
            """)
        let dir = try base.folder(plan: plan, files: ["d.csv": Self.march])
        let run = gutcheck(["check"] + base.args(dir, ["d.csv"])); let printed = run.out + run.err
        #expect(run.status == 1)
        #expect(printed.contains("plan.yaml:7:17: error: results.deals.duplicates: last needs the deal id column: map it as results.deals.columns.id"), "\(run.out)\(run.err)")
    }

    @Test func aDealRowRepeatedExactlyWithoutAnIdIsAWarningWithTheCount() throws {
        let csv = "date,region,source,amount\n2026-06-05,europe,web,100\n2026-06-05,europe,web,100\n2026-06-08,europe,web,50\n2026-06-05,europe,web,100\n"
        let dir = try base.folder(files: ["d.csv": csv])
        let run = gutcheck(["check"] + base.args(dir, ["d.csv"])); let printed = run.out + run.err
        #expect(run.status == 0, "\(run.out)\(run.err)")
        #expect(printed.contains("\(dir.path)/d.csv:3:1: warning: 2 deal rows repeat an earlier row in every field (line 3 is line 2 again); each is counted as a deal of its own — if the export can list a deal twice, map its deal id column as results.deals.columns.id"), "\(run.out)\(run.err)")
    }
}

/// SPEC §14.2: data that stops short of the cut-off, a year labelled one off, a cut-off
/// outside the year.
@Suite struct DataThatStopsShortTests {
    let base = MeaninglessInputTests()

    static func rows(_ months: [(Int, Int)]) -> String {
        "date,region,source,metric,value\n" + months.map { "\($0.0)-\(String(format: "%02d", $0.1))-10,europe,web,revenue,100\n" }.joined()
    }

    @Test func dataEndingMonthsBeforeTheCutOffIsRefused() throws {
        // This year January to March, the prior year whole: an export cut in March.
        let csv = Self.rows((1...12).map { (2025, $0) } + (1...3).map { (2026, $0) })
        let dir = try base.folder(files: ["r.csv": csv])
        base.refused(dir, ["r.csv"], [
            "DIR/plan.yaml:2:1: error: no results row falls in 2026-06 or later, the last full month before the cut-off 2026-06-30 that the plan's phasing weighs; the latest row is dated 2026-03-10; if the data is complete only to then, set as_of (or --as-of) to 2026-03-10, or add the missing rows",
        ])
    }

    @Test func aYearLabelledOneOffWithAFewRowsInItNamesTheYearItFits() throws {
        // Fiscal 2025's data (five rows a month) with two January 2026 rows, labelled 2026.
        let csv = Self.rows((1...12).flatMap { m in Array(repeating: (2025, m), count: 5) } + [(2026, 1), (2026, 1)])
        let dir = try base.folder(files: ["r.csv": csv])
        base.refused(dir, ["r.csv"], [
            "DIR/plan.yaml:2:1: error: no results row falls in 2026-06 or later, the last full month before the cut-off 2026-06-30 that the plan's phasing weighs; the latest row is dated 2026-01-10; did you mean fiscal_year: 2025?",
        ])
    }

    @Test func dataSpanningManyYearsGetsTheHintFromItsLatestRow() throws {
        let csv = Self.rows((2021...2025).flatMap { y in (1...12).map { (y, $0) } })
        let dir = try base.folder(files: ["r.csv": csv])
        base.refused(dir, ["r.csv"], [
            "DIR/plan.yaml:2:1: error: no results row is dated within fiscal year 2026 up to the cut-off (2026-01-01 to 2026-06-30); the rows run from 2021-01-10 to 2025-12-10, ending in the fiscal year before: did you mean fiscal_year: 2025?",
        ])
    }

    @Test func aMonthThePhasingDoesNotWeighNeedsNoRows() throws {
        // June weighs nothing (a shutdown month): data to May is complete.
        let plan = MeaninglessInputTests.plan.replacingOccurrences(of: "{ id: web, name: Web, revenue: 1200 }",
                                                                   with: "{ id: web, name: Web, revenue: 1200, phasing: [1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1] }")
        let dir = try base.folder(plan: plan, files: ["r.csv": Self.rows((1...5).map { (2026, $0) })])
        let run = gutcheck(["check"] + base.args(dir, ["r.csv"]) + ["--quiet"])
        #expect(run.status == 0, "\(run.out)\(run.err)")
    }

    @Test func aCutOffOutsideTheYearIsRefused() throws {
        let dir = try base.folder(plan: MeaninglessInputTests.plan.replacingOccurrences(of: "currency: USD", with: "currency: USD\nas_of: 2027-01-31"),
                                  files: ["r.csv": Self.rows((1...6).map { (2026, $0) })])
        let run = gutcheck(["check"] + base.args(dir, ["r.csv"]))
        #expect(run.status == 1)
        #expect((run.out + run.err).contains("plan.yaml:4:8: error: as_of 2027-01-31 is after fiscal year 2026 (2026-01-01 to 2026-12-31); the cut-off of a check lies within its year: set as_of within it, or fiscal_year to the year the date belongs to"), "\(run.out)\(run.err)")
        let dir2 = try base.folder(files: ["r.csv": Self.rows((1...6).map { (2026, $0) })])
        let option = gutcheck(["report"] + base.args(dir2, ["r.csv"]) + ["--as-of", "2027-03-31", "--out", dir2.appendingPathComponent("out").path])
        #expect(option.status == 1)
        #expect(option.err.contains("error: --as-of 2027-03-31 is after fiscal year 2026 (2026-01-01 to 2026-12-31); give a cut-off within the plan's year"), "\(option.err)")
        #expect(!FileManager.default.fileExists(atPath: dir2.appendingPathComponent("out").path))
    }
}

/// SPEC §14.3: what exports really look like — another delimiter, date-times, a
/// misspelt won: or lost: stage.
@Suite struct ExportShapeTests {
    let base = MeaninglessInputTests()

    @Test func aHeaderOneColumnWideNamesTheDelimiterThatSplitsIt() throws {
        let dir = try base.folder(files: ["r.csv": "date;region;source;metric;value\n2026-06-05;europe;web;revenue;100\n"])
        base.refused(dir, ["r.csv"], [
            "DIR/r.csv:1:1: error: expected a header with the columns date,region,source,metric,value (metric form) or date,region,source,amount (deal export, or map yours under results.deals.columns); missing date, region, source, metric, value — the header reads as one column, but split at ';' it has 5: set results.delimiter: \";\"",
        ])
        let pipes = try base.folder(plan: MeaninglessInputTests.plan.replacingOccurrences(of: "currency: USD", with: "currency: USD\nresults: { delimiter: \"|\" }"),
                                    files: ["r.csv": "date|region|source|metric|value\n2026-06-05|europe|web|revenue|100\n"])
        let run = gutcheck(["check"] + base.args(pipes, ["r.csv"]) + ["--quiet"])
        #expect(run.status == 0, "\(run.out)")
    }

    static let dealPlan = MeaninglessInputTests.plan.replacingOccurrences(of: "currency: USD", with: """
        currency: USD
        results:
          deals:
            columns: { date: Close Date, region: Region, amount: Amount, stage: Stage }
            won: [Closed Won]
            lost: [Closed Lost]
        """)

    @Test func datesWithATimeOfDayReadAsTheirDate() throws {
        let csv = "Close Date,Region,Amount,Stage\n2026-03-15 01:47:03,Europe,100,Closed Won\n2026-06-15T01:47:03Z,Europe,200,Closed Won\n2026-06-16T23:59:59.123+02:00,Europe,40,Closed Lost\n"
        let dir = try base.folder(plan: Self.dealPlan, files: ["d.csv": csv])
        let out = dir.appendingPathComponent("out")
        let run = gutcheck(["report"] + base.args(dir, ["d.csv"]) + ["--out", out.path, "--format", "json", "--quiet"])
        #expect(run.status == 0, "\(run.err)")
        let json = try JSONValue.parse([UInt8](Data(contentsOf: out.appendingPathComponent("summary.json"))))
        #expect(json["totals"]?["revenue"]?["actual_to_date"] == .number("300"))
        let us = Self.dealPlan.replacingOccurrences(of: "won: [Closed Won]", with: "won: [Closed Won]\n    date_format: M/D/YYYY")
        let slashed = "Close Date,Region,Amount,Stage\n3/15/2026 1:47 PM,Europe,100,Closed Won\n6/15/2026 12:05 am,Europe,200,Closed Won\n6/16/2026 13:47:03 UTC,Europe,40,Closed Lost\n"
        let dir2 = try base.folder(plan: us, files: ["d.csv": slashed])
        let run2 = gutcheck(["report"] + base.args(dir2, ["d.csv"]) + ["--out", dir2.appendingPathComponent("out").path, "--format", "json", "--quiet"])
        #expect(run2.status == 0, "\(run2.err)")
        let json2 = try JSONValue.parse([UInt8](Data(contentsOf: dir2.appendingPathComponent("out/summary.json"))))
        #expect(json2["totals"]?["revenue"]?["actual_to_date"] == .number("300"))
    }

    @Test func anUnreadableDateShowsTheNearestFormat() throws {
        let csv = "Close Date,Region,Amount,Stage\n15.06.2026,Europe,100,Closed Won\n2026/06/15,Europe,100,Closed Won\n2026-06-15 25:00,Europe,100,Closed Won\n"
        let dir = try base.folder(plan: Self.dealPlan, files: ["d.csv": csv])
        base.refused(dir, ["d.csv"], [
            "DIR/d.csv:2:1: error: expected a date written YYYY-MM-DD, found '15.06.2026'; the nearest accepted formats are M/D/YYYY and D/M/YYYY, written with '/': set results.deals.date_format and export dates as 3/15/2024",
            "DIR/d.csv:3:1: error: expected a date written YYYY-MM-DD, found '2026/06/15'; the nearest accepted format is YYYY-MM-DD: export dates as 2024-03-15",
            "DIR/d.csv:4:1: error: expected a date written YYYY-MM-DD, found '2026-06-15 25:00'; after the date, expected a time of day like 01:47:03 and an optional zone (Z, +02:00, UTC)",
        ])
    }

    @Test func aWonStageNoRowCarriesIsRefusedListingTheStagesFound() throws {
        let plan = Self.dealPlan.replacingOccurrences(of: "won: [Closed Won]", with: "won: [Closed Won, Closed-Won]")
        let csv = "Close Date,Region,Amount,Stage\n2026-06-15,Europe,100,Closed Won\n2026-06-16,Europe,40,Closed Lost\n2026-07-16,Europe,40,Proposal\n2026-08-16,Europe,40,Proposal\n2026-06-20,Europe,40,Closed Wonn\n"
        let dir = try base.folder(plan: plan, files: ["d.csv": csv])
        base.refused(dir, ["d.csv"], [
            "DIR/plan.yaml:7:5: error: results.deals.won lists 'Closed-Won', which no deal in the results carries (did you mean 'Closed Wonn'?), so its deals would read as open; the stage values found are Closed Won (won): 1, Closed Lost (lost): 1, Proposal: 2, Closed Wonn: 1; correct the name or remove it",
        ])
    }
}

/// SPEC §14.7: a CSV given as --plan, a YAML plan given as --results.
@Suite struct WrongFileTests {
    let base = MeaninglessInputTests()

    @Test func aCSVAsThePlanSaysWhichFileGoesWhere() throws {
        let dir = try base.folder(files: ["r.csv": FoolingInputTests.rows])
        let run = gutcheck(["check", "--plan", dir.appendingPathComponent("r.csv").path, "--results", dir.appendingPathComponent("r.csv").path])
        #expect(run.status == 1)
        #expect(run.out.split(separator: "\n").first.map(String.init) == "\(dir.path)/r.csv:1:1: error: this is a results CSV, not a plan: its first line is a header ('date,region,source,metric,value'); pass it as --results, and the plan's YAML file as --plan", "\(run.out)")
    }

    @Test func aPlanAsResultsSaysWhichFileGoesWhere() throws {
        let dir = try base.folder(files: [:])
        base.refused(dir, ["plan.yaml"], [
            "DIR/plan.yaml:1:1: error: this is a YAML plan, not a results CSV (it starts with 'gutcheck: 1'); pass it as --plan, and the CSV exports as --results",
        ])
    }

    @Test func aPlanWhoseFirstLineHasCommasIsStillAPlan() {
        #expect(Plan.csvHeader(Array("company: Acme, Inc., and partners\n".utf8)) == nil)
        #expect(Plan.csvHeader(Array("# plan, for 2026, by RevOps\n".utf8)) == nil)
        #expect(Plan.csvHeader(Array("\u{FEFF}Close Date;Region;Amount\n".utf8)) == "Close Date;Region;Amount")
    }
}

/// SPEC §14.9: a metric the plan names without declaring it is a flow metric of the results.
@Suite struct UndeclaredMetricTests {
    @Test func aKPIAndAFunnelOnUndeclaredMetricsReadTheResults() throws {
        let base = MeaninglessInputTests()
        let plan = MeaninglessInputTests.plan + """

                funnel: [demos, won_deals]
                kpis:
                  - { id: demos-held, name: Demos held, value: demos, target: 60 }
            """
        var csv = "date,region,source,metric,value\n"
        for m in 1...6 { csv += "2026-0\(m)-05,europe,web,revenue,200\n2026-0\(m)-05,europe,web,demos,12\n2026-0\(m)-05,europe,web,won_deals,2\n" }
        let dir = try base.folder(plan: plan, files: ["r.csv": csv])
        let out = dir.appendingPathComponent("out")
        let run = gutcheck(["report"] + base.args(dir, ["r.csv"]) + ["--out", out.path, "--format", "json"])
        #expect(run.status == 0, "\(run.err)")
        #expect(!run.err.contains("demos"), "\(run.err)")
        let summary = read(out.appendingPathComponent("summary.json"))
        let json = try JSONValue.parse(Array(summary.utf8))
        guard case .array(let regions)? = json["regions"], case .array(let kpis)? = regions.first?["kpis"] else { Issue.record("no kpis"); return }
        #expect(kpis.first?["id"]?.string == "demos-held")
        #expect(kpis.first?["actual"] == .number("72.0"), "6 months × 12 demos")
    }
}

/// SPEC §14.8: check groups warnings by kind, one line each with the first three places.
@Suite struct GroupedWarningTests {
    @Test func warningsOfOneKindShareALineAndVerboseListsEach() {
        let samples = here.appendingPathComponent("../../samples/northwind").standardized
        let args = ["check", "--plan", samples.appendingPathComponent("plan.yaml").path,
                    "--results", samples.appendingPathComponent("results-2025.csv").path,
                    "--results", samples.appendingPathComponent("results-2026.csv").path, "--quiet"]
        let grouped = gutcheck(args), verbose = gutcheck(args + ["--verbose"])
        #expect(grouped.status == 0 && verbose.status == 0)
        let groupedWarnings = grouped.out.split(separator: "\n").filter { $0.contains(": warning: ") }
        let allWarnings = verbose.out.split(separator: "\n").filter { $0.contains(": warning: ") }
        #expect(allWarnings.count == 22)
        #expect(groupedWarnings.count == 9, "\(grouped.out)")
        #expect(grouped.out.hasSuffix("ok: no errors, 22 warnings\n"))
        let variances = groupedWarnings.first { $0.contains("off plan with no explanation") }.map(String.init) ?? ""
        #expect(variances.hasSuffix("plan.yaml:26:9: warning: 6 sources or KPIs are off plan with no explanation — the first: source 'new-logos' in region 'northeast' is 27.3 % below plan with no explanation; add one under the region's midyear.explanations.new-logos; also at \(samples.path)/plan.yaml:16:5, \(samples.path)/plan.yaml:88:9 and 3 more (--verbose lists each)"), "\(variances)")
    }
}

/// SPEC §14.5: a plan without a profit goal is a plan; profit is "not planned".
@Suite struct NoProfitGoalTests {
    @Test func profitIsNotPlannedAndTheRestWorks() throws {
        let base = MeaninglessInputTests()
        let plan = MeaninglessInputTests.plan.replacingOccurrences(of: "goals: { revenue: 1200, profit: 100 }", with: "goals: { revenue: 1200 }")
        var csv = "date,region,source,metric,value\n"
        for m in 1...6 { csv += "2026-0\(m)-05,europe,web,revenue,90\n" }
        let dir = try base.folder(plan: plan, files: ["r.csv": csv])
        let check = gutcheck(["check"] + base.args(dir, ["r.csv"]) + ["--verbose"])
        #expect(check.status == 0, "\(check.out)")
        #expect(!check.out.contains("profit"), "\(check.out)")
        let out = dir.appendingPathComponent("out")
        let run = gutcheck(["report"] + base.args(dir, ["r.csv"]) + ["--out", out.path, "--quiet"])
        #expect(run.status == 0, "\(run.err)")
        let region = read(out.appendingPathComponent("regions/europe.md"))
        #expect(region.contains("Revenue $540 of $600 planned to date (90.0\u{00A0}%), $60 behind."))
        #expect(region.contains("Profit is not planned."))
        #expect(region.contains("A revenue goal of $1,200 and no profit goal."))
        #expect(region.contains("| **Profit** | — | — | — | — | not\u{00A0}planned |"))
        #expect(!region.contains("Profit goal of") && !region.contains("$0 of profit"))
        let index = read(out.appendingPathComponent("index.md"))
        #expect(index.contains("| **Profit** | — | — | — | — | — | not\u{00A0}planned |"), "\(index)")
        let json = try JSONValue.parse([UInt8](Data(contentsOf: out.appendingPathComponent("summary.json"))))
        #expect(json["totals"]?["profit"]?["planned"] == .bool(false))
        #expect(json["totals"]?["profit"]?["status"] == .null)
        #expect(json["totals"]?["revenue"]?["planned"] == nil)
    }
}

/// SPEC §14.6: `gutcheck questions` says what the report does for Q5 and Q6.
@Suite struct QuestionsWordingTests {
    @Test func q5AndQ6AreDescribedAsTheReportAnswersThem() {
        let out = gutcheck(["questions"]).out
        #expect(out.contains("5. What is working (do more)?\n   From the data: sources, objectives and actions in the on-track band"), "\(out)")
        #expect(out.contains("From the data: objectives and actions below the at-risk band (off track), ranked by shortfall, with cost per unit of result; then actions with a cost that nothing measures (sources are never stopped: Q10 weighs them)."))
        #expect(!out.contains("and KPIs at or above"))
    }
}

/// SPEC §14.4: one region per file, and rows set aside that carry real revenue.
@Suite struct OneRegionPerFileTests {
    let base = MeaninglessInputTests()
    static let twoRegions = MeaninglessInputTests.plan + """

          - id: asia
            name: Asia
            goals: { revenue: 600, profit: 50 }
            sources:
              - { id: web, name: Web, revenue: 600 }
        """

    static func rows(_ value: Int) -> String {
        "date,source,metric,value\n" + (1...6).map { "2026-0\($0)-05,web,revenue,\(value)\n" }.joined()
    }

    func revenue(_ dir: URL, _ args: [String]) throws -> (JSONValue, Int32, String) {
        let out = dir.appendingPathComponent("out-\(UUID().uuidString)")
        let run = gutcheck(["report", "--plan", dir.appendingPathComponent("plan.yaml").path] + args + ["--out", out.path, "--format", "json", "--quiet"])
        guard run.status == 0 else { return (.null, run.status, run.err) }
        return (try JSONValue.parse([UInt8](Data(contentsOf: out.appendingPathComponent("summary.json")))), run.status, run.err)
    }

    @Test func aFileNamesItsRegionOnTheCommandLine() throws {
        let dir = try base.folder(plan: Self.twoRegions, files: ["europe.csv": Self.rows(100), "asia.csv": Self.rows(50)])
        let (json, status, err) = try revenue(dir, ["--results", dir.appendingPathComponent("europe.csv").path + "@europe",
                                                    "--results", dir.appendingPathComponent("asia.csv").path + "@Asia"])
        #expect(status == 0, "\(err)")
        guard case .array(let regions)? = json["regions"] else { Issue.record("no regions"); return }
        #expect(regions.map { $0["revenue"]?["actual_to_date"] } == [.number("600"), .number("300")])
        #expect(json["totals"]?["revenue"]?["actual_to_date"] == .number("900"))
    }

    @Test func thePlanNamesTheFilesAndTheirRegions() throws {
        let plan = Self.twoRegions.replacingOccurrences(of: "currency: USD", with: """
            currency: USD
            results:
              deals:
                columns: { date: Close Date, amount: Amount, stage: Stage }
                won: [Won]
                lost: [Lost]
              files:
                - { path: eu-deals.csv, region: europe }
                - { path: asia-deals.csv, region: asia }
            """)
        let deals = "Close Date,Amount,Stage\n2026-02-05,400,Won\n2026-06-05,40,Lost\n2026-06-07,100,Won\n"
        let dir = try base.folder(plan: plan, files: ["eu-deals.csv": deals, "asia-deals.csv": deals.replacingOccurrences(of: "400", with: "50")])
        let (json, status, err) = try revenue(dir, [])
        #expect(status == 0, "\(err)")
        guard case .array(let regions)? = json["regions"] else { Issue.record("no regions"); return }
        #expect(regions.map { $0["revenue"]?["actual_to_date"] } == [.number("500"), .number("150")])
        // A file given without its region is then a clear error.
        let unnamed = try base.folder(plan: plan.replacingOccurrences(of: "  files:\n    - { path: eu-deals.csv, region: europe }\n    - { path: asia-deals.csv, region: asia }\n", with: ""), files: ["eu-deals.csv": deals])
        let (_, refused, message) = try revenue(unnamed, ["--results", unnamed.appendingPathComponent("eu-deals.csv").path])
        #expect(refused == 1)
        #expect(message.contains("results.deals.columns maps no region column; name each file's region: --results FILE@REGION, or results.files: [{ path, region }] in the plan"), "\(message)")
    }

    @Test func anUnknownRegionAfterTheAtIsAnError() throws {
        let dir = try base.folder(plan: Self.twoRegions, files: ["europe.csv": Self.rows(100)])
        let (_, status, err) = try revenue(dir, ["--results", dir.appendingPathComponent("europe.csv").path + "@eurpe"])
        #expect(status == 1)
        #expect(err.contains("error: --results '\(dir.path)/europe.csv@eurpe' names region 'eurpe', which the plan does not have (did you mean 'europe'?); FILE@REGION takes a region's id or name (regions: europe, asia)"), "\(err)")
        let badPlan = Self.twoRegions.replacingOccurrences(of: "currency: USD", with: "currency: USD\nresults:\n  files: [{ path: europe.csv, region: eurpe }]")
        let dir2 = try base.folder(plan: badPlan, files: ["europe.csv": Self.rows(100)])
        let check = gutcheck(["check", "--plan", dir2.appendingPathComponent("plan.yaml").path])
        #expect(check.status == 1)
        #expect(check.out.contains("plan.yaml:5:39: error: results.files names region 'eurpe' for 'europe.csv', which the plan does not have (did you mean 'europe'?)"), "\(check.out)")
    }

    @Test func rowsSetAsideWithMoreThanAFifthOfRevenueAreAWarningAtTheTop() throws {
        let plan = MeaninglessInputTests.plan.replacingOccurrences(of: "currency: USD", with: "currency: USD\nresults: { unknown: note }")
        var csv = "date,region,source,metric,value\n"
        for m in 1...6 { csv += "2026-0\(m)-05,europe,web,revenue,90\n2026-0\(m)-05,asia,web,revenue,30\n" }
        let dir = try base.folder(plan: plan, files: ["r.csv": csv])
        let check = gutcheck(["check"] + base.args(dir, ["r.csv"]))
        #expect(check.status == 0)
        #expect(check.out.contains("plan.yaml:4:1: warning: 25.0 % of the revenue read to date (180 of 720) is in rows set aside under results.unknown: note, for values the plan does not have: region 'asia' (6 rows); the figures leave it out — add them to the plan or map them under results.aliases"), "\(check.out)")
        let out = dir.appendingPathComponent("out")
        #expect(gutcheck(["report"] + base.args(dir, ["r.csv"]) + ["--out", out.path, "--quiet"]).status == 0)
        #expect(read(out.appendingPathComponent("index.md")).contains("> **25.0\u{00A0}% of the revenue read is left out** — it is in rows for names the plan does not have (region 'asia' (6 rows)); the figures below do not include it."))
        // Under 5 %: a data note only.
        var small = "date,region,source,metric,value\n"
        for m in 1...6 { small += "2026-0\(m)-05,europe,web,revenue,990\n" }
        small += "2026-03-05,asia,web,revenue,10\n"
        let dir2 = try base.folder(plan: plan, files: ["r.csv": small])
        let quiet = gutcheck(["check"] + base.args(dir2, ["r.csv"]))
        #expect(!quiet.out.contains("of the revenue read to date"))
    }
}
