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
        /// The previous report's focus areas, and how their figures moved (SPEC §11.3).
        public var focus: [FocusMove] = []
        /// The previous report's one: the leader's pick, else the data's first.
        public var previousTheOne: String?
    }

    /// A focus area of the previous report: dollars at stake then and now (nil when it is no
    /// longer among the data's top three), and attainment then and now for a source, KPI or profit.
    public struct FocusMove: Sendable {
        public var kind: String
        public var id: String
        public var title: String
        public var previousAtStake: Decimal?
        public var atStake: Decimal?
        public var previousAttainment: Double?
        public var attainment: Double?
    }

    /// A focus area's attainment in one summary's region: its source's revenue, its KPI, or profit.
    static func attainment(of kind: String, id: String, in region: JSONValue?) -> Double? {
        switch kind {
        case "source":
            guard case .array(let sources)? = region?["sources"] else { return nil }
            return sources.first { $0["id"]?.string == id }?["revenue"]?["attainment"]?.double
        case "kpi":
            guard case .array(let kpis)? = region?["kpis"] else { return nil }
            return kpis.first { $0["id"]?.string == id }?["attainment"]?.double
        case "profit": return region?["profit"]?["attainment"]?.double
        default: return nil
        }
    }

    public var previousAsOf: String?
    /// This run's currency, for wording amounts.
    public var currency: String?
    public var revenue: Delta?
    public var profit: Delta?
    public var regions: [RegionChange] = []
    public var newNotes: [String] = []
    public var resolvedNotes: [String] = []

    public struct ReadError: Error, CustomStringConvertible {
        public let description: String
    }

    /// A previous summary's cut-off, when the bytes are one (the earlier snapshot's
    /// default cut-off, SPEC §15.3); a summary that is not one fails later, in `compare`.
    public static func asOf(ofPrevious bytes: [UInt8]) -> Day? {
        (try? JSONValue.parse(bytes))?["as_of"]?.string.flatMap { Day(iso: $0) }
    }

    /// Compares a summary (this run's, or the roll-up's of shards) with a previous one.
    public static func compare(current: JSONValue, previous bytes: [UInt8]) throws(ReadError) -> Changes {
        let previous: JSONValue
        do {
            previous = try JSONValue.parse(bytes)
        } catch {
            throw ReadError(description: "\(error.description); expected a gutcheck summary.json (schema \(Summary.schemaVersion))")
        }
        guard previous["schema"] == .number(String(Summary.schemaVersion)) else {
            throw ReadError(description: "is not a gutcheck summary.json (schema \(Summary.schemaVersion))")
        }
        var changes = Changes()
        changes.previousAsOf = previous["as_of"]?.string
        changes.currency = current["currency"]?.string
        func delta(_ now: JSONValue?, _ before: JSONValue?) -> Delta? {
            guard let now, let before, case .object = now, case .object = before else { return nil }
            return Delta(previousAttainment: before["attainment"]?.double, attainment: now["attainment"]?.double,
                         previousGap: before["gap"]?.decimal, gap: now["gap"]?.decimal,
                         previousStatus: before["status"]?.string, status: now["status"]?.string)
        }
        changes.revenue = delta(current["totals"]?["revenue"], previous["totals"]?["revenue"])
        changes.profit = delta(current["totals"]?["profit"], previous["totals"]?["profit"])
        var before: [String: JSONValue] = [:]
        if case .array(let regions)? = previous["regions"] {
            for r in regions { if let id = r["id"]?.string, before[id] == nil { before[id] = r } }
        }
        if case .array(let regions)? = current["regions"] {
            for region in regions {
                guard let id = region["id"]?.string else { continue }
                let old = before[id]
                var change = RegionChange(
                    id: id, name: region["name"]?.string ?? id,
                    revenue: delta(region["revenue"], old?["revenue"]), profit: delta(region["profit"], old?["profit"]))
                if let old, case .array(let focus)? = old["focus_areas"] {
                    var now: [String: Decimal] = [:]
                    if case .array(let current)? = region["focus_areas"] {
                        for f in current { now["\(f["kind"]?.string ?? "")/\(f["id"]?.string ?? "")"] = f["at_stake"]?.decimal }
                    }
                    change.focus = focus.compactMap { f in
                        guard let kind = f["kind"]?.string, let fid = f["id"]?.string else { return nil }
                        return FocusMove(kind: kind, id: fid, title: f["title"]?.string ?? fid, previousAtStake: f["at_stake"]?.decimal,
                                         atStake: now["\(kind)/\(fid)"], previousAttainment: attainment(of: kind, id: fid, in: old),
                                         attainment: attainment(of: kind, id: fid, in: region))
                    }
                    change.previousTheOne = old["midyear"]?["the_one"]?.string ?? old["the_one"]?["title"]?.string
                }
                changes.regions.append(change)
            }
        }
        let notesNow = noteKeys(current["data_notes"])
        let notesBefore = noteKeys(previous["data_notes"])
        changes.newNotes = notesNow.subtracting(notesBefore).sorted()
        changes.resolvedNotes = notesBefore.subtracting(notesNow).sorted()
        return changes
    }

    /// Data notes that can appear or go away between runs, as sentences. Counts that
    /// change with every data commit (rows read, prior-year rows) are not notes here.
    static func noteKeys(_ notes: JSONValue?) -> Set<String> {
        var keys: Set<String> = []
        if case .array(let missing)? = notes?["missing_months"] {
            for m in missing {
                let region = m["region"]?.string ?? "?", source = m["source"]?.string ?? "?"
                if case .array(let months)? = m["months"] {
                    for month in months { if let text = month.string { keys.insert("no rows for \(region) / \(source) in \(text)") } }
                }
            }
        }
        if case .array(let files)? = notes?["files"] {
            for f in files {
                let file = f["file"]?.string.map { ($0 as NSString).lastPathComponent } ?? "?"
                if case .object(let unknown)? = f["unknown_values"] {
                    for (value, _) in unknown { keys.insert("rows for unknown \(value) in \(file)") }
                }
                if case .array(let rows)? = f["identical_rows"], !rows.isEmpty { keys.insert("identical rows in \(file)") }
                if case .array(let lines)? = f["repeated_header_lines"], !lines.isEmpty { keys.insert("a repeated header in \(file)") }
                if case .object? = f["footer"] { keys.insert("a report footer in \(file)") }
            }
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
                .object([
                    ("id", .string(r.id)), ("new", .bool(r.revenue == nil)), ("revenue", json(r.revenue)), ("profit", json(r.profit)),
                    ("previous_the_one", .text(r.previousTheOne)),
                    ("focus", .array(r.focus.map { f in
                        .object([
                            ("kind", .string(f.kind)), ("id", .string(f.id)), ("title", .string(f.title)),
                            ("previous_at_stake", .money(f.previousAtStake)), ("at_stake", .money(f.atStake)),
                            ("previous_attainment", .ratio(f.previousAttainment)), ("attainment", .ratio(f.attainment)),
                        ])
                    })),
                ])
            })),
            ("new_data_notes", .array(newNotes.map { .string($0) })),
            ("resolved_data_notes", .array(resolvedNotes.map { .string($0) })),
        ])
    }
}

