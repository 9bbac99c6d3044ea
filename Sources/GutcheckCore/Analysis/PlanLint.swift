import Foundation

/// The plan checks of Q1 and Q3, and what the results cannot measure (SPEC §10.7): warnings
/// in `check` and in the report's plan check.
enum PlanLint {
    static func findings(for analysis: RegionAnalysis, plan: Plan, calendar: FiscalCalendar, actuals: Actuals) -> [PlanFinding] {
        let region = analysis.region
        var findings: [PlanFinding] = []
        func add(_ kind: PlanFinding.Kind, _ location: SourceLocation?) {
            findings.append(PlanFinding(region: region.id, kind: kind, location: location))
        }
        if analysis.hasNoResultsToDate { add(.noResultsToDate, region.location) }
        for o in region.objectives {
            var gaps: [PlanFinding.SMARTGap] = []
            if o.metric == nil { gaps.append(.noMetric) }
            if o.target == nil { gaps.append(.noTarget) }
            if o.due == nil { gaps.append(.noDueDate) }
            if let due = o.due, due > calendar.end { gaps.append(.dueAfterYear(due)) }
            if !gaps.isEmpty { add(.objectiveNotSMART(id: o.id, gaps: gaps), o.location) }
            if let finding = sourceMismatch(o, region: region, calendar: calendar) { add(finding, o.location) }
            if let other = o.measuredByAnotherGoal, let goal = o.goal, let metric = o.metric {
                add(.objectiveMeasuredByAnotherGoal(id: o.id, goal: goal, metric: metric, measures: other), o.location)
            }
        }
        for a in region.actions where a.objective == nil {
            add(.actionWithoutObjective(id: a.id), a.location)
        }
        if analysis.sourcesMismatchGoal {
            add(.sourcesDoNotAddUp(total: analysis.sourcesTotal, goal: region.goals.revenue), region.location)
        }
        let profits = region.sources.compactMap(\.profit)
        if !region.sources.isEmpty, profits.count == region.sources.count, region.goals.profit != 0 {
            let total = profits.reduce(0, +)
            if abs(total - region.goals.profit) / abs(region.goals.profit) > Decimal(string: "0.005")! {
                add(.sourceProfitsDoNotAddUp(total: total, goal: region.goals.profit), region.location)
            }
        }
        for k in region.kpis where k.target == nil {
            add(.kpiWithoutTarget(id: k.id), k.location ?? region.location)
        }
        if !analysis.profit.isMeasured && region.goals.plansProfit { add(.profitNotMeasured, region.location) }
        // The goal's three elements (SPEC §11.5), each with an objective that measures it.
        for element in [Goals.Kind.relationships, .revenue, .customerSuccess] {
            let stated = element == .relationships ? region.goals.relationships != nil
                : element == .customerSuccess ? region.goals.customerSuccess != nil : true
            if !stated {
                add(.goalElementMissing(element: element), region.location)
            } else if !region.objectives.contains(where: { $0.element == element && $0.metric != nil && $0.measuredByAnotherGoal == nil }) {
                add(.goalElementUnmeasured(element: element), region.location)
            }
        }
        if plan.team.contains(where: { $0.region == region.id }) && !actuals.tracksOwners {
            add(.teamWithoutOwners, plan.team.first { $0.region == region.id }?.location)
        }
        if let shape = analysis.revenue.shapeAgainstLastYear, let full = analysis.revenue.priorFullYear {
            let suggested = analysis.revenue.monthlyPrior.map { m in
                Int(truncating: (max(0, m ?? 0) * 100 / full).rounded(places: 0) as NSDecimalNumber)
            }
            add(.phasingUnlikeLastYear(shape: shape, suggested: suggested), region.location)
        }
        for k in analysis.kpis where !k.isMeasured {
            add(.kpiNotMeasured(id: k.kpi.id, metrics: k.kpi.value.metrics.filter { !actuals.metrics.contains($0) }),
                k.kpi.location ?? region.location)
        }
        return findings
    }

    /// An objective on a source's revenue whose target is not that source's goal over the
    /// same period (within 0.5 %): two yardsticks for one thing (SPEC §9.3).
    static func sourceMismatch(_ o: Objective, region: Region, calendar: FiscalCalendar) -> PlanFinding.Kind? {
        guard o.metric == "revenue", let id = o.source, let source = region.source(id: id), let target = o.target else { return nil }
        let phasing = region.weights(of: id)
        let first = o.start ?? calendar.start.firstDay
        let last = o.due ?? calendar.end
        guard phasing.total > 0 else { return nil }
        let goal = source.revenue * phasing.weight(from: first, through: last, in: calendar) / phasing.total
        guard goal > 0, abs(target - goal) / goal > Decimal(string: "0.005")! else { return nil }
        return .objectiveDiffersFromSource(id: o.id, source: id, target: target, sourceGoal: goal)
    }
}
