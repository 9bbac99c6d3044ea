import Foundation

/// What the company roll-up (the index, the packet's summary, the CI job summary,
/// `--fail-on`) needs from each region, and the totals summed from them (SPEC §7). Built from
/// a run's analysis, or by `gutcheck rollup` from shard summaries that carry these inputs
/// exactly — the same figures either way, so a sharded run and a single run write the same bytes.
public struct Rollup: Sendable {
    public var company: String?
    public var fiscalYear: Int
    public var currency: Currency
    public var calendar: FiscalCalendar
    public var thresholds: Thresholds
    /// In plan order.
    public var regions: [RollupRegion]
    public var notes: DataNotes
    public let revenue: Figure
    public let profit: Figure
    /// Pipeline coverage, growth and margin for the total (SPEC §9.10).
    public let board: BoardFigures

    public init(company: String?, fiscalYear: Int, currency: Currency, calendar: FiscalCalendar, thresholds: Thresholds,
                regions: [RollupRegion], notes: DataNotes) {
        self.company = company
        self.fiscalYear = fiscalYear
        self.currency = currency
        self.calendar = calendar
        self.thresholds = thresholds
        self.regions = regions
        self.notes = notes
        revenue = Figure(sum: regions.map(\.revenue), calendar: calendar, thresholds: thresholds)
        profit = Figure(sum: regions.map(\.profit), calendar: calendar, thresholds: thresholds)
        // A total pipeline only when every region has one: a partial sum would flatter coverage.
        let open = regions.map(\.openPipeline)
        let total: Decimal? = !open.isEmpty && open.allSatisfy { $0 != nil } ? open.reduce(0) { $0 + $1! } : nil
        let deals = regions.map(\.openDeals)
        board = BoardFigures(revenue: revenue, profit: profit, openPipeline: total,
                             openDeals: !deals.isEmpty && deals.allSatisfy { $0 != nil } ? deals.reduce(0) { $0 + $1! } : nil,
                             unvaluedOpenDeals: regions.reduce(0) { $0 + $1.unvaluedOpenDeals })
    }

    /// The roll-up of a run.
    public init(_ company: CompanyAnalysis) {
        self.init(company, regions: company.regions.map { RollupRegion($0, rate: company.plan.rate(of: $0.region)) })
    }

    /// The roll-up of a run whose regions were rolled up already (as its analysis went).
    public init(_ company: CompanyAnalysis, regions: [RollupRegion]) {
        self.init(company: company.plan.company, fiscalYear: company.plan.fiscalYear, currency: company.plan.currency,
                  calendar: company.calendar, thresholds: company.plan.thresholds, regions: regions, notes: company.notes)
    }

    /// Regions by revenue attainment, best first (undefined last, then by id for stability).
    public var ranked: [RollupRegion] {
        regions.sorted { a, b in
            let x = a.revenue.attainment ?? -.infinity
            let y = b.revenue.attainment ?? -.infinity
            return x != y ? x > y : a.id < b.id
        }
    }

    /// A source summed over the regions that plan it (matched by id), in plan order.
    public struct CompanySource: Sendable {
        public var id: Source.ID
        /// The first region's name for it.
        public var name: String
        /// The regions' names.
        public var regions: [String]
        public var revenue: Figure
    }

    /// The sources across all regions: the same source id in several regions is one line.
    public var sources: [CompanySource] {
        var order: [Source.ID] = []
        var parts: [Source.ID: (name: String, regions: [String], figures: [Figure])] = [:]
        for region in regions {
            for source in region.sources {
                if parts[source.id] == nil { order.append(source.id); parts[source.id] = (source.name, [], []) }
                parts[source.id]!.regions.append(region.name)
                parts[source.id]!.figures.append(source.revenue)
            }
        }
        return order.map { id in
            let p = parts[id]!
            return CompanySource(id: id, name: p.name, regions: p.regions,
                                 revenue: Figure(sum: p.figures, calendar: calendar, thresholds: thresholds))
        }
    }

    /// Revenue in no source, over all regions: the sources across regions + this = the total.
    public var unassigned: Unassigned { Unassigned(region: revenue, sources: sources.map(\.revenue)) }

    /// A focus area in the top three of two or more regions.
    public struct RecurringFocus: Sendable {
        public var key: FocusArea.Key
        /// The plan's name for a source or KPI (the first region's); nil for what the narrative names.
        public var name: String?
        /// The regions' names.
        public var regions: [String]
        /// Summed over those regions where all price it on one basis (SPEC §13.4); else nil.
        public var atStake: Decimal?
        public var basis: FocusArea.Basis?
    }

