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
        /// The part of the goal no source plan covers, behind its plan to date (SPEC §13.3).
        case unassigned(gap: Decimal)
        /// A funnel driver's (negative) effect on the revenue gap to date.
        case driverCost(effect: Decimal)
        /// A KPI below the at-risk band: its attainment.
        case kpiOffTrack(attainment: Double)
        /// Ahead of plan but losing momentum (SPEC §9.11): attainment fell from `earlier` to `recent`.
        case losingMomentum(earlier: Double, recent: Double)
        /// Not a candidate: on plan (a leader's item that names it has nothing at stake).
        case onPlan(attainment: Double?)
    }

    /// What the dollars at stake measure (SPEC §13.4).
    public enum Basis: String, Sendable {
        /// A region behind plan: the area's part of one split of the revenue gap to date.
        case gapToDate = "gap_to_date"
        /// A region at or ahead of plan: the item's rest-of-year plan × its attainment drop.
        case leadAtRisk = "lead_at_risk"
        /// Profit behind plan: its part of the profit shortfall to date.
        case profitGapToDate = "profit_gap_to_date"
    }

    /// Which split of the revenue gap an area's dollars are a part of: areas of one split
    /// add up to at most the gap; an area of another split overlaps them.
    public enum Split: Sendable, Equatable { case source, driver }

    public var key: Key
    /// The plan's name for the area's source or KPI; nil where the narrative layer names the
    /// area (a funnel driver, profit, the unassigned goal).
    public var name: String?
    /// The dollars at stake: 0 ≤ atStake ≤ atStakeOf (SPEC §13.4).
    public var atStake: Decimal
    public var reason: Reason
    public var basis: Basis
    /// The whole the dollars are part of: the gap to date, the rest-of-year plan, or the profit shortfall.
    public var atStakeOf: Decimal
    public var split: Split?
    /// Chosen focus areas whose dollars this one shares (another split of the same gap).
    public var overlaps: [Key] = []

    public var kind: Kind { key.kind }
    public var id: String { key.id }

    public init(kind: Kind, id: String, name: String? = nil, atStake: Decimal, reason: Reason, basis: Basis = .gapToDate,
                of: Decimal = 0, split: Split? = nil) {
        key = Key(kind: kind, id: id)
        self.name = name
        self.atStake = atStake
        self.reason = reason
        self.basis = basis
        atStakeOf = of
        self.split = split
    }

    /// The id of the part of a region's goal no source plan covers, as a source.
    public static let unassignedId = "unassigned"
}

extension FocusArea.Key {
    /// Whether the plan names what the key is about (a source or a KPI); the narrative layer
    /// names the rest.
    public var isNamedByPlan: Bool { kind == .kpi || (kind == .source && id != FocusArea.unassignedId) }
}
