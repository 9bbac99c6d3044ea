import Foundation
import Testing
@testable import GutcheckCommands

/// Regions in their own currencies (SPEC §15.7): each region's report in its currency, the
/// roll-up and the index consolidated at the plan's rates, saying so; figures by hand.
@Suite struct CurrencyTests {
    /// North plans 1,200 USD and South 1,000 EUR (1 EUR = 1.10 USD), evenly; cut-off 30 June.
    /// North won 600 USD, South 400 EUR. South: plan to date 500 EUR, 80.0 %, −100 EUR.
    /// Company in USD: goal 1,200 + 1,100 = 2,300; plan to date 600 + 550 = 1,150; actual
    /// 600 + 440 = 1,040; 90.4 %; −110.
    static let plan = """
        gutcheck: 1
        fiscal_year: 2026
        as_of: 2026-06-30
        currency: USD
        fx: { EUR: 1.10 }
        regions:
          - id: north
            name: North
            goals: { revenue: 1200, profit: 120 }
            sources:
              - { id: web, name: Web, revenue: 1200 }
          - id: south
            name: South
            currency: EUR
            goals: { revenue: 1000, profit: 100 }
            sources:
              - { id: web, name: Web, revenue: 1000 }
        """
    static let results = """
        date,region,source,metric,value
        2026-02-10,north,web,revenue,300
        2026-05-10,north,web,revenue,300
        2026-03-10,south,web,revenue,250
        2026-06-10,south,web,revenue,150

        """

