import ArgumentParser
import Foundation
import GutcheckCore
import GutcheckRender

/// `gutcheck check`: reads everything `report` reads, the same way, and writes nothing.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate the plan and results without writing anything.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, github, json }

    @OptionGroup var input: InputOptions
    @OptionGroup var gating: Gating

    @Flag(name: .long, help: "Leave out the data notes and progress; errors and warnings are still listed.")
    var quiet = false

    @Option(name: .long, help: "text, github (Actions annotations) or json.")
    var format: Format = .text

    func run() throws {
        if quiet || format != .text { Progress.enabled = false }
        let inputs = try input.gather()
        var diagnostics = inputs.diagnostics.items
        var findings: [JSONValue] = []
        if let company = inputs.company {
            diagnostics += RunResult.warnings(company)
            findings = RunResult.findingObjects(company)
        }
        if inputs.diagnostics.droppedErrors > 0 {
            diagnostics.append(Diagnostic(.error, "\(inputs.diagnostics.droppedErrors) more errors not shown", at: nil))
        }
        let console = Console.current
        let errors = inputs.diagnostics.errorCount
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        switch format {
        case .text:
            for d in diagnostics { console.out(d.formatted) }
            if let company = inputs.company, !quiet {
                for line in DataNoteText.lines(company.notes) { console.out("note: \(Quote.escaped(line))") }
            }
            console.out(errors == 0
                ? "ok: no errors, \(warnings) warning\(warnings == 1 ? "" : "s")"
                : "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        case .github:
            let shown = diagnostics.prefix(10)
            for d in shown { console.out(GitHubAnnotation.line(d)) }
            let notKept = errors - inputs.diagnostics.errors.count
            let more = diagnostics.count - shown.count + max(0, notKept - inputs.diagnostics.droppedErrors)
            if more > 0 {
                let rest = diagnostics.dropFirst(shown.count).contains { $0.severity == .error } || notKept > 0
                console.out("::\(rest ? "error" : "warning")::\(more) more problems not shown as annotations; run gutcheck check locally for the full list")
            }
        case .json:
            // One shape for every diagnostic: the shape of summary.json's plan_findings.
            let findingMessages = Set(findings.compactMap { Summary.message(of: $0) })
            let others = diagnostics.filter { !findingMessages.contains($0.message) }.map { Summary.diagnostic($0) }
            console.out(JSONValue.object([
                ("errors", .number(String(errors))), ("warnings", .number(String(warnings))),
                ("diagnostics", .array(others + findings)),
            ]).serialized().trimmingCharacters(in: .newlines))
        }
        if inputs.diagnostics.hasErrors { throw InputFailure() }
        if let company = inputs.company { try gating.gate(RunResult.rollup(company)) }
    }
}
