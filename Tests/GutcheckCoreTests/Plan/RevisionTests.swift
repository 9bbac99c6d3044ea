import Foundation
import Testing
@testable import GutcheckCore

/// SPEC §11.1, revisions, against figures computed by hand. North: goal 1,200,000, even
/// phasing; sources web and field, 600,000 each; each brings 50,000 a month January–August.
@Suite struct RevisionTests {
    static func plan(asOf: String = "2026-08-31", revisions: String) -> String {
        """
        gutcheck: 1
        fiscal_year: 2026
        as_of: \(asOf)
        currency: USD
        regions:
          - id: north
            name: North
            goals: { revenue: 1200000, profit: 0 }
            sources:
              - { id: web, name: Web, revenue: 600000 }
              - { id: field, name: Field, revenue: 600000 }
        revisions:
        \(revisions)
        """
    }

    /// June's web revenue arrives in two rows, on the 1st and the 20th (25,000 each).
    static var rows: String {
        var csv = "date,region,source,metric,value\n"
        for m in 1...8 {
            if m == 6 {
                csv += "2026-06-01,north,web,revenue,25000\n2026-06-20,north,web,revenue,25000\n"
            } else {
                csv += "2026-0\(m)-01,north,web,revenue,50000\n"
            }
            csv += "2026-0\(m)-01,north,field,revenue,50000\n"
        }
        return csv
    }

    func north(_ yaml: String, asOf: Day? = nil) throws -> RegionAnalysis {
        try Fixture.analyze(plan: Array(yaml.utf8), results: Array(Self.rows.utf8), asOf: asOf).regions[0]
    }

    /// `--as-of` decides which revisions are in force, not the plan's own `as_of`: a revision
    /// dated after the plan's cut-off applies to a later run, and one dated after the run's
    /// cut-off does not (the same figures as the run on the plan's own date).
    @Test func theRunsCutOffDecidesWhichRevisionsApply() throws {
        let revision = """
              - { id: midyear, date: 2026-06-30, note: Two large renewals signed early, regions: { north: { goals: { revenue: 1300000 } } } }
            """
        let later = try north(Self.plan(asOf: "2026-05-31", revisions: revision), asOf: Day(year: 2026, month: 8, day: 31))
        let v = try #require(later.revision)
        #expect(v.revenue.goal == 1_300_000)
        #expect(v.revenue.planSince.cents == Decimal(string: "233333.33")!)
        let earlier = try north(Self.plan(asOf: "2026-08-31", revisions: revision), asOf: Day(year: 2026, month: 5, day: 31))
        #expect(earlier.revision == nil)
        #expect(earlier.revenue.goal == 1_200_000)
    }

    /// Revised at the end of June to 1,300,000, read on 31 August: the rest of the year is
    /// 1,300,000 − 600,000 = 700,000 over July–December, two sixths due by August: 233,333.33;
    /// actual since 800,000 − 600,000 = 200,000: 85.7 %, off track.
    @Test func aRevisionAtTheEndOfMonthSixReadAtMonthEight() throws {
        let north = try north(Self.plan(revisions: """
              - { id: midyear, date: 2026-06-30, note: Two large renewals signed early, regions: { north: { goals: { revenue: 1300000 } } } }
            """))
        let v = try #require(north.revision)
        #expect(v.revised.id == "midyear")
        #expect(v.revenue.goal == 1_300_000 && v.revenue.originalGoal == 1_200_000)
        #expect(v.revenue.actualThrough == 600_000)
        #expect(v.revenue.planSince.cents == Decimal(string: "233333.33")!)
        #expect(v.revenue.actualSince == 200_000)
        #expect(abs(v.revenue.attainmentSince! - 200_000 / (700_000.0 / 3)) < 1e-9)
        #expect(v.revenue.gapSince.cents == Decimal(string: "-33333.33")!)
        #expect(v.revenue.statusSince == .offTrack)
        // The original plan stays the yardstick of the year.
        #expect(north.revenue.goal == 1_200_000)
        #expect(north.revenue.planToDate == 800_000)
    }

