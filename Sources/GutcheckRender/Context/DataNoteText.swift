import GutcheckCore
import Foundation

/// The data notes as sentences, for the reports.
public enum DataNoteText {
    /// How a file is named: by its path (for `check`, which is about the files), or by the
    /// fiscal years its rows cover (for the reports: file names are configuration, not a
    /// director's word — SPEC §12.4).
    public enum Naming: Sendable {
        case path
        case fiscalYears(fiscalYear: Int, start: YearMonth)
    }

    public static func lines(_ notes: DataNotes, region: RegionAnalysis? = nil, files: Bool = true, naming: Naming = .path) -> [String] {
        var lines: [String] = []
        let names = fileNames(notes, naming)
        for (i, f) in notes.files.enumerated() where files {
            var parts = ["\(names[i]): \(count(f.rows, "row")) read"]
            if f.priorYear > 0 { parts.append("\(Money.plain(Decimal(f.priorYear))) from the prior fiscal year") }
            if f.earlierYears > 0 { parts.append("\(Money.plain(Decimal(f.earlierYears))) from earlier fiscal years (their revenue tests the forecast methods)") }
            if f.afterCutOff > 0 { parts.append("\(Money.plain(Decimal(f.afterCutOff))) after the cut-off ignored") }
            if f.older > 0 { parts.append("\(Money.plain(Decimal(f.older))) older than the years kept ignored") }
            if f.blankLines > 0 { parts.append("\(count(f.blankLines, "blank line")) skipped") }
            if !f.repeatedHeaders.isEmpty { parts.append("repeated header skipped at line \(list(f.repeatedHeaders))") }
            if f.unattributed > 0 { parts.append("\(count(f.unattributed, "row")) with no source (counted in their region only)") }
            if !f.ignoredColumns.isEmpty { parts.append("columns not used: \(f.ignoredColumns.joined(separator: ", "))") }
            // Up to ten values by name; past that the ten with most rows, and the rest counted.
            let shownValues = f.unknownValues.count <= 10 && f.unknownRowsNotListed == 0
                ? f.unknownValues.sorted { $0.key < $1.key }
                : Array(f.unknownValues.sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }.prefix(10))
            for (value, seen) in shownValues {
                parts.append("\(seen.count) row\(seen.count == 1 ? "" : "s") for unknown \(value) set aside (line \(list(seen.lines))\(seen.count > seen.lines.count ? ", …" : ""))")
            }
            let otherValues = f.unknownValues.count - shownValues.count
            let otherRows = f.unknownValues.values.reduce(0) { $0 + $1.count } - shownValues.reduce(0) { $0 + $1.value.count } + f.unknownRowsNotListed
            if otherRows > 0 {
                let values = f.unknownRowsNotListed > 0 ? "more than \(Money.plain(Decimal(otherValues))) other unknown values" : "\(Money.plain(Decimal(otherValues))) other unknown values"
                parts.append("\(count(otherRows, "row")) for \(values) set aside")
            }
            if f.wonRows + f.lostRows > 0 || !f.openStages.isEmpty {
                let open = f.openStages.values.reduce(0, +)
                var deals = "deals: \(Money.plain(Decimal(f.wonRows))) won, \(Money.plain(Decimal(f.lostRows))) lost, \(Money.plain(Decimal(open))) open"
                if !f.openStages.isEmpty {
                    deals += " (" + f.openStages.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + ")"
                }
                parts.append(deals)
            }
            if f.openOverdue + f.openAfterYear + f.openWithoutDate > 0 {
                let outside = [f.openOverdue > 0 ? "\(f.openOverdue) dated on or before the cut-off" : nil,
                               f.openAfterYear > 0 ? "\(f.openAfterYear) after the fiscal year" : nil,
                               f.openWithoutDate > 0 ? "\(f.openWithoutDate) with no close date" : nil].compactMap { $0 }
                parts.append("open deals not in the pipeline forecast: \(outside.joined(separator: ", "))")
            }
            if f.openWithoutAmount > 0 {
                parts.append("\(count(f.openWithoutAmount, "open deal")) with no amount (counted as deals, not as dollars)")
            }
            if f.supersededDeals > 0 {
                parts.append("\(count(f.supersededDeals, "deal")) read from a later file instead, which carries the same deal id")
            }
            if let footer = f.footer {
                parts.append("report footer skipped (\(footer.lines) line\(footer.lines == 1 ? "" : "s") from line \(footer.line))")
            }
            if !f.identicalRows.isEmpty {
                let shown = f.identicalRows.prefix(5).map { "\($0.line) (same as \($0.firstLine))" }
                parts.append("\(count(f.identicalRows.count, "row")) identical to an earlier row, all counted — check lines \(shown.joined(separator: ", "))\(f.identicalRows.count > 5 ? ", …" : "")")
            }
            if let line = f.identicalRowCheckStoppedAt {
                parts.append("rows from line \(line) on were not checked for being identical to earlier ones")
            }
            lines.append(parts.joined(separator: "; ") + ".")
        }
        let missing = notes.missingMonths.filter { region == nil || $0.region == region!.region.id }
        if !missing.isEmpty {
            let shown = missing.prefix(8).map { m -> String in
                let name = region?.sources.first { $0.source.id == m.source }?.source.name ?? "\(m.region) / \(m.source)"
                return "\(name) (\(m.months.map { "\(Charts.monthNames[$0.month - 1]) \($0.year)" }.joined(separator: ", ")))"
            }
            lines.append("No rows at all for: \(shown.joined(separator: "; "))\(missing.count > 8 ? "; and \(missing.count - 8) more" : "").")
        }
        return lines
    }

    /// Each file's name under `naming`: its path, or "FY2022–FY2024 results" / "FY2026 deal
    /// export" (numbered where
    /// two files cover the same years; "results file 2" where a file has no dated rows).
    public static func fileNames(_ notes: DataNotes, _ naming: Naming) -> [String] {
        guard case .fiscalYears(let fiscalYear, let start) = naming else { return notes.files.map(\.file) }
        func year(_ d: Day) -> Int { Self.fiscalYear(of: d, fiscalYear: fiscalYear, start: start) }
        let spans = notes.files.enumerated().map { i, f -> String in
            guard let first = f.firstDate, let last = f.lastDate else { return "results file \(i + 1)" }
            let (a, b) = (year(first), year(last))
            let kind = f.wonRows + f.lostRows > 0 || !f.openStages.isEmpty ? "deal export" : "results"
            return a == b ? "FY\(a) \(kind)" : "FY\(a)–FY\(b) \(kind)"
        }
        var seen: [String: Int] = [:]
        for s in spans { seen[s, default: 0] += 1 }
        var numbered: [String: Int] = [:]
        return spans.map { s in
            guard seen[s]! > 1, !s.hasPrefix("results file") else { return s }
            numbered[s, default: 0] += 1
            return "\(s) (file \(numbered[s]!) of \(seen[s]!))"
        }
    }

    /// The years the files cover, for a one-line summary ("FY2022–FY2026").
    public static func span(_ notes: DataNotes, fiscalYear: Int, start: YearMonth) -> String? {
        let days = notes.files.flatMap { [$0.firstDate, $0.lastDate].compactMap { $0 } }
        guard let first = days.min(), let last = days.max() else { return nil }
        func year(_ d: Day) -> Int { Self.fiscalYear(of: d, fiscalYear: fiscalYear, start: start) }
        return year(first) == year(last) ? "FY\(year(first))" : "FY\(year(first))–FY\(year(last))"
    }

    /// The fiscal year a day falls in, counted from this year's (`fiscalYear`, starting `start`).
    static func fiscalYear(of d: Day, fiscalYear: Int, start: YearMonth) -> Int {
        let months = (d.year - start.year) * 12 + d.month - start.month
        return fiscalYear + (months >= 0 ? months / 12 : -((11 - months) / 12))
    }

    static func count(_ n: Int, _ noun: String) -> String {
        "\(Money.plain(Decimal(n))) \(noun)\(n == 1 ? "" : "s")"
    }

    static func list(_ lines: [Int]) -> String {
        lines.prefix(5).map(String.init).joined(separator: ", ") + (lines.count > 5 ? ", …" : "")
    }
}
