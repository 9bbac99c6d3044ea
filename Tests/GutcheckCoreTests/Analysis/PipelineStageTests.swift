import Foundation
import Testing
@testable import GutcheckCore

/// Pipeline by stage and age, and stale deals (SPEC §15.2), against figures computed by hand.
@Suite struct PipelineStageTests {
    /// Deals read from `date,region,source,amount,stage,created` with the default column names,
    /// on one thread or split in two (the figures must not depend on it).
    static func read(_ rows: String, threads: Int = 1) throws -> (RegionAnalysis, ResultsIngest) {
        var diagnostics = Diagnostics()
        let plan = try #require(Plan.read(yaml: Array(ForecastTests.plan.utf8), file: "plan.yaml", diagnostics: &diagnostics))
        let calendar = plan.calendar()
        let ingest = ResultsIngest(plan: plan, calendar: calendar)
        ingest.checksTheDataReachesTheCutOff = false
        ingest.threads = threads
        ingest.parallelMinimumSize = 0
        ingest.read(Array(("date,region,source,amount,stage,created\n" + rows).utf8), file: "deals.csv")
        ingest.finish()
        try #require(!ingest.diagnostics.hasErrors, "\(ingest.diagnostics.items.map(\.formatted))")
        let company = CompanyAnalysis(plan: plan, calendar: calendar, actuals: ingest.actuals, notes: ingest.notes)
        return (company.regions[0], ingest)
    }

    /// Cut-off 30 June 2026. Open in the rest of the year: Negotiation 1,000 (created 31 May:
    /// 30 days old) and 200 (created 1 January: 180 days); Proposal 100 (20 June: 10 days),
    /// 300 (10 June: 20 days) and 50 (no created date). Stale — open, closing on or before the
    /// cut-off: 70 in March and 30 in June. Won and lost deals are neither.
    ///   Proposal: 3 deals, 450; ages 10, 20 → median 15, oldest 20
    ///   Negotiation: 2 deals, 1,200; ages 30, 180 → median 105, oldest 180
    ///   stale: 2 deals, 100 — not in the open pipeline (1,650)
    static let rows = """
        2026-05-10,north,web,500,Closed Won,2026-01-02
        2026-08-15,north,web,1000,Negotiation,2026-05-31
        2026-09-01,north,field,200,Negotiation,2026-01-01
        2026-07-20,north,web,100,Proposal,2026-06-20
        2026-10-05,north,field,300,Proposal,2026-06-10
        2026-11-11,north,web,50,Proposal,
        2026-03-15,north,web,70,Proposal,2026-01-10
        2026-06-30,north,field,30,Negotiation,2026-02-01
        2026-04-01,north,web,90,Closed Lost,2026-02-01

        """

    @Test(arguments: [1, 2])
    func stagesAgesAndStaleDeals(threads: Int) throws {
        let (north, _) = try Self.read(Self.rows, threads: threads)
        let p = north.pipeline
        #expect(p.open == 1650)
        #expect(p.hasAges)
        #expect(p.stages.map(\.name) == ["Proposal", "Negotiation"])  // by win probability, 0.5 then 0.8
        #expect(p.stages.map(\.deals) == [3, 2])
        #expect(p.stages.map(\.amount) == [450, 1200])
        #expect(p.stages.map(\.medianAgeDays) == [15, 105])
        #expect(p.stages.map(\.oldestAgeDays) == [20, 180])
        #expect(p.stale == Actuals.OpenDeals(count: 2, amount: 100))
        // Coverage reads the open pipeline only: 1,650 ÷ (1,200 − 500).
        #expect(north.board.pipelineCoverage.map { ($0 * 1000).rounded() } == 2357)
    }

    /// An odd count's median is the middle deal's age; an even count's the mean of the two middle ones.
    @Test func medianOfAges() {
        #expect(Pipeline.median([(days: 3, deals: 1), (days: 9, deals: 1), (days: 40, deals: 1)]) == 9)
        #expect(Pipeline.median([(days: 3, deals: 2), (days: 10, deals: 2)]) == Decimal(string: "6.5")!)
        #expect(Pipeline.median([(days: 5, deals: 4), (days: 90, deals: 1)]) == 5)
        #expect(Pipeline.median([]) == nil)
    }

