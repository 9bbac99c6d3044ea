import ArgumentParser
import Foundation
import GutcheckCore
import GutcheckRender

/// `gutcheck init --results FILE…`: drafts a plan from the data (see `PlanScaffold`).
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Draft a plan from results files: regions, sources and last year's actuals as placeholders to edit.",
        discussion: """
            Reads metric-form files (date,region,source,metric,value) and deal exports with the columns \
            date,region,source,amount[,profit,stage]; for another export (a CRM's column names, Windows-1252, \
            M/D/YYYY), write the plan's results: block in a file and pass it with --results-options: it is used \
            to read the files and kept in the plan. Every value taken from the data carries a PLACEHOLDER comment; \
            gutcheck check warns at each one left.
            """)

    @Option(name: .long, help: ArgumentHelp("A results file (CSV); repeat for several.", valueName: "file.csv"))
    var results: [String] = []

    @Option(name: .long, help: ArgumentHelp("Write the plan here instead of to standard output.", valueName: "plan.yaml"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp("The company's name.", valueName: "name"))
    var company: String?

    @Option(name: .long, help: ArgumentHelp("ISO 4217 currency code of the amounts.", valueName: "code"))
    var currency = "USD"

    @Option(name: .customLong("fiscal-year-start"), help: ArgumentHelp(
        "First month of the fiscal year (YYYY-MM); default January of the latest row's year.", valueName: "month"))
    var fiscalYearStart: String?

    @Option(name: .customLong("results-options"), help: ArgumentHelp(
        "A YAML file holding the plan's results: block (column mapping, encoding, …) for reading the files.", valueName: "file.yaml"))
    var resultsOptions: String?

    @Flag(name: .long, help: "Replace --out if it exists.")
    var force = false

    func validate() throws {
        if results.isEmpty { throw ValidationError("give at least one --results file") }
        if let fiscalYearStart, YearMonth(iso: fiscalYearStart) == nil {
            throw ValidationError("--fiscal-year-start must be a month written YYYY-MM, found '\(fiscalYearStart)'")
        }
        if currency.count != 3 || !currency.allSatisfy({ $0.isASCII && $0.isUppercase }) {
            throw ValidationError("--currency must be an ISO 4217 code like USD, found '\(currency)'")
        }
        if let out, !force, FileManager.default.fileExists(atPath: out) {
            throw ValidationError("\(out) exists; choose another --out or pass --force to replace it")
        }
    }

    func run() throws {
        let console = Console.current
        var scaffold = PlanScaffold(files: results.map { $0 == "-" ? "standard input" : ($0 as NSString).lastPathComponent })
        scaffold.company = company
        scaffold.currency = currency
        scaffold.fiscalYearStart = fiscalYearStart.flatMap { YearMonth(iso: $0) }

        if let resultsOptions {
            guard let data = FileManager.default.contents(atPath: resultsOptions), let text = String(data: data, encoding: .utf8) else {
                console.err("\(resultsOptions):1:1: error: cannot read the results options as UTF-8 text: \(Inputs.reason(resultsOptions))")
                throw InputFailure()
            }
            scaffold.resultsBlock = text
        }
        var diagnostics = Diagnostics()
        guard let censusPlan = scaffold.censusPlan(file: resultsOptions ?? "results options", diagnostics: &diagnostics) else {
            for d in diagnostics.errors { console.err(d.formatted) }
            throw InputFailure()
        }

        // Standard input is read twice below, so it is held in memory (a file is read again).
        let standardInput: [UInt8]? = results.contains("-") ? [UInt8](FileHandle.standardInput.readDataToEndOfFile()) : nil
        // First reading: which values and dates the files hold.
        let census = ResultsCensus()
        let first = ResultsIngest(plan: censusPlan, calendar: censusPlan.calendar(),
                                  census: census)
        guard try read(into: first, standardInput: standardInput) else { throw InputFailure() }
        let counts = census.counts
        guard !counts.regions.isEmpty else {
            console.err("\(results[0]):1:1: error: no rows with a region, a date and an amount; expected results to draft a plan from")
            throw InputFailure()
        }
        // Second reading, against the draft: the figures behind the goals.
        let draft = try plan(PlanScaffoldYAML.text(scaffold.draft(counts, actuals: nil)))
        let calendar = draft.calendar()
        let second = ResultsIngest(plan: draft, calendar: calendar)
        guard try read(into: second, standardInput: standardInput) else { throw InputFailure() }
        let text = PlanScaffoldYAML.text(scaffold.draft(counts, actuals: second.actuals))
        _ = try plan(text)
        if let out {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch {
                console.err("error: could not write \(out): \(error.localizedDescription)")
                throw InputFailure()
            }
            let regions = draft.regions.count
            console.err("wrote \(out): \(regions) region\(regions == 1 ? "" : "s"); set the values marked PLACEHOLDER, then run gutcheck check")
        } else {
            console.out(text, terminator: "")
        }
    }

    /// Reads every results file; prints the errors and returns false when there are any.
    func read(into ingest: ResultsIngest, standardInput: [UInt8]?) throws -> Bool {
        for path in results {
            if path == "-", let standardInput {
                ingest.read(MemoryByteSource(standardInput), file: "<stdin>")
                continue
            }
            guard let source = FileByteSource(path: path) else {
                Console.current.err("\(path):1:1: error: cannot read results file: \(Inputs.reason(path))")
                return false
            }
            ingest.read(source, file: path)
        }
        for d in ingest.diagnostics.items where d.severity == .error { Console.current.err(d.formatted) }
        if ingest.diagnostics.droppedErrors > 0 { Console.current.err("error: \(ingest.diagnostics.droppedErrors) more errors not shown") }
        return !ingest.diagnostics.hasErrors
    }

    /// The drafted plan, read back: a draft the reader refuses is our bug, said plainly.
    func plan(_ text: String) throws -> Plan {
        var diagnostics = Diagnostics()
        guard let plan = Plan.read(yaml: Array(text.utf8), file: "drafted plan", diagnostics: &diagnostics) else {
            for d in diagnostics.errors { Console.current.err("internal error: gutcheck init drafted a plan it cannot read: \(d.formatted)") }
            throw InputFailure()
        }
        return plan
    }
}
