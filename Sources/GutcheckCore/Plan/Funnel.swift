import Foundation
import Yams

/// A funnel declared stage by stage (SPEC §11.4): flow metrics from the top, e.g.
/// inquiries → leads → opportunities → won_deals, with the conversion targets between
/// consecutive stages. A region's own funnel, or the plan's for every region.
public struct Funnel: Sendable {
    public var stages: [String]
    /// One per step (`stages.count − 1`): the target share of stage i that reaches stage
    /// i + 1, or nil where none is set.
    public var conversionTargets: [Decimal?]
    public var location: SourceLocation

    public init(stages: [String], conversionTargets: [Decimal?], location: SourceLocation) {
        self.stages = stages
        self.conversionTargets = conversionTargets
        self.location = location
    }

    /// The factor naming step i, as a ratio like a KPI's value: "leads/inquiries" is the
    /// share of inquiries that became leads.
    public func stepName(_ i: Int) -> String { "\(stages[i + 1])/\(stages[i])" }
}

/// A seller with an annual quota (SPEC §11.3): `team: [{ name, region, quota }]`. The quota
/// is phased like the region, and measured by the deals a deal export's owner column gives
/// them.
public struct TeamMember: Sendable {
    public var name: String
    public var region: Region.ID
    public var quota: Decimal
    public var location: SourceLocation

    public init(name: String, region: Region.ID, quota: Decimal, location: SourceLocation) {
        self.name = name
        self.region = region
        self.quota = quota
        self.location = location
    }
}

extension PlanReader {
    /// `funnel:` — a list of stages, or `{ stages, conversion_targets }` — with the sibling
    /// `conversion_targets:` when the funnel is a plain list. Targets are a list (one per
    /// step, null for none) or a map keyed by the step ("leads/inquiries", "inquiries_to_leads",
    /// "inquiries -> leads") or by the stage converted into ("leads").
    mutating func funnel(_ node: Node, targets sibling: Node?, plan: Plan, in what: String) -> Funnel? {
        var stagesNode = node
        var targetsNode = sibling
        if case .mapping = node {
            guard let f = yaml.fields(node, of: "funnel\(what)", allowed: ["stages", "conversion_targets"], required: ["stages"]),
                let s = f["stages"]
            else { return nil }
            stagesNode = s
            if let t = f["conversion_targets"] {
                if sibling != nil { yaml.error("conversion_targets is given twice\(what): inside funnel and beside it; keep one", t) }
                targetsNode = t
            }
        }
        guard let items = yaml.list(stagesNode, "funnel stages") else { return nil }
        var stages: [String] = []
        let known = plan.knownMetrics
        for item in items {
            guard let name = yaml.text(item, "a funnel stage") else { return nil }
            let metric = name.trimmingCharacters(in: .whitespaces)
            guard Metric.isValidName(metric) else {
                yaml.error("funnel stage \(Quote.user(metric))\(what) must be a metric name of lowercase letters, digits and '_'\(Suggestion.hint(for: metric, in: known))", item)
                return nil
            }
            // A stage not declared under metrics: is a flow metric of the results (SPEC §14.9).
            if !known.contains(metric) { yaml.warnOfUndeclared(metric, in: "funnel stage", known: known, item) }
            guard plan.aggregation(of: metric) == .sum else {
                yaml.error("funnel stage \(Quote.user(metric))\(what) is a stock (aggregate: last); a funnel counts flows, like leads or won_deals", item)
                return nil
            }
            guard !stages.contains(metric) else {
                yaml.error("funnel stage \(Quote.user(metric))\(what) appears twice; expected each stage once, from the top", item)
                return nil
            }
            stages.append(metric)
        }
        guard stages.count >= 2 else {
            yaml.error("a funnel\(what) needs at least two stages, e.g. [leads, won_deals]", stagesNode)
            return nil
        }
        var funnel = Funnel(stages: stages, conversionTargets: Array(repeating: nil, count: stages.count - 1), location: yaml.location(node))
        if let t = targetsNode { funnel.conversionTargets = conversionTargets(t, funnel: funnel, in: what) ?? funnel.conversionTargets }
        return funnel
    }

