import Foundation

/// Reads results files (fed in chunks, one file after another) into `Actuals`, collecting
/// errors with their positions and the data notes. Knows no file system: the caller hands
/// it bytes and a file name.
public final class ResultsIngest {
    public let plan: Plan
    public let calendar: FiscalCalendar
    public private(set) var actuals = Actuals()
    public private(set) var diagnostics: Diagnostics
    public private(set) var notes = DataNotes()

    private let matcher: ValueMatcher
    private var file = ""
    private var tokenizer = CSVTokenizer()
    private var form: Form?
    private var header: [UInt8] = []
    private var sawFirstBytes = false
    private var seenRows: [[UInt8]: Int] = [:]
    /// Distinct rows remembered per file for the identical-row note.
    public static let identicalRowCheckLimit = 50_000
    private var fileCount = DataNotes.FileCount(file: "")

    /// Column positions of the metric form.
    private struct MetricColumns {
        var date = 0, region = 0, source = 0, metric = 0, value = 0
        var count = 0
    }

    private enum Form {
        case metric(MetricColumns)
        case refused
    }

    public init(plan: Plan, calendar: FiscalCalendar, diagnostics: Diagnostics = Diagnostics()) {
        self.plan = plan
        self.calendar = calendar
        self.diagnostics = diagnostics
        self.matcher = ValueMatcher(plan: plan)
    }

    /// Reads a whole file held in memory.
    public func read(_ bytes: [UInt8], file: String) {
        begin(file: file)
        bytes.withUnsafeBufferPointer { consume($0) }
        end()
    }

    public func begin(file: String) {
        self.file = file
        tokenizer = CSVTokenizer(delimiter: plan.results.delimiter)
        form = nil
        header = []
        sawFirstBytes = false
        seenRows = [:]
        fileCount = DataNotes.FileCount(file: file)
    }

