import Foundation
import GutcheckCore

/// `summary.json`: every computed figure and judgment, machine-readable (schema 1;
/// documented in docs/summary-json.md). Keys are only ever added within a schema version.
public enum Summary {
    public static let schemaVersion = 1

    /// `regions`: the regions' blocks when they were built already (`RegionSummaries`).
    public static func json(_ company: CompanyAnalysis, rollup: Rollup, version: String, regions: [JSONValue]? = nil) -> JSONValue {
        let plan = company.plan
        let calendar = company.calendar
        let say = Narrative(currency: plan.currency, calendar: calendar, metricNames: plan.metricNames)
        return .object([
            ("schema", .int(schemaVersion)),
            ("generator", .string("gutcheck \(version)")),
            ("company", .text(plan.company)),
            ("fiscal_year", .int(plan.fiscalYear)),
            ("fiscal_year_start", .string(plan.fiscalYearStart.description)),
            ("as_of", .string(calendar.asOf.description)),
            ("currency", .string(plan.currency.code)),
            // Plan rates into `currency` (SPEC §15.7): the totals and the roll-up are at these.
            ("fx", .object(plan.fx.sorted { $0.key < $1.key }.map { ($0.key, .decimal($0.value)) })),
            ("elapsed_months", .decimal(calendar.elapsed)),
            ("remaining_months", .decimal(calendar.remaining)),
            ("thresholds", .object([
                ("on_track", .decimal(plan.thresholds.onTrack)), ("at_risk", .decimal(plan.thresholds.atRisk)),
                ("shift", .decimal(plan.thresholds.shift)),
            ])),
            ("totals", totals(rollup)),
            ("regions", .array(regions ?? company.regions.concurrentMap { r in
                region(r, calendar: calendar, say: say, rollup: rollup.regions.first { $0.id == r.region.id } ?? RollupRegion(r, findings: [], rate: plan.rate(of: r.region)))
            })),
            ("plan_findings", .array(company.regions.flatMap { r in r.findings.map { finding($0, region: r.region, say: say) } })),
            ("data_notes", DataNotesJSON.write(company.notes)),
            ("rollup", RollupJSON.company(rollup, planRegions: plan.regions.map(\.id))),
        ])
    }

    /// The company totals object, from the roll-up (sums of the regions, SPEC §7).
    static func totals(_ rollup: Rollup) -> JSONValue {
        let sources = rollup.sources
        return .object([
            ("revenue", figure(rollup.revenue, calendar: rollup.calendar)),
            ("profit", figure(rollup.profit, calendar: rollup.calendar)),
            ("quarters", quarters(rollup.revenue, calendar: rollup.calendar)),
        ] + board(rollup.board) + [
            ("categories", categories(rollup.categories)),
            ("sources", .array(sources.map { s in
                .object([("id", .string(s.id)), ("name", .string(s.name)), ("regions", .array(s.regions.map { .string($0) })),
                         ("revenue", figure(s.revenue, calendar: rollup.calendar))])
            })),
            ("unassigned", unassigned(Unassigned(region: rollup.revenue, sources: sources.map(\.revenue)))),
            ("recurring_focus_areas", .array(rollup.recurringFocus.map { f in
                .object([("kind", .string(f.key.kind.rawValue)), ("id", .string(f.key.id)), ("title", .string(f.title)),
                         ("regions", .array(f.regions.map { .string($0) })), ("at_stake", .money(f.atStake)),
                         ("at_stake_basis", .text(f.basis?.rawValue))])
            })),
        ])
    }

    /// The summary with the changes since a previous report added at the end.
    static func with(_ changes: Changes, _ summary: JSONValue) -> JSONValue {
        guard case .object(let pairs) = summary else { return summary }
        return .object(pairs.filter { $0.0 != "changes" } + [("changes", changes.json)])
    }

