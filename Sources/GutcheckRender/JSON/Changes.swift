import Foundation
import GutcheckCore

/// What changed since a previous report (`--compare PREVIOUS/summary.json`): attainment and
/// gap deltas and status changes for the totals and each region, and data notes that are
/// new or resolved. Both sides are read from the same summary.json shape — the previous
/// one as given, the current one as this run writes it — so they compare like for like.
public struct Changes: Sendable {
    public struct Delta: Sendable, Equatable {
        public var previousAttainment: Double?
        public var attainment: Double?
        public var previousGap: Decimal?
        public var gap: Decimal?
        public var previousStatus: String?
        public var status: String?

        /// Percentage points.
        public var attainmentChange: Double? {
            guard let a = attainment, let p = previousAttainment else { return nil }
            return (a - p) * 100
        }
        public var gapChange: Decimal? {
            guard let g = gap, let p = previousGap else { return nil }
            return g - p
        }
        public var statusChanged: Bool { previousStatus != status }
    }

    public struct RegionChange: Sendable {
        public var id: String
        public var name: String
        /// nil when the region was not in the previous report.
        public var revenue: Delta?
        public var profit: Delta?
    }

    public var previousAsOf: String?
    public var revenue: Delta?
    public var profit: Delta?
    public var regions: [RegionChange] = []
    public var newNotes: [String] = []
    public var resolvedNotes: [String] = []

    public struct ReadError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Compares this run with a previous summary.json's bytes.
    public static func compare(_ company: CompanyAnalysis, previous bytes: [UInt8], version: String) throws(ReadError) -> Changes {
        try compare(current: Summary.json(company, version: version), previous: bytes)
    }

    /// Compares a summary (this run's, or the roll-up's of shards) with a previous one.
    public static func compare(current summary: JSONValue, previous bytes: [UInt8]) throws(ReadError) -> Changes {
        guard let previous = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any],
            previous["schema"] as? Int == Summary.schemaVersion
        else {
            throw ReadError(description: "is not a gutcheck summary.json (schema \(Summary.schemaVersion))")
        }
        let current = (try? JSONSerialization.jsonObject(with: Data(summary.serialized().utf8))) as? [String: Any] ?? [:]
        var changes = Changes()
        changes.previousAsOf = previous["as_of"] as? String
        func measure(_ root: [String: Any]?, _ name: String) -> [String: Any]? { root?[name] as? [String: Any] }
        func delta(_ now: [String: Any]?, _ before: [String: Any]?) -> Delta? {
            guard let now, let before else { return nil }
            return Delta(previousAttainment: (before["attainment"] as? NSNumber)?.doubleValue,
                         attainment: (now["attainment"] as? NSNumber)?.doubleValue,
                         previousGap: money(before["gap"]), gap: money(now["gap"]),
                         previousStatus: before["status"] as? String, status: now["status"] as? String)
        }
        let totalsNow = current["totals"] as? [String: Any]
        let totalsBefore = previous["totals"] as? [String: Any]
        changes.revenue = delta(measure(totalsNow, "revenue"), measure(totalsBefore, "revenue"))
        changes.profit = delta(measure(totalsNow, "profit"), measure(totalsBefore, "profit"))
        let before = Dictionary(((previous["regions"] as? [[String: Any]]) ?? []).compactMap { r in (r["id"] as? String).map { ($0, r) } },
                                uniquingKeysWith: { a, _ in a })
        for region in (current["regions"] as? [[String: Any]]) ?? [] {
            guard let id = region["id"] as? String else { continue }
            let old = before[id]
            changes.regions.append(RegionChange(
                id: id, name: region["name"] as? String ?? id,
                revenue: delta(measure(region, "revenue"), measure(old, "revenue")),
                profit: delta(measure(region, "profit"), measure(old, "profit"))))
        }
        let notesNow = noteKeys(current["data_notes"] as? [String: Any])
        let notesBefore = noteKeys(previous["data_notes"] as? [String: Any])
        changes.newNotes = notesNow.subtracting(notesBefore).sorted()
        changes.resolvedNotes = notesBefore.subtracting(notesNow).sorted()
        return changes
    }

    /// The JSON number's text as an exact decimal (JSONSerialization hands back doubles).
    private static func money(_ value: Any?) -> Decimal? {
        guard let n = value as? NSNumber else { return nil }
        return Decimal(exactly: n.doubleValue, places: 2)
    }

    /// Data notes that can appear or go away between runs, as sentences. Counts that
    /// change with every data commit (rows read, prior-year rows) are not notes here.
    static func noteKeys(_ notes: [String: Any]?) -> Set<String> {
        var keys: Set<String> = []
        for m in (notes?["missing_months"] as? [[String: Any]]) ?? [] {
            let region = m["region"] as? String ?? "?", source = m["source"] as? String ?? "?"
            for month in (m["months"] as? [String]) ?? [] { keys.insert("no rows for \(region) / \(source) in \(month)") }
        }
        for f in (notes?["files"] as? [[String: Any]]) ?? [] {
            let file = (f["file"] as? String).map { ($0 as NSString).lastPathComponent } ?? "?"
            for value in ((f["unknown_values"] as? [String: Any]) ?? [:]).keys { keys.insert("rows for unknown \(value) in \(file)") }
            if !((f["identical_rows"] as? [Any]) ?? []).isEmpty { keys.insert("identical rows in \(file)") }
            if !((f["repeated_header_lines"] as? [Any]) ?? []).isEmpty { keys.insert("a repeated header in \(file)") }
            if f["footer"] is [String: Any] { keys.insert("a report footer in \(file)") }
        }
        return keys
    }

    // MARK: Output

    func json(_ d: Delta?) -> JSONValue {
        guard let d else { return .null }
        return .object([
            ("previous_attainment", .ratio(d.previousAttainment)), ("attainment_change_points", .ratio(d.attainmentChange)),
            ("previous_gap", .money(d.previousGap)), ("gap_change", .money(d.gapChange)),
            ("previous_status", .text(d.previousStatus)), ("status_changed", .bool(d.statusChanged)),
        ])
    }

    public var json: JSONValue {
        .object([
            ("previous_as_of", .text(previousAsOf)),
            ("totals", .object([("revenue", json(revenue)), ("profit", json(profit))])),
            ("regions", .array(regions.map { r in
                .object([("id", .string(r.id)), ("new", .bool(r.revenue == nil)), ("revenue", json(r.revenue)), ("profit", json(r.profit))])
            })),
            ("new_data_notes", .array(newNotes.map { .string($0) })),
            ("resolved_data_notes", .array(resolvedNotes.map { .string($0) })),
        ])
    }
}

