import Foundation
import Testing
@testable import GutcheckCore
@testable import GutcheckRender

/// The plan drafts' words live in Render (issue 23): the core hands figures and their
/// bases, the writers say where each comes from.
@Suite struct PlanDraftYAMLTests {
    @Test func everyBasisIsSaid() {
        let day = Day(year: 2026, month: 5, day: 31)!
        #expect(PlanScaffoldYAML.goalBasis(.unset) == "set the goal")
        #expect(PlanScaffoldYAML.goalBasis(.lastYear(fiscalYear: 2025)) == "last year's actual (FY2025)")
        #expect(PlanScaffoldYAML.goalBasis(.runRate(to: day)) == "this year's run rate to 2026-05-31")
        #expect(PlanScaffoldYAML.goalBasis(.missing(metric: "profit")) == "no profit in the data; set the goal")
        #expect(PlanScaffoldYAML.ratioBasis(.lastYear(fiscalYear: 2025)) == "last year's (FY2025)")
        #expect(PlanScaffoldYAML.ratioBasis(.runRate(to: day)) == "this year's to 2026-05-31")
    }

    @Test func aMissingShapeSaysWhy() {
        let months = (1...5).map { YearMonth(year: 2025, month: $0) }
        #expect(PlanScaffoldYAML.reason(.monthsWithoutRevenue(months))
                == "last year has no revenue rows for 2025-01, 2025-02, 2025-03 and 2 more, so its monthly shape is not known")
        #expect(PlanScaffoldYAML.reason(.noRevenueLastYear) == "the data has no revenue for last year")
        #expect(PlanScaffoldYAML.reason(.negativeMonth) == "last year has a month with negative revenue")
    }

    @Test func aRegionWithoutProfitOrShapeIsWrittenAsSuch() {
        let calendar = FiscalCalendar(start: YearMonth(year: 2026, month: 1), asOf: Day(year: 2026, month: 5, day: 31)!)
        let region = PlanDraft.Region(id: "north", name: "North \"N\"", currency: "EUR",
                                      revenue: .init(value: 1200, basis: .runRate(to: calendar.asOf)), profit: nil,
                                      phasing: .failure(.noRevenueLastYear), sources: [], kpis: [])
        let draft = PlanDraft(files: ["deals.csv"], company: nil, calendar: calendar, currency: "USD", fx: ["EUR"],
                              resultsBlock: nil, regions: [region])
        let text = PlanScaffoldYAML.text(draft)
        #expect(text.contains("company: \"Your company\"  # PLACEHOLDER: your company's name\n"))
        #expect(text.contains("    name: \"North \\\"N\\\"\"\n"))
        #expect(text.contains("    currency: EUR  # PLACEHOLDER: its amounts are written in EUR\n"))
        #expect(text.contains("      revenue: 1200  # PLACEHOLDER: this year's run rate to 2026-05-31\n"))
        #expect(text.contains("      # profit: 0  the data has no profit"))
        #expect(text.contains("    # phasing: not drafted: the data has no revenue for last year; even until you set 12 weights\n"))
        #expect(!text.contains("sources:") && !text.contains("kpis:"))
    }

    @Test func aReplanIsAppendedToTheRevisions() {
        let replan = Replan(id: "replan-2026-06-30", date: Day(year: 2026, month: 6, day: 30)!, goal: .call, regions: [
            .init(id: Region.ID("north"), goal: 900, inForce: 1000, call: 900, sources: [.init(id: Source.ID("web"), goal: 400, actualToDate: 150)],
                  hasSources: true, weights: [Decimal(string: "8.5")!, 9], changes: []),
            .init(id: Region.ID("south"), goal: 500, inForce: 500, call: nil, sources: [], hasSources: false, weights: [10], changes: ["Hire two \"AEs\""]),
        ])
        let text = ReplanYAML.draft(plan: "gutcheck: 1\nrevisions: []\n", replan)
        #expect(text.hasPrefix("gutcheck: 1\nrevisions:\n  - id: replan-2026-06-30\n    date: 2026-06-30\n"))
        #expect(text.contains("(goals set to the forecast call); say why the plan changes\"  # PLACEHOLDER: edit the note"))
        #expect(text.contains("      north:\n        goals: { revenue: 900 }  # PLACEHOLDER: the forecast call\n"))
        #expect(text.contains("          web: 400  # PLACEHOLDER: 150 to date + its share of the rest\n"))
        #expect(text.contains("        phasing: [8.5, 9]  # PLACEHOLDER: the months after 2026-06-30 count\n"))
        #expect(text.contains("        changes: []  # PLACEHOLDER: what changes will get the plan achieved?\n"))
        #expect(text.contains("        goals: { revenue: 500 }  # PLACEHOLDER: kept at 500: no forecast call yet\n"))
        #expect(text.contains("        changes:\n          - \"Hire two \\\"AEs\\\"\"\n"))
    }
}
