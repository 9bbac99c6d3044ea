import GutcheckCore

/// The data notes as sentences, for the reports.
public enum DataNoteText {
    public static func lines(_ notes: DataNotes, region: RegionAnalysis? = nil, calendar: FiscalCalendar? = nil) -> [String] {
        var lines: [String] = []
        for f in notes.files {
            var parts = ["\(f.file): \(f.rows) rows read"]
            if f.priorYear > 0 { parts.append("\(f.priorYear) from the prior fiscal year") }
            if f.afterCutOff > 0 { parts.append("\(f.afterCutOff) after the cut-off ignored") }
            if f.older > 0 { parts.append("\(f.older) older than the prior year ignored") }
            if f.blankLines > 0 { parts.append("\(f.blankLines) blank lines skipped") }
            if !f.repeatedHeaders.isEmpty { parts.append("repeated header skipped at line \(list(f.repeatedHeaders))") }
            if f.unattributed > 0 { parts.append("\(f.unattributed) rows with no source (counted in their region only)") }
            if !f.ignoredColumns.isEmpty { parts.append("columns not used: \(f.ignoredColumns.joined(separator: ", "))") }
            for (value, count) in f.unknownValues.sorted(by: { $0.key < $1.key }) {
                parts.append("\(count) rows for unknown \(value) set aside")
            }
            if !f.identicalRows.isEmpty {
                let shown = f.identicalRows.prefix(5).map { "\($0.line) (same as \($0.firstLine))" }
                parts.append("\(f.identicalRows.count) rows identical to an earlier row, all counted — check lines \(shown.joined(separator: ", "))\(f.identicalRows.count > 5 ? ", …" : "")")
            }
            if let line = f.identicalRowCheckStoppedAt {
                parts.append("rows from line \(line) on were not checked for being identical to earlier ones")
            }
            lines.append(parts.joined(separator: "; ") + ".")
        }
        if let region, let calendar {
            let missing = missingMonths(region, fullMonths: calendar.fullMonths)
            if !missing.isEmpty { lines.append("No revenue rows for: \(missing.joined(separator: "; ")).") }
        }
        return lines
    }

    static func list(_ lines: [Int]) -> String {
        lines.prefix(5).map(String.init).joined(separator: ", ") + (lines.count > 5 ? ", …" : "")
    }

    /// Sources with elapsed months that have no revenue rows at all.
    static func missingMonths(_ region: RegionAnalysis, fullMonths: Int) -> [String] {
        region.sources.compactMap { s in
            let months = (0..<fullMonths).filter { s.revenue.monthlyActual[$0] == nil }
            return months.isEmpty ? nil : "\(s.source.name) (\(months.count) month\(months.count == 1 ? "" : "s"))"
        }
    }
}
