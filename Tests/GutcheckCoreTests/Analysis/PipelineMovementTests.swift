import Foundation
import Testing
@testable import GutcheckCore

/// Pipeline movement between two snapshots of one deal export (SPEC §15.3), against
/// figures computed by hand.
@Suite struct PipelineMovementTests {
    static let plan = ForecastTests.plan.replacingOccurrences(of: "pipeline:\n", with: """
        results:
          deals:
            columns: { date: date, region: region, source: source, amount: amount, stage: stage, id: id }
            won: [Closed Won]
            lost: [Closed Lost]
        pipeline:

        """)

    /// One snapshot's deals, as the reader keeps them when two snapshots are compared.
    static func snapshot(_ rows: String, asOf: Day) throws -> DealSnapshot {
        var diagnostics = Diagnostics()
        let plan = try #require(Plan.read(yaml: Array(Self.plan.utf8), file: "plan.yaml", diagnostics: &diagnostics))
        let ingest = ResultsIngest(plan: plan, calendar: FiscalCalendar(start: plan.fiscalYearStart, asOf: asOf))
        ingest.checksTheDataReachesTheCutOff = false
        ingest.keepsSnapshot = true
        ingest.read(Array(("id,date,region,source,amount,stage\n" + rows).utf8), file: "deals.csv")
        ingest.finish()
        try #require(!ingest.diagnostics.hasErrors, "\(ingest.diagnostics.items.map(\.formatted))")
        return try #require(ingest.snapshot)
    }

    static let may31 = Day(year: 2026, month: 5, day: 31)!, june30 = Day(year: 2026, month: 6, day: 30)!
    static let yearEnd = Day(year: 2026, month: 12, day: 31)!

    /// On 31 May the pipeline (open, closing 1 June – 31 December) is A 1,000, B 200,
    /// C 300, D 400, E 500, F 600 and G 700: 7 deals, 3,700. H (closing 2027) and I (stale,
    /// closed in April) are outside it. On 30 June:
    ///   A won (1,000 out at its May amount, though it closed at 1,100)
    ///   B lost (200 out)
    ///   C pushed to 2027 (300 out)
    ///   D still open but its date (20 June) has passed: stale (400 out)
    ///   E gone from the export (500 out)
    ///   F open at 650: +50; G open at 700: unchanged
    ///   H pulled into October at 800 (in); I revived to November at 90 (in)
    ///   J and K created: 250 + 150 (in); L created and won in June: in neither pipeline
    /// Now: F 650 + G 700 + H 800 + I 90 + J 250 + K 150 = 2,640 in 6 deals, and
    /// 3,700 + 400 + 890 − 1,000 − 200 − 300 − 400 − 500 + 50 = 2,640.
    static let before = """
        A,2026-06-15,north,web,1000,Proposal
        B,2026-07-01,north,web,200,Proposal
        C,2026-08-01,north,field,300,Negotiation
        D,2026-06-20,north,web,400,Proposal
        E,2026-09-09,north,web,500,Proposal
        F,2026-10-01,north,field,600,Negotiation
        G,2026-11-01,north,web,700,Proposal
        H,2027-02-01,north,web,800,Proposal
        I,2026-04-10,north,web,90,Proposal
        Z,2026-03-01,north,web,5000,Closed Won

        """
    static let after = """
        A,2026-06-18,north,web,1100,Closed Won
        B,2026-06-25,north,web,200,Closed Lost
        C,2027-01-15,north,field,300,Negotiation
        D,2026-06-20,north,web,400,Proposal
        F,2026-10-01,north,field,650,Negotiation
        G,2026-11-01,north,web,700,Proposal
        H,2026-10-10,north,web,800,Negotiation
        I,2026-11-11,north,web,90,Proposal
        J,2026-09-01,north,web,250,Proposal
        K,2026-12-31,north,field,150,Proposal
        L,2026-06-05,north,web,60,Closed Won
        Z,2026-03-01,north,web,5000,Closed Won

        """

