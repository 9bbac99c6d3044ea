import Foundation

/// What every reader of one run shares, read-only (so shards on other threads can too).
final class ReadingContext: Sendable {
    let plan: Plan
    let calendar: FiscalCalendar
    let layout: SlotLayout
    let matcher: ValueMatcher
    let numbers: NumberFormat
    let strict: Bool
    let regionIndex: [Region.ID: Int]
    let sourceIndex: [[Source.ID: Int]]
    let startMonth: Int
    /// The cut-off and the fiscal year's last day as `Day.key`s.
    let asOfKey: Int
    let endKey: Int
    /// When set, rows are counted in it instead of being matched to the plan (`init`).
    let census: ResultsCensus?
    /// Per region index, its currency's code, when regions sell in different currencies
    /// (SPEC §15.7): an amount written in another region's currency is then an error.
    let regionCurrencies: [String]?

    init(plan: Plan, calendar: FiscalCalendar, strict: Bool, census: ResultsCensus? = nil) {
        self.plan = plan
        self.census = census
        self.calendar = calendar
        self.strict = strict
        layout = SlotLayout(plan: plan, cutOff: calendar.asOf)
        matcher = ValueMatcher(plan: plan)
        var numbers = plan.results.numbers
        // The plan's currency and each region's own (SPEC §15.7): a region's rows carry its symbol.
        var currencies = [plan.currency]
        for r in plan.regions { if let c = r.currency, !currencies.contains(c) { currencies.append(c) } }
        // Drafting a plan (`init`), any currency reads: the census notes which one each region's amounts carry.
        if census != nil { currencies += Currency.withSymbols.filter { !currencies.contains($0) } }
        regionCurrencies = census == nil && currencies.count > 1 ? plan.regions.map { plan.currency(of: $0).code } : nil
        numbers.symbols = currencies.flatMap { c in [c.code] + (c.symbol.map { s in s.hasSuffix("$") && s != "$" ? [s, "$"] : [s] } ?? []) }
        self.numbers = numbers
        regionIndex = Dictionary(uniqueKeysWithValues: plan.regions.enumerated().map { ($1.id, $0) })
        sourceIndex = plan.regions.map { r in Dictionary(uniqueKeysWithValues: r.sources.enumerated().map { ($1.id, $0) }) }
        startMonth = calendar.start.index
        asOfKey = calendar.asOf.key
        endKey = calendar.end.key
    }

    /// Tally month (0–11 prior year, 12–23 this year) of a day, a history month (revenue of
    /// the years before, for the forecast backtest), or why it has none.
    enum Placement { case month(Int), history(Int), afterCutOff, older }

    @inline(__always)
    func place(_ day: Day) -> Placement {
        let offset = day.year * 12 + day.month - 1 - startMonth
        if offset >= 12 || day.key > asOfKey { return .afterCutOff }
        if offset >= -12 { return .month(offset + 12) }
        let yearsBack = (-offset - 1) / 12 + 1  // 2 for the year before the prior one
        if yearsBack - 2 < Tally.historyYears { return .history((yearsBack - 2) * 12 + offset + 12 * yearsBack) }
        return .older
    }
}

/// Reads the records of one results file, or of one part of it when a big file is read
/// on two threads, into its own `Tally`, diagnostics and data notes. Lines are counted
/// from where the part starts; `ResultsIngest` shifts them when parts are merged.
struct RecordReader {
    private let guardBefore = CacheLineGuard()  // written every row, as the other half's shard is
    let context: ReadingContext
    let file: String
    let scanner: CSVScanner
    private(set) var form: ResultsForm? {
        didSet {
            switch form {
            case .metric(let c): metricColumns = c
            case .deal(let c): dealColumns = c
            default: break
            }
        }
    }
    // The form's columns as plain values, so a row does not copy the enum.
    private var metricColumns = ResultsForm.MetricColumns()
    private var dealColumns = ResultsForm.DealColumns()
    private var stages = ResultsForm.Stages()
    private var header: [UInt8] = []
    /// The header's column names as written (trimmed), for messages.
    private var headerNames: [String] = []
    let tally: Tally
    /// Every error is kept here, grouped per kind (ten of each kept): the limit on what is
    /// shown applies once the parts of a file are merged, in order, so a file read on two
    /// threads reports exactly what one reader would.
    var diagnostics = Diagnostics(limit: .max)
    var count: DataNotes.FileCount

    /// The region every row belongs to, when the file is given with one (SPEC §14.4).
    var fixedRegion: Int?
    /// Deal ids of every file read so far, when the export maps `columns.id`.
    var dealIds: DealIds?
    /// This file's place among the run's files, for `dealIds`.
    var fileIndex = 0
    /// The identical-row check covers a file's first rows only (memory stays bounded).
    var checksIdenticalRows = true
    var identicalRowCheckLimit = 50_000
    private var rowHashes: [UInt64: Int] = [:]
    private var previousBlank = false
    private var inFooter = false
    private var openStageRows: [Int] = []
    /// The first and last dates counted (as `Day.key`), kept apart from `count` while reading.
    private var firstDayKey = Int.max, lastDayKey = Int.min

    private let regionCache = ByteKeyTable()
    /// Sources of every region, each in its region's scope.
    private let sourceCache = ByteKeyTable()
    private let stageCache = ByteKeyTable()
    private let metricCache = ByteKeyTable()
    private let ownerCache = ByteKeyTable()
    private let categoryCache = ByteKeyTable()
    private let reasonCache = ByteKeyTable()
    private var revenue = 0, profit = 0, wonDeals = 0, lostDeals = 0
    private let numbersAreStrict: Bool

    private let guardAfter = CacheLineGuard()

    init(context: ReadingContext, file: String) {
        self.context = context
        self.file = file
        numbersAreStrict = !context.numbers.isLenient
        scanner = CSVScanner(delimiter: context.plan.results.delimiter)
        tally = Tally(layout: context.layout)
        count = DataNotes.FileCount(file: file)
        count.encoding = context.plan.results.encoding
        revenue = tally.metric("revenue", context.plan.aggregation(of: "revenue"))
        profit = tally.metric("profit", context.plan.aggregation(of: "profit"))
        wonDeals = tally.metric("won_deals", context.plan.aggregation(of: "won_deals"))
        lostDeals = tally.metric("lost_deals", context.plan.aggregation(of: "lost_deals"))
    }

    /// A reader for a later part of the same file: same form, fresh sums.
    func continuation() -> sending RecordReader {
        var next = RecordReader(context: context, file: file)
        next.scanner.usesFastPath = scanner.usesFastPath
        next.form = form
        next.stages = stages
        next.header = header
        next.headerNames = headerNames
        next.checksIdenticalRows = false
        next.fixedRegion = fixedRegion
        next.count.form = count.form
        return next
    }

