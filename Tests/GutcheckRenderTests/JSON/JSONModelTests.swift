import Foundation
import Testing
@testable import GutcheckCore
@testable import GutcheckRender

/// summary.json's models and their coding (JSONModel): key order, null and omitted keys,
/// exact scalars, and where a damaged file is damaged.
@Suite struct JSONModelTests {
    struct Sample: Codable, Equatable {
        struct Part: Codable, Equatable {
            var amount: ExactDecimal
            var paid: Cents?
        }
        var zebra: String
        var apple: Int?
        var ratio: Double?
        var rarely: OmittedIfNil<Bool>
        var parts: [Part]
        var counts: KeyedList<Int>
        var day: Day

        static func == (a: Sample, b: Sample) -> Bool {
            a.zebra == b.zebra && a.apple == b.apple && a.ratio == b.ratio && a.rarely.value == b.rarely.value && a.parts == b.parts
                && a.counts.pairs.map(\.key) == b.counts.pairs.map(\.key) && a.counts.pairs.map(\.value) == b.counts.pairs.map(\.value)
                && a.day == b.day
        }
    }

    static var sample: Sample {
        Sample(zebra: "z", apple: nil, ratio: 0.25, rarely: .init(nil),
               parts: [.init(amount: .init(Decimal(string: "1234.5678")!), paid: .init(Decimal(string: "10.005")!))],
               counts: KeyedList([("b", 2), ("a", 1)]), day: Day(year: 2026, month: 6, day: 30)!)
    }

