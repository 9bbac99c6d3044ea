import ArgumentParser
import Foundation
import GutcheckCore
import GutcheckRender

/// The `gutcheck` command line. `run(_:)` is the whole program, callable from tests.
public struct GutcheckCommand: ParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "gutcheck",
        abstract: "Mid-year gut-check reports from a sales plan (YAML) and results (CSV).",
        discussion: "Exit status: 0 success; 1 the inputs have errors (nothing written); 2 usage error; 3 a region is at or below the --fail-on status (reports are written).",
        version: version,
        subcommands: [Report.self, Check.self, RollupCommand.self, InitCommand.self, QuestionsCommand.self])

    public init() {}

    /// Parses and runs; returns the exit status.
    public static func run(_ arguments: [String]) -> Int32 {
        let console = Console.current
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let failure as InputFailure {
            return failure.status
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { console.out(message) }
                return 0
            }
            if !message.isEmpty { console.err(message) }
            // ArgumentParser says 64 for usage errors; the spec says 2.
            return code == .validationFailure || code.rawValue == 64 ? 2 : code.rawValue
        }
    }
}

/// The inputs had errors (already printed): exit 1.
struct InputFailure: Error {
    var status: Int32 = 1
}

/// Options shared by `report` and `check`.
struct InputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The plan (YAML).", valueName: "plan.yaml"))
    var plan: String

    @Option(name: .long, help: ArgumentHelp("A results file (CSV); repeat for several.", valueName: "file.csv"))
    var results: [String] = []

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Cut-off date (YYYY-MM-DD), instead of the plan's as_of.", valueName: "date"))
    var asOf: String?

    @Option(name: .long, help: ArgumentHelp("Only this region (repeatable).", valueName: "id"))
    var region: [String] = []

    @Flag(name: .long, help: "Make identical rows, report footers and months with no rows errors instead of data notes.")
    var strict = false

    @OptionGroup var gating: Gating

    var quiet: Bool { gating.quiet }

    var cutOff: Day? { asOf.flatMap { Day(iso: $0) } }

    func validate() throws {
        if results.isEmpty { throw ValidationError("give at least one --results file") }
        if let asOf, Day(iso: asOf) == nil {
            throw ValidationError("--as-of must be a date written YYYY-MM-DD, found '\(asOf)'")
        }
    }

    /// Loads everything, printing diagnostics; throws `InputFailure` on errors.
    func load() throws -> Inputs {
        if quiet { Progress.enabled = false }
        let inputs = Inputs.load(planPath: plan, resultsPaths: results, asOf: cutOff, regions: region, strict: strict)
        let console = Console.current
        for d in inputs.diagnostics.items where d.severity == .error || !quiet { console.err(d.formatted) }
        if inputs.diagnostics.droppedErrors > 0 {
            console.err("error: \(inputs.diagnostics.droppedErrors) more errors not shown")
        }
        if inputs.diagnostics.hasErrors { throw InputFailure() }
        if let plan = inputs.plan {
            let ids = plan.regions.map(\.id)
            for id in region where !ids.contains(id) {
                throw ValidationError("--region '\(id)' is not a region of the plan\(hint(id, ids))")
            }
        }
        return inputs
    }

    private func hint(_ id: String, _ ids: [String]) -> String {
        " (regions: \(ids.joined(separator: ", ")))"
    }
}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the region reports, the roll-up and summary.json.")

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let console = Console.current
        let renderer = try output.renderer
        let printer = try output.pdfPrinter()
        let inputs = try input.load()
        guard let company = inputs.company else { throw InputFailure() }
        Progress.show("rendering \(company.regions.count) region\(company.regions.count == 1 ? "" : "s")…")
        let run: RunResult
        do {
            run = try RunResult(company, version: GutcheckCommand.version, previous: try output.previousSummary())
        } catch let error as Changes.ReadError {
            throw output.compareFailed(error)
        }
        if !input.quiet { for d in RunResult.warnings(company, variances: false) { console.err(d.formatted) } }
        let files = renderer.render(run, formats: try output.formats)
        Progress.clear()
        try output.write(files, printer: printer)
        if !input.quiet { console.out("wrote \(files.count + output.pdfJobs(files).count) files for \(company.regions.count) region\(company.regions.count == 1 ? "" : "s") to \(output.out)") }
        output.writeJobSummary(run.rollup, renderer: renderer)
        try input.gating.gate(run.rollup)
    }
}

/// `--fail-on` and `--quiet`, shared by `report`, `check` and `rollup`.
struct Gating: ParsableArguments {
    @Option(name: .customLong("fail-on"), help: ArgumentHelp(
        "Exit with status 3 when any region's revenue is at this status or worse: off_track or at_risk. Default: results never fail the run.",
        valueName: "status"))
    var failOn: FailOn?