    mutating func refuse() { form = .refused }

    /// Whether the next record depends on the ones before it beyond the header: after a
    /// blank line (a footer may start) or inside a footer. A second half read on its own
    /// cannot know that, so such a split is read again serially.
    var carriesStateForward: Bool { inFooter || previousBlank }
    var isRefused: Bool { if case .refused = form { return true } else { return false } }

    // MARK: Errors

    mutating func error(_ message: String, line: Int, column: Int) {
        diagnostics.error(message, at: SourceLocation(file: file, line: line, column: column))
    }

    /// A problem with the row itself (quotes, NUL bytes, encoding, field count), grouped by kind.
    mutating func rowError(_ message: String, kind: String, line: Int, column: Int) {
        diagnostics.append(Diagnostic(.error, message, at: SourceLocation(file: file, line: line, column: column),
                                      group: Diagnostic.Group(key: "\(file)|row|\(kind)", column: "")))
    }

    /// A row with the wrong number of fields: grouped too (a file cut by another delimiter fails on every row).
    private mutating func fieldCountError(_ message: String, line: Int, column: Int) {
        diagnostics.append(Diagnostic(.error, message, at: SourceLocation(file: file, line: line, column: column),
                                      group: Diagnostic.Group(key: "\(file)|fields", column: "")))
    }

    private mutating func error(_ message: String, _ field: CSVScanner.Field, _ buffer: UnsafePointer<UInt8>) {
        error(message, line: field.line, column: field.column(buffer))
    }

    private mutating func problem(_ problem: CSVScanner.Problem, line: Int, column: Int) {
        switch problem {
        case .strayQuote:
            rowError("a quote inside an unquoted field; quote the whole field and double the quote (\"\")", kind: "stray-quote", line: line, column: column)
        case .textAfterClosingQuote:
            rowError("text after a closing quote; expected a delimiter or the end of the line", kind: "after-quote", line: line, column: column)
        case .unclosedQuote:
            rowError("this quoted field is never closed; expected a closing quote (\")", kind: "unclosed-quote", line: line, column: column)
        case .nul:
            rowError("a NUL byte is not text; the file may be UTF-16 without a byte-order mark, or not CSV", kind: "nul", line: line, column: column)
        }
    }

    // MARK: Scanning

    /// Reads the scanner's current record; true when it was the header (the form is known from then on).
    mutating func read(_ p: UnsafePointer<UInt8>) -> Bool {
        let hadForm = form != nil
        record(p)
        return !hadForm && form != nil
    }

    private mutating func record(_ p: UnsafePointer<UInt8>) {
        // The scanner's record, read once (each read of a class's property is checked).
        let record = scanner.state
        let fields = record.list.fields
        let fieldCount = record.list.count
        if !record.hasProblems && CSVScanner.isBlank(fields, count: fieldCount) {
            count.blankLines += 1
            previousBlank = true
            return
        }
        let wasBlank = previousBlank
        previousBlank = false
        if inFooter {
            count.footer?.lines += 1
            return
        }
        if record.hasProblems {
            for (kind, line, lineStart, offset) in scanner.problems {
                problem(kind, line: line, column: CSVScanner.Field.column(p, lineStart: lineStart, offset: offset))
            }
            return
        }
        if record.recordHasNonASCII && !validUTF8(p) { return }
        guard let form else {
            readHeader(p)
            return
        }
        // A repeated header may carry its own byte-order mark (files concatenated whole).
        var headerStart = record.recordStart
        if record.recordEnd - headerStart >= 3 && p[headerStart] == 0xEF && p[headerStart + 1] == 0xBB && p[headerStart + 2] == 0xBF {
            headerStart += 3
        }
        let recordLength = record.recordEnd - headerStart
        if recordLength == header.count && header.withUnsafeBufferPointer({ memcmp($0.baseAddress!, p + headerStart, recordLength) == 0 }) {
            count.repeatedHeaders.append(record.recordLine)
            return
        }
        if isFooter(p, fields[0], afterBlank: wasBlank) {
            inFooter = true
            count.footer = (scanner.recordLine, 1)
            if context.strict {
                error("a report footer is not data (--strict); remove the footer lines or run without --strict", line: scanner.recordLine, column: 1)
            }
            return
        }
        let isMetric: Bool
        switch form {
        case .refused: return
        case .metric: isMetric = true
        case .deal: isMetric = false
        }
        let expected = isMetric ? metricColumns.count : dealColumns.count
        guard fieldCount == expected else {
            let at = fieldCount > expected ? fields[expected] : fields[fieldCount - 1]
            fieldCountError("expected \(expected) fields as in the header, found \(fieldCount)", line: at.line,
                  column: CSVScanner.Field.column(p, lineStart: at.lineStart, offset: at.quoted ? at.start - 1 : at.start))
            return
        }
        count.rows += 1
        if checksIdenticalRows { checkIdentical(p) }
        if isMetric { metricRow(p) } else { dealRow(p) }
    }

    /// The first invalid byte of a non-ASCII record, reported by line and byte column.
    private mutating func validUTF8(_ p: UnsafePointer<UInt8>) -> Bool {
        let bytes = UnsafeBufferPointer(start: p + scanner.recordStart, count: scanner.recordEnd - scanner.recordStart)
        if String(validating: bytes, as: UTF8.self) != nil { return true }
        let array = Array(bytes)
        var offset = 0
        var line = scanner.recordLine
        var lineStart = 0
        while offset < array.count {
            let n = UTF8Validation.sequenceLength(array, at: offset)
            if n == 0 { break }
            if array[offset] == 0x0A || array[offset] == 0x0D {
                if !(array[offset] == 0x0A && offset > 0 && array[offset - 1] == 0x0D) { line += 1 }
                lineStart = offset + 1
            }
            offset += n
        }
        let column = offset - lineStart + 1
        rowError("invalid UTF-8 at byte column \(column); the file looks like Windows-1252 or Latin-1: re-export it as UTF-8 or set results.encoding", kind: "utf8",
              line: line, column: column)
        return false
    }

    static let footerStarts = ["grand total", "copyright", "confidential information", "generated by", "total"]

