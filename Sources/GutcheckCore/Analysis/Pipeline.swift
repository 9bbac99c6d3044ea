import Foundation

/// A region's open pipeline for the rest of the year: the deals a deal export lists in an
/// open stage with a close date after the cut-off and within the fiscal year. It feeds the
/// pipeline forecast (weighted by the plan's win probabilities) and pipeline coverage
/// (unweighted, SPEC §9.10).
public struct Pipeline: Sendable {
    /// Why there is no pipeline forecast.
    public enum Missing: Sendable, Equatable {
        case noOpenDeals
        case noWinProbabilities
        case noneInRestOfYear
        /// Every open deal in the rest of the year was exported without an amount.
        case noAmounts
    }

    /// Open deals closing in the rest of the year, unweighted; without a deal export's stage
    /// column, the latest `pipeline` metric row up to the cut-off; nil when neither is there.
    public var open: Decimal?
    /// Probability-weighted open deals, for the region and by source id; nil when `missing`.
    public var expected: Decimal?
    public var expectedBySource: [String: Decimal] = [:]
    public var missing: Missing?
    /// Open stages the plan gives no win probability (counted at 0).
    public var stagesWithoutProbability: [String] = []
    /// Open deals closing in the rest of the year (nil without a deal export's stage column),
    /// and of them the deals with no amount (SPEC §13.6).
    public var openDeals: Int?
    public var unvaluedDeals = 0
    /// Every open deal closing in the rest of the year lacks an amount: the pipeline is not
    /// measured (never 0).
    public var isUnvalued: Bool { (openDeals ?? 0) > 0 && unvaluedDeals == openDeals }

    init(region: Region, plan: Plan, actuals: Actuals) {
        let deals = actuals.openDeals.filter { $0.key.region == region.id }
        if actuals.tracksOpenDeals {
            openDeals = deals.values.reduce(0) { $0 + $1.count }
            unvaluedDeals = deals.values.reduce(0) { $0 + $1.unvalued }
            open = isUnvalued ? nil : deals.values.reduce(Decimal(0)) { $0 + $1.amount }
        } else {
            open = actuals.monthly(region: region.id, metric: "pipeline").last { $0 != nil } ?? nil
        }
        if isUnvalued {
            missing = .noAmounts
        } else if plan.pipeline.isEmpty {
            missing = deals.isEmpty ? .noOpenDeals : .noWinProbabilities
        } else if deals.isEmpty {
            missing = .noneInRestOfYear
        } else {
            func weighted(_ scope: Actuals.Scope) -> Decimal {
                deals.reduce(Decimal(0)) { sum, deal in
                    if case .source(let id) = scope, deal.key.source != id { return sum }
                    return sum + deal.value.amount * (plan.pipeline.probability(of: deal.key.stage) ?? 0)
                }
            }
            expected = weighted(.region)
            for source in region.sources { expectedBySource[source.id] = weighted(.source(source.id)) }
            stagesWithoutProbability = Set(deals.keys.map(\.stage).filter { plan.pipeline.probability(of: $0) == nil }).sorted()
        }
    }
}
