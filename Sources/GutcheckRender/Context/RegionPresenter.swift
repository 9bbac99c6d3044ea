import Foundation
import GutcheckCore

/// Builds the template context of a region report (documented in docs/templates.md):
/// figures pre-formatted as text, user text left raw for the template to escape.
struct RegionPresenter {
    let analysis: RegionAnalysis
    let company: CompanyAnalysis
    let charts: [String: String]

    var region: Region { analysis.region }
    var calendar: FiscalCalendar { company.calendar }

    func context() -> [String: Any] {
        let leaderLabel = region.leader ?? "The leader"
        var c: [String: Any] = [
            "id": region.id, "name": region.name, "fiscal_year": String(company.plan.fiscalYear),
            "cut_off": Wording.date(calendar.asOf), "elapsed": Wording.months(calendar.elapsed),
            "currency": company.plan.currency.code, "leader_label": leaderLabel,
            "headline": headline(), "goals": goals(), "objectives": objectives(),
            "loose_actions": analysis.actions.filter { i in region.actions.contains { $0.id == i.id && $0.objective == nil } }.map(actionRow),
            "goals_money": goalsMoney(), "sources": sources(), "performance": performance(), "charts": charts,
            "forecast": Self.forecast(analysis.revenue, calendar: calendar), "working": analysis.working.map { ["text": scoredText($0, good: true)] },
            "not_working": analysis.notWorking.map { ["text": scoredText($0, good: false)] },
            "at_risk": Percent.format(company.plan.thresholds.atRisk.double, places: 0),
            "learned": learned(), "kpis": kpis(), "shifts": analysis.shifts.map { ["text": shiftText($0)] },
            "shift_threshold": Percent.format(company.plan.thresholds.shift.double, places: 0),
            "has_prior_year": analysis.revenue.priorFullYear != nil,
            "focus": focus(), "words": words(), "data_notes": DataNoteText.lines(company.notes, region: analysis),
        ]
        if let leader = region.leader { c["leader"] = leader }
        if let name = company.plan.company { c["company"] = name }
        if let planCheck = planCheck() { c["plan_check"] = planCheck }
        if let canary = analysis.canary { c["canary"] = kpiRow(canary) }
        if !analysis.variances.isEmpty {
            c["variances"] = [
                "threshold": Percent.format(company.plan.thresholds.materiality.double, places: 0),
                "rows": analysis.variances.map { v -> [String: Any] in
                    ["name": v.name, "kind": v.kind == .kpi ? "KPI" : "source", "variance": Percent.change(v.variance),
                     "explanation": v.explanation ?? "", "missing": v.explanation == nil]
                },
            ]
        }
        if let need = analysis.funnelNeed { c["funnel_need"] = Self.funnelNeed(need, sounds: analysis.canarySounds) }
        if let one = analysis.theOne { c["the_one"] = ["title": one.title, "why": one.why] }
        if let leaderOne = region.midyear.theOne {
            c["leader_one"] = leaderOne
            c["leader_one_comparison"] = comparison()
        }
        return c
    }

    func headline() -> [String: String] {
        let r = analysis.revenue
        var parts: [String] = []
        let direction = r.gap < 0 ? "behind" : "ahead"
        parts.append("Revenue \(Money.compact(r.actualToDate)) of \(Money.compact(r.planToDate)) planned to date (\(Wording.percent(r.attainment))), \(Money.compact(abs(r.gap))) \(direction).")
        if let a = analysis.profit.attainment {
            parts.append("Profit \(Percent.format(a)) of plan (\(analysis.profit.status?.words ?? "—")).")
        }
        let landings = [r.forecast.runRate, r.forecast.pace, r.forecast.seasonal, r.forecast.pipeline].compactMap { $0 }
        if let lo = landings.min(), let hi = landings.max() {
            let range = lo == hi ? Money.compact(lo) : "\(Money.compact(lo)) and \(Money.compact(hi))"
            parts.append("Lands \(lo == hi ? "at" : "between") \(range) against a \(Money.compact(r.goal)) goal.")
        }
        if let canary = analysis.canary, let status = canary.status {
            let state = status == .onTrack ? "on" : "off"
            parts.append("The canary is \(state): \(canary.kpi.name.lowercased()) \(Wording.kpi(canary.actual, unit: canary.kpi.unit)) against \(Wording.kpi(canary.kpi.target, unit: canary.kpi.unit)).")
        }
        return ["status": Wording.headlineStatus(r.status), "text": parts.joined(separator: " ")]
    }

