import Foundation

/// Who owes the board what (SPEC §11.3): for each commitment that is off track, each
/// material variance with no cause, each action nothing measures and the questions the
/// leader has not answered, the owner and what they owe. The region's leader owns what
/// names nobody.
public struct Owed: Sendable {
    public enum Kind: String, Sendable { case objective, action, source, kpi, question }

    public enum Owes: Sendable, Equatable {
        /// A way back to plan for a commitment below the at-risk band.
        case recovery
        /// The cause of a variance beyond the materiality threshold.
        case explanation(variance: Double)
        /// A measure for an action with a budget that nothing measures.
        case measure
        /// Answers to the gut-check questions (their numbers; `changes`: what changes were made).
        case answers(questions: [Int], changes: Bool)
    }

    /// nil: the region's leader, unnamed in the plan.
    public var owner: String?
    public var kind: Kind
    public var id: String
    /// What the plan calls the commitment (a statement, a source's or KPI's name); nil for the
    /// unanswered questions, which the narrative layer names.
    public var name: String?
    public var target: Decimal?
    public var due: Day?
    public var status: Status?
    public var owes: Owes

    public init(owner: String?, kind: Kind, id: String, name: String?, target: Decimal?, due: Day?, status: Status?, owes: Owes) {
        self.owner = owner
        self.kind = kind
        self.id = id
        self.name = name
        self.target = target
        self.due = due
        self.status = status
        self.owes = owes
    }

    /// What a region owes, owner by owner (the leader's first), the worst first within each.
    static func find(_ a: RegionAnalysis) -> [Owed] {
        let region = a.region
        let leader = region.leader
        var owed: [Owed] = []
        for item in a.stop {
            guard let i = item.initiative else { continue }
            let kind: Kind = i.kind == .objective ? .objective : .action
            owed.append(Owed(owner: i.owner ?? leader, kind: kind, id: i.id, name: i.name, target: i.target, due: i.due,
                             status: i.status, owes: item.isNotMeasured ? .measure : .recovery))
        }
        for s in a.sources where s.revenue.status == .offTrack {
            owed.append(Owed(owner: s.source.owner ?? leader, kind: .source, id: s.source.id.rawValue, name: s.source.name,
                             target: s.source.revenue, due: nil, status: s.revenue.status, owes: .recovery))
        }
        for k in a.kpis {
            // The canary's one state (the worse of its two readings) is its status here too.
            let status = a.canary?.kpi.kpi.id == k.kpi.id ? a.canary?.state : k.status
            guard status == .offTrack else { continue }
            owed.append(Owed(owner: k.kpi.owner ?? leader, kind: .kpi, id: k.kpi.id.rawValue, name: k.kpi.name, target: k.kpi.target,
                             due: nil, status: status, owes: .recovery))
        }
        for v in a.variances where v.explanation == nil {
            let owner = v.kind == .source ? region.source(id: Source.ID(v.id))?.owner : region.kpis.first { $0.id.rawValue == v.id }?.owner
            owed.append(Owed(owner: owner ?? leader, kind: v.kind == .source ? .source : .kpi, id: v.id, name: v.name,
                             target: nil, due: nil, status: nil, owes: .explanation(variance: v.variance)))
        }
        let open = a.unanswered
        if !open.isEmpty {
            owed.append(Owed(owner: leader, kind: .question, id: open.questions.map(String.init).joined(separator: ","),
                             name: nil, target: nil, due: nil, status: nil,
                             owes: .answers(questions: open.questions, changes: open.changes)))
        }
        // The leader's first, then owners by name; within each, the worst status first.
        return owed.enumerated().sorted { x, y in
            let (p, q) = (x.element, y.element)
            let pLeader = p.owner == leader, qLeader = q.owner == leader
            if pLeader != qLeader { return pLeader }
            if p.owner != q.owner { return (p.owner ?? "") < (q.owner ?? "") }
            return x.offset < y.offset
        }.map(\.element)
    }
}

/// The gut-check questions the leader has not answered (SPEC §12.4), found once for the
/// report's list at the top and for who owes what.
public struct Unanswered: Sendable, Equatable {
    /// Their numbers, of the questions the leader answers (5–11).
    public var questions: [Int]
    /// Whether the changes made (`midyear.changes`, or the revision's) are missing too.
    public var changes: Bool
    public var isEmpty: Bool { questions.isEmpty && !changes }
}

extension RegionAnalysis {
    public var unanswered: Unanswered {
        let m = region.midyear
        let questions = [(5, m.working.isEmpty), (6, m.stop.isEmpty), (7, m.learned.isEmpty), (8, m.kpis.isEmpty),
                         (9, m.marketShifts.isEmpty), (10, m.focusAreas.isEmpty), (11, m.theOne == nil)].filter(\.1).map(\.0)
        return Unanswered(questions: questions, changes: m.changes.isEmpty && (revision?.revised.changes.isEmpty ?? true))
    }
}
