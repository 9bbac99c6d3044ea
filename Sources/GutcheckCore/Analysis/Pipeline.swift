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
    public var expectedBySource: [Source.ID: Decimal] = [:]
    public var missing: Missing?
    /// Open deals closing in the rest of the year (nil without a deal export's stage column),
    /// and of them the deals with no amount (SPEC §13.6).
    public var openDeals: Int?
    public var unvaluedDeals = 0
    /// Every open deal closing in the rest of the year lacks an amount: the pipeline is not
    /// measured (never 0).
    public var isUnvalued: Bool { (openDeals ?? 0) > 0 && unvaluedDeals == openDeals }

    /// Open deals closing in the rest of the year in one stage (SPEC §15.2); ages from a
    /// `created` column (days from creation to the cut-off), nil without one.
    public struct Stage: Sendable, Equatable {
        public var name: String
        public var deals: Int
        public var amount: Decimal
        public var unvalued: Int
        public var medianAgeDays: Decimal?
        public var oldestAgeDays: Int?
    }

    /// By stage, in the plan's win-probability order (lowest first, as a funnel runs), then by
    /// name; empty without a deal export's stage column.
    public var stages: [Stage] = []
    /// Open deals whose close date has already passed at the cut-off: not pipeline (SPEC
    /// §15.2); nil without a deal export's stage column.
    public var stale: Actuals.OpenDeals?
    /// Whether a `created` column gave the open deals' ages.
    public var hasAges = false

    /// The median of ages held as (days, deals) sorted by days: the middle deal's age, or the
    /// mean of the two middle ones.
    static func median(_ ages: [(days: Int, deals: Int)]) -> Decimal? {
        let n = ages.reduce(0) { $0 + $1.deals }
        guard n > 0 else { return nil }
        func age(at rank: Int) -> Int {
            var seen = 0
            for a in ages {
                seen += a.deals
                if seen > rank { return a.days }
            }
            return ages.last!.days
        }
        return n % 2 == 1 ? Decimal(age(at: n / 2)) : Decimal(age(at: n / 2 - 1) + age(at: n / 2)) / 2
    }

    init(region: Region, plan: Plan, actuals: Actuals) {
        let deals = actuals.openDeals.filter { $0.key.region == region.id }
        if actuals.tracksOpenDeals {
            openDeals = deals.values.reduce(0) { $0 + $1.count }
            unvaluedDeals = deals.values.reduce(0) { $0 + $1.unvalued }
            open = isUnvalued ? nil : deals.values.reduce(Decimal(0)) { $0 + $1.amount }
        } else {
            open = actuals.monthly(region: region.id, metric: "pipeline").last { $0 != nil } ?? nil
        }
        if actuals.tracksOpenDeals {
            stale = actuals.staleDeals[region.id] ?? Actuals.OpenDeals(count: 0, amount: 0)
            hasAges = actuals.tracksCreated
            var byStage: [String: Stage] = [:]
            for (key, deal) in deals {
                var stage = byStage[key.stage] ?? Stage(name: key.stage, deals: 0, amount: 0, unvalued: 0)
                stage.deals += deal.count
                stage.amount += deal.amount
                stage.unvalued += deal.unvalued
                byStage[key.stage] = stage
            }
            for (name, var stage) in byStage {
                if let ages = actuals.openAges[Actuals.OpenAgeKey(region: region.id, stage: name)] {
                    stage.medianAgeDays = Self.median(ages)
                    stage.oldestAgeDays = ages.last?.days
                }
                byStage[name] = stage
            }
            stages = byStage.values.sorted { a, b in
                let pa = plan.pipeline.probability(of: a.name) ?? 2, pb = plan.pipeline.probability(of: b.name) ?? 2
                return pa != pb ? pa < pb : a.name < b.name
            }
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
        }
    }
}
