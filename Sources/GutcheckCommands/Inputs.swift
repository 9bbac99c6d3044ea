import Foundation
import GutcheckCore

/// Reads the plan and results files named on the command line and runs the analysis.
/// The only place that opens input files.
struct Inputs {
    var plan: Plan?
    var company: CompanyAnalysis?
    var diagnostics = Diagnostics()

    /// Results are streamed in chunks of this size, so memory does not grow with the file.
    static let chunkSize = 1 << 20

    static func load(planPath: String, resultsPaths: [String], asOf: Day?, regions: [String]) -> Inputs {
        var inputs = Inputs()
        guard let bytes = read(planPath, diagnostics: &inputs.diagnostics) else { return inputs }
        guard var plan = Plan.read(yaml: bytes, file: planPath, diagnostics: &inputs.diagnostics) else { return inputs }
        if let asOf { plan.asOf = asOf }
        inputs.plan = plan
        let calendar = FiscalCalendar(start: plan.fiscalYearStart, asOf: plan.asOf)
        let ingest = ResultsIngest(plan: plan, calendar: calendar, diagnostics: inputs.diagnostics)
        for path in resultsPaths {
            guard let handle = FileHandle(forReadingAtPath: path) else {
                var d = ingest.diagnostics
                d.error("cannot read results file: \(reason(path))", at: SourceLocation(file: path, line: 1, column: 1))
                inputs.diagnostics = d
                return inputs
            }
            defer { try? handle.close() }
            ingest.begin(file: path)
            while let chunk = try? handle.read(upToCount: chunkSize), !chunk.isEmpty {
                chunk.withUnsafeBytes { raw in ingest.consume(raw.bindMemory(to: UInt8.self)) }
            }
            ingest.end()
        }
        inputs.diagnostics = ingest.diagnostics
        if !inputs.diagnostics.hasErrors {
            inputs.company = CompanyAnalysis(plan: plan, calendar: calendar, actuals: ingest.actuals, notes: ingest.notes,
                                             regionIds: regions.isEmpty ? nil : regions)
        }
        return inputs
    }

    static func read(_ path: String, diagnostics: inout Diagnostics) -> [UInt8]? {
        guard let data = FileManager.default.contents(atPath: path) else {
            diagnostics.error("cannot read plan file: \(reason(path))", at: SourceLocation(file: path, line: 1, column: 1))
            return nil
        }
        return [UInt8](data)
    }

    static func reason(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) { return "no such file" }
        return isDirectory.boolValue ? "it is a folder" : "permission denied"
    }
}