    @Flag(name: .long, help: "Print only errors and warnings.")
    var quiet = false

    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case offTrack = "off_track", atRisk = "at_risk"
    }

    /// Regions that trip `--fail-on`, printed; throws the distinct exit status 3.
    func gate(_ rollup: Rollup) throws {
        guard let failOn else { return }
        let failing = rollup.regions.filter {
            $0.revenue.status == .offTrack || (failOn == .atRisk && $0.revenue.status == .atRisk)
        }
        guard !failing.isEmpty else { return }
        let list = failing.map { "\($0.id) (\($0.revenue.status?.rawValue ?? "no plan to date"))" }.joined(separator: ", ")
        Console.current.err("gutcheck: --fail-on \(failOn.rawValue): \(list)")
        throw InputFailure(status: 3)
    }
}

/// What `report` and `rollup` write and how: output folder, formats, templates, the
/// comparison with a previous report and the CI job summary.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Output folder; replaced as a whole.", valueName: "dir"))
    var out: String = "gutcheck-report"

    @Option(name: .long, help: ArgumentHelp("Comma-separated: md, html, json, packet (one printable board-packet.html).", valueName: "list"))
    var format: [String] = ["md,html,json"]

    @Option(name: .long, help: ArgumentHelp("Paper the board packet is laid out for: a4 or letter.", valueName: "size"))
    var paper: Paper = .a4

    @Flag(name: .long, help: "Also print the board packet to board-packet.pdf with headless Chromium (implies --format packet).")
    var pdf = false

    @Flag(name: .customLong("pdf-regions"), help: "Also print each region's HTML report to regions/<id>.pdf with headless Chromium.")
    var pdfRegions = false

    @Option(name: .long, help: ArgumentHelp("Folder with your own copies of the templates.", valueName: "dir"))
    var templates: String?

    @Flag(name: .long, help: "Replace --out even if it is not a previous gutcheck output.")
    var force = false

    @Option(name: .long, help: ArgumentHelp(
        "A previous report's summary.json: add what changed since then to every report and summary.json.", valueName: "summary.json"))
    var compare: String?

    @Option(name: .customLong("github-summary"), help: ArgumentHelp(
        "Append a Markdown job summary to this file (default: $GITHUB_STEP_SUMMARY when set).", valueName: "file"))
    var githubSummary: String?

    var formats: OutputFormats {
        get throws {
            var result: OutputFormats = []
            for word in format.flatMap({ $0.split(separator: ",") }).map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
                switch word {
                case "md", "markdown": result.insert(.markdown)
                case "html": result.insert(.html)
                case "json": result.insert(.json)
                case "packet": result.insert(.packet)
                default: throw ValidationError("--format takes md, html, json and packet, found '\(word)'")
                }
            }
            if pdf { result.insert(.packet) }
            if pdfRegions { result.insert(.html) }
            return result
        }
    }

    func validate() throws { _ = try formats }

    var renderer: ReportRenderer {
        get throws { ReportRenderer(templates: try loadTemplates(), version: GutcheckCommand.version, paper: paper) }
    }

    /// The previous summary's bytes for `--compare`, or nil.
    func previousSummary() throws -> [UInt8]? {
        guard let compare else { return nil }
        guard let data = FileManager.default.contents(atPath: compare) else {
            Console.current.err("\(compare):1:1: error: cannot read the previous summary: \(Inputs.reason(compare))")
            throw InputFailure()
        }
        return [UInt8](data)
    }

    func compareFailed(_ error: Changes.ReadError) -> InputFailure {
        Console.current.err("\(compare ?? "--compare"):1:1: error: \(error.description)")
        return InputFailure()
    }

    /// The HTML files to print to PDF (`--pdf`, `--pdf-regions`), as paths in the output folder.
    func pdfJobs(_ files: [(path: String, contents: String)]) -> [String] {
        files.map(\.path).filter { path in
            (pdf && path == "board-packet.html") || (pdfRegions && path.hasPrefix("regions/") && path.hasSuffix(".html"))
        }
    }

    /// Finds Chromium before any work when PDF is asked for: a missing browser is a clear error, never a silent skip.
    func pdfPrinter() throws -> PDFPrinter? {
        guard pdf || pdfRegions else { return nil }
        do {
            return try PDFPrinter.find()
        } catch {
            Console.current.err("error: \(error)")
            throw InputFailure(status: 2)
        }
    }

    func write(_ files: [(path: String, contents: String)], printer: PDFPrinter? = nil) throws {
        let jobs = pdfJobs(files)
        do {
            try OutputFolder.write(files, to: out, force: force) { staging in
                guard let printer else { return }
                for job in jobs {
                    Progress.show("printing \(job) to PDF…")
                    do {
                        try printer.print(staging.appendingPathComponent(job),
                                          to: staging.appendingPathComponent(String(job.dropLast(5)) + ".pdf"))
                    } catch {
                        throw OutputFolder.Failure.io("\(error); nothing was written")
                    }
                }
                Progress.clear()
            }
        } catch {
            Console.current.err("error: \(error)")
            throw InputFailure()
        }
    }

    /// Appends the job summary when asked (or when GitHub Actions provides the file).
    func writeJobSummary(_ rollup: Rollup, renderer: ReportRenderer) {
        guard let file = githubSummary ?? ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"], !file.isEmpty else { return }
        do {
            try JobSummaryFile.append(renderer.jobSummary(rollup), to: file)
        } catch {
            Console.current.err("warning: could not write the job summary to \(file): \(error)")
        }
    }

    func loadTemplates() throws -> TemplateSet {
        var overrides: [String: (file: String, text: String)] = [:]
        if let templates {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: templates, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("--templates '\(templates)' is not a folder")
            }
            for name in TemplateSet.names {
                let path = (templates as NSString).appendingPathComponent("\(name).mustache")
                if let data = FileManager.default.contents(atPath: path) {
                    guard let text = String(data: data, encoding: .utf8) else {
                        Console.current.err("\(path):1:1: error: template is not valid UTF-8")
                        throw InputFailure()
                    }
                    overrides[name] = (path, text)
                }
            }
        }
        do {
            return try TemplateSet(overrides: overrides)
        } catch {
            Console.current.err(error.description)
            throw InputFailure()
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate the plan and results without writing anything.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, github, json }

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "text, github (Actions annotations) or json.")
    var format: Format = .text

    func run() throws {
        if input.quiet || format != .text { Progress.enabled = false }
        let inputs = Inputs.load(planPath: input.plan, resultsPaths: input.results, asOf: input.cutOff, regions: input.region, strict: input.strict)
        var diagnostics = inputs.diagnostics.items
        if let company = inputs.company { diagnostics += RunResult.warnings(company) }
        let console = Console.current
        switch format {
        case .text:
            for d in diagnostics { console.out(d.formatted) }
            if inputs.diagnostics.droppedErrors > 0 { console.out("error: \(inputs.diagnostics.droppedErrors) more errors not shown") }
            if let company = inputs.company, !input.quiet {
                for line in DataNoteText.lines(company.notes) { console.out("note: \(line)") }
            }
            let errors = inputs.diagnostics.errorCount
            let warnings = diagnostics.filter { $0.severity == .warning }.count
            console.out(errors == 0 ? "ok: no errors, \(warnings) warning\(warnings == 1 ? "" : "s")" : "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        case .github:
            let shown = diagnostics.prefix(10)
            for d in shown { console.out(GitHubAnnotation.line(d)) }
            let more = diagnostics.count - shown.count + inputs.diagnostics.droppedErrors
            if more > 0 {
                let rest = diagnostics.dropFirst(shown.count).contains { $0.severity == .error } || inputs.diagnostics.droppedErrors > 0
                console.out("::\(rest ? "error" : "warning")::\(more) more problems not shown as annotations; run gutcheck check locally for the full list")
            }
        case .json:
            let items: [JSONValue] = diagnostics.map { d in
                .object([
                    ("severity", .string(d.severity.rawValue)), ("file", d.location.map { .string($0.file) } ?? .null),
                    ("line", d.location.map { .number(String($0.line)) } ?? .null),
                    ("column", d.location.map { .number(String($0.column)) } ?? .null), ("message", .string(d.message)),
                ])
            }
            console.out(JSONValue.object([
                ("errors", .number(String(inputs.diagnostics.errorCount))), ("diagnostics", .array(items)),
            ]).serialized().trimmingCharacters(in: .newlines))
        }
        if inputs.diagnostics.hasErrors { throw InputFailure() }
        if let company = inputs.company { try input.gating.gate(RunResult.rollup(company)) }
    }
}

/// GitHub Actions workflow commands (`::error file=…,line=…,col=…::message`).
enum GitHubAnnotation {
    static func line(_ d: Diagnostic) -> String {
        let kind = d.severity == .error ? "error" : "warning"
        guard let at = d.location else { return "::\(kind)::\(escapeData(d.message))" }
        return "::\(kind) file=\(escapeProperty(at.file)),line=\(at.line),col=\(at.column)::\(escapeData(d.message))"
    }

    static func escapeData(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}

struct QuestionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "questions", abstract: "List the gut-check questions and how each is answered.")

    func run() throws {
        for q in Questions.all {
            var line = "\(q.number). \(q.text)\n   From the data: \(q.answeredBy)."
            if let key = q.wordsKey { line += "\n   In the leader's words: midyear.\(key)" }
            Console.current.out(line)
        }
    }
}

extension Paper: ExpressibleByArgument {}