/// The changes as sentences for the templates (`changes` in the context).
enum ChangesText {
    struct Region: TemplateModel {
        var since: String
        var lines: [String]
        /// The previous review's focus areas, with how their figures moved.
        var focus: [String]
        var anyFocus: Bool
        var previousTheOne: String?
        var newNotes: [String]
        var resolvedNotes: [String]
        var anyNotes: Bool
    }

    struct RegionRow: TemplateModel { var name, attainment, change, status: String }

    struct Company: TemplateModel {
        var since: String
        var lines: [String]
        var regions: [RegionRow]
        var newNotes: [String]
        var resolvedNotes: [String]
        var anyNotes: Bool
    }

    static func points(_ d: Changes.Delta) -> String {
        d.attainmentChange.map { String(format: "%+.1f pts", $0).replacingOccurrences(of: "-", with: "−") } ?? "—"
    }

    static func line(_ label: String, _ d: Changes.Delta) -> String {
        let gap = d.gapChange.map { "\(Money.signed($0))" } ?? "—"
        let status = d.statusChanged
            ? "status \(Narrative.status(d.previousStatus.flatMap(Status.init))) → \(Narrative.status(d.status.flatMap(Status.init)))"
            : "status unchanged (\(Narrative.status(d.status.flatMap(Status.init))))"
        return "\(label): attainment \(Wording.percent(d.attainment)), was \(Wording.percent(d.previousAttainment)) (\(points(d))); gap \(d.gap.map { Money.signed($0) } ?? "—"), \(gap) since; \(status)."
    }

    static func since(_ changes: Changes) -> String {
        changes.previousAsOf.flatMap { Day(iso: $0) }.map(Wording.date) ?? "the previous report"
    }

    static func region(_ changes: Changes, id: String) -> Region? {
        guard let r = changes.regions.first(where: { $0.id == id }) else { return nil }
        var lines: [String] = []
        if let d = r.revenue { lines.append(line("Revenue", d)) }
        if let d = r.profit { lines.append(line("Profit", d)) }
        if r.revenue == nil { lines.append("This region was not in the previous report.") }
        // The previous review's focus areas and how their figures moved (SPEC §11.3).
        let money = CurrencyFormat(Currency(code: changes.currency ?? "USD"))
        var focus: [String] = []
        for f in r.focus {
            var parts: [String] = []
            switch (f.previousAtStake, f.atStake) {
            case let (then?, now?): parts.append("at stake \(money.compact(then)) then, \(money.compact(now)) now")
            case let (then?, nil): parts.append("at stake \(money.compact(then)) then, no longer in the data's top three")
            default: break
            }
            if let then = f.previousAttainment, let now = f.attainment {
                parts.append("attainment \(Percent.format(then)) → \(Percent.format(now))")
            }
            focus.append("\(f.title): \(parts.joined(separator: "; ")).")
        }
        return .init(since: since(changes), lines: lines, focus: focus, anyFocus: !focus.isEmpty, previousTheOne: r.previousTheOne, newNotes: changes.newNotes, resolvedNotes: changes.resolvedNotes,
                     anyNotes: !(changes.newNotes.isEmpty && changes.resolvedNotes.isEmpty))
    }

    static func company(_ changes: Changes) -> Company {
        var lines: [String] = []
        if let d = changes.revenue { lines.append(line("Revenue", d)) }
        if let d = changes.profit { lines.append(line("Profit", d)) }
        let regions = changes.regions.map { r -> RegionRow in
            guard let d = r.revenue else { return .init(name: r.name, attainment: "new", change: "—", status: "new region") }
            return .init(name: r.name, attainment: Wording.percent(d.attainment), change: points(d),
                         status: d.statusChanged ? "\(Narrative.status(d.previousStatus.flatMap(Status.init))) → \(Narrative.status(d.status.flatMap(Status.init)))" : "unchanged")
        }
        return .init(since: since(changes), lines: lines, regions: regions, newNotes: changes.newNotes,
                     resolvedNotes: changes.resolvedNotes, anyNotes: !(changes.newNotes.isEmpty && changes.resolvedNotes.isEmpty))
    }
}
