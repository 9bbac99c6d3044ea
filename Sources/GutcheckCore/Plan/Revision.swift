import Foundation
import Yams

/// A re-plan after execution (SPEC §11.1): the plan's `revisions:`, oldest first, each
/// changing what it names and leaving the rest as it was. The original plan stays the
/// yardstick of the year; a region's revision is measured from its date on.
public struct Revision: Sendable {
    public var id: String
    public var date: Day
    public var note: String?
    public var regions: [Region.ID: RegionRevision]
    public var location: SourceLocation
}

/// What a revision changes in one region; nil or empty: unchanged.
public struct RegionRevision: Sendable {
    public var revenue: Decimal?
    public var profit: Decimal?
    /// Revised revenue goals.
    public var sources: [Source.ID: Decimal] = [:]
    public var phasing: [Decimal]?
    public var objectives: [Objective] = []
    public var actions: [Action] = []
    public var changes: [String] = []
    public var location: SourceLocation
}

extension Plan {
    /// The revision a region is measured against at the run's cut-off (`--as-of`, else the
    /// plan's): the latest dated on or before it that names the region, with every earlier
    /// revision's changes folded in.
    public func revision(of region: Region, at cutOff: Day) -> RevisedPlan? {
        var revised: RevisedPlan?
        for r in revisions where r.date <= cutOff {
            guard let change = r.regions[region.id] else { continue }
            var next = revised ?? RevisedPlan(region: region)
            next.apply(r, change)
            revised = next
        }
        return revised
    }
}

/// A region's plan as revised (every revision up to the latest that names it, in order).
public struct RevisedPlan: Sendable {
    public var id = ""
    public var date = Day(year: 2000, month: 1, day: 1)!
    public var note: String?
    public var revenue: Decimal
    public var profit: Decimal
    public var sources: [Source.ID: Decimal]
    public var phasing: Phasing
    public var objectives: [Objective] = []
    public var actions: [Action] = []
    /// The latest revision's `changes`.
    public var changes: [String] = []

    init(region: Region) {
        revenue = region.goals.revenue
        profit = region.goals.profit
        sources = Dictionary(uniqueKeysWithValues: region.sources.map { ($0.id, $0.revenue) })
        phasing = region.weights
    }

    mutating func apply(_ r: Revision, _ change: RegionRevision) {
        id = r.id
        date = r.date
        note = r.note
        if let v = change.revenue { revenue = v }
        if let v = change.profit { profit = v }
        for (source, goal) in change.sources { sources[source] = goal }
        if let w = change.phasing { phasing = Phasing(w) }
        for o in change.objectives {
            if let i = objectives.firstIndex(where: { $0.id == o.id }) { objectives[i] = o } else { objectives.append(o) }
        }
        for a in change.actions {
            if let i = actions.firstIndex(where: { $0.id == a.id }) { actions[i] = a } else { actions.append(a) }
        }
        changes = change.changes
    }
}

extension Day {
    /// The day after.
    public var next: Day {
        if day < daysInMonth { return Day(year: year, month: month, day: day + 1)! }
        return yearMonth.adding(months: 1).firstDay
    }
}

extension PlanReader {
    static let revisionKeys = ["id", "date", "note", "regions"]
    static let regionRevisionKeys = ["goals", "sources", "phasing", "objectives", "actions", "changes"]