    /// Focus areas that recur across regions (same kind and id), most regions first, then
    /// by dollars at stake.
    public var recurringFocus: [RecurringFocus] {
        var order: [FocusArea.Key] = []
        var found: [FocusArea.Key: RecurringFocus] = [:]
        for region in regions {
            for f in region.focus {
                if found[f.key] == nil {
                    order.append(f.key)
                    found[f.key] = RecurringFocus(key: f.key, name: f.name, regions: [], atStake: 0, basis: f.basis)
                }
                found[f.key]!.regions.append(region.name)
                // A total adds only figures of one basis: a gap to date and a lead at risk do not add up.
                if found[f.key]!.basis == f.basis {
                    found[f.key]!.atStake = found[f.key]!.atStake.map { $0 + f.atStake }
                } else {
                    (found[f.key]!.atStake, found[f.key]!.basis) = (nil, nil)
                }
            }
        }
        return order.compactMap { found[$0] }.filter { $0.regions.count >= 2 }.enumerated().sorted { x, y in
            let (a, b) = (x.element, y.element)
            if a.regions.count != b.regions.count { return a.regions.count > b.regions.count }
            return a.atStake != b.atStake ? (a.atStake ?? -1) > (b.atStake ?? -1) : x.offset < y.offset
        }.map(\.element)
    }

    /// An owner's commitments across regions that are off track, for the roll-up.
    public struct OwnerCommitments: Sendable {
        /// nil: the region's leader, unnamed in the plan.
        public var owner: String?
        /// The region's name.
        public var region: String
        public var items: [Owed]
    }

    /// Owners with off-track commitments, region by region (the leader named when unnamed).
    public var owners: [OwnerCommitments] {
        var rows: [OwnerCommitments] = []
        for region in regions {
            var byOwner: [String?: [Owed]] = [:]
            var order: [String?] = []
            for o in region.owed where o.owes == .recovery {
                let name = o.owner ?? region.leader
                if byOwner[name] == nil { order.append(name) }
                byOwner[name, default: []].append(o)
            }
            rows += order.map { OwnerCommitments(owner: $0, region: region.name, items: byOwner[$0]!) }
        }
        return rows
    }

    /// Regions whose canary sounds (revenue on plan, the canary's state not).
    /// The company's categories: the regions' summed, when every region has them.
    public var categories: Categories? { Categories(sum: regions.map(\.categories)) }
    public var canariesSounding: [RollupRegion] { regions.filter { $0.canary?.sounds == true } }
    /// Regions converted from their own currency at a plan rate (SPEC §15.7), in plan order.
    public var converted: [RollupRegion] { regions.filter { $0.currency != nil } }
}

/// One region as the roll-up sees it.
public struct RollupRegion: Sendable {
    public var id: Region.ID
    public var name: String
    public var leader: String?
    public var revenue: Figure
    public var profit: Figure
    public var canary: Canary?
    /// The data's top three focus areas, its pick first.
    public var focus: [Focus]
    /// The leader's own focus areas and pick (SPEC §9.7: never replaced by the data's).
    public var leaderFocusAreas: [String]
    public var leaderTheOne: String?
    /// Whether the leader's pick names the data's first; nil without a pick or a ranking.
    public var theOneAgrees: Bool?
    /// The region's sources (revenue only).
    public var sources: [Source]
    /// Open pipeline closing in the rest of the year (SPEC §9.10).
    public var openPipeline: Decimal?
    /// Open deals closing in the rest of the year and those without an amount (SPEC §13.6).
    public var openDeals: Int?
    public var unvaluedOpenDeals = 0
    /// What the verdict rests on (SPEC §13.3).
    public var cause = Cause.none
    /// Who owes the board what (SPEC §11.3).
    public var owed: [Owed] = []
    /// The region against its latest revision (SPEC §11.1), as the roll-up shows it.
    public var revision: Revised?
    /// Closed, commit, best case, pipeline (SPEC §15.1); nil without a forecast category column.
    public var categories: Categories?
    /// The region's own currency when it is not the plan's, and its plan rate: every amount
    /// here is already converted at it (SPEC §15.7).
    public var currency: Currency?
    public var rate: Decimal = 1

    public var board: BoardFigures {
        BoardFigures(revenue: revenue, profit: profit, openPipeline: openPipeline, openDeals: openDeals, unvaluedOpenDeals: unvaluedOpenDeals)
    }
    public var position: Position { Position(revenue) }
    public var unassigned: Unassigned { Unassigned(region: revenue, sources: sources.map(\.revenue)) }

    /// A revised goal beside the original, and the region since the revision.
    public struct Revised: Sendable {
        public var id: String
        public var date: Day
        public var goal: Decimal
        public var originalGoal: Decimal
        public var planSince: Decimal
        public var actualSince: Decimal
        public var statusSince: Status?
        public var attainmentSince: Double? { ratio(actualSince, planSince) }

        public init(id: String, date: Day, goal: Decimal, originalGoal: Decimal, planSince: Decimal, actualSince: Decimal, statusSince: Status?) {
            self.id = id
            self.date = date
            self.goal = goal
            self.originalGoal = originalGoal
            self.planSince = planSince
            self.actualSince = actualSince
            self.statusSince = statusSince
        }
    }

    public struct Focus: Sendable {
        public var key: FocusArea.Key
        /// The plan's name for a source or KPI; nil for what the narrative names.
        public var name: String?
        public var atStake: Decimal
        public var basis: FocusArea.Basis
        public init(key: FocusArea.Key, name: String?, atStake: Decimal, basis: FocusArea.Basis) {
            self.key = key
            self.name = name
            self.atStake = atStake
            self.basis = basis
        }
    }

