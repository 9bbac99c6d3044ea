import Foundation

/// What a region's analysis needs to see.
struct RegionContext {
    let plan: Plan
    let calendar: FiscalCalendar
    let actuals: Actuals
    var kpis: [KPIResult] = []
}

/// Every answer's evidence for one region, computed once from the plan and the actuals.
/// Each judgment (status, canary, working or stop, focus, the forecast call) is a value
/// here; every view renders that value and decides none of its own (SPEC §9).
public struct RegionAnalysis: Sendable {
    public var region: Region
    public var revenue: Figure
    public var profit: Figure
    public var sources: [SourceResult]
    /// Revenue in no source: Σ sources + unassigned = the region (SPEC §9.5).
    public var unassigned: Unassigned
    public var kpis: [KPIResult]
    public var leadsToDate: Decimal?
    public var wonDealsToDate: Decimal?
    public var drivers: Result<DriverBridge, DriverBridge.NotComputable>
    /// The declared funnel, stage by stage (SPEC §11.4); nil when neither the region nor the plan declares one.
    public var funnel: FunnelSplit?
    /// Deal owners' figures and quota attainment (SPEC §11.3); empty without an owner column.
    public var owners: [OwnerFigures] = []
    /// Lost deals by reason (SPEC §11.4); empty without a loss-reason column.
    public var lossReasons: [LossReason] = []
    /// The region against its latest revision (SPEC §11.1); nil when none names it.
    public var revision: RevisionView?
    public var objectives: [Initiative]
    public var actions: [Initiative]
    /// Q5 and Q6, disjoint (SPEC §9.2).
    public var working: [Scored] = []
    public var stop: [Scored] = []
    /// Q9: one signal per source (SPEC §9.8).
    public var shifts: [MarketShift]
    /// All candidates ranked by dollars at stake; the report shows the top three.
    public var focusCandidates: [FocusArea] = []
    /// The leader's focus areas and pick beside the data's ranking (SPEC §9.7).
    public var focusComparison: FocusComparison
    public var findings: [PlanFinding] = []
    /// Who owes the board what (SPEC §11.3).
    public var owed: [Owed] = []
    public var pipeline: Pipeline
    /// Closed, commit, best case and pipeline against the goal (SPEC §15.1); nil without a
    /// forecast category column.
    public var categories: Categories?
    /// The deals behind the gap (SPEC §15.4): the largest lost this year to date and open
    /// closing in the rest of the year, largest first; nil without a deal export's stages.
    public var largestDeals: (lost: [Deal], open: [Deal])?
    /// The pipeline's movement since an earlier snapshot of the deal export (SPEC §15.3);
    /// nil unless one was given.
    public var pipelineMovement: PipelineMovement?
    /// The rest of the year's funnel at today's rates (SPEC §13.2): the canary's second
    /// reading and the path to plan read it; nil without leads, won deals and revenue.
    public var funnelNeed: FunnelNeed?
    /// What each driver must do for the rest of the year to reach the goal (SPEC §15.5); nil
    /// unless today's rates fall short of it.
    public var pathToPlan: PathToPlan?
    /// The canary's two readings and its one state (SPEC §9.1); nil without a canary KPI.
    public var canary: Canary?
    /// Sources and KPIs beyond the materiality threshold, with the leader's explanation if any.
    public var variances: [MaterialVariance] = []
    /// Pipeline coverage, growth and margin (SPEC §9.10).
    public var board: BoardFigures
    /// Which question the rest of the year asks (SPEC §9.11).
    public var position: Position
    /// What the verdict rests on: the most negative source and driver (SPEC §13.3).
    public var cause = Cause.none
    /// No results row for the region from the year's start through the cut-off (SPEC §10.2):
    /// its figures are not a measurement.
    public var hasNoResultsToDate: Bool

    public var focusAreas: [FocusArea] { Array(focusCandidates.prefix(3)) }
    public var theOne: FocusArea? { focusCandidates.first }
    public var weights: [Decimal] { region.weights.weights }

