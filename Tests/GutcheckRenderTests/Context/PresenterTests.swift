import Foundation
import Testing
@testable import GutcheckCore
@testable import GutcheckRender

/// Each presenter on its own (issue 23): what it hands a template is the narrative layer's
/// words for the core's facts, and nothing is worded twice.
@Suite struct RegionPresenterTests {
    static func presenter(_ company: CompanyAnalysis, region id: Region.ID = Region.ID("north")) throws -> RegionPresenter {
        let analysis = try #require(company.regions.first { $0.region.id == id })
        return RegionPresenter(analysis: analysis, company: company, charts: [:], indexLink: "../index.md")
    }

    @Test func theHeadlineAndTheFocusAreasAreTheNarrativesWords() throws {
        let company = try RenderFixture.analyze()
        let p = try Self.presenter(company)
        let page = p.page()
        #expect(page.id == "north" && page.name == "North" && page.leaderLabel == "Ana Lima" && page.indexLink == "../index.md")
        // Revenue $395K of $400K planned to date (98.8 %): at risk.
        #expect(page.headline.status == "At risk")
        // Q10, by hand: profit's whole $60K shortfall; Direct's part of the $5K gap, net of
        // Partners' gains; the lead-to-close driver's part of the other split, which overlaps it.
        let focus = p.focus()
        #expect(focus.rows.map(\.rank) == ["1", "2", "3"])
        #expect(focus.rows.map(\.title) == ["Profit", "Direct", "Lead-to-close conversion"])
        #expect(focus.rows.map(\.atStake) == ["60,000", "4,999", "4,732"])
        #expect(focus.rows[1].overlaps == nil && focus.rows[2].overlaps == "overlaps #2", "a row names only the rows above it")
        #expect(focus.rows[2].why.hasPrefix("cost $88.7K of revenue to date in the funnel-driver split; net of gains elsewhere in its split, $4.73K of the $5.00K gap; overlaps Direct"))
        #expect(!focus.hasLeader && focus.leader == nil, "the plan gives no focus areas of the leader's")
        // Q7 opens with the gap in one sentence.
        #expect(p.learned().intro.hasPrefix("Revenue is $5.00K behind plan."))
    }

    @Test func anUnnamedLeaderIsTheLeader() throws {
        let company = try RenderFixture.analyze()
        let page = try Self.presenter(company, region: Region.ID("south")).page()
        #expect(page.leaderLabel == "The leader" && page.leaderInText == "the leader" && page.leader == nil)
    }

    /// The leader's pick beside the data's first: agreement in one sentence, and a mark when they differ.
    @Test func theLeadersPickIsComparedWithTheDatas() throws {
        func theOne(_ pick: String) throws -> (RegionPage.TheOne, RegionAnalysis) {
            let company = try RenderFixture.analyze { plan in
                plan.replacingOccurrences(of: "    leader: Ana Lima\n", with: "    leader: Ana Lima\n    midyear: { the_one: \"\(pick)\" }\n")
            }
            let p = try Self.presenter(company)
            return (p.theOne(), p.analysis)
        }
        let (_, analysis) = try theOne("anything")
        let first = try #require(analysis.theOne)
        #expect(first.title == "Profit")
        let (agreeing, _) = try theOne("Profit margin")
        #expect(agreeing.leader == "Profit margin")
        #expect(agreeing.comparison == "The data ranks the same area first." && !agreeing.differs)
        let (differing, _) = try theOne("Something else entirely")
        #expect(differing.comparison == "The data ranks another area first: Profit — bring both to the review.")
        #expect(differing.differs)
    }

    /// The unanswered questions are found once (the core) and listed in one sentence.
    @Test func theUnansweredQuestionsAreFoundOnce() throws {
        let company = try RenderFixture.analyze()
        let north = try #require(company.regions.first)
        #expect(north.unanswered == Unanswered(questions: [5, 6, 7, 8, 9, 10, 11], changes: true))
        #expect(try Self.presenter(company).unanswered() == "questions 5, 6, 7, 8, 9, 10, 11 and the changes made")
        #expect(north.owed.last?.owes == .answers(questions: [5, 6, 7, 8, 9, 10, 11], changes: true))
        #expect(Narrative.unanswered(Unanswered(questions: [9], changes: false)) == "question 9")
        #expect(Narrative.unanswered(Unanswered(questions: [], changes: true)) == "the changes made")
        #expect(Narrative.unanswered(Unanswered(questions: [], changes: false)) == nil)
    }

