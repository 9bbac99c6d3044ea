import Foundation
import Synchronization

/// Bytes to read results from: a file (the command line supplies one that reads with
/// `pread`) or memory. The core library never opens files itself.
public protocol ByteSource: Sendable {
    /// The size in bytes, when known (a big file of known size is read on two threads).
    var size: Int? { get }
    /// Reads up to `buffer.count` bytes at `offset`; returns 0 at the end.
    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

public struct MemoryByteSource: ByteSource {
    public let bytes: [UInt8]
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public var size: Int? { bytes.count }
    public func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = max(0, min(buffer.count, bytes.count - offset))
        if n > 0 { bytes.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<(offset + n)])) } }
        return n
    }
}

/// Reads results files one after another into one set of `Actuals`, collecting errors
/// with their positions and the data notes. Each file streams through a fixed buffer;
/// a big UTF-8 file is split in two and read on two threads (see `read(_:file:)`).
public final class ResultsIngest {
    public let plan: Plan
    public let calendar: FiscalCalendar
    public private(set) var diagnostics: Diagnostics
    public private(set) var notes = DataNotes()
    /// Distinct rows remembered per file for the identical-row note: the check covers a
    /// file's first rows, so memory does not grow with the file (SPEC §6).
    public var identicalRowCheckLimit = 50_000
    /// A record longer than this is refused (an unclosed quote would otherwise pull the
    /// whole file into memory).
    public static let maxRecordBytes = 16 << 20
    public var chunkSize = 1 << 20
    public var threads = 1
    /// Files at least this big are read on two threads when `threads` allows (smaller
    /// ones are not worth a thread; tests lower it to exercise the split).
    public var parallelMinimumSize = 32 << 20
    /// Whether the scanner takes its 64-byte-block path for ordinary records; off only where
    /// the fuzzer compares it with the byte-by-byte path (they must read alike).
    public var scansInBlocks = true
    /// Whether data ending before the cut-off is an error (SPEC §14.2); off only where a
    /// test reads a few rows to exercise the reader itself.
    public var checksTheDataReachesTheCutOff = true

    private let context: ReadingContext
    private let total: Tally

    /// With a `census`, rows are counted there instead of matched to the plan (serially).
    public init(plan: Plan, calendar: FiscalCalendar, strict: Bool = false, diagnostics: Diagnostics = Diagnostics(),
                census: ResultsCensus? = nil) {
        self.plan = plan
        self.calendar = calendar
        self.diagnostics = diagnostics
        context = ReadingContext(plan: plan, calendar: calendar, strict: strict, census: census)
        total = Tally(layout: context.layout)
    }

    /// The figures read: built once by `finish()`, or from what was read so far before it.
    public var actuals: Actuals { finished ?? total.actuals() }
    private var finished: Actuals?

    /// Reads a whole file held in memory.
    public func read(_ bytes: [UInt8], file: String, region: Region.ID? = nil) {
        read(MemoryByteSource(bytes), file: file, region: region)
    }

    /// Under `results.deals.duplicates: last` the caller reads the files last first, so the
    /// later file's row of a deal is the one kept; the notes keep the order given.
    public var readsLastFileFirst: Bool { plan.results.deals.map { $0.duplicates == .last && $0.columns["id"] != nil } ?? false }
    private lazy var dealIds: DealIds? = context.census == nil && plan.results.deals?.columns["id"] != nil
        ? DealIds(keepsLast: readsLastFileFirst, keepsSnapshot: keepsSnapshot) : nil
    /// Whether to keep every deal's state by id, for the pipeline's movement between two
    /// snapshots (SPEC §15.3); set before the first file is read.
    public var keepsSnapshot = false
    /// The deals read, by id, when `keepsSnapshot` and the export maps `columns.id`.
    public var snapshot: DealSnapshot? { dealIds?.snapshot }

