import Foundation

/// An objective or action measured against its own target (Q5, Q6).
public struct Initiative: Sendable {
    public enum Kind: String, Sendable { case objective, action }

    public var kind: Kind
    public var id: String
    public var name: String
    public var owner: String?
    public var metric: String?
    public var source: String?
    public var target: Decimal?
    public var due: Day?
    public var cost: Decimal?
    /// Target due by the cut-off: pro rata by days to the due date when there is one,
    /// else phased like the region (or its source); KPI-valued and stock targets are not phased.
    public var targetToDate: Decimal?
    public var actual: Decimal?
    public var attainment: Double?
    public var status: Status?
    /// Whether the metric is money (then the gap is dollars above or below plan).
    public var isMoney: Bool
    public var gap: Decimal? { guard let targetToDate, let actual else { return nil }; return actual - targetToDate }
    /// Cost per unit of result so far (the budget divided by the result to date).
    public var costPerUnit: Decimal? {
        guard let cost, let actual, actual > 0 else { return nil }
        return cost / actual
    }
    /// Why it cannot be measured, when it cannot.
    public var unmeasured: String?
}

extension Initiative {
    init(objective o: Objective, region: Region, context: RegionContext) {
        self.init(kind: .objective, id: o.id, name: o.statement, owner: nil, metric: o.metric, source: o.source,
                  target: o.target, due: o.due, cost: nil, isMoney: false)
        measure(region: region, context: context)
    }

    init(action a: Action, region: Region, context: RegionContext) {
        self.init(kind: .action, id: a.id, name: a.name, owner: a.owner, metric: a.metric, source: a.source,
                  target: a.target, due: a.due, cost: a.cost, isMoney: false)
        measure(region: region, context: context)
    }

    private mutating func measure(region: Region, context: RegionContext) {
        guard let metric else { unmeasured = "no metric"; return }
        guard let target else { unmeasured = "no target"; return }
        let calendar = context.calendar
        if let kpi = context.kpis.first(where: { $0.kpi.id == metric }) {
            // A KPI-valued target is a level, not an amount to accumulate.
            targetToDate = target
            actual = kpi.actual
            attainment = actual.flatMap { a in kpi.kpi.better == .higher ? ratio(a, target) : ratio(target, a) }
            status = Status(ratio: attainment, thresholds: context.plan.thresholds)
            return
        }
        isMoney = Metric.money.contains(metric)
        let scope: String?? = source == nil ? .none : .some(source)
        let monthly = context.actuals.monthly(region: region.id, source: scope, metric: metric)
        let aggregation = context.plan.aggregation(of: metric)
        if aggregation == .last {
            actual = monthly.last { $0 != nil } ?? nil
            targetToDate = target
        } else {
            actual = monthly.reduce(Decimal(0)) { $0 + ($1 ?? 0) }
            if let due {
                let start = calendar.start.firstDay.ordinal
                let span = Decimal(max(1, due.ordinal - start + 1))
                let done = Decimal(max(0, calendar.effectiveCutOff.ordinal - start + 1))
                targetToDate = target * min(1, done / span)
            } else {
                let weights = source.flatMap { region.source(id: $0)?.phasing } ?? region.phasing ?? FiscalCalendar.evenWeights
                targetToDate = target * calendar.elapsedWeight(weights) / weights.reduce(0, +)
            }
        }
        if let targetToDate, let actual { attainment = ratio(actual, targetToDate) }
        status = Status(ratio: attainment, thresholds: context.plan.thresholds)
    }
}
