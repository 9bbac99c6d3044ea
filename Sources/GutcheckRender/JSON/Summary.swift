import Foundation
import GutcheckCore

/// `summary.json`: every computed figure, machine-readable (schema 1; documented in
/// docs/summary-json.md). Keys are only ever added within a schema version.
public enum Summary {
    public static let schemaVersion = 1

    public static func json(_ company: CompanyAnalysis, version: String, changes: Changes? = nil) -> JSONValue {
        let plan = company.plan
        let calendar = company.calendar
        let rollup = Rollup(company)
        let summary = JSONValue.object([
            ("schema", .int(schemaVersion)),
            ("generator", .string("gutcheck \(version)")),
            ("company", .text(plan.company)),
            ("fiscal_year", .int(plan.fiscalYear)),
            ("fiscal_year_start", .string(plan.fiscalYearStart.description)),
            ("as_of", .string(calendar.asOf.description)),
            ("currency", .string(plan.currency.code)),
            ("elapsed_months", .decimal(calendar.elapsed)),
            ("remaining_months", .decimal(calendar.remaining)),
            ("thresholds", .object([
                ("on_track", .decimal(plan.thresholds.onTrack)), ("at_risk", .decimal(plan.thresholds.atRisk)),
                ("shift", .decimal(plan.thresholds.shift)),
            ])),
            ("totals", totals(rollup)),
            ("regions", .array(company.regions.map { region($0, calendar: calendar) })),
            ("plan_findings", .array(company.findings.map(finding))),
            ("data_notes", DataNotesJSON.write(company.notes)),
            ("rollup", RollupJSON.company(rollup, planRegions: plan.regions.map(\.id))),
        ])
        return changes.map { with($0, summary) } ?? summary
    }

    /// The company totals object, from the roll-up (sums of the regions, SPEC §7).
    static func totals(_ rollup: Rollup) -> JSONValue {
        .object([
            ("revenue", figure(rollup.revenue, calendar: rollup.calendar)),
            ("profit", figure(rollup.profit, calendar: rollup.calendar)),
            ("sources", .array(rollup.sources.map { s in
                .object([("id", .string(s.id)), ("name", .string(s.name)), ("regions", .array(s.regions.map { .string($0) })),
                         ("revenue", figure(s.revenue, calendar: rollup.calendar))])
            })),
            ("recurring_focus_areas", .array(rollup.recurringFocus.map { f in
                .object([("kind", .string(f.kind)), ("id", .string(f.id)), ("title", .string(f.title)),
                         ("regions", .array(f.regions.map { .string($0) })), ("at_stake", .money(f.atStake))])
            })),
        ])
    }

    /// The summary with the changes since a previous report added at the end.
    static func with(_ changes: Changes, _ summary: JSONValue) -> JSONValue {
        guard case .object(let pairs) = summary else { return summary }
        return .object(pairs.filter { $0.0 != "changes" } + [("changes", changes.json)])
    }

    static func figure(_ f: Figure, calendar: FiscalCalendar, extra: [(String, JSONValue)] = []) -> JSONValue {
        var forecast: [(String, JSONValue)] = [("run_rate", .money(f.forecast.runRate)), ("pace", .money(f.forecast.pace))]
        forecast.append(("seasonal", .money(f.forecast.seasonal)))
        forecast.append(("pipeline", .money(f.forecast.pipeline)))
        return .object([
            ("goal", .money(f.goal)),
            ("plan_to_date", .money(f.planToDate)),
            ("actual_to_date", .money(f.actualToDate)),
            ("attainment", .ratio(f.attainment)),
            ("gap", .money(f.gap)),
            ("status", .text(f.status?.rawValue)),
            ("forecast", .object(forecast)),
            ("required_monthly_rest_of_year", .money(f.requiredMonthlyRestOfYear)),
            ("monthly_rate_so_far", .money(f.monthlyRateSoFar)),
            ("prior_year", .money(f.priorFullYear)),
            ("monthly", .array((0..<12).map { m in
                .object([
                    ("month", .string(calendar.month(m).description)),
                    ("plan", .money(f.monthlyPlan[m])),
                    ("actual", .money(f.monthlyActual[m])),
                    ("prior_year", .money(f.monthlyPrior[m])),
                ])
            })),
        ] + extra)
    }

