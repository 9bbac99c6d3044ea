import ArgumentParser
import Foundation
import GutcheckCore
import GutcheckRender

/// What `report` and `rollup` both write and how: the output folder, templates, the
/// comparison with a previous report and the CI job summary. (The formats, the packet and
/// PDF belong to each command: only `report` has the packet.)
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Output folder: new, empty, or a previous gutcheck output holding nothing else; replaced as a whole. Never a file or a folder holding the inputs.",
        valueName: "dir"))
    var out: String = "gutcheck-report"

    @Option(name: .long, help: ArgumentHelp("Folder with your own copies of the templates.", valueName: "dir"))
    var templates: String?

    @Flag(name: .long, help: "Replace a --out folder an earlier gutcheck wrote before it listed its files in the marker.")
    var force = false

    @Option(name: .long, help: ArgumentHelp(
        "A previous report's summary.json: add what changed since then to every report and summary.json.", valueName: "summary.json"))
    var compare: String?

    @Option(name: .customLong("github-summary"), help: ArgumentHelp(
        "Append a Markdown job summary to this file (default: $GITHUB_STEP_SUMMARY when set).", valueName: "file"))
    var githubSummary: String?

    func renderer(paper: Paper = .a4) throws -> ReportRenderer {
        ReportRenderer(templates: try loadTemplates(), version: GutcheckCommand.version, paper: paper)
    }

    /// The previous summary's bytes for `--compare`, or nil.
    func previousSummary() throws -> [UInt8]? {
        guard let compare else { return nil }
        guard let data = FileManager.default.contents(atPath: compare) else {
            throw inputFailure("cannot read the previous summary: \(Inputs.reason(compare))", file: compare)
        }
        return [UInt8](data)
    }

    func compareFailed(_ error: Changes.ReadError) -> InputFailure {
        inputFailure(error.description, file: compare ?? "--compare")
    }

    /// What the command reads besides `inputs`: `--out` may not hold these either.
    func readFiles(_ inputs: [String]) -> [String] {
        inputs + [compare, templates].compactMap { $0 }
    }

    /// SPEC §14.6, before any work: an `--out` that would replace an input, a file or a folder
    /// gutcheck did not write is a usage error (exit 2), and nothing is touched.
    func checkOut(reading inputs: [String]) throws {
        do {
            _ = try OutputFolder.check(out, inputs: readFiles(inputs), force: force)
        } catch {
            throw inputFailure("\(error)", file: nil, status: 2)
        }
    }

    /// Writes the folder; `jobs` are HTML files `printer` prints to PDF in the staging folder
    /// before it moves into place.
    func write(_ files: [(path: String, contents: String)], reading inputs: [String], printer: PDFPrinter? = nil,
               jobs: [String] = [], progress: Progress = Progress(quiet: true)) throws {
        do {
            try OutputFolder.write(files, to: out, inputs: readFiles(inputs), force: force) { staging in
                guard let printer else { return }
                for job in jobs {
                    progress.show("printing \(job) to PDF…")
                    do {
                        try printer.print(staging.appendingPathComponent(job),
                                          to: staging.appendingPathComponent(String(job.dropLast(5)) + ".pdf"), workspace: staging)
                    } catch {
                        throw OutputFolder.Failure.io("\(error); nothing was written")
                    }
                }
                progress.clear()
            }
        } catch OutputFolder.Failure.usage(let message) {
            throw inputFailure(message, file: nil, status: 2)
        } catch {
            throw inputFailure("\(error)", file: nil)
        }
    }

    /// Appends the job summary when asked (or when GitHub Actions provides the file).
    func writeJobSummary(_ run: RunResult, renderer: ReportRenderer) {
        guard let file = githubSummary ?? Console.current.environment["GITHUB_STEP_SUMMARY"], !file.isEmpty else { return }
        do {
            try JobSummaryFile.append(renderer.jobSummary(run), to: file)
        } catch {
            Console.current.err(Diagnostic(.warning, "could not write the job summary: \(error)",
                                           at: SourceLocation(file: file, line: 1, column: 1)).formatted)
        }
    }

    func loadTemplates() throws -> TemplateSet {
        var overrides: [String: (file: String, text: String)] = [:]
        if let templates {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: templates, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("--templates \(Quote.user(templates)) is not a folder")
            }
            for name in TemplateSet.names {
                let path = (templates as NSString).appendingPathComponent("\(name).mustache")
                if let data = FileManager.default.contents(atPath: path) {
                    guard let text = String(data: data, encoding: .utf8) else {
                        throw inputFailure("template is not valid UTF-8", file: path)
                    }
                    overrides[name] = (path, text)
                }
            }
        }
        do {
            return try TemplateSet(overrides: overrides)
        } catch {
            Console.current.err(Diagnostic(.error, "template \(error.reason)",
                                           at: SourceLocation(file: error.file, line: error.line, column: error.column)).formatted)
            throw InputFailure()
        }
    }
}

extension OutputFormats {
    /// `--format`: comma-separated words; `packet` only where the command has the packet.
    static func parse(_ words: [String], packet: Bool) throws -> OutputFormats {
        var result: OutputFormats = []
        let accepted = packet ? "md, html, json, csv and packet" : "md, html, json and csv"
        for word in words.flatMap({ $0.split(separator: ",") }).map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            switch word {
            case "md", "markdown": result.insert(.markdown)
            case "html": result.insert(.html)
            case "json": result.insert(.json)
            case "csv": result.insert(.csv)
            case "packet" where packet: result.insert(.packet)
            case "packet": throw ValidationError("the board packet and PDFs come from `gutcheck report` (the packet holds every region's full report); run it over all regions for the packet")
            default: throw ValidationError("--format takes \(accepted), found \(Quote.user(word))")
            }
        }
        return result
    }
}
