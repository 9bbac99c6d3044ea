import Foundation
import Testing
@testable import GutcheckCore

/// Memory stays with regions × sources × months (SPEC §6), whatever a column holds: past
/// `Tally.Dimension.limit` distinct metrics, stages, owners or loss reasons the run is one
/// error at the file's header, the same on one thread or two; unknown values set aside under
/// `results.unknown: note` are listed up to a thousand and the rest counted (issue 26, item 5).
@Suite struct DistinctLimitTests {
    func read(_ csv: String, plan yaml: String, threads: Int) -> ResultsIngest {
        var diagnostics = Diagnostics()
        let plan = Plan.read(yaml: Array(yaml.utf8), file: "plan.yaml", diagnostics: &diagnostics)!
        let ingest = ResultsIngest(plan: plan, calendar: plan.calendar())
        ingest.checksTheDataReachesTheCutOff = false  // a few rows, to test the reader
        ingest.threads = threads
        ingest.parallelMinimumSize = 0
        ingest.read(Array(csv.utf8), file: "r.csv")
        ingest.finish()
        return ingest
    }

    @Test func aMetricColumnOfIdsIsOneErrorAtTheHeader() {
        var csv = "date,region,source,metric,value\n"
        for i in 0..<1_200 { csv += "2026-01-05,northeast,channel,m\(i),1\n" }
        for threads in [1, 2] {
            let errors = read(csv, plan: minimalPlan, threads: threads).diagnostics.errors.map(\.formatted)
            #expect(errors == ["r.csv:1:1: error: column 'metric' holds more than 1,000 distinct metric names across the results; a column this varied holds ids or free text — map the right column under results.deals.columns, or group the values before exporting"], "\(threads)")
        }
        // At the limit it reads.
        var fine = "date,region,source,metric,value\n"
        for i in 0..<(1_000 - 4) { fine += "2026-01-05,northeast,channel,m\(i),1\n" }
        #expect(read(fine, plan: minimalPlan, threads: 1).diagnostics.errors.isEmpty)
    }

    @Test func ownersAndReasonsPastTheLimitAreOneErrorEach() {
        var csv = "Close,Region,Source,Amount,Stage,Owner,Why\n"
        for i in 0..<10_050 { csv += "2026-02-0\(1 + i % 9),north,,\(i),\(i % 2 == 0 ? "Closed Won" : "Closed Lost"),rep-\(i),reason \(i)\n" }
        for threads in [1, 2] {
            let errors = read(csv, plan: FunnelAndOwnersTests.dealPlan, threads: threads).diagnostics.errors.map(\.formatted)
            #expect(errors.count == 1, "\(errors)")
            #expect(errors.first?.hasPrefix("r.csv:1:1: error: column 'Owner' holds more than 10,000 distinct owners") == true, "\(errors)")
        }
    }

    @Test func unknownValuesPastAThousandAreCountedNotListed() {
        let plan = minimalPlan.replacingOccurrences(of: "regions:", with: "results: { unknown: note }\nregions:")
        var csv = "date,region,source,metric,value\n2026-01-05,northeast,channel,revenue,5\n"
        for i in 0..<1_500 { csv += "2026-01-05,elsewhere-\(i),channel,revenue,1\n2026-01-06,elsewhere-\(i),channel,revenue,1\n" }
        for threads in [1, 2] {
            let file = read(csv, plan: plan, threads: threads).notes.files[0]
            #expect(file.unknownValues.count == DataNotes.FileCount.unknownValuesKept, "\(threads)")
            #expect(file.unknownValues["region 'elsewhere-0'"]?.count == 2)
            #expect(file.unknownValues["region 'elsewhere-1200'"] == nil)
            #expect(file.unknownValues.values.reduce(0) { $0 + $1.count } + file.unknownRowsNotListed == 3_000)
        }
    }
}