    /// A Salesforce-style report footer: after a blank line, or a "Grand Totals" line.
    @inline(__always)
    private func isFooter(_ p: UnsafePointer<UInt8>, _ first: CSVScanner.Field, afterBlank: Bool) -> Bool {
        // Most rows start with a date or an id: look closer only after a blank line or at a "g".
        guard afterBlank || first.end - first.start >= 5 && (p[first.start] | 0x20 == UInt8(ascii: "g") || FieldParsers.isSpace(p[first.start]))
        else { return false }
        return looksLikeFooter(p, first, afterBlank: afterBlank)
    }

    @inline(never)
    private func looksLikeFooter(_ p: UnsafePointer<UInt8>, _ first: CSVScanner.Field, afterBlank: Bool) -> Bool {
        let (s, e) = FieldParsers.trimmed(p, first.start, first.end)
        guard e - s >= 5, afterBlank || p[s] | 0x20 == UInt8(ascii: "g") else { return false }
        let prefix = String(decoding: UnsafeBufferPointer(start: p + s, count: min(e - s, 24)), as: UTF8.self).lowercased()
        if prefix.hasPrefix("grand total") { return true }
        return afterBlank && Self.footerStarts.contains { prefix.hasPrefix($0) }
    }

    private mutating func checkIdentical(_ p: UnsafePointer<UInt8>) {
        let hash = ByteKeyTable.hash(p + scanner.recordStart, scanner.recordEnd - scanner.recordStart)
        if let first = rowHashes[hash] {
            count.identicalRows.append((scanner.recordLine, first))
            if context.strict {
                rowError("this row is identical to line \(first) (--strict); remove the duplicate or run without --strict", kind: "identical", line: scanner.recordLine, column: 1)
            }
        } else if rowHashes.count < identicalRowCheckLimit {
            rowHashes[hash] = scanner.recordLine
        } else {
            count.identicalRowCheckStoppedAt = scanner.recordLine
            checksIdenticalRows = false
            rowHashes = [:]
        }
    }

    // MARK: Header

    private mutating func readHeader(_ p: UnsafePointer<UInt8>) {
        header = Array(UnsafeBufferPointer(start: p + scanner.recordStart, count: scanner.recordEnd - scanner.recordStart))
        let fields = scanner.fields
        var names: [String] = []
        for i in 0..<scanner.fieldCount {
            headerNames.append((fields[i].text(p) ?? "").trimmingCharacters(in: .whitespaces))
            names.append(headerNames[i].lowercased())
        }
        if scanner.fieldCount == 1, Self.looksLikeYAMLPlan(headerNames.first ?? "") {
            error("this is a YAML plan, not a results CSV (it starts with \(Quote.user(headerNames[0]))); pass it as --plan, and the CSV exports as --results", line: scanner.recordLine, column: 1)
            form = .refused
            return
        }
        switch ResultsForm.recognise(names, plan: context.plan, drafting: context.census != nil, regionGiven: fixedRegion != nil) {
        case .failure(.missing(let message)):
            error(message + (scanner.fieldCount == 1 ? Self.delimiterHint(header, current: scanner.delimiter) : ""), line: scanner.recordLine, column: 1)
            form = .refused
        case .success(let (recognised, used, stages)):
            self.stages = stages
            for i in used.sorted() where names[(i + 1)...].contains(names[i]) {
                let twice = names[(i + 1)...].firstIndex(of: names[i])!
                error("column \(Quote.user(names[i])) appears twice in the header; expected each column once", fields[twice], p)
                form = .refused
                return
            }
            form = recognised
            if case .metric = recognised { count.form = "metric" } else { count.form = "deal" }
            if case .deal(let c) = recognised {
                tally.tracksGroups[Tally.GroupKind.owner.rawValue] = c.owner != nil
                tally.tracksGroups[Tally.GroupKind.lossReason.rawValue] = c.lossReason != nil
            }
            if case .deal(let c) = recognised, c.stage != nil, c.created != nil { tally.tracksCreated = true }
            if case .deal(let c) = recognised, c.stage != nil { tally.tracksDeals = true }
            if case .deal(let c) = recognised, c.stage != nil, let i = c.category {
                tally.tracksCategories = true
                count.categoryColumn = headerNames[i]
            }
            if case .deal(let c) = recognised, let stage = c.stage {
                tally.tracksOpenDeals = true
                count.stageColumn = headerNames[stage]
            }
            count.ignoredColumns = names.enumerated().filter { !used.contains($0.offset) && !$0.element.isEmpty }.map(\.element)
        }
    }

    /// `gutcheck: 1`, `fiscal_year: 2026`, or a `---` document start: a plan given as results.
    static func looksLikeYAMLPlan(_ first: String) -> Bool {
        if first == "---" { return true }
        guard let colon = first.firstIndex(of: ":") else { return false }
        let key = first[..<colon]
        return PlanReader.topKeys.contains(String(key)) && (first.index(after: colon) == first.endIndex || first[first.index(after: colon)] == " ")
    }

    /// A header read as one column that another delimiter splits into several (SPEC §14.3).
    static func delimiterHint(_ header: [UInt8], current: UInt8) -> String {
        let candidates: [(byte: UInt8, setting: String)] = [(UInt8(ascii: ","), "\",\""), (UInt8(ascii: ";"), "\";\""), (9, "tab"), (UInt8(ascii: "|"), "\"|\"")]
        let best = candidates.filter { $0.byte != current }.map { c in (c, header.filter { $0 == c.byte }.count + 1) }.max { $0.1 < $1.1 }
        guard let (candidate, columns) = best, columns >= 3 else { return "" }
        let shown = candidate.byte == 9 ? "a tab" : "'\(Character(Unicode.Scalar(candidate.byte)))'"
        return " — the header reads as one column, but split at \(shown) it has \(columns): set results.delimiter: \(candidate.setting)"
    }

    // MARK: Fields

    private func text(_ p: UnsafePointer<UInt8>, _ f: CSVScanner.Field) -> String {
        f.text(p) ?? ""
    }

    /// How a message names a column: "column 'Close Date'".
    private func fieldIndex(_ f: CSVScanner.Field) -> Int? {
        let fields = scanner.fields
        return (0..<scanner.fieldCount).first { fields[$0].start == f.start && fields[$0].end == f.end }
    }

    /// The header of the column a dimension is read from, as the file writes it.
    func column(of dimension: Tally.Dimension) -> String? {
        let index: Int?
        switch (form, dimension) {
        case (.metric?, .metric): index = metricColumns.metric
        case (.deal?, .stage): index = dealColumns.stage
        case (.deal?, .owner): index = dealColumns.owner
        case (.deal?, .lossReason): index = dealColumns.lossReason
        default: index = nil
        }
        return index.map(columnName)
    }