    /// `region`: the plan region every row of the file belongs to, for an export with no
    /// region column (`--results FILE@REGION`, `results.files`).
    public func read(_ source: some ByteSource, file: String, region: Region.ID? = nil) {
        let shard = ResultsShard(context: context, file: file)
        shard.fixedRegion = region.flatMap { context.regionIndex[$0] }
        shard.identicalRowCheckLimit = identicalRowCheckLimit
        shard.scanner.usesFastPath = scansInBlocks
        if let dealIds {
            shard.dealIds = dealIds
            shard.fileIndex = dealIds.files.count
            dealIds.files.append(file)
        }
        do {
            // Deal ids are checked in file order, on one thread.
            if threads > 1, context.census == nil, dealIds == nil, let size = source.size, size >= parallelMinimumSize,
                plan.results.encoding == TextDecoder.Encoding.utf8.rawValue,
                let guess = try Self.lineBreak(after: size / 2, in: source, size: size) {
                try readInTwo(shard, source, splitAt: size / 2, guess: guess)
            } else {
                _ = try Self.pump(shard, source, from: 0, decode: true, stopAt: nil, chunkSize: chunkSize)
            }
        } catch {
            shard.error("cannot read the file: \(error)", line: shard.scanner.line, column: 1)
        }
        if shard.form == nil && !shard.diagnostics.hasErrors {
            shard.error("the file is empty; expected a header line such as date,region,source,metric,value", line: 1, column: 1)
        }
        shard.finishNotes()
        diagnostics.append(contentsOf: shard.diagnostics)
        warnOfRepeatedDeals(shard.count)
        warnOfCreatedAfterClose(shard.count)
        refuseUnmappedCategories(shard.count)
        summarizeRepeats(file: file, rows: shard.count.rows)
        notes.files.append(shard.count)
        total.merge(shard.tally)
        refuseTooManyDistinct(shard, file: file)
    }

    /// SPEC §14.4: rows set aside under `results.unknown: note` that carry more than 5 % of
    /// the revenue read are a warning, not only a note.
    private func warnOfSetAsideRevenue(_ actuals: Actuals) {
        let months = 0..<calendar.monthsTouched
        let counted = plan.regions.reduce(Decimal(0)) { total, region in
            total + actuals.monthly(region: region.id, metric: "revenue")[months].reduce(Decimal(0)) { $0 + ($1 ?? 0) }
        }
        guard let share = notes.setAsideShare(counted: counted) else { return }
        let aside = notes.files.reduce(Decimal(0)) { $0 + $1.setAsideRevenue }
        diagnostics.warning("\(String(format: "%.1f", share * 100)) % of the revenue read to date (\(aside.rounded(places: 0)) of \((aside + counted).rounded(places: 0))) is in rows set aside under results.unknown: note, for values the plan does not have: \(notes.topUnknownValues(5).joined(separator: ", ")); the figures leave it out — add them to the plan or map them under results.aliases",
                            at: plan.keyLocations["results"])
    }

    /// SPEC §14.1: without a deal id, a deal row repeated in every field may be the same deal
    /// exported twice; all are counted, and the warning says how to tell.
    private func warnOfRepeatedDeals(_ file: DataNotes.FileCount) {
        guard file.form == "deal", plan.results.deals?.columns["id"] == nil, !context.strict, !diagnostics.hasErrors,
            let first = file.identicalRows.first else { return }
        let rows = file.identicalRows.count
        diagnostics.warning("\(rows) deal row\(rows == 1 ? " repeats" : "s repeat") an earlier row in every field (line \(first.line) is line \(first.firstLine) again); each is counted as a deal of its own — if the export can list a deal twice, map its deal id column as results.deals.columns.id",
                            at: SourceLocation(file: file.file, line: first.line, column: 1))
    }