    public func consume(_ chunk: UnsafeBufferPointer<UInt8>) {
        if !sawFirstBytes && !chunk.isEmpty {
            sawFirstBytes = true
            if chunk.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
                error("this is a spreadsheet workbook (.xlsx or .zip), not CSV; save it as CSV UTF-8", line: 1, column: 1)
                form = .refused
            } else if chunk.starts(with: [0xFF, 0xFE]) || chunk.starts(with: [0xFE, 0xFF]) {
                error("this file is UTF-16; save it as CSV UTF-8 or set results.encoding: utf-16", line: 1, column: 1)
                form = .refused
            }
        }
        if case .refused = form { return }
        tokenizer.consume(chunk, record: { self.record($0) }, problem: { self.problem($0, $1) })
    }

    public func end() {
        if case .refused = form {} else {
            tokenizer.finish(record: { self.record($0) }, problem: { self.problem($0, $1) })
            if form == nil && !diagnostics.hasErrors {
                error("the file is empty; expected a header line: date,region,source,metric,value", line: 1, column: 1)
            }
        }
        notes.files.append(fileCount)
    }

    // MARK: Records

    private func error(_ message: String, line: Int, column: Int) {
        diagnostics.error(message, at: SourceLocation(file: file, line: line, column: column))
    }

    private func problem(_ problem: CSVTokenizer.Problem, _ at: CSVTokenizer.Position) {
        switch problem {
        case .strayQuote:
            error("a quote inside an unquoted field; quote the whole field and double the quote (\"\")", line: at.line, column: at.column)
        case .textAfterClosingQuote:
            error("text after a closing quote; expected a delimiter or the end of the line", line: at.line, column: at.column)
        case .unclosedQuote:
            error("this quoted field is never closed; expected a closing quote (\")", line: at.line, column: at.column)
        }
    }

    /// A field as text, or nil (with an error at the first invalid byte).
    private func text(_ record: CSVTokenizer.Record, _ i: Int) -> String? {
        let bytes = record.field(i)
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        var offset = 0
        while offset < bytes.count {
            let n = UTF8Validation.sequenceLength(bytes, at: offset)
            if n == 0 { break }
            offset += n
        }
        let start = record.starts[i]
        let column = start.byteColumn + offset + (record.quoted[i] ? 1 : 0)
        error("invalid UTF-8 at byte column \(column); the file looks like Windows-1252 or Latin-1: re-export it as UTF-8 or set results.encoding",
              line: start.line, column: column)
        return nil
    }

    private func record(_ record: CSVTokenizer.Record) {
        guard !diagnostics.isFull else { return }
        if record.isBlank {
            fileCount.blankLines += 1
            return
        }
        guard let form else {
            readHeader(record)
            return
        }
        guard case .metric(let columns) = form else { return }
        if record.bytes == header && record.count == columns.count {
            fileCount.repeatedHeaders.append(record.line)
            return
        }
        guard record.count == columns.count else {
            let at = record.count > columns.count ? record.starts[columns.count] : record.starts[record.count - 1]
            error("expected \(columns.count) fields as in the header, found \(record.count)", line: at.line, column: at.column)
            return
        }
        fileCount.rows += 1
        readMetricRow(record, columns)
    }

    private func readHeader(_ record: CSVTokenizer.Record) {
        header = record.bytes
        var names: [String] = []
        for i in 0..<record.count {
            guard let t = text(record, i) else {
                form = .refused
                return
            }
            names.append(t.trimmingCharacters(in: .whitespaces).lowercased())
        }
        var seen: Set<String> = []
        for (i, name) in names.enumerated() where !name.isEmpty {
            if !seen.insert(name).inserted {
                error("column '\(name)' appears twice in the header", line: record.starts[i].line, column: record.starts[i].column)
                form = .refused
                return
            }
        }
        let required = ["date", "region", "source", "metric", "value"]
        if required.allSatisfy(names.contains) {
            var c = MetricColumns()
            c.date = names.firstIndex(of: "date")!
            c.region = names.firstIndex(of: "region")!
            c.source = names.firstIndex(of: "source")!
            c.metric = names.firstIndex(of: "metric")!
            c.value = names.firstIndex(of: "value")!
            c.count = names.count
            fileCount.ignoredColumns = names.filter { !required.contains($0) }
            form = .metric(c)
            return
        }
        if ["date", "region", "amount"].allSatisfy(names.contains) || plan.results.deals != nil {
            error("deal-level exports (one row per deal) are not read by this version yet; convert to the metric form date,region,source,metric,value",
                  line: record.line, column: 1)
            form = .refused
            return
        }
        let missing = required.filter { !names.contains($0) }
        error("expected a header with the columns date,region,source,metric,value; missing \(missing.joined(separator: ", "))",
              line: record.line, column: 1)
        form = .refused
    }

    private func readMetricRow(_ record: CSVTokenizer.Record, _ c: MetricColumns) {
        guard let dateText = text(record, c.date), let regionText = text(record, c.region),
            let sourceText = text(record, c.source), let metricText = text(record, c.metric),
            let valueText = text(record, c.value)
        else { return }
        func at(_ i: Int) -> (Int, Int) { (record.starts[i].line, record.starts[i].column) }
        var ok = true

        let trimmedDate = dateText.trimmingCharacters(in: .whitespaces)
        let day = Day(iso: trimmedDate)
        if day == nil {
            let (l, col) = at(c.date)
            error("expected a date written YYYY-MM-DD, found '\(dateText)'", line: l, column: col)
            ok = false
        }
        let value = Decimal(strict: valueText.trimmingCharacters(in: .whitespaces))
        if value == nil {
            let (l, col) = at(c.value)
            let shown = valueText.isEmpty ? "nothing" : "'\(valueText)'"
            error("expected a number like 1234.56 (digits, optional '-' and '.'), found \(shown)", line: l, column: col)
            ok = false
        }
        let metric = metricText.trimmingCharacters(in: .whitespaces)
        if !Metric.isValidName(metric) {
            let (l, col) = at(c.metric)
            error("expected a metric name of lowercase letters, digits and '_' (e.g. revenue, won_deals), found '\(metricText)'", line: l, column: col)
            ok = false
        }
        var regionId: String?
        var sourceId: String?
        if let id = matcher.region(regionText) {
            regionId = id
            let trimmedSource = sourceText.trimmingCharacters(in: .whitespaces)
            if !trimmedSource.isEmpty {
                sourceId = matcher.source(sourceText, region: id)
                if sourceId == nil {
                    ok = unknown("source", sourceText, candidates: matcher.sourceIds(region: id), at: at(c.source), in: " of region '\(id)'") && ok
                    if ok { return }
                }
            }
        } else {
            ok = unknown("region", regionText, candidates: matcher.regionIds, at: at(c.region), in: "") && ok
            if ok { return }
        }
        guard ok, let day, let value, let regionId else { return }

        if day.year < 1900 {
            let (l, col) = at(c.date)
            error("the date '\(dateText)' is out of range", line: l, column: col)
            return
        }
        // Identical rows are remembered up to a bound, so memory does not grow with the file
        // (SPEC §6); past it the check stops and the data notes say where.
        let rowKey = Array(record.bytes) + record.ends.map { UInt8(truncatingIfNeeded: $0) }
        if let first = seenRows[rowKey] {
            fileCount.identicalRows.append((record.line, first))
        } else if seenRows.count < Self.identicalRowCheckLimit {
            seenRows[rowKey] = record.line
        } else if fileCount.identicalRowCheckStoppedAt == nil {
            fileCount.identicalRowCheckStoppedAt = record.line
        }
        if sourceId == nil { fileCount.unattributed += 1 }
        let slot = calendar.slot(of: day)
        switch slot {
        case .afterCutOff: fileCount.afterCutOff += 1
        case .older: fileCount.older += 1
        case .priorYear: fileCount.priorYear += 1
        case .current: break
        }
        actuals.add(value, key: Actuals.Key(region: regionId, source: sourceId, metric: metric), slot: slot, day: day,
                    aggregation: plan.aggregation(of: metric))
    }

    /// An unknown region or source: an error with a hint, or a counted note when the plan
    /// says `results.unknown: note`. Returns true when the row may be skipped quietly.
    private func unknown(_ kind: String, _ value: String, candidates: [String], at: (Int, Int), in scope: String) -> Bool {
        if plan.results.unknown == .note {
            fileCount.unknownValues["\(kind) '\(value)'", default: 0] += 1
            return true
        }
        let hint = Suggestion.nearest(to: Names.normalized(value), in: candidates).map { " (did you mean '\($0)'?)" }
            ?? " (expected one of: \(candidates.prefix(8).joined(separator: ", ")))"
        error("unknown \(kind) '\(value)'\(scope)\(hint); add it to the plan, use its id or name, or map it under results.aliases",
              line: at.0, column: at.1)
        return false
    }
}
