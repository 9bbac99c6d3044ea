import Foundation
import Synchronization
import GutcheckCore

/// Reads the plan and results files named on the command line and runs the analysis.
/// The only place that opens input files.
struct Inputs {
    var plan: Plan?
    var company: CompanyAnalysis?
    var diagnostics = Diagnostics()
    /// Every results file read, the plan's results.files among them (the output folder may
    /// replace none of them).
    var resultsFiles: [String] = []

    /// An earlier snapshot of the deal export and its cut-off (SPEC §15.3).
    struct PreviousSnapshot {
        var paths: [String]
        var asOf: Day
    }

    static func load(planPath: String, resultsPaths: [String], asOf: Day?, regions: [String], strict: Bool = false,
                     previous: PreviousSnapshot? = nil, progress: Progress = Progress(quiet: true),
                     analysed: CompanyAnalysis.Analysed? = nil) -> Inputs {
        var inputs = Inputs()
        guard let bytes = read(planPath, diagnostics: &inputs.diagnostics) else { return inputs }
        guard let plan = Plan.read(yaml: bytes, file: planPath, diagnostics: &inputs.diagnostics) else { return inputs }
        if let asOf {
            let first = plan.fiscalYearStart.firstDay, last = plan.fiscalYearStart.adding(months: 11).lastDay
            guard asOf >= first && asOf <= last else {
                inputs.diagnostics.error("--as-of \(asOf) is \(asOf < first ? "before" : "after") fiscal year \(plan.fiscalYear) (\(first) to \(last)); give a cut-off within the plan's year", at: nil)
                return inputs
            }
        }
        inputs.plan = plan
        let calendar = plan.calendar(cutOff: asOf)
        if let previous { refuseUnfollowable(previous, plan: plan, calendar: calendar, diagnostics: &inputs.diagnostics) }
        if inputs.diagnostics.hasErrors { return inputs }
        let ingest = ResultsIngest(plan: plan, calendar: calendar, strict: strict, diagnostics: inputs.diagnostics)
        ingest.threads = ProcessInfo.processInfo.activeProcessorCount
        ingest.keepsSnapshot = previous != nil
        var twice = RepeatedInputs()
        var standardInput: StandardInput?
        // The plan's results.files (relative to its folder), then --results; FILE@REGION names
        // the region of an export with no region column (SPEC §14.4).
        let folder = (planPath as NSString).deletingLastPathComponent
        var files = plan.results.files.map { f in
            ((f.path as NSString).isAbsolutePath || folder.isEmpty ? f.path : (folder as NSString).appendingPathComponent(f.path), f.region)
        }
        for argument in resultsPaths {
            switch ResultsArgument(argument, plan: plan) {
            case .file(let path, let region): files.append((path, region))
            case .unknownRegion(let message): inputs.diagnostics.error(message, at: nil)
            }
        }
        if inputs.diagnostics.hasErrors { return inputs }
        if files.isEmpty {
            inputs.diagnostics.error("no results to read: give --results FILE, or list the files under results.files in the plan", at: nil)
            return inputs
        }
        let regionOf = Dictionary(files.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
        let paths = files.map(\.0)
        inputs.resultsFiles = paths.filter { $0 != "-" }
        for path in ingest.readsLastFileFirst ? paths.reversed() : paths {
            // "-" is standard input (a pipe from a warehouse query), named <stdin> in messages.
            if path == "-" {
                guard standardInput == nil else {
                    twice.diagnostics.error("standard input is given twice as --results; it can be read only once",
                                            at: SourceLocation(file: "<stdin>", line: 1, column: 1))
                    continue
                }
                progress.show("reading standard input…")
                // Hashed only when a file could hold the same bytes.
                let input = StandardInput(hashing: paths.contains { $0 != "-" })
                ingest.read(input, file: "<stdin>", region: regionOf[path] ?? nil)
                standardInput = input
                continue
            }
            // The same export twice would count every deal twice (SPEC §14.1): not read again.
            if twice.isRepeat(path) { continue }
            guard let source = FileByteSource(path: path) else {
                var d = ingest.diagnostics
                d.error("cannot read results file: \(reason(path))", at: SourceLocation(file: path, line: 1, column: 1))
                inputs.diagnostics = d
                return inputs
            }
            progress.show("reading \(path)\(source.size.map { " (\(ByteCountFormatter.string(fromByteCount: Int64($0), countStyle: .file)))" } ?? "")…")
            ingest.read(source, file: path, region: regionOf[path] ?? nil)
        }
        progress.clear()
        if let standardInput { twice.check(standardInput) }
        ingest.finish()
        inputs.diagnostics = ingest.diagnostics
        inputs.diagnostics.append(contentsOf: twice.diagnostics)
        var actuals = ingest.actuals
        if let previous, let current = ingest.snapshot, !inputs.diagnostics.hasErrors {
            inputs.resultsFiles += previous.paths
            if let before = readSnapshot(previous, plan: plan, progress: progress, diagnostics: &inputs.diagnostics) {
                actuals.pipelineMovement = PipelineMovement.between(before, from: previous.asOf, current, to: calendar.asOf,
                                                                    yearEnd: calendar.end, regions: plan.regions.map(\.id))
            }
        }
        if !inputs.diagnostics.hasErrors {
            inputs.company = CompanyAnalysis(plan: plan, calendar: calendar, actuals: actuals, notes: ingest.notes,
                                             regionIds: regions.isEmpty ? nil : regions.map { Region.ID($0) }, analysed: analysed)
        }
        return inputs
    }

    /// What makes an earlier snapshot impossible to follow from: no deal id to match deals
    /// by, or a cut-off outside the year or after this run's.
    static func refuseUnfollowable(_ previous: PreviousSnapshot, plan: Plan, calendar: FiscalCalendar, diagnostics: inout Diagnostics) {
        if plan.results.deals?.columns["id"] == nil {
            diagnostics.error("--previous-results follows each deal from the earlier snapshot to this one by its id; map the export's deal id column as results.deals.columns.id in the plan",
                              at: nil)
        }
        let first = plan.fiscalYearStart.firstDay
        if previous.asOf < first || previous.asOf > calendar.asOf {
            diagnostics.error("the earlier snapshot's cut-off \(previous.asOf) is \(previous.asOf < first ? "before fiscal year \(plan.fiscalYear) (from \(first))" : "after this run's cut-off \(calendar.asOf)"); give --previous-as-of between \(first) and \(calendar.asOf)",
                              at: nil)
        }
    }

    /// Reads the earlier snapshot's files as this run reads its own (the same plan, its own
    /// cut-off), keeping only every deal's state; its errors are the run's errors.
    static func readSnapshot(_ previous: PreviousSnapshot, plan: Plan, progress: Progress, diagnostics: inout Diagnostics) -> DealSnapshot? {
        let calendar = plan.calendar(cutOff: previous.asOf)
        let ingest = ResultsIngest(plan: plan, calendar: calendar)
        ingest.keepsSnapshot = true
        // Only its deals' states are read: how far its dated rows run is this run's concern.
        ingest.checksTheDataReachesTheCutOff = false
        var twice = RepeatedInputs()
        for path in ingest.readsLastFileFirst ? previous.paths.reversed() : previous.paths {
            if twice.isRepeat(path) { continue }
            guard let source = FileByteSource(path: path) else {
                diagnostics.error("cannot read the earlier snapshot: \(reason(path))", at: SourceLocation(file: path, line: 1, column: 1))
                return nil
            }
            progress.show("reading the earlier snapshot \(path)…")
            ingest.read(source, file: path)
        }
        progress.clear()
        ingest.finish()
        // Its warnings and notes describe an export already reported on: only errors matter here.
        var errors = ingest.diagnostics
        errors.append(contentsOf: twice.diagnostics)
        for d in errors.items where d.severity == .error { diagnostics.append(d) }
        return errors.hasErrors ? nil : ingest.snapshot
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
final class FileByteSource: ByteSource, Sendable {
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
/// size is unknown, so it is never split across threads). It keeps a hash of what it read,
/// so a file holding the same bytes can be told apart afterwards.
final class StandardInput: ByteSource, Sendable {
    /// How far it was read, and the hash of what was read: the reader's thread only, but
    /// behind a lock so that a byte source can be Sendable.
    private let progress = Mutex((position: 0, hash: ContentHash()))
    private let hashing: Bool
    var size: Int? { nil }
    var bytesRead: Int { progress.withLock { $0.position } }
    var hash: ContentHash { progress.withLock { $0.hash } }

    private let descriptor: Int32

    init(hashing: Bool = false, descriptor: Int32 = 0) {
        self.hashing = hashing
        self.descriptor = descriptor
    }

    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try progress.withLock { progress in
            // The reader asks for each chunk in turn; standard input cannot seek.
            precondition(offset == progress.position, "standard input is read front to back")
            while true {
                let n = Foundation.read(descriptor, buffer.baseAddress, buffer.count)
                if n >= 0 {
                    progress.position += n
                    if hashing { progress.hash.add(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[0..<n])) }
                    return n
                }
                if errno != EINTR { throw FileByteSource.ReadError(code: errno) }
            }
        }
    }
}

/// Results files given more than once — one path twice, a link to it, a copy, or standard
/// input holding a file's bytes (SPEC §14.1). Each is an error at the repeat naming the
/// first; a file of a size no earlier one has is never read for this.
struct RepeatedInputs {
    var diagnostics = Diagnostics()
    private var seen: [(path: String, device: UInt64, inode: UInt64, size: Int)] = []

    /// True when `path` repeats an earlier results file (the error is recorded).
    mutating func isRepeat(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        let device = UInt64(info.st_dev), inode = UInt64(info.st_ino), size = Int(info.st_size)
        defer { seen.append((path, device, inode, size)) }
        for earlier in seen {
            if earlier.device == device && earlier.inode == inode {
                refuse(path, repeating: earlier.path, how: earlier.path == path ? "is given twice as --results" : "is the same file as \(Quote.escaped(earlier.path))")
                return true
            }
            if earlier.size == size, Self.sameBytes(earlier.path, path) {
                refuse(path, repeating: earlier.path, how: "holds the same bytes as \(Quote.escaped(earlier.path))")
                return true
            }
        }
        return false
    }

    /// Standard input against the files of the same length.
    mutating func check(_ input: StandardInput) {
        for earlier in seen where earlier.size == input.bytesRead {
            if ContentHash(file: earlier.path) == input.hash {
                refuse("<stdin>", repeating: earlier.path, how: "holds the same bytes as \(Quote.escaped(earlier.path))")
                return
            }
        }
    }

    private mutating func refuse(_ path: String, repeating first: String, how: String) {
        diagnostics.error("\(path == "<stdin>" ? "standard input" : Quote.escaped(path)) \(how): the same export read twice would count every row twice; pass each export once",
                          at: SourceLocation(file: path, line: 1, column: 1))
    }

    static func sameBytes(_ a: String, _ b: String) -> Bool {
        guard let x = FileHandle(forReadingAtPath: a), let y = FileHandle(forReadingAtPath: b) else { return false }
        defer { try? x.close(); try? y.close() }
        while true {
            let p = (try? x.read(upToCount: 1 << 20)) ?? Data(), q = (try? y.read(upToCount: 1 << 20)) ?? Data()
            if p != q { return false }
            if p.isEmpty { return true }
        }
    }
}

/// FNV-1a over 64 bits: enough to tell standard input from a file of the same length (the
/// bytes cannot be compared; they are not kept).
struct ContentHash: Equatable {
    private var value: UInt64 = 14_695_981_039_346_656_037

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var h = value
        for byte in bytes { h = (h ^ UInt64(byte)) &* 1_099_511_628_211 }
        value = h
    }

    init() {}

    init?(file: String) {
        guard let handle = FileHandle(forReadingAtPath: file) else { return nil }
        defer { try? handle.close() }
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            chunk.withUnsafeBytes { add($0) }
        }
    }
}