    /// An open deal created after its close date is a warning with the count, at the first one.
    @Test func aCreatedDateAfterTheCloseDateIsAWarningWithItsCount() throws {
        let rows = Self.rows + "2026-08-01,north,web,10,Proposal,2026-08-20\n2026-09-01,north,web,10,Proposal,2026-06-05\n2026-07-03,north,web,10,Proposal,2026-07-09\n"
        let (_, ingest) = try Self.read(rows)
        let warnings = ingest.diagnostics.items.filter { $0.severity == .warning }.map(\.formatted)
        let warning = try #require(warnings.first { $0.contains("created date") }, "\(warnings)")
        #expect(warning.hasPrefix("deals.csv:11:"))
        #expect(warning.contains("2 open deals have created dates after their close date"))
    }
}

/// Forecast categories (SPEC §15.1), against figures computed by hand.
@Suite struct CategoryTests {
    static func read(_ rows: String, plan: String = ForecastCategoryFixture.plan) throws -> (RegionAnalysis?, ResultsIngest) {
        var diagnostics = Diagnostics()
        let plan = try #require(Plan.read(yaml: Array(plan.utf8), file: "plan.yaml", diagnostics: &diagnostics), "\(diagnostics.items.map(\.formatted))")
        let calendar = plan.calendar()
        let ingest = ResultsIngest(plan: plan, calendar: calendar)
        ingest.checksTheDataReachesTheCutOff = false
        ingest.read(Array(("date,region,source,amount,stage,forecast_category\n" + rows).utf8), file: "deals.csv")
        ingest.finish()
        guard !ingest.diagnostics.hasErrors else { return (nil, ingest) }
        return (CompanyAnalysis(plan: plan, calendar: calendar, actuals: ingest.actuals, notes: ingest.notes).regions[0], ingest)
    }

    /// Goal 1,200, cut-off 30 June. Won 500 (its category "Closed" is not read: won is
    /// closed). Open in the rest of the year: commit 200 + 100, best case 150, pipeline 400,
    /// omitted 50; a stale commit deal of 70 (closing in March) is in no category.
    ///   commit reaches (500 + 300) ÷ 1,200 = 66.7 %; with best case (800 + 150) ÷ 1,200 = 79.2 %.
    static let rows = """
        2026-05-10,north,web,500,Closed Won,Closed
        2026-08-15,north,web,200,Negotiation,Commit
        2026-09-01,north,field,100,Negotiation,commit
        2026-07-20,north,web,150,Proposal,Best Case
        2026-10-05,north,field,400,Proposal,Pipeline
        2026-11-11,north,web,50,Proposal,Omitted
        2026-03-15,north,web,70,Negotiation,Commit

        """

    @Test func salesforceCategoriesReadWithoutAMapping() throws {
        let (region, _) = try Self.read(Self.rows)
        let north = try #require(region)
        let c = try #require(north.categories)
        #expect(c.closed == 500)
        #expect(c.amount(.commit) == 300 && c.deals(.commit) == 2)
        #expect(c.amount(.bestCase) == 150 && c.amount(.pipeline) == 400 && c.amount(.omitted) == 50)
        #expect(c.commitTotal == 800 && c.bestCaseTotal == 950)
        #expect(c.commitReach.map { ($0 * 1000).rounded() } == 667)
        #expect(c.bestCaseReach.map { ($0 * 1000).rounded() } == 792)
    }

    /// A value no list holds is one error listing every value found, at the first such deal.
    @Test func anUnmappedCategoryIsAnErrorListingTheValuesFound() throws {
        let rows = Self.rows + "2026-08-01,north,web,10,Proposal,Upside\n2026-09-01,north,web,10,Proposal,Upside\n2026-09-02,north,web,10,Proposal,Maybe\n"
        let (region, ingest) = try Self.read(rows)
        #expect(region == nil)
        let errors = ingest.diagnostics.errors.map(\.formatted)
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.hasPrefix("deals.csv:9:"), "\(error)")
        #expect(error.contains("'Maybe' (1), 'Upside' (2)"), "\(error)")
        #expect(error.contains("commit: [Commit]; best_case: [Best Case]; pipeline: [Pipeline]; omitted: [Omitted]"), "\(error)")
    }

    /// The plan's own lists replace Salesforce's names.
    @Test func aPlansOwnCategoryLists() throws {
        let plan = ForecastCategoryFixture.plan.replacingOccurrences(of: "regions:", with: """
            results:
              deals:
                columns: { date: date, region: region, source: source, amount: amount, stage: stage, forecast_category: forecast_category }
                won: [Closed Won]
                lost: [Closed Lost]
                categories: { commit: [Commit, Upside], best_case: [Best Case], pipeline: [Pipeline, Maybe], omitted: [Omitted] }
            regions:
            """)
        let rows = Self.rows + "2026-08-01,north,web,10,Proposal,Upside\n2026-09-02,north,web,20,Proposal,Maybe\n"
        let (region, ingest) = try Self.read(rows, plan: plan)
        let north = try #require(region, "\(ingest.diagnostics.items.map(\.formatted))")
        let c = try #require(north.categories)
        #expect(c.amount(.commit) == 310 && c.amount(.pipeline) == 420)
    }
}

