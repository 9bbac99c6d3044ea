import Foundation

/// Q10's candidates, each priced in dollars at stake that are bounded and never counted
/// twice (SPEC §13.4, docs/questions-and-formulas.md, "focus areas"):
/// - a region behind plan prices its areas on the gap to date (`gap_to_date`): an area's
///   value is its part of one split of the gap — the source split (with the part no source
///   plan covers) or the driver split — negated; where positive parts of a split offset some
///   of the gap, its negative parts are scaled by (−gap ÷ Σ negative parts) so they add up to
///   the gap exactly. An off-track KPI no split prices shares the gap in proportion to its
///   shortfall, and overlaps every other area;
/// - a region at or ahead of plan prices them on the lead at risk (`lead_at_risk`, SPEC
///   §9.11): a source or KPI losing momentum at its rest-of-year plan × the attainment drop,
///   a source or KPI behind at its rest-of-year plan × the shortfall, a negative driver effect
///   scaled to the rest of the year; each at most the region's rest-of-year plan;
/// - profit behind plan: its shortfall to date (`profit_gap_to_date`).
/// Always 0 ≤ value ≤ of. Areas of one split add up to at most `of`; an area of the other
/// split lists in `overlaps` the chosen areas whose dollars it shares, both ways.
enum FocusRanking {
    /// How many focus areas a region shows.
    static let chosen = 3

    static func candidates(_ a: RegionAnalysis, shiftThreshold: Decimal, calendar: FiscalCalendar) -> [FocusArea] {
        var candidates = a.position == .behind && a.revenue.gap < 0
            ? behind(a)
            : atPlan(a, shiftThreshold: shiftThreshold, calendar: calendar)
        if a.profit.isPlanned, a.profit.gap < 0, let att = a.profit.attainment {
            candidates.append(FocusArea(kind: .profit, id: "profit", atStake: -a.profit.gap,
                                        reason: .behindPlan(attainment: att, gap: a.profit.gap), basis: .profitGapToDate, of: -a.profit.gap))
        }
        // Ties keep the order above (the source split first).
        var ranked = candidates.enumerated().sorted { x, y in
            x.element.atStake != y.element.atStake ? x.element.atStake > y.element.atStake : x.offset < y.offset
        }.map(\.element)
        // Every source on plan and the region not: the shortfall is the goal no source plan
        // covers, and assigning it comes first (SPEC §13.3).
        if a.revenue.status != .onTrack, !a.sources.isEmpty, a.sources.allSatisfy({ $0.revenue.status == .onTrack }),
            let i = ranked.firstIndex(where: { $0.key == FocusArea.Key(kind: .source, id: FocusArea.unassignedId) }) {
            ranked.insert(ranked.remove(at: i), at: 0)
        }
        return withOverlaps(ranked)
    }

    /// The negative parts of a split of `gap`, scaled to add up to it exactly (positive parts
    /// offset some of the gap): each part's share of −gap.
    static func shares(of parts: [Decimal], gap: Decimal) -> [Decimal] {
        let negative = parts.filter { $0 < 0 }.reduce(0, +)
        guard gap < 0, negative < 0 else { return parts.map { _ in 0 } }
        return parts.map { $0 < 0 ? $0 / negative * -gap : 0 }
    }

    /// A region behind plan: parts of the gap to date.
    static func behind(_ a: RegionAnalysis) -> [FocusArea] {
        let gap = a.revenue.gap, of = -gap
        var found: [FocusArea] = []
        // The source split, with the part of the goal no source plan covers.
        var parts = a.sources.map { (key: FocusArea.Key(kind: .source, id: $0.source.id.rawValue), name: Optional($0.source.name), gap: $0.revenue.gap,
                                     reason: FocusArea.Reason.behindPlan(attainment: $0.revenue.attainment ?? 0, gap: $0.revenue.gap)) }
        if !a.sources.isEmpty, a.unassigned.isShown {
            // Its reason says to assign it (SPEC §13.3: the first focus area of a region short only there).
            parts.append((FocusArea.Key(kind: .source, id: FocusArea.unassignedId), nil,
                          a.unassigned.gap, .unassigned(gap: a.unassigned.gap)))
        }
        if !a.sources.isEmpty {
            for (part, value) in zip(parts, shares(of: parts.map(\.gap), gap: gap)) where value > 0 {
                found.append(FocusArea(kind: part.key.kind, id: part.key.id, name: part.name, atStake: min(value, of),
                                       reason: part.reason, basis: .gapToDate, of: of, split: .source))
            }
        }
        // The driver split (the declared funnel's stages when computable).
        let drivers = driverParts(a)
        for (part, value) in zip(drivers, shares(of: drivers.map(\.effect), gap: gap)) where value > 0 {
            found.append(FocusArea(kind: .driver, id: part.driver.key, atStake: min(value, of),
                                   reason: .driverCost(effect: part.effect), basis: .gapToDate, of: of, split: .driver))
        }
        // Off-track KPIs no split prices: a share of the gap in proportion to the shortfall.
        for k in a.kpis where k.status == .offTrack && !pricedBySplit(k, a) {
            guard let att = k.attainment else { continue }
            found.append(FocusArea(kind: .kpi, id: k.kpi.id.rawValue, name: k.kpi.name, atStake: of * shortfall(att),
                                   reason: .kpiOffTrack(attainment: att), basis: .gapToDate, of: of))
        }
        return found
    }

