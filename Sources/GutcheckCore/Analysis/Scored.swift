import Foundation

/// One line of "what is working" (Q5) or "what should stop" (Q6), SPEC §9.2.
public struct Scored: Sendable {
    public enum Kind: String, Sendable { case source, objective, action }

    public enum Subject: Sendable {
        case source(SourceResult)
        case initiative(Initiative)
    }

    public var subject: Subject
    /// For an initiative that works on its own metric while its source's revenue is behind
    /// plan: that source, so the line says both.
    public var sourceBehind: SourceResult?
    /// For a working source: an objective that measures exactly it (its revenue, its plan to
    /// date), said in the same line rather than twice.
    public var sameAs: Initiative?
    /// For an action in "stop": the objective it serves, when that objective is working.
    public var objectiveWorking: Initiative?
    /// For an item in "stop" on a source that is one of the focus areas: its rank, so the
    /// line says to change the approach rather than drop the goal.
    public var sourceFocusRank: Int?

    public var kind: Kind {
        switch subject {
        case .source: return .source
        case .initiative(let i): return i.kind == .objective ? .objective : .action
        }
    }

    public var id: String {
        switch subject {
        case .source(let s): return s.source.id.rawValue
        case .initiative(let i): return i.id
        }
    }

    public var attainment: Double? {
        switch subject {
        case .source(let s): return s.revenue.attainment
        case .initiative(let i): return i.attainment
        }
    }

    /// Above (+) or below (−) plan, in the measure's own units.
    public var gap: Decimal? {
        switch subject {
        case .source(let s): return s.revenue.gap
        case .initiative(let i): return i.gap
        }
    }

    /// Whether `gap` is money (sources, and initiatives on a money metric).
    public var isMoney: Bool {
        switch subject {
        case .source: return true
        case .initiative(let i): return i.isMoney
        }
    }

    public var initiative: Initiative? {
        if case .initiative(let i) = subject { return i }
        return nil
    }

    /// An action with a cost that nothing measures: no way to tell whether it works.
    public var isNotMeasured: Bool { initiative.map { $0.unmeasured != nil } ?? false }

    /// Q5 and Q6, disjoint by construction: each item has one status. Working: sources,
    /// objectives and actions at or above on track, by dollars above plan (money first), then
    /// by attainment. Stop: objectives and actions below the at-risk band, by shortfall, then
    /// the actions with a cost that nothing measures. Sources are never stopped.
    static func judge(sources: [SourceResult], objectives: [Initiative], actions: [Initiative])
        -> (working: [Scored], stop: [Scored])
    {
        func behind(_ i: Initiative) -> SourceResult? {
            guard let id = i.source, let s = sources.first(where: { $0.source.id == id }), s.revenue.gap < 0,
                s.revenue.status != .onTrack
            else { return nil }
            return s
        }
        // An objective is judged only on its own goal's measure (SPEC §13.10).
        let initiatives = objectives.filter { $0.measuredByAnotherGoal == nil } + actions
        var working = sources.filter { $0.revenue.status == .onTrack }.map { Scored(subject: .source($0)) }
        for i in initiatives where i.status == .onTrack {
            // An objective that is its source's revenue goal, to the cent, is one line with the source.
            if let index = working.firstIndex(where: { $0.measuresTheSame(as: i) }) {
                working[index].sameAs = i
                continue
            }
            working.append(Scored(subject: .initiative(i), sourceBehind: behind(i)))
        }
        var stop = initiatives.filter { $0.status == .offTrack }.map { Scored(subject: .initiative($0)) }
        stop = rank(stop, best: false)
        stop += actions.filter { $0.unmeasured != nil && $0.cost != nil }.map { Scored(subject: .initiative($0)) }
        let workingObjectives = Set(working.compactMap { $0.initiative?.kind == .objective ? $0.initiative?.id : $0.sameAs?.id })
        for index in stop.indices {
            guard let action = stop[index].initiative, action.kind == .action, let objective = action.objective,
                workingObjectives.contains(objective)
            else { continue }
            stop[index].objectiveWorking = objectives.first { $0.id == objective }
        }
        return (rank(working, best: true), stop)
    }

    /// Whether this working source is exactly what an objective measures: its revenue over
    /// the whole year (the same plan to date and actual, to the cent).
    func measuresTheSame(as i: Initiative) -> Bool {
        guard case .source(let s) = subject, i.kind == .objective, i.metric == "revenue", i.source == s.source.id,
            let due = i.targetToDate, let actual = i.actual
        else { return false }
        return due.cents == s.revenue.planToDate.cents && actual.cents == s.revenue.actualToDate.cents
    }

    /// Money items first by dollars, then the rest by attainment; ties keep their order.
    static func rank(_ items: [Scored], best: Bool) -> [Scored] {
        items.enumerated().sorted { x, y in
            let (a, b) = (x.element, y.element)
            switch (a.isMoney ? a.gap : nil, b.isMoney ? b.gap : nil) {
            case let (p?, q?) where p != q: return best ? p > q : p < q
            case (_?, nil): return true
            case (nil, _?): return false
            default:
                let (p, q) = (a.attainment ?? 0, b.attainment ?? 0)
                if p != q { return best ? p > q : p < q }
                return x.offset < y.offset
            }
        }.map(\.element)
    }
}
