import Foundation
import Testing
@testable import GutcheckCommands
@testable import GutcheckCore
@testable import GutcheckRender

/// `gutcheck rollup`: shards (`report --region …`) merged give the single run's folder,
/// byte for byte; shards that do not belong together are refused.
@Suite struct RollupTests {
    static let samples = here.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("samples")

    static func inputs(_ sample: String) -> [String] {
        if sample == "northwind-revised" {
            let folder = samples.appendingPathComponent("northwind")
            return ["--plan", folder.appendingPathComponent("plan-revised.yaml").path, "--as-of", "2026-08-31"]
                + ["results-2025.csv", "results-2026.csv", "results-2026-h2.csv"].flatMap { ["--results", folder.appendingPathComponent($0).path] }
        }
        let folder = samples.appendingPathComponent(sample)
        let results = sample == "northwind" ? ["results-2025.csv", "results-2026.csv"] : ["opportunities.csv", "leads.csv"]
        // The Salesforce sample is read with its 30 June snapshot, as scripts/render-samples.sh does.
        let previous = sample == "salesforce"
            ? ["--previous-results", folder.appendingPathComponent("opportunities-2026-06-30.csv").path, "--previous-as-of", "2026-06-30"] : []
        return ["--plan", folder.appendingPathComponent("plan.yaml").path]
            + results.flatMap { ["--results", folder.appendingPathComponent($0).path] } + previous
    }