    /// SPEC §15.1: a forecast category value nobody mapped is one error listing the values
    /// found, at the first deal carrying one.
    private func refuseUnmappedCategories(_ file: DataNotes.FileCount) {
        guard let first = file.unmappedCategories.min(by: { ($0.value.line, $0.key) < ($1.value.line, $1.key) }) else { return }
        let found = file.unmappedCategories.sorted { $0.key < $1.key }.map { "\(Quote.user($0.key.isEmpty ? "(empty)" : $0.key)) (\($0.value.deals))" }
        let lists = ForecastCategory.allCases.map { c in "\(c.rawValue): [\(((plan.results.deals?.categories ?? ForecastCategory.salesforceNames)[c] ?? []).joined(separator: ", "))]" }
        diagnostics.error("forecast category values no list of results.deals.categories holds: \(found.joined(separator: ", ")); expected each open deal's \(Quote.user(file.categoryColumn ?? "forecast_category")) in one of \(lists.joined(separator: "; ")) — add each value to the list it belongs to",
                          at: SourceLocation(file: file.file, line: first.value.line, column: first.value.column))
    }

    /// SPEC §15.2: an open deal created after its close date is a CRM data fault; the deals
    /// are kept (their age counts from the created date) and the warning counts them.
    private func warnOfCreatedAfterClose(_ file: DataNotes.FileCount) {
        guard file.createdAfterClose > 0, let at = file.createdAfterCloseAt else { return }
        let n = file.createdAfterClose
        diagnostics.warning("\(n) open deal\(n == 1 ? " has a created date" : "s have created dates") after \(n == 1 ? "its" : "their") close date (the first here); expected a deal to be created before it can close — check the export's created and close date columns",
                            at: SourceLocation(file: file.file, line: at.line, column: at.column))
    }

    private var reportedLimits: Set<Tally.Dimension> = []

    /// A column with more distinct metrics, stages, owners or loss reasons than a run keeps
    /// (`Tally.Dimension.limit`) is one error at the file's header, the same on one thread
    /// or two: it holds ids or free text, and its rows past the limit were not tallied.
    private func refuseTooManyDistinct(_ shard: ResultsShard, file: String) {
        for dimension in Tally.Dimension.allCases where total.isPastLimit(dimension) && !reportedLimits.contains(dimension) {
            reportedLimits.insert(dimension)
            let what = ["metric names", "open-deal stages", "owners", "loss reasons"][dimension.rawValue]
            let column = shard.column(of: dimension) ?? "the \(what) column"
            let limit = dimension.limit.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
            diagnostics.error("\(column) holds more than \(limit) distinct \(what) across the results; a column this varied holds ids or free text — map the right column under results.deals.columns, or group the values before exporting",
                              at: SourceLocation(file: file, line: 1, column: 1))
        }
    }

    /// SPEC §10.3: a problem that repeats down a column shows ten times and then one line
    /// with how many more rows share it; when every row fails the same way, the first line
    /// says so and names the option that reads them all.
    private func summarizeRepeats(file: String, rows: Int) {
        for key in diagnostics.groupKeys(prefix: "\(file)|") where rows >= 2 && diagnostics.count(ofGroup: key) == rows {
            let column = diagnostics.column(ofGroup: key)
            let fix = diagnostics.commonFixes(ofGroup: key).first
            // Worth saying when one option reads them all, or when there are too many to list.
            guard fix != nil || rows > Diagnostics.perGroup else { continue }
            diagnostics.amendFirst(ofGroup: key) { message in
                // The one value's hint gives way to the column's.
                var text = message
                if fix != nil {
                    for hint in ["; to read it set ", "; for dates like this set "] {
                        if let r = text.range(of: hint) { text = String(text[..<r.lowerBound]) }
                    }
                }
                return "\(text) — every value in \(column) (\(rows) rows) fails the same way" + (fix.map { "; set \($0) to read them all" } ?? "")
            }
        }
        diagnostics.summarizeGroups(prefix: "\(file)|")
    }