    func goals() -> [[String: String]] {
        func counts(_ kind: Goals.Kind) -> (String, String) {
            let objectives = region.objectives.filter { $0.goal == kind }
            return (String(objectives.count), String(objectives.reduce(0) { $0 + $1.actions.count }))
        }
        var rows: [[String: String]] = []
        let money = counts(.revenue)
        let profit = counts(.profit)
        rows.append(["goal": "Revenue", "target": Money.plain(region.goals.revenue), "objectives": money.0, "actions": money.1])
        rows.append(["goal": "Profit", "target": Money.plain(region.goals.profit), "objectives": profit.0, "actions": profit.1])
        if let text = region.goals.relationships {
            let n = counts(.relationships)
            rows.append(["goal": "Relationships", "target": text, "objectives": n.0, "actions": n.1])
        }
        if let text = region.goals.customerSuccess {
            let n = counts(.customerSuccess)
            rows.append(["goal": "Customer success", "target": text, "objectives": n.0, "actions": n.1])
        }
        let unassigned = region.objectives.filter { $0.goal == nil }
        if !unassigned.isEmpty {
            rows.append(["goal": "No goal named", "target": "—", "objectives": String(unassigned.count),
                         "actions": String(unassigned.reduce(0) { $0 + $1.actions.count })])
        }
        return rows
    }

    func measure(_ i: Initiative) -> String? {
        guard let metric = i.metric, let target = i.target else { return nil }
        let scope = i.source.flatMap { region.source(id: $0)?.name }.map { " from \($0)" } ?? ""
        var text = "\(Wording.quantity(target, metric: metric)) \(Wording.metricName(metric))\(scope)"
        if let due = i.due { text += " by \(due)" }
        if let actual = i.actual, let attainment = i.attainment {
            text += " — \(Wording.quantity(actual, metric: metric)) so far against \(Wording.quantity(i.targetToDate, metric: metric)) due by now (\(Percent.format(attainment)), \(i.status?.words ?? "—"))"
        }
        return text
    }

    func actionRow(_ i: Initiative) -> [String: Any] {
        var row: [String: Any] = ["name": i.name]
        if let owner = i.owner { row["owner"] = owner }
        if let cost = i.cost { row["cost"] = Money.plain(cost) }
        if let m = measure(i) { row["measure"] = m }
        return row
    }

    func objectives() -> [[String: Any]] {
        analysis.objectives.map { o in
            let model = region.objectives.first { $0.id == o.id }
            var row: [String: Any] = [
                "id": o.id, "statement": o.name,
                "goal": model?.goal.map { $0 == .customerSuccess ? "customer success" : $0.rawValue } ?? "no goal named",
                "actions": analysis.actions.filter { a in model?.actions.contains { $0.id == a.id } ?? false }.map(actionRow),
            ]
            if let m = measure(o) { row["measure"] = m }
            return row
        }
    }

    func planCheck() -> [String: Any]? {
        let items = analysis.findings.map { f -> String in
            let text = f.message.replacingOccurrences(of: " in region '\(region.id)'", with: "")
                .replacingOccurrences(of: " of region '\(region.id)'", with: "")
            return text.prefix(1).uppercased() + text.dropFirst() + "."
        }
        return items.isEmpty ? nil : ["items": items]
    }

    func goalsMoney() -> [String: String] {
        let share = analysis.firstHalfShare
        let firstHalf = region.goals.revenue * share
        return [
            "revenue": Money.plain(region.goals.revenue), "profit": Money.plain(region.goals.profit),
            "margin": Wording.percent(analysis.plannedMargin),
            "first_half_share": Percent.format(share.double, places: 0), "first_half": Money.plain(firstHalf),
            "second_half_share": Percent.format((1 - share).double, places: 0),
            "second_half": Money.plain(region.goals.revenue - firstHalf),
        ]
    }