    public struct Source: Sendable {
        public var id: GutcheckCore.Source.ID
        public var name: String
        public var revenue: Figure
        public init(id: GutcheckCore.Source.ID, name: String, revenue: Figure) {
            self.id = id
            self.name = name
            self.revenue = revenue
        }
    }

    /// The canary as the roll-up shows it: its readings and state, as the region computed them.
    public struct Canary: Sendable, Equatable {
        public var name: String
        public var unit: KPI.Unit
        public var actual: Decimal?
        public var target: Decimal?
        public var statusToDate: Status?
        public var needed: Decimal?
        public var achieved: Decimal?
        public var statusRestOfYear: Status?
        public var state: Status?
        public var sounds: Bool
        /// Where the rest of the year's lead flow comes from (SPEC §13.2); nil without that reading.
        public var leadFlowBasis: FunnelNeed.LeadFlowBasis?

        public init(name: String, unit: KPI.Unit, actual: Decimal?, target: Decimal?, statusToDate: Status?, needed: Decimal?,
                    achieved: Decimal?, statusRestOfYear: Status?, state: Status?, sounds: Bool,
                    leadFlowBasis: FunnelNeed.LeadFlowBasis? = nil) {
            self.leadFlowBasis = leadFlowBasis
            self.name = name
            self.unit = unit
            self.actual = actual
            self.target = target
            self.statusToDate = statusToDate
            self.needed = needed
            self.achieved = achieved
            self.statusRestOfYear = statusRestOfYear
            self.state = state
            self.sounds = sounds
        }

        /// A canary in money (deal size) at a plan rate; a rate or a count stays as it is.
        func converted(at rate: Decimal) -> Canary {
            guard rate != 1, unit == .currency else { return self }
            var c = self
            (c.actual, c.target, c.needed, c.achieved) = (actual.map { $0 * rate }, target.map { $0 * rate }, needed.map { $0 * rate }, achieved.map { $0 * rate })
            return c
        }

        public init(_ c: GutcheckCore.Canary) {
            self.init(name: c.kpi.kpi.name, unit: c.kpi.kpi.unit, actual: c.actual, target: c.target, statusToDate: c.statusToDate,
                      needed: c.need?.required, achieved: c.need?.achieved, statusRestOfYear: c.statusRestOfYear,
                      state: c.state, sounds: c.sounds, leadFlowBasis: c.need?.leadFlowBasis)
        }
    }

    public init(id: Region.ID, name: String, leader: String?, revenue: Figure, profit: Figure, canary: Canary?,
                focus: [Focus], leaderFocusAreas: [String], leaderTheOne: String?, theOneAgrees: Bool?,
                sources: [Source], openPipeline: Decimal?) {
        self.id = id
        self.name = name
        self.leader = leader
        self.revenue = revenue
        self.profit = profit
        self.canary = canary
        self.focus = focus
        self.leaderFocusAreas = leaderFocusAreas
        self.leaderTheOne = leaderTheOne
        self.theOneAgrees = theOneAgrees
        self.sources = sources
        self.openPipeline = openPipeline
    }

    /// The region as the roll-up sees it, its amounts at `rate` in the plan's currency (SPEC
    /// §15.7: the roll-up consolidates at plan rates; the region's own report keeps its currency).
    public init(_ analysis: RegionAnalysis, rate: Decimal) {
        self.init(
            id: analysis.region.id, name: analysis.region.name, leader: analysis.region.leader,
            revenue: analysis.revenue.converted(at: rate), profit: analysis.profit.converted(at: rate),
            canary: analysis.canary.map { Canary($0).converted(at: rate) },
            focus: analysis.focusAreas.map { Focus(key: $0.key, name: $0.name, atStake: $0.atStake * rate, basis: $0.basis) },
            leaderFocusAreas: analysis.region.midyear.focusAreas, leaderTheOne: analysis.region.midyear.theOne,
            theOneAgrees: analysis.focusComparison.theOneAgrees,
            sources: analysis.sources.map { Source(id: $0.source.id, name: $0.source.name, revenue: $0.revenue.converted(at: rate)) },
            openPipeline: analysis.pipeline.open.map { $0 * rate })
        cause = analysis.cause.converted(at: rate)
        if rate != 1 { (currency, self.rate) = (analysis.region.currency, rate) }
        openDeals = analysis.pipeline.openDeals
        unvaluedOpenDeals = analysis.pipeline.unvaluedDeals
        owed = analysis.owed
        categories = analysis.categories?.converted(at: rate)
        revision = analysis.revision.map { v in
            Revised(id: v.revised.id, date: v.revised.date, goal: v.revenue.goal * rate, originalGoal: v.revenue.originalGoal * rate,
                    planSince: v.revenue.planSince * rate, actualSince: v.revenue.actualSince * rate, statusSince: v.revenue.statusSince)
        }
    }
}
