import Foundation

/// What a region's analysis needs to see.
struct RegionContext {
    let plan: Plan
    let calendar: FiscalCalendar
    let actuals: Actuals
    var kpis: [KPIResult] = []
}

/// A source's figures.
public struct SourceResult: Sendable {
    public var source: Source
    public var revenue: Figure
    public var profit: Figure?
}

/// One line of "what is working" or "what should stop".
public enum Scored: Sendable {
    case source(SourceResult)
    case initiative(Initiative)
    case kpi(KPIResult)

    /// Dollars above (+) or below (−) plan, where the measure is money.
    public var dollars: Decimal? {
        switch self {
        case .source(let s): return s.revenue.gap
        case .initiative(let i): return i.isMoney ? i.gap : nil
        case .kpi: return nil
        }
    }

    public var attainment: Double? {
        switch self {
        case .source(let s): return s.revenue.attainment
        case .initiative(let i): return i.attainment
        case .kpi(let k): return k.attainment
        }
    }
}

/// Every answer's evidence for one region, computed from the plan and the actuals.
public struct RegionAnalysis: Sendable {
    public var region: Region
    public var revenue: Figure
    public var profit: Figure
    public var sources: [SourceResult]
    /// Revenue in rows with no source: in the region's total, in no source.
    public var unattributedRevenue: Decimal
    public var kpis: [KPIResult]
    public var leadsToDate: Decimal?
    public var wonDealsToDate: Decimal?
    public var drivers: Result<DriverBridge, NotComputable>
    public var objectives: [Initiative]
    public var actions: [Initiative]
    public var working: [Scored]
    public var notWorking: [Scored]
    public var shifts: [MarketShift]
    /// All candidates ranked by dollars at stake; the report shows the top three.
    public var focusCandidates: [FocusArea]
    public var findings: [PlanFinding]
    /// Why there is no pipeline forecast, when there is none.
    public var pipelineNote: String?
    /// The lead-to-close the rest of the year needs, when the funnel figures allow.
    public var funnelNeed: FunnelNeed?
    /// The canary sounds: revenue looks on plan, yet the goal needs a better lead-to-close
    /// than achieved so far — the warning before revenue shows it.
    public var canarySounds: Bool { revenue.status == .onTrack && funnelNeed?.outOfReach == true }
    /// Sources and KPIs beyond the materiality threshold, with the leader's explanation if any.
    public var variances: [MaterialVariance] = []
    /// Open stages the plan gives no win probability (counted at 0).
    public var stagesWithoutProbability: [String] = []

    public var focusAreas: [FocusArea] { Array(focusCandidates.prefix(3)) }
    public var theOne: FocusArea? { focusCandidates.first }
    /// The leader's focus areas and pick beside the data's ranking.
    public var focusComparison: FocusComparison {
        let ranked = Set(focusCandidates.map { "\($0.kind)/\($0.id)" })
        let others = sources.compactMap { s -> FocusArea? in
            guard !ranked.contains("source/\(s.source.id)") else { return nil }
            return FocusArea(kind: .source, id: s.source.id, title: s.source.name, atStake: 0,
                             why: s.revenue.attainment.map { "\(Percent.format($0)) of plan to date" } ?? "no plan to date")
        } + kpis.compactMap { k -> FocusArea? in
            guard !ranked.contains("kpi/\(k.kpi.id)") else { return nil }
            return FocusArea(kind: .kpi, id: k.kpi.id, title: k.kpi.name, atStake: 0,
                             why: k.status.map { "KPI \($0.rawValue.replacingOccurrences(of: "_", with: " "))" } ?? "KPI not measured")
        }
        return FocusComparison(candidates: focusCandidates, others: others, leaderFocusAreas: region.midyear.focusAreas,
                               leaderTheOne: region.midyear.theOne)
    }
    public var weights: [Decimal] { region.phasing ?? FiscalCalendar.evenWeights }

    /// Profit goal / revenue goal.
    public var plannedMargin: Double? { ratio(region.goals.profit, region.goals.revenue) }
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
    public var canary: KPIResult? { kpis.first { $0.kpi.canary } }

