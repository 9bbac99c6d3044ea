import Foundation

/// What a region's verdict rests on (SPEC §13.3): the most negative part of the source split
/// (the part of the goal no source plan covers counts, as `unassigned`) and the most negative
/// driver effect (Q7's split, or the declared funnel's). Every view names these, never another.
public struct Cause: Sendable, Equatable {
    public struct SourcePart: Sendable, Equatable {
        /// A source id, or `unassigned`.
        public var id: String
        public var gap: Decimal
        public init(id: String, gap: Decimal) {
            self.id = id
            self.gap = gap
        }
    }

    public struct DriverPart: Sendable, Equatable {
        /// A key of `revenue.drivers` (`leads`, `lead_to_close`, `deal_size`) or a funnel factor.
        public var factor: Driver
        /// The effect on the gap, to the cent.
        public var effect: Decimal
        public init(factor: Driver, effect: Decimal) {
            self.factor = factor
            self.effect = effect
        }
    }

    /// nil where no part of the source split is negative.
    public var source: SourcePart?
    /// nil where no driver effect is negative, or the split is not computable.
    public var driver: DriverPart?
    /// The region is below on track while every source is at or above it: the shortfall is
    /// the part of the goal no source plan covers.
    public var isUnassignedGoal: Bool

    static let none = Cause(source: nil, driver: nil, isUnassignedGoal: false)

    /// Its amounts at a plan rate (SPEC §15.7).
    func converted(at rate: Decimal) -> Cause {
        guard rate != 1 else { return self }
        var c = self
        c.source?.gap *= rate
        c.driver?.effect *= rate
        return c
    }

    public init(source: SourcePart?, driver: DriverPart?, isUnassignedGoal: Bool) {
        self.source = source
        self.driver = driver
        self.isUnassignedGoal = isUnassignedGoal
    }

    init(_ a: RegionAnalysis) {
        var parts = a.sources.map { SourcePart(id: $0.source.id.rawValue, gap: $0.revenue.gap) }
        if !a.sources.isEmpty, a.unassigned.isShown { parts.append(SourcePart(id: FocusArea.unassignedId, gap: a.unassigned.gap)) }
        // The first of the most negative, in plan order.
        source = parts.filter { $0.gap < 0 }.enumerated().min { ($0.element.gap, $0.offset) < ($1.element.gap, $1.offset) }?.element
        driver = FocusRanking.driverParts(a).filter { $0.effect < 0 }.enumerated()
            .min { ($0.element.effect, $0.offset) < ($1.element.effect, $1.offset) }
            .map { DriverPart(factor: $0.element.driver, effect: $0.element.effect) }
        isUnassignedGoal = a.revenue.status != nil && a.revenue.status != .onTrack && !a.sources.isEmpty
            && a.sources.allSatisfy { $0.revenue.status == .onTrack } && a.unassigned.gap < 0
    }
}
