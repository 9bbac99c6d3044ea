import Foundation
import Testing
@testable import GutcheckCore
@testable import GutcheckRender

/// SPEC §9: a judgment is computed once and every view renders that one value. For random
/// plans and results, the canary's words in the region report, the index, the packet and
/// the job summary match its state in the core and in summary.json, and the leader's pick
/// is never replaced by the data's.
@Suite struct OneVerdictTests {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Three regions with a lead-to-close canary, random funnels, half with a leader's pick.
    static func company(seed: Int) throws -> CompanyAnalysis {
        var rng = Generator(state: UInt64(seed))
        var yaml = "gutcheck: 1\nfiscal_year: 2026\nas_of: 2026-0\(Int.random(in: 3...9, using: &rng))-\(Int.random(in: 10...28, using: &rng))\ncurrency: EUR\nregions:\n"
        var csv = "date,region,source,metric,value\n"
        for r in 0..<3 {
            yaml += "  - id: r\(r)\n    name: Region \(r)\n    goals: { revenue: \(Int.random(in: 100_000...2_000_000, using: &rng)), profit: 1000 }\n"
            yaml += "    sources:\n      - { id: web, name: Web, revenue: \(Int.random(in: 50_000...1_000_000, using: &rng)) }\n"
            yaml += "    kpis:\n      - { id: c, name: Lead-to-close, value: won_deals / leads, target: 0.\(Int.random(in: 05...30, using: &rng)), unit: percent, canary: true }\n"
            if Bool.random(using: &rng) { yaml += "    midyear: { the_one: Pick \(r) words }\n" }
            for m in 1...9 {
                csv += "2026-0\(m)-01,r\(r),web,revenue,\(Int.random(in: 1000...250_000, using: &rng))\n"
                csv += "2026-0\(m)-01,r\(r),web,leads,\(Int.random(in: 10...400, using: &rng))\n"
                csv += "2026-0\(m)-01,r\(r),web,won_deals,\(Int.random(in: 1...40, using: &rng))\n"
            }
        }
        var diagnostics = Diagnostics()
        let plan = try #require(Plan.read(yaml: Array(yaml.utf8), file: "plan.yaml", diagnostics: &diagnostics))
        let calendar = plan.calendar()
        let ingest = ResultsIngest(plan: plan, calendar: calendar)
        ingest.read(Array(csv.utf8), file: "r.csv")
        ingest.finish()
        return CompanyAnalysis(plan: plan, calendar: calendar, actuals: ingest.actuals, notes: ingest.notes)
    }

    @Test(arguments: 1...24)
    func theCanaryAndThePickReadTheSameEverywhere(seed: Int) throws {
        let company = try Self.company(seed: seed)
        let run = try RunResult(company, version: "test")
        let renderer = ReportRenderer(templates: try TemplateSet(), version: "test")
        let files = Dictionary(uniqueKeysWithValues: renderer.render(run, formats: [.markdown, .html, .json, .packet]))
        let index = try #require(files["index.md"])
        let packet = try #require(files["board-packet.html"])
        let jobSummary = renderer.jobSummary(run)
        let json = run.summary
        // The roll-up names every region whose canary sounds, under one lead sentence.
        let sounding = company.regions.filter { $0.canary?.sounds == true }
        for text in [index, jobSummary] {
            #expect(text.contains(Narrative.canariesSoundingLead) == !sounding.isEmpty, "seed \(seed)")
        }
        for region in company.regions {
            let id = region.region.id.rawValue
            let canary = try #require(region.canary)
            let markdown = try #require(files["regions/\(id).md"])
            let state = canary.state
            // The region report: "healthy" only when the state is on track; "sounds" exactly when it sounds.
            #expect(markdown.contains("The canary is healthy") == (state == .onTrack), "\(id) seed \(seed)")
            #expect(markdown.contains("The canary sounds") == canary.sounds, "\(id) seed \(seed)")
            if let state, state != .onTrack, !canary.sounds {
                #expect(markdown.contains("The canary is \(Narrative.status(state, style: .inline))"))
            }
            // The index, the packet's summary and the job summary open the canary cell with the state.
            let cell = Narrative.status(state, none: "not read")
            let row = try #require(index.split(separator: "\n").first { $0.contains("[Region \(id.dropFirst())](regions/\(id).md)") })
            #expect(row.contains("| \(cell):"), "\(id) seed \(seed): \(row)")
            #expect(jobSummary.contains("| \(cell):"))
            #expect(packet.contains("<td>\(cell):"))
            // summary.json carries the same state.
            guard case .array(let regions)? = json["regions"], let object = regions.first(where: { $0["id"]?.string == id }) else {
                Issue.record("no \(id) in summary.json")
                continue
            }
            // One figure, one string (SPEC §13.8): the gap to date, its exact value rounded once
            // (half away from zero), reads the same in the index, the region report and the packet.
            let gap = region.revenue.gap
            var whole = abs(gap)
            var rounded = Decimal()
            NSDecimalRound(&rounded, &whole, 0, .plain)
            let digits = Int(truncating: rounded as NSDecimalNumber).formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
            let shown = rounded.isZero ? "0" : (gap < 0 ? "−" : "+") + digits
            #expect(row.contains("| \(shown) |"), "\(id) seed \(seed): \(shown) in \(row)")
            #expect(markdown.contains("| **Revenue** |") && markdown.split(separator: "\n").contains { $0.hasPrefix("| **Revenue** |") && $0.contains("| \(shown) |") },
                    "\(id) seed \(seed): \(shown)")
            #expect(packet.contains(">\(shown)<"), "\(id) seed \(seed): \(shown) in the packet")
            let attainment = Wording.percent(region.revenue.attainment)
            #expect(row.contains("| \(attainment) |") && markdown.contains("(\(attainment))"), "\(id) seed \(seed): \(attainment)")
            #expect(object["canary"]?["state"]?.string == state?.rawValue)
            #expect(object["canary"]?["sounds"] == .bool(canary.sounds))
            // The leader's pick, when given, is in the index row as written; the data's is only labelled beside it.
            if let pick = region.region.midyear.theOne {
                let focusRow = try #require(index.split(separator: "\n").first { $0.hasPrefix("| Region \(id.dropFirst()) |") })
                #expect(focusRow.contains("| \(pick) |"), "\(focusRow)")
            }
        }
    }
}