    init(region: Region, plan: Plan, calendar: FiscalCalendar, actuals: Actuals) {
        self.region = region
        let thresholds = plan.thresholds
        let regionWeights = region.phasing ?? FiscalCalendar.evenWeights
        func monthly(_ metric: String, _ source: String?? = .none, prior: Bool = false) -> [Decimal?] {
            actuals.monthly(region: region.id, source: source, metric: metric, prior: prior)
        }
        revenue = Figure(goal: region.goals.revenue, weights: regionWeights, actual: monthly("revenue"),
                         prior: monthly("revenue", prior: true), calendar: calendar, thresholds: thresholds)
        profit = Figure(goal: region.goals.profit, weights: regionWeights, actual: monthly("profit"),
                        prior: monthly("profit", prior: true), calendar: calendar, thresholds: thresholds)
        sources = region.sources.map { source in
            let w = source.phasing ?? regionWeights
            let scope: String?? = .some(source.id)
            return SourceResult(
                source: source,
                revenue: Figure(goal: source.revenue, weights: w, actual: monthly("revenue", scope),
                                prior: monthly("revenue", scope, prior: true), calendar: calendar, thresholds: thresholds),
                profit: source.profit.map {
                    Figure(goal: $0, weights: w, actual: monthly("profit", scope),
                           prior: monthly("profit", scope, prior: true), calendar: calendar, thresholds: thresholds)
                })
        }
        unattributedRevenue = monthly("revenue", .some(nil)).reduce(Decimal(0)) { $0 + ($1 ?? 0) }
        // Pipeline: open deals closing in the rest of the year × their stage's win probability.
        let open = actuals.openDeals.filter { $0.key.region == region.id }
        if plan.pipeline.isEmpty {
            pipelineNote = open.isEmpty ? "no open deals in the results" : "the plan gives no win probabilities (pipeline.win_probability)"
        } else if open.isEmpty {
            pipelineNote = "no open deals close in the rest of the year"
        } else {
            func expected(_ source: String??) -> Decimal {
                open.reduce(Decimal(0)) { sum, deal in
                    if case .some(let wanted) = source, deal.key.source != wanted { return sum }
                    return sum + deal.value.amount * (plan.pipeline.probability(of: deal.key.stage) ?? 0)
                }
            }
            stagesWithoutProbability = Set(open.keys.map(\.stage).filter { plan.pipeline.probability(of: $0) == nil }).sorted()
            revenue.addPipeline(expected: expected(.none))
            for i in sources.indices { sources[i].revenue.addPipeline(expected: expected(.some(sources[i].source.id))) }
        }

        var context = RegionContext(plan: plan, calendar: calendar, actuals: actuals)
        kpis = region.kpis.map { KPIResult(kpi: $0, region: region.id, actuals: actuals, plan: plan, calendar: calendar) }
        context.kpis = kpis
        func toDate(_ metric: String) -> Decimal? {
            let values = monthly(metric)
            return values.contains { $0 != nil } ? values.reduce(Decimal(0)) { $0 + ($1 ?? 0) } : nil
        }
        leadsToDate = toDate("leads")
        wonDealsToDate = toDate("won_deals")
        funnelNeed = FunnelNeed(revenue: revenue, leads: leadsToDate, wonDeals: wonDealsToDate, calendar: calendar)
        drivers = DriverBridge.compute(revenue: revenue, leads: leadsToDate, wonDeals: wonDealsToDate, kpis: region.kpis)
        objectives = region.objectives.map { Initiative(objective: $0, region: region, context: context) }
        actions = region.allActions.map { Initiative(action: $0, region: region, context: context) }

        let scored: [Scored] = sources.map { .source($0) } + objectives.map { .initiative($0) }
            + actions.map { .initiative($0) } + kpis.map { .kpi($0) }
        func status(_ s: Scored) -> Status? {
            switch s {
            case .source(let x): return x.revenue.status
            case .initiative(let x): return x.status
            case .kpi(let x): return x.status
            }
        }
        working = Self.rank(scored.filter { status($0) == .onTrack }, descending: true)
        notWorking = Self.rank(scored.filter { status($0) == .offTrack }, descending: false)
        variances = MaterialVariance.find(region: region, sources: sources, kpis: kpis, threshold: thresholds.materiality)
        shifts = sources.flatMap {
            MarketShift.find(source: $0.source, figure: $0.revenue, calendar: calendar, threshold: thresholds.shift)
        }
        focusCandidates = []
        findings = []
        focusCandidates = rankFocus()
        findings = lint(plan: plan)
    }

    /// Money items first by dollars, then the rest by attainment.
    static func rank(_ items: [Scored], descending: Bool) -> [Scored] {
        items.sorted { a, b in
            switch (a.dollars, b.dollars) {
            case let (x?, y?): return descending ? x > y : x < y
            case (_?, nil): return true
            case (nil, _?): return false
            case (nil, nil):
                let x = a.attainment ?? 0
                let y = b.attainment ?? 0
                return descending ? x > y : x < y
            }
        }
    }

