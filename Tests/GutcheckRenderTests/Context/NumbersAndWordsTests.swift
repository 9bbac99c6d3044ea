import Foundation
import Testing
@testable import GutcheckRender
import GutcheckCore

/// SPEC §12.3–12.4: how numbers and the words around them read on a board page.
@Suite struct NumbersAndWordsTests {
    static let nbsp = "\u{00A0}"

    @Test(arguments: [
        ("4927000", "4.93M"), ("721234", "721K"), ("9085", "9.09K"), ("8000000", "8.00M"),
        ("999600", "1.00M"), ("999.4", "999"), ("950", "950"), ("1000", "1.00K"), ("10240", "10.2K"),
        ("-83455", "−83.5K"), ("-0.4", "0"), ("1234567890", "1.23B"), ("0", "0"),
    ])
    func compactMoneyHasThreeSignificantDigits(value: String, expected: String) {
        #expect(Money.compactNumber(Decimal(string: value)!) == expected)
    }

    /// The integer path for figures writes what Decimal arithmetic writes: a seeded sweep over
    /// signs, magnitudes (to 10^25), exponents and places, with the halves and the 999.5
    /// boundaries that move a figure to the next unit.
    @Test func figuresFromIntegersMatchDecimalArithmetic() {
        #expect(Decimal(string: "-12.5")!.exactParts! == (true, -1, 125), "the integer path is taken on this Foundation")
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ n: UInt64) -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state % n
        }
        var values = ["999.5", "-999.5", "999499.99", "999500", "0.5", "-0.5", "0.005", "1e30", "123456789012345678901234567890", "0"]
            .map { Decimal(string: $0)! }
        for _ in 0..<20_000 {
            let digits = 1 + Int(next(25))
            var mantissa = ""
            for i in 0..<digits { mantissa.append(String(next(10) == 0 && i > 0 ? 5 : next(10))) }
            let value = Decimal(string: (next(2) == 0 ? "-" : "") + mantissa)!
            values.append(Money.shifted(value, places: -Int(next(14))))
        }
        for value in values {
            for places in 0...3 {
                #expect(Money.plain(value, places: places) == Money.decimalPlain(value, places: places), "\(value) to \(places) places")
            }
            for significant in 2...4 {
                #expect(Money.compactNumber(value, digits: significant) == Money.decimalCompactNumber(value, digits: significant), "\(value), \(significant) digits")
            }
        }
    }

    /// Moving the exponent is Decimal division by a power of ten, exactly.
    @Test func shiftingIsDividingByPowersOfTen() {
        var values = ["0", "1", "999.9995", "123456789.123456789", "-83455", "1e30", "0.000001", "4927000.4"].map { Decimal(string: $0)! }
        var state: UInt64 = 3
        for _ in 0..<500 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            values.append(Decimal(sign: state & 1 == 0 ? .plus : .minus, exponent: Int(state >> 60) - 8, significand: Decimal(state >> 20)))
        }
        for value in values {
            for places in [1, 3, 6, 9, 12] {
                #expect(Money.shifted(value, places: -places) == value / pow(10, places), "\(value) ÷ 10^\(places)")
                #expect(Money.shifted(value, places: places) == value * pow(10, places), "\(value) × 10^\(places)")
            }
        }
    }

    @Test(arguments: [
        ("USD", "$4.93M", "−$83.5K"), ("EUR", "€4.93M", "−€83.5K"), ("GBP", "£4.93M", "−£83.5K"),
        ("JPY", "¥4.93M", "−¥83.5K"), ("SEK", "SEK\u{00A0}4.93M", "SEK\u{00A0}−83.5K"), ("CHF", "CHF\u{00A0}4.93M", "CHF\u{00A0}−83.5K"),
    ])
    func theCurrencySymbolWhereOneExistsElseItsCode(code: String, positive: String, negative: String) {
        let money = CurrencyFormat(Currency(code: code))
        #expect(money.compact(4_927_000) == positive)
        #expect(money.compact(-83_455) == negative)
    }

    @Test func tablesCarryWholeUnitsAndSignsThatRead() {
        #expect(Money.plain(Decimal(string: "1234567.5")!) == "1,234,568")
        #expect(Money.plain(Decimal(string: "-1234.5")!) == "−1,235")
        #expect(Money.signed(431_469) == "+431,469")
        #expect(Money.signed(Decimal(string: "-0.4")!) == "0")
        #expect(CurrencyFormat(Currency(code: "USD")).signedCompact(33_087) == "+$33.1K")
    }

    @Test func aPercentageHasOneDecimalAndANoBreakSpace() {
        #expect(Percent.format(0.92436) == "92.4\(Self.nbsp)%")
        #expect(Percent.format(1.0) == "100.0\(Self.nbsp)%")
        #expect(Percent.format(0.121) + " vs " + Percent.format(0.12) == "12.1\(Self.nbsp)% vs 12.0\(Self.nbsp)%")
        #expect(Percent.change(0.302) == "+30.2\(Self.nbsp)%")
        #expect(Percent.change(-0.1) == "−10.0\(Self.nbsp)%")
        #expect(Percent.change(0.00001) == "0.0\(Self.nbsp)%", "no sign on a change that rounds to nothing")
    }

    @Test(arguments: [
        ("$8.00M", "an"), ("$11.2M", "an"), ("$18K", "an"), ("$80.0K", "an"), ("$800K", "an"), ("$1.20M", "a"),
        ("$10.2M", "a"), ("$110K", "a"), ("$11,000", "an"), ("SEK\u{00A0}8.00M", "an"), ("€4.93M", "a"), ("−$8.00M", "an"),
    ])
    func articlesAgreeWithTheFigureReadAloud(figure: String, article: String) {
        #expect(Wording.article(before: figure) == article)
    }

    /// Counts are whole: "9 due by now", not "8.9"; money keeps its currency.
    @Test func countsAreWholeNumbers() {
        let usd = CurrencyFormat(Currency(code: "USD"))
        #expect(Wording.quantity(Decimal(string: "8.9")!, metric: "won_deals", money: usd) == "9")
        #expect(Wording.quantity(Decimal(string: "347.1")!, metric: "leads", money: usd) == "347")
        #expect(Wording.quantity(Decimal(string: "12345.5")!, metric: "qbrs_held", money: usd) == "12,346")
        #expect(Wording.quantity(Decimal(string: "1234.5")!, metric: "revenue", money: usd) == "$1,235")
        #expect(Wording.kpi(Decimal(string: "17.6")!, unit: .count, money: usd) == "18")
        #expect(Wording.kpi(Decimal(string: "0.121")!, unit: .percent, money: usd) == "12.1\(Self.nbsp)%")
    }

    @Test func twoAreBoth() {
        #expect(Wording.all(2) == "both")
        #expect(Wording.all(4) == "all 4")
        #expect(Wording.list(["5", "6", "8"]) == "5, 6 and 8")
    }

    /// A positive gap reads "ahead by", a negative one "behind", in the revenue line every
    /// view leads with; the call names an 8M goal with its article.
    @Test func aPositiveGapReadsAheadBy() {
        let calendar = FiscalCalendar(start: YearMonth(year: 2026, month: 1), asOf: Day(year: 2026, month: 6, day: 30)!)
        let say = Narrative(currency: Currency(code: "USD"), calendar: calendar)
        func figure(_ actual: Decimal) -> Figure {
            Figure(goal: 8_000_000, phasing: Phasing([Decimal](repeating: 1, count: 12)),
                   actual: [actual] + [Decimal?](repeating: 0, count: 5) + [Decimal?](repeating: nil, count: 6),
                   prior: [Decimal?](repeating: nil, count: 12), calendar: calendar, thresholds: Thresholds())
        }
        #expect(say.revenueLine(figure(4_431_469)) == "Revenue $4.43M of $4.00M planned to date (110.8\(Self.nbsp)%), ahead by $431K.")
        #expect(say.revenueLine(figure(3_582_027)) == "Revenue $3.58M of $4.00M planned to date (89.6\(Self.nbsp)%), $418K behind.")
        #expect(say.forecastCall(figure(4_000_000)).hasSuffix("against an $8.00M goal."))
    }

    /// Q2 says "dollars" only for dollars.
    @Test func theCurrencyNameFollowsThePlan() {
        #expect(CurrencyFormat(Currency(code: "USD")).pluralName == "dollars")
        #expect(CurrencyFormat(Currency(code: "EUR")).pluralName == "euros")
        #expect(CurrencyFormat(Currency(code: "GBP")).pluralName == "pounds")
        #expect(CurrencyFormat(Currency(code: "SEK")).pluralName == "SEK")
    }

    /// A leader's long words in a table cell or on the packet page: cut at a word, marked.
    @Test func longWordsAreClippedAtAWord() {
        #expect(Wording.clip("New logos", 60) == "New logos")
        #expect(Wording.clip("Restore the channel by recruiting three new value-added resellers", 30) == "Restore the channel by…")
        #expect(Wording.clip("Restore the channel, by recruiting", 21) == "Restore the channel…", "no stray comma before the mark")
        #expect(Wording.clip("Supercalifragilisticexpialidocious", 10) == "Supercali…", "one long word is cut inside")
        #expect(Wording.clip(String(repeating: "word ", count: 40), 90).count <= 90)
    }

    /// One table of status words, written three ways (issue 23: the sets had drifted).
    @Test func statusWordsComeFromOneTable() {
        let n = Self.nbsp
        #expect(Narrative.status(.atRisk) == "▲\(n)at\(n)risk")
        #expect(Narrative.status(.atRisk, style: .inline) == "at risk")
        #expect(Narrative.status(.atRisk, style: .headline) == "At risk")
        #expect(Narrative.status(nil) == "—\(n)no\(n)plan\(n)to\(n)date")
        #expect(Narrative.status(nil, style: .inline) == "not measurable yet")
        #expect(Narrative.status(nil, style: .headline) == "No plan to date yet")
        #expect(Narrative.status(nil, none: "no target") == "—\(n)no\(n)target")
        #expect(Narrative.status(.onTrack, measured: false) == "not\(n)measured")
        #expect(Narrative.status(.onTrack, measured: false, style: .headline) == "Not measured")
        for s in [Status.onTrack, .atRisk, .offTrack] {
            #expect(Narrative.status(s).hasSuffix(Narrative.status(s, style: .inline).replacingOccurrences(of: " ", with: n)))
        }
    }

    /// Focus-area titles come from the narrative layer alone (issue 23): the core gives a key
    /// and, for a source or KPI, the plan's name.
    @Test func focusTitlesComeFromTheNarrative() {
        func title(_ kind: FocusArea.Kind, _ id: String, _ name: String? = nil) -> String {
            Narrative.title(FocusArea.Key(kind: kind, id: id), name: name)
        }
        #expect(title(.source, "new-logos", "New logos") == "New logos")
        #expect(title(.kpi, "l2c", "Lead-to-close rate") == "Lead-to-close rate")
        #expect(title(.source, FocusArea.unassignedId) == "Unassigned goal")
        #expect(title(.source, FocusArea.unassignedId, "ignored") == "Unassigned goal", "the unassigned goal is never a plan's name")
        #expect(title(.profit, "profit") == "Profit")
        #expect(title(.driver, "leads") == "Lead volume", "the bridge's leads, and a funnel's top stage `leads`: one driver, one title")
        #expect(title(.driver, "lead_to_close") == "Lead-to-close conversion")
        #expect(title(.driver, "deal_size") == "Average deal size")
        #expect(title(.driver, "opportunities/leads") == "Conversion from leads to opportunities")
        #expect(title(.driver, "inquiries") == "Volume of inquiries")
        #expect(title(.driver, "won_deals/sales_qualified") == "Conversion from sales qualified to won deals")
    }
}
