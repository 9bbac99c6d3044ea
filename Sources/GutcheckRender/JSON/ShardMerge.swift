import Foundation
import GutcheckCore

/// `gutcheck rollup`: merges the summary.json of runs that each rendered some regions
/// (`report --region …`, one job of a CI matrix each) into the summary and roll-up one run
/// over all those regions would have written. Shards must come from the same plan, results
/// and gutcheck version; everything but the regions must therefore agree.
public enum ShardMerge {
    public struct Shard {
        public var file: String
        public var bytes: [UInt8]
        public init(file: String, bytes: [UInt8]) {
            self.file = file
            self.bytes = bytes
        }
    }

    /// A problem with one shard, or between two.
    public struct Failure: Error, CustomStringConvertible {
        public var file: String
        public var message: String
        public var description: String { "\(file):1:1: error: \(message)" }
    }

    public struct Merged {
        /// The summary a single run would have written (without `changes`).
        public var summary: JSONValue
        public var rollup: Rollup
        /// Each region's plan findings in board words, as its shard wrote them.
        public var findingWords: [Region.ID: [String]]
        /// Regions of the plan that no shard rendered.
        public var missingRegions: [Region.ID]
    }

    /// Keys that describe the run rather than its regions: equal in every shard.
    static let sharedKeys = ["schema", "generator", "company", "fiscal_year", "fiscal_year_start", "as_of", "currency", "fx",
                             "elapsed_months", "remaining_months", "thresholds", "data_notes", "rollup"]

    /// What the merge reads of a shard's summary: the run's header and its regions (each
    /// region's object is kept whole, to be written back as the shard wrote it).
    struct ShardSummary: Decodable {
        var schema: Int
        var company: String?
        var fiscalYear: Int
        var fiscalYearStart: YearMonth
        var asOf: Day
        var currency: String
        var regions: [JSONValue]
        var dataNotes: JSONValue
        var rollup: RollupJSON.Company
        enum CodingKeys: String, CodingKey {
            case schema, company, fiscalYear = "fiscal_year", fiscalYearStart = "fiscal_year_start", asOf = "as_of", currency, regions
            case dataNotes = "data_notes", rollup
        }
    }

    /// A region of a shard: what the roll-up needs besides its `rollup` block.
    struct ShardRegion: Decodable {
        /// A plan finding: kept whole for the merged summary, its board text for the roll-up.
        struct Finding: Decodable {
            var object: JSONValue
            var text: String?
            private enum CodingKeys: String, CodingKey { case text }
            init(from decoder: any Decoder) throws {
                object = try JSONValue(from: decoder)
                text = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .text)
            }
        }
        var id: Region.ID
        var name: String
        var leader: String?
        var planFindings: [Finding]?
        var rollup: RollupJSON.Region
        enum CodingKeys: String, CodingKey { case id, name, leader, planFindings = "plan_findings", rollup }

        func rollupRegion(calendar: FiscalCalendar, thresholds: Thresholds) throws(JSONModel.Damaged) -> RollupRegion {
            try rollup.rollupRegion(id: id, name: name, leader: leader, calendar: calendar, thresholds: thresholds,
                                    at: "regions[\(id)].rollup")
        }