enum ForecastCategoryFixture {
    static let plan = ForecastTests.plan
}

/// The deals behind the gap (SPEC §15.4): the ten largest lost and open deals per region.
@Suite struct LargestDealTests {
    /// Lost deals of 10, 20, …, 120 this year (12 of them) plus a lost deal of 999 last year
    /// and one of 500 after the cut-off: the list is 120 … 30, this year's only, largest first.
    /// Open deals of 5 and 7 in the rest of the year and a stale one of 900 (not pipeline).
    /// Two lost deals of 120: the earlier first, whatever the order they were read in.
    static func rows(reversed: Bool) -> String {
        var lines = (1...12).map { "2026-0\(($0 % 6) + 1)-1\($0 % 10),north,web,\($0 * 10),Closed Lost,D\($0),Ann" }
        lines.append("2026-02-01,north,field,120,Closed Lost,E1,Bo")
        lines += ["2025-05-01,north,web,999,Closed Lost,OLD,Ann", "2026-07-05,north,web,500,Closed Lost,LATE,Ann",
                  "2026-08-01,north,web,5,Proposal,O1,Ann", "2026-09-01,north,field,7,Negotiation,O2,", "2026-03-01,north,web,900,Proposal,S1,Ann",
                  "2026-05-01,north,web,50,Closed Won,W1,Ann"]
        return "date,region,source,amount,stage,id,owner\n" + (reversed ? lines.reversed() : lines).joined(separator: "\n") + "\n"
    }

    static func read(_ csv: String, threads: Int) throws -> RegionAnalysis {
        var diagnostics = Diagnostics()
        let yaml = ForecastTests.plan.replacingOccurrences(of: "regions:", with: """
            results:
              deals:
                columns: { date: date, region: region, source: source, amount: amount, stage: stage, id: id, owner: owner }
                won: [Closed Won]
                lost: [Closed Lost]
            regions:
            """)
        let plan = try #require(Plan.read(yaml: Array(yaml.utf8), file: "plan.yaml", diagnostics: &diagnostics), "\(diagnostics.items.map(\.formatted))")
        let calendar = plan.calendar()
        let ingest = ResultsIngest(plan: plan, calendar: calendar)
        ingest.checksTheDataReachesTheCutOff = false
        ingest.threads = threads
        ingest.parallelMinimumSize = 0
        ingest.read(Array(csv.utf8), file: "deals.csv")
        ingest.finish()
        try #require(!ingest.diagnostics.hasErrors, "\(ingest.diagnostics.items.map(\.formatted))")
        return CompanyAnalysis(plan: plan, calendar: calendar, actuals: ingest.actuals, notes: ingest.notes).regions[0]
    }

    @Test(arguments: [(1, false), (2, false), (1, true), (2, true)])
    func theTenLargestPerRegion(threads: Int, reversed: Bool) throws {
        let lists = try #require(try Self.read(Self.rows(reversed: reversed), threads: threads).largestDeals)
        #expect(lists.lost.map(\.amount) == [120, 120, 110, 100, 90, 80, 70, 60, 50, 40])
        // D12 (12 January) before E1 (1 February): equal amounts by date.
        #expect(lists.lost.prefix(2).map(\.id) == ["D12", "E1"])
        #expect(lists.lost.first { $0.id == "E1" }?.source == "field" && lists.lost.first { $0.id == "E1" }?.owner == "Bo")
        #expect(lists.open.map(\.id) == ["O2", "O1"])
        #expect(lists.open.map(\.detail) == ["Negotiation", "Proposal"])
        #expect(lists.open[0].owner == nil)
    }
}