    /// Share of the year's weight in the first six fiscal months.
    public var firstHalfShare: Decimal {
        let w = weights
        return w.prefix(6).reduce(0, +) / w.reduce(0, +)
    }
    public var sourcesTotal: Decimal { region.sources.reduce(0) { $0 + $1.revenue } }
    /// Sources that miss the revenue goal by more than 0.5 % (the Q3 plan check).
    public var sourcesMismatchGoal: Bool {
        guard !region.sources.isEmpty, region.goals.revenue > 0 else { return false }
        return abs(sourcesTotal - region.goals.revenue) / region.goals.revenue > Decimal(string: "0.005")!
    }

    /// A goal's figure from the actuals of a region's rows in `scope`.
    static func figure(_ goal: Decimal, _ phasing: Phasing, _ metric: String, _ scope: Actuals.Scope, region: Region,
                       plan: Plan, calendar: FiscalCalendar, actuals: Actuals) -> Figure {
        var f = Figure(goal: goal, phasing: phasing,
                       actual: actuals.monthly(region: region.id, scope: scope, metric: metric),
                       prior: actuals.monthly(region: region.id, scope: scope, metric: metric, prior: true),
                       calendar: calendar, thresholds: plan.thresholds)
        if !actuals.metrics.contains(metric) { f.markNotMeasured() }
        return f
    }

    /// The region's revenue with the earlier years the backtest reads (SPEC §13.1).
    static func revenue(of region: Region, plan: Plan, calendar: FiscalCalendar, actuals: Actuals) -> Figure {
        var f = figure(region.goals.revenue, region.weights, "revenue", .region, region: region, plan: plan, calendar: calendar, actuals: actuals)
        let earlier = (0..<Tally.historyYears).map { actuals.monthly(region: region.id, metric: "revenue", yearsBack: 2 + $0) }
        if let last = earlier.lastIndex(where: { $0.contains { $0 != nil } }) { f.monthlyEarlier = Array(earlier[...last]) }
        return f
    }

