import Foundation

/// What the reader noticed about the data that is not an error: rows skipped or set aside,
/// and why. Shown in `check`, in the report's "Data notes" and in `summary.json`.
public struct DataNotes: Sendable {
    /// The share of the revenue read to date that sat in rows set aside for an unknown
    /// region or source, when above `setAsideWarningShare` (SPEC §14.4); `counted` is the
    /// revenue the figures hold.
    public func setAsideShare(counted: Decimal) -> Double? {
        let aside = files.reduce(Decimal(0)) { $0 + $1.setAsideRevenue }
        guard aside > 0, aside + counted > 0 else { return nil }
        let share = (aside / (aside + counted)).double
        return share > Self.setAsideWarningShare ? share : nil
    }

    public static let setAsideWarningShare = 0.05

    /// The unknown values with the most rows, as "region 'x' (120 rows)".
    public func topUnknownValues(_ n: Int) -> [String] {
        var rows: [String: Int] = [:]
        for f in files { for (value, seen) in f.unknownValues { rows[value, default: 0] += seen.count } }
        return rows.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(n).map { "\($0.key) (\($0.value) row\($0.value == 1 ? "" : "s"))" }
    }

    public struct FileCount: Sendable {
        public var file: String
        /// `metric` or `deal`: how the file was read (told apart by its header).
        public var form = ""
        public var encoding = "utf-8"
        public var rows = 0
        public var blankLines = 0
        public var afterCutOff = 0
        public var older = 0
        public var priorYear = 0
        /// Rows of the three fiscal years before the prior one: their revenue tests the
        /// forecast methods (SPEC §13.1).
        public var earlierYears = 0
        public var repeatedHeaders: [Int] = []
        public var ignoredColumns: [String] = []
        /// Rows whose region or source is not in the plan, when `results.unknown: note`:
        /// per value, the count and the first few lines.
        public var unknownValues: [String: Occurrences] = [:]
        /// Rows set aside whose value came after the first `unknownValuesKept` distinct ones:
        /// counted, not listed, so 2M distinct unknown regions cost no more than a thousand.
        public var unknownRowsNotListed = 0
        public static let unknownValuesKept = 1_000

        mutating func setAside(_ value: String, line: Int) {
            if unknownValues[value] == nil && unknownValues.count >= Self.unknownValuesKept {
                unknownRowsNotListed += 1
            } else {
                unknownValues[value, default: Occurrences()].add(line: line)
            }
        }

        /// After merging a shard: the values first seen earliest are kept, the rest counted.
        mutating func keepEarliestUnknownValues() {
            guard unknownValues.count > Self.unknownValuesKept else { return }
            let byFirstLine = unknownValues.sorted { ($0.value.lines.first ?? .max, $0.key) < ($1.value.lines.first ?? .max, $1.key) }
            for (value, seen) in byFirstLine.dropFirst(Self.unknownValuesKept) {
                unknownRowsNotListed += seen.count
                unknownValues[value] = nil
            }
        }
        /// Rows with an empty source: counted in their region's totals only.
        public var unattributed = 0
        /// Lines of rows identical to an earlier row (all are counted, SPEC §8.3).
        public var identicalRows: [(line: Int, firstLine: Int)] = []
        /// The line from which rows were no longer remembered for the identical-row check.
        public var identicalRowCheckStoppedAt: Int?
        /// A report footer (Salesforce "Grand Totals", "Copyright", …): first line, lines.
        public var footer: (line: Int, lines: Int)?
        /// Deal exports: rows by outcome, and open-stage values with their counts (so a
        /// misspelt won or lost stage shows up here).
        public var wonRows = 0
        public var lostRows = 0
        public var openStages: [String: Int] = [:]
        /// Open deals not in the pipeline forecast: dated on or before the cut-off (their
        /// close date has passed), or after the fiscal year.
        public var openOverdue = 0
        public var openAfterYear = 0
        /// The earliest and latest date of the rows read as actuals (metric rows, won and lost
        /// deals), wherever they fall: what "no rows in the fiscal year" reports.
        public var firstDate: Day?
        public var lastDate: Day?
        /// The stage column's header, when a deal export has one.
        public var stageColumn: String?
        /// Rows counted in the fiscal year to date.
        public var rowsToDate = 0
        /// Open deals with no close date (not in the pipeline forecast), or no amount (counted as 0).
        public var openWithoutDate = 0
        public var openWithoutAmount = 0
        /// Open deals created after their close date (SPEC §15.2's warning), and where the first is.
        public var createdAfterClose = 0
        public var createdAfterCloseAt: (line: Int, column: Int)?
        /// Forecast category values no list of `results.deals.categories` holds: deals and the
        /// first place, by the value as written (SPEC §15.1: an error listing them).
        public var unmappedCategories: [String: (deals: Int, line: Int, column: Int)] = [:]
        /// The forecast category column's header, when mapped.
        public var categoryColumn: String?
        /// Revenue to date in rows set aside for an unknown region or source.
        public var setAsideRevenue: Decimal = 0
        /// Won and lost stage values met, by stage key, as first written.
        public var closedStagesSeen: [String: String] = [:]
        /// Deal rows whose id a later file carries too, read from there (`duplicates: last`).
        public var supersededDeals = 0

        public init(file: String) { self.file = file }
    }

    public struct Occurrences: Sendable, Equatable {
        public var count = 0
        public var lines: [Int] = []
        public static let linesKept = 5
        public init(count: Int = 0, lines: [Int] = []) {
            self.count = count
            self.lines = lines
        }
        mutating func add(line: Int) {
            count += 1
            if lines.count < Self.linesKept { lines.append(line) }
        }
    }

    /// A region × source with no rows at all in some months up to the cut-off.
    public struct MissingMonths: Sendable, Equatable {
        public var region: Region.ID
        public var source: Source.ID
        public var months: [YearMonth]

        public init(region: Region.ID, source: Source.ID, months: [YearMonth]) {
            self.region = region
            self.source = source
            self.months = months
        }
    }

    public var files: [FileCount] = []
    public var missingMonths: [MissingMonths] = []
    public init() {}

    public var afterCutOff: Int { files.reduce(0) { $0 + $1.afterCutOff } }
    public var older: Int { files.reduce(0) { $0 + $1.older } }
    public var rows: Int { files.reduce(0) { $0 + $1.rows } }
}