    /// Reads the first half here and, speculatively, the second half (from the first line
    /// break after the middle) on another thread. The halves are kept only when the first
    /// half's last record really ends at that line break (it may not, if the break was
    /// inside a quoted field) and the identical-row check finished in the first half;
    /// otherwise the rest is read again here, so the result never depends on the split.
    private func readInTwo(_ shard: ResultsShard, _ source: some ByteSource, splitAt middle: Int, guess: Int) throws {
        let second = SecondHalf()
        let group = DispatchGroup()
        let chunkSize = self.chunkSize
        shard.onForm = { [unowned shard] in
            guard !shard.isRefused else { return }
            second.start(shard.continuation())
            DispatchQueue.global().async(group: group) {
                second.read { half in
                    _ = try Self.pump(half, source, from: guess, decode: false, stopAt: nil, chunkSize: chunkSize)
                }
            }
        }
        let stoppedAt = try Self.pump(shard, source, from: 0, decode: true, stopAt: middle, chunkSize: chunkSize)
        group.wait()
        guard let stoppedAt else { return }
        if stoppedAt == guess, let rest = second.take(), !shard.checksIdenticalRows, !shard.carriesStateForward {
            shard.merge(rest, lines: shard.scanner.line - 1)
        } else {
            _ = try Self.pump(shard, source, from: stoppedAt, decode: false, stopAt: nil, chunkSize: chunkSize)
        }
    }

