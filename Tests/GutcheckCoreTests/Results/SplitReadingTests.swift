import Foundation
import Testing
@testable import GutcheckCore

/// Reading a file in two halves on two threads must give exactly what reading it in one
/// pass gives: the same figures, the same errors at the same lines, the same notes.
@Suite struct SplitReadingTests {
    func read(_ bytes: [UInt8], plan yaml: String = minimalPlan, threads: Int, chunkSize: Int = 7) -> ResultsIngest {
        var diagnostics = Diagnostics()
        let plan = Plan.read(yaml: Array(yaml.utf8), file: "plan.yaml", diagnostics: &diagnostics)!
        let ingest = ResultsIngest(plan: plan, calendar: plan.calendar())
        ingest.chunkSize = chunkSize
        ingest.threads = threads
        ingest.parallelMinimumSize = 0
        ingest.identicalRowCheckLimit = 2
        ingest.read(bytes, file: "r.csv")
        ingest.finish()
        return ingest
    }

    func expectSame(_ bytes: [UInt8], plan: String = minimalPlan, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for chunkSize in [1, 3, 7, 64, 1 << 20] {
            let serial = read(bytes, plan: plan, threads: 1, chunkSize: chunkSize)
            let split = read(bytes, plan: plan, threads: 2, chunkSize: chunkSize)
            #expect(serial.diagnostics.items.map(\.formatted) == split.diagnostics.items.map(\.formatted), sourceLocation: sourceLocation)
            // With errors nothing is reported, and reading stops at the error limit.
            guard !serial.diagnostics.hasErrors else { continue }
            #expect(serial.actuals.series.mapValues(\.current) == split.actuals.series.mapValues(\.current), sourceLocation: sourceLocation)
            #expect(serial.actuals.series.mapValues(\.prior) == split.actuals.series.mapValues(\.prior), sourceLocation: sourceLocation)
            #expect(serial.notes.files[0].rows == split.notes.files[0].rows, sourceLocation: sourceLocation)
            #expect(serial.notes.files[0].blankLines == split.notes.files[0].blankLines, sourceLocation: sourceLocation)
            #expect(serial.notes.files[0].afterCutOff == split.notes.files[0].afterCutOff, sourceLocation: sourceLocation)
        }
    }

    /// Inputs the fuzzer found (Corpus/split): each once crashed or split differently.
    @Test(arguments: ["fuzz-1.csv", "fuzz-2.csv", "fuzz-3.csv"])
    func fuzzFinding(_ name: String) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../Corpus/split/\(name)")
        let bytes = [UInt8](try #require(FileManager.default.contents(atPath: url.path)))
        expectSame(bytes)
        // fuzz-3 (../shared/fuzz-findings/results-two-threads-differ.bin) was found against
        // FuzzResults' first plan, which has a second source.
        expectSame(bytes, plan: minimalPlan.replacingOccurrences(of: "revenue: 1200 }", with: "revenue: 1000 }\n      - { id: web, name: Web, revenue: 200 }"))
    }

    @Test(arguments: 0..<30) func randomFiles(seed: Int) {
        var rng = Seeded(state: UInt64(seed))
        var text = "date,region,source,metric,value\n"
        let pieces = ["2026-01-0", "1", "northeast", "channel", "revenue", "leads", "\"", "\"\"", ",", "\n", "\r\n", "\r", "7.5", "x", " ", "2025-03-01"]
        for _ in 0..<(20 + Int(rng.next() % 40)) {
            if rng.next() % 3 == 0 {
                text += pieces[Int(rng.next() % UInt64(pieces.count))]
            } else {
                text += "2026-0\(1 + rng.next() % 9)-1\(rng.next() % 9),northeast,\(rng.next() % 2 == 0 ? "channel" : ""),revenue,\(rng.next() % 1000)\n"
            }
        }
        expectSame(Array(text.utf8))
    }
}