    init(region: Region, plan: Plan, calendar: FiscalCalendar, actuals: Actuals, calibration: ForecastCalibration) {
        self.region = region
        let thresholds = plan.thresholds
        func figure(_ goal: Decimal, _ phasing: Phasing, _ metric: String, _ scope: Actuals.Scope) -> Figure {
            Self.figure(goal, phasing, metric, scope, region: region, plan: plan, calendar: calendar, actuals: actuals)
        }
        revenue = Self.revenue(of: region, plan: plan, calendar: calendar, actuals: actuals)
        calibration.calibrate(&revenue, calendar: calendar, fiscalYear: plan.fiscalYear)
        profit = figure(region.goals.profit, region.weights, "profit", .region)
        if !region.goals.plansProfit { profit.markNotPlanned() }
        sources = region.sources.map { source in
            let phasing = region.weights(of: source.id)
            return SourceResult(source: source, revenue: figure(source.revenue, phasing, "revenue", .source(source.id)),
                                profit: source.profit.map { figure($0, phasing, "profit", .source(source.id)) })
        }
        unassigned = Unassigned(region: revenue, sources: sources.map(\.revenue))
        hasNoResultsToDate = !actuals.hasRows(region: region.id, months: 0..<calendar.monthsTouched)

        pipeline = Pipeline(region: region, plan: plan, actuals: actuals)
        if let expected = pipeline.expected {
            revenue.addPipeline(expected: expected)
            for i in sources.indices { sources[i].revenue.addPipeline(expected: pipeline.expectedBySource[sources[i].source.id]) }
        }
        categories = Categories(revenue: revenue, region: region.id, actuals: actuals)
        pipelineMovement = actuals.pipelineMovement[region.id]
        if actuals.tracksDeals { largestDeals = (actuals.largestLost[region.id] ?? [], actuals.largestOpen[region.id] ?? []) }
        board = BoardFigures(revenue: revenue, profit: profit, openPipeline: pipeline.open, openDeals: pipeline.openDeals,
                             unvaluedOpenDeals: pipeline.unvaluedDeals)
        position = Position(revenue)

        var context = RegionContext(plan: plan, calendar: calendar, actuals: actuals)
        kpis = region.kpis.map { KPIResult(kpi: $0, region: region, actuals: actuals, plan: plan, calendar: calendar) }
        context.kpis = kpis
        func toDate(_ metric: String) -> Decimal? {
            let values = actuals.monthly(region: region.id, metric: metric)
            return values.contains { $0 != nil } ? values.reduce(Decimal(0)) { $0 + ($1 ?? 0) } : nil
        }
        leadsToDate = toDate("leads")
        wonDealsToDate = toDate("won_deals")
        funnelNeed = FunnelNeed(revenue: revenue, leads: leadsToDate, wonDeals: wonDealsToDate,
                                leadsPrior: actuals.monthly(region: region.id, metric: "leads", prior: true),
                                weights: region.weights.weights, calendar: calendar)
        canary = Canary(kpis: kpis, revenue: revenue, need: funnelNeed, thresholds: thresholds)
        pathToPlan = funnelNeed.flatMap { PathToPlan(need: $0, calendar: calendar) }
        drivers = DriverBridge.compute(revenue: revenue, leads: leadsToDate, wonDeals: wonDealsToDate, kpis: region.kpis)
        if let declared = region.funnel ?? plan.funnel {
            var counts: [String: Decimal] = [:]
            for metric in declared.stages { counts[metric] = toDate(metric) }
            funnel = FunnelSplit(funnel: declared, revenue: revenue, counts: counts, kpis: region.kpis)
        }
        owners = OwnerFigures.find(region: region, plan: plan, actuals: actuals, calendar: calendar)
        lossReasons = LossReason.find(region: region, actuals: actuals)
        if let revised = plan.revision(of: region, at: calendar.asOf) {
            revision = RevisionView(revised: revised, region: region, actuals: actuals, revenueToDate: revenue.actualToDate,
                                    sourcesToDate: Dictionary(uniqueKeysWithValues: sources.map { ($0.source.id, $0.revenue.actualToDate) }),
                                    calendar: calendar, thresholds: thresholds)
        }
        revision?.read(call: revenue.call, openPipeline: pipeline.open, actualToDate: revenue.actualToDate)
        objectives = region.objectives.map { Initiative(objective: $0, region: region, context: context) }
        actions = region.allActions.map { Initiative(action: $0, region: region, context: context) }
        variances = MaterialVariance.find(region: region, sources: sources, kpis: kpis, threshold: thresholds.materiality)
        let regionRevenue = revenue
        shifts = sources.compactMap {
            MarketShift.find(source: $0.source, figure: $0.revenue, region: regionRevenue,
                             wonDeals: actuals.monthly(region: region.id, scope: .source($0.source.id), metric: "won_deals"),
                             calendar: calendar, threshold: thresholds.shift)
        }
        focusComparison = FocusComparison(candidates: [], leaderFocusAreas: [], leaderTheOne: nil)
        (working, stop) = Scored.judge(sources: sources, objectives: objectives, actions: actions)
        cause = Cause(self)
        focusCandidates = FocusRanking.candidates(self, shiftThreshold: thresholds.shift, calendar: calendar)
        // What should stop on a source that is a focus area: change the approach, not the goal.
        for index in stop.indices {
            guard let source = stop[index].initiative?.source,
                let rank = focusAreas.firstIndex(where: { $0.key == FocusArea.Key(kind: .source, id: source.rawValue) })
            else { continue }
            stop[index].sourceFocusRank = rank + 1
        }
        focusComparison = FocusComparison(candidates: focusCandidates, others: notCandidates(),
                                          leaderFocusAreas: region.midyear.focusAreas, leaderTheOne: region.midyear.theOne)
        findings = PlanLint.findings(for: self, plan: plan, calendar: calendar, actuals: actuals)
        owed = Owed.find(self)
    }

    /// The region's sources and KPIs that are not focus candidates (a leader's item naming
    /// one has nothing at stake).
    private func notCandidates() -> [FocusArea] {
        let ranked = Set(focusCandidates.map(\.key))
        let others = sources.map { s in
            FocusArea(kind: .source, id: s.source.id.rawValue, name: s.source.name, atStake: 0, reason: .onPlan(attainment: s.revenue.attainment))
        } + kpis.map { k in
            FocusArea(kind: .kpi, id: k.kpi.id.rawValue, name: k.kpi.name, atStake: 0, reason: .onPlan(attainment: k.attainment))
        }
        return others.filter { !ranked.contains($0.key) }
    }
}