    /// Revised on 15 June to 1,250,000: actual through D is January–May (500,000) and the June
    /// rows dated up to the 15th (web 25,000 on the 1st, field 50,000): 575,000. The rest,
    /// 675,000, is spread over June 16–30 (15/30 of June's weight) and July–December: 6.5
    /// weights, 2.5 of them due by 31 August: 675,000 × 2.5 / 6.5 = 259,615.38. Actual since:
    /// 800,000 − 575,000 = 225,000.
    @Test func aRevisionInsideAMonth() throws {
        let north = try north(Self.plan(revisions: """
              - { id: june, date: 2026-06-15, note: Re-plan, regions: { north: { goals: { revenue: 1250000 } } } }
            """))
        let v = try #require(north.revision)
        #expect(v.revenue.actualThrough == 575_000)
        #expect(v.revenue.planSince.cents == Decimal(string: "259615.38")!)
        #expect(v.revenue.actualSince == 225_000)
        // The same file read on two threads keeps the rows before the revision apart alike.
        let web = try #require(v.sources.first { $0.id == "web" })
        #expect(web.actualThrough == 275_000)
    }

    /// Two revisions: the latest wins, with what the earlier one changed still in force.
    /// March sets revenue 1,100,000; June revises only web (to 700,000). Field is unrevised:
    /// 600,000 − 300,000 = 300,000 over six months, two due: 100,000. Web: 700,000 − 300,000 =
    /// 400,000, two sixths: 133,333.33.
    @Test func twoRevisionsTheLatestWinsAndASourceRevisedBesideOneNot() throws {
        let north = try north(Self.plan(revisions: """
              - { id: march, date: 2026-03-31, note: Slow start, regions: { north: { goals: { revenue: 1100000 } } } }
              - id: june
                date: 2026-06-30
                regions:
                  north:
                    sources: { web: 700000 }
                    changes: [Web budget doubled from July]
            """))
        let v = try #require(north.revision)
        #expect(v.revised.id == "june" && v.revised.date == Day(year: 2026, month: 6, day: 30))
        #expect(v.revenue.goal == 1_100_000, "the March goal still holds")
        #expect(v.revised.changes == ["Web budget doubled from July"])
        let web = try #require(v.sources.first { $0.id == "web" }), field = try #require(v.sources.first { $0.id == "field" })
        #expect(web.goal == 700_000 && web.originalGoal == 600_000)
        #expect(web.planSince.cents == Decimal(string: "133333.33")!)
        #expect(field.goal == 600_000 && field.planSince == 100_000)
        #expect(web.actualSince == 100_000 && field.actualSince == 100_000)
        // Region: 1,100,000 − 600,000 = 500,000, two sixths: 166,666.67.
        #expect(v.revenue.planSince.cents == Decimal(string: "166666.67")!)
    }

    /// A revision dated after the cut-off is not in force yet.
    @Test func aRevisionAfterTheCutOffWaits() throws {
        let north = try north(Self.plan(asOf: "2026-05-31", revisions: """
              - { id: later, date: 2026-06-30, note: x, regions: { north: { goals: { revenue: 1300000 } } } }
            """))
        #expect(north.revision == nil)
    }

    @Test func checkValidatesRevisions() {
        func messages(_ revisions: String) -> [String] {
            var d = Diagnostics()
            _ = Plan.read(yaml: Array(Self.plan(revisions: revisions).utf8), file: "plan.yaml", diagnostics: &d)
            return d.items.map(\.formatted)
        }
        #expect(messages("  - { id: r, date: 2027-01-15, regions: { north: {} } }").first?
            .hasSuffix("error: revision 'r' is dated 2027-01-15, outside the fiscal year (2026-01-01 to 2026-12-31)") == true)
        #expect(messages("""
              - { id: a, date: 2026-06-30, note: x, regions: { north: {} } }
              - { id: b, date: 2026-03-31, note: y, regions: { north: {} } }
            """).first?.contains("is dated 2026-03-31, not after the revision before it ('a', 2026-06-30); list revisions oldest first") == true)
        #expect(messages("  - { id: r, date: 2026-06-30, regions: { nort: {} } }").first?.contains("names region 'nort', which is not in the plan (did you mean 'north'?)") == true)
        #expect(messages("  - { id: r, date: 2026-06-30, regions: { north: { sources: { wbe: 1 } } } }").first?.contains("revises source 'wbe', which is not a source of the region (did you mean 'web'?)") == true)
        #expect(messages("  - { id: r, date: 2026-06-30, regions: { north: { phasing: [1, 2, 3] } } }").first?.contains("phasing needs 12 numbers, found 3") == true)
        let lowered = messages("  - { id: r, date: 2026-06-30, regions: { north: { goals: { revenue: 1000000 } } } }")
        #expect(lowered.count == 1 && lowered[0].contains("warning: revision 'r' lowers the revenue goal of region 'north' with no note; add a note: saying why"))
        #expect(messages("  - { id: r, date: 2026-06-30, note: Lost the anchor account, regions: { north: { goals: { revenue: 1000000 } } } }").isEmpty)
    }
}
