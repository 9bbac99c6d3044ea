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
        /// Regions of the plan that no shard rendered.
        public var missingRegions: [String]
    }

    /// Keys that describe the run rather than its regions: equal in every shard.
    static let sharedKeys = ["schema", "generator", "company", "fiscal_year", "fiscal_year_start", "as_of", "currency", "fx",
                             "elapsed_months", "remaining_months", "thresholds", "data_notes", "rollup"]

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
            guard json["schema"] == .number(String(Summary.schemaVersion)) else {
                throw Failure(file: shard.file, message: "is not a gutcheck summary.json (schema \(Summary.schemaVersion))")
            }
            guard json["rollup"] != nil else {
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
        let first = parsed[0]
        func damaged(_ path: String, _ file: String) -> Problem {
            Problem(file: file, message: "its roll-up data is damaged at \(path); write it again with gutcheck report")
        }
        guard let block = first.json["rollup"], case .string(let startText)? = first.json["fiscal_year_start"],
            case .string(let asOfText)? = first.json["as_of"], let start = YearMonth(iso: startText), let asOf = Day(iso: asOfText),
            case .string(let currency)? = first.json["currency"], case .number(let yearText)? = first.json["fiscal_year"],
            let fiscalYear = Int(yearText)
        else { throw damaged("the header", first.file) }
        let calendar = FiscalCalendar(start: start, asOf: asOf)
        let thresholds: Thresholds
        let planRegions: [String]
        do {
            thresholds = try RollupJSON.thresholds(block)
            planRegions = try RollupJSON.planRegions(block)
        } catch {
            throw damaged(error.path, first.file)
        }
        // Every shard's regions, each from exactly one shard.
        var byId: [String: (file: String, object: JSONValue)] = [:]
        for (file, json) in parsed {
            guard case .array(let regions)? = json["regions"] else { throw damaged("regions", file) }
            for object in regions {
                guard case .string(let id)? = object["id"] else { throw damaged("regions[].id", file) }
                guard planRegions.contains(id) else { throw Problem(file: file, message: "region '\(id)' is not in the plan's region list") }
                if let earlier = byId[id] {
                    throw Problem(file: file, message: "region '\(id)' is also in \(earlier.file); give each region to one shard")
                }
                byId[id] = (file, object)
            }
        }
        let ordered = planRegions.compactMap { id in byId[id] }
        var regions: [RollupRegion] = []
        for (file, object) in ordered {
            do {
                regions.append(try RollupJSON.region(object, calendar: calendar, thresholds: thresholds))
            } catch {
                throw damaged(error.path, file)
            }
        }
        let notes: DataNotes
        do {
            notes = try DataNotesJSON.read(first.json["data_notes"])
        } catch {
            throw damaged(error.path, first.file)
        }
        let rollup = Rollup(company: first.json["company"]?.string, fiscalYear: fiscalYear, currency: Currency(code: currency),
                            calendar: calendar, thresholds: thresholds, regions: regions, notes: notes)
        var findings: [JSONValue] = []
        for (_, object) in ordered {
            if case .array(let items)? = object["plan_findings"] { findings += items }
        }
        guard case .object(let header) = first.json else { throw damaged("the header", first.file) }
        var pairs: [(String, JSONValue)] = []
        for (key, value) in header where key != "changes" {
            switch key {
            case "totals": pairs.append((key, Summary.totals(rollup)))
            case "regions": pairs.append((key, .array(ordered.map(\.object))))
            case "plan_findings": pairs.append((key, .array(findings)))
            default: pairs.append((key, value))
            }
        }
        return Merged(summary: .object(pairs), rollup: rollup, missingRegions: planRegions.filter { byId[$0] == nil })
    }
}
