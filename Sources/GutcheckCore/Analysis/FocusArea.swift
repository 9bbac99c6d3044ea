import Foundation

/// A candidate for the rest of the year's attention (Q10), with the dollars at stake.
public struct FocusArea: Sendable {
    public enum Kind: String, Sendable { case source, driver, kpi, profit }

    /// What a focus area is about: a kind and an id (`source` + `new-logos`, `driver` + `leads`).
    public struct Key: Hashable, Sendable {
        public var kind: Kind
        public var id: String
        public init(kind: Kind, id: String) {
            self.kind = kind
            self.id = id
        }
    }

    /// Why it is a candidate; the narrative layer words it.
    public enum Reason: Sendable, Equatable {
        /// Behind its plan to date (a source, or profit).
        case behindPlan(attainment: Double, gap: Decimal)
        /// A funnel driver's (negative) effect on the revenue gap to date.
        case driverCost(effect: Decimal)
        /// A KPI below the at-risk band: its attainment.
        case kpiOffTrack(attainment: Double)
        /// Ahead of plan but losing momentum (SPEC §9.11): attainment fell from `earlier` to `recent`.
        case losingMomentum(earlier: Double, recent: Double)
        /// Not a candidate: on plan (a leader's item that names it has nothing at stake).
        case onPlan(attainment: Double?)
    }

    public var key: Key
    public var title: String
    /// Dollars the rest of the year falls short by if today's shortfall persists.
    public var atStake: Decimal
    public var reason: Reason

    public var kind: Kind { key.kind }
    public var id: String { key.id }

    public init(kind: Kind, id: String, title: String, atStake: Decimal, reason: Reason) {
        key = Key(kind: kind, id: id)
        self.title = title
        self.atStake = atStake
        self.reason = reason
    }
}
