import Foundation

/// A region measured against its latest revision (SPEC §11.1). After a revision dated D the
/// rest of the year's plan is (revised goal − actual through D), spread over the days after
/// D by the revised phasing (a month in part by its share of days, as every plan to date):
///
///     plan since D    = (goal′ − actual through D) × Σw′(D+1 … cut-off) / Σw′(D+1 … year end)
///     actual since D  = actual to date − actual through D
///
/// with attainment, gap and status since D from those two. Sources revise the same way,
/// each with its revised goal (else its original) and its own phasing (else the region's
/// revised one). The original plan stays the yardstick of the year.
public struct RevisionView: Sendable {
    public struct Line: Sendable {
        public var id: String
        public var name: String
        public var goal: Decimal
        public var originalGoal: Decimal
        public var actualThrough: Decimal
        public var planSince: Decimal
        public var actualSince: Decimal
        public var attainmentSince: Double?
        public var gapSince: Decimal { actualSince - planSince }
        public var statusSince: Status?
    }

    public var revised: RevisedPlan
    public var revenue: Line
    public var sources: [Line]
    public var originalProfit: Decimal
    /// The call's band against the revised goal (SPEC §13.7); nil without a call.
    public var outlook: Figure.Outlook?
    /// Open pipeline closing in the rest of the year ÷ (revised goal − actual to date).
    public var pipelineCoverage: Double?

    /// Reads the region's call and open pipeline against the revised goal.
    mutating func read(call: Figure.Call?, openPipeline: Decimal?, actualToDate: Decimal) {
        outlook = call.map { Figure.Outlook(low: $0.low, high: $0.high, goal: revenue.goal) }
        let left = revenue.goal - actualToDate
        if let openPipeline, left > 0 { pipelineCoverage = ratio(openPipeline, left) }
    }

    init(revised: RevisedPlan, region: Region, actuals: Actuals, revenueToDate: Decimal,
         sourcesToDate: [Source.ID: Decimal], calendar: FiscalCalendar, thresholds: Thresholds) {
        self.revised = revised
        originalProfit = region.goals.profit
        func line(_ id: String, _ name: String, goal: Decimal, original: Decimal, phasing: Phasing, scope: Actuals.Scope, toDate: Decimal) -> Line {
            let through = actuals.through(revised.date, region: region.id, scope: scope, metric: "revenue", calendar: calendar)
            let from = revised.date.next
            let whole = phasing.weight(from: from, through: calendar.end, in: calendar)
            let due = phasing.weight(from: from, through: calendar.effectiveCutOff, in: calendar)
            let plan = whole > 0 ? (goal - through) * due / whole : 0
            let actual = toDate - through
            let attainment = ratio(actual, plan)
            return Line(id: id, name: name, goal: goal, originalGoal: original, actualThrough: through, planSince: plan,
                        actualSince: actual, attainmentSince: attainment, statusSince: Status(ratio: attainment, thresholds: thresholds))
        }
        revenue = line(region.id.rawValue, region.name, goal: revised.revenue, original: region.goals.revenue, phasing: revised.phasing,
                       scope: .region, toDate: revenueToDate)
        sources = region.sources.map { s in
            line(s.id.rawValue, s.name, goal: revised.sources[s.id] ?? s.revenue, original: s.revenue,
                 phasing: s.phasing.map(Phasing.init) ?? revised.phasing, scope: .source(s.id), toDate: sourcesToDate[s.id] ?? 0)
        }
    }
}
