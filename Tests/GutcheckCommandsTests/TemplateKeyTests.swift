import Foundation
import Testing
@testable import GutcheckCommands
@testable import GutcheckCore
@testable import GutcheckRender

/// Every key a default template names is one its contexts offer (issue 23: every template
/// tested). Mustache renders a misspelt or renamed key as nothing, so a drift between a
/// template and its presenter would leave a silent gap in a board's report; here it fails.
/// The check is by name over the whole model tree a template was given, not by nesting: a
/// key misspelt into the name of a key elsewhere in the same tree would pass.
@Suite struct TemplateKeyTests {
    static let samples = here.appendingPathComponent("../../samples").standardizedFileURL

    /// The keys each template's contexts offered over the samples' runs (every format, a
    /// comparison, a pipeline snapshot, a revision), the fixtures and the job summary.
    static func offered() throws -> [String: Set<String>] {
        var templates = try TemplateSet()
        let recorder = TemplateSet.KeyRecorder()
        templates.recorder = recorder
        let renderer = ReportRenderer(templates: templates, version: "test")
        func run(_ plan: URL, _ results: [URL], asOf: Day? = nil, previous: Inputs.PreviousSnapshot? = nil, compare: URL? = nil) throws {
            let inputs = Inputs.load(planPath: plan.path, resultsPaths: results.map(\.path), asOf: asOf, regions: [], previous: previous)
            guard let company = inputs.company else { throw Failure(inputs.diagnostics.items.map(\.formatted).joined(separator: "\n")) }
            let run = try RunResult(company, version: "test", previous: try compare.map { [UInt8](try Data(contentsOf: $0)) })
            _ = renderer.render(run, formats: [.markdown, .html, .json, .packet])
            _ = renderer.jobSummary(run)
        }
        let northwind = samples.appendingPathComponent("northwind")
        let years = ["results-2022-2024.csv", "results-2025.csv", "results-2026.csv"].map { northwind.appendingPathComponent($0) }
        try run(northwind.appendingPathComponent("plan.yaml"), years)
        try run(northwind.appendingPathComponent("plan-revised.yaml"), years + [northwind.appendingPathComponent("results-2026-h2.csv")],
                asOf: Day(iso: "2026-08-31"), compare: northwind.appendingPathComponent("report/summary.json"))
        let salesforce = samples.appendingPathComponent("salesforce")
        try run(salesforce.appendingPathComponent("plan.yaml"), ["opportunities.csv", "leads.csv"].map { salesforce.appendingPathComponent($0) },
                previous: .init(paths: [salesforce.appendingPathComponent("opportunities-2026-06-30.csv").path], asOf: Day(iso: "2026-06-30")!))
        let fixtures = here.appendingPathComponent("Fixtures")
        try run(fixtures.appendingPathComponent("offset-fy/plan.yaml"), [fixtures.appendingPathComponent("offset-fy/results.csv")])
        try run(fixtures.appendingPathComponent("long-words/plan.yaml"), years)
        // Rows for a region the plan does not have, set aside: over 5 % of the revenue read, so the roll-up shows its banner.
        let folder = temporaryFolder()
        let plan = String(decoding: try Data(contentsOf: fixtures.appendingPathComponent("offset-fy/plan.yaml")), as: UTF8.self)
        try Data((plan + "results: { unknown: note }\n").utf8).write(to: folder.appendingPathComponent("plan.yaml"))
        let rows = String(decoding: try Data(contentsOf: fixtures.appendingPathComponent("offset-fy/results.csv")), as: UTF8.self)
        try Data((rows + "2026-01-01,atlantis,direct,revenue,500000\n").utf8).write(to: folder.appendingPathComponent("results.csv"))
        try run(folder.appendingPathComponent("plan.yaml"), [folder.appendingPathComponent("results.csv")])
        return recorder.keys.withLock { $0 }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    /// The names a template looks up: every segment of `{{x}}`, `{{{x.y}}}`, `{{#x}}`, `{{^x}}`, `{{&x}}`.
    static func keys(in template: String) -> Set<String> {
        var keys: Set<String> = []
        var rest = template[...]
        while let open = rest.range(of: "{{") {
            guard let close = rest.range(of: "}}", range: open.upperBound..<rest.endIndex) else { break }
            var tag = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            rest = rest[close.upperBound...]
            if tag.hasPrefix("{") { tag.removeFirst() }
            if tag.hasSuffix("}") { tag.removeLast() }
            guard let sigil = tag.first, !"!>/%=".contains(sigil) else { continue }
            if "#^&".contains(sigil) { tag.removeFirst() }
            for part in tag.trimmingCharacters(in: .whitespaces).split(separator: ".") where !part.isEmpty { keys.insert(String(part)) }
        }
        return keys
    }

    /// Partials see the contexts of the templates that include them.
    static let includedBy = ["leader_words": ["region.md"], "owners_rollup": ["index.md", "owners_rollup"], "base_css": ["page.html", "packet.html"]]

    @Test func everyKeyATemplateNamesIsOfferedByItsContexts() throws {
        let offered = try Self.offered()
        for name in TemplateSet.names {
            let sources = Self.includedBy[name] ?? [name]
            let available = sources.reduce(into: Set<String>()) { $0.formUnion(offered[$1] ?? []) }
            #expect(!available.isEmpty || Self.keys(in: DefaultTemplates.all[name]!).isEmpty, "\(name) was never rendered")
            let missing = Self.keys(in: DefaultTemplates.all[name]!).subtracting(available)
            #expect(missing.isEmpty, "\(name).mustache names keys no model offers: \(missing.sorted())")
        }
    }

    @Test func theKeyReaderFindsEveryKindOfTag() {
        #expect(Self.keys(in: "{{a}} {{{b.c}}} {{#d}}{{^e}}{{&f}}{{/d}}{{! note}}{{> part}}{{% CONTENT_TYPE: MARKDOWN}}{{.}}")
                == ["a", "b", "c", "d", "e", "f"])
    }
}
