import Foundation

/// `gutcheck replan`'s figures (SPEC §11.2): one more revision, dated at the cut-off and
/// drafted from today's gut check:
///
/// - each region's revenue goal kept (`keep`, the goal in force) or set to the forecast call;
/// - each source's goal = its actual to date + the region's new rest of the year × the
///   source's share of the original rest-of-year plan (sources keep their proportions);
/// - the region's phasing for the months after the cut-off (the weights in force);
/// - `changes` from the leader's `midyear.changes`.
///
/// Render's `ReplanYAML` writes it into the plan's text, each drafted number marked.
public struct Replan: Sendable {
    public enum Goal: String, Sendable, CaseIterable { case keep, call }

    public struct RegionDraft: Sendable {
        public struct SourceGoal: Sendable {
            public var id: Source.ID
            /// Actual to date + the source's share of the region's new rest of the year, whole units.
            public var goal: Decimal
            /// Its actual to date, whole units.
            public var actualToDate: Decimal
        }

        public var id: Region.ID
        /// The drafted revenue goal: the goal in force, or the forecast call (whole units).
        public var goal: Decimal
        /// The goal in force before this revision.
        public var inForce: Decimal
        /// The forecast call (whole units); nil without one.
        public var call: Decimal?
        public var sources: [SourceGoal]
        /// Whether the plan lists sources for the region (an empty list is still written).
        public var hasSources: Bool
        /// The phasing weights in force.
        public var weights: [Decimal]
        /// The leader's `midyear.changes`.
        public var changes: [String]
    }

    /// The revision's id: `replan-DATE`, numbered on when the plan has one already.
    public var id: String
    public var date: Day
    public var goal: Goal
    public var regions: [RegionDraft]
}

extension Replan {
    public init(company: CompanyAnalysis, goal: Goal) {
        let plan = company.plan
        let calendar = company.calendar
        let day = calendar.effectiveCutOff
        var id = "replan-\(day)"
        var n = 2
        while plan.revisions.contains(where: { $0.id == id }) {
            id = "replan-\(day)-\(n)"
            n += 1
        }
        self.id = id
        date = day
        self.goal = goal
        regions = company.regions.map { a in
            let region = a.region
            let revised = plan.revision(of: region, at: calendar.asOf)
            let inForce = revised?.revenue ?? region.goals.revenue
            let call = a.revenue.call?.value.rounded(places: 0)
            let newGoal = (goal == .call ? call : nil) ?? inForce
            let rest = newGoal - a.revenue.actualToDate
            let originalRest = a.revenue.goal - a.revenue.planToDate
            let sources = a.sources.map { s in
                let sourceRest = s.revenue.goal - s.revenue.planToDate
                let share = originalRest > 0 ? sourceRest / originalRest : 0
                return Replan.RegionDraft.SourceGoal(id: s.source.id, goal: (s.revenue.actualToDate + rest * share).rounded(places: 0),
                                              actualToDate: s.revenue.actualToDate.rounded(places: 0))
            }
            return Replan.RegionDraft(id: region.id, goal: newGoal, inForce: inForce, call: call, sources: sources,
                               hasSources: !region.sources.isEmpty, weights: (revised?.phasing ?? region.weights).weights,
                               changes: region.midyear.changes)
        }
    }
}
