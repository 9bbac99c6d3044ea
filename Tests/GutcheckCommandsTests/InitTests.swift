import Foundation
import Testing
@testable import GutcheckCommands
@testable import GutcheckCore

/// `gutcheck init`: a plan drafted from the data that `check` accepts, with every value
/// taken from the data marked, and nothing left marked once edited.
@Suite struct InitTests {
    static let samples = here.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("samples")

    func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Deletes every placeholder comment, as a user does once the values are theirs.
    func edited(_ plan: String) -> String {
        plan.replacingOccurrences(of: #"\s*# PLACEHOLDER.*"#, with: "", options: .regularExpression)
    }

    @Test func northwindDraftIsAcceptedByCheckAndCleanOnceEdited() throws {
        let dir = temporaryFolder()
        let results = ["results-2025.csv", "results-2026.csv"].map { Self.samples.appendingPathComponent("northwind/\($0)").path }
        let plan = dir.appendingPathComponent("plan.yaml").path
        var (status, _, err) = gutcheck(["init", "--company", "Northwind Instruments", "--out", plan] + results.flatMap { ["--results", $0] })
        #expect(status == 0, "\(err)")
        #expect(err.contains("wrote \(plan): 4 regions"))
        let text = read(URL(fileURLWithPath: plan))
        #expect(text.contains("company: \"Northwind Instruments\"\n"))
        #expect(text.contains("fiscal_year: 2026\n"))
        // Last year's actuals are the starting goals: Northeast's FY2025 revenue rows sum to
        // 11,020,385.77; the goal is its sources' rounded goals, so they add up (SPEC §14).
        #expect(text.contains("  - id: northeast\n    name: \"Northeast\"\n"))
        #expect(text.contains("      revenue: 11020385  # PLACEHOLDER: last year's actual (FY2025)\n"))
        #expect(text.contains("      - { id: new-logos, name: \"New logos\", revenue: 2769565, profit: 415435 }"))

        var out: String
        (status, out, _) = gutcheck(["check", "--plan", plan] + results.flatMap { ["--results", $0] })
        #expect(status == 0, "\(out)")
        #expect(out.contains("\(plan):9:20: warning: placeholder drafted by gutcheck (the cut-off; the data runs to here): set your own value and delete the marker"))
        #expect(out.contains("more placeholders drafted by gutcheck"))

        try edited(text).write(toFile: plan, atomically: true, encoding: .utf8)
        (status, out, _) = gutcheck(["check", "--plan", plan] + results.flatMap { ["--results", $0] })
        #expect(status == 0, "\(out)")
        #expect(!out.contains("placeholder"))
        let report = dir.appendingPathComponent("report").path
        (status, _, err) = gutcheck(["report", "--plan", plan, "--out", report, "--quiet"] + results.flatMap { ["--results", $0] })
        #expect(status == 0, "\(err)")
    }

    @Test func namesBecomeIdsAndMatchTheirRowsExactly() throws {
        let dir = temporaryFolder()
        // Deal exports with the default header: last year's won deals are the goals, to the
        // unit (100.50 + 200.25 = 300.75 → 301); lost and open deals are not revenue; a
        // region written "EMEA" in one file and "emea" in another is one region.
        let deals = try write(#"""
            date,region,source,amount,profit,stage
            2025-01-10,EMEA,Partner Referral,100.50,30,Closed Won
            2025-11-02,EMEA,Partner Referral,200.25,60.125,Won
            2025-12-01,EMEA,Web,999,1,Closed Lost
            2026-02-14,EMEA,Web,50,10,Closed Won
            2026-03-31,"Nord, Süd","Café ""Noir""",10,1,Won
            2026-04-15,  North East  ,,20,2,Won
            2026-05-20,north-east,web,30,3,Won
            2026-12-01,EMEA,Web,5000,0,Negotiation
            """#, "deals.csv", in: dir)
        let leads = try write("date,region,source,metric,value\n2026-01-01,emea,web,leads,40\n2025-06-01,emea,web,leads,10\n", "leads.csv", in: dir)
        let plan = dir.appendingPathComponent("plan.yaml").path
        var (status, _, err) = gutcheck(["init", "--results", deals, "--results", leads, "--out", plan])
        #expect(status == 0, "\(err)")
        let text = read(URL(fileURLWithPath: plan))
        // Monthly rows (leads) count their whole month; the open deal's date does not count.
        #expect(text.contains("as_of: 2026-05-31"))
        #expect(text.contains("  - id: emea\n    name: \"EMEA\"\n"))
        #expect(text.contains("      revenue: 301  # PLACEHOLDER: last year's actual (FY2025)"))
        #expect(text.contains("      profit: 90  # PLACEHOLDER"))
        #expect(text.contains("{ id: partner-referral, name: \"Partner Referral\", revenue: 301, profit: 90 }"))
        // Web won nothing last year but does this year: a new source, so its run rate.
        #expect(text.contains("{ id: web, name: \"Web\", revenue: 120, profit: 24 }  # PLACEHOLDER: this year's run rate to 2026-05-31"))
        #expect(text.contains("  - id: nord-sud\n    name: \"Nord, Süd\"\n"))
        #expect(text.contains("{ id: cafe-noir, name: \"Café \\\"Noir\\\"\""))
        // "North East" and "north-east" are one region: the id matches one, the name the other.
        #expect(text.contains("  - id: north-east\n    name: \"North East\"\n"))
        #expect(!text.contains("north-east-2"))
        // Lead-to-close from last year: 2 won of 10 leads; no such KPI where there are no leads.
        #expect(text.contains("value: won_deals / leads, target: 0.2, unit: percent, canary: true }  # PLACEHOLDER: last year's (FY2025)"))
        #expect(text.components(separatedBy: "id: lead-to-close").count == 2)
        // This year's run rate where last year is not in the data: 10 in Jan–May → 24 a year.
        #expect(text.contains("  - id: nord-sud\n    name: \"Nord, Süd\"\n    # leader: Name  # PLACEHOLDER: who leads the region (optional)\n    goals:\n      revenue: 24  # PLACEHOLDER: this year's run rate to 2026-05-31"))

        var out: String
        (status, out, _) = gutcheck(["check", "--plan", plan, "--results", deals, "--results", leads])
        #expect(status == 0, "\(out)")
        #expect(!out.contains("unknown"))
    }

    @Test func aCRMExportIsReadThroughTheResultsOptionsKeptInThePlan() throws {
        let dir = temporaryFolder()
        let options = try write("""
            # how our Salesforce report is exported
            results:
              deals:
                columns: { date: Close Date, region: Sales Region, source: Lead Source, amount: Amount, profit: Gross Margin, stage: Stage }
                won: [Closed Won]
                lost: [Closed Lost]
                date_format: M/D/YYYY
              encoding: windows-1252
              numbers: { currency_symbols: true, thousands: "," }
            """, "options.yaml", in: dir)
        let results = ["opportunities.csv", "leads.csv"].map { Self.samples.appendingPathComponent("salesforce/\($0)").path }
        let plan = dir.appendingPathComponent("plan.yaml").path
        var (status, _, err) = gutcheck(["init", "--results-options", options, "--fiscal-year-start", "2026-02", "--out", plan]
            + results.flatMap { ["--results", $0] })
        #expect(status == 0, "\(err)")
        let text = read(URL(fileURLWithPath: plan))
        #expect(text.contains("results:\n  deals:\n    columns: { date: Close Date"))
        #expect(text.contains("as_of: 2026-07-31"))
        // EMEA's amounts are in euros ("€22,052.32"): the draft gives it its currency and the plan a rate to set.
        #expect(text.contains("fx:\n  EUR: 1.00  # PLACEHOLDER: what 1 EUR is worth in USD at your plan rate\n"), "\(text)")
        #expect(text.contains("    currency: EUR  # PLACEHOLDER: its amounts are written in EUR\n"))
        #expect(text.components(separatedBy: "    currency: ").count == 2, "only EMEA, whose amounts carry €")
        var out: String
        (status, out, _) = gutcheck(["check", "--plan", plan] + results.flatMap { ["--results", $0] })
        #expect(status == 0, "\(out)")

        // Without the options the export cannot be read, and the error says how to map it.
        (status, _, err) = gutcheck(["init", "--out", dir.appendingPathComponent("other.yaml").path] + results.flatMap { ["--results", $0] })
        #expect(status == 1)
        #expect(err.contains("opportunities.csv:1:1: error: expected a header with the columns date,region,source,metric,value"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("other.yaml").path))
    }

    @Test func badInputIsRefusedWithItsPosition() throws {
        let dir = temporaryFolder()
        let good = try write("date,region,source,amount\n2026-01-05,west,web,10\n", "good.csv", in: dir)
        let bad = try write("date,region,source,amount\n2026-01-05,west,web,10\n2026-13-01,west,web,1,2\n", "bad.csv", in: dir)
        let plan = dir.appendingPathComponent("plan.yaml").path
        var (status, _, err) = gutcheck(["init", "--results", bad, "--out", plan])
        #expect(status == 1)
        #expect(err.contains("bad.csv:3:"))
        #expect(!FileManager.default.fileExists(atPath: plan))

        let options = try write("results:\n  encoding: utf-8\ncompany: X\n", "options.yaml", in: dir)
        (status, _, err) = gutcheck(["init", "--results", good, "--results-options", options, "--out", plan])
        #expect(status == 1)
        #expect(err.contains("\(options):3:1: error: expected only the plan's results: block here"))

        let typo = try write("results:\n  encodng: utf-8\n", "typo.yaml", in: dir)
        (status, _, err) = gutcheck(["init", "--results", good, "--results-options", typo, "--out", plan])
        #expect(status == 1)
        #expect(err.contains("\(typo):2:3: error:"))

        (status, _, _) = gutcheck(["init", "--results", good, "--out", plan])
        #expect(status == 0)
        (status, _, err) = gutcheck(["init", "--results", good, "--out", plan])
        #expect(status == 2)
        #expect(err.contains("exists; choose another --out or pass --force"))
        (status, _, _) = gutcheck(["init", "--out", plan])
        #expect(status == 2)
    }

    @Test func messagesFitInitAndSayWhy() throws {
        let dir = temporaryFolder()
        let plan = dir.appendingPathComponent("plan.yaml").path
        // A CRM's own header: init has no plan, so the fix is --results-options.
        let crm = try write("Close Date,Sales Region,Amount\n2026-01-05,West,10\n", "crm.csv", in: dir)
        var (status, _, err) = gutcheck(["init", "--results", crm, "--out", plan])
        #expect(status == 1)
        #expect(err == "\(crm):1:1: error: expected a header with the columns date,region,source,metric,value (metric form) or date,region,source,amount (deal export, or map a CRM's own columns with --results-options FILE holding a results: block); missing date, region, source, metric, value\n")
        // An options file that forgot the results: line says to add it.
        let options = try write("deals:\n  columns: { date: Close Date, region: Sales Region, amount: Amount }\n", "options.yaml", in: dir)
        (status, _, err) = gutcheck(["init", "--results", crm, "--results-options", options, "--out", plan])
        #expect(status == 1)
        #expect(err == "\(options):1:1: error: expected the plan's results: block, with results: as its first line; this file starts at 'deals': add a line results: above it and indent the rest by two spaces\n")
        // A prior year with an empty month: no phasing is drafted, and the draft says why.
        var csv = "date,region,source,amount\n"
        for m in [1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12] { csv += "2025-\(m < 10 ? "0" : "")\(m)-10,west,web,100\n" }
        csv += "2026-01-10,west,web,120\n"
        let gappy = try write(csv, "gappy.csv", in: dir)
        (status, _, err) = gutcheck(["init", "--results", gappy, "--out", plan])
        #expect(status == 0, "\(err)")
        let text = read(URL(fileURLWithPath: plan))
        #expect(text.contains("    # phasing: not drafted: last year has no revenue rows for 2025-03, so its monthly shape is not known; even until you set 12 weights\n"))
        // A commented-out line's marker is no placeholder to fill.
        var out: String
        (status, out, _) = gutcheck(["check", "--plan", plan, "--results", gappy])
        #expect(status == 0, "\(out)")
        #expect(text.contains("    # leader: Name  # PLACEHOLDER"))
        #expect(!out.contains("who leads the region"))
    }

    /// SPEC §14: every drafted region's sources add up to its goal; the cut-off stays in the
    /// year; standard input is read like a file.
    @Test func theDraftAddsUpStaysInTheYearAndReadsStandardInput() throws {
        let dir = temporaryFolder()
        let results = ["results-2025.csv", "results-2026.csv"].map { Self.samples.appendingPathComponent("northwind/\($0)").path }
        let plan = dir.appendingPathComponent("plan.yaml").path
        let run = gutcheck(["init", "--out", plan, "--fiscal-year-start", "2025-04"] + results.flatMap { ["--results", $0] })
        #expect(run.status == 0, "\(run.err)")
        var diagnostics = Diagnostics()
        let drafted = try #require(Plan.read(yaml: Array(read(URL(fileURLWithPath: plan)).utf8), file: "plan.yaml", diagnostics: &diagnostics))
        #expect(drafted.asOf == Day(year: 2026, month: 3, day: 31), "the fiscal year from 2025-04 ends 2026-03-31")
        for region in drafted.regions where !region.sources.isEmpty {
            #expect(region.sources.reduce(Decimal(0)) { $0 + $1.revenue } == region.goals.revenue, "\(region.id)")
        }
        let binary = MeaninglessInputTests.binary
        guard FileManager.default.isExecutableFile(atPath: binary.path) else { Issue.record("no built gutcheck"); return }
        let process = Process()
        process.executableURL = binary
        process.arguments = ["init", "--results", "-", "--results", results[0]]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(try Data(contentsOf: URL(fileURLWithPath: results[1])))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let file = gutcheck(["init"] + [results[1], results[0]].flatMap { ["--results", $0] }).out
        #expect(text == file.replacingOccurrences(of: "from results-2026.csv,", with: "from standard input,"), "\(text.prefix(300))")
    }
}
