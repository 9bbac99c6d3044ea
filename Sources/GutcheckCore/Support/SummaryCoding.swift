// How summary.json writes, and reads back, the core's enums (by their raw values) and dates
// (ISO 8601 text). The file's models live in GutcheckRender; these conformances sit with the
// types they are for.
extension Status: Codable {}
extension KPI.Unit: Codable {}
extension FocusArea.Kind: Codable {}
extension FocusArea.Basis: Codable {}
extension Owed.Kind: Codable {}
extension FunnelNeed.LeadFlowBasis: Codable {}

/// A date written as its ISO 8601 text (`2026-06-30`, `2026-06`).
public protocol ISOText: Codable, CustomStringConvertible {
    init?(iso: String)
    /// What a value looks like, for the error when text is not one.
    static var isoExample: String { get }
}

extension ISOText {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected a date like \(Self.isoExample)"))
        }
        self = value
    }
}

extension Day: ISOText {
    public static var isoExample: String { "2026-06-30" }
}

extension YearMonth: ISOText {
    public static var isoExample: String { "2026-06" }
}
