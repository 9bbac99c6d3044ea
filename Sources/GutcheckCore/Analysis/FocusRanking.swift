import Foundation

/// Q10's candidates, each priced in dollars at stake in the rest of the year if today's
/// shortfall persists (docs/questions-and-formulas.md, "focus areas"):
/// - a source behind plan: its plan for the rest of the year × (1 − attainment);
/// - a negative driver effect (of the declared funnel's stages when there is one, else of leads ×
///   lead-to-close × deal size): −effect × the revenue plan for the rest of the year / the plan to date;
/// - an off-track KPI the driver split does not already price: the revenue plan for the rest of
///   the year × (1 − attainment), a top-line KPI moving revenue in proportion;
/// - profit behind plan: the profit plan for the rest of the year × (1 − attainment);
/// - for a region at plan, a source or KPI losing momentum (a negative shift signal): the rest
///   of the year's plan × the attainment drop, at most the whole rest of the year (SPEC §9.11:
///   protect the lead).
enum FocusRanking {
    static func candidates(_ a: RegionAnalysis, shiftThreshold: Decimal, calendar: FiscalCalendar) -> [FocusArea] {
        var candidates: [FocusArea] = []
        func shortfall(_ attainment: Double) -> Decimal { 1 - Decimal(exactly: min(1, max(0, attainment)), places: 12) }
        for s in a.sources where s.revenue.gap < 0 {
            guard let att = s.revenue.attainment else { continue }
            candidates.append(FocusArea(kind: .source, id: s.source.id, title: s.source.name,
                                        atStake: s.revenue.restOfYearPlan * shortfall(att),
                                        reason: .behindPlan(attainment: att, gap: s.revenue.gap)))
        }
        var pricedByBridge: Set<KPI.Driver> = []
        var pricedByFunnel: Set<String> = []
        if let split = a.funnel, case .success(let factors) = split.factors, a.revenue.planToDate > 0 {
            // A declared funnel replaces the three-factor bridge (SPEC §11.4).
            let scale = a.revenue.restOfYearPlan / a.revenue.planToDate
            pricedByFunnel = Set(factors.map(\.name))
            for f in factors where f.effect < 0 {
                candidates.append(FocusArea(kind: .driver, id: f.name, title: FunnelSplit.title(of: f.name),
                                            atStake: Decimal(exactly: -f.effect, places: 6) * scale,
                                            reason: .driverCost(effect: Decimal(exactly: f.effect, places: 2))))
            }
        } else if case .success(let bridge) = a.drivers, a.revenue.planToDate > 0 {
            let scale = a.revenue.restOfYearPlan / a.revenue.planToDate
            let drivers: [(KPI.Driver, DriverBridge.Driver)] = [(.leads, bridge.leads), (.leadToClose, bridge.leadToClose), (.dealSize, bridge.dealSize)]
            pricedByBridge = Set(drivers.map(\.0))
            for (driver, d) in drivers where d.effect < 0 {
                candidates.append(FocusArea(kind: .driver, id: driver.rawValue, title: driver.title,
                                            atStake: Decimal(exactly: -d.effect, places: 6) * scale,
                                            reason: .driverCost(effect: Decimal(exactly: d.effect, places: 2))))
            }
        }
        for k in a.kpis where k.status == .offTrack {
            guard let att = k.attainment else { continue }
            if let driver = k.kpi.funnelDriver, pricedByBridge.contains(driver) { continue }
            if let factor = a.funnel?.factor(measuredBy: k.kpi), pricedByFunnel.contains(factor) { continue }
            candidates.append(FocusArea(kind: .kpi, id: k.kpi.id, title: k.kpi.name,
                                        atStake: a.revenue.restOfYearPlan * shortfall(att), reason: .kpiOffTrack(attainment: att)))
        }
        if a.profit.gap < 0, let att = a.profit.attainment {
            candidates.append(FocusArea(kind: .profit, id: "profit", title: "Profit",
                                        atStake: a.profit.restOfYearPlan * shortfall(att),
                                        reason: .behindPlan(attainment: att, gap: a.profit.gap)))
        }
        if a.position == .atPlan {
            candidates += losingMomentum(a, threshold: shiftThreshold, calendar: calendar, already: Set(candidates.map(\.key)))
        }
        // Ties (e.g. nothing left of the year) keep the order above.
        return candidates.enumerated().sorted { x, y in
            x.element.atStake != y.element.atStake ? x.element.atStake > y.element.atStake : x.offset < y.offset
        }.map(\.element)
    }

    /// Sources and KPIs whose attainment fell by at least the shift threshold (relative).
    static func losingMomentum(_ a: RegionAnalysis, threshold: Decimal, calendar: FiscalCalendar, already: Set<FocusArea.Key>) -> [FocusArea] {
        var found: [FocusArea] = []
        func add(_ kind: FocusArea.Kind, _ id: String, _ title: String, _ momentum: Momentum?, rest: Decimal) {
            guard let m = momentum, m.change <= -threshold.double, !already.contains(FocusArea.Key(kind: kind, id: id)) else { return }
            // A fall of more than 100 points cannot cost more than the whole rest of the year.
            found.append(FocusArea(kind: kind, id: id, title: title, atStake: rest * Decimal(exactly: min(1, m.drop), places: 12),
                                   reason: .losingMomentum(earlier: m.earlier, recent: m.recent)))
        }
        for s in a.sources {
            add(.source, s.source.id, s.source.name, Momentum(s.revenue, calendar: calendar), rest: s.revenue.restOfYearPlan)
        }
        for k in a.kpis {
            add(.kpi, k.kpi.id, k.kpi.name, Momentum(calendar: calendar, attainment: k.attainment(over:)), rest: a.revenue.restOfYearPlan)
        }
        return found
    }
}
