import Foundation

/// An objective or action measured against its own target (Q5, Q6).
public struct Initiative: Sendable {
    public enum Kind: String, Sendable { case objective, action }

    /// Why an initiative has no attainment.
    public enum Unmeasured: Sendable, Equatable {
        case noMetric
        case noTarget
        /// No results row carries its metric.
        case metricNotInResults(String)
        /// Its period lies outside the fiscal year, or weighs nothing in the phasing.
        case periodOutsideYear
    }

    /// What an action has cost so far (SPEC §9.6).
    public enum CostToDate: Sendable, Equatable {
        /// `spent`, as the plan reports it.
        case spent(Decimal)
        /// The budget × the elapsed share of the action's period ("budget to date, pro rata").
        case budgetProRata(Decimal)

        public var amount: Decimal {
            switch self {
            case .spent(let d), .budgetProRata(let d): return d
            }
        }
    }

    public var kind: Kind
    public var id: String
    public var name: String
    /// For an objective measured by another goal's measure: that goal. Such an objective is
    /// neither working nor to stop on that evidence (SPEC §13.10).
    public var measuredByAnotherGoal: Goals.Kind?
    public var owner: String?
    public var metric: String?
    public var source: Source.ID?
    public var target: Decimal?
    public var start: Day?
    public var due: Day?
    /// The objective an action serves.
    public var objective: String?
    /// The budget for the whole period (actions).
    public var cost: Decimal?
    public var costToDate: CostToDate?
    /// The target due by the cut-off (SPEC §9.3): for a flow metric, target × Σw(period to
    /// date) / Σw(period) with the phasing of its source (else its region); a KPI-valued or
    /// stock target is a level, due as it is.
    public var targetToDate: Decimal?
    public var actual: Decimal?
    public var attainment: Double?
    public var status: Status?
    /// Whether the metric is money (then the gap is dollars above or below plan).
    public var isMoney: Bool
    public var gap: Decimal? { guard let targetToDate, let actual else { return nil }; return actual - targetToDate }
    /// Cost to date per unit of result so far; nil without a cost or a positive result.
    public var costPerResult: Decimal? {
        guard let costToDate, let actual, actual > 0 else { return nil }
        return costToDate.amount / actual
    }
    /// Why it cannot be measured, when it cannot.
    public var unmeasured: Unmeasured?
}

extension Initiative {
    init(objective o: Objective, region: Region, context: RegionContext) {
        self.init(kind: .objective, id: o.id, name: o.statement, owner: o.owner, metric: o.metric, source: o.source,
                  target: o.target, start: o.start, due: o.due, objective: nil, cost: nil, isMoney: false)
        measuredByAnotherGoal = o.measuredByAnotherGoal
        measure(region: region, context: context)
    }


    init(action a: Action, region: Region, context: RegionContext) {
        self.init(kind: .action, id: a.id, name: a.name, owner: a.owner, metric: a.metric, source: a.source,
                  target: a.target, start: a.start, due: a.due, objective: a.objective, cost: a.cost, isMoney: false)
        let calendar = context.calendar
        if let spent = a.spent {
            costToDate = .spent(spent)
        } else if let cost = a.cost, let share = Phasing.even.due(1, from: periodStart(calendar), through: periodEnd(calendar), in: calendar) {
            costToDate = .budgetProRata(cost * share)
        }
        measure(region: region, context: context)
    }

    func periodStart(_ calendar: FiscalCalendar) -> Day { start ?? calendar.start.firstDay }
    func periodEnd(_ calendar: FiscalCalendar) -> Day { due ?? calendar.end }

    private mutating func measure(region: Region, context: RegionContext) {
        guard let metric else { unmeasured = .noMetric; return }
        guard let target else { unmeasured = .noTarget; return }
        let calendar = context.calendar
        if let kpi = context.kpis.first(where: { $0.kpi.id.rawValue == metric }) {
            // A KPI-valued target is a level, not an amount to accumulate.
            guard kpi.isMeasured else { unmeasured = .metricNotInResults(metric); return }
            targetToDate = target
            actual = kpi.actual
            attainment = KPIResult.attainment(actual, target, better: kpi.kpi.better)
            status = Status(ratio: attainment, thresholds: context.plan.thresholds)
            return
        }
        guard context.actuals.metrics.contains(metric) else { unmeasured = .metricNotInResults(metric); return }
        isMoney = Metric.money.contains(metric)
        let monthly = context.actuals.monthly(region: region.id, scope: Actuals.Scope(source), metric: metric)
        let (first, last) = (periodStart(calendar), periodEnd(calendar))
        // Only what happened within the period counts toward it (a first-quarter objective
        // gets no credit for June); months the period covers in part count pro rata by days.
        let share = (0..<12).map { calendar.share(ofMonth: $0, from: first, through: last) }
        if context.plan.aggregation(of: metric) == .last {
            actual = (0..<12).reversed().lazy.compactMap { share[$0] > 0 ? monthly[$0] : nil }.first
            targetToDate = target
        } else {
            actual = (0..<12).reduce(Decimal(0)) { sum, m in sum + (monthly[m].map { $0 * share[m] } ?? 0) }
            let phasing = region.weights(of: source)
            // A period in months the phasing gives no weight is due evenly over its days.
            guard let due = phasing.due(target, from: first, through: last, in: calendar)
                ?? Phasing.even.due(target, from: first, through: last, in: calendar)
            else { unmeasured = .periodOutsideYear; return }
            targetToDate = due
        }
        if let targetToDate, let actual { attainment = ratio(actual, targetToDate) }
        status = Status(ratio: attainment, thresholds: context.plan.thresholds)
    }
}
