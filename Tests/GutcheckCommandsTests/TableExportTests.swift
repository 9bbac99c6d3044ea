import Foundation
import Testing
@testable import GutcheckCommands
@testable import GutcheckRender

/// `--format csv` (SPEC §15.8): every table as an RFC 4180 file with exact figures.
@Suite struct TableExportTests {
    @Test func fieldsAreQuotedAsRFC4180AndFormulasDefused() {
        #expect(TableExport.escaped("plain") == "plain")
        #expect(TableExport.escaped("Acme, Inc.") == "\"Acme, Inc.\"")
        #expect(TableExport.escaped("The \"Blue\" Co") == "\"The \"\"Blue\"\" Co\"")
        #expect(TableExport.escaped("two\nlines") == "\"two\nlines\"")
        #expect(TableExport.Cell.text("=HYPERLINK(\"x\")").field == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(TableExport.Cell.text("@sum").field == "'@sum")
        #expect(TableExport.Cell.number(Decimal(string: "-1234.5678")!).field == "-1234.5678")
        #expect(TableExport.Cell.number(nil).field == "")
        #expect(TableExport.Cell.ratio(0.925).field == "0.925")
        let table = TableExport.Table(name: "t", header: ["a", "b"], rows: [[.text("x,y"), .int(3)]])
        #expect(TableExport.csv(table) == "a,b\r\n\"x,y\",3\r\n")
    }

    /// The Salesforce sample: the region and company tables, with the figures summary.json
    /// holds — unrounded where the json rounds to the cent.
    @Test func theSampleTablesCarryExactFigures() throws {
        let out = temporaryFolder().appendingPathComponent("report")
        let run = gutcheck(["report"] + RollupTests.inputs("salesforce") + ["--out", out.path, "--format", "json,csv", "--quiet"])
        try #require(run.status == 0, "\(run.err)")
        let tables = out.appendingPathComponent("tables")
        let amer = try FileManager.default.contentsOfDirectory(atPath: tables.appendingPathComponent("amer").path).sorted()
        #expect(amer == ["categories.csv", "drivers.csv", "focus_areas.csv", "kpis.csv", "largest_lost_deals.csv", "largest_open_deals.csv",
                         "loss_reasons.csv", "owners.csv", "path_to_plan.csv", "performance.csv", "pipeline_movement.csv", "pipeline_stages.csv", "quarters.csv", "sources.csv"])
        let company = try FileManager.default.contentsOfDirectory(atPath: tables.appendingPathComponent("company").path).sorted()
        #expect(company == ["categories.csv", "quarters.csv", "regions.csv", "sources.csv", "totals.csv"])
        let performance = read(tables.appendingPathComponent("amer/performance.csv"))
        #expect(performance.hasPrefix("figure,goal,plan_to_date,actual_to_date,attainment,gap,status\r\nrevenue,8500000,3825000,2762186.73"))
        // Exact: the sum of the amounts as exported, not rounded to the cent.
        let row = try #require(performance.split(separator: "\r\n").dropFirst().first)
        let actual = try #require(Decimal(string: String(row.split(separator: ",")[3])))
        #expect(actual.rounded(places: 2) == Decimal(string: "2762186.73")!)
        // The quarters add up to the year to date.
        let quarters = read(tables.appendingPathComponent("amer/quarters.csv")).split(separator: "\r\n").dropFirst()
        let sum = quarters.reduce(Decimal(0)) { $0 + Decimal(string: String($1.split(separator: ",")[2]))! }
        #expect(sum == actual)
        // A largest-deal row names its id and source id.
        let lost = read(tables.appendingPathComponent("amer/largest_lost_deals.csv"))
        #expect(lost.hasPrefix("id,close_date,owner,source_id,amount,detail\r\nOpportunity 1150,2026-04-01,Grace Kim,partners,"), "\(lost)")
        // Without csv in --format no tables are written.
        let plain = temporaryFolder().appendingPathComponent("report")
        _ = gutcheck(["report"] + RollupTests.inputs("salesforce") + ["--out", plain.path, "--format", "json", "--quiet"])
        #expect(!FileManager.default.fileExists(atPath: plain.appendingPathComponent("tables").path))
    }
}