    private func columnName(_ index: Int) -> String {
        index < headerNames.count ? "column \(Quote.user(headerNames[index]))" : "column \(index + 1)"
    }

    /// A problem that may repeat down a column: grouped, so ten are shown and the rest counted.
    private mutating func columnError(_ message: String, _ f: CSVScanner.Field, _ p: UnsafePointer<UInt8>, kind: String, fixes: [String] = []) {
        let index = fieldIndex(f) ?? -1
        let group = Diagnostic.Group(key: "\(file)|\(index)|\(kind)", column: index >= 0 ? columnName(index) : "this column", fixes: fixes)
        diagnostics.append(Diagnostic(.error, message, at: SourceLocation(file: file, line: f.line, column: f.column(p)), group: group))
    }

    private func isEmpty(_ p: UnsafePointer<UInt8>, _ f: CSVScanner.Field) -> Bool {
        let (s, e) = FieldParsers.trimmed(p, f.start, f.end)
        return s == e
    }

    private func shown(_ t: String) -> String {
        t.trimmingCharacters(in: .whitespaces).isEmpty ? "nothing" : Quote.user(t)
    }

    // The per-row lookups and parsers below are an inlined fast path and an out-of-line
    // rest (errors, first sightings): a call with the rest's stack frame was a tenth of a row.

    @inline(__always)
    private mutating func date(_ p: UnsafePointer<UInt8>, _ f: CSVScanner.Field, _ format: DateFormat) -> Day? {
        let (s, e) = FieldParsers.trimmed(p, f.start, f.end)
        if let day = FieldParsers.date(p, s, e, format: format), day.year >= 1900 { return day }
        return dateError(p, f, format)
    }

    @inline(never)
    private mutating func dateError(_ p: UnsafePointer<UInt8>, _ f: CSVScanner.Field, _ format: DateFormat) -> Day? {
        let t = text(p, f)
        var hint = FieldParsers.dateHint(t, format: format)
        var fixes: [String] = []
        if case .metric = form {
            // date_format reads deal exports; metric rows are always YYYY-MM-DD (SPEC §8.7).
            if hint.isEmpty || hint.contains("date_format") { hint = t.isEmpty ? "" : "; metric-form rows are dated YYYY-MM-DD" }
        } else {
            fixes = FieldParsers.dateFormats(reading: t, other: format).map { "results.deals.date_format: \($0.rawValue)" }
            if hint.isEmpty && !t.trimmingCharacters(in: .whitespaces).isEmpty {
                hint = "; results.deals.date_format reads \(DateFormat.allCases.map(\.rawValue).joined(separator: ", "))"
            }
        }
        columnError("expected a date written \(format.rawValue), found \(shown(t))\(hint)", f, p, kind: "date", fixes: fixes)
        return nil
    }

    /// An amount, or nil (with an error). An empty field is `empty` when allowed.
    @inline(__always)
    private mutating func amount(_ p: UnsafePointer<UInt8>, _ f: CSVScanner.Field, empty: FieldParsers.Amount? = nil) -> FieldParsers.Amount? {
        let (s, e) = FieldParsers.trimmed(p, f.start, f.end)
        if s == e, let empty { return empty }
        if numbersAreStrict, let nanos = FieldParsers.quickNanos(p, s, e) { return .nanos(nanos) }
        // The strict form skips the options entirely (copying them costs retains per row).
        let result = numbersAreStrict ? FieldParsers.strictAmount(p, s, e) : FieldParsers.amount(p, s, e, context.numbers)
        if case .success(let a) = result { return a }
        return amountError(p, f, result)
    }

    @inline(never)
    private mutating func amountError(_ p: UnsafePointer<UInt8>, _ f: CSVScanner.Field, _ result: Result<FieldParsers.Amount, FieldParsers.AmountError>) -> FieldParsers.Amount? {
        switch result {
        case .success(let a): return a
        case .failure(let why):
            let t = text(p, f)
            switch why {
            case .tooLarge:
                columnError("the number \(shown(t)) is too large (more than \(FieldParsers.maxIntegerDigits) digits before the point)", f, p,
                            kind: "large")
            case .notANumber:
                let fixes = FieldParsers.numberOptions(reading: t, current: context.numbers)
                columnError("expected a number like 1234.56 (digits, optional '-' and '.'), found \(shown(t))\(numberHint(t, fixes: fixes))", f, p,
                            kind: "number", fixes: fixes)
            }
            return nil
        }
    }

    private func numberHint(_ t: String, fixes: [String]) -> String {
        if t.contains("%") { return "; percentages are not amounts" }
        if t.lowercased().contains("nan") || t.lowercased().contains("inf") { return "" }
        if let sign = FieldParsers.foreignCurrency(in: t, accepted: context.numbers.symbols) {
            return "; \(Quote.user(sign)) is not the plan's currency (\(context.plan.currency.code)): convert these amounts, check the plan's currency, or, where a region sells in it, give that region its currency: and the plan an fx: rate for it"
        }
        if let fix = fixes.first { return "; to read it set \(fix)" }
        if t.hasPrefix("=") || t.hasPrefix("+") || t.hasPrefix("@") { return "; it looks like a spreadsheet formula" }
        return ""
    }

    /// Region index, or nil (with an error, or a note under `results.unknown: note`).
    @inline(__always)
    private mutating func region(_ p: UnsafePointer<UInt8>, _ f: CSVScanner.Field) -> Int? {
        if let cached = regionCache.find(p + f.start, f.end - f.start), cached >= 0 { return Int(cached) }
        return regionFirstSeen(p, f)
    }

    @inline(never)
    private mutating func regionFirstSeen(_ p: UnsafePointer<UInt8>, _ f: CSVScanner.Field) -> Int? {
        if regionCache.find(p + f.start, f.end - f.start) == nil {
            let t = text(p, f)
            let index = context.matcher.region(t).flatMap { context.regionIndex[$0] }
            regionCache.insert(p + f.start, f.end - f.start, value: Int32(index ?? -1))
            if let index { return index }
        }
        unknown("region", text(p, f), candidates: context.matcher.regionNames, f, p, in: "")
        return nil
    }

    /// Slot of the row's source in region `r` (the region's own slot for an empty source).
    @inline(__always)
    private mutating func slot(_ p: UnsafePointer<UInt8>, _ f: CSVScanner.Field?, region r: Int) -> Int? {
        let base = context.layout.base[r]
        guard let f else { return base }
        if let cached = sourceCache.find(p + f.start, f.end - f.start, scope: r), cached >= 0 { return base + Int(cached) }
        return slotFirstSeen(p, f, region: r)
    }

