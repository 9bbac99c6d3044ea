import Foundation

/// A source or KPI further off plan than `thresholds.materiality` (default 10 %): the board
/// pack convention is that such a variance comes with a cause. The leader gives it under
/// `midyear.explanations`, keyed by the source or KPI id — and only there: words the leader
/// wrote for another question stay where they were put, even when they name it (SPEC §13.9).
public struct MaterialVariance: Sendable {
    public enum Kind: String, Sendable { case source, kpi }

    public var kind: Kind
    public var region: Region.ID
    /// The source's or KPI's id (as `kind` says), as the plan writes it.
    public var id: String
    public var name: String
    /// attainment − 1: −0.18 is 18 % below plan (for a lower-is-better KPI, worse than target).
    public var variance: Double
    public var explanation: String?
    public var location: SourceLocation

    /// Sources (revenue against plan to date) and KPIs (against target) beyond the threshold.
    static func find(region: Region, sources: [SourceResult], kpis: [KPIResult], threshold: Decimal) -> [MaterialVariance] {
        var found: [MaterialVariance] = []
        func add(_ kind: Kind, _ id: String, _ name: String, _ attainment: Double?) {
            guard let a = attainment, abs(a - 1) > threshold.double else { return }
            found.append(MaterialVariance(kind: kind, region: region.id, id: id, name: name, variance: a - 1,
                                          explanation: region.midyear.explanations[id], location: region.location))
        }
        for s in sources { add(.source, s.source.id.rawValue, s.source.name, s.revenue.attainment) }
        for k in kpis { add(.kpi, k.kpi.id.rawValue, k.kpi.name, k.attainment) }
        for i in found.indices where found[i].kind == .source {
            if let location = region.sources.first(where: { $0.id.rawValue == found[i].id })?.location { found[i].location = location }
        }
        return found
    }
}
