import ArgumentParser
import Foundation
import GutcheckCore
import GutcheckRender

/// `gutcheck rollup`: the fan-in step of a sharded run. Each CI job runs
/// `report --region …` for its share of the regions; this merges their summary.json files
/// into the index, roll-up and summary.json a single run would have written, and gathers
/// the region reports found beside them — byte for byte the single run's folder.
struct RollupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollup",
        abstract: "Merge the summary.json of sharded runs (report --region …) into one roll-up.",
        discussion: """
            Every shard must come from the same plan, results, cut-off and gutcheck version, and each region from one \
            shard. The region reports in regions/ beside each summary.json are copied into --out, so the folder is the \
            one a single run over all those regions writes.
            """)

    @Argument(help: ArgumentHelp("Each shard's summary.json.", valueName: "summary.json"))
    var summaries: [String] = []

    @OptionGroup var output: OutputOptions

    // The packet holds every region's full report, which only `report` computes: no packet here.
    @Option(name: .long, help: ArgumentHelp("Comma-separated: md, html, json.", valueName: "list"))
    var format: [String] = ["md,html,json"]

    @OptionGroup var gating: Gating

    @Flag(name: .long, help: "Print only errors: no warnings, notes or closing line.")
    var quiet = false

    var formats: OutputFormats { get throws { try OutputFormats.parse(format, packet: false) } }

    func validate() throws {
        if summaries.isEmpty { throw ValidationError("give the summary.json of each shard") }
        _ = try formats
    }

    func run() throws {
        let console = Console.current
        try output.checkOut(reading: summaries)
        let renderer = try output.renderer()
        var shards: [ShardMerge.Shard] = []
        for path in summaries {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw inputFailure("cannot read the shard summary: \(Inputs.reason(path))", file: path)
            }
            shards.append(ShardMerge.Shard(file: path, bytes: [UInt8](data)))
        }
        let merged: ShardMerge.Merged
        do {
            merged = try ShardMerge.merge(shards)
        } catch {
            throw inputFailure(error.message, file: error.file)
        }
        if !merged.missingRegions.isEmpty && !quiet {
            console.err(Diagnostic(.warning, "no shard has \(merged.missingRegions.map(\.rawValue).joined(separator: ", ")); the roll-up covers the other regions only", at: nil).formatted)
        }
        let run: RunResult
        do {
            run = try RunResult(merged, previous: try output.previousSummary())
        } catch let error as Changes.ReadError {
            throw output.compareFailed(error)
        }
        let formats = try self.formats
        let files = renderer.render(run, formats: formats) + (try regionReports(formats))
        try output.write(files, reading: summaries)
        if !quiet { console.out("wrote \(files.count) files for \(merged.rollup.regions.count) region\(merged.rollup.regions.count == 1 ? "" : "s") to \(output.out)") }
        output.writeJobSummary(run, renderer: renderer)
        try gating.gate(merged.rollup)
    }

    /// The files in `regions/` beside each shard's summary, of the formats asked for.
    func regionReports(_ formats: OutputFormats) throws -> [(path: String, contents: String)] {
        var extensions: Set<String> = []
        if formats.contains(.markdown) { extensions.formUnion(["md", "svg"]) }
        if formats.contains(.html) { extensions.insert("html") }
        var files: [(path: String, contents: String)] = []
        var from: [String: String] = [:]
        let fm = FileManager.default
        for summary in summaries where !extensions.isEmpty {
            let folder = URL(fileURLWithPath: summary).deletingLastPathComponent().appendingPathComponent("regions")
            guard let names = try? fm.contentsOfDirectory(atPath: folder.path) else {
                if !quiet { Console.current.err("note: no regions/ folder beside \(summary); the roll-up links to region reports it cannot copy") }
                continue
            }
            // Only regular files gutcheck wrote: never what a symlink points at, and where the
            // shard kept its marker, only the files it lists.
            let listed = OutputFolder.manifest(atPath: folder.deletingLastPathComponent().appendingPathComponent(OutputFolder.marker).path).map(Set.init)
            for name in names.sorted() where extensions.contains((name as NSString).pathExtension) {
                let path = folder.appendingPathComponent(name).path
                if let earlier = from[name] {
                    throw inputFailure("regions/\(name) is also beside \(earlier); give each region to one shard", file: path)
                }
                var info = stat()
                guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, listed?.contains("regions/\(name)") ?? true else {
                    if !quiet { Console.current.err("note: \(path) is not a region report gutcheck wrote (a link, or not in the shard's list); not copied") }
                    continue
                }
                guard let data = fm.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                    throw inputFailure("cannot read this region report as UTF-8 text", file: path)
                }
                from[name] = summary
                files.append(("regions/\(name)", text))
            }
        }
        if formats.contains(.csv) { files += try regionTables() }
        return files
    }

    /// Each shard's `tables/<region>/` (SPEC §15.8), as a single run would write them; the
    /// company's tables come from the merged roll-up.
    func regionTables() throws -> [(path: String, contents: String)] {
        var files: [(path: String, contents: String)] = []
        var from: [String: String] = [:]
        let fm = FileManager.default
        for summary in summaries {
            let tables = URL(fileURLWithPath: summary).deletingLastPathComponent().appendingPathComponent("tables")
            let listed = OutputFolder.manifest(atPath: tables.deletingLastPathComponent().appendingPathComponent(OutputFolder.marker).path).map(Set.init)
            for region in ((try? fm.contentsOfDirectory(atPath: tables.path)) ?? []).sorted() where region != "company" {
                if let earlier = from[region] {
                    throw inputFailure("tables/\(region) is also beside \(earlier); give each region to one shard", file: tables.appendingPathComponent(region).path)
                }
                from[region] = summary
                for name in ((try? fm.contentsOfDirectory(atPath: tables.appendingPathComponent(region).path)) ?? []).sorted() where name.hasSuffix(".csv") {
                    let relative = "tables/\(region)/\(name)", path = tables.appendingPathComponent(region).appendingPathComponent(name).path
                    var info = stat()
                    guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, listed?.contains(relative) ?? true,
                        let data = fm.contents(atPath: path), let text = String(data: data, encoding: .utf8) else { continue }
                    files.append((relative, text))
                }
            }
        }
        return files
    }
}
