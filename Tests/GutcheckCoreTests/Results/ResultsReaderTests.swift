import Foundation
import Testing
@testable import GutcheckCore

/// The metric-form reader: RFC 4180 details, strict values, positions.
@Suite struct ResultsReaderTests {
    func csv(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func unknownRegionNamesItsPositionAndTheNearestId() {
        let (errors, _) = resultErrors(csv("date,region,source,metric,value\n2026-01-01,northest,channel,revenue,10\n"))
        #expect(errors == ["r.csv:2:12: error: unknown region 'northest' (did you mean 'northeast'?); add it to the plan, use its id or name, or map it under results.aliases"])
    }

    @Test func matchesByIdThenNameAfterTrimming() {
        let (errors, ingest) = resultErrors(csv("date,region,source,metric,value\n2026-01-01, Northeast ,Channel partners,revenue,10\n2026-01-02,northeast,channel,revenue,5\n"))
        #expect(errors.isEmpty)
        #expect(ingest.actuals.monthly(region: "northeast", metric: "revenue")[0] == 15)
    }

    @Test func strictNumbers() {
        let (errors, _) = resultErrors(csv("date,region,source,metric,value\n2026-01-01,northeast,channel,revenue,\"1,234\"\n2026-01-01,northeast,channel,revenue,\n"))
        #expect(errors == [
            "r.csv:2:38: error: expected a number like 1234.56 (digits, optional '-' and '.'), found '1,234'; to read it set results.numbers.thousands: \",\"",
            "r.csv:3:38: error: expected a number like 1234.56 (digits, optional '-' and '.'), found nothing",
        ])
    }

    @Test func badDatesAndMetrics() {
        let (errors, _) = resultErrors(csv("date,region,source,metric,value\n2026-02-30,northeast,channel,Revenue,1\n"))
        #expect(errors == [
            "r.csv:2:1: error: expected a date written YYYY-MM-DD, found '2026-02-30'; no such date",
            "r.csv:2:30: error: expected a metric name of lowercase letters, digits and '_' (e.g. revenue, won_deals), found 'Revenue'",
        ])
    }

    @Test func quotingLineEndsAndBOM() {
        let text = "\u{FEFF}Date , REGION,source,metric,value\r\n2026-01-01,\"northeast\",channel,revenue,1.5\r2026-01-01,northeast,\"channel\",revenue,\"2.25\"\n\n"
        let (errors, ingest) = resultErrors(csv(text))
        #expect(errors.isEmpty)
        #expect(ingest.actuals.monthly(region: "northeast", metric: "revenue")[0] == Decimal(string: "3.75"))
        #expect(ingest.notes.files[0].blankLines == 1)
    }

    @Test func structuralErrors() {
        let (errors, _) = resultErrors(csv("date,region,source,metric,value\n2026-01-01,north\"east,channel,revenue,1\n2026-01-01,\"northeast\"x,channel,revenue,1\n2026-01-01,northeast,channel,revenue\n\"open"))
        #expect(errors.contains("r.csv:2:17: error: a quote inside an unquoted field; quote the whole field and double the quote (\"\")"))
        #expect(errors.contains("r.csv:3:23: error: text after a closing quote; expected a delimiter or the end of the line"))
        #expect(errors.contains("r.csv:4:30: error: expected 5 fields as in the header, found 4"))
        #expect(errors.contains("r.csv:5:1: error: this quoted field is never closed; expected a closing quote (\")"))
    }

    @Test func invalidUTF8NamesTheByteColumn() {
        let bytes = csv("date,region,source,metric,value\n2026-01-01,northeast,Caf") + [0xE9] + csv(",revenue,1\n")
        let (errors, _) = resultErrors(bytes)
        #expect(errors == ["r.csv:2:25: error: invalid UTF-8 at byte column 25; the file looks like Windows-1252 or Latin-1: re-export it as UTF-8 or set results.encoding"])
    }

    @Test func headerMustBeRecognised() {
        let (errors, _) = resultErrors(csv("when,region,source,metric,value\n"))
        #expect(errors == ["r.csv:1:1: error: expected a header with the columns date,region,source,metric,value (metric form) or date,region,source,amount (deal export, or map yours under results.deals.columns); missing date"])
    }

    @Test func spreadsheetsAreRefused() {
        let (errors, _) = resultErrors([0x50, 0x4B, 0x03, 0x04, 0, 0])
        #expect(errors == ["r.csv:1:1: error: this is a spreadsheet workbook (.xlsx or .zip), not CSV; save it as CSV UTF-8"])
    }

    @Test func unknownValuesCanBeNotes() {
        let plan = minimalPlan.replacingOccurrences(of: "currency: USD", with: "currency: USD\nresults: { unknown: note }")
        let (errors, ingest) = resultErrors(csv("date,region,source,metric,value\n2026-01-01,mars,channel,revenue,1\n2026-01-01,northeast,channel,revenue,2\n"), plan: plan)
        #expect(errors.isEmpty)
        #expect(ingest.notes.files[0].unknownValues == ["region 'mars'": DataNotes.Occurrences(count: 1, lines: [2])])
        // When every row is set aside, nothing is measured: an error says why (SPEC §10.2).
        let (alone, _) = resultErrors(csv("date,region,source,metric,value\n2026-01-01,mars,channel,revenue,1\n"), plan: plan)
        #expect(alone == ["plan.yaml:2:1: error: no results row is dated within fiscal year 2026 up to the cut-off (2026-01-01 to 2026-06-30); of the 1 rows read, 1 name a region or source the plan does not have"])
    }

    @Test func chunkBoundariesDoNotMatter() {
        let text = csv("date,region,source,metric,value\n2026-01-01,\"north\neast\",channel,revenue,1\n2026-01-01,northeast,channel,revenue,\"2\"\"\"\r\n2026-01-01,Northeast,channel,revenue,4\r")
        let (expected, _) = resultErrors(text)
        for size in 1...text.count {
            let (errors, ingest) = resultErrors(text, chunkSize: size)
            #expect(errors == expected, "chunk size \(size)")
            #expect(ingest.notes.files[0].rows == 3)
        }
    }

    @Test func identicalRowsAreCountedAndNoted() {
        let (errors, ingest) = resultErrors(csv("date,region,source,metric,value\n2026-01-01,northeast,channel,revenue,5\n2026-01-01,northeast,channel,revenue,5\n"))
        #expect(errors.isEmpty)
        #expect(ingest.actuals.monthly(region: "northeast", metric: "revenue")[0] == 10)
        #expect(ingest.notes.files[0].identicalRows.map(\.line) == [3])
    }

    /// Amounts read from bytes equal `Decimal`'s reading of the same text, to the last digit.
    @Test(arguments: 0..<20) func amountsAreExact(seed: Int) {
        var rng = Seeded(state: UInt64(seed) &+ 1000)
        for _ in 0..<200 {
            let whole = (0..<(1 + Int(rng.next() % 20))).map { _ in String(rng.next() % 10) }.joined()
            let fraction = (0..<Int(rng.next() % 13)).map { _ in String(rng.next() % 10) }.joined()
            let text = (rng.next() % 2 == 0 ? "-" : "") + whole + (fraction.isEmpty ? "" : "." + fraction)
            let bytes = Array(text.utf8)
            let parsed = bytes.withUnsafeBufferPointer { FieldParsers.strictAmount($0.baseAddress!, 0, $0.count) }
            guard case .success(let amount) = parsed else {
                Issue.record("\(text) did not read")
                continue
            }
            let value: Decimal
            switch amount {
            case .nanos(let n): value = Tally.decimal(n)
            case .exact(let d): value = d
            }
            #expect(value == Decimal(string: text)!, "\(text)")
        }
    }
}
