import Foundation
import Testing
@testable import GutcheckCommands

/// SPEC §13 in summary.json and the views, on the Northwind sample with its five years of
/// revenue: the backtested call, the cause, bounded dollars at stake, the leader's pick.
@Suite struct JudgmentViewTests {
    static let northwind = here.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("samples/northwind")

    static func summary() throws -> (json: [String: Any], out: URL) {
        let out = temporaryFolder().appendingPathComponent("report")
        let results = ["results-2022-2024.csv", "results-2025.csv", "results-2026.csv"].flatMap { ["--results", northwind.appendingPathComponent($0).path] }
        let run = gutcheck(["report", "--plan", northwind.appendingPathComponent("plan.yaml").path, "--out", out.path, "--quiet"] + results)
        try #require(run.status == 0, "\(run.err)")
        let data = try Data(contentsOf: out.appendingPathComponent("summary.json"))
        return (try #require(JSONSerialization.jsonObject(with: data) as? [String: Any]), out)
    }

    static func region(_ json: [String: Any], _ id: String) -> [String: Any]? {
        (json["regions"] as? [[String: Any]])?.first { $0["id"] as? String == id }
    }

    @Test func theCallIsBacktestedAndItsBandHoldsEveryBacktestMiss() throws {
        let (json, out) = try Self.summary()
        for id in ["northeast", "southeast", "central", "west"] {
            let revenue = try #require(Self.region(json, id)?["revenue"] as? [String: Any])
            let forecast = try #require(revenue["forecast"] as? [String: Any])
            let call = try #require(forecast["call"] as? [String: Any])
            #expect(call["backtested"] as? Bool == true)
            let value = try #require(call["value"] as? Double), low = try #require(call["low"] as? Double), high = try #require(call["high"] as? Double)
            let m = try #require(call["error_max"] as? Double)
            #expect(abs(low - value * (1 - m)) < 0.01 && abs(high - value * (1 + m)) < 0.01)
            // The band is the widest miss of the call's method over every region's backtests.
            let method = try #require(call["method"] as? String)
            let tests = try #require(forecast["backtest"] as? [[String: Any]])
            #expect(Set(tests.compactMap { $0["year"] as? Int }) == [2023, 2024, 2025])
            for t in tests where t["method"] as? String == method { #expect(abs(t["error"] as? Double ?? 9) <= m + 1e-12) }
            let goal = try #require(revenue["goal"] as? Double)
            let outlook = call["outlook"] as? String
            #expect(outlook == (low >= goal ? "ahead" : high < goal ? "short" : "open"))
            // An open year is never called a beat or a miss.
            let page = read(out.appendingPathComponent("regions/\(id).md"))
            if outlook == "open" { #expect(page.contains("the goal lies inside the range, so the year is open")) }
        }
    }

    @Test func atStakeIsBoundedAndTheLeadersPickIsTheLeaders() throws {
        let (json, out) = try Self.summary()
        for region in try #require(json["regions"] as? [[String: Any]]) {
            let areas = try #require(region["focus_areas"] as? [[String: Any]])
            for a in areas {
                let value = try #require(a["at_stake"] as? Double), of = try #require(a["at_stake_of"] as? Double)
                #expect(value >= 0 && value <= of + 0.005)
            }
            // Areas of one basis and no overlap among them add up to at most their whole.
            let gapAreas = areas.filter { $0["at_stake_basis"] as? String == "gap_to_date" && ($0["overlaps"] as? [String])?.isEmpty == true }
            if let of = gapAreas.first?["at_stake_of"] as? Double {
                #expect(gapAreas.reduce(0) { $0 + ($1["at_stake"] as? Double ?? 0) } <= of + 0.01)
            }
        }
        // Northeast's leader picked "New logos": the_one is the leader's, the data's beside it.
        let northeast = try #require(Self.region(json, "northeast"))
        let one = try #require(northeast["the_one"] as? [String: Any])
        #expect(one["by"] as? String == "leader" && one["title"] as? String == "New logos")
        #expect((northeast["data_the_one"] as? [String: Any])?["title"] != nil)
        // Central's leader gave none: the data's.
        #expect((Self.region(json, "central")?["the_one"] as? [String: Any])?["by"] as? String == "data")
        // The cause, and the index naming it.
        let cause = try #require(northeast["cause"] as? [String: Any])
        #expect((cause["source"] as? [String: Any])?["id"] as? String == "new-logos")
        let index = read(out.appendingPathComponent("index.md"))
        #expect(index.contains("| Behind on |"))
        #expect(index.contains("| New logos · inquiries → leads |"))
    }

    @Test func aGapReadsTheSameEverywhere() throws {
        // SPEC §13.8: each shown figure is its exact value rounded once, in every view.
        let (json, out) = try Self.summary()
        let index = read(out.appendingPathComponent("index.md"))
        for region in try #require(json["regions"] as? [[String: Any]]) {
            let id = try #require(region["id"] as? String), name = try #require(region["name"] as? String)
            let gap = try #require((region["revenue"] as? [String: Any])?["gap"] as? Double)
            let whole = Int((abs(gap)).rounded(.toNearestOrAwayFromZero))
            var digits = String(whole)
            var i = digits.count - 3
            while i > 0 { digits.insert(",", at: digits.index(digits.startIndex, offsetBy: i)); i -= 3 }
            let shown = (gap < 0 ? "−" : "+") + digits
            let row = try #require(index.split(separator: "\n").first { $0.contains("[\(name)](") })
            #expect(row.contains("| \(shown) |"), "\(row)")
            #expect(read(out.appendingPathComponent("regions/\(id).md")).contains("| \(shown) |"), "\(id) \(shown)")
        }
    }
    @Test func aPlanNamesItsMetricsAndFilesAreNamedByTheirYears() throws {
        // SPEC §12.4 (BoardViewTests checks every board view for the words): the plan names its
        // metric (qbrs_held: QBRs held); a report names files by the years their rows cover;
        // "is not SMART" reads as what is missing.
        let (_, out) = try Self.summary()
        let results = ["results-2022-2024.csv", "results-2025.csv", "results-2026.csv"].flatMap { ["--results", Self.northwind.appendingPathComponent($0).path] }
        let northeast = read(out.appendingPathComponent("regions/northeast.md"))
        #expect(northeast.contains("80 QBRs held by 31 December 2026"))
        #expect(northeast.contains("- FY2022–FY2024 results: 504 rows read") && northeast.contains("- FY2026 results: 529 rows read"))
        #expect(read(out.appendingPathComponent("regions/west.md")).contains("Objective “Expand the top 30 accounts” has no due date."))
        // check keeps the words a plan writer fixes by.
        let check = gutcheck(["check", "--plan", Self.northwind.appendingPathComponent("plan.yaml").path] + results)
        #expect(check.out.contains("not SMART") && check.out.contains("results-2026.csv"))
    }
}
