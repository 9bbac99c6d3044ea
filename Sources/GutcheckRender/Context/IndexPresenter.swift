import Foundation
import GutcheckCore

/// Builds the roll-up's template context (documented in docs/templates.md).
struct IndexPresenter {
    let rollup: Rollup
    let charts: [String: String]
    let regionLink: (String) -> String

    func context() -> [String: Any] {
        let calendar = rollup.calendar
        let r = rollup.revenue
        var headline = "Revenue \(Money.compact(r.actualToDate)) of \(Money.compact(r.planToDate)) planned to date (\(Wording.percent(r.attainment))), \(Money.compact(abs(r.gap))) \(r.gap < 0 ? "behind" : "ahead")."
        if let a = rollup.profit.attainment { headline += " Profit \(Percent.format(a)) of plan." }
        let counts = Dictionary(grouping: rollup.regions, by: { $0.revenue.status })
        let summary = [(Status.onTrack, "on track"), (.atRisk, "at risk"), (.offTrack, "off track")]
            .compactMap { s, w in counts[s].map { "\($0.count) \(w)" } }
        if !summary.isEmpty { headline += " Regions: \(summary.joined(separator: ", "))." }
        let regions = rollup.ranked.enumerated().map { i, a -> [String: Any] in
            var canary = a.canary.map { k in "\(Wording.kpi(k.actual, unit: k.unit)) vs \(Wording.kpi(k.target, unit: k.unit)) \(k.status == .onTrack ? "●" : k.status == .atRisk ? "▲" : k.status == .offTrack ? "✖" : "")" } ?? "—"
            if let f = a.funnel, f.sounds { canary += " ⚠ needs \(Percent.format(f.required))" }
            // Each figure stays on one line in a narrow column.
            canary = canary.replacingOccurrences(of: " %", with: "\u{00A0}%")
            return [
                "rank": String(i + 1), "id": a.id, "name": a.name, "leader": a.leader ?? "—",
                "link": regionLink(a.id), "revenue_attainment": Wording.percent(a.revenue.attainment),
                "revenue_gap": Money.signed(a.revenue.gap), "profit_attainment": Wording.percent(a.profit.attainment),
                "profit_gap": Money.signed(a.profit.gap),
                "status": Wording.status(a.revenue.status), "canary": canary,
                "the_one": a.focusAreas.first ?? "—",
                "also": a.focusAreas.dropFirst().joined(separator: ", "),
            ]
        }
        var c: [String: Any] = [
            "company": rollup.company ?? "Company", "fiscal_year": String(rollup.fiscalYear),
            "cut_off": Wording.date(calendar.asOf), "elapsed": Wording.months(calendar.elapsed),
            "currency": rollup.currency.code, "region_count": String(rollup.regions.count),
            "headline": ["status": Wording.headlineStatus(r.status), "text": headline],
            "totals": [total("Revenue", rollup.revenue), total("Profit", rollup.profit)],
            "forecast": RegionPresenter.forecast(r, calendar: calendar), "charts": charts, "regions": regions,
            "data_notes": DataNoteText.lines(rollup.notes),
        ]
        let sounding = rollup.canariesSounding.compactMap { r -> String? in
            guard let f = r.funnel else { return nil }
            return "\(r.name): revenue is on plan, but the rest of the year needs \(Percent.format(f.required)) of leads to close against \(Percent.format(f.achieved)) so far"
        }
        c["canaries"] = ["any": !sounding.isEmpty, "items": sounding]
        let sources = rollup.sources.map { s -> [String: Any] in
            var row = RegionPresenter.figureRow(s.name, s.revenue, strong: false)
            row["regions"] = s.regions.count == rollup.regions.count ? "all \(s.regions.count)" : s.regions.joined(separator: ", ")
            return row
        }
        c["sources"] = ["any": !sources.isEmpty, "rows": sources]
        let recurring = rollup.recurringFocus.map { f -> [String: Any] in
            ["title": f.title, "count": String(f.regions.count), "regions": f.regions.joined(separator: ", "),
             "at_stake": Money.plain(f.atStake)]
        }
        c["recurring_focus"] = ["any": !recurring.isEmpty, "rows": recurring]
        let findings = rollup.findings.map { $0.prefix(1).uppercased() + $0.dropFirst() + "." }
        c["plan_check"] = ["any": !findings.isEmpty, "items": findings]
        return c
    }

    func total(_ name: String, _ f: Figure) -> [String: Any] {
        var row = RegionPresenter.figureRow(name, f, strong: true)
        row["goal"] = Money.plain(f.goal)
        return row
    }
}
