import Foundation
import Testing
@testable import GutcheckCore

/// The bad- and odd-input corpus (Corpus/, made by scripts/make-corpus.py): every file
/// ends in the documented way — exact errors with file:line:column, or exact figures and
/// notes. A file named PLAN--what.csv is read with Corpus/results-plans/PLAN.yaml.
@Suite struct CorpusTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../Corpus").standardizedFileURL

    static func read(_ name: String) -> (errors: [String], ingest: ResultsIngest) {
        let plan = String(name.prefix { $0 != "-" })
        let yaml = try! String(contentsOf: folder.appendingPathComponent("results-plans/\(plan).yaml"), encoding: .utf8)
        let bytes = [UInt8](FileManager.default.contents(atPath: folder.appendingPathComponent("results/\(name)").path)!)
        return resultErrors(bytes, plan: yaml, strict: plan == "strict", file: name)
    }

    static let errorCases: [(String, [String])] = [
        // Encodings
        ("metric--utf16-with-bom.csv", ["1:1: error: this file is UTF-16; save it as CSV UTF-8 or set results.encoding: utf-16"]),
        ("metric--utf16-without-bom.csv", ["1:1: error: the file starts with NUL bytes: it looks like UTF-16 without a byte-order mark; save it as CSV UTF-8"]),
        ("utf16--utf8-file.csv", ["1:1: error: results.encoding is utf-16 but the file has no UTF-16 byte-order mark; save it as CSV UTF-8 or as UTF-16 with a byte-order mark"]),
        ("metric--windows-1252.csv", ["2:25: error: invalid UTF-8 at byte column 25; the file looks like Windows-1252 or Latin-1: re-export it as UTF-8 or set results.encoding"]),
        ("deals1252--undefined-byte.csv", ["2:50: error: byte 0x81 is not a character in Windows-1252; check results.encoding"]),
        ("metric--mojibake.csv", ["2:22: error: unknown source 'CafÃ© partners' of region 'northeast' (did you mean 'Café partners'?); add it to the plan, use its id or name, or map it under results.aliases"]),
        ("metric--nul-byte.csv", ["2:17: error: a NUL byte is not text; the file may be UTF-16 without a byte-order mark, or not CSV"]),
        ("metric--xlsx-renamed.csv", ["1:1: error: this is a spreadsheet workbook (.xlsx or .zip), not CSV; save it as CSV UTF-8"]),
        ("metric--xls-renamed.csv", ["1:1: error: this is an Excel 97-2003 workbook (.xls), not CSV; save it as CSV UTF-8"]),
        // Structure
        ("metric--unbalanced-quote.csv", ["3:12: error: this quoted field is never closed; expected a closing quote (\")"]),
        ("metric--text-after-quote.csv", ["2:23: error: text after a closing quote; expected a delimiter or the end of the line"]),
        ("metric--stray-quote.csv", ["2:17: error: a quote inside an unquoted field; quote the whole field and double the quote (\"\")"]),
        ("metric--too-many-fields.csv", ["2:41: error: expected 5 fields as in the header, found 6"]),
        ("metric--too-few-fields.csv", ["2:30: error: expected 5 fields as in the header, found 4"]),
        ("metric--duplicate-column.csv", ["1:33: error: column 'region' appears twice in the header; expected each column once"]),
        ("metric--missing-column.csv", ["1:1: error: expected a header with the columns date,region,source,metric,value (metric form) or date,region,source,amount (deal export, or map yours under results.deals.columns); missing value"]),
        ("metric--empty.csv", ["1:1: error: the file is empty; expected a header line such as date,region,source,metric,value"]),
        ("metric--quoted-newline.csv", ["4:38: error: expected a number like 1234.56 (digits, optional '-' and '.'), found 'ten'"]),
        ("strict--footer.csv", [
            "4:1: error: a report footer is not data (--strict); remove the footer lines or run without --strict",
            "plan.yaml:9:9: error: no results rows for northeast / channel in 2026-02, 2026-03, 2026-04, 2026-05, 2026-06 (--strict); add the months' rows or run without --strict",
            "plan.yaml:10:9: error: no results rows for northeast / cafe in 2026-01, 2026-02, 2026-03, 2026-04, 2026-05, 2026-06 (--strict); add the months' rows or run without --strict",
        ]),
        // Numbers
        ("metric--currency-symbol.csv", ["2:38: error: expected a number like 1234.56 (digits, optional '-' and '.'), found '$1234.50'; to read it set results.numbers.currency_symbols: true"]),
        ("metric--thousands-separator.csv", ["2:38: error: expected a number like 1234.56 (digits, optional '-' and '.'), found '1,234'; to read it set results.numbers.thousands: \",\""]),
        ("metric--parentheses-negative.csv", ["2:38: error: expected a number like 1234.56 (digits, optional '-' and '.'), found '(12.50)'; to read it set results.numbers.negative_parentheses: true"]),
        ("metric--percent.csv", ["2:38: error: expected a number like 1234.56 (digits, optional '-' and '.'), found '12%'; percentages are not amounts"]),
        ("metric--nan-inf.csv", [
            "2:38: error: expected a number like 1234.56 (digits, optional '-' and '.'), found 'NaN'",
            "3:38: error: expected a number like 1234.56 (digits, optional '-' and '.'), found 'Infinity'",
        ]),
        ("metric--empty-value.csv", ["2:38: error: expected a number like 1234.56 (digits, optional '-' and '.'), found nothing"]),
        ("metric--overflow.csv", ["2:38: error: the number '123456789012345678901234567890' is too large (more than 20 digits before the point)"]),
        ("metric--exponent.csv", ["2:38: error: expected a number like 1234.56 (digits, optional '-' and '.'), found '1e6'"]),
        ("lenient--bad-grouping.csv", [
            "2:38: error: expected a number like 1234.56 (digits, optional '-' and '.'), found '1,23,456'",
            "3:38: error: expected a number like 1234.56 (digits, optional '-' and '.'), found '€5'; '€' is not the plan's currency (USD): convert these amounts, check the plan's currency, or, where a region sells in it, give that region its currency: and the plan an fx: rate for it",
        ]),
        ("deals--won-without-amount.csv", ["2:28: error: expected a number like 1234.56 (digits, optional '-' and '.'), found nothing"]),
        // Dates
        ("deals--day-first.csv", ["2:1: error: expected a date written M/D/YYYY, found '13/01/2026'; this looks day-first: set results.deals.date_format: D/M/YYYY"]),
        ("deals--mixed-dates.csv", ["3:1: error: expected a date written M/D/YYYY, found '2026-01-06'; for dates like this set results.deals.date_format: YYYY-MM-DD"]),
        ("deals--excel-serial.csv", ["2:1: error: expected a date written M/D/YYYY, found '46027'; it looks like an Excel date serial number: format the column as a date before exporting"]),
        ("metric--impossible-date.csv", [
            "2:1: error: expected a date written YYYY-MM-DD, found '2026-02-29'; no such date",
            "3:1: error: expected a date written YYYY-MM-DD, found '2026-13-01'; no such date",
        ]),
        // Injection
        ("metric--formula.csv", [
            "2:38: error: expected a number like 1234.56 (digits, optional '-' and '.'), found '=SUM(A1:A9)'; it looks like a spreadsheet formula",
            "3:12: error: unknown region '=cmd|' /C calc'!A0' (expected one of: northeast); add it to the plan, use its id or name, or map it under results.aliases",
        ]),
        // SPEC §10.5: user text in a message is cut to 60 characters and its control characters escaped.
        ("metric--huge-field.csv", ["2:12: error: unknown region '" + String(repeating: "x", count: 60) + "… (1048576 bytes)' (expected one of: northeast); add it to the plan, use its id or name, or map it under results.aliases"]),
        ("metric--control-date.csv", ["2:1: error: expected a date written YYYY-MM-DD, found '2026-01-0\\u{1B}5'; no such date"]),
        ("metric--control-region.csv", ["2:12: error: unknown region 'north\\u{1B}[2Jeast' (expected one of: northeast); add it to the plan, use its id or name, or map it under results.aliases"]),
        ("metric--control-source.csv", ["2:22: error: unknown source 'chan\\u{7}nel' of region 'northeast' (did you mean 'channel'?); add it to the plan, use its id or name, or map it under results.aliases"]),
        ("metric--control-metric.csv", ["2:30: error: expected a metric name of lowercase letters, digits and '_' (e.g. revenue, won_deals), found 'reve\\u{1B}nue'"]),
        ("metric--control-value.csv", ["2:38: error: expected a number like 1234.56 (digits, optional '-' and '.'), found '1\\u{1B}0'"]),
        // SPEC §10.2: no measurement at all
        ("deals--header-only.csv", ["1:1: error: the file has a header and no rows; expected rows dated from 2026-01-01 through the cut-off 2026-06-30"]),
        ("metric--year-before.csv", ["plan.yaml:2:1: error: no results row is dated within fiscal year 2026 up to the cut-off (2026-01-01 to 2026-06-30); the rows run from 2025-01-05 to 2025-11-30, the fiscal year before: did you mean fiscal_year: 2025?"]),
        ("metric--year-after.csv", ["plan.yaml:2:1: error: no results row is dated within fiscal year 2026 up to the cut-off (2026-01-01 to 2026-06-30); the rows run from 2027-02-05 to 2027-03-01, the fiscal year after: did you mean fiscal_year: 2027?"]),
        ("metric--after-cut-off-only.csv", ["plan.yaml:2:1: error: no results row is dated within fiscal year 2026 up to the cut-off (2026-01-01 to 2026-06-30); the rows run from 2026-09-05 to 2026-10-01, all after the cut-off: set as_of (or --as-of) to a date on or after 2026-09-05"]),
        // SPEC §10.3: a column where every value fails the same way: ten lines, a count, and the option that reads them
        ("deals--every-date-iso.csv", ["2:1: error: expected a date written M/D/YYYY, found '2026-01-01' — every value in column 'Close Date' (25 rows) fails the same way; set results.deals.date_format: YYYY-MM-DD to read them all"]
            + (2...10).map { "\($0 + 1):1: error: expected a date written M/D/YYYY, found '2026-01-\(String(format: "%02d", $0))'; for dates like this set results.deals.date_format: YYYY-MM-DD" }
            + ["12:1: error: 15 more rows have the same problem in column 'Close Date' (lines 12–26); 25 rows in all"]),
        ("metric--every-value-thousands.csv", ["2:38: error: expected a number like 1234.56 (digits, optional '-' and '.'), found '1,001' — every value in column 'value' (12 rows) fails the same way; set results.numbers.thousands: \",\" to read them all"]
            + (2...10).map { "\($0 + 1):38: error: expected a number like 1234.56 (digits, optional '-' and '.'), found '1,\(String(format: "%03d", $0))'; to read it set results.numbers.thousands: \",\"" }
            + ["12:38: error: 2 more rows have the same problem in column 'value' (lines 12–13); 12 rows in all"]),
        // SPEC §10.4: a sign that is not the plan's currency
        ("eur--foreign-currency.csv", ["2:38: error: expected a number like 1234.56 (digits, optional '-' and '.'), found '$1,200.50'; '$' is not the plan's currency (EUR): convert these amounts, check the plan's currency, or, where a region sells in it, give that region its currency: and the plan an fx: rate for it"]),
        // SPEC §10.1: every deal would be open
        ("dealsnowon--no-won-list.csv", ["plan.yaml:5:3: error: results.deals maps a stage column ('Stage') but lists no won stages, so every deal in dealsnowon--no-won-list.csv would be open and its revenue 0; the stages found are Won: 3, Lost: 1, Proposal: 1; list the won ones under won: (and the lost ones under lost:)"]),
        ("deals--no-stage-matches.csv", ["plan.yaml:7:5: error: no deal in deals--no-stage-matches.csv has a won or lost stage (won: 'Closed Won'), so every deal would be open and its revenue 0; the stages found are Lost: 1, Won: 1; list the won ones under results.deals.won (and the lost ones under lost:)"]),
        // Semantics
        ("metric--unknown-region.csv", ["2:12: error: unknown region 'northest' (did you mean 'northeast'?); add it to the plan, use its id or name, or map it under results.aliases"]),
        ("metric--unknown-source.csv", ["2:22: error: unknown source 'chanel' of region 'northeast' (did you mean 'channel'?); add it to the plan, use its id or name, or map it under results.aliases"]),
        ("strict--identical-rows.csv", [
            "3:1: error: this row is identical to line 2 (--strict); remove the duplicate or run without --strict",
            "plan.yaml:9:9: error: no results rows for northeast / channel in 2026-02, 2026-03, 2026-04, 2026-05, 2026-06 (--strict); add the months' rows or run without --strict",
            "plan.yaml:10:9: error: no results rows for northeast / cafe in 2026-01, 2026-02, 2026-03, 2026-04, 2026-05, 2026-06 (--strict); add the months' rows or run without --strict",
        ]),
    ]

    @Test(arguments: errorCases)
    func endsInTheseErrors(_ name: String, _ expected: [String]) {
        let (errors, _) = Self.read(name)
        #expect(errors == expected.map { $0.hasPrefix("plan.yaml") ? $0 : "\(name):\($0)" })
    }

    /// Revenue by fiscal month (January fiscal year) for the channel and café sources.
    static func revenue(_ ingest: ResultsIngest, _ source: Source.ID = "channel", metric: String = "revenue") -> [Decimal?] {
        ingest.actuals.monthly(region: "northeast", scope: .source(source), metric: metric)
    }

    static func d(_ s: String) -> Decimal { Decimal(string: s)! }

    @Test func byteOrderMarkAndCRLF() {
        let (errors, ingest) = Self.read("metric--bom-crlf.csv")
        #expect(errors.isEmpty)
        #expect(Self.revenue(ingest)[0...1] == [10, 5])
    }

    @Test func utf16BothByteOrders() {
        let (le, little) = Self.read("utf16--utf16-le.csv")
        #expect(le.isEmpty)
        #expect(Self.revenue(little, "cafe")[0] == 10)
        #expect(Self.revenue(little)[0] == Self.d("2.5"))
        let (be, big) = Self.read("utf16--utf16-be.csv")
        #expect(be.isEmpty)
        #expect(Self.revenue(big, "cafe")[0] == 10)
    }

    @Test func windows1252DealExport() {
        let (errors, ingest) = Self.read("deals1252--windows-1252.csv")
        #expect(errors.isEmpty)
        #expect(Self.revenue(ingest, "cafe")[0] == Self.d("100.5"))
        #expect(ingest.notes.files[0].encoding == "windows-1252")
        // A UTF-8 byte-order mark wins over the declared encoding (SPEC §8.6).
        let (bomErrors, bom) = Self.read("deals1252--utf8-bom-wins.csv")
        #expect(bomErrors.isEmpty)
        #expect(Self.revenue(bom, "cafe")[0] == 100)
    }

    @Test func debrisIsSkippedAndNoted() {
        let (e1, repeated) = Self.read("metric--repeated-header.csv")
        #expect(e1.isEmpty && repeated.notes.files[0].repeatedHeaders == [3])
        #expect(Self.revenue(repeated)[0...1] == [10, 5])
        let (e1b, concatenated) = Self.read("metric--concatenated-with-bom.csv")
        #expect(e1b.isEmpty && concatenated.notes.files[0].repeatedHeaders == [3])
        #expect(Self.revenue(concatenated)[0...1] == [10, 5])
        let (e2, trailing) = Self.read("metric--trailing-empty-rows.csv")
        #expect(e2.isEmpty && trailing.notes.files[0].blankLines == 3 && trailing.notes.files[0].rows == 1)
        let (e3, footer) = Self.read("deals--salesforce-footer.csv")
        #expect(e3.isEmpty)
        #expect(footer.notes.files[0].footer?.line == 4 && footer.notes.files[0].footer?.lines == 5)
        #expect(Self.revenue(footer)[0] == 100 && footer.notes.files[0].rows == 1)
        // A header with no rows is no measurement at all (SPEC §10.2).
        let (e4, header) = Self.read("metric--header-only.csv")
        #expect(e4 == ["metric--header-only.csv:1:1: error: the file has a header and no rows; expected rows dated from 2026-01-01 through the cut-off 2026-06-30"])
        #expect(header.notes.files[0].rows == 0)
        let (e5, cr) = Self.read("metric--lone-cr.csv")
        #expect(e5.isEmpty && Self.revenue(cr)[0] == 11)
    }

    @Test func leniencyOptions() {
        let (errors, ingest) = Self.read("lenient--currency-thousands-parentheses.csv")
        #expect(errors.isEmpty)
        // 1,234.50 − 200.25 + 99 − 0.25
        #expect(Self.revenue(ingest)[0] == Self.d("1133"))
        let (e2, comma) = Self.read("semicolon--decimal-comma.csv")
        #expect(e2.isEmpty)
        #expect(Self.revenue(comma)[0] == Self.d("1234"))
    }

    @Test func longDecimalsAreSummedExactly() {
        let (errors, ingest) = Self.read("metric--many-decimals.csv")
        #expect(errors.isEmpty)
        #expect(Self.revenue(ingest)[0] == Self.d("1.1235567890130"))
    }

    @Test func dealExportWithUSDatesAliasesAndStages() {
        let (errors, ingest) = Self.read("deals--us-dates.csv")
        #expect(errors.isEmpty)
        #expect(Self.revenue(ingest)[0] == Self.d("100.1234"))
        #expect(Self.revenue(ingest, metric: "profit")[0] == Self.d("10.5"))
        #expect(Self.revenue(ingest, "cafe")[5] == 25)  // "NE" alias, name match, "closed won " stage
        #expect(ingest.actuals.monthly(region: "northeast", scope: .source("channel"), metric: "revenue", prior: true)[11] == 50)
        #expect(Self.revenue(ingest, metric: "won_deals")[0] == 1)
        #expect(Self.revenue(ingest, metric: "lost_deals")[1] == 1)
        let f = ingest.notes.files[0]
        #expect(f.form == "deal" && f.wonRows == 4 && f.lostRows == 1 && f.afterCutOff == 1 && f.priorYear == 1)
        #expect(f.openStages == ["Negotiation": 3])
        // Only the open deal closing in the rest of the year is pipeline; the one dated before
        // the cut-off and the one after the year are counted in the notes.
        #expect(ingest.actuals.openDeals[Actuals.OpenDealsKey(region: "northeast", source: "channel", stage: "Negotiation")]
                == Actuals.OpenDeals(count: 1, amount: 80))
        #expect(f.openOverdue == 1 && f.openAfterYear == 1)
    }

    @Test func dayFirstAndISODateTimes() {
        let (e1, dmy) = Self.read("dealsdmy--day-first.csv")
        #expect(e1.isEmpty)
        #expect(Self.revenue(dmy)[0] == 100 && Self.revenue(dmy)[1] == 1)
        // A date-time counts on the date as written, whatever its offset.
        let (e2, iso) = Self.read("dealsiso--time-zones.csv")
        #expect(e2.isEmpty)
        #expect(Self.revenue(iso)[5] == 100 && Self.revenue(iso)[0] == 3)
        #expect(iso.notes.files[0].afterCutOff == 1)
        // A time of day after a slashed date is read and dropped (SPEC §14.3).
        let (e3, timed) = Self.read("deals--time-of-day.csv")
        #expect(e3.isEmpty)
        #expect(Self.revenue(timed)[0] == 100)
    }

    @Test func misspeltStagesAreListedAsOpen() {
        let (errors, ingest) = Self.read("deals--stage-spelling.csv")
        #expect(errors.isEmpty)
        #expect(Self.revenue(ingest)[0] == 100)
        #expect(ingest.notes.files[0].openStages == ["Closed-Won": 1])
    }

    @Test func unknownValuesAsNotesKeepHostileTextAsData() {
        let (errors, ingest) = Self.read("note--html-and-markdown-names.csv")
        #expect(errors.isEmpty)
        #expect(Self.revenue(ingest)[0] == 3)
        #expect(ingest.notes.files[0].unknownValues["region '<script>alert(1)</script>'"] == DataNotes.Occurrences(count: 1, lines: [2]))
        #expect(ingest.notes.files[0].unknownValues["source '**bold** [x](javascript:alert(1))'"]?.lines == [3])
    }

    @Test func identicalRowsAreNotedAndCounted() {
        let (errors, ingest) = Self.read("metric--identical-rows.csv")
        #expect(errors.isEmpty)
        #expect(Self.revenue(ingest)[0] == 20)
        #expect(ingest.notes.files[0].identicalRows.map(\.line) == [3])
        #expect(ingest.notes.missingMonths.first == DataNotes.MissingMonths(
            region: "northeast", source: "channel", months: (2...6).map { YearMonth(year: 2026, month: $0) }))
    }

    @Test func openDealsWithoutDateOrAmountAreNormal() {
        // SPEC §10.6: an open deal with no close date or no amount is no error; won and lost still need both.
        let (errors, ingest) = Self.read("deals--open-without-date-or-amount.csv")
        #expect(errors.isEmpty)
        let f = ingest.notes.files[0]
        #expect(f.openWithoutDate == 2 && f.openWithoutAmount == 2)
        #expect(f.openStages == ["Prospecting": 1, "Proposal": 2])
        #expect(Self.revenue(ingest)[0] == 100)
        // Only the dated open deal closing in the rest of the year is pipeline: a deal with no
        // amount, not a deal worth 0 (SPEC §13.6).
        #expect(ingest.actuals.openDeals[Actuals.OpenDealsKey(region: "northeast", source: "channel", stage: "Proposal")]
                == Actuals.OpenDeals(count: 1, amount: 0, unvalued: 1))
    }

    @Test func controlCharactersInAStageAreData() {
        let (errors, ingest) = Self.read("deals--control-stage.csv")
        #expect(errors.isEmpty)
        #expect(ingest.notes.files[0].openStages == ["Neg\u{1B}otiation": 1])
    }

    /// Fuzz findings: the same errors whether a file is read on one thread or two. A blank
    /// line and a footer before the middle put the second half in footer mode, which a reader
    /// starting there cannot know; and errors past the shown limit must be counted (and
    /// grouped) alike either way.
    @Test(arguments: ["metric--footer-across-split.csv", "metric--errors-across-split.csv"])
    func aFileReadsAlikeOnTwoThreads(_ name: String) {
        let (serial, one) = Self.read(name)
        let plan = try! String(contentsOf: Self.folder.appendingPathComponent("results-plans/metric.yaml"), encoding: .utf8)
        let bytes = [UInt8](FileManager.default.contents(atPath: Self.folder.appendingPathComponent("results/\(name)").path)!)
        var diagnostics = Diagnostics()
        let p = Plan.read(yaml: Array(plan.utf8), file: "plan.yaml", diagnostics: &diagnostics)!
        for chunk in [1, 7, 4096] {
            let ingest = ResultsIngest(plan: p, calendar: p.calendar())
            ingest.checksTheDataReachesTheCutOff = false  // a few rows, to test the reader
            ingest.chunkSize = chunk
            ingest.threads = 2
            ingest.parallelMinimumSize = 0
            ingest.identicalRowCheckLimit = 2
            ingest.read(bytes, file: name)
            ingest.finish()
            #expect(ingest.diagnostics.errors.map(\.formatted) == serial, "chunk \(chunk)")
            #expect(ingest.diagnostics.errorCount == one.diagnostics.errorCount)
            #expect(ingest.notes.files[0].footer?.line == one.notes.files[0].footer?.line)
        }
    }

    @Test func theCorpusIsComplete() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.appendingPathComponent("results").path)
        #expect(files.count >= 40)
        let covered = Set(Self.errorCases.map(\.0))
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        for file in files where !covered.contains(file) {
            #expect(source.contains("\"\(file)\""), "\(file) has no test")
        }
    }

    @Test(arguments: ["tabs.yaml", "eleven-phasing.yaml", "bad-delimiter.yaml", "same-separators.yaml",
                      "deals-missing-amount.yaml", "bad-date-format.yaml", "alias-to-nowhere.yaml", "billion-laughs.yaml",
                      "fuzz-empty-fiscal-year.yaml"])
    func badPlansEndInPositionedErrors(_ name: String) throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent("plans/\(name)"), encoding: .utf8)
        let errors = planErrors(text)
        #expect(!errors.isEmpty)
        #expect(errors.allSatisfy { $0.range(of: #"^plan\.yaml:\d+:\d+: error: "#, options: .regularExpression) != nil })
    }
}