    func sources() -> [String: Any] {
        let goal = region.goals.revenue
        let rows = region.sources.sorted { $0.revenue > $1.revenue }.map { s -> [String: String] in
            ["name": s.name, "revenue": Money.plain(s.revenue), "share": Wording.percent(ratio(s.revenue, goal)),
             "profit": s.profit.map { Money.plain($0) } ?? "—"]
        }
        var result: [String: Any] = [
            "any": !rows.isEmpty, "rows": rows, "total": Money.plain(analysis.sourcesTotal),
            "total_share": Wording.percent(ratio(analysis.sourcesTotal, goal)),
        ]
        if analysis.sourcesMismatchGoal {
            let diff = analysis.sourcesTotal - goal
            result["mismatch"] = "The sources add up to \(Money.plain(analysis.sourcesTotal)), \(Money.plain(abs(diff))) \(diff < 0 ? "short of" : "more than") the revenue goal of \(Money.plain(goal))."
        }
        return result
    }

    static func figureRow(_ name: String, _ f: Figure, strong: Bool) -> [String: Any] {
        ["name": name, "strong": strong, "plan": Money.plain(f.planToDate), "actual": Money.plain(f.actualToDate),
         "attainment": Wording.percent(f.attainment), "gap": Money.signed(f.gap), "status": Wording.status(f.status)]
    }

    func performance() -> [[String: Any]] {
        var rows = [Self.figureRow("Revenue", analysis.revenue, strong: true), Self.figureRow("Profit", analysis.profit, strong: true)]
        for s in analysis.sources { rows.append(Self.figureRow(s.source.name, s.revenue, strong: false)) }
        if !analysis.unattributedRevenue.isZero {
            rows.append(["name": "No source given", "strong": false, "plan": "—", "actual": Money.plain(analysis.unattributedRevenue),
                         "attainment": "—", "gap": "—", "status": "—"])
        }
        return rows
    }

    /// Q8's canary line: the lead-to-close the rest of the year needs against the rate so far.
    static func funnelNeed(_ n: FunnelNeed, sounds: Bool) -> [String: Any] {
        let text = "At today's lead flow (\(Wording.count(n.leadsPerMonth)) a month, so \(Wording.count(n.expectedLeads)) more this year) and average deal size (\(Money.plain(n.dealSize))), reaching the goal needs \(Percent.format(n.required)) of the rest of the year's leads to close, against \(Percent.format(n.achieved)) so far"
        let verdict = n.outOfReach ? " — the goal is out of reach at today's conversion." : " — within reach at today's conversion."
        return ["sounds": sounds, "text": text + verdict]
    }

    static func forecast(_ r: Figure, calendar: FiscalCalendar) -> [String: String] {
        var methods: [String] = []
        if let v = r.forecast.runRate { methods.append("run rate \(Money.compact(v))") }
        if let v = r.forecast.pace { methods.append("pace to plan \(Money.compact(v))") }
        if let v = r.forecast.seasonal { methods.append("seasonal (last year's shape) \(Money.compact(v))") }
        if let v = r.forecast.pipeline { methods.append("pipeline (open deals × win probability) \(Money.compact(v))") }
        let values = [r.forecast.runRate, r.forecast.pace, r.forecast.seasonal, r.forecast.pipeline].compactMap { $0 }
        if values.count > 1, let lo = values.min(), let hi = values.max() { methods.append("spread \(Money.compact(hi - lo))") }
        var required = ""
        if let need = r.requiredMonthlyRestOfYear, let soFar = r.monthlyRateSoFar {
            if r.actualToDate >= r.goal {
                required = "The goal of \(Money.plain(r.goal)) is already reached."
            } else {
                required = "To reach \(Money.plain(r.goal)) the rest of the year needs \(Money.plain(need)) a month; so far the months averaged \(Money.plain(soFar))"
                if let change = ratio(need - soFar, soFar) { required += " (\(Percent.change(change)))" }
                required += "."
            }
        }
        return ["line": methods.isEmpty ? "not enough of the year has elapsed to forecast" : methods.joined(separator: " · "),
                "required": required]
    }