    /// The offset just after the first CR, LF or CRLF at or after `offset`.
    static func lineBreak(after offset: Int, in source: some ByteSource, size: Int) throws -> Int? {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var at = offset
        while at < size {
            let n = try buffer.withUnsafeMutableBytes { try source.read(at: at, into: $0) }
            if n == 0 { return nil }
            if let i = buffer[0..<n].firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) {
                if buffer[i] == 0x0D {
                    // A CRLF pair counts as one break.
                    if i + 1 < n { return at + i + 1 + (buffer[i + 1] == 0x0A ? 1 : 0) }
                    var next: [UInt8] = [0]
                    let m = try next.withUnsafeMutableBytes { try source.read(at: at + i + 1, into: $0) }
                    return at + i + 1 + (m == 1 && next[0] == 0x0A ? 1 : 0)
                }
                return at + i + 1
            }
            at += n
        }
        return nil
    }

    /// Streams `source` from `start` through `shard` in chunks. With `decode`, bytes pass
    /// through the plan's encoding first (and the file's start is checked); without, they
    /// are UTF-8 from the middle of a file. Returns the offset after the record where it
    /// stopped for `stopAt`, or nil when it read to the end. UTF-8 is read straight into
    /// the scanning buffer (a second copy of every byte was a twentieth of a big read).
    static func pump(_ shard: ResultsShard, _ source: some ByteSource, from start: Int, decode: Bool, stopAt: Int?,
                     chunkSize: Int) throws -> Int? {
        let encoding = TextDecoder.Encoding(rawValue: shard.context.plan.results.encoding) ?? .utf8
        var decoder = decode ? TextDecoder(encoding) : nil
        var raw: [UInt8] = []
        var decoded: [UInt8] = []
        let buffer = ReadBuffer(capacity: chunkSize * 2)
        var offset = start
        var base: Int? = decode ? nil : start  // file offset of the buffer's first byte, when bytes pass through
        var reported = 0
        shard.scanner.rebase()
        while true {
            let n: Int
            if var d = decoder, !d.isPassThrough {
                if raw.count != chunkSize { raw = [UInt8](repeating: 0, count: chunkSize) }
                n = try raw.withUnsafeMutableBytes { try source.read(at: offset, into: $0) }
                raw.withUnsafeBufferPointer { d.decode(UnsafeBufferPointer(rebasing: $0[0..<n]), into: &decoded, final: n == 0) }
                decoder = d
                for p in d.problems[reported...] { shard.rowError(p.message, kind: "encoding", line: p.line, column: p.byteColumn) }
                reported = d.problems.count
                if d.isRefused {
                    shard.refuse()
                    return nil
                }
                if base == nil && d.isPassThrough { base = start + d.bomLength }
                decoded.withUnsafeBufferPointer { buffer.append($0) }
                decoded.removeAll(keepingCapacity: true)
            } else {
                n = try source.read(at: offset, into: buffer.tail(chunkSize))
                buffer.count += n
            }
            offset += n
            let final = n == 0
            if buffer.count == 0 {
                if final { return nil }
                continue
            }
            let stopped = shard.scan(buffer.bytes, count: buffer.count, final: final, base: base ?? 0, stopAt: base == nil ? nil : stopAt)
            let consumed = shard.scanner.consumed
            if stopped, let base { return base + consumed }
            if final { return nil }
            buffer.removeFirst(consumed)
            base? += consumed
            shard.scanner.rebase()
            if buffer.count > maxRecordBytes {
                shard.error("a record longer than \(maxRecordBytes >> 20) MiB starts here; is a quote left open?", line: shard.scanner.line, column: 1)
                shard.refuse()
                return nil
            }
        }
    }

    /// Ends the reading: refuses inputs that would make a report meaningless (SPEC §10.1–2)
    /// and works out which region × source months have no rows at all. Call once, after
    /// the last file.
    public func finish() {
        guard context.census == nil else { return }
        if readsLastFileFirst { notes.files.reverse() }
        let actuals = total.actuals()
        finished = actuals
        checkStages()
        if !diagnostics.hasErrors { checkListedStagesOccur() }
        if !diagnostics.hasErrors { refuseUnmappedStages() }
        if !diagnostics.hasErrors { checkDates(actuals) }
        warnOfSetAsideRevenue(actuals)
        let layout = context.layout
        let touched = calendar.monthsTouched
        guard touched > 0 else { return }
        for (r, region) in plan.regions.enumerated() {
            for (s, source) in region.sources.enumerated() {
                let bits = total.monthsWithRows[layout.base[r] + 1 + s]
                // A month the phasing gives no weight expects no rows (SPEC §10.8).
                let weights = region.weights(of: source.id).weights
                let missing = (0..<touched).filter { bits & (1 << UInt32(12 + $0)) == 0 && weights[$0] > 0 }
                guard !missing.isEmpty else { continue }
                let months = missing.map { calendar.month($0) }
                notes.missingMonths.append(DataNotes.MissingMonths(region: region.id, source: source.id, months: months))
                if context.strict {
                    diagnostics.error("no results rows for \(region.id) / \(source.id) in \(months.map(\.description).joined(separator: ", ")) (--strict); add the months' rows or run without --strict",
                                      at: source.location)
                }
            }
        }
    }

    /// SPEC §10.1: a deal export with a stage column read with no won stages would make every
    /// deal open and the revenue 0. The error sits at `deals:` and lists the stages found.
    private func checkStages() {
        for file in notes.files where file.form == "deal" {
            guard let column = file.stageColumn, file.wonRows == 0, !file.openStages.isEmpty else { continue }
            let found = file.openStages.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            let listed = found.prefix(8).map { "\(Quote.shortened($0.key)): \($0.value)" }.joined(separator: ", ")
                + (found.count > 8 ? ", and \(found.count - 8) more" : "")
            let mapping = plan.results.deals
            let name = Quote.escaped(file.file)
            if let mapping, mapping.won.isEmpty {
                diagnostics.error("results.deals maps a stage column (\(Quote.user(column))) but lists no won stages, so every deal in \(name) would be open and its revenue 0; the stages found are \(listed); list the won ones under won: (and the lost ones under lost:)",
                                  at: plan.keyLocations["results.deals"] ?? SourceLocation(file: file.file, line: 1, column: 1))
            } else if file.lostRows == 0, found.contains(where: { Self.looksClosed($0.key) }) {
                let won = (mapping?.won ?? ResultsForm.defaultWon).map { Quote.user($0) }.joined(separator: ", ")
                diagnostics.error("no deal in \(name) has a won or lost stage (won: \(won)), so every deal would be open and its revenue 0; the stages found are \(listed); list the won ones under results.deals.won (and the lost ones under lost:)",
                                  at: plan.keyLocations["results.deals.won"] ?? plan.keyLocations["results.deals"]
                                      ?? SourceLocation(file: file.file, line: 1, column: 1))
            }
        }
    }

    /// SPEC §14.2: data that stops months before the cut-off would read as a collapse.
    /// When no row of the whole plan falls in the last full month before the cut-off that
    /// the phasing weighs (or later), the error names the latest date and the likely fix.
    private func checkDataReachesTheCutOff(_ files: [DataNotes.FileCount]) {
        let weighed = (0..<calendar.fullMonths).last { m in
            plan.regions.contains { region in region.sources.contains { region.weights(of: $0.id).weights[m] > 0 } }
        }
        guard let month = weighed else { return }
        let layout = context.layout
        let laterMonths = ((UInt32(1) << UInt32(12 + calendar.monthsTouched)) - 1) & ~((UInt32(1) << UInt32(12 + month)) - 1)
        guard (0..<layout.count).allSatisfy({ total.monthsWithRows[$0] & laterMonths == 0 }) else { return }
        let latest = files.compactMap(\.lastDate).filter { $0 <= calendar.asOf }.max()
        let name = calendar.month(month)
        var message = "no results row falls in \(name) or later, the last full month before the cut-off \(calendar.asOf) that the plan's phasing weighs"
        message += latest.map { "; the latest row is dated \($0)" } ?? ""
        // Fits the year earlier: the prior year has rows through the same month, and this
        // year's few rows are under a quarter of what the prior year had by then.
        let priorBit = UInt32(1) << UInt32(month)
        let priorRows = files.reduce(0) { $0 + $1.priorYear }, rowsToDate = files.reduce(0) { $0 + $1.rowsToDate }
        if (0..<layout.count).contains(where: { total.monthsWithRows[$0] & priorBit != 0 }), rowsToDate * 48 < priorRows * (month + 1) {
            let explicitStart = plan.keyLocations["fiscal_year_start"] != nil
            message += "; did you mean fiscal_year: \(plan.fiscalYear - 1)\(explicitStart ? " with fiscal_year_start: \(calendar.start.adding(months: -12))" : "")?"
        } else if let latest {
            message += "; if the data is complete only to then, set as_of (or --as-of) to \(latest), or add the missing rows"
        } else {
            message += "; add the missing rows, or set as_of (or --as-of) to the date the data runs to"
        }
        diagnostics.error(message, at: plan.keyLocations["as_of"] ?? plan.keyLocations["fiscal_year"]
                              ?? SourceLocation(file: files[0].file, line: 1, column: 1))
    }

    /// SPEC §14.3: a `won:` or `lost:` value no row carries is a misspelling that would read
    /// its deals as open; the error lists the stage values found, with counts.
    private func checkListedStagesOccur() {
        guard let mapping = plan.results.deals else { return }
        let files = notes.files.filter { $0.form == "deal" && $0.stageColumn != nil && $0.rows > 0 }
        guard !files.isEmpty else { return }
        let seen = files.reduce(into: [String: String]()) { $0.merge($1.closedStagesSeen) { a, _ in a } }
        var found: [(String, Int)] = []
        for (kind, values) in [("won", mapping.won), ("lost", mapping.lost)] {
            let names = values.filter { seen[ResultsForm.stageKey($0)] != nil }.map { seen[ResultsForm.stageKey($0)]! }
            let rows = files.reduce(0) { $0 + (kind == "won" ? $1.wonRows : $1.lostRows) }
            if !names.isEmpty { found.append(("\(names.map(Quote.shortened).joined(separator: ", ")) (\(kind))", rows)) }
        }
        let open = files.reduce(into: [String: Int]()) { total, f in for (stage, n) in f.openStages { total[stage, default: 0] += n } }
        found += open.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { (Quote.shortened($0.key), $0.value) }
        let listed = found.prefix(10).map { "\($0.0): \($0.1)" }.joined(separator: ", ") + (found.count > 10 ? ", and \(found.count - 10) more" : "")
        for (kind, values) in [("won", mapping.won), ("lost", mapping.lost)] {
            for value in values where seen[ResultsForm.stageKey(value)] == nil {
                // A misspelling leaves its deals among the open stages: one near the name, or
                // one that reads as closed. Without such a stage the value is just unused.
                let nearest = Suggestion.nearest(to: value, in: open.keys.sorted())
                guard nearest != nil || open.keys.contains(where: Self.looksClosed) else { continue }
                let hint = Suggestion.hint(for: value, in: open.keys.sorted())
                diagnostics.error("results.deals.\(kind) lists \(Quote.user(value)), which no deal in the results carries\(hint), so its deals would read as open; the stage values found are \(listed); correct the name or remove it",
                                  at: plan.keyLocations["results.deals.\(kind)"] ?? plan.keyLocations["results.deals"])
            }
        }
    }

    /// With `pipeline.win_probability` given, an open stage it does not map would count as 0
    /// in the pipeline forecast — a stage added in the CRM silently shrinking it. One error,
    /// at `win_probability`, listing every such stage with its deals and the stages mapped.
    private func refuseUnmappedStages() {
        guard !plan.pipeline.winProbability.isEmpty else { return }
        let open = notes.files.filter { $0.form == "deal" }
            .reduce(into: [String: Int]()) { total, f in for (stage, n) in f.openStages { total[stage, default: 0] += n } }
        let unmapped = open.filter { plan.pipeline.probability(of: $0.key) == nil }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        guard !unmapped.isEmpty else { return }
        let found = unmapped.prefix(10).map { "\(Quote.user($0.key)) (\(Self.deals($0.value)))" }.joined(separator: ", ")
            + (unmapped.count > 10 ? ", and \(unmapped.count - 10) more" : "")
        let mapped = plan.pipeline.winProbability.values.map(\.stage).sorted().map(Quote.user).joined(separator: ", ")
        diagnostics.error("open deal stage\(unmapped.count == 1 ? "" : "s") \(found) \(unmapped.count == 1 ? "has" : "have") no win probability in pipeline.win_probability (which maps \(mapped)); the pipeline forecast would count \(unmapped.count == 1 ? "its" : "their") deals as 0 — give each stage its chance of being won (0 where it never closes)",
                          at: plan.pipeline.location)
    }

    static func deals(_ n: Int) -> String { "\(n) deal\(n == 1 ? "" : "s")" }

    static func looksClosed(_ stage: String) -> Bool {
        let words = stage.lowercased()
        return words.contains("won") || words.contains("lost") || words.contains("closed") || words.contains("win")
    }

    /// SPEC §10.2: no results row in the fiscal year to date, for the whole plan, is an
    /// error naming the dates found and the year asked for (and the year they fit, if one
    /// does); a region without rows is a warning (`--strict`: an error).
    private func checkDates(_ actuals: Actuals) {
        let files = notes.files
        guard !files.isEmpty else { return }
        let start = calendar.start.firstDay
        let cutOff = calendar.effectiveCutOff
        if files.reduce(0, { $0 + $1.rowsToDate }) == 0 {
            if files.allSatisfy({ $0.rows == 0 }) {
                for f in files {
                    diagnostics.error("the file has a header and no rows; expected rows dated from \(start) through the cut-off \(calendar.asOf)",
                                      at: SourceLocation(file: f.file, line: 1, column: 1))
                }
                return
            }
            let location = plan.keyLocations["fiscal_year"] ?? SourceLocation(file: files[0].file, line: 1, column: 1)
            var message = "no results row is dated within fiscal year \(plan.fiscalYear) up to the cut-off (\(start) to \(calendar.asOf))"
            let firsts = files.compactMap(\.firstDate), lasts = files.compactMap(\.lastDate)
            if firsts.isEmpty {
                // Rows were read, but none counted: all set aside or open.
                let rows = files.reduce(0) { $0 + $1.rows }
                let unknown = files.reduce(0) { $0 + $1.unknownValues.values.reduce(0) { $0 + $1.count } }
                let open = files.reduce(0) { $0 + $1.openStages.values.reduce(0, +) }
                var why: [String] = []
                if unknown > 0 { why.append("\(unknown) name a region or source the plan does not have") }
                if open > 0 { why.append("\(open) are open deals") }
                if !why.isEmpty { message += "; of the \(rows) rows read, \(why.joined(separator: " and "))" }
            }
            if let first = firsts.min(), let last = lasts.max() {
                message += "; the rows run from \(first) to \(last)"
                let explicitStart = plan.keyLocations["fiscal_year_start"] != nil
                func year(_ shift: Int) -> String {
                    "fiscal_year: \(plan.fiscalYear + shift)" + (explicitStart ? " with fiscal_year_start: \(calendar.start.adding(months: 12 * shift))" : "")
                }
                let previousStart = calendar.start.adding(months: -12).firstDay
                let nextEnd = calendar.start.adding(months: 23).lastDay
                // The latest row decides, however many years the data spans (SPEC §14.2).
                if last < start && last >= previousStart {
                    message += first >= previousStart ? ", the fiscal year before" : ", ending in the fiscal year before"
                    message += ": did you mean \(year(-1))?"
                } else if first > calendar.end && first <= nextEnd {
                    message += ", the fiscal year after: did you mean \(year(1))?"
                } else if first > cutOff && first <= calendar.end {
                    message += ", all after the cut-off: set as_of (or --as-of) to a date on or after \(first)"
                } else if last < start {
                    message += ", all before the fiscal year starts"
                }
            }
            diagnostics.error(message, at: location)
            return
        }
        if checksTheDataReachesTheCutOff { checkDataReachesTheCutOff(files) }
        let months = 0..<calendar.monthsTouched
        for region in plan.regions where context.strict && !actuals.hasRows(region: region.id, months: months) {
            diagnostics.error("region '\(region.id)' has no results rows from \(start) through the cut-off \(calendar.asOf) (--strict); add its rows or run without --strict",
                              at: region.location)
        }
    }
}