    @inline(never)
    private mutating func slotFirstSeen(_ p: UnsafePointer<UInt8>, _ f: CSVScanner.Field, region r: Int) -> Int? {
        let base = context.layout.base[r]
        if sourceCache.find(p + f.start, f.end - f.start, scope: r) == nil {
            let t = text(p, f)
            let id = context.plan.regions[r].id
            var value: Int?
            if t.trimmingCharacters(in: .whitespaces).isEmpty {
                value = 0
            } else if let s = context.matcher.source(t, region: id).flatMap({ context.sourceIndex[r][$0] }) {
                value = s + 1
            }
            sourceCache.insert(p + f.start, f.end - f.start, value: Int32(value ?? -1), scope: r)
            if let value { return base + value }
        }
        let id = context.plan.regions[r].id
        unknown("source", text(p, f), candidates: context.matcher.sourceNames(region: id), f, p, in: " of region '\(id)'")
        return nil
    }

    private mutating func unknown(_ kind: String, _ value: String, candidates: [String], _ f: CSVScanner.Field, _ p: UnsafePointer<UInt8>, in scope: String) {
        if context.plan.results.unknown == .note {
            count.setAside("\(kind) '\(value)'", line: f.line)
            return
        }
        let hint = Suggestion.nearest(to: Names.normalized(value), in: candidates).map { " (did you mean \(Quote.user($0))?)" }
            ?? " (expected one of: \(Self.distinctIgnoringCase(candidates).prefix(8).map { Quote.shortened($0) }.joined(separator: ", ")))"
        columnError("unknown \(kind) \(Quote.user(value))\(scope)\(hint); add it to the plan, use its id or name, or map it under results.aliases",
                    f, p, kind: "unknown-\(kind)")
    }