    func scoredText(_ item: Scored, good: Bool) -> String {
        switch item {
        case .source(let s):
            let r = s.revenue
            return "Source \(s.source.name): \(Money.signed(r.gap)) against plan to date (\(Wording.percent(r.attainment)) of \(Money.plain(r.planToDate)))."
        case .initiative(let i):
            let kind = i.kind == .objective ? "Objective" : "Action"
            var text = "\(kind) \(i.name)"
            if let owner = i.owner { text += " (\(owner))" }
            text += ": \(Wording.quantity(i.actual, metric: i.metric)) \(Wording.metricName(i.metric ?? "")) against \(Wording.quantity(i.targetToDate, metric: i.metric)) due by now (\(Wording.percent(i.attainment)))"
            if let cpu = i.costPerUnit, let cost = i.cost {
                text += "; budget \(Money.plain(cost)) is \(Money.plain(cpu, places: cpu < 100 ? 2 : 0)) per \(Wording.unitName(i.metric)) so far"
            }
            return text + "."
        case .kpi(let k):
            return "KPI \(k.kpi.name): \(Wording.kpi(k.actual, unit: k.kpi.unit)) against a target of \(Wording.kpi(k.kpi.target, unit: k.kpi.unit)) (\(Wording.percent(k.attainment)))."
        }
    }

    func learned() -> [String: Any] {
        let gap = analysis.revenue.gap
        var result: [String: Any] = [:]
        switch analysis.drivers {
        case .success(let bridge):
            let cents = bridge.effectsInCents
            let conversion = region.kpis.first { $0.value == .ratio(numerator: "won_deals", denominator: "leads") }
            result["drivers"] = [
                "rows": [
                    ["name": "Leads", "plan": Money.trimmed(Decimal(exactly: bridge.leads.plan, places: 1), places: 0),
                     "actual": Money.trimmed(Decimal(exactly: bridge.leads.actual, places: 1), places: 0), "effect": Money.signed(cents.leads)],
                    ["name": conversion?.name ?? "Lead-to-close", "plan": Percent.format(bridge.leadToClose.plan),
                     "actual": Percent.format(bridge.leadToClose.actual), "effect": Money.signed(cents.leadToClose)],
                    ["name": "Average deal size", "plan": Money.plain(Decimal(exactly: bridge.dealSize.plan, places: 2)),
                     "actual": Money.plain(Decimal(exactly: bridge.dealSize.actual, places: 2)), "effect": Money.signed(cents.dealSize)],
                ],
                "gap": Money.signed(gap),
            ]
            let effects = [("lead volume", bridge.leads.effect), ("lead-to-close conversion", bridge.leadToClose.effect),
                           ("average deal size", bridge.dealSize.effect)]
            let worst = effects.min { $0.1 < $1.1 }!
            let best = effects.max { $0.1 < $1.1 }!
            var intro = "The revenue gap of \(Money.signed(gap)), split by funnel driver (the effects add up to the gap):"
            if worst.1 < 0 && best.1 > 0 {
                intro = "The revenue gap of \(Money.signed(gap)), split by funnel driver (the effects add up to the gap). \(best.0.prefix(1).uppercased() + best.0.dropFirst()) helped by \(Money.signed(Decimal(exactly: best.1, places: 2))); \(worst.0) cost \(Money.plain(Decimal(exactly: -worst.1, places: 2)))."
            }
            result["intro"] = intro
        case .failure(let why):
            result["intro"] = "The revenue gap is \(Money.signed(gap))."
            result["drivers_note"] = why.reason
        }
        let sourceRows = analysis.sources.sorted { $0.revenue.gap < $1.revenue.gap }.map { s -> [String: String] in
            ["name": s.source.name, "gap": Money.signed(s.revenue.gap),
             "share": gap.isZero ? "—" : Wording.percent(ratio(s.revenue.gap, gap))]
        }
        result["by_source"] = ["any": !sourceRows.isEmpty, "rows": sourceRows]
        return result
    }