    /// Every file under a folder, by relative path.
    func contents(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let base = folder.standardizedFileURL.path
        for case let url as URL in FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) ?? .init() {
            let path = url.standardizedFileURL.path
            if let data = FileManager.default.contents(atPath: path), !url.hasDirectoryPath {
                files[String(path.dropFirst(base.count + 1))] = data
            }
        }
        return files
    }

    /// Runs each shard, then the roll-up of their summaries (in the order given), and
    /// compares with one run over all regions.
    func expectShardsEqualSingleRun(_ sample: String, shards: [[String]], extra: [String] = []) throws {
        let dir = temporaryFolder()
        let single = dir.appendingPathComponent("single")
        let (status, _, err) = gutcheck(["report"] + Self.inputs(sample) + extra + ["--out", single.path, "--quiet"])
        try #require(status == 0, "\(err)")
        var summaries: [String] = []
        for (i, regions) in shards.enumerated() {
            let out = dir.appendingPathComponent("shard-\(i)")
            let (s, _, e) = gutcheck(["report"] + Self.inputs(sample) + extra + regions.flatMap { ["--region", $0] } + ["--out", out.path, "--quiet"])
            try #require(s == 0, "\(e)")
            summaries.append(out.appendingPathComponent("summary.json").path)
        }
        let merged = dir.appendingPathComponent("merged")
        let (s, _, e) = gutcheck(["rollup"] + summaries + extra.filter { $0 != "--strict" } + ["--out", merged.path, "--quiet"])
        try #require(s == 0, "\(e)")
        let expected = contents(single)
        let actual = contents(merged)
        #expect(expected.keys.sorted() == actual.keys.sorted())
        for (path, data) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(actual[path] == data, "\(sample) \(shards): \(path) differs from the single run")
        }
        #expect(expected.count >= 8)
    }

    /// Revised plans travel through the shards' summaries: the roll-up shows each region's
    /// revised goal beside the original exactly as one run does.
    @Test func revisedPlansRollUpLikeASingleRun() throws {
        try expectShardsEqualSingleRun("northwind-revised", shards: [["northeast", "central"], ["southeast", "west"]])
    }

    @Test func northwindShardsInAnyGroupingEqualASingleRun() throws {
        try expectShardsEqualSingleRun("northwind", shards: [["northeast"], ["southeast"], ["central"], ["west"]])
        try expectShardsEqualSingleRun("northwind", shards: [["west", "central"], ["northeast"], ["southeast"]])
        try expectShardsEqualSingleRun("northwind", shards: [["southeast", "northeast", "west", "central"]])
    }

    @Test func salesforceShardsEqualASingleRunWithTheComparison() throws {
        let previous = Self.samples.appendingPathComponent("salesforce/report/summary.json").path
        try expectShardsEqualSingleRun("salesforce", shards: [["emea"], ["amer"]], extra: ["--compare", previous])
        try expectShardsEqualSingleRun("salesforce", shards: [["amer"], ["emea"]], extra: ["--format", "md,json,csv"])
    }

    /// The regions' blocks built on another core while the analysis runs are the blocks a
    /// serial summary builds, byte for byte (both samples, all regions and one).
    @Test func summariesBuiltDuringTheAnalysisAreTheSame() throws {
        for (plan, results) in [("northwind/plan.yaml", ["northwind/results-2025.csv", "northwind/results-2026.csv"]),
                                ("salesforce/plan.yaml", ["salesforce/opportunities.csv", "salesforce/leads.csv"])] {
            for regions in [[String](), ["northeast"], ["emea"]] {
                func load(_ analysed: CompanyAnalysis.Analysed?) -> Inputs {
                    Inputs.load(planPath: Self.samples.appendingPathComponent(plan).path,
                                resultsPaths: results.map { Self.samples.appendingPathComponent($0).path }, asOf: nil,
                                regions: regions, analysed: analysed)
                }
                guard let serial = load(nil).company else { continue }  // a region of the other sample
                let summaries = RegionSummaries()
                let overlapped = try #require(load { summaries.add($0, $1, plan: $2, calendar: $3) }.company)
                let a = try RunResult(serial, version: "test").summary.serialized()
                #expect(summaries.built(count: overlapped.regions.count) != nil, "every region's block was built")
                let b = try RunResult(overlapped, version: "test", regionSummaries: summaries).summary.serialized()
                #expect(a == b, "\(plan) \(regions)")
                #expect(a.contains("\"regions\""))
            }
        }
    }

    @Test func totalsAreSummedExactlyNotFromRoundedRegions() throws {
        // The Salesforce amounts carry sub-cent digits: region figures rounded to the cent
        // may not sum to the rounded total, so the roll-up reads the exact ones back.
        let inputs = Inputs.load(planPath: Self.samples.appendingPathComponent("salesforce/plan.yaml").path,
                                 resultsPaths: [Self.samples.appendingPathComponent("salesforce/opportunities.csv").path],
                                 asOf: nil, regions: [])
        let company = try #require(inputs.company)
        let rollup = Rollup(company)
        let say = Narrative(currency: company.plan.currency, calendar: company.calendar)
        var fromJSON: [RollupRegion] = []
        for region in company.regions {
            // The roll-up's region is at the plan rate (EMEA sells in euros): read back exactly.
            let rolled = rollup.regions.first { $0.id == region.region.id }!
            let object = Summary.region(region, calendar: company.calendar, say: say, rollup: rolled)
            let back = try ShardMerge.ShardRegion.read(try JSONValue.parse(Array(object.serialized().utf8)), calendar: company.calendar,
                                                       thresholds: company.plan.thresholds)
            #expect(back.revenue.actualToDate == rolled.revenue.actualToDate)
            #expect(back.revenue.planToDate == rolled.revenue.planToDate)
            #expect(rolled.revenue.actualToDate == region.revenue.actualToDate * company.plan.rate(of: region.region))
            #expect(back.canary?.actual == rolled.canary?.actual)
            #expect(back.rate == company.plan.rate(of: region.region))
            fromJSON.append(back)
        }
        let rebuilt = Rollup(company: rollup.company, fiscalYear: rollup.fiscalYear, currency: rollup.currency, calendar: rollup.calendar,
                             thresholds: rollup.thresholds, regions: fromJSON, notes: rollup.notes)
        #expect(rebuilt.revenue.actualToDate == company.revenue.actualToDate)
        #expect(rebuilt.profit.planToDate == company.profit.planToDate)
        #expect(rebuilt.revenue.forecast.runRate == company.revenue.forecast.runRate)
    }

    @Test func shardsThatDoNotBelongTogetherAreRefused() throws {
        let dir = temporaryFolder()
        func shard(_ name: String, _ extra: [String]) throws -> String {
            let out = dir.appendingPathComponent(name)
            let (s, _, e) = gutcheck(["report"] + Self.inputs("salesforce") + extra + ["--out", out.path, "--quiet"])
            try #require(s == 0, "\(e)")
            return out.appendingPathComponent("summary.json").path
        }
        let amer = try shard("amer", ["--region", "amer"])
        let emea = try shard("emea", ["--region", "emea"])
        let emeaEarlier = try shard("emea-june", ["--region", "emea", "--as-of", "2026-06-30"])
        let out = dir.appendingPathComponent("out").path

        var (status, _, err) = gutcheck(["rollup", amer, amer, "--out", out])
        #expect(status == 1)
        #expect(err.contains("\(amer):1:1: error: region 'amer' is also in \(amer); give each region to one shard"))

        (status, _, err) = gutcheck(["rollup", amer, emeaEarlier, "--out", out])
        #expect(status == 1)
        #expect(err.contains("\(emeaEarlier):1:1: error: its as_of (\"2026-06-30\") differs from \(amer)'s (\"2026-07-31\")"))

        let plan = Self.samples.appendingPathComponent("salesforce/plan.yaml").path
        (status, _, err) = gutcheck(["rollup", amer, plan, "--out", out])
        #expect(status == 1)
        #expect(err.contains("\(plan):1:1: error: is not a JSON object or array; expected a gutcheck summary.json"))

        // A summary from before the rollup block existed.
        let old = dir.appendingPathComponent("old.json")
        var json = try JSONValue.parse(Array(read(URL(fileURLWithPath: emea)).utf8))
        if case .object(let pairs) = json { json = .object(pairs.filter { $0.0 != "rollup" }) }
        try json.serialized().write(to: old, atomically: true, encoding: .utf8)
        (status, _, err) = gutcheck(["rollup", amer, old.path, "--out", out])
        #expect(status == 1)
        #expect(err.contains("has no rollup block"))

        // A damaged figure names where.
        let damaged = dir.appendingPathComponent("damaged.json")
        try read(URL(fileURLWithPath: emea)).replacingOccurrences(of: "\"plan_to_date\": \"", with: "\"plan_to_date\": \"x")
            .write(to: damaged, atomically: true, encoding: .utf8)
        (status, _, err) = gutcheck(["rollup", amer, damaged.path, "--out", out])
        #expect(status == 1)
        #expect(err.contains("roll-up data is damaged at regions[emea].rollup.revenue.plan_to_date"))
        #expect(!FileManager.default.fileExists(atPath: out))

        // So does a damaged part a later --compare would read (a focus area's amount), in the shard's name.
        var shard = read(URL(fileURLWithPath: emea))
        let focus = try #require(shard.range(of: "\"focus_areas\": ["))
        let amount = try #require(shard.range(of: #""at_stake": [0-9.-]+"#, options: .regularExpression, range: focus.upperBound..<shard.endIndex))
        shard.replaceSubrange(amount, with: "\"at_stake\": \"lots\"")
        try shard.write(to: damaged, atomically: true, encoding: .utf8)
        (status, _, err) = gutcheck(["rollup", amer, damaged.path, "--out", out])
        #expect(status == 1)
        #expect(err.contains("\(damaged.path):1:1: error: its roll-up data is damaged at regions[emea].focus_areas[0].at_stake"))

        // A missing region is a warning: the roll-up is the single run over the regions given.
        (status, _, err) = gutcheck(["rollup", amer, "--out", out, "--format", "json"])
        #expect(status == 0)
        #expect(err.contains("warning: no shard has emea"))
        let (_, _, _) = gutcheck(["report"] + Self.inputs("salesforce") + ["--region", "amer", "--format", "json", "--out", out + "-single", "--quiet"])
        #expect(read(URL(fileURLWithPath: out).appendingPathComponent("summary.json"))
            == read(URL(fileURLWithPath: out + "-single").appendingPathComponent("summary.json")))
    }

    @Test func summaryJSONReadsBackToTheSameBytes() throws {
        let text = read(Self.samples.appendingPathComponent("northwind/report/summary.json"))
        let value = try JSONValue.parse(Array(text.utf8))
        #expect(value.serialized() == text)
        let tricky = JSONValue.object([("a \"quoted\" key", .string("line\nbreak\t\u{1} \u{2028} ünïcode ✖ \\")), ("n", .number("-1.5e3")),
                                       ("list", .array([.null, .bool(true), .bool(false), .object([]), .array([])]))])
        #expect(try JSONValue.parse(Array(tricky.serialized().utf8)) == tricky)
        for bad in ["", "a: 1", "{\"a\": yes}", "{a: 1}", "{\"a\": 1, \"a\": 2}", "[1,", "{\"a\": 'x'}", "\u{FF}"] {
            #expect(throws: JSONValue.ParseError.self, "\(bad)") { try JSONValue.parse(Array(bad.utf8)) }
        }
    }
}