    @Test func nothingToStopIsFittedToThePlan() throws {
        let company = try RenderFixture.analyze()
        let north = try #require(company.regions.first).region
        #expect(Narrative.nothingToStop(north, atRisk: Decimal(string: "0.9")!)
                == "The plan lists no objectives or actions to judge.")
    }

    @Test func theGapAndItsPartInNoSourceReadAsOneSentenceEach() {
        let say = Narrative(currency: Currency(code: "USD"), calendar: FiscalCalendar(start: YearMonth(year: 2026, month: 1), asOf: Day(year: 2026, month: 6, day: 30)!))
        #expect(say.gapLine(-417_973) == "Revenue is $418K behind plan.")
        #expect(say.gapLine(1_500) == "Revenue is ahead of plan by $1.50K.")
        #expect(say.gapLine(0) == "Revenue is on plan.")
        #expect(say.sourcesMismatch(sourcesTotal: 900_000, goal: 1_000_000)
                == "The sources' goals add up to $900,000, $100,000 short of the revenue goal of $1,000,000; the difference is “Not assigned to a source”.")
        #expect(Narrative.theOneComparison(nil, dataPick: nil) == "The data shows no gap to rank; the pick stands on the leader's judgement.")
    }
}

@Suite struct IndexPresenterTests {
    /// The roll-up's one-focus cell: the leader's words first, the data's beside them only when they differ.
    @Test func thePickCellPutsTheLeaderFirst() {
        #expect(Narrative.theOneCell(leader: "New logos", data: "New logos", differs: false) == "New logos")
        #expect(Narrative.theOneCell(leader: "Channel", data: "Lead volume", differs: true) == "Channel ≠ data: Lead volume")
        #expect(Narrative.theOneCell(leader: nil, data: "Lead volume", differs: false) == "Lead volume (the data's pick)")
        #expect(Narrative.theOneCell(leader: nil, data: nil, differs: false) == "—")
        #expect(Narrative.theOneCell(leader: String(repeating: "word ", count: 30), data: nil, differs: false).count <= 60)
    }

    /// The roll-up's plan check is the findings' board words, by region, in roll-up order.
    @Test func thePlanCheckIsTheFindingsWordsByRegion() throws {
        let company = try RenderFixture.analyze()
        let rollup = Rollup(company)
        let words = [Region.ID("north"): ["first finding", "second finding"], Region.ID("south"): ["a third"]]
        let page = IndexPresenter(rollup: rollup, findingWords: words, charts: [:], regionLink: { "regions/\($0).md" }).page()
        #expect(page.planCheck == ["North: first finding", "North: second finding", "South: a third"])
        #expect(page.hasPlanCheck)
        let none = IndexPresenter(rollup: rollup, findingWords: [:], charts: [:], regionLink: { $0.rawValue }).page()
        #expect(none.planCheck.isEmpty && !none.hasPlanCheck)
    }

    /// A run's words are the narrative's: the same as summary.json's plan findings.
    @Test func aRunsFindingWordsAreTheSummarysText() throws {
        let company = try RenderFixture.analyze()
        let run = try RunResult(company, version: "test")
        let texts = RunResult.findingObjects(company).compactMap { value -> String? in
            guard case .object(let pairs) = value, case .string(let text)? = pairs.first(where: { $0.0 == "text" })?.1 else { return nil }
            return text
        }
        #expect(!texts.isEmpty)
        #expect(run.findingWords.values.flatMap { $0 }.sorted() == texts.sorted())
        // Each region's own: North states no relationships goal and measures no revenue goal.
        #expect(run.findingWords[Region.ID("north")]?.prefix(2) == ["No relationships goal is stated, one of a goal's three elements.",
                                                         "No objective measures the revenue goal."])
    }

    @Test func regionRowsLinkAndTitleTheirPicks() throws {
        let company = try RenderFixture.analyze()
        let rollup = Rollup(company)
        let page = IndexPresenter(rollup: rollup, findingWords: [:], charts: [:], regionLink: { "regions/\($0).html" }).page()
        for (row, region) in zip(page.regions.sorted { $0.id < $1.id }, rollup.regions.sorted { $0.id < $1.id }) {
            #expect(row.link == "regions/\(region.id).html")
            #expect(row.dataOne == (region.focus.first.map { Narrative.title($0.key, name: $0.name) } ?? "—"))
        }
    }
}
