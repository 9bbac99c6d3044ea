import Foundation

/// A candidate for the rest of the year's attention (Q10), with the dollars at stake.
public struct FocusArea: Sendable {
    public enum Kind: String, Sendable { case source, driver, kpi, profit }

    public var kind: Kind
    public var id: String
    public var title: String
    /// Dollars the rest of the year falls short by if today's shortfall persists.
    public var atStake: Decimal
    public var why: String
}
