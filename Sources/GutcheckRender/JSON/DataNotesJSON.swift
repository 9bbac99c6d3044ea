import Foundation
import GutcheckCore

/// `data_notes` of summary.json, written and read back (`gutcheck rollup` shows a shard's
/// notes in the roll-up).
enum DataNotesJSON {
    static func write(_ n: DataNotes) -> JSONValue {
        .object([
            ("rows", .int(n.rows)), ("after_cut_off", .int(n.afterCutOff)), ("older_than_prior_year", .int(n.older)),
            ("files", .array(n.files.map(file))),
            ("missing_months", .array(n.missingMonths.map { m in
                .object([("region", .string(m.region)), ("source", .string(m.source)),
                         ("months", .array(m.months.map { .string($0.description) }))])
            })),
        ])
    }

    static func file(_ f: DataNotes.FileCount) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("file", .string(f.file)), ("rows", .int(f.rows)), ("prior_year_rows", .int(f.priorYear)), ("earlier_year_rows", .int(f.earlierYears)),
            ("after_cut_off", .int(f.afterCutOff)), ("older_than_prior_year", .int(f.older)),
            ("blank_lines", .int(f.blankLines)), ("repeated_header_lines", .array(f.repeatedHeaders.map { .int($0) })),
            ("identical_rows", .array(f.identicalRows.map { .object([("line", .int($0.line)), ("same_as_line", .int($0.firstLine))]) })),
            ("identical_row_check_stopped_at_line", f.identicalRowCheckStoppedAt.map { .int($0) } ?? .null),
            ("unattributed_rows", .int(f.unattributed)),
            ("unknown_values", .object(f.unknownValues.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value.count)) })),
            ("unknown_value_lines", .object(f.unknownValues.sorted { $0.key < $1.key }.map { ($0.key, .array($0.value.lines.map { .int($0) })) })),
            ("ignored_columns", .array(f.ignoredColumns.map { .string($0) })),
            ("form", .string(f.form)), ("encoding", .string(f.encoding)),
            ("footer", f.footer.map { .object([("line", .int($0.line)), ("lines", .int($0.lines))]) } ?? .null),
            ("won_rows", .int(f.wonRows)), ("lost_rows", .int(f.lostRows)),
            ("open_stages", .object(f.openStages.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
            ("open_deals_overdue", .int(f.openOverdue)), ("open_deals_after_year", .int(f.openAfterYear)),
            ("open_deals_without_date", .int(f.openWithoutDate)), ("open_deals_without_amount", .int(f.openWithoutAmount)),
            ("stage_column", .text(f.stageColumn)), ("rows_to_date", .int(f.rowsToDate)),
            ("first_date", .text(f.firstDate?.description)), ("last_date", .text(f.lastDate?.description))
        ]
        // Only where values were counted but not listed (past DataNotes.unknownValuesKept).
        if f.unknownRowsNotListed > 0 {
            let at = fields.firstIndex { $0.0 == "unknown_value_lines" }! + 1
            fields.insert(("unknown_rows_not_listed", .int(f.unknownRowsNotListed)), at: at)
        }
        if f.supersededDeals > 0 { fields.append(("superseded_deals", .int(f.supersededDeals))) }
        if f.setAsideRevenue > 0 { fields.append(("set_aside_revenue", .money(f.setAsideRevenue))) }
        return .object(fields)
    }

    static func read(_ value: JSONValue?) throws(RollupJSON.Damaged) -> DataNotes {
        func fail(_ path: String) -> RollupJSON.Damaged { RollupJSON.Damaged(path: "data_notes.\(path)") }
        func int(_ v: JSONValue?, _ path: String) throws(RollupJSON.Damaged) -> Int {
            guard case .number(let text)? = v, let n = Int(text) else { throw fail(path) }
            return n
        }
        func ints(_ v: JSONValue?, _ path: String) throws(RollupJSON.Damaged) -> [Int] {
            guard case .array(let items)? = v else { throw fail(path) }
            var out: [Int] = []
            for item in items { out.append(try int(item, path)) }
            return out
        }
        func pairs(_ v: JSONValue?, _ path: String) throws(RollupJSON.Damaged) -> [(String, JSONValue)] {
            guard case .object(let p)? = v else { throw fail(path) }
            return p
        }
        guard let value else { throw fail("") }
        var notes = DataNotes()
        guard case .array(let files)? = value["files"] else { throw fail("files") }
        for f in files {
            guard let name = f["file"]?.string else { throw fail("files[].file") }
            var c = DataNotes.FileCount(file: name)
            c.rows = try int(f["rows"], "rows")
            c.priorYear = try int(f["prior_year_rows"], "prior_year_rows")
            c.earlierYears = try int(f["earlier_year_rows"], "earlier_year_rows")
            c.afterCutOff = try int(f["after_cut_off"], "after_cut_off")
            c.older = try int(f["older_than_prior_year"], "older_than_prior_year")
            c.blankLines = try int(f["blank_lines"], "blank_lines")
            c.repeatedHeaders = try ints(f["repeated_header_lines"], "repeated_header_lines")
            guard case .array(let identical)? = f["identical_rows"] else { throw fail("identical_rows") }
            for row in identical {
                c.identicalRows.append((try int(row["line"], "identical_rows"), try int(row["same_as_line"], "identical_rows")))
            }
            if let stopped = f["identical_row_check_stopped_at_line"], stopped != .null {
                c.identicalRowCheckStoppedAt = try int(stopped, "identical_row_check_stopped_at_line")
            }
            c.unattributed = try int(f["unattributed_rows"], "unattributed_rows")
            let lines = try pairs(f["unknown_value_lines"], "unknown_value_lines")
            for (key, count) in try pairs(f["unknown_values"], "unknown_values") {
                var seen = DataNotes.Occurrences()
                seen.count = try int(count, "unknown_values")
                seen.lines = try ints(lines.first { $0.0 == key }?.1, "unknown_value_lines")
                c.unknownValues[key] = seen
            }
            if let notListed = f["unknown_rows_not_listed"] { c.unknownRowsNotListed = try int(notListed, "unknown_rows_not_listed") }
            guard case .array(let ignored)? = f["ignored_columns"] else { throw fail("ignored_columns") }
            c.ignoredColumns = ignored.compactMap(\.string)
            guard let form = f["form"]?.string, let encoding = f["encoding"]?.string else { throw fail("form") }
            c.form = form
            c.encoding = encoding
            if let footer = f["footer"], footer != .null {
                c.footer = (try int(footer["line"], "footer"), try int(footer["lines"], "footer"))
            }
            c.wonRows = try int(f["won_rows"], "won_rows")
            c.lostRows = try int(f["lost_rows"], "lost_rows")
            for (stage, count) in try pairs(f["open_stages"], "open_stages") { c.openStages[stage] = try int(count, "open_stages") }
            c.openOverdue = try int(f["open_deals_overdue"], "open_deals_overdue")
            c.openAfterYear = try int(f["open_deals_after_year"], "open_deals_after_year")
            c.openWithoutDate = try int(f["open_deals_without_date"], "open_deals_without_date")
            c.openWithoutAmount = try int(f["open_deals_without_amount"], "open_deals_without_amount")
            c.stageColumn = f["stage_column"]?.string
            c.rowsToDate = try int(f["rows_to_date"], "rows_to_date")
            c.firstDate = f["first_date"]?.string.flatMap { Day(iso: $0) }
            c.lastDate = f["last_date"]?.string.flatMap { Day(iso: $0) }
            if let superseded = f["superseded_deals"] { c.supersededDeals = try int(superseded, "superseded_deals") }
            if case .number(let text)? = f["set_aside_revenue"] { c.setAsideRevenue = Decimal(string: text) ?? 0 }
            notes.files.append(c)
        }
        guard case .array(let missing)? = value["missing_months"] else { throw fail("missing_months") }
        for m in missing {
            guard let region = m["region"]?.string, let source = m["source"]?.string, case .array(let months)? = m["months"] else {
                throw fail("missing_months")
            }
            var list: [YearMonth] = []
            for month in months {
                guard let text = month.string, let ym = YearMonth(iso: text) else { throw fail("missing_months") }
                list.append(ym)
            }
            notes.missingMonths.append(.init(region: region, source: source, months: list))
        }
        return notes
    }
}
