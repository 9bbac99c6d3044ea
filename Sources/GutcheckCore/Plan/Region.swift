import Foundation

/// A sales region: its goals, where the revenue should come from, its KPIs, the objectives
/// and actions behind the goals, and the leader's own mid-year words.
public struct Region: Sendable {
    public var id: ID
    public var name: String
    public var leader: String?
    public var goals: Goals
    /// Weight per fiscal month (12 values); nil means even.
    public var phasing: [Decimal]?
    public var sources: [Source]
    public var kpis: [KPI]
    public var objectives: [Objective]
    /// Actions listed outside any objective (they may still name one with `objective:`).
    public var actions: [Action]
    public var midyear: Midyear
    public var location: SourceLocation
    /// The region's own funnel (SPEC §11.4); nil: the plan's, if any.
    public var funnel: Funnel?
    /// The currency its goals and results are in (SPEC §15.7); nil: the plan's.
    public var currency: Currency?

    public func source(id: Source.ID) -> Source? { sources.first { $0.id == id } }
    public var allActions: [Action] { objectives.flatMap(\.actions) + actions }
    /// The region's phasing (even when the plan gives none).
    public var weights: Phasing { Phasing(phasing ?? FiscalCalendar.evenWeights) }
    /// The phasing a source's targets follow: its own, else the region's.
    public func weights(of source: Source.ID?) -> Phasing {
        source.flatMap { self.source(id: $0)?.phasing }.map(Phasing.init) ?? weights
    }
}

public struct Goals: Sendable {
    public var revenue: Decimal
    public var profit: Decimal
    /// False when the plan states no profit goal (SPEC §14.5): profit is then "not planned".
    public var plansProfit = true
    /// The qualitative goals, in the leader's words.
    public var relationships: String?
    public var customerSuccess: String?

    public enum Kind: String, CaseIterable, Sendable {
        case revenue, profit, relationships, customerSuccess = "customer_success"
    }
}

/// A place the revenue is expected to come from (new logos, channel, …).
public struct Source: Sendable {
    public var id: ID
    public var name: String
    /// Who answers for it (SPEC §11.3); the region's leader when nil.
    public var owner: String?
    public var revenue: Decimal
    public var profit: Decimal?
    public var phasing: [Decimal]?
    public var location: SourceLocation?
}

/// A key performance indicator: a metric or a ratio of two metrics, with a target.
public struct KPI: Sendable {
    public enum Value: Sendable, Equatable {
        case metric(String)
        case ratio(numerator: String, denominator: String)

        public var metrics: [String] {
            switch self {
            case .metric(let m): return [m]
            case .ratio(let a, let b): return [a, b]
            }
        }
    }

    public enum Unit: String, CaseIterable, Sendable { case currency, percent, ratio, count, days }
    public enum Direction: String, CaseIterable, Sendable { case higher, lower }

    public var id: ID
    public var name: String
    public var owner: String?
    public var value: Value
    public var target: Decimal?
    public var unit: Unit
    public var better: Direction
    /// The early-warning KPI (lead-to-close, by convention).
    public var canary: Bool
    public var location: SourceLocation?

    /// The funnel driver this KPI measures, if any.
    public var funnelDriver: Driver? {
        switch value {
        case .metric("leads"): return .leads
        case .ratio("won_deals", "leads"): return .leadToClose
        case .ratio("revenue", "won_deals"): return .dealSize
        default: return nil
        }
    }
}

/// A SMART objective under a goal.
public struct Objective: Sendable {
    public var id: String
    public var goal: Goals.Kind?
    public var statement: String
    public var owner: String?
    public var metric: String?
    public var source: Source.ID?
    public var target: Decimal?
    /// The period the target covers: from `start` (default the fiscal year's first day) through `due`.
    public var start: Day?
    public var due: Day?
    public var actions: [Action]
    public var location: SourceLocation
}

/// Something someone will do to meet an objective.
extension Objective {
    /// Which of the goal's three elements the objective serves (SPEC §11.5): its `goal:`,
    /// else the roadmap to revenue when it measures revenue or names a source.
    public var element: Goals.Kind? {
        if let goal { return goal == .profit ? .revenue : goal }
        return source != nil || ["revenue", "won_deals", "leads", "opportunities"].contains(metric ?? "") ? .revenue : nil
    }

    /// The built-in measures of the revenue and profit goals: an objective for relationships or
    /// customer success measured by one of them (onboarding by won deals) says nothing of
    /// whether it works (SPEC §13.10).
    static let revenueMeasures: Set<String> = ["revenue", "leads", "opportunities", "won_deals", "lost_deals", "pipeline"]

    /// The goal whose measure the objective's metric is, when that is another goal than its
    /// own; nil when it is judged on its own goal's terms.
    public var measuredByAnotherGoal: Goals.Kind? {
        guard let goal, let metric else { return nil }
        switch goal {
        case .relationships, .customerSuccess:
            if Self.revenueMeasures.contains(metric) { return .revenue }
            return metric == "profit" ? .profit : nil
        case .revenue: return metric == "profit" ? .profit : nil
        case .profit: return nil
        }
    }
}

public struct Action: Sendable {
    public var id: String
    public var name: String
    public var owner: String?
    /// The budget for the action's whole period.
    public var cost: Decimal?
    /// Money spent to date, when known (then cost per result is spent ÷ result, SPEC §9.6).
    public var spent: Decimal?
    public var metric: String?
    public var source: Source.ID?
    public var target: Decimal?
    public var start: Day?
    public var due: Day?
    /// The objective it serves: the enclosing one, or `objective:` for a region-level action.
    public var objective: String?
    public var location: SourceLocation
}

/// The leader's own answers to the gut-check questions (all optional).
public struct Midyear: Sendable {
    public var working: [String] = []
    public var stop: [String] = []
    public var learned: [String] = []
    public var kpis: [String] = []
    public var marketShifts: [String] = []
    public var focusAreas: [String] = []
    public var theOne: String?
    public var changes: [String] = []
    /// The leader's cause for a large variance, by source or KPI id.
    public var explanations: [String: String] = [:]
    public init() {}
}
