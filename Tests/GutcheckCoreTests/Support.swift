import Foundation
import GutcheckCore

/// The shared hand-check fixture: fiscal year from October, uneven phasing, prior-year,
/// older and post-cut-off rows, split rows in a month, amounts with cents.
enum Fixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../GutcheckCommandsTests/Fixtures/offset-fy").standardizedFileURL

    static func bytes(_ name: String) -> [UInt8] {
        [UInt8](FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)!)
    }

    static func analyze(asOf: Day? = nil) throws -> CompanyAnalysis {
        try analyze(plan: bytes("plan.yaml"), results: bytes("results.csv"), asOf: asOf)
    }

    static func analyze(plan yaml: [UInt8], results csv: [UInt8], asOf: Day? = nil) throws -> CompanyAnalysis {
        var diagnostics = Diagnostics()
        guard let plan = Plan.read(yaml: yaml, file: "plan.yaml", diagnostics: &diagnostics) else {
            throw Failure(diagnostics.items.map(\.formatted).joined(separator: "\n"))
        }
        let calendar = plan.calendar(cutOff: asOf)
        let ingest = ResultsIngest(plan: plan, calendar: calendar)
        ingest.checksTheDataReachesTheCutOff = false  // a few rows, to test the reader
        ingest.read(csv, file: "results.csv")
        ingest.finish()
        if ingest.diagnostics.hasErrors {
            throw Failure(ingest.diagnostics.items.map(\.formatted).joined(separator: "\n"))
        }
        return CompanyAnalysis(plan: plan, calendar: calendar, actuals: ingest.actuals, notes: ingest.notes)
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }
}

/// Diagnostics from reading a plan given as text.
func planErrors(_ yaml: String) -> [String] {
    var diagnostics = Diagnostics()
    _ = Plan.read(yaml: Array(yaml.utf8), file: "plan.yaml", diagnostics: &diagnostics)
    return diagnostics.errors.map(\.formatted)
}

/// Diagnostics from reading results (as text) against a small valid plan.
func resultErrors(_ csv: [UInt8], plan yaml: String = minimalPlan, strict: Bool = false, chunkSize: Int = 1 << 20,
                  file: String = "r.csv") -> (errors: [String], ingest: ResultsIngest) {
    var diagnostics = Diagnostics()
    let plan = Plan.read(yaml: Array(yaml.utf8), file: "plan.yaml", diagnostics: &diagnostics)!
    let ingest = ResultsIngest(plan: plan, calendar: plan.calendar(), strict: strict)
    ingest.checksTheDataReachesTheCutOff = false  // a few rows, to test the reader
    ingest.chunkSize = chunkSize
    ingest.read(csv, file: file)
    ingest.finish()
    return (ingest.diagnostics.errors.map(\.formatted), ingest)
}

let minimalPlan = """
    gutcheck: 1
    fiscal_year: 2026
    currency: USD
    regions:
      - id: northeast
        name: Northeast
        goals: { revenue: 1200, profit: 120 }
        sources:
          - { id: channel, name: Channel partners, revenue: 1200 }
    """

/// A small deterministic random generator (SplitMix64), so property tests repeat exactly.
struct Seeded: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Plan ids written as literals in tests (`region.id == "north"`). Production code spells an
/// id out (`Region.ID(text)`), so a stray literal cannot become an id there.
extension PlanID: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self.init(value) }
}