    /// A region at or ahead of plan: the lead at risk in the rest of the year.
    static func atPlan(_ a: RegionAnalysis, shiftThreshold: Decimal, calendar: FiscalCalendar) -> [FocusArea] {
        let of = max(0, a.revenue.restOfYearPlan)
        var found: [FocusArea] = []
        func add(_ area: FocusArea) {
            guard area.atStake > 0, !found.contains(where: { $0.key == area.key }) else { return }
            var capped = area
            capped.atStake = min(area.atStake, of)
            found.append(capped)
        }
        for s in a.sources where s.revenue.gap < 0 {
            guard let att = s.revenue.attainment else { continue }
            add(FocusArea(kind: .source, id: s.source.id.rawValue, name: s.source.name, atStake: max(0, s.revenue.restOfYearPlan) * shortfall(att),
                          reason: .behindPlan(attainment: att, gap: s.revenue.gap), basis: .leadAtRisk, of: of))
        }
        if a.revenue.planToDate > 0 {
            let scale = max(0, a.revenue.restOfYearPlan) / a.revenue.planToDate
            for d in driverParts(a) where d.effect < 0 {
                add(FocusArea(kind: .driver, id: d.driver.key, atStake: -d.effect * scale,
                              reason: .driverCost(effect: d.effect), basis: .leadAtRisk, of: of))
            }
        }
        for k in a.kpis where k.status == .offTrack && !pricedBySplit(k, a) {
            guard let att = k.attainment else { continue }
            add(FocusArea(kind: .kpi, id: k.kpi.id.rawValue, name: k.kpi.name, atStake: of * shortfall(att),
                          reason: .kpiOffTrack(attainment: att), basis: .leadAtRisk, of: of))
        }
        for area in losingMomentum(a, threshold: shiftThreshold, calendar: calendar, of: of) { add(area) }
        return found
    }

    static func shortfall(_ attainment: Double) -> Decimal { 1 - Decimal(exactly: min(1, max(0, attainment)), places: 12) }

    /// The driver split's parts as every view shows them (cents, adding up to the gap): the
    /// declared funnel's factors when computable, else leads × lead-to-close × deal size; ids
    /// are the keys of `revenue.drivers` (or the funnel's factors).
    static func driverParts(_ a: RegionAnalysis) -> [(driver: Driver, effect: Decimal)] {
        if let split = a.funnel, case .success(let factors) = split.factors {
            return zip(factors, split.effectsInCents).map { f, cents in (f.driver, cents) }
        }
        guard case .success(let bridge) = a.drivers else { return [] }
        let cents = bridge.effectsInCents
        return [(.leads, cents.leads), (.leadToClose, cents.leadToClose), (.dealSize, cents.dealSize)]
    }

    /// Whether the driver split already prices what a KPI measures.
    static func pricedBySplit(_ k: KPIResult, _ a: RegionAnalysis) -> Bool {
        if let split = a.funnel, case .success(let factors) = split.factors {
            return split.factor(measuredBy: k.kpi).map { f in factors.contains { $0.driver == f } } ?? false
        }
        if case .success = a.drivers, k.kpi.funnelDriver != nil { return true }
        return false
    }

    /// The chosen areas' overlaps: an area of one split shares its dollars with every chosen
    /// area of the other split, and a KPI priced on the gap with every chosen revenue area.
    static func withOverlaps(_ ranked: [FocusArea]) -> [FocusArea] {
        let chosenKeys = Set(ranked.prefix(chosen).map(\.key))
        func shares(_ x: FocusArea, _ y: FocusArea) -> Bool {
            guard x.key != y.key, x.basis == y.basis, x.basis != .profitGapToDate else { return false }
            if x.basis == .leadAtRisk { return false }
            switch (x.split, y.split) {
            case let (a?, b?): return a != b
            default: return true  // a KPI's share of the gap is part of both splits
            }
        }
        return ranked.map { area in
            var a = area
            a.overlaps = ranked.filter { chosenKeys.contains($0.key) && shares(area, $0) }.map(\.key)
            return a
        }
    }

    /// Sources (readable, SPEC §13.5) and KPIs whose attainment fell by at least the shift
    /// threshold (relative): the rest-of-year plan × the drop, at most `of`.
    static func losingMomentum(_ a: RegionAnalysis, threshold: Decimal, calendar: FiscalCalendar, of: Decimal) -> [FocusArea] {
        var found: [FocusArea] = []
        func add(_ kind: FocusArea.Kind, _ id: String, _ name: String, _ momentum: Momentum?, rest: Decimal) {
            guard let m = momentum, m.change <= -threshold.double else { return }
            found.append(FocusArea(kind: kind, id: id, name: name, atStake: max(0, rest) * Decimal(exactly: min(1, m.drop), places: 12),
                                   reason: .losingMomentum(earlier: m.earlier, recent: m.recent), basis: .leadAtRisk, of: of))
        }
        for s in a.sources where a.shifts.first(where: { $0.source == s.source.id })?.readable != false {
            add(.source, s.source.id.rawValue, s.source.name, Momentum(s.revenue, calendar: calendar), rest: s.revenue.restOfYearPlan)
        }
        for k in a.kpis {
            add(.kpi, k.kpi.id.rawValue, k.kpi.name, Momentum(calendar: calendar, attainment: k.attainment(over:)), rest: a.revenue.restOfYearPlan)
        }
        return found
    }
}
