import ArgumentParser
import Foundation
import GutcheckCore
import GutcheckRender

/// `gutcheck report`: the region reports, the roll-up, summary.json and the board packet.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the region reports, the roll-up and summary.json.")

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var gating: Gating

    @Flag(name: .long, help: "Print only errors: no warnings, notes, progress or closing line.")
    var quiet = false

    @Option(name: .long, help: ArgumentHelp("Comma-separated: md, html, json, packet (one printable board-packet.html), csv (every table as tables/<region>/<table>.csv).", valueName: "list"))
    var format: [String] = ["md,html,json"]

    @Option(name: .long, help: ArgumentHelp("Paper the board packet is laid out for: a4 or letter.", valueName: "size"))
    var paper: Paper = .a4

    @Flag(name: .long, help: "Also print the board packet to board-packet.pdf with headless Chromium (implies --format packet).")
    var pdf = false

    @Flag(name: .customLong("pdf-regions"), help: "Also print each region's HTML report to regions/<id>.pdf with headless Chromium.")
    var pdfRegions = false

    var formats: OutputFormats {
        get throws {
            var result = try OutputFormats.parse(format, packet: true)
            if pdf { result.insert(.packet) }
            if pdfRegions { result.insert(.html) }
            return result
        }
    }

    func validate() throws { _ = try formats }

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
            throw inputFailure("\(error)", file: nil, status: 2)
        }
    }

    func run() throws {
        let console = Console.current
        try output.checkOut(reading: input.readFiles)
        let renderer = try output.renderer(paper: paper)
        let printer = try pdfPrinter()
        // The regions' summary.json blocks are built on the other core as the analysis goes.
        let summaries = try formats.contains(.json) ? RegionSummaries() : nil
        let previousSummary = try output.previousSummary()
        let previous = try input.previous(defaultAsOf: previousSummary.flatMap(Changes.asOf(ofPrevious:)))
        let progress = Progress(quiet: quiet)
        let inputs = try input.load(quiet: quiet, previous: previous, analysed: summaries.map { s in { s.add($0, $1, plan: $2, calendar: $3) } })
        guard let company = inputs.company else { throw InputFailure() }
        progress.show("rendering \(company.regions.count) region\(company.regions.count == 1 ? "" : "s")…")
        let run: RunResult
        do {
            run = try RunResult(company, version: GutcheckCommand.version, previous: previousSummary,
                                regionSummaries: summaries)
        } catch {
            throw output.compareFailed(error)
        }
        if !quiet { for d in RunResult.warnings(company, variances: false) { console.err(d.formatted) } }
        let files = renderer.render(run, formats: try formats)
        progress.clear()
        let jobs = pdfJobs(files)
        try output.write(files, reading: input.readFiles + inputs.resultsFiles, printer: printer, jobs: jobs, progress: progress)
        if !quiet { console.out("wrote \(files.count + jobs.count) files for \(company.regions.count) region\(company.regions.count == 1 ? "" : "s") to \(output.out)") }
        output.writeJobSummary(run, renderer: renderer)
        try gating.gate(run.rollup)
    }
}