        /// A region back from its summary object.
        static func read(_ object: JSONValue, calendar: FiscalCalendar, thresholds: Thresholds) throws(JSONModel.Damaged) -> RollupRegion {
            let id = try JSONModel.decode(ShardRegionId.self, from: object, at: "regions[]").id
            return try JSONModel.decode(ShardRegion.self, from: object, at: "regions[\(id)]").rollupRegion(calendar: calendar, thresholds: thresholds)
        }
    }

    /// Just enough to tell a summary.json of this schema, and one with a roll-up block.
    private struct Schema: Decodable {
        struct Present: Decodable {}
        var schema: Int?
        var rollup: Present?
    }

    public static func merge(_ shards: [Shard]) throws(Failure) -> Merged {
        guard let firstShard = shards.first else { throw Failure(file: "rollup", message: "give at least one summary.json") }
        var parsed: [(file: String, json: JSONValue)] = []
        for shard in shards {
            let json: JSONValue
            do {
                json = try JSONValue.parse(shard.bytes)
            } catch {
                throw Failure(file: shard.file, message: "\(error.description); expected a gutcheck summary.json")
            }
            let schema = try? JSONModel.decode(Schema.self, from: json, at: "")
            guard schema?.schema == Summary.schemaVersion else {
                throw Failure(file: shard.file, message: "is not a gutcheck summary.json (schema \(Summary.schemaVersion))")
            }
            guard schema?.rollup != nil else {
                throw Failure(file: shard.file, message: "has no rollup block (written by an older gutcheck); run its report again with this version")
            }
            parsed.append((shard.file, json))
        }
        let first = parsed[0].json
        for (file, json) in parsed.dropFirst() {
            for key in sharedKeys where json[key] != first[key] {
                throw Failure(file: file, message: "its \(key)\(shown(json[key])) differs from \(firstShard.file)'s\(shown(first[key])); every shard must come from the same plan, results, cut-off and gutcheck version")
            }
        }
        do {
            return try combine(parsed)
        } catch {
            throw Failure(file: error.file, message: error.message)
        }
    }

    /// A short value in the message, e.g. ` ("2026-06-30")`; nothing for long ones.
    private static func shown(_ value: JSONValue?) -> String {
        guard let value else { return " (missing)" }
        let text = value.serialized().trimmingCharacters(in: .newlines)
        return text.count <= 40 && !text.contains("\n") ? " (\(text))" : ""
    }

    private struct Problem: Error {
        var file: String
        var message: String
    }

    private static func combine(_ parsed: [(file: String, json: JSONValue)]) throws(Problem) -> Merged {
        func damaged(_ path: String, _ file: String) -> Problem {
            Problem(file: file, message: "its roll-up data is damaged at \(path); write it again with gutcheck report")
        }
        func read<T: Decodable>(_ type: T.Type, _ json: JSONValue?, at path: String, _ file: String) throws(Problem) -> T {
            do {
                return try JSONModel.decode(type, from: json, at: path)
            } catch {
                throw damaged(error.path.isEmpty ? "the header" : error.path, file)
            }
        }
        var summaries: [(file: String, summary: ShardSummary)] = []
        for (file, json) in parsed { summaries.append((file, try read(ShardSummary.self, json, at: "", file))) }
        let first = summaries[0]
        let calendar = FiscalCalendar(start: first.summary.fiscalYearStart, asOf: first.summary.asOf)
        let thresholds = first.summary.rollup.planThresholds
        let planRegions = first.summary.rollup.planRegions
        // Every shard's regions, each from exactly one shard.
        var byId: [Region.ID: (file: String, object: JSONValue, region: ShardRegion)] = [:]
        for (file, summary) in summaries {
            for (i, object) in summary.regions.enumerated() {
                let id = try read(ShardRegionId.self, object, at: "regions[\(i)]", file).id
                guard planRegions.contains(id) else { throw Problem(file: file, message: "region '\(id)' is not in the plan's region list") }
                if let earlier = byId[id] {
                    throw Problem(file: file, message: "region '\(id)' is also in \(earlier.file); give each region to one shard")
                }
                byId[id] = (file, object, try read(ShardRegion.self, object, at: "regions[\(id)]", file))
                // The merged summary may be compared with a previous one (`--compare`): what that reads must read here.
                _ = try read(Changes.Compared.Region.self, object, at: "regions[\(id)]", file)
            }
        }
        let ordered = planRegions.compactMap { id in byId[id] }
        var regions: [RollupRegion] = []
        for (file, _, r) in ordered {
            do {
                regions.append(try r.rollupRegion(calendar: calendar, thresholds: thresholds))
            } catch {
                throw damaged(error.path, file)
            }
        }
        let notes: DataNotes
        do {
            notes = try DataNotesJSON.read(first.summary.dataNotes)
        } catch {
            throw damaged(error.path, first.file)
        }
        let rollup = Rollup(company: first.summary.company, fiscalYear: first.summary.fiscalYear, currency: Currency(code: first.summary.currency),
                            calendar: calendar, thresholds: thresholds, regions: regions, notes: notes)
        var findings: [JSONValue] = []
        for (_, _, r) in ordered { findings += (r.planFindings ?? []).map(\.object) }
        // The header is written back key by key, as the first shard has it, with the merged parts in their places.
        guard case .object(let header) = parsed[0].json else { throw damaged("the header", first.file) }
        var pairs: [(String, JSONValue)] = []
        for (key, value) in header where key != "changes" {
            switch key {
            case "totals": pairs.append((key, Summary.totals(rollup)))
            case "regions": pairs.append((key, .array(ordered.map(\.object))))
            case "plan_findings": pairs.append((key, .array(findings)))
            default: pairs.append((key, value))
            }
        }
        let words = Dictionary(ordered.map { ($0.region.id, ($0.region.planFindings ?? []).compactMap(\.text)) }, uniquingKeysWith: { a, _ in a })
        return Merged(summary: .object(pairs), rollup: rollup, findingWords: words, missingRegions: planRegions.filter { byId[$0] == nil })
    }

    private struct ShardRegionId: Decodable { var id: Region.ID }
}
