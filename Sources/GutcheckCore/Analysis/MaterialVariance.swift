import Foundation

/// A source or KPI further off plan than `thresholds.materiality` (default 10 %): the board
/// pack convention is that such a variance comes with a cause. The leader gives it under
/// `midyear.explanations`, keyed by the source or KPI id.
public struct MaterialVariance: Sendable {
    public enum Kind: String, Sendable { case source, kpi }

    public var kind: Kind
    public var region: String
    public var id: String
    public var name: String
    /// attainment − 1: −0.18 is 18 % below plan (for a lower-is-better KPI, worse than target).
    public var variance: Double
    public var explanation: String?
    /// Where the explanation comes from when it is not under `midyear.explanations`: the
    /// leader's words on another question that name this source or KPI (its `midyear` key).
    public var quotedFrom: String?
    public var location: SourceLocation

    /// The first of the leader's sentences that names this source or KPI (by the whole-word
    /// rule of `FocusComparison`), with its `midyear` key: a cause already given on the page
    /// is not asked for again.
    static func leaderWords(naming name: String, id: String, in m: Midyear) -> (String, String)? {
        let area = FocusArea(kind: .source, id: id, title: name, atStake: 0, reason: .onPlan(attainment: nil))
        let said: [(String, [String])] = [("learned", m.learned), ("market_shifts", m.marketShifts), ("working", m.working),
                                          ("stop", m.stop), ("kpis", m.kpis), ("changes", m.changes)]
        for (key, sentences) in said {
            if let sentence = sentences.first(where: { FocusComparison.names($0, area) }) { return (key, sentence) }
        }
        return nil
    }

    /// Sources (revenue against plan to date) and KPIs (against target) beyond the threshold.
    static func find(region: Region, sources: [SourceResult], kpis: [KPIResult], threshold: Decimal) -> [MaterialVariance] {
        var found: [MaterialVariance] = []
        func add(_ kind: Kind, _ id: String, _ name: String, _ attainment: Double?) {
            guard let a = attainment, abs(a - 1) > threshold.double else { return }
            var variance = MaterialVariance(kind: kind, region: region.id, id: id, name: name, variance: a - 1,
                                            explanation: region.midyear.explanations[id], location: region.location)
            if variance.explanation == nil, let (key, words) = Self.leaderWords(naming: name, id: id, in: region.midyear) {
                variance.explanation = words
                variance.quotedFrom = key
            }
            found.append(variance)
        }
        for s in sources { add(.source, s.source.id, s.source.name, s.revenue.attainment) }
        for k in kpis { add(.kpi, k.kpi.id, k.kpi.name, k.attainment) }
        for i in found.indices where found[i].kind == .source {
            if let location = region.sources.first(where: { $0.id == found[i].id })?.location { found[i].location = location }
        }
        return found
    }
}
