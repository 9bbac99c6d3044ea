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

    @Flag(name: .long, help: "List every warning; by default warnings of one kind share a line with their first places.")
    var verbose = false

    func run() throws {
        let inputs = try input.gather(progress: Progress(quiet: quiet || format != .text))
        var diagnostics = inputs.diagnostics.items
        var findings: [JSONValue] = []
        // The kind of each diagnostic, for grouping (nil: shown on its own).
        var kinds = [String?](repeating: nil, count: diagnostics.count)
        if let company = inputs.company {
            let warnings = RunResult.warnings(company)
            let findingKinds = company.regions.flatMap { $0.findings.map { Summary.findingKind($0.kind) } }
            diagnostics += warnings
            kinds += warnings.indices.map { $0 < findingKinds.count ? findingKinds[$0] : "unexplained_variance" }
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
            for line in verbose ? diagnostics.map(\.formatted) : WarningGroups.lines(diagnostics, kinds: kinds) { console.out(line) }
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
        if let company = inputs.company { try gating.gate(Rollup(company)) }
    }
}

/// SPEC §14.8: warnings of one kind on one line — how many, the first's words, and the first
/// three places — so a reasonable plan gets a screenful. Errors and one-off warnings print
/// as they are.
enum WarningGroups {
    static let titles: [String: String] = [
        "objective_not_smart": "objectives are not SMART",
        "action_without_objective": "actions are tied to no objective",
        "sources_do_not_add_up": "regions' sources do not add up to the revenue goal",
        "source_profits_do_not_add_up": "regions' source profit goals do not add up to the profit goal",
        "objective_differs_from_source": "objectives target other revenue than their source's goal",
        "kpi_without_target": "KPIs have no target",
        "profit_not_measured": "regions' profit is measured by no results file",
        "kpi_not_measured": "KPIs are measured by no results file",
        "no_results_to_date": "regions have no results rows to date",
        "goal_element_missing": "goal elements are not stated",
        "goal_element_unmeasured": "goal elements are measured by no objective",
        "team_without_owners": "regions have quotas but no owner column",
        "phasing_unlike_last_year": "regions' phasing differs from last year's season",
        "unexplained_variance": "sources or KPIs are off plan with no explanation",
    ]

    static func lines(_ diagnostics: [Diagnostic], kinds: [String?]) -> [String] {
        var members: [String: [Diagnostic]] = [:]
        for (d, kind) in zip(diagnostics, kinds) where d.severity == .warning {
            if let kind { members[kind, default: []].append(d) }
        }
        var lines: [String] = []
        var shown: Set<String> = []
        for (d, kind) in zip(diagnostics, kinds) {
            guard d.severity == .warning, let kind, let group = members[kind], group.count > 1 else {
                lines.append(d.formatted)
                continue
            }
            guard shown.insert(kind).inserted else { continue }
            lines.append(line(group, title: titles[kind] ?? kind))
        }
        return lines
    }

    static func line(_ group: [Diagnostic], title: String) -> String {
        func place(_ d: Diagnostic) -> String {
            d.location.map { "\(Quote.escaped($0.file)):\($0.line):\($0.column)" } ?? "the command line"
        }
        let first = group[0]
        let also = group.dropFirst().prefix(2).map(place)
        let more = group.count - 1 - also.count
        let places = also.joined(separator: ", ") + (more > 0 ? " and \(more) more" : "")
        let head = first.location == nil ? "warning:" : "\(place(first)): warning:"
        return "\(head) \(group.count) \(title) — the first: \(Quote.escaped(first.message)); also at \(places) (--verbose lists each)"
    }
}