    /// "northeast" and "Northeast" are one choice to a reader.
    static func distinctIgnoringCase(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0.lowercased()).inserted }
    }

    // MARK: Rows

    private mutating func metricRow(_ p: UnsafePointer<UInt8>) {
        let c = metricColumns
        let fields = scanner.fields
        let day = date(p, fields[c.date], .iso)
        let value = amount(p, fields[c.value])
        var metric: Int?
        let mf = fields[c.metric]
        if let cached = metricCache.find(p + mf.start, mf.end - mf.start) {
            metric = cached >= 0 ? Int(cached) : nil
        } else {
            let name = text(p, mf).trimmingCharacters(in: .whitespaces)
            if Metric.isValidName(name) {
                guard tally.admitsAnother(.metric) else { return }
                metric = tally.metric(name, context.plan.aggregation(of: name))
                context.census?.sawMetric(name)
            }
            metricCache.insert(p + mf.start, mf.end - mf.start, value: Int32(metric ?? -1))
        }
        if metric == nil {
            columnError("expected a metric name of lowercase letters, digits and '_' (e.g. revenue, won_deals), found \(shown(text(p, mf)))", mf, p, kind: "metric")
        }
        if let census = context.census {
            if let day, value != nil, metric != nil { census.add(region: text(p, fields[c.region]), source: text(p, fields[c.source]), day: day) }
            return
        }
        let r = c.region < 0 ? fixedRegion : region(p, fields[c.region])
        guard let r, let slot = slot(p, fields[c.source], region: r), let day, let value, let metric else {
            if metric == revenue, let day, let value { setAside(value, on: day) }
            return
        }
        if slot == context.layout.base[r] { count.unattributed += 1 }
        if context.regionCurrencies != nil { checkCurrency(p, fields[c.value], region: r) }
        switch month(of: day, slot: slot) {
        case .month(let m)?: tally.add(value, metric: metric, slot: slot, month: m, day: day.day)
        case .history(let h)? where metric == revenue: tally.addHistory(value, slot: slot, month: h)
        default: return
        }
    }

    /// Where a counted row goes (marking this year's and the prior year's months for the
    /// completeness check): a tally month, a history month, or nil for a row after the
    /// cut-off or older than the history kept (counted in the notes).
    private mutating func month(of day: Day, slot: Int) -> ReadingContext.Placement? {
        firstDayKey = min(firstDayKey, day.key)
        lastDayKey = max(lastDayKey, day.key)
        let placement = context.place(day)
        switch placement {
        case .afterCutOff:
            count.afterCutOff += 1
            return nil
        case .older:
            count.older += 1
            return nil
        case .history:
            count.earlierYears += 1
        case .month(let m):
            if m < 12 { count.priorYear += 1 } else { count.rowsToDate += 1 }
            tally.markRow(slot: slot, month: m)
        }
        return placement
    }

    /// Won, lost or an open stage's index, from the stage field (cached by its bytes).
    @inline(__always)
    private mutating func outcome(_ p: UnsafePointer<UInt8>, _ f: CSVScanner.Field) -> Int {
        if let cached = stageCache.find(p + f.start, f.end - f.start) { return Int(cached) }
        return outcomeFirstSeen(p, f)
    }

    @inline(never)
    private mutating func outcomeFirstSeen(_ p: UnsafePointer<UInt8>, _ f: CSVScanner.Field) -> Int {
        let t = text(p, f)
        let key = ResultsForm.stageKey(t)
        let value: Int
        if stages.won.contains(key) {
            value = -1
            count.closedStagesSeen[key, default: t.trimmingCharacters(in: .whitespaces)] += ""
        } else if stages.lost.contains(key) {
            value = -2
            count.closedStagesSeen[key, default: t.trimmingCharacters(in: .whitespaces)] += ""
        } else {
            let name = Names.normalized(t)
            // Past the limit the stage reads as the last one kept: the run fails on the limit anyway.
            value = tally.hasStage(name) || tally.admitsAnother(.stage) ? tally.stage(name) : tally.stageNames.count - 1
        }
        stageCache.insert(p + f.start, f.end - f.start, value: Int32(value))
        return value
    }

    private static let oneDeal = FieldParsers.Amount.nanos(FieldParsers.nanosPerUnit)

    /// An owner's or a loss reason's label index, from the field (cached by its bytes).
    @inline(__always)
    private func label(_ kind: Tally.GroupKind, _ p: UnsafePointer<UInt8>, _ f: CSVScanner.Field) -> Int {
        let cache = kind == .owner ? ownerCache : reasonCache
        if let cached = cache.find(p + f.start, f.end - f.start) { return Int(cached) }
        return labelFirstSeen(kind, p, f)
    }

    @inline(never)
    private func labelFirstSeen(_ kind: Tally.GroupKind, _ p: UnsafePointer<UInt8>, _ f: CSVScanner.Field) -> Int {
        let cache = kind == .owner ? ownerCache : reasonCache
        // An empty field groups under "" (no owner, no reason given): no name is empty.
        let label = Names.normalized(text(p, f))
        // Past the limit the value counts as the last one kept: the run fails on the limit anyway.
        guard tally.hasLabel(kind, label) || tally.admitsAnother(kind == .owner ? .owner : .lossReason) else {
            return tally.labelNames[kind.rawValue].count - 1
        }
        let index = tally.label(kind, label)
        cache.insert(p + f.start, f.end - f.start, value: Int32(index))
        return index
    }

    private mutating func dealRow(_ p: UnsafePointer<UInt8>) {
        let c = dealColumns
        let fields = scanner.fields
        if let i = c.id, let ids = dealIds, !isNewDeal(p, fields[i], ids) { return }
        let stage = c.stage.map { outcome(p, fields[$0]) } ?? -1
        let won = stage == -1
        // An open deal with no close date or no value is normal in a CRM (SPEC §10.6): it is
        // open, with no expected close (or no value), and counted in a note. Won and lost
        // deals need both.
        let dateField = fields[c.date]
        let undated = stage >= 0 && isEmpty(p, dateField)
        let day = undated ? nil : date(p, dateField, c.dateFormat)
        let amountField = fields[c.amount]
        let unvalued = stage >= 0 && isEmpty(p, amountField)
        if unvalued { count.openWithoutAmount += 1 }
        let amount = amount(p, amountField, empty: stage >= 0 ? .nanos(0) : nil)
        var profitAmount: FieldParsers.Amount?
        if won, let i = c.profit { profitAmount = self.amount(p, fields[i]) }
        if let census = context.census {
            // An open deal's date is when it may close: it says nothing of how far the data runs.
            if let day, amount != nil {
                census.add(region: text(p, fields[c.region]), source: c.source.map { text(p, fields[$0]) }, day: stage < 0 ? day : nil)
                if let code = Currency.of(amount: text(p, amountField)) { census.sawCurrency(code, region: text(p, fields[c.region])) }
            }
            census.sawDeals(profit: c.profit != nil)
            return
        }
        let r = c.region < 0 ? fixedRegion : region(p, fields[c.region])
        guard let r, let slot = slot(p, c.source.map { fields[$0] }, region: r),
            day != nil || undated, let amount, !won || c.profit == nil || profitAmount != nil
        else {
            if won, let day, let amount { setAside(amount, on: day) }
            return
        }
        if slot == context.layout.base[r] { count.unattributed += 1 }
        if context.regionCurrencies != nil { checkCurrency(p, amountField, region: r) }
        if dealIds?.keepsSnapshot == true { keep(p, region: r, stage: stage, day: day, amount: amount, valued: !unvalued) }
        if stage >= 0 {
            while openStageRows.count <= stage { openStageRows.append(0) }
            openStageRows[stage] += 1
            guard let day else {
                count.openWithoutDate += 1
                return
            }
            let nanos: Int128
            switch amount {
            case .nanos(let n): nanos = n
            case .exact(let d): nanos = Int128((d * 1_000_000_000).rounded(places: 0).description) ?? 0
            }
            // The pipeline forecast counts deals expected to close in the rest of the year.
            let key = day.key
            let category = c.category.map { forecastCategory(p, fields[$0]) } ?? -1
            if key > context.asOfKey && key <= context.endKey {
                tally.addOpen(stage: stage, slot: slot, amount: nanos, valued: !unvalued)
                if !unvalued { listDeal(.open, p, amount: amount, day: day, slot: slot, region: r, detail: tally.stageNames[stage]) }
                if category >= 0 { tally.addCategory(category, slot: slot, amount: nanos) }
                if let i = c.created { age(p, fields[i], closing: day, region: r, stage: stage) }
            } else if key <= context.asOfKey {
                count.openOverdue += 1
                tally.addStale(slot: slot, amount: nanos, valued: !unvalued)
            } else {
                count.openAfterYear += 1
            }
            if case .month(let m) = context.place(day) { tally.markRow(slot: slot, month: m) }
            return
        }
        guard let day else { return }
        if won { count.wonRows += 1 } else { count.lostRows += 1 }
        let placement = month(of: day, slot: slot)
        if case .history(let h)? = placement, won { tally.addHistory(amount, slot: slot, month: h) }
        guard case .month(let m)? = placement else { return }
        if m >= 12 {
            // This year to date, by owner and (lost deals) by loss reason.
            if let i = c.owner {
                tally.addToGroup(.owner, region: r, label: label(.owner, p, fields[i]), won: won, amount: amount)
            }
            if !won && c.stage != nil {
                listDeal(.lost, p, amount: amount, day: day, slot: slot, region: r,
                         detail: c.lossReason.map { Names.normalized(text(p, fields[$0])) }.flatMap { $0.isEmpty ? nil : $0 })
            }
            if !won, let i = c.lossReason {
                tally.addToGroup(.lossReason, region: r, label: label(.lossReason, p, fields[i]),
                                 won: false, amount: amount)
            }
        }
        if won {
            tally.add(amount, metric: revenue, slot: slot, month: m, day: day.day)
            tally.add(Self.oneDeal, metric: wonDeals, slot: slot, month: m, day: day.day)
            if let profitAmount { tally.add(profitAmount, metric: profit, slot: slot, month: m, day: day.day) }
        } else {
            tally.add(Self.oneDeal, metric: lostDeals, slot: slot, month: m, day: day.day)
        }
    }

    /// An amount written in a currency other than its region's (SPEC §15.7): read as the
    /// region's, it would be off by the exchange rate, so it is an error.
    @inline(never)
    private mutating func checkCurrency(_ p: UnsafePointer<UInt8>, _ f: CSVScanner.Field, region: Int) {
        guard let own = context.regionCurrencies?[region] else { return }
        let written = text(p, f)
        guard let code = Currency.of(amount: written), code != own,
            // A bare "$" is any dollar: a Canadian region's "$12" is its own.
            !(code == "USD" && Currency(code: own).symbol?.hasSuffix("$") == true && !written.contains("US"))
        else { return }
        let name = context.plan.regions[region].id
        columnError("\(shown(written)) is in \(code), but region \(Quote.user(name)) is in \(own); convert the amount, or check the row's region",
                    f, p, kind: "region-currency")
    }

    /// Notes the deal in the run's snapshot, for the pipeline's movement since an earlier
    /// one (SPEC §15.3): only when two snapshots are compared.
    @inline(never)
    private func keep(_ p: UnsafePointer<UInt8>, region: Int, stage: Int, day: Day?, amount: FieldParsers.Amount, valued: Bool) {
        guard let i = dealColumns.id else { return }
        let (s, e) = FieldParsers.trimmed(p, scanner.fields[i].start, scanner.fields[i].end)
        guard s < e else {
            dealIds?.snapshot?.addWithoutId(region: Int32(region), inPipeline: stage >= 0 && day.map { $0.key > context.asOfKey && $0.key <= context.endKey } ?? false)
            return
        }
        let nanos: Int128
        switch amount {
        case .nanos(let n): nanos = n
        case .exact(let d): nanos = Int128((d * 1_000_000_000).rounded(places: 0).description) ?? 0
        }
        let state: DealSnapshot.Entry.State = stage >= 0 ? .open : stage == -1 ? .won : .lost
        dealIds?.snapshot?.add(id: String(decoding: UnsafeBufferPointer(start: p + s, count: e - s), as: UTF8.self),
                               .init(region: Int32(region), state: state, close: day.map { Int32($0.key) }, nanos: nanos, valued: valued))
    }

    /// Keeps a deal for the region's largest lost or open deals (SPEC §15.4) when it beats
    /// the smallest kept: most rows are turned away by one comparison, before any text is built.
    @inline(__always)
    private func listDeal(_ kind: LargestDeals.Kind, _ p: UnsafePointer<UInt8>, amount: FieldParsers.Amount, day: Day, slot: Int, region: Int,
                          detail: @autoclosure () -> String?) {
        let value: Decimal
        switch amount {
        case .nanos(let n):
            guard tally.largest.admits(kind, region: region, nanos: n) else { return }
            value = Tally.decimal(n)
        case .exact(let d): value = d
        }
        let c = dealColumns, fields = scanner.fields
        let (_, source) = context.layout.describe(slot)
        func field(_ i: Int?) -> String? {
            guard let i else { return nil }
            let t = Names.normalized(text(p, fields[i]))
            return t.isEmpty ? nil : t
        }
        tally.largest.add(Deal(id: field(c.id), date: day, owner: field(c.owner), source: source.map { context.layout.sourceIds[region][$0] },
                               amount: value, detail: detail()), kind, region: region)
    }

    /// An open deal's forecast category index (`ForecastCategory.allCases`), or −1 for a
    /// value no list holds (kept for the error that lists them).
    private mutating func forecastCategory(_ p: UnsafePointer<UInt8>, _ f: CSVScanner.Field) -> Int {
        if let cached = categoryCache.find(p + f.start, f.end - f.start), cached >= 0 { return Int(cached) }
        let t = text(p, f)
        if let category = stages.categories[ResultsForm.stageKey(t)] {
            let index = ForecastCategory.allCases.firstIndex(of: category)!
            categoryCache.insert(p + f.start, f.end - f.start, value: Int32(index))
            return index
        }
        let shown = t.trimmingCharacters(in: .whitespaces)
        if var seen = count.unmappedCategories[shown] {
            seen.deals += 1
            count.unmappedCategories[shown] = seen
        } else if count.unmappedCategories.count < 100 {
            count.unmappedCategories[shown] = (1, f.line, f.column(p))
        }
        return -1
    }

    /// An open deal's age at the cut-off, from its created date (SPEC §15.2); an empty field
    /// has none. A deal created after it closes is counted for a warning, and one created
    /// after the cut-off has no age yet.
    @inline(never)
    private mutating func age(_ p: UnsafePointer<UInt8>, _ f: CSVScanner.Field, closing: Day, region: Int, stage: Int) {
        guard !isEmpty(p, f), let created = date(p, f, dealColumns.dateFormat) else { return }
        if created > closing {
            count.createdAfterClose += 1
            if count.createdAfterCloseAt == nil { count.createdAfterCloseAt = (f.line, f.column(p)) }
        }
        let days = context.calendar.asOf.ordinal - created.ordinal
        guard days >= 0 else { return }
        tally.addAge(region: region, stage: stage, days: days)
    }

    /// False for a deal id seen before: an error naming where, or under `duplicates: last`
    /// a row another file's row replaces (files are then read last first).
    @inline(never)
    private mutating func isNewDeal(_ p: UnsafePointer<UInt8>, _ f: CSVScanner.Field, _ ids: DealIds) -> Bool {
        let (s, e) = FieldParsers.trimmed(p, f.start, f.end)
        guard s < e else { return true }
        let key = String(decoding: UnsafeBufferPointer(start: p + s, count: e - s), as: UTF8.self)
        guard let first = ids.seen[key] else {
            ids.seen[key] = (fileIndex, scanner.recordLine)
            return true
        }
        if first.file != fileIndex && ids.keepsLast {
            count.supersededDeals += 1
            return false
        }
        let fix = first.file == fileIndex
            ? "remove the repeated row"
            : "if the files are snapshots of one export, set results.deals.duplicates: last so the later file's row stands"
        columnError("deal id \(Quote.user(text(p, f))) appears again (first at \(Quote.escaped(ids.files[first.file])):\(first.line)); each deal belongs in the results once; \(fix)",
                    f, p, kind: "duplicate-id", fixes: first.file == fileIndex ? [] : ["results.deals.duplicates: last"])
        return false
    }

    /// Revenue to date in a row set aside (`results.unknown: note`): its share of what was
    /// read decides whether the note is a warning (SPEC §14.4).
    @inline(never)
    private mutating func setAside(_ amount: FieldParsers.Amount, on day: Day) {
        guard context.plan.results.unknown == .note, case .month(let m) = context.place(day), m >= 12 else { return }
        switch amount {
        case .nanos(let n): count.setAsideRevenue += Tally.decimal(n)
        case .exact(let d): count.setAsideRevenue += d
        }
    }

    /// Fills in the counts kept as arrays and integers while reading.
    mutating func finishNotes() {
        if firstDayKey <= lastDayKey {
            let first = Day(key: firstDayKey), last = Day(key: lastDayKey)
            if count.firstDate.map({ first < $0 }) ?? true { count.firstDate = first }
            if count.lastDate.map({ last > $0 }) ?? true { count.lastDate = last }
            firstDayKey = .max
            lastDayKey = .min
        }
        for (i, rows) in openStageRows.enumerated() where rows > 0 {
            count.openStages[tally.stageNames[i], default: 0] += rows
        }
        openStageRows = []
    }

    /// Adds a shard that read the rest of the same file, its lines shifted by `lines`.
    mutating func merge(_ other: inout RecordReader, lines: Int) {
        other.finishNotes()
        tally.merge(other.tally)
        diagnostics.append(contentsOf: other.diagnostics, shiftingLinesBy: lines)
        let o = other.count
        count.rows += o.rows
        count.blankLines += o.blankLines
        count.afterCutOff += o.afterCutOff
        count.older += o.older
        count.priorYear += o.priorYear
        count.earlierYears += o.earlierYears
        count.repeatedHeaders += o.repeatedHeaders.map { $0 + lines }
        for (value, occurrences) in o.unknownValues {
            var mine = count.unknownValues[value, default: DataNotes.Occurrences()]
            mine.count += occurrences.count
            mine.lines = Array((mine.lines + occurrences.lines.map { $0 + lines }).prefix(DataNotes.Occurrences.linesKept))
            count.unknownValues[value] = mine
        }
        count.unknownRowsNotListed += o.unknownRowsNotListed
        count.keepEarliestUnknownValues()
        count.unattributed += o.unattributed
        if count.footer == nil, let f = o.footer { count.footer = (f.line + lines, f.lines) }
        count.wonRows += o.wonRows
        count.lostRows += o.lostRows
        count.openOverdue += o.openOverdue
        count.openAfterYear += o.openAfterYear
        count.openWithoutDate += o.openWithoutDate
        count.rowsToDate += o.rowsToDate
        if let d = o.firstDate, count.firstDate.map({ d < $0 }) ?? true { count.firstDate = d }
        if let d = o.lastDate, count.lastDate.map({ d > $0 }) ?? true { count.lastDate = d }
        count.openWithoutAmount += o.openWithoutAmount
        count.createdAfterClose += o.createdAfterClose
        if count.categoryColumn == nil { count.categoryColumn = o.categoryColumn }
        for (value, theirs) in o.unmappedCategories {
            if var mine = count.unmappedCategories[value] {
                mine.deals += theirs.deals
                count.unmappedCategories[value] = mine
            } else {
                count.unmappedCategories[value] = (theirs.deals, theirs.line + lines, theirs.column)
            }
        }
        if count.createdAfterCloseAt == nil, let at = o.createdAfterCloseAt { count.createdAfterCloseAt = (at.line + lines, at.column) }
        count.supersededDeals += o.supersededDeals
        count.setAsideRevenue += o.setAsideRevenue
        count.closedStagesSeen.merge(o.closedStagesSeen) { mine, _ in mine }
        for (stage, n) in o.openStages { count.openStages[stage, default: 0] += n }
    }
}

