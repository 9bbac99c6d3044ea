import Foundation
import GutcheckCore

/// Reads the plan and results files named on the command line and runs the analysis.
/// The only place that opens input files.
struct Inputs {
    var plan: Plan?
    var company: CompanyAnalysis?
    var diagnostics = Diagnostics()

    static func load(planPath: String, resultsPaths: [String], asOf: Day?, regions: [String], strict: Bool = false,
                     analysed: CompanyAnalysis.Analysed? = nil) -> Inputs {
        var inputs = Inputs()
        guard let bytes = read(planPath, diagnostics: &inputs.diagnostics) else { return inputs }
        guard var plan = Plan.read(yaml: bytes, file: planPath, diagnostics: &inputs.diagnostics) else { return inputs }
        if let asOf { plan.asOf = asOf }
        inputs.plan = plan
        let calendar = FiscalCalendar(start: plan.fiscalYearStart, asOf: plan.asOf)
        let ingest = ResultsIngest(plan: plan, calendar: calendar, strict: strict, diagnostics: inputs.diagnostics)
        ingest.threads = ProcessInfo.processInfo.activeProcessorCount
        for path in resultsPaths {
            // "-" is standard input (a pipe from a warehouse query), named <stdin> in messages.
            if path == "-" {
                Progress.show("reading standard input…")
                ingest.read(StandardInput(), file: "<stdin>")
                continue
            }
            guard let source = FileByteSource(path: path) else {
                var d = ingest.diagnostics
                d.error("cannot read results file: \(reason(path))", at: SourceLocation(file: path, line: 1, column: 1))
                inputs.diagnostics = d
                return inputs
            }
            Progress.show("reading \(path)\(source.size.map { " (\(ByteCountFormatter.string(fromByteCount: Int64($0), countStyle: .file)))" } ?? "")…")
            ingest.read(source, file: path)
        }
        Progress.clear()
        ingest.finish()
        inputs.diagnostics = ingest.diagnostics
        if !inputs.diagnostics.hasErrors {
            inputs.company = CompanyAnalysis(plan: plan, calendar: calendar, actuals: ingest.actuals, notes: ingest.notes,
                                             regionIds: regions.isEmpty ? nil : regions, analysed: analysed)
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

/// A results file read with `pread`, so two threads can read two parts of it at once.
/// The descriptor closes when the last reference goes.
final class FileByteSource: ByteSource, @unchecked Sendable {
    private let descriptor: Int32
    let size: Int?

    init?(path: String) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        var info = stat()
        size = fstat(descriptor, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : nil
    }

    deinit { close(descriptor) }

    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let n = pread(descriptor, buffer.baseAddress, buffer.count, off_t(offset))
            if n >= 0 { return n }
            if errno != EINTR { throw ReadError(code: errno) }
        }
    }

    struct ReadError: Error, CustomStringConvertible {
        let code: Int32
        var description: String { String(cString: strerror(code)) }
    }
}

/// Standard input as a byte source: read once, front to back, streaming like a file (its
/// size is unknown, so it is never split across threads).
final class StandardInput: ByteSource, @unchecked Sendable {
    private var position = 0
    var size: Int? { nil }

    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        // The reader asks for each chunk in turn; standard input cannot seek.
        precondition(offset == position, "standard input is read front to back")
        while true {
            let n = Foundation.read(0, buffer.baseAddress, buffer.count)
            if n >= 0 {
                position += n
                return n
            }
            if errno != EINTR { throw FileByteSource.ReadError(code: errno) }
        }
    }
}