/// One `--results` argument: a path, or `PATH@REGION` when no file has the whole name and
/// the part after the last `@` names a plan region (by id or name).
enum ResultsArgument {
    case file(String, region: Region.ID?)
    case unknownRegion(String)

    init(_ argument: String, plan: Plan) {
        guard !FileManager.default.fileExists(atPath: argument),
            let at = argument.lastIndex(of: "@"), at != argument.startIndex
        else {
            self = .file(argument, region: nil)
            return
        }
        let path = String(argument[..<at]), name = String(argument[argument.index(after: at)...])
        if let region = plan.regions.first(where: { $0.id.rawValue == name || $0.name.lowercased() == name.lowercased() }) {
            self = .file(path, region: region.id)
        } else {
            self = .unknownRegion("--results '\(Quote.escaped(argument))' names region \(Quote.user(name)), which the plan does not have\(Suggestion.hint(for: name, in: plan.regions.map(\.id))); FILE@REGION takes a region's id or name (regions: \(plan.regions.prefix(8).map(\.id.rawValue).joined(separator: ", ")))")
        }
    }

    /// The file part, for the output folder's check (which runs before the plan is read).
    static func path(_ argument: String) -> String {
        guard !FileManager.default.fileExists(atPath: argument), let at = argument.lastIndex(of: "@"), at != argument.startIndex else { return argument }
        return String(argument[..<at])
    }
}
