import Foundation

/// Something in the plan (or in what the results can measure of it) worth fixing: shown in
/// the report's plan check and by `check` as a warning. The narrative layer words it.
public struct PlanFinding: Sendable {
    /// What an objective lacks to be SMART.
    public enum SMARTGap: Sendable, Equatable {
        case noMetric, noTarget, noDueDate
        case dueAfterYear(Day)
    }

    public enum Kind: Sendable, Equatable {
        case objectiveNotSMART(id: String, gaps: [SMARTGap])
        case actionWithoutObjective(id: String)
        /// The sources' revenue goals add up to `total`, not the region's goal.
        case sourcesDoNotAddUp(total: Decimal, goal: Decimal)
        /// Every source has a profit goal, and they add up to `total`, not the region's.
        case sourceProfitsDoNotAddUp(total: Decimal, goal: Decimal)
        /// An objective's revenue target for a source differs by more than 0.5 % from that
        /// source's goal over the same period (SPEC §9.3).
        case objectiveDiffersFromSource(id: String, source: Source.ID, target: Decimal, sourceGoal: Decimal)
        case kpiWithoutTarget(id: KPI.ID)
        /// A goal or KPI no results row can measure (SPEC §10.7).
        case profitNotMeasured
        case kpiNotMeasured(id: KPI.ID, metrics: [String])
        /// No results row for the region through the cut-off (SPEC §10.2).
        case noResultsToDate
        /// One of the goal's three elements (SPEC §11.5: relationships, the roadmap to
        /// revenue, customer success) has no goal stated (and so nothing measures it).
        case goalElementMissing(element: Goals.Kind)
        /// The element is stated but no objective with a metric measures it.
        case goalElementUnmeasured(element: Goals.Kind)
        /// An objective of one goal measured by another goal's measure: not judged (SPEC §13.10).
        case objectiveMeasuredByAnotherGoal(id: String, goal: Goals.Kind, metric: String, measures: Goals.Kind)
        /// `team:` lists quotas for the region but no deal export maps an owner column.
        case teamWithoutOwners
        /// The phasing to date differs from last year's shape (Figure.Shape); `suggested`:
        /// last year's monthly shares in whole percent, as a phasing line to start from.
        case phasingUnlikeLastYear(shape: Figure.Shape, suggested: [Int])
    }

    public var region: Region.ID
    public var kind: Kind
    public var location: SourceLocation?

    public init(region: Region.ID, kind: Kind, location: SourceLocation?) {
        self.region = region
        self.kind = kind
        self.location = location
    }
}
