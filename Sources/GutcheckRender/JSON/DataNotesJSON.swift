import Foundation
import GutcheckCore

/// `data_notes` of summary.json, written and read back through one model (`gutcheck rollup`
/// shows a shard's notes in the roll-up; `--compare` tells new notes from resolved ones).
struct DataNotesJSON: Codable {
    struct Identical: Codable {
        var line: Int
        var sameAsLine: Int
        enum CodingKeys: String, CodingKey { case line, sameAsLine = "same_as_line" }
    }

    struct Footer: Codable {
        var line: Int
        var lines: Int
    }

    struct File: Codable {
        var file: String
        var rows: Int
        var priorYearRows: Int
        var earlierYearRows: Int
        var afterCutOff: Int
        var olderThanPriorYear: Int
        var blankLines: Int
        var repeatedHeaderLines: [Int]
        var identicalRows: [Identical]
        var identicalRowCheckStoppedAtLine: Int?
        var unattributedRows: Int
        var unknownValues: KeyedList<Int>
        var unknownValueLines: KeyedList<[Int]>
        /// Only where values were counted but not listed (past `DataNotes.unknownValuesKept`).
        var unknownRowsNotListed: OmittedIfNil<Int>
        var ignoredColumns: [String]
        var form: String
        var encoding: String
        var footer: Footer?
        var wonRows: Int
        var lostRows: Int
        var openStages: KeyedList<Int>
        var openDealsOverdue: Int
        var openDealsAfterYear: Int
        var openDealsWithoutDate: Int
        var openDealsWithoutAmount: Int
        var stageColumn: String?
        var rowsToDate: Int
        var firstDate: Day?
        var lastDate: Day?
        var supersededDeals: OmittedIfNil<Int>
        var setAsideRevenue: OmittedIfNil<Cents>

        enum CodingKeys: String, CodingKey {
            case file, rows, priorYearRows = "prior_year_rows", earlierYearRows = "earlier_year_rows", afterCutOff = "after_cut_off"
            case olderThanPriorYear = "older_than_prior_year", blankLines = "blank_lines", repeatedHeaderLines = "repeated_header_lines"
            case identicalRows = "identical_rows", identicalRowCheckStoppedAtLine = "identical_row_check_stopped_at_line"
            case unattributedRows = "unattributed_rows", unknownValues = "unknown_values", unknownValueLines = "unknown_value_lines"
            case unknownRowsNotListed = "unknown_rows_not_listed", ignoredColumns = "ignored_columns", form, encoding, footer
            case wonRows = "won_rows", lostRows = "lost_rows", openStages = "open_stages", openDealsOverdue = "open_deals_overdue"
            case openDealsAfterYear = "open_deals_after_year", openDealsWithoutDate = "open_deals_without_date"
            case openDealsWithoutAmount = "open_deals_without_amount", stageColumn = "stage_column", rowsToDate = "rows_to_date"
            case firstDate = "first_date", lastDate = "last_date", supersededDeals = "superseded_deals", setAsideRevenue = "set_aside_revenue"
        }