/// Reads the records of one results file, or of one part of it when a big file is read on
/// two threads (see `RecordReader`, which holds the state). The reader is a value inside
/// this object: its per-row work runs in its own mutating methods, where the compiler checks
/// exclusive access statically (a class's stored properties cost a runtime check at every
/// access, which was most of what checked exclusivity cost the reading).
final class ResultsShard {
    /// Read and written for every row: behind its own pointer, not checked per access (`RowState`).
    private let readerState: RowState<RecordReader>
    private var reader: RecordReader {
        unsafeAddress { readerState.address }
        unsafeMutableAddress { readerState.pointer }
    }
    /// Called once the header has been read (the second thread starts then).
    var onForm: (() -> Void)?

    init(context: ReadingContext, file: String) { readerState = RowState(RecordReader(context: context, file: file)) }
    private init(_ reader: sending RecordReader) { readerState = RowState(reader) }
    deinit { readerState.release() }

    var context: ReadingContext { reader.context }
    var scanner: CSVScanner { reader.scanner }
    var tally: Tally { reader.tally }
    var form: ResultsForm? { reader.form }
    var diagnostics: Diagnostics { reader.diagnostics }
    var count: DataNotes.FileCount { reader.count }
    var fixedRegion: Int? {
        get { reader.fixedRegion }
        set { reader.fixedRegion = newValue }
    }
    var dealIds: DealIds? {
        get { reader.dealIds }
        set { reader.dealIds = newValue }
    }
    var fileIndex: Int {
        get { reader.fileIndex }
        set { reader.fileIndex = newValue }
    }
    var checksIdenticalRows: Bool { reader.checksIdenticalRows }
    var identicalRowCheckLimit: Int {
        get { reader.identicalRowCheckLimit }
        set { reader.identicalRowCheckLimit = newValue }
    }
    var carriesStateForward: Bool { reader.carriesStateForward }
    var isRefused: Bool { reader.isRefused }