    @Test func theStepsAreTheDealsHandCounted() throws {
        let m = try #require(PipelineMovement.between(try Self.snapshot(Self.before, asOf: Self.may31), from: Self.may31,
                                                      try Self.snapshot(Self.after, asOf: Self.june30), to: Self.june30,
                                                      yearEnd: Self.yearEnd, regions: [Region.ID("north")])[Region.ID("north")])
        typealias S = PipelineMovement.Step
        #expect(m.openAtStart == S(deals: 7, amount: 3700))
        #expect(m.won == S(deals: 1, amount: 1000))
        #expect(m.lost == S(deals: 1, amount: 200))
        #expect(m.pushedOut == S(deals: 1, amount: 300))
        #expect(m.wentStale == S(deals: 1, amount: 400))
        #expect(m.removed == S(deals: 1, amount: 500))
        #expect(m.valueChanged == S(deals: 1, amount: 50))
        #expect(m.pulledIn == S(deals: 2, amount: 890))
        #expect(m.created == S(deals: 2, amount: 400))
        #expect(m.openNow == S(deals: 6, amount: 2640))
        #expect(m.reconciles)
    }

    /// "Open now" is the same pipeline §15.2 reports (open, closing after the cut-off by the
    /// year's end): the movement ends where the stage table does.
    @Test func openNowIsTheRegionsPipeline() throws {
        var diagnostics = Diagnostics()
        let plan = try #require(Plan.read(yaml: Array(Self.plan.utf8), file: "plan.yaml", diagnostics: &diagnostics))
        let calendar = FiscalCalendar(start: plan.fiscalYearStart, asOf: Self.june30)
        let ingest = ResultsIngest(plan: plan, calendar: calendar)
        ingest.checksTheDataReachesTheCutOff = false
        ingest.keepsSnapshot = true
        ingest.read(Array(("id,date,region,source,amount,stage\n" + Self.after).utf8), file: "deals.csv")
        ingest.finish()
        var actuals = ingest.actuals
        actuals.pipelineMovement = PipelineMovement.between(try Self.snapshot(Self.before, asOf: Self.may31), from: Self.may31,
                                                            try #require(ingest.snapshot), to: Self.june30, yearEnd: calendar.end, regions: ["north"])
        let north = CompanyAnalysis(plan: plan, calendar: calendar, actuals: actuals, notes: ingest.notes).regions[0]
        #expect(north.pipelineMovement?.openNow.amount == north.pipeline.open)
        #expect(north.pipelineMovement?.openNow.deals == north.pipeline.openDeals)
    }

    /// A deal that changes region leaves one region's pipeline and enters the other's; a
    /// deal without an id cannot be followed and is counted apart.
    @Test func aDealMovingRegionAndDealsWithoutIds() throws {
        let before = DealSnapshot.testing([("X", .init(region: 0, state: .open, close: Int32(Day(year: 2026, month: 9, day: 1)!.key), nanos: 100_000_000_000))])
        let after = DealSnapshot.testing([("X", .init(region: 1, state: .open, close: Int32(Day(year: 2026, month: 9, day: 1)!.key), nanos: 120_000_000_000))],
                                             withoutId: [1: 2])
        let m = PipelineMovement.between(before, from: Self.may31, after, to: Self.june30, yearEnd: Self.yearEnd, regions: ["north", "south"])
        #expect(m["north"]?.removed == .init(deals: 1, amount: 100))
        #expect(m["south"]?.pulledIn == .init(deals: 1, amount: 120))
        #expect(m["south"]?.withoutId == 2)
        #expect(m["north"]?.withoutId == 0)
        #expect(m.values.allSatisfy { $0.reconciles })
    }

    /// An open deal without an amount (SPEC §13.6) is a deal in its step, never zero dollars
    /// passed off as a figure: counted in `unvalued`; once given an amount, its whole amount
    /// is the change.
    @Test func dealsWithoutAmountsAreCountedApart() throws {
        let sept = Int32(Day(year: 2026, month: 9, day: 1)!.key)
        let before = DealSnapshot.testing([("X", .init(region: 0, state: .open, close: sept, nanos: 0, valued: false)),
                                           ("Y", .init(region: 0, state: .open, close: sept, nanos: 0, valued: false))])
        let after = DealSnapshot.testing([("X", .init(region: 0, state: .open, close: sept, nanos: 70_000_000_000)),
                                          ("Y", .init(region: 0, state: .open, close: sept, nanos: 0, valued: false))])
        let m = try #require(PipelineMovement.between(before, from: Self.may31, after, to: Self.june30, yearEnd: Self.yearEnd, regions: [Region.ID("north")])[Region.ID("north")])
        #expect(m.openAtStart == .init(deals: 2, amount: 0, unvalued: 2))
        #expect(m.openNow == .init(deals: 2, amount: 70, unvalued: 1))
        #expect(m.valueChanged == .init(deals: 1, amount: 70))
        #expect(m.reconciles)
    }

    /// The law: for any two snapshots, every region's steps add up to its open deals now, to
    /// the cent and to the deal — whatever moved, closed, changed region or vanished.
    @Test(arguments: 1...30)
    func theStepsAlwaysAddUp(seed: Int) {
        var rng = Seeded(state: UInt64(seed))
        func entry() -> DealSnapshot.Entry {
            let state = [DealSnapshot.Entry.State.open, .open, .won, .lost].randomElement(using: &rng)!
            let close = Bool.random(using: &rng) && state == .open && Int.random(in: 0...9, using: &rng) == 0
                ? nil : Int32(Day(year: Int.random(in: 2026...2027, using: &rng), month: Int.random(in: 1...12, using: &rng), day: 1)!.key)
            return .init(region: Int32.random(in: 0...2, using: &rng), state: state, close: close,
                         nanos: Int128(Int.random(in: 0...9_999_999, using: &rng)) * 10_000_000)
        }
        var before = DealSnapshot(), after = DealSnapshot()
        for i in 0..<200 {
            if Int.random(in: 0...4, using: &rng) > 0 { before.add(id: "d\(i)", entry()) }
            if Int.random(in: 0...4, using: &rng) > 0 { after.add(id: "d\(i)", entry()) }
        }
        let moves = PipelineMovement.between(before, from: Self.may31, after, to: Self.june30, yearEnd: Self.yearEnd, regions: ["a", "b", "c"])
        #expect(moves.count == 3)
        for (_, m) in moves { #expect(m.reconciles, "\(m)") }
        // Each snapshot's pipeline is split among the regions without loss.
        #expect(moves.values.reduce(0) { $0 + $1.openNow.deals }
                == after.deals.values.filter { $0.state == .open && ($0.close.map { $0 > Int32(Self.june30.key) && $0 <= Int32(Self.yearEnd.key) } ?? false) }.count)
    }
}

extension DealSnapshot {
    static func testing(_ deals: [(String, Entry)], withoutId: [Int32: Int] = [:]) -> DealSnapshot {
        var s = DealSnapshot()
        for (id, e) in deals { s.add(id: id, e) }
        s.pipelineWithoutId = withoutId
        return s
    }
}