    static func figure(_ f: Figure, calendar: FiscalCalendar, extra: [(String, JSONValue)] = []) -> JSONValue {
        var forecast: [(String, JSONValue)] = Figure.Forecast.Method.allCases.map { ($0.rawValue, .money(f.forecast.value($0))) }
        forecast.append(("call", f.call.map { c in
            .object([("method", .string(c.method.rawValue)), ("value", .money(c.value)), ("low", .money(c.low)), ("high", .money(c.high)),
                     ("backtested", .bool(c.backtested)), ("error_max", .decimal(c.errorMax)), ("outlook", .text(c.outlook?.rawValue))])
        } ?? .null))
        forecast.append(("range", f.forecast.range.map { .object([("low", .money($0.low)), ("high", .money($0.high))]) } ?? .null))
        forecast.append(("backtest", .array(f.forecast.backtests.map { b in
            .object([("year", .int(b.year)), ("method", .string(b.method.rawValue)), ("forecast", .money(b.forecast)),
                     ("actual", .money(b.actual)), ("error", .decimal(b.error))])
        })))
        return .object([
            ("goal", .money(f.goal)),
            ("plan_to_date", .money(f.planToDate)),
            ("actual_to_date", .money(f.actualToDate)),
            ("attainment", .ratio(f.attainment)),
            ("gap", .money(f.gap)),
            ("status", .text(f.status?.rawValue)),
            ("measured", .bool(f.isMeasured)),
        ] + (f.isPlanned ? [] : [("planned", .bool(false))]) + [
            ("forecast", .object(forecast)),
            ("required_monthly_rest_of_year", .money(f.requiredMonthlyRestOfYear)),
            ("monthly_rate_so_far", .money(f.monthlyRateSoFar)),
            ("prior_year", .money(f.priorFullYear)),
            ("prior_year_same_part", .money(f.priorSamePart)),
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

    /// Revenue plan and actual by fiscal quarter through the cut-off (SPEC §15.6).
    static func quarters(_ f: Figure, calendar: FiscalCalendar) -> JSONValue {
        .array(Quarter.split(f, calendar: calendar).map { q in
            .object([("quarter", .string(q.label)), ("plan", .money(q.plan)), ("actual", .money(q.actual)), ("to_date", .bool(q.isToDate))])
        })
    }

    /// A deal of the lists behind the gap (SPEC §15.4).
    static func deal(_ d: Deal) -> JSONValue {
        .object([("id", .text(d.id)), ("date", .string(d.date.description)), ("owner", .text(d.owner)), ("source", .text(d.source)),
                 ("amount", .money(d.amount)), ("detail", .text(d.detail))])
    }

    /// Closed to date and open deals closing in the rest of the year by forecast category
    /// (SPEC §15.1); null without a forecast category column.
    static func categories(_ c: Categories?) -> JSONValue {
        guard let c else { return .null }
        return .object([("closed", .money(c.closed))] + ForecastCategory.allCases.map { ($0.rawValue, .money(c.amount($0))) } + [
            ("deals", .object(ForecastCategory.allCases.map { ($0.rawValue, .int(c.deals($0))) })),
            ("commit_reach", .ratio(c.commitReach)), ("best_case_reach", .ratio(c.bestCaseReach)),
        ])
    }

    /// How the pipeline moved since the earlier snapshot (SPEC §15.3): each step's deals and
    /// amount, in the waterfall's order; `value_changed` counts the deals whose amount changed.
    static func movement(_ m: PipelineMovement) -> JSONValue {
        func step(_ s: PipelineMovement.Step) -> JSONValue {
            .object([("deals", .int(s.deals)), ("amount", .money(s.amount)), ("unvalued_deals", .int(s.unvalued))])
        }
        return .object([("from", .string(m.from.description)), ("to", .string(m.to.description))]
            + PipelineMovement.Kind.allCases.map { ($0.rawValue, step(m[$0])) }
            + [("open_deals_without_id", .int(m.withoutId))])
    }

    /// Open deals closing in the rest of the year by stage, and the stale ones (SPEC §15.2);
    /// null without a deal export's stage column.
    static func pipeline(_ p: Pipeline) -> JSONValue {
        guard let stale = p.stale else { return .null }
        return .object([
            ("stages", .array(p.stages.map { s in
                .object([("stage", .string(s.name)), ("deals", .int(s.deals)), ("amount", s.deals > 0 && s.unvalued == s.deals ? .null : .money(s.amount)),
                         ("unvalued_deals", .int(s.unvalued)), ("median_age_days", .decimal(s.medianAgeDays)),
                         ("oldest_age_days", s.oldestAgeDays.map(JSONValue.int) ?? .null)])
            })),
            ("stale", .object([("deals", .int(stale.count)), ("amount", stale.count > 0 && stale.unvalued == stale.count ? .null : .money(stale.amount)),
                               ("unvalued_deals", .int(stale.unvalued))])),
        ])
    }

    /// Pipeline coverage, growth and margin (SPEC §9.10).
    static func board(_ b: BoardFigures) -> [(String, JSONValue)] {
        [("open_pipeline", .money(b.openPipeline)), ("open_deals", b.openDeals.map(JSONValue.int) ?? .null),
         ("unvalued_open_deals", .int(b.unvaluedOpenDeals)), ("pipeline_coverage", .ratio(b.pipelineCoverage)),
         ("growth", .ratio(b.growth)), ("goal_implied_growth", .ratio(b.goalImpliedGrowth)),
         ("margin_to_date", .ratio(b.marginToDate)), ("planned_margin", .ratio(b.plannedMargin))]
    }

    static func unassigned(_ u: Unassigned) -> JSONValue {
        .object([("goal", .money(u.goal)), ("plan_to_date", .money(u.planToDate)), ("actual_to_date", .money(u.actualToDate)),
                 ("gap", .money(u.gap))])
    }

    static func region(_ r: RegionAnalysis, calendar: FiscalCalendar, say company: Narrative, rollup rollupRegion: RollupRegion) -> JSONValue {
        // The region's figures and sentences are in its own currency (SPEC §15.7).
        let currency = r.region.currency ?? company.money.currency
        let say = company.in(currency)
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
            drivers = [("drivers", .null), ("drivers_note", .string("not computable: \(Narrative.driversNote(why))"))]
        }
        return .object([
            ("id", .string(r.region.id)),
            ("name", .string(r.region.name)),
            ("leader", .text(r.region.leader)),
            ("currency", .string(currency.code)),
            ("no_results_to_date", .bool(r.hasNoResultsToDate)),
            ("revenue", figure(r.revenue, calendar: calendar, extra: drivers + [("pipeline_note", .text(r.pipeline.missing.map(Narrative.pipelineNote)))])),
            ("profit", figure(r.profit, calendar: calendar)),
            ("quarters", quarters(r.revenue, calendar: calendar)),
        ] + board(r.board) + [
            ("pipeline", pipeline(r.pipeline)),
            ("categories", categories(r.categories)),
            ("largest_lost_deals", r.largestDeals.map { .array($0.lost.map(deal)) } ?? .null),
            ("largest_open_deals", r.largestDeals.map { .array($0.open.map(deal)) } ?? .null),
            ("pipeline_movement", r.pipelineMovement.map(movement) ?? .null),
            ("rest_of_year_question", .string(r.position == .atPlan ? "close_the_year_at_plan" : "get_to_plan")),
            ("canary", canary(r)),
            ("path_to_plan", .array((r.pathToPlan?.steps ?? []).map { step in
                let money = step.factor == .dealSize
                return .object([("factor", .string(step.factor.rawValue)), ("needed", measure(step.needed, money: money)),
                                ("so_far", measure(step.soFar, money: money))])
            })),
            ("cause", cause(r.cause)),
            ("sources", .array(r.sources.map { s in
                var pairs: [(String, JSONValue)] = [
                    ("id", .string(s.source.id)), ("name", .string(s.source.name)),
                    ("revenue", figure(s.revenue, calendar: calendar)),
                ]
                if let p = s.profit { pairs.append(("profit", figure(p, calendar: calendar))) }
                if let v = r.revision, let line = v.sources.first(where: { $0.id == s.source.id }) {
                    pairs.append(("revision", revision(line, v.revised)))
                }
                return .object(pairs)
            })),
            ("unassigned", unassigned(r.unassigned)),
            ("kpis", .array(r.kpis.map { k in
                .object([
                    ("id", .string(k.kpi.id)), ("name", .string(k.kpi.name)), ("kind", .string(k.kind.rawValue)),
                    ("unit", .string(k.kpi.unit.rawValue)), ("better", .string(k.kpi.better.rawValue)), ("canary", .bool(k.kpi.canary)),
                    ("target", .decimal(k.kpi.target)), ("target_to_date", measure(k.targetToDate, money: k.kpi.unit == .currency)),
                    ("actual", measure(k.actual, money: k.kpi.unit == .currency)), ("measured", .bool(k.isMeasured)),
                    ("attainment", .ratio(k.attainment)), ("status", .text(k.status?.rawValue)),
                    ("monthly", .array(k.monthly.map { .decimal($0) })),
                ])
            })),
            ("objectives", .array(r.objectives.map(initiative))),
            ("actions", .array(r.actions.map(initiative))),
            ("working", .array(r.working.map(scored))),
            ("stop", .array(r.stop.map(scored))),
            ("market_shifts", .array(r.shifts.map { s in shift(s, calendar: calendar) })),
            ("variances", variances(r)),
            ("focus_areas", .array(r.focusAreas.map { focus($0, say: say) })),
            ("the_one", theOne(r, say: say)),
            ("data_the_one", r.theOne.map { focus($0, say: say) } ?? .null),
            ("focus_comparison", focusComparison(r.focusComparison)),
            ("midyear", .object([
                ("working", words(r.region.midyear.working)), ("stop", words(r.region.midyear.stop)),
                ("learned", words(r.region.midyear.learned)), ("kpis", words(r.region.midyear.kpis)),
                ("market_shifts", words(r.region.midyear.marketShifts)),
                ("focus_areas", words(r.region.midyear.focusAreas)), ("the_one", .text(r.region.midyear.theOne)),
                ("changes", words(r.region.midyear.changes)),
                ("explanations", .object(r.region.midyear.explanations.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
            ])),
            ("owed", .array(r.owed.map { owed($0, say: say) })),
            ("owners", .array(r.owners.map(owner))),
            ("loss_reasons", .array(r.lossReasons.map { l in
                .object([("reason", .string(l.reason)), ("lost_deals", .number(String(l.lostDeals))), ("lost_value", .money(l.lostValue))])
            })),
            ("funnel", r.funnel.map(funnel) ?? .null),
            ("revision", r.revision.map { v in
                guard case .object(let pairs) = revision(v.revenue, v.revised) else { return .null }
                return .object(pairs + [("outlook", .text(v.outlook?.rawValue)), ("pipeline_coverage", .ratio(v.pipelineCoverage))])
            } ?? .null),
            ("plan_findings", .array(r.findings.map { finding($0, region: r.region, say: say) })),
            ("rollup", RollupJSON.region(rollupRegion)),
        ])
    }

    /// A figure that is money when the measure is (rounded to the cent), else exact.
    static func measure(_ value: Decimal?, money: Bool) -> JSONValue { money ? .money(value) : .decimal(value) }

    /// What the verdict rests on (SPEC §13.3); null where no part is negative.
    static func cause(_ c: Cause) -> JSONValue {
        guard c.source != nil || c.driver != nil else { return .null }
        return .object([
            ("source", c.source.map { .object([("id", .string($0.id)), ("gap", .money($0.gap))]) } ?? .null),
            ("driver", c.driver.map { .object([("factor", .string($0.factor)), ("effect", .money($0.effect))]) } ?? .null),
            ("unassigned_goal", .bool(c.isUnassignedGoal)),
        ])
    }

    static func canary(_ r: RegionAnalysis) -> JSONValue {
        guard let c = r.canary else { return .null }
        let need: JSONValue = c.need.map { n in
            .object([
                ("leads_per_month", .decimal(n.leadsPerMonth)), ("expected_leads_rest_of_year", .decimal(n.expectedLeads)),
                ("deal_size", .money(n.dealSize)), ("revenue_needed", .money(n.revenueNeeded)),
                ("achieved_lead_to_close", .decimal(n.achieved)),
            ])
        } ?? .null
        return .object([
            ("kpi", .string(c.kpi.kpi.id)), ("target", .decimal(c.target)), ("actual", .decimal(c.actual)),
            ("status_to_date", .text(c.statusToDate?.rawValue)), ("needed_rest_of_year", .decimal(c.neededRestOfYear)),
            ("status_rest_of_year", .text(c.statusRestOfYear?.rawValue)), ("state", .text(c.state?.rawValue)),
            ("sounds", .bool(c.sounds)), ("lead_flow_basis", .text(c.need?.leadFlowBasis.rawValue)), ("rest_of_year", need),
        ])
    }

    static func variances(_ r: RegionAnalysis) -> JSONValue {
        .array(r.variances.map { v in
            .object([("kind", .string(v.kind.rawValue)), ("id", .string(v.id)), ("variance", .ratio(v.variance)),
                     ("explanation", .text(v.explanation)), ("needs_explanation", .bool(v.explanation == nil))])
        })
    }

    static func words(_ list: [String]) -> JSONValue { .array(list.map { .string($0) }) }

    /// The latest revision's view (SPEC §11.1): exactly the keys the spec names.
    static func revision(_ line: RevisionView.Line, _ revised: RevisedPlan) -> JSONValue {
        .object([
            ("id", .string(revised.id)), ("date", .string(revised.date.description)), ("goal", .money(line.goal)),
            ("plan_since", .money(line.planSince)), ("actual_since", .money(line.actualSince)),
            ("attainment_since", .ratio(line.attainmentSince)), ("gap_since", .money(line.gapSince)),
            ("status_since", .text(line.statusSince?.rawValue)),
        ])
    }

    /// A deal owner's year to date (SPEC §11.3); quota figures null for an owner not in `team:`.
    static func owner(_ o: OwnerFigures) -> JSONValue {
        .object([
            ("name", .string(o.name)), ("won_revenue", .money(o.wonRevenue)), ("won_deals", .number(String(o.wonDeals))),
            ("lost_deals", .number(String(o.lostDeals))), ("win_rate", .ratio(o.winRate)), ("deal_size", .money(o.dealSize)),
            ("quota", .money(o.quota)), ("quota_to_date", .money(o.quotaToDate)), ("attainment", .ratio(o.attainment)),
            ("status", .text(o.status?.rawValue)),
        ])
    }

    /// The declared funnel (SPEC §11.4): stages, the weakest step, and the split of the gap
    /// over every stage (effects to the cent, adding up to the gap); `drivers_note` says why
    /// the split is not computable.
    static func funnel(_ f: FunnelSplit) -> JSONValue {
        var drivers: JSONValue = .array([])
        var note: JSONValue = .null
        switch f.factors {
        case .success(let factors):
            let cents = f.effectsInCents
            drivers = .array(factors.enumerated().map { i, x in
                .object([("factor", .string(x.name)), ("plan", .ratio(x.plan)), ("actual", .ratio(x.actual)), ("effect", .money(cents[i]))])
            })
        case .failure(let why):
            note = .string("not computable: \(Narrative.funnelNote(why))")
        }
        return .object([
            ("stages", .array(f.stages.map { s in
                .object([("metric", .string(s.metric)), ("count", .decimal(s.count)), ("conversion", .decimal(s.conversion)),
                         ("target", .decimal(s.target))])
            })),
            ("weakest", .text(f.weakest)),
            ("drivers", drivers),
            ("drivers_note", note),
        ])
    }

    static func driver(_ d: DriverBridge.Driver) -> JSONValue {
        .object([("plan", .ratio(d.plan)), ("actual", .ratio(d.actual)), ("effect", .ratio(d.effect))])
    }

    static func costToDate(_ c: Initiative.CostToDate?) -> JSONValue {
        switch c {
        case .spent(let d)?: return .object([("basis", .string("spent")), ("amount", .money(d))])
        case .budgetProRata(let d)?: return .object([("basis", .string("budget_pro_rata")), ("amount", .money(d))])
        case nil: return .null
        }
    }

    static func unmeasured(_ u: Initiative.Unmeasured?) -> JSONValue {
        switch u {
        case .noMetric?: return .string("no metric")
        case .noTarget?: return .string("no target")
        case .metricNotInResults(let m)?: return .string("no results row carries \(m)")
        case .periodOutsideYear?: return .string("its period lies outside the fiscal year")
        case nil: return .null
        }
    }

    static func initiative(_ i: Initiative) -> JSONValue {
        .object([
            ("id", .string(i.id)), ("name", .string(i.name)), ("owner", .text(i.owner)), ("metric", .text(i.metric)),
            ("source", .text(i.source)), ("target", measure(i.target, money: i.isMoney)), ("start", .text(i.start?.description)),
            ("due", .text(i.due?.description)), ("cost", .money(i.cost)), ("cost_to_date", costToDate(i.costToDate)),
            ("target_to_date", measure(i.targetToDate, money: i.isMoney)), ("actual", measure(i.actual, money: i.isMoney)),
            ("attainment", .ratio(i.attainment)), ("status", .text(i.status?.rawValue)),
            ("cost_per_result", .money(i.costPerResult)), ("not_measured", unmeasured(i.unmeasured)),
        ])
    }

    /// A line of Q5 or Q6 (SPEC §9.2).
    static func scored(_ s: Scored) -> JSONValue {
        let i = s.initiative
        return .object([
            ("kind", .string(s.kind.rawValue)), ("id", .string(s.id)), ("attainment", .ratio(s.attainment)),
            ("gap", measure(s.gap, money: s.isMoney)), ("cost", .money(i?.costToDate?.amount)),
            ("cost_basis", .text(i?.costToDate.map { if case .spent = $0 { return "spent" } else { return "budget_pro_rata" } })),
            ("cost_per_result", .money(i?.costPerResult)), ("not_measured", .bool(s.isNotMeasured)),
            ("source_behind", .text(s.sourceBehind?.source.id)),
        ])
    }

    static func shift(_ s: MarketShift, calendar: FiscalCalendar) -> JSONValue {
        let m = s.momentum
        func months(_ r: Range<Int>, back: Int = 0) -> JSONValue { .array(r.map { .string(calendar.month($0).adding(months: back).description) }) }
        return .object([
            ("source", .string(s.source)), ("direction", .string(s.direction.rawValue)),
            ("recent_months", months(m.recentMonths)), ("earlier_months", months(m.earlierMonths)),
            ("recent_attainment", .ratio(m.recent)), ("earlier_attainment", .ratio(m.earlier)), ("change", .ratio(m.change)),
            ("last_year", s.lastYear.map { y in
                .object([("months", months(m.recentMonths, back: -12)), ("actual", .money(y.priorActual)),
                         ("actual_now", .money(y.recentActual)), ("change", .ratio(y.change))])
            } ?? .null),
            ("readings_agree", s.readingsAgree.map { .bool($0) } ?? .null),
            ("readable", .bool(s.readable)),
            ("volume", .object([("earlier_actual", .money(s.volume.earlierActual)), ("recent_actual", .money(s.volume.recentActual)),
                                ("earlier_won_deals", .decimal(s.volume.earlierWonDeals)), ("recent_won_deals", .decimal(s.volume.recentWonDeals))])),
        ])
    }

    static func focus(_ f: FocusArea, say: Narrative) -> JSONValue {
        .object([("kind", .string(f.kind.rawValue)), ("id", .string(f.id)), ("title", .string(f.title)),
                 ("at_stake", .money(f.atStake)), ("at_stake_basis", .string(f.basis.rawValue)), ("at_stake_of", .money(f.atStakeOf)),
                 ("overlaps", .array(f.overlaps.map { .string("\($0.kind.rawValue)/\($0.id)") })),
                 ("why", .string(say.reason(f.reason)))])
    }

    /// The leader's pick where given (`by: "leader"`, the leader's words as its title, priced
    /// where it names a source, KPI or driver); else the data's (`by: "data"`) — SPEC §13.9.
    static func theOne(_ r: RegionAnalysis, say: Narrative) -> JSONValue {
        if let pick = r.focusComparison.theOne {
            let match = pick.match
            return .object([("by", .string("leader")), ("kind", .text(match?.kind.rawValue)), ("id", .text(match?.id)),
                            ("title", .string(pick.text)), ("at_stake", match.map { .money($0.atStake) } ?? .null),
                            ("at_stake_basis", .text(match.map { $0.basis.rawValue })), ("data_rank", pick.dataRank.map { .int($0) } ?? .null)])
        }
        guard let data = r.theOne, case .object(let pairs) = focus(data, say: say) else { return .null }
        return .object([("by", .string("data"))] + pairs)
    }

    static func focusComparison(_ c: FocusComparison) -> JSONValue {
        func item(_ item: FocusComparison.LeaderItem) -> JSONValue {
            .object([("text", .string(item.text)),
                     ("matches", item.match.map { .object([("kind", .string($0.kind.rawValue)), ("id", .string($0.id))]) } ?? .null),
                     ("data_rank", item.dataRank.map { .int($0) } ?? .null)])
        }
        return .object([
            ("leader_focus_areas", .array(c.leaderFocusAreas.map(item))),
            ("lists_agree", c.leaderFocusAreas.isEmpty ? .null : .bool(c.listsAgree)),
            ("data_only", .array(c.dataOnly.map { .string($0.id) })),
            ("leader_the_one", c.theOne.map(item) ?? .null),
            ("the_one_agrees", c.theOneAgrees.map { .bool($0) } ?? .null),
        ])
    }

    /// Who owes what (SPEC §11.3): `owner` null for the region's unnamed leader.
    static func owed(_ o: Owed, say: Narrative) -> JSONValue {
        .object([("owner", .text(o.owner)), ("kind", .string(o.kind.rawValue)), ("id", .string(o.id)),
                 ("status", .text(o.status?.rawValue)), ("owes", .string(Narrative.owesCode(o.owes))),
                 ("text", .string("\(say.commitment(o)): \(Narrative.owes(o.owes))"))])
    }

    public static func findingKind(_ k: PlanFinding.Kind) -> String {
        switch k {
        case .objectiveNotSMART: return "objective_not_smart"
        case .actionWithoutObjective: return "action_without_objective"
        case .sourcesDoNotAddUp: return "sources_do_not_add_up"
        case .sourceProfitsDoNotAddUp: return "source_profits_do_not_add_up"
        case .objectiveDiffersFromSource: return "objective_differs_from_source"
        case .kpiWithoutTarget: return "kpi_without_target"
        case .profitNotMeasured: return "profit_not_measured"
        case .kpiNotMeasured: return "kpi_not_measured"
        case .noResultsToDate: return "no_results_to_date"
        case .goalElementMissing: return "goal_element_missing"
        case .goalElementUnmeasured: return "goal_element_unmeasured"
        case .objectiveMeasuredByAnotherGoal: return "objective_measured_by_another_goal"
        case .teamWithoutOwners: return "team_without_owners"
        case .phasingUnlikeLastYear: return "phasing_unlike_last_year"
        }
    }

    /// A plan finding: `message` as `check` prints it, `text` as the board views say it.
    static func finding(_ f: PlanFinding, region: Region, say: Narrative) -> JSONValue {
        diagnostic(say.diagnostic(f, region: region), kind: findingKind(f.kind), region: f.region,
                   text: say.finding(f, region: region, forCheck: false))
    }

    /// Any diagnostic, in the one shape `check --format json` and summary.json's
    /// `plan_findings` share: severity, kind and region (null for input errors), message,
    /// text (the board's words, for findings), file, line, column.
    public static func diagnostic(_ d: Diagnostic, kind: String? = nil, region: String? = nil, text: String? = nil) -> JSONValue {
        .object([("severity", .string(d.severity.rawValue)), ("kind", .text(kind)), ("region", .text(region)),
                 ("message", .string(d.message)), ("text", .text(text)),
                 ("file", .text(d.location?.file)), ("line", d.location.map { .int($0.line) } ?? .null),
                 ("column", d.location.map { .int($0.column) } ?? .null)])
    }

    /// The `message` of such an object.
    public static func message(of object: JSONValue) -> String? { object["message"]?.string }
}
