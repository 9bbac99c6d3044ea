import Foundation
import GutcheckCore

/// The hand-check fixture the core's tests use (Tests/GutcheckCommandsTests/Fixtures/offset-fy),
/// analysed for the presenters' tests; `amend` edits the plan's text first.
enum RenderFixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../GutcheckCommandsTests/Fixtures/offset-fy").standardizedFileURL

    static func text(_ name: String) -> String {
        String(decoding: FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)!, as: UTF8.self)
    }

    static func analyze(amend: (String) -> String = { $0 }) throws -> CompanyAnalysis {
        var diagnostics = Diagnostics()
        guard let plan = Plan.read(yaml: Array(amend(text("plan.yaml")).utf8), file: "plan.yaml", diagnostics: &diagnostics) else {
            throw Failure(description: diagnostics.items.map(\.formatted).joined(separator: "\n"))
        }
        let calendar = plan.calendar(cutOff: nil)
        let ingest = ResultsIngest(plan: plan, calendar: calendar)
        ingest.checksTheDataReachesTheCutOff = false  // a few rows
        ingest.read(Array(text("results.csv").utf8), file: "results.csv")
        ingest.finish()
        guard !ingest.diagnostics.hasErrors else {
            throw Failure(description: ingest.diagnostics.items.map(\.formatted).joined(separator: "\n"))
        }
        return CompanyAnalysis(plan: plan, calendar: calendar, actuals: ingest.actuals, notes: ingest.notes)
    }

    struct Failure: Error, CustomStringConvertible { var description: String }
}
