// How summary.json writes, and reads back, the core's enums (by their raw values) and dates
// (ISO 8601 text). The file's models live in GutcheckRender; these conformances sit with the
// types they are for.
extension Status: Codable {}
extension KPI.Unit: Codable {}
extension FocusArea.Kind: Codable {}
extension FocusArea.Basis: Codable {}
extension Owed.Kind: Codable {}
extension FunnelNeed.LeadFlowBasis: Codable {}

extension Day: Codable {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected a date like 2026-06-30"))
        }
        self = day
    }
}

extension YearMonth: Codable {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let month = YearMonth(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected a month like 2026-06"))
        }
        self = month
    }
}
