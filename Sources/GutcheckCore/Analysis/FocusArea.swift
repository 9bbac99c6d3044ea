import Foundation

/// A candidate for the rest of the year's attention (Q10), with the dollars at stake.
public struct FocusArea: Sendable {
    public enum Kind: String, Sendable { case source, driver, profit }

    public var kind: Kind
    public var id: String
    public var title: String
    /// Dollars the year-end result is short by if the gap persists at today's rate.
    public var atStake: Decimal
    public var why: String
}