    /// Q10 candidates, each with the dollars at stake in the rest of the year if today's shortfall
    /// persists (docs/questions-and-formulas.md, "focus areas"):
    /// - a source behind plan: its plan for the rest of the year × (1 − attainment);
    /// - a negative driver effect: −effect × the revenue plan for the rest of the year / the plan to date;
    /// - an off-track KPI the driver split does not already price: the revenue plan for the rest of
    ///   the year × (1 − attainment), a top-line KPI moving revenue in proportion;
    /// - profit behind plan: the profit plan for the rest of the year × (1 − attainment).
    func rankFocus() -> [FocusArea] {
        var candidates: [FocusArea] = []
        func shortfall(_ attainment: Double) -> Decimal { 1 - Decimal(exactly: min(1, max(0, attainment)), places: 12) }
        for s in sources where s.revenue.gap < 0 {
            guard let a = s.revenue.attainment else { continue }
            candidates.append(FocusArea(
                kind: .source, id: s.source.id, title: s.source.name, atStake: s.revenue.restOfYearPlan * shortfall(a),
                why: "\(Percent.format(a)) of plan to date, \(Money.plain(-s.revenue.gap)) behind"))
        }
        var pricedByBridge: Set<String> = []
        if case .success(let bridge) = drivers, revenue.planToDate > 0 {
            let scale = revenue.restOfYearPlan / revenue.planToDate
            let named: [(String, String, DriverBridge.Driver)] = [
                ("leads", "Lead volume", bridge.leads), ("lead-to-close", "Lead-to-close conversion", bridge.leadToClose),
                ("deal-size", "Average deal size", bridge.dealSize),
            ]
            pricedByBridge = ["leads", "lead-to-close", "deal-size"]
            for (id, title, d) in named where d.effect < 0 {
                candidates.append(FocusArea(
                    kind: .driver, id: id, title: title, atStake: Decimal(exactly: -d.effect, places: 6) * scale,
                    why: "cost \(Money.plain(Decimal(exactly: -d.effect, places: 2))) of revenue to date in the funnel-driver split"))
            }
        }
        for k in kpis where k.status == .offTrack {
            guard let a = k.attainment, !pricedByBridge.contains(k.kpi.funnelDriver ?? "") else { continue }
            candidates.append(FocusArea(
                kind: .kpi, id: k.kpi.id, title: k.kpi.name, atStake: revenue.restOfYearPlan * shortfall(a),
                why: "KPI off track: \(Percent.format(a)) of its target"))
        }
        if profit.gap < 0, let a = profit.attainment {
            candidates.append(FocusArea(
                kind: .profit, id: "profit", title: "Profit", atStake: profit.restOfYearPlan * shortfall(a),
                why: "\(Percent.format(a)) of the profit plan to date, \(Money.plain(-profit.gap)) behind"))
        }
        // Ties (e.g. nothing left of the year) keep the order above: sources, drivers, KPIs, profit.
        return candidates.enumerated().sorted { x, y in
            x.element.atStake != y.element.atStake ? x.element.atStake > y.element.atStake : x.offset < y.offset
        }.map(\.element)
    }

    /// Q1 and Q3 checks on the plan itself.
    func lint(plan: Plan) -> [PlanFinding] {
        var findings: [PlanFinding] = []
        let yearEnd = FiscalCalendar(start: plan.fiscalYearStart, asOf: plan.asOf).end
        for o in region.objectives {
            var missing: [String] = []
            if o.metric == nil { missing.append("no metric") }
            if o.target == nil { missing.append("no target") }
            if o.due == nil { missing.append("no due date") }
            if let due = o.due, due > yearEnd { missing.append("due \(due), after the fiscal year ends") }
            if !missing.isEmpty {
                findings.append(PlanFinding(
                    message: "objective '\(o.id)' in region '\(region.id)' is not SMART: \(missing.joined(separator: ", "))",
                    location: o.location))
            }
        }
        for a in region.actions where a.objective == nil {
            findings.append(PlanFinding(message: "action '\(a.id)' in region '\(region.id)' is tied to no objective",
                                        location: a.location))
        }
        if sourcesMismatchGoal {
            findings.append(PlanFinding(
                message: "sources of region '\(region.id)' add up to \(Money.plain(sourcesTotal)), not the revenue goal \(Money.plain(region.goals.revenue))",
                location: region.location))
        }
        for stage in stagesWithoutProbability {
            findings.append(PlanFinding(
                message: "open stage '\(stage)' in region '\(region.id)' has no win probability in pipeline.win_probability; its deals count as 0 in the pipeline forecast",
                location: plan.pipeline.location))
        }
        for k in region.kpis where k.target == nil {
            findings.append(PlanFinding(message: "KPI '\(k.id)' in region '\(region.id)' has no target", location: region.location))
        }
        return findings
    }
}
