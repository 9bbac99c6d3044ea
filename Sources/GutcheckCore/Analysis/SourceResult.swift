import Foundation

/// A source's figures.
public struct SourceResult: Sendable {
    public var source: Source
    public var revenue: Figure
    public var profit: Figure?
}

/// The part of a region's revenue that is in no source (SPEC §9.5): the goal the sources'
/// goals leave out, and the plan and actual to date the sources do not carry (rows with no
/// source). Σ sources + unassigned = the region, exactly, so every table by source adds up.
public struct Unassigned: Sendable, Equatable {
    public var goal: Decimal
    public var planToDate: Decimal
    public var actualToDate: Decimal
    public var gap: Decimal { actualToDate - planToDate }

    /// The region's figure less its sources'.
    public init(region: Figure, sources: [Figure]) {
        goal = region.goal - sources.reduce(0) { $0 + $1.goal }
        planToDate = region.planToDate - sources.reduce(0) { $0 + $1.planToDate }
        actualToDate = region.actualToDate - sources.reduce(0) { $0 + $1.actualToDate }
    }

    public init(goal: Decimal, planToDate: Decimal, actualToDate: Decimal) {
        self.goal = goal
        self.planToDate = planToDate
        self.actualToDate = actualToDate
    }

    /// Whether a table by source needs the row: the sources' goals do not add up to the goal,
    /// or rows carry no source (anything left at the cent).
    public var isShown: Bool { !goal.cents.isZero || !planToDate.cents.isZero || !actualToDate.cents.isZero }

    public static func + (a: Unassigned, b: Unassigned) -> Unassigned {
        Unassigned(goal: a.goal + b.goal, planToDate: a.planToDate + b.planToDate, actualToDate: a.actualToDate + b.actualToDate)
    }
}