/// The changes as sentences for the templates (`changes` in the context).
enum ChangesText {
    static func line(_ label: String, _ d: Changes.Delta) -> String {
        let points = d.attainmentChange.map { String(format: "%+.1f pts", $0).replacingOccurrences(of: "-", with: "−") } ?? "—"
        let gap = d.gapChange.map { "\(Money.signed($0))" } ?? "—"
        let status = d.statusChanged
            ? "status \(Wording.status(d.previousStatus.flatMap(Status.init))) → \(Wording.status(d.status.flatMap(Status.init)))"
            : "status unchanged (\(Wording.status(d.status.flatMap(Status.init))))"
        return "\(label): attainment \(Wording.percent(d.attainment)), was \(Wording.percent(d.previousAttainment)) (\(points)); gap \(Wording.money(d.gap).replacingOccurrences(of: "-", with: "−")), \(gap) since; \(status)."
    }

    static func since(_ changes: Changes) -> String {
        changes.previousAsOf.flatMap { Day(iso: $0) }.map(Wording.date) ?? "the previous report"
    }

    static func region(_ changes: Changes, id: String) -> [String: Any]? {
        guard let r = changes.regions.first(where: { $0.id == id }) else { return nil }
        var lines: [String] = []
        if let d = r.revenue { lines.append(line("Revenue", d)) }
        if let d = r.profit { lines.append(line("Profit", d)) }
        if r.revenue == nil { lines.append("This region was not in the previous report.") }
        return ["since": since(changes), "lines": lines, "new_notes": changes.newNotes, "resolved_notes": changes.resolvedNotes,
                "any_notes": !(changes.newNotes.isEmpty && changes.resolvedNotes.isEmpty)]
    }

    static func company(_ changes: Changes) -> [String: Any] {
        var lines: [String] = []
        if let d = changes.revenue { lines.append(line("Revenue", d)) }
        if let d = changes.profit { lines.append(line("Profit", d)) }
        let regions = changes.regions.map { r -> [String: Any] in
            guard let d = r.revenue else { return ["name": r.name, "attainment": "new", "change": "—", "status": "new region"] }
            return ["name": r.name, "attainment": Wording.percent(d.attainment),
                    "change": d.attainmentChange.map { String(format: "%+.1f pts", $0).replacingOccurrences(of: "-", with: "−") } ?? "—",
                    "status": d.statusChanged ? "\(Wording.status(d.previousStatus.flatMap(Status.init))) → \(Wording.status(d.status.flatMap(Status.init)))" : "unchanged"]
        }
        return ["since": since(changes), "lines": lines, "regions": regions, "new_notes": changes.newNotes,
                "resolved_notes": changes.resolvedNotes, "any_notes": !(changes.newNotes.isEmpty && changes.resolvedNotes.isEmpty)]
    }
}