    static func region(_ r: RegionAnalysis, calendar: FiscalCalendar) -> JSONValue {
        var drivers: [(String, JSONValue)]
        switch r.drivers {
        case .success(let bridge):
            let cents = bridge.effectsInCents
            drivers = [
                ("drivers", .object([
                    ("leads", .money(cents.leads)), ("lead_to_close", .money(cents.leadToClose)),
                    ("deal_size", .money(cents.dealSize)),
                ])),
                ("drivers_detail", .object([
                    ("leads", driver(bridge.leads)), ("lead_to_close", driver(bridge.leadToClose)),
                    ("deal_size", driver(bridge.dealSize)),
                ])),
                ("drivers_note", .null),
            ]
        case .failure(let why):
            drivers = [("drivers", .null), ("drivers_note", .string("not computable: \(why.reason)"))]
        }
        return .object([
            ("id", .string(r.region.id)),
            ("name", .string(r.region.name)),
            ("leader", .text(r.region.leader)),
            ("revenue", figure(r.revenue, calendar: calendar, extra: drivers + [("pipeline_note", .text(r.pipelineNote))])),
            ("profit", figure(r.profit, calendar: calendar)),
            ("funnel_need", funnelNeed(r)),
            ("planned_margin", .ratio(r.plannedMargin)),
            ("unattributed_revenue", .money(r.unattributedRevenue)),
            ("sources", .array(r.sources.map { s in
                var pairs: [(String, JSONValue)] = [
                    ("id", .string(s.source.id)), ("name", .string(s.source.name)),
                    ("revenue", figure(s.revenue, calendar: calendar)),
                ]
                if let p = s.profit { pairs.append(("profit", figure(p, calendar: calendar))) }
                return .object(pairs)
            })),
            ("kpis", .array(r.kpis.map { k in
                .object([
                    ("id", .string(k.kpi.id)), ("name", .string(k.kpi.name)), ("unit", .string(k.kpi.unit.rawValue)),
                    ("better", .string(k.kpi.better.rawValue)), ("canary", .bool(k.kpi.canary)),
                    ("target", .decimal(k.kpi.target)), ("actual", .decimal(k.actual)),
                    ("attainment", .ratio(k.attainment)), ("status", .text(k.status?.rawValue)),
                    ("monthly", .array(k.monthly.map { .decimal($0) })),
                ])
            })),
            ("objectives", .array(r.objectives.map(initiative))),
            ("actions", .array(r.actions.map(initiative))),
            ("market_shifts", .array(r.shifts.map { s in
                .object([
                    ("source", .string(s.source)), ("basis", .string(s.basis.rawValue)),
                    ("direction", .string(s.direction.rawValue)),
                    ("recent_months", .array(s.recentMonths.map { .string(calendar.month($0).description) })),
                    ("compared_months", .array(s.comparedMonths.map {
                        .string(calendar.month($0).adding(months: s.basis == .lastYear ? -12 : 0).description)
                    })),
                    ("recent_monthly_average", .money(s.recentAverage)),
                    ("compared_monthly_average", .money(s.comparedAverage)), ("change", .ratio(s.change)),
                ])
            })),
            ("variances", variances(r)),
            ("focus_areas", .array(r.focusAreas.map(focus))),
            ("the_one", r.theOne.map(focus) ?? .null),
            ("focus_comparison", focusComparison(r.focusComparison)),
            ("midyear", .object([
                ("working", words(r.region.midyear.working)), ("stop", words(r.region.midyear.stop)),
                ("learned", words(r.region.midyear.learned)), ("kpis", words(r.region.midyear.kpis)),
                ("market_shifts", words(r.region.midyear.marketShifts)),
                ("focus_areas", words(r.region.midyear.focusAreas)), ("the_one", .text(r.region.midyear.theOne)),
                ("changes", words(r.region.midyear.changes)),
                ("explanations", .object(r.region.midyear.explanations.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
            ])),
            ("plan_findings", .array(r.findings.map(finding))),
            ("rollup", RollupJSON.region(RollupRegion(r))),
        ])
    }

    static func funnelNeed(_ r: RegionAnalysis) -> JSONValue {
        guard let n = r.funnelNeed else { return .null }
        return .object([
            ("leads_per_month", .decimal(n.leadsPerMonth)), ("expected_leads_rest_of_year", .decimal(n.expectedLeads)),
            ("deal_size", .money(n.dealSize)), ("revenue_needed", .money(n.revenueNeeded)),
            ("required_lead_to_close", .ratio(n.required)), ("achieved_lead_to_close", .ratio(n.achieved)),
            ("out_of_reach", .bool(n.outOfReach)), ("canary_sounds", .bool(r.canarySounds)),
        ])
    }

    static func variances(_ r: RegionAnalysis) -> JSONValue {
        .array(r.variances.map { v in
            .object([("kind", .string(v.kind.rawValue)), ("id", .string(v.id)), ("variance", .ratio(v.variance)),
                     ("explanation", .text(v.explanation)), ("needs_explanation", .bool(v.explanation == nil))])
        })
    }

    static func words(_ list: [String]) -> JSONValue { .array(list.map { .string($0) }) }

    static func driver(_ d: DriverBridge.Driver) -> JSONValue {
        .object([("plan", .ratio(d.plan)), ("actual", .ratio(d.actual)), ("effect", .ratio(d.effect))])
    }

    static func initiative(_ i: Initiative) -> JSONValue {
        .object([
            ("id", .string(i.id)), ("name", .string(i.name)), ("owner", .text(i.owner)), ("metric", .text(i.metric)),
            ("source", .text(i.source)), ("target", .decimal(i.target)), ("due", .text(i.due?.description)),
            ("cost", .money(i.cost)), ("target_to_date", .decimal(i.targetToDate)), ("actual", .decimal(i.actual)),
            ("attainment", .ratio(i.attainment)), ("status", .text(i.status?.rawValue)),
            ("cost_per_unit", .money(i.costPerUnit)), ("not_measured", .text(i.unmeasured)),
        ])
    }

    static func focus(_ f: FocusArea) -> JSONValue {
        .object([("kind", .string(f.kind.rawValue)), ("id", .string(f.id)), ("title", .string(f.title)),
                 ("at_stake", .money(f.atStake)), ("why", .string(f.why))])
    }

    static func focusComparison(_ c: FocusComparison) -> JSONValue {
        .object([
            ("leader_focus_areas", .array(c.leaderFocusAreas.map { item in
                .object([("text", .string(item.text)),
                         ("matches", item.match.map { .object([("kind", .string($0.kind.rawValue)), ("id", .string($0.id))]) } ?? .null),
                         ("data_rank", item.dataRank.map { .int($0) } ?? .null)])
            })),
            ("lists_agree", c.leaderFocusAreas.isEmpty ? .null : .bool(c.listsAgree)),
            ("data_only", .array(c.dataOnly.map { .string($0.id) })),
            ("the_one_agrees", c.theOneAgrees.map { .bool($0) } ?? .null),
        ])
    }

    static func finding(_ f: PlanFinding) -> JSONValue {
        .object([("message", .string(f.message)), ("file", .text(f.location?.file)),
                 ("line", f.location.map { .int($0.line) } ?? .null)])
    }
}