    func kpiRow(_ k: KPIResult) -> [String: Any] {
        var row = kpiFields(k)
        if let chart = charts["kpi_\(k.kpi.id)"] { row["chart"] = chart }
        return row
    }

    func kpiFields(_ k: KPIResult) -> [String: Any] {
        ["name": k.kpi.name, "target": Wording.kpi(k.kpi.target, unit: k.kpi.unit), "actual": Wording.kpi(k.actual, unit: k.kpi.unit),
         "status": Wording.status(k.status).replacingOccurrences(of: "— no plan to date", with: "— no target"),
         "trend": Charts.sparkline(Array(k.monthly.prefix(calendar.monthsTouched))), "canary": k.kpi.canary]
    }

    func kpis() -> [String: Any] {
        let first = Charts.label(calendar.month(0))
        let last = Charts.label(calendar.month(max(0, calendar.monthsTouched - 1)))
        return ["any": !analysis.kpis.isEmpty, "rows": analysis.kpis.map(kpiRow), "trend_label": "\(first) → \(last)"]
    }

    func shiftText(_ s: MarketShift) -> String {
        let kind = s.direction == .trigger ? "Trigger point" : "Challenge"
        let recent = "\(Wording.month(calendar.month(s.recentMonths.first!)))–\(Wording.month(calendar.month(s.recentMonths.last!)))"
        let compared: String
        switch s.basis {
        case .earlierMonths:
            compared = "\(Wording.month(calendar.month(s.comparedMonths.first!)))–\(Wording.month(calendar.month(s.comparedMonths.last!)))"
        case .lastYear:
            compared = "the same months last year"
        }
        return "\(kind) — \(s.sourceName): \(recent) averaged \(Money.plain(s.recentAverage)) a month against \(Money.plain(s.comparedAverage)) in \(compared) (\(Percent.change(s.change)))."
    }

    func focus() -> [String: Any] {
        let rows = analysis.focusAreas.enumerated().map { i, f -> [String: String] in
            ["rank": String(i + 1), "title": f.title, "at_stake": Money.plain(f.atStake), "why": f.why]
        }
        var c: [String: Any] = ["any": !rows.isEmpty, "rows": rows]
        let comparison = analysis.focusComparison
        if !comparison.leaderFocusAreas.isEmpty {
            var leader: [String: Any] = [
                "rows": comparison.leaderFocusAreas.map { item -> [String: Any] in
                    var row: [String: Any] = ["text": item.text]
                    if let match = item.match, let rank = item.dataRank {
                        row["match"] = ["rank": String(rank), "title": match.title, "at_stake": Money.plain(match.atStake)]
                    } else if let match = item.match {
                        row["on_plan"] = ["title": match.title, "why": match.why]
                    }
                    return row
                },
                "agree": comparison.listsAgree,
            ]
            if !comparison.dataOnly.isEmpty { leader["data_only"] = comparison.dataOnly.map(\.title).joined(separator: "; ") }
            c["leader"] = leader
        }
        return c
    }

    func words() -> [String: Any] {
        let m = region.midyear
        func w(_ list: [String]) -> [String: Any] { ["any": !list.isEmpty, "items": list] }
        return ["working": w(m.working), "stop": w(m.stop), "learned": w(m.learned), "kpis": w(m.kpis),
                "market_shifts": w(m.marketShifts), "focus_areas": w(m.focusAreas), "changes": w(m.changes)]
    }

    /// Whether the leader's pick names the data's top focus area.
    func comparison() -> String {
        switch analysis.focusComparison.theOneAgrees {
        case true?: return "The data ranks the same area first."
        case false?: return "The data ranks a different area first; bring both to the review."
        case nil: return "The data shows no gap; the pick stands on the leader's judgement."
        }
    }
}