/// The bytes being scanned: what is left of the last chunk, then the next one read in
/// after it. Written by hand so a read lands in place, with no zero-filling or copy.
final class ReadBuffer {
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        bytes = .allocate(capacity: self.capacity)
    }

    deinit { bytes.deallocate() }

    /// Room for `n` more bytes after the ones held, to read into (then add to `count`).
    func tail(_ n: Int) -> UnsafeMutableRawBufferPointer {
        if count + n > capacity {
            let bigger = max(capacity * 2, count + n)
            let new = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
            new.initialize(from: bytes, count: count)
            bytes.deallocate()
            bytes = new
            capacity = bigger
        }
        return UnsafeMutableRawBufferPointer(start: bytes + count, count: n)
    }

    func append(_ more: UnsafeBufferPointer<UInt8>) {
        guard let from = more.baseAddress, more.count > 0 else { return }
        tail(more.count).copyMemory(from: UnsafeRawBufferPointer(start: from, count: more.count))
        count += more.count
    }

    /// Drops the first `n` bytes (scanned), keeping the rest at the start.
    func removeFirst(_ n: Int) {
        guard n > 0 else { return }
        memmove(bytes, bytes + n, count - n)
        count -= n
    }
}

/// The second half's reader, which the worker reads into under a lock and the caller takes
/// after waiting for it: the lock and `sending` let the compiler prove that one thread at a
/// time holds it. Nil after a failed read.
private final class SecondHalf: Sendable {
    private let shard = Mutex<ResultsShard?>(nil)

    /// Holds a new reader (made from the first half's header and form).
    func start(_ make: @autoclosure () -> sending ResultsShard) {
        shard.withLock { $0 = make() }
    }

    /// Reads into the reader; a failed read drops it.
    func read(_ body: (ResultsShard) throws -> Void) {
        shard.withLock { held in
            guard let half = held else { return }
            do { try body(half) } catch { held = nil }
        }
    }

    /// The reader, once read (it is no longer held here).
    func take() -> sending ResultsShard? {
        shard.withLock { held in
            let half = held
            held = nil
            return half
        }
    }
}
