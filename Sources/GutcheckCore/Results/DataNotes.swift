/// What the reader noticed about the data that is not an error: rows skipped or set aside,
/// and why. Shown in `check`, in the report's "Data notes" and in `summary.json`.
public struct DataNotes: Sendable {
    public struct FileCount: Sendable {
        public var file: String
        public var rows = 0
        public var blankLines = 0
        public var afterCutOff = 0
        public var older = 0
        public var priorYear = 0
        public var repeatedHeaders: [Int] = []
        public var ignoredColumns: [String] = []
        /// Rows whose region or source is not in the plan, when `results.unknown: note`.
        public var unknownValues: [String: Int] = [:]
        /// Rows with an empty source: counted in their region's totals only.
        public var unattributed = 0
        /// Lines of rows identical to an earlier row (all are counted, SPEC §8.3).
        public var identicalRows: [(line: Int, firstLine: Int)] = []
        /// The line from which rows were no longer remembered for the identical-row check.
        public var identicalRowCheckStoppedAt: Int?
    }

    public var files: [FileCount] = []
    public init() {}

    public var afterCutOff: Int { files.reduce(0) { $0 + $1.afterCutOff } }
    public var older: Int { files.reduce(0) { $0 + $1.older } }
    public var rows: Int { files.reduce(0) { $0 + $1.rows } }
}
