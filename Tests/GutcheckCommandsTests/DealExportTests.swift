import Foundation
import Testing
@testable import GutcheckCommands

/// The Salesforce sample (samples/salesforce): a Windows-1252, CRLF, M/D/YYYY export with
/// "$12,500.00" amounts and a report footer, read through the plan's results: block. The
/// expected figures were computed independently with Python's csv and decimal modules
/// (won rows closed 2026-02-01 through 2026-07-31, amounts summed exactly).
@Suite struct DealExportTests {
    let sample = here.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("samples/salesforce")

    @Test func salesforceExportMatchesAnIndependentComputation() throws {
        let out = temporaryFolder().appendingPathComponent("report")
        let (status, _, err) = gutcheck(["report", "--plan", sample.appendingPathComponent("plan.yaml").path,
                                         "--results", sample.appendingPathComponent("opportunities.csv").path,
                                         "--results", sample.appendingPathComponent("leads.csv").path,
                                         "--out", out.path, "--format", "json"])
        #expect(status == 0, "\(err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as? [String: Any])
        let regions = try #require(json["regions"] as? [[String: Any]])
        func figure(_ region: String, _ measure: String) -> String? {
            let r = regions.first { $0["id"] as? String == region }
            return ((r?[measure] as? [String: Any])?["actual_to_date"] as? NSNumber)?.stringValue
        }
        #expect(figure("emea", "revenue") == "3633086.81")
        #expect(figure("emea", "profit") == "893359.66")
        #expect(figure("amer", "revenue") == "2762186.73")
        #expect(figure("amer", "profit") == "702394.47")
    }

    @Test func checkListsOpenStagesAndTheFooter() {
        let (status, out, _) = gutcheck(["check", "--plan", sample.appendingPathComponent("plan.yaml").path,
                                         "--results", sample.appendingPathComponent("opportunities.csv").path,
                                         "--results", sample.appendingPathComponent("leads.csv").path])
        #expect(status == 0)
        #expect(out.contains("deals: 807 won, 637 lost, 189 open (Negotiation/Review: 46, Proposal/Price Quote: 50, Prospecting: 48, Qualification: 45)"))
        #expect(out.contains("report footer skipped (5 lines from line 1636)"))
    }

    @Test func strictRefusesTheFooter() {
        let (status, out, _) = gutcheck(["check", "--strict", "--plan", sample.appendingPathComponent("plan.yaml").path,
                                         "--results", sample.appendingPathComponent("opportunities.csv").path,
                                         "--results", sample.appendingPathComponent("leads.csv").path])
        #expect(status == 1)
        #expect(out.contains("opportunities.csv:1636:1: error: a report footer is not data (--strict)"))
    }
}