    func run(_ plan: String = Self.plan, formats: String = "md,json,csv,packet") throws -> (status: Int32, err: String, out: URL) {
        let dir = temporaryFolder()
        try plan.write(to: dir.appendingPathComponent("plan.yaml"), atomically: true, encoding: .utf8)
        try Self.results.write(to: dir.appendingPathComponent("results.csv"), atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("report")
        let r = gutcheck(["report", "--plan", dir.appendingPathComponent("plan.yaml").path, "--results", dir.appendingPathComponent("results.csv").path,
                          "--out", out.path, "--format", formats, "--quiet"])
        return (r.status, r.err, out)
    }

    @Test func regionsReportInTheirOwnCurrencyAndTheRollUpAtPlanRates() throws {
        let r = try run()
        try #require(r.status == 0, "\(r.err)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: r.out.appendingPathComponent("summary.json"))) as? [String: Any])
        #expect(json["currency"] as? String == "USD")
        #expect((json["fx"] as? [String: Any])?["EUR"] as? Double == 1.1)
        let regions = try #require(json["regions"] as? [[String: Any]])
        let south = try #require(regions.first { $0["id"] as? String == "south" })
        #expect(south["currency"] as? String == "EUR")
        let revenue = try #require(south["revenue"] as? [String: Any])
        #expect(revenue["goal"] as? Double == 1000 && revenue["plan_to_date"] as? Double == 500 && revenue["actual_to_date"] as? Double == 400)
        let totals = try #require((json["totals"] as? [String: Any])?["revenue"] as? [String: Any])
        #expect(totals["goal"] as? Double == 2300)
        #expect(totals["plan_to_date"] as? Double == 1150)
        #expect(totals["actual_to_date"] as? Double == 1040)
        #expect(totals["gap"] as? Double == -110)

        let southMD = read(r.out.appendingPathComponent("regions/south.md"))
        #expect(southMD.contains("· EUR"), "\(southMD.prefix(400))")
        #expect(southMD.contains("| **Revenue** | 500 | 400 | 80.0\u{A0}% | −100 |"), "\(southMD)")
        #expect(southMD.contains("Revenue €400 of €500 planned to date"))
        #expect(!southMD.contains("$"), "a euro report shows no dollars")
        let index = read(r.out.appendingPathComponent("index.md")).replacingOccurrences(of: "\u{A0}", with: " ")
        #expect(index.contains("All figures here are in USD, consolidated at the plan's rates: South from EUR at 1 EUR = 1.1 USD. Each region's own report is in its own currency."), "\(index)")
        #expect(index.contains("| **Revenue** | 2,300 | 1,150 | 1,040 | 90.4 % | −110 |"), "\(index)")
        // The table of regions carries South converted: 440 of 550, −110 (its report: −100 EUR).
        #expect(index.contains("| 2 | [South](regions/south.md) | — | 80.0 % | −110 |"))
        let performance = read(r.out.appendingPathComponent("tables/south/performance.csv"))
        #expect(performance.contains("revenue,1000,500,400,0.8,-100"), "\(performance)")
        let company = read(r.out.appendingPathComponent("tables/company/totals.csv"))
        #expect(company.contains("2300") && company.contains("1040"), "\(company)")
        let packet = read(r.out.appendingPathComponent("board-packet.html"))
        #expect(packet.contains("consolidated at the plan"))
        #expect(packet.contains("Revenue €400 of €500 planned to date"))
    }

    @Test func aRegionInAnotherCurrencyNeedsItsPlanRate() throws {
        let noRate = try run(Self.plan.replacingOccurrences(of: "fx: { EUR: 1.10 }\n", with: ""))
        #expect(noRate.status == 1)
        #expect(noRate.err.contains("plan.yaml:13:15: error: region 'south' is in EUR, and the plan's fx: gives no rate for it; add fx: { EUR: RATE } (what 1 EUR is worth in USD), so the roll-up can consolidate at plan rates"), "\(noRate.err)")
        let zero = try run(Self.plan.replacingOccurrences(of: "EUR: 1.10", with: "EUR: 0"))
        #expect(zero.status == 1)
        #expect(zero.err.contains("error: fx.EUR is what 1 EUR is worth in USD, a number above 0; found 0"), "\(zero.err)")
        let code = try run(Self.plan.replacingOccurrences(of: "currency: EUR", with: "currency: euro"))
        #expect(code.status == 1)
        #expect(code.err.contains("error: currency of region 'south' must be an ISO 4217 code like USD or EUR, found 'euro'"), "\(code.err)")
    }

    /// With symbols read, an amount in the other region's currency is an error at its cell.
    @Test func anAmountInAnotherRegionsCurrencyIsRefused() throws {
        let dir = temporaryFolder()
        let plan = Self.plan.replacingOccurrences(of: "fx: { EUR: 1.10 }\n", with: "fx: { EUR: 1.10 }\nresults:\n  numbers: { currency_symbols: true }\n")
        try plan.write(to: dir.appendingPathComponent("plan.yaml"), atomically: true, encoding: .utf8)
        try (Self.results + "2026-04-10,north,web,revenue,€50\n2026-04-10,south,web,revenue,€50\n2026-04-11,north,web,revenue,$50\n")
            .write(to: dir.appendingPathComponent("results.csv"), atomically: true, encoding: .utf8)
        let r = gutcheck(["check", "--plan", dir.appendingPathComponent("plan.yaml").path, "--results", dir.appendingPathComponent("results.csv").path, "--quiet"])
        #expect(r.status == 1)
        let errors = (r.out + r.err).split(separator: "\n").filter { $0.contains("error:") }
        #expect(errors == ["\(dir.appendingPathComponent("results.csv").path):6:30: error: '€50' is in EUR, but region 'north' is in USD; convert the amount, or check the row's region"], "\(r.err)")
    }

    /// Shards of a two-currency plan roll up to the same totals as one run.
    @Test func shardsConsolidateAlike() throws {
        let whole = try run(formats: "json")
        try #require(whole.status == 0, "\(whole.err)")
        let dir = whole.out.deletingLastPathComponent()
        var summaries: [String] = []
        for region in ["north", "south"] {
            let out = dir.appendingPathComponent("shard-\(region)")
            let s = gutcheck(["report", "--plan", dir.appendingPathComponent("plan.yaml").path, "--results", dir.appendingPathComponent("results.csv").path,
                              "--region", region, "--format", "json", "--out", out.path, "--quiet"])
            try #require(s.status == 0, "\(s.err)")
            summaries.append(out.appendingPathComponent("summary.json").path)
        }
        let merged = dir.appendingPathComponent("merged")
        let m = gutcheck(["rollup"] + summaries + ["--format", "json", "--out", merged.path, "--quiet"])
        try #require(m.status == 0, "\(m.err)")
        #expect(read(merged.appendingPathComponent("summary.json")) == read(whole.out.appendingPathComponent("summary.json")))
    }
}