    @Test func keysComeOutInDeclarationOrderNilAsNullOmittedLeftOut() {
        let text = JSONModel.encode(Self.sample).serialized()
        #expect(text == """
            {
              "zebra": "z",
              "apple": null,
              "ratio": 0.25,
              "parts": [
                {
                  "amount": "1234.5678",
                  "paid": 10.01
                }
              ],
              "counts": {
                "b": 2,
                "a": 1
              },
              "day": "2026-06-30"
            }

            """)
        var rare = Self.sample
        rare.rarely = .init(false)
        guard case .object(let pairs) = JSONModel.encode(rare) else { Issue.record("not an object"); return }
        #expect(pairs.map(\.0) == ["zebra", "apple", "ratio", "rarely", "parts", "counts", "day"])
    }

    @Test func whatIsWrittenReadsBack() throws {
        let json = JSONModel.encode(Self.sample)
        let back = try JSONModel.decode(Sample.self, from: try JSONValue.parse(Array(json.serialized().utf8)), at: "")
        // Cents are written rounded, so they read back rounded.
        var expected = Self.sample
        expected.parts[0].paid = .init(Decimal(string: "10.01")!)
        #expect(back == expected)
        #expect(back.rarely.value == nil)
    }

    @Test(arguments: [
        (#"{"zebra": 1}"#, "sample.zebra"),
        (#"{"zebra": "z", "apple": 1.5, "parts": [], "counts": {}, "day": "2026-06-30"}"#, "sample.apple"),
        (#"{"zebra": "z", "parts": [{"amount": "1"}, {"amount": 2}], "counts": {}, "day": "2026-06-30"}"#, "sample.parts[1].amount"),
        (#"{"zebra": "z", "parts": [{"amount": "1e5"}], "counts": {}, "day": "2026-06-30"}"#, "sample.parts[0].amount"),
        (#"{"zebra": "z", "parts": [], "counts": {"a": "x"}, "day": "2026-06-30"}"#, "sample.counts.a"),
        (#"{"zebra": "z", "parts": [], "counts": {}, "day": "30/06/2026"}"#, "sample.day"),
        (#"{"zebra": "z", "parts": [], "counts": {}}"#, "sample.day"),
    ])
    func aDamagedValueIsNamedByItsPath(_ json: String, _ path: String) throws {
        let value = try JSONValue.parse(Array(json.utf8))
        #expect(throws: JSONModel.Damaged(path: path)) { try JSONModel.decode(Sample.self, from: value, at: "sample") }
    }

    @Test func dataNotesReadBackToTheSameBlock() throws {
        var file = DataNotes.FileCount(file: "deals.csv")
        file.rows = 12
        file.unknownValues = ["region 'mars'": .init(count: 3, lines: [4, 9, 11]), "source 'x'": .init(count: 1, lines: [2])]
        file.identicalRows = [(line: 7, firstLine: 3)]
        file.footer = (line: 14, lines: 2)
        file.openStages = ["Proposal": 4, "Discovery": 2]
        file.setAsideRevenue = Decimal(string: "120.5")!
        file.firstDate = Day(year: 2026, month: 1, day: 3)
        var notes = DataNotes()
        notes.files = [file]
        notes.missingMonths = [.init(region: Region.ID("emea"), source: Source.ID("web"), months: [YearMonth(year: 2026, month: 2)])]
        let written = DataNotesJSON.write(notes)
        let back = try DataNotesJSON.read(try JSONValue.parse(Array(written.serialized().utf8)))
        #expect(DataNotesJSON.write(back) == written)
        #expect(back.files[0].unknownValues["region 'mars'"] == .init(count: 3, lines: [4, 9, 11]))
        #expect(back.files[0].setAsideRevenue == Decimal(string: "120.5")!)
        // Keys written only when they have a value stay out otherwise.
        guard case .object(let pairs)? = written["files"].flatMap({ if case .array(let a) = $0 { return a.first } else { return nil } }) else {
            Issue.record("no file object"); return
        }
        #expect(!pairs.contains { $0.0 == "superseded_deals" || $0.0 == "unknown_rows_not_listed" })
        #expect(pairs.contains { $0.0 == "set_aside_revenue" })
    }

    @Test func aDamagedDataNotesBlockIsNamed() throws {
        let value = try JSONValue.parse(Array(#"{"rows": 1, "after_cut_off": 0, "older_than_prior_year": 0, "files": [{"file": "a.csv", "rows": "many"}], "missing_months": []}"#.utf8))
        #expect(throws: JSONModel.Damaged(path: "data_notes.files[0].rows")) { try DataNotesJSON.read(value) }
    }

    /// `--compare` reads an older summary of the same schema, which may lack keys added since.
    @Test func aComparisonReadsAnOlderSummaryWithFewerKeys() throws {
        let previous = #"{"schema": 1, "as_of": "2026-05-31", "totals": {"revenue": {"attainment": 0.9, "gap": -100, "status": "at_risk"}}, "regions": [{"id": "emea", "revenue": {"attainment": 0.8}}]}"#
        let current = try JSONValue.parse(Array(#"{"schema": 1, "as_of": "2026-06-30", "currency": "USD", "totals": {"revenue": {"attainment": 0.95, "gap": -50.5, "status": "on_track"}}, "regions": [{"id": "emea", "name": "EMEA", "revenue": {"attainment": 0.85}}, {"id": "apac", "name": "APAC"}]}"#.utf8))
        let changes = try Changes.compare(current: current, previous: Array(previous.utf8))
        #expect(changes.previousAsOf == "2026-05-31")
        #expect(changes.revenue?.gapChange == Decimal(string: "49.5")!)
        #expect(changes.revenue?.statusChanged == true)
        #expect(changes.regions.map(\.id.rawValue) == ["emea", "apac"])
        #expect(changes.regions[1].revenue == nil)
        let points = try #require(changes.regions[0].revenue?.attainmentChange)
        #expect(abs(points - 5) < 1e-9)
    }

    @Test func aComparisonNamesWhereAPreviousSummaryIsDamaged() throws {
        let previous = #"{"schema": 1, "regions": [{"id": "emea"}, {"id": 7}]}"#
        let current = try JSONValue.parse(Array(#"{"schema": 1}"#.utf8))
        #expect(throws: Changes.ReadError.self) { try Changes.compare(current: current, previous: Array(previous.utf8)) }
        do {
            _ = try Changes.compare(current: current, previous: Array(previous.utf8))
        } catch {
            #expect(error.description.hasPrefix("is damaged at regions[1].id;"))
        }
        #expect(throws: Changes.ReadError.self) { try Changes.compare(current: current, previous: Array(#"{"schema": 2}"#.utf8)) }
    }

    /// Number types other than Int and Double decode from the number's text (through their
    /// own conformances they would ask the decoder for themselves without end).
    @Test func otherNumberTypesDecode() throws {
        struct Numbers: Decodable {
            var big: Int64
            var small: UInt8
            var single: Float
            var exact: Decimal
            var none: Int32?
        }
        let value = try JSONValue.parse(Array(#"{"big": 9000000000, "small": 7, "single": 0.5, "exact": 1234.5678, "none": null}"#.utf8))
        let n = try JSONModel.decode(Numbers.self, from: value, at: "n")
        #expect(n.big == 9_000_000_000 && n.small == 7 && n.single == 0.5 && n.exact == Decimal(string: "1234.5678")! && n.none == nil)
        let tooBig = try JSONValue.parse(Array(#"{"big": 1, "small": 300, "single": 1, "exact": 1}"#.utf8))
        #expect(throws: JSONModel.Damaged(path: "n.small")) { try JSONModel.decode(Numbers.self, from: tooBig, at: "n") }
    }
}