    /// `revisions:` (oldest first): dates inside the fiscal year, each after the one before;
    /// region, source and objective ids that exist; 12 phasing weights. A goal lowered
    /// without a `note` is a warning.
    mutating func revisions(_ node: Node, plan: Plan, start: YearMonth) -> [Revision] {
        guard let items = yaml.list(node, "revisions") else { return [] }
        let end = start.adding(months: 11).lastDay
        var revisions: [Revision] = []
        var previous: RevisedPlanTracker = [:]
        for item in items {
            guard let f = yaml.fields(item, of: "a revision", allowed: Self.revisionKeys, required: ["id", "date", "regions"]),
                let id = f["id"].flatMap({ yaml.identifier($0, "revision id") }),
                let dateNode = f["date"], let date = yaml.date(dateNode, "revision date")
            else { continue }
            let what = "revision \(Quote.user(id))"
            if revisions.contains(where: { $0.id == id }) {
                yaml.error("\(what) appears twice; expected each revision id once", item)
                continue
            }
            if date < start.firstDay || date > end {
                yaml.error("\(what) is dated \(date), outside the fiscal year (\(start.firstDay) to \(end))", dateNode)
                continue
            }
            if let last = revisions.last, date <= last.date {
                yaml.error("\(what) is dated \(date), not after the revision before it (\(Quote.user(last.id)), \(last.date)); list revisions oldest first", dateNode)
                continue
            }
            let note = f["note"].flatMap { yaml.name($0, "note") }
            var revision = Revision(id: id, date: date, note: note, regions: [:], location: yaml.location(item))
            guard let regionsNode = f["regions"] else { continue }
            guard case .mapping(let mapping) = regionsNode else {
                yaml.error("regions of \(what) must map region ids to what changes, e.g. { northeast: { goals: { revenue: 11500000 } } }", regionsNode)
                continue
            }
            for (key, value) in mapping {
                let regionId = Region.ID(key.scalar?.string ?? "")
                guard let region = plan.region(id: regionId) else {
                    yaml.error("\(what) names region \(Quote.user(regionId)), which is not in the plan\(Suggestion.hint(for: regionId.rawValue, in: plan.regions.map(\.id)))", key)
                    continue
                }
                guard let change = regionRevision(value, region: region, plan: plan, what: "\(what) of region \(Quote.user(regionId))") else { continue }
                // Lowering a goal is a decision the board asks about: say why.
                var before = previous[regionId]
                    ?? (region.goals.revenue, region.goals.profit, Dictionary(uniqueKeysWithValues: region.sources.map { ($0.id, $0.revenue) }))
                if note == nil {
                    var lowered: [String] = []
                    if let v = change.revenue, v < before.revenue { lowered.append("revenue") }
                    if let v = change.profit, v < before.profit { lowered.append("profit") }
                    for (s, v) in change.sources.sorted(by: { $0.key < $1.key }) where v < (before.sources[s] ?? v) {
                        lowered.append("source \(Quote.user(s))")
                    }
                    if !lowered.isEmpty {
                        yaml.warning("\(what) lowers the \(lowered.joined(separator: ", ")) goal of region \(Quote.user(regionId)) with no note; add a note: saying why", value)
                    }
                }
                before.revenue = change.revenue ?? before.revenue
                before.profit = change.profit ?? before.profit
                for (s, v) in change.sources { before.sources[s] = v }
                previous[regionId] = before
                revision.regions[regionId] = change
            }
            revisions.append(revision)
        }
        return revisions
    }

    typealias RevisedPlanTracker = [Region.ID: (revenue: Decimal, profit: Decimal, sources: [Source.ID: Decimal])]

    private mutating func regionRevision(_ node: Node, region: Region, plan: Plan, what: String) -> RegionRevision? {
        guard let f = yaml.fields(node, of: what, allowed: Self.regionRevisionKeys) else { return nil }
        var change = RegionRevision(location: yaml.location(node))
        if let n = f["goals"], let g = yaml.fields(n, of: "goals of \(what)", allowed: ["revenue", "profit"]) {
            change.revenue = g["revenue"].flatMap { yaml.number($0, "goals.revenue") }
            change.profit = g["profit"].flatMap { yaml.number($0, "goals.profit", minimum: nil) }
        }
        if let n = f["sources"] {
            let ids = region.sources.map(\.id)
            func add(_ text: String, _ value: Node, at key: Node) {
                let id = Source.ID(text)
                guard ids.contains(id) else {
                    yaml.error("\(what) revises source \(Quote.user(id)), which is not a source of the region\(Suggestion.hint(for: text, in: ids))", key)
                    return
                }
                if let v = yaml.number(value, "revenue of source \(Quote.user(id))") { change.sources[id] = v }
            }
            switch n {
            case .mapping(let m):
                for (key, value) in m { add(key.scalar?.string ?? "", value, at: key) }
            case .sequence(let items):
                for item in items {
                    guard let s = yaml.fields(item, of: "a revised source", allowed: ["id", "revenue"], required: ["id", "revenue"]),
                        let idNode = s["id"], let id = yaml.text(idNode, "source id"), let value = s["revenue"]
                    else { continue }
                    add(id, value, at: idNode)
                }
            default:
                yaml.error("sources of \(what) must list { id, revenue } or map source ids to revenue goals", n)
            }
        }
        if let n = f["phasing"] { change.phasing = phasing(n) }
        if let n = f["objectives"], let items = yaml.list(n, "objectives") {
            change.objectives = items.compactMap { objective($0, region: region, plan: plan) }
        }
        if let n = f["actions"], let items = yaml.list(n, "actions") {
            change.actions = items.compactMap { action($0, objective: nil, region: region, plan: plan) }
        }
        if let n = f["changes"] { change.changes = texts(n, "changes") }
        return change
    }

    /// A text or a list of texts.
    private mutating func texts(_ node: Node, _ what: String) -> [String] {
        if case .sequence(let items) = node { return items.compactMap { yaml.name($0, what) } }
        return yaml.name(node, what).map { [$0] } ?? []
    }
}