    private mutating func conversionTargets(_ node: Node, funnel: Funnel, in what: String) -> [Decimal?]? {
        let steps = funnel.stages.count - 1
        var targets = [Decimal?](repeating: nil, count: steps)
        func value(_ n: Node, _ label: String) -> Decimal? {
            if YAMLReader.isNull(n) { return nil }
            guard let v = yaml.number(n, "conversion target \(label)") else { return nil }
            if v.isZero { yaml.error("conversion target \(label)\(what) is 0; a funnel step converts some share of its stage (e.g. 0.25)", n) }
            return v.isZero ? nil : v
        }
        switch node {
        case .sequence(let seq):
            guard seq.count == steps else {
                yaml.error("conversion_targets\(what) lists \(seq.count) value\(seq.count == 1 ? "" : "s"); expected \(steps), one per step from \(funnel.stages[0]) to \(funnel.stages[steps])", node)
                return nil
            }
            for (i, n) in seq.enumerated() { targets[i] = value(n, funnel.stepName(i)) }
        case .mapping(let m):
            for (key, n) in m {
                let text = key.scalar?.string ?? ""
                guard let i = step(named: text, in: funnel) else {
                    let names = (0..<steps).map { funnel.stepName($0) }
                    yaml.error("conversion_targets\(what) names \(Quote.user(text)), which is no step of the funnel; expected one of \(names.joined(separator: ", ")) (or the stage converted into)", key)
                    continue
                }
                targets[i] = value(n, funnel.stepName(i))
            }
        default:
            yaml.error("conversion_targets\(what) must be a list (one per step) or a map like { leads/inquiries: 0.3 }", node)
            return nil
        }
        return targets
    }

    /// The step a conversion target's key names: "b/a", "a_to_b", "a -> b", "a → b", or "b".
    private func step(named text: String, in funnel: Funnel) -> Int? {
        let compact = text.lowercased().filter { !$0.isWhitespace }
        for i in 0..<(funnel.stages.count - 1) {
            let a = funnel.stages[i], b = funnel.stages[i + 1]
            if [b + "/" + a, a + "_to_" + b, a + "->" + b, a + "→" + b, b].contains(compact) { return i }
        }
        return nil
    }

    /// `team: [{ name, region, quota }]`.
    mutating func team(_ node: Node, plan: Plan) -> [TeamMember] {
        guard let items = yaml.list(node, "team") else { return [] }
        var team: [TeamMember] = []
        let regionIds = plan.regions.map(\.id)
        for item in items {
            guard let f = yaml.fields(item, of: "a team member", allowed: ["name", "region", "quota"], required: ["name", "region", "quota"]),
                let name = f["name"].flatMap({ yaml.name($0, "team member name") }),
                let regionNode = f["region"], let region = yaml.text(regionNode, "region"),
                let quota = f["quota"].flatMap({ yaml.number($0, "quota of \(Quote.user(name))") })
            else { continue }
            guard let id = plan.regions.first(where: { $0.id.rawValue == region || $0.name == region })?.id else {
                yaml.error("team member \(Quote.user(name)) names region \(Quote.user(region)), which is not in the plan\(Suggestion.hint(for: region, in: regionIds))", regionNode)
                continue
            }
            if team.contains(where: { $0.region == id && Names.normalized($0.name).lowercased() == Names.normalized(name).lowercased() }) {
                yaml.error("team member \(Quote.user(name)) appears twice in region \(Quote.user(id)); expected each seller once per region", item)
                continue
            }
            team.append(TeamMember(name: name, region: id, quota: quota, location: yaml.location(item)))
        }
        return team
    }
}
