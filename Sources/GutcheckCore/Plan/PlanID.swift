/// The id the plan gives a region, a source or a KPI (`Region.ID`, `Source.ID`, `KPI.ID`):
/// one type per kind, so a source's id cannot be passed where a region's is meant, and one
/// spelling — the plan's, as written — wherever it is used, from the results' matching to
/// file names and summary.json.
public struct PlanID<Entity>: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The id as the plan writes it.
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

extension Region { public typealias ID = PlanID<Region> }
extension Source { public typealias ID = PlanID<Source> }
extension KPI { public typealias ID = PlanID<KPI> }

/// Written and read as the plain string (summary.json, shard summaries).
extension PlanID: Codable {
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}