        init(_ f: DataNotes.FileCount) {
            file = f.file
            rows = f.rows
            priorYearRows = f.priorYear
            earlierYearRows = f.earlierYears
            afterCutOff = f.afterCutOff
            olderThanPriorYear = f.older
            blankLines = f.blankLines
            repeatedHeaderLines = f.repeatedHeaders
            identicalRows = f.identicalRows.map { Identical(line: $0.line, sameAsLine: $0.firstLine) }
            identicalRowCheckStoppedAtLine = f.identicalRowCheckStoppedAt
            unattributedRows = f.unattributed
            unknownValues = KeyedList(sorting: f.unknownValues.mapValues(\.count))
            unknownValueLines = KeyedList(sorting: f.unknownValues.mapValues(\.lines))
            unknownRowsNotListed = .init(f.unknownRowsNotListed > 0 ? f.unknownRowsNotListed : nil)
            ignoredColumns = f.ignoredColumns
            form = f.form
            encoding = f.encoding
            footer = f.footer.map { Footer(line: $0.line, lines: $0.lines) }
            wonRows = f.wonRows
            lostRows = f.lostRows
            openStages = KeyedList(sorting: f.openStages)
            openDealsOverdue = f.openOverdue
            openDealsAfterYear = f.openAfterYear
            openDealsWithoutDate = f.openWithoutDate
            openDealsWithoutAmount = f.openWithoutAmount
            stageColumn = f.stageColumn
            rowsToDate = f.rowsToDate
            firstDate = f.firstDate
            lastDate = f.lastDate
            supersededDeals = .init(f.supersededDeals > 0 ? f.supersededDeals : nil)
            setAsideRevenue = .init(f.setAsideRevenue > 0 ? Cents(f.setAsideRevenue) : nil)
        }

        var fileCount: DataNotes.FileCount {
            var c = DataNotes.FileCount(file: file)
            c.rows = rows
            c.priorYear = priorYearRows
            c.earlierYears = earlierYearRows
            c.afterCutOff = afterCutOff
            c.older = olderThanPriorYear
            c.blankLines = blankLines
            c.repeatedHeaders = repeatedHeaderLines
            c.identicalRows = identicalRows.map { ($0.line, $0.sameAsLine) }
            c.identicalRowCheckStoppedAt = identicalRowCheckStoppedAtLine
            c.unattributed = unattributedRows
            let lines = unknownValueLines.dictionary
            for (value, count) in unknownValues.pairs { c.unknownValues[value] = DataNotes.Occurrences(count: count, lines: lines[value] ?? []) }
            c.unknownRowsNotListed = unknownRowsNotListed.value ?? 0
            c.ignoredColumns = ignoredColumns
            c.form = form
            c.encoding = encoding
            c.footer = footer.map { ($0.line, $0.lines) }
            c.wonRows = wonRows
            c.lostRows = lostRows
            c.openStages = openStages.dictionary
            c.openOverdue = openDealsOverdue
            c.openAfterYear = openDealsAfterYear
            c.openWithoutDate = openDealsWithoutDate
            c.openWithoutAmount = openDealsWithoutAmount
            c.stageColumn = stageColumn
            c.rowsToDate = rowsToDate
            c.firstDate = firstDate
            c.lastDate = lastDate
            c.supersededDeals = supersededDeals.value ?? 0
            c.setAsideRevenue = setAsideRevenue.value?.value ?? 0
            return c
        }
    }

    struct MissingMonths: Codable {
        var region: Region.ID
        var source: Source.ID
        var months: [YearMonth]
    }

    /// Totals over the files (written for readers; read back from the files).
    var rows: Int
    var afterCutOff: Int
    var olderThanPriorYear: Int
    var files: [File]
    var missingMonths: [MissingMonths]

    enum CodingKeys: String, CodingKey {
        case rows, afterCutOff = "after_cut_off", olderThanPriorYear = "older_than_prior_year", files, missingMonths = "missing_months"
    }

    init(_ n: DataNotes) {
        rows = n.rows
        afterCutOff = n.afterCutOff
        olderThanPriorYear = n.older
        files = n.files.map(File.init)
        missingMonths = n.missingMonths.map { MissingMonths(region: $0.region, source: $0.source, months: $0.months) }
    }

    var notes: DataNotes {
        var notes = DataNotes()
        notes.files = files.map(\.fileCount)
        notes.missingMonths = missingMonths.map { .init(region: $0.region, source: $0.source, months: $0.months) }
        return notes
    }

    static func write(_ n: DataNotes) -> JSONValue { JSONModel.encode(DataNotesJSON(n)) }

    static func read(_ value: JSONValue?) throws(JSONModel.Damaged) -> DataNotes {
        try JSONModel.decode(DataNotesJSON.self, from: value, at: "data_notes").notes
    }
}
