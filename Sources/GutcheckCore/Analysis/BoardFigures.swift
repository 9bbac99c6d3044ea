import Foundation

/// What a board asks first, for a region and for the total (SPEC §9.10): is there enough
/// pipeline for what is left, are we growing as fast as the goal assumes, and is the margin
/// holding.
public struct BoardFigures: Sendable {
    /// Open pipeline closing in the rest of the year (unweighted).
    public var openPipeline: Decimal?
    /// Open pipeline ÷ (goal − actual to date); nil without a pipeline or once the goal is reached.
    public var pipelineCoverage: Double?
    /// Actual to date ÷ prior-year actual over the same part of the year − 1.
    public var growth: Double?
    /// Goal ÷ prior full year − 1: the growth the goal implies.
    public var goalImpliedGrowth: Double?
    /// Profit ÷ revenue to date.
    public var marginToDate: Double?
    /// Profit goal ÷ revenue goal.
    public var plannedMargin: Double?

    /// Open deals closing in the rest of the year, and of them the deals with no amount
    /// (SPEC §13.6): coverage is computed on the rest; nil without a deal export's stages.
    public var openDeals: Int?
    public var unvaluedOpenDeals: Int

    public init(revenue: Figure, profit: Figure, openPipeline: Decimal?, openDeals: Int? = nil, unvaluedOpenDeals: Int = 0) {
        self.openPipeline = openPipeline
        self.openDeals = openDeals
        self.unvaluedOpenDeals = unvaluedOpenDeals
        let left = revenue.goal - revenue.actualToDate
        if let openPipeline, left > 0, revenue.isMeasured { pipelineCoverage = ratio(openPipeline, left) }
        if let part = revenue.priorSamePart, part > 0, revenue.isMeasured { growth = ratio(revenue.actualToDate - part, part) }
        if let full = revenue.priorFullYear, full > 0 { goalImpliedGrowth = ratio(revenue.goal - full, full) }
        if profit.isMeasured && revenue.isMeasured { marginToDate = ratio(profit.actualToDate, revenue.actualToDate) }
        plannedMargin = profit.isPlanned ? ratio(profit.goal, revenue.goal) : nil
    }
}

/// The question the rest of the year asks (SPEC §9.11): a region at plan asks what will
/// make sure it closes the year at plan; a region behind asks what will get it to plan.
public enum Position: String, Sendable {
    case atPlan = "at_plan"
    case behind

    public init(_ revenue: Figure) {
        self = revenue.status == .atRisk || revenue.status == .offTrack ? .behind : .atPlan
    }
}
