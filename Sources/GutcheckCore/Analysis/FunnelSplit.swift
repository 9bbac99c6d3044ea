import Foundation

/// A declared funnel measured stage by stage (SPEC §11.4): each stage's count to date, its
/// conversion from the stage before against target, the weakest step (where leads die), and
/// the revenue gap split over every stage by LMDI:
///
///     revenue = top stage × Π conversions × average deal size
///     effect of X = L(V1, V0) × ln(X1 / X0),  L the logarithmic mean
///
/// The plan side takes each conversion's target, the deal size from the KPI
/// `revenue / won_deals`, and the top stage's plan = revenue plan to date ÷ (Π targets ×
/// deal-size target), so the plan side multiplies out to the plan to date and the effects
/// add up to the gap exactly, whatever their order.
public struct FunnelSplit: Sendable {
    public struct Stage: Sendable {
        public var metric: String
        /// To date; nil when no results row carries the metric.
        public var count: Decimal?
        /// This stage's count ÷ the previous stage's; nil for the top stage or when not computable.
        public var conversion: Decimal?
        /// The target for the step into this stage; nil for the top stage or when none is set.
        public var target: Decimal?
    }

    /// One factor of the product: the top stage, a conversion ("leads/inquiries") or `deal_size`.
    public struct Factor: Sendable {
        public var driver: Driver
        public var plan: Double
        public var actual: Double
        /// Money effect on the revenue gap.
        public var effect: Double
    }

    public enum NotComputable: Error, Sendable, Equatable {
        /// The product ends in deals won: the last stage must be `won_deals`.
        case notEndingInWonDeals(last: String)
        case noDealSizeKPI
        case missingTarget(step: String)
        case noPlanToDate
        case noCount(stage: String)
        case noRevenue
    }

    public var funnel: Funnel
    public var stages: [Stage]
    /// The stage converted into at the lowest conversion ÷ target (nil without targets or counts).
    public var weakest: String?
    public var factors: Result<[Factor], NotComputable>
    public var gap: Decimal

    init(funnel: Funnel, revenue: Figure, counts: [String: Decimal], kpis: [KPI]) {
        self.funnel = funnel
        gap = revenue.gap
        var stages: [Stage] = []
        for (i, metric) in funnel.stages.enumerated() {
            var stage = Stage(metric: metric, count: counts[metric], conversion: nil, target: nil)
            if i > 0 {
                stage.target = funnel.conversionTargets[i - 1]
                if let c = stage.count, let previous = counts[funnel.stages[i - 1]], previous > 0 { stage.conversion = c / previous }
            }
            stages.append(stage)
        }
        self.stages = stages
        // Where leads die: the lowest conversion against its target.
        var lowest: (ratio: Decimal, metric: String)?
        for stage in stages {
            guard let c = stage.conversion, let t = stage.target, t > 0 else { continue }
            if lowest == nil || c / t < lowest!.ratio { lowest = (c / t, stage.metric) }
        }
        weakest = lowest?.metric
        factors = Self.factors(funnel: funnel, stages: stages, revenue: revenue, kpis: kpis)
    }

    static func factors(funnel: Funnel, stages: [Stage], revenue: Figure, kpis: [KPI]) -> Result<[Factor], NotComputable> {
        guard let last = funnel.stages.last, last == "won_deals" else { return .failure(.notEndingInWonDeals(last: funnel.stages.last ?? "")) }
        guard let dealSize = kpis.first(where: { $0.value == .ratio(numerator: "revenue", denominator: "won_deals") })?.target, dealSize > 0
        else { return .failure(.noDealSizeKPI) }
        for (i, target) in funnel.conversionTargets.enumerated() where target == nil {
            return .failure(.missingTarget(step: funnel.stepName(i)))
        }
        guard revenue.planToDate > 0 else { return .failure(.noPlanToDate) }
        for stage in stages where (stage.count ?? 0) <= 0 { return .failure(.noCount(stage: stage.metric)) }
        guard revenue.actualToDate > 0 else { return .failure(.noRevenue) }

        let targets = funnel.conversionTargets.map { $0! }
        let v1 = revenue.actualToDate.double, v0 = revenue.planToDate.double
        let weight = DriverBridge.logMean(v1, v0)
        func factor(_ driver: Driver, _ x0: Double, _ x1: Double) -> Factor {
            Factor(driver: driver, plan: x0, actual: x1, effect: weight * Foundation.log(x1 / x0))
        }
        let topPlan = revenue.planToDate / (targets.reduce(Decimal(1), *) * dealSize)
        var result = [factor(.volume(of: funnel.stages[0]), topPlan.double, stages[0].count!.double)]
        for i in 1..<stages.count {
            result.append(factor(.conversion(from: funnel.stages[i - 1], into: funnel.stages[i]), targets[i - 1].double,
                                 stages[i].conversion!.double))
        }
        result.append(factor(.dealSize, dealSize.double, (revenue.actualToDate / stages.last!.count!).double))
        return .success(result)
    }

    /// The effects rounded to cents, adding up to the gap rounded to cents.
    public var effectsInCents: [Decimal] {
        guard case .success(let factors) = factors else { return [] }
        return DriverBridge.cents(factors.map(\.effect), gap: gap)
    }

    /// The factor a KPI measures, if any: the top stage's count, a step's conversion, deal
    /// size — or a conversion across several steps (`won_deals / leads` in a funnel from
    /// inquiries), which the steps it spans already price (its last step is named).
    func factor(measuredBy kpi: KPI) -> Driver? {
        switch kpi.value {
        case .metric(let m) where m == funnel.stages.first: return .volume(of: m)
        case .ratio("revenue", "won_deals"): return .dealSize
        case .ratio(let numerator, let denominator):
            guard let from = funnel.stages.firstIndex(of: denominator), let to = funnel.stages.firstIndex(of: numerator), from < to
            else { return nil }
            return .conversion(from: funnel.stages[to - 1], into: funnel.stages[to])
        default: return nil
        }
    }
}