    /// A shard for a later part of the same file: same form, fresh sums.
    func continuation() -> sending ResultsShard { ResultsShard(reader.continuation()) }

    func refuse() { reader.refuse() }
    func error(_ message: String, line: Int, column: Int) { reader.error(message, line: line, column: column) }
    func rowError(_ message: String, kind: String, line: Int, column: Int) { reader.rowError(message, kind: kind, line: line, column: column) }
    func column(of dimension: Tally.Dimension) -> String? { reader.column(of: dimension) }
    func finishNotes() { reader.finishNotes() }

    /// Adds a shard that read the rest of the same file, its lines shifted by `lines`.
    func merge(_ other: ResultsShard, lines: Int) { reader.merge(&other.reader, lines: lines) }

    /// Scans the records in `buffer[..<count]` (from the scanner's position). With
    /// `stopAt`, stops after the first record ending at or after that offset, counted from
    /// `base` (the buffer's offset in the file). Returns whether it stopped there.
    func scan(_ buffer: UnsafePointer<UInt8>, count n: Int, final: Bool, base: Int = 0, stopAt: Int? = nil) -> Bool {
        let scanner = reader.scanner
        while true {
            switch scanner.next(buffer, count: n, final: final) {
            case .needMore, .end:
                return false
            case .record:
                // Every row is read, even past the error limit: the closing count is the true total.
                if reader.read(buffer) { onForm?() }
                if let stopAt, base + scanner.recordEnd >= stopAt { return true }
            }
        }
    }
}

/// The deal ids read so far across a run's files, by the id as written (memory grows with
/// the deals only when an export maps `columns.id`). Keyed by the id itself, not a hash of
/// it: a hash once made ids 1000 and 10000 "the same deal".
final class DealIds {
    let keepsLast: Bool
    var files: [String] = []
    var seen: [String: (file: Int, line: Int)] = [:]
    /// Every deal's state, when the run compares two snapshots (SPEC §15.3).
    var snapshot: DealSnapshot?
    /// Read once per row, so the row does not touch the snapshot unless it is kept.
    let keepsSnapshot: Bool

    init(keepsLast: Bool, keepsSnapshot: Bool = false) {
        self.keepsLast = keepsLast
        self.keepsSnapshot = keepsSnapshot
        snapshot = keepsSnapshot ? DealSnapshot() : nil
    }
}
