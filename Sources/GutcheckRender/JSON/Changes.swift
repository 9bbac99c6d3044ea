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
        public var id: GutcheckCore.Region.ID
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

    /// What a comparison reads of a summary, this run's or a previous one's. Every key is
    /// optional: keys are only added within a schema version, so an older summary may lack some.
    struct Compared: Decodable {
        struct Measured: Decodable {
            var attainment: Double?
            var gap: Cents?
            var status: String?
        }
        struct Totals: Decodable {
            var revenue: Measured?
            var profit: Measured?
        }
        struct Focus: Decodable {
            var kind: String
            var id: String
            var title: String?
            var atStake: Cents?
            enum CodingKeys: String, CodingKey { case kind, id, title, atStake = "at_stake" }
        }
        struct Source: Decodable {
            var id: String
            var revenue: Measured?
        }
        struct KPI: Decodable {
            var id: String
            var attainment: Double?
        }
        struct Midyear: Decodable {
            var theOne: String?
            enum CodingKeys: String, CodingKey { case theOne = "the_one" }
        }
        struct TheOne: Decodable { var title: String? }
        struct Region: Decodable {
            var id: GutcheckCore.Region.ID
            var name: String?
            var revenue: Measured?
            var profit: Measured?
            var sources: [Source]?
            var kpis: [KPI]?
            var focusAreas: [Focus]?
            var midyear: Midyear?
            var theOne: TheOne?
            enum CodingKeys: String, CodingKey {
                case id, name, revenue, profit, sources, kpis, focusAreas = "focus_areas", midyear, theOne = "the_one"
            }

            /// A focus area's attainment here: its source's revenue, its KPI, or profit.
            func attainment(of kind: String, id: String) -> Double? {
                switch kind {
                case "source": return sources?.first { $0.id == id }?.revenue?.attainment
                case "kpi": return kpis?.first { $0.id == id }?.attainment
                case "profit": return profit?.attainment
                default: return nil
                }
            }
        }
        struct Notes: Decodable {
            struct File: Decodable {
                var file: String?
                var unknownValues: KeyedList<JSONValue>?
                var identicalRows: [JSONValue]?
                var repeatedHeaderLines: [JSONValue]?
                var footer: JSONValue?
                enum CodingKeys: String, CodingKey {
                    case file, unknownValues = "unknown_values", identicalRows = "identical_rows"
                    case repeatedHeaderLines = "repeated_header_lines", footer
                }
            }
            struct Missing: Decodable {
                var region: String?
                var source: String?
                var months: [String]?
            }
            var files: [File]?
            var missingMonths: [Missing]?
            enum CodingKeys: String, CodingKey { case files, missingMonths = "missing_months" }
        }
        var asOf: String?
        var currency: String?
        var totals: Totals?
        var regions: [Region]?
        var dataNotes: Notes?
        enum CodingKeys: String, CodingKey { case asOf = "as_of", currency, totals, regions, dataNotes = "data_notes" }
    }

    /// A previous summary's cut-off, when the bytes are one (the earlier snapshot's
    /// default cut-off, SPEC §15.3); a summary that is not one fails later, in `compare`.
    public static func asOf(ofPrevious bytes: [UInt8]) -> Day? {
        guard let json = try? JSONValue.parse(bytes) else { return nil }
        return (try? JSONModel.decode(Compared.self, from: json, at: ""))?.asOf.flatMap { Day(iso: $0) }
    }

    /// Compares a summary (this run's, or the roll-up's of shards) with a previous one.
    public static func compare(current json: JSONValue, previous bytes: [UInt8]) throws(ReadError) -> Changes {
        let schema = "a gutcheck summary.json (schema \(Summary.schemaVersion))"
        let parsed: JSONValue
        do {
            parsed = try JSONValue.parse(bytes)
        } catch {
            throw ReadError(description: "\(error.description); expected \(schema)")
        }
        struct Schema: Decodable { var schema: Int? }
        guard (try? JSONModel.decode(Schema.self, from: parsed, at: ""))?.schema == Summary.schemaVersion else {
            throw ReadError(description: "is not \(schema)")
        }
        let previous: Compared
        do {
            previous = try JSONModel.decode(Compared.self, from: parsed, at: "")
        } catch {
            throw ReadError(description: "is damaged at \(error.path.isEmpty ? "its top level" : error.path); expected \(schema)")
        }
        let current: Compared
        do {
            current = try JSONModel.decode(Compared.self, from: json, at: "")
        } catch {
            // Shard merge reads each region this way first, so this names a fault of ours.
            throw ReadError(description: "could not be compared: this run's summary does not read back at \(error.path)")
        }
        var changes = Changes()
        changes.previousAsOf = previous.asOf
        changes.currency = current.currency
        func delta(_ now: Compared.Measured?, _ before: Compared.Measured?) -> Delta? {
            guard let now, let before else { return nil }
            return Delta(previousAttainment: before.attainment, attainment: now.attainment, previousGap: before.gap?.value, gap: now.gap?.value,
                         previousStatus: before.status, status: now.status)
        }
        changes.revenue = delta(current.totals?.revenue, previous.totals?.revenue)
        changes.profit = delta(current.totals?.profit, previous.totals?.profit)
        var before: [GutcheckCore.Region.ID: Compared.Region] = [:]
        for r in previous.regions ?? [] where before[r.id] == nil { before[r.id] = r }
        for region in current.regions ?? [] {
            let old = before[region.id]
            var change = RegionChange(id: region.id, name: region.name ?? region.id.rawValue,
                                      revenue: delta(region.revenue, old?.revenue), profit: delta(region.profit, old?.profit))
            if let old, let focus = old.focusAreas {
                var now: [String: Decimal] = [:]
                for f in region.focusAreas ?? [] { now["\(f.kind)/\(f.id)"] = f.atStake?.value }
                change.focus = focus.map { f in
                    FocusMove(kind: f.kind, id: f.id, title: f.title ?? f.id, previousAtStake: f.atStake?.value, atStake: now["\(f.kind)/\(f.id)"],
                              previousAttainment: old.attainment(of: f.kind, id: f.id), attainment: region.attainment(of: f.kind, id: f.id))
                }
                change.previousTheOne = old.midyear?.theOne ?? old.theOne?.title
            }
            changes.regions.append(change)
        }
        let notesNow = noteKeys(current.dataNotes)
        let notesBefore = noteKeys(previous.dataNotes)
        changes.newNotes = notesNow.subtracting(notesBefore).sorted()
        changes.resolvedNotes = notesBefore.subtracting(notesNow).sorted()
        return changes
    }

    /// Data notes that can appear or go away between runs, as sentences. Counts that
    /// change with every data commit (rows read, prior-year rows) are not notes here.
    static func noteKeys(_ notes: Compared.Notes?) -> Set<String> {
        var keys: Set<String> = []
        for m in notes?.missingMonths ?? [] {
            for month in m.months ?? [] { keys.insert("no rows for \(m.region ?? "?") / \(m.source ?? "?") in \(month)") }
        }
        for f in notes?.files ?? [] {
            let file = f.file.map { ($0 as NSString).lastPathComponent } ?? "?"
            for (value, _) in f.unknownValues?.pairs ?? [] { keys.insert("rows for unknown \(value) in \(file)") }
            if !(f.identicalRows ?? []).isEmpty { keys.insert("identical rows in \(file)") }
            if !(f.repeatedHeaderLines ?? []).isEmpty { keys.insert("a repeated header in \(file)") }
            if case .object? = f.footer { keys.insert("a report footer in \(file)") }
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
                    ("id", .string(r.id.rawValue)), ("new", .bool(r.revenue == nil)), ("revenue", json(r.revenue)), ("profit", json(r.profit)),
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
