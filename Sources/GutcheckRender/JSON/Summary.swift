import Foundation
import GutcheckCore

/// `summary.json`: every computed figure and judgment, machine-readable (schema 1;
/// documented in docs/summary-json.md). Keys are only ever added within a schema version.
///
/// The file is a tree of typed models (below), each made from the analysis and encoded by
/// `JSONModel` in declaration order; the roll-up and data-notes blocks are models that
/// `gutcheck rollup` also decodes (`RollupJSON`, `DataNotesJSON`). A few objects are written
/// in parts (`Parts`), so that the groups of keys two objects share are declared once.
public enum Summary {
    public static let schemaVersion = 1

    /// `regions`: the regions' blocks when they were built already (`RegionSummaries`).
    public static func json(_ company: CompanyAnalysis, rollup: Rollup, version: String, regions: [JSONValue]? = nil) -> JSONValue {
        let plan = company.plan
        let calendar = company.calendar
        let say = Narrative(currency: plan.currency, calendar: calendar, metricNames: plan.metricNames)
        return JSONModel.encode(Document(
            generator: "gutcheck \(version)", company: plan.company, fiscalYear: plan.fiscalYear, fiscalYearStart: plan.fiscalYearStart,
            asOf: calendar.asOf, currency: plan.currency.code,
            fx: KeyedList(plan.fx.sorted { $0.key < $1.key }.map { ($0.key, number($0.value)) }),
            elapsedMonths: number(calendar.elapsed), remainingMonths: number(calendar.remaining),
            thresholds: .init(onTrack: number(plan.thresholds.onTrack), atRisk: number(plan.thresholds.atRisk), shift: number(plan.thresholds.shift)),
            totals: Totals(rollup),
            regions: regions ?? company.regions.concurrentMap { r in
                region(r, calendar: calendar, say: say, rollup: rollup.regions.first { $0.id == r.region.id } ?? RollupRegion(r, rate: plan.rate(of: r.region)))
            },
            planFindings: company.regions.flatMap { r in r.findings.map { Finding(finding: $0, region: r.region, say: say) } },
            dataNotes: DataNotesJSON(company.notes),
            rollup: RollupJSON.Company(rollup, planRegions: plan.regions.map(\.id))))
    }

    /// The company totals object, from the roll-up (sums of the regions, SPEC §7).
    static func totals(_ rollup: Rollup) -> JSONValue { JSONModel.encode(Totals(rollup)) }

    /// A region's object.
    static func region(_ r: RegionAnalysis, calendar: FiscalCalendar, say company: Narrative, rollup: RollupRegion) -> JSONValue {
        JSONModel.encode(Region(r, calendar: calendar, say: company, rollup: rollup))
    }

    /// The summary with the changes since a previous report added at the end.
    static func with(_ changes: Changes, _ summary: JSONValue) -> JSONValue {
        guard case .object(let pairs) = summary else { return summary }
        return .object(pairs.filter { $0.0 != "changes" } + [("changes", changes.json)])
    }

    /// A plan finding: `message` as `check` prints it, `text` as the board views say it.
    static func finding(_ f: PlanFinding, region: GutcheckCore.Region, say: Narrative) -> JSONValue {
        JSONModel.encode(Finding(finding: f, region: region, say: say))
    }

    /// Any diagnostic, in the one shape `check --format json` and summary.json's
    /// `plan_findings` share: severity, kind and region (null for input errors), message,
    /// text (the board's words, for findings), file, line, column.
    public static func diagnostic(_ d: Diagnostic, kind: String? = nil, region: String? = nil, text: String? = nil) -> JSONValue {
        JSONModel.encode(Finding(d, kind: kind, region: region, text: text))
    }

    /// The `message` of such an object.
    public static func message(of object: JSONValue) -> String? {
        (try? JSONModel.decode(Finding.self, from: object, at: ""))?.message
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

    /// A decimal measure (months, rates, counts that may be fractional): written unrounded,
    /// as a JSON number (null when undefined).
    static func number(_ value: Decimal?) -> Double? { value?.double }

    // MARK: The document

    struct Document: Encodable {
        struct Thresholds: Encodable {
            var onTrack, atRisk, shift: Double?
            enum CodingKeys: String, CodingKey { case onTrack = "on_track", atRisk = "at_risk", shift }
        }
        var schema = Summary.schemaVersion
        var generator: String
        var company: String?
        var fiscalYear: Int
        var fiscalYearStart: YearMonth
        var asOf: Day
        var currency: String
        /// Plan rates into `currency` (SPEC §15.7): the totals and the roll-up are at these.
        var fx: KeyedList<Double?>
        var elapsedMonths: Double?
        var remainingMonths: Double?
        var thresholds: Thresholds
        var totals: Totals
        /// Each region's object, encoded already (on both cores, `RegionSummaries`).
        var regions: [JSONValue]
        var planFindings: [Finding]
        var dataNotes: DataNotesJSON
        var rollup: RollupJSON.Company
        enum CodingKeys: String, CodingKey {
            case schema, generator, company, fiscalYear = "fiscal_year", fiscalYearStart = "fiscal_year_start", asOf = "as_of", currency, fx
            case elapsedMonths = "elapsed_months", remainingMonths = "remaining_months", thresholds, totals, regions
            case planFindings = "plan_findings", dataNotes = "data_notes", rollup
        }
    }

    /// Objects written as consecutive groups of keys: each part encodes into the same object.
    struct Parts<A: Encodable, B: Encodable, C: Encodable>: Encodable {
        var a: A, b: B, c: C
        func encode(to encoder: any Encoder) throws {
            try a.encode(to: encoder)
            try b.encode(to: encoder)
            try c.encode(to: encoder)
        }
    }

    /// Nothing: the empty third part.
    struct None: Encodable {
        func encode(to encoder: any Encoder) throws {}
    }

    /// A money amount or a plain measure, as the measure's unit says.
    enum Quantity: Encodable {
        case money(Decimal?)
        case number(Decimal?)

        init(_ value: Decimal?, money: Bool) { self = money ? .money(value) : .number(value) }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .money(let v): try c.encode(Cents(v))
            case .number(let v): try c.encode(Summary.number(v))
            }
        }
    }

    // MARK: Figures

    /// A goal against its actuals (revenue, profit, a source's revenue), with its forecast.
    struct Figure: Encodable {
        struct Forecast: Encodable {
            struct Call: Encodable {
                var method: GutcheckCore.Figure.Forecast.Method
                var value, low, high: Cents?
                var backtested: Bool
                var errorMax: Double?
                var outlook: String?
                enum CodingKeys: String, CodingKey { case method, value, low, high, backtested, errorMax = "error_max", outlook }
            }
            struct Range: Encodable { var low, high: Cents? }
            struct Backtest: Encodable {
                var year: Int
                var method: GutcheckCore.Figure.Forecast.Method
                var forecast, actual: Cents?
                var error: Double?
            }
            var values: [(GutcheckCore.Figure.Forecast.Method, Cents?)]
            var call: Call?
            var range: Range?
            var backtest: [Backtest]

            init(_ f: GutcheckCore.Figure) {
                values = GutcheckCore.Figure.Forecast.Method.allCases.map { ($0, Cents(f.forecast.value($0))) }
                call = f.call.map { c in
                    Call(method: c.method, value: Cents(c.value), low: Cents(c.low), high: Cents(c.high), backtested: c.backtested,
                         errorMax: number(c.errorMax), outlook: c.outlook?.rawValue)
                }
                range = f.forecast.range.map { Range(low: Cents($0.low), high: Cents($0.high)) }
                backtest = f.forecast.backtests.map { b in
                    Backtest(year: b.year, method: b.method, forecast: Cents(b.forecast), actual: Cents(b.actual), error: number(b.error))
                }
            }

            // One key per method (in `Method`'s order), then the call, the range and the backtests.
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: AnyKey.self)
                for (method, value) in values { try c.encodeIfPresent(value, forKey: AnyKey(method.rawValue)) }
                try c.encodeIfPresent(call, forKey: AnyKey("call"))
                try c.encodeIfPresent(range, forKey: AnyKey("range"))
                try c.encode(backtest, forKey: AnyKey("backtest"))
            }
        }

        struct Month: Encodable {
            var month: YearMonth
            var plan, actual, priorYear: Cents?
            enum CodingKeys: String, CodingKey { case month, plan, actual, priorYear = "prior_year" }
        }

        /// Only the region's revenue carries these: the funnel-driver split and why the
        /// pipeline forecast is missing.
        struct RevenueExtras: Encodable {
            struct Drivers: Encodable {
                var leads, leadToClose, dealSize: Cents?
                enum CodingKeys: String, CodingKey { case leads, leadToClose = "lead_to_close", dealSize = "deal_size" }
            }
            struct Driver: Encodable { var plan, actual, effect: Double? }
            struct Detail: Encodable {
                var leads, leadToClose, dealSize: Driver
                enum CodingKeys: String, CodingKey { case leads, leadToClose = "lead_to_close", dealSize = "deal_size" }
            }
            var drivers: Drivers?
            var driversDetail: OmittedIfNil<Detail>
            var driversNote: String?
            var pipelineNote: String?
            enum CodingKeys: String, CodingKey {
                case drivers, driversDetail = "drivers_detail", driversNote = "drivers_note", pipelineNote = "pipeline_note"
            }

            init(_ r: RegionAnalysis) {
                switch r.drivers {
                case .success(let bridge):
                    let cents = bridge.effectsInCents
                    func driver(_ d: DriverBridge.Driver) -> Driver { Driver(plan: d.plan, actual: d.actual, effect: d.effect) }
                    drivers = Drivers(leads: Cents(cents.leads), leadToClose: Cents(cents.leadToClose), dealSize: Cents(cents.dealSize))
                    driversDetail = .init(Detail(leads: driver(bridge.leads), leadToClose: driver(bridge.leadToClose), dealSize: driver(bridge.dealSize)))
                    driversNote = nil
                case .failure(let why):
                    drivers = nil
                    driversDetail = .init(nil)
                    driversNote = "not computable: \(Narrative.driversNote(why))"
                }
                pipelineNote = r.pipeline.missing.map(Narrative.pipelineNote)
            }
        }

        var goal, planToDate, actualToDate: Cents?
        var attainment: Double?
        var gap: Cents?
        var status: Status?
        var measured: Bool
        /// Written only for a figure with no plan behind it.
        var planned: OmittedIfNil<Bool>
        var forecast: Forecast
        var requiredMonthlyRestOfYear, monthlyRateSoFar, priorYear, priorYearSamePart: Cents?
        var monthly: [Month]
        var extras: OmittedIfNil<RevenueExtras>

        enum CodingKeys: String, CodingKey {
            case goal, planToDate = "plan_to_date", actualToDate = "actual_to_date", attainment, gap, status, measured, planned, forecast
            case requiredMonthlyRestOfYear = "required_monthly_rest_of_year", monthlyRateSoFar = "monthly_rate_so_far"
            case priorYear = "prior_year", priorYearSamePart = "prior_year_same_part", monthly
        }

        init(_ f: GutcheckCore.Figure, calendar: FiscalCalendar, extras: RevenueExtras? = nil) {
            goal = Cents(f.goal)
            planToDate = Cents(f.planToDate)
            actualToDate = Cents(f.actualToDate)
            attainment = f.attainment
            gap = Cents(f.gap)
            status = f.status
            measured = f.isMeasured
            planned = .init(f.isPlanned ? nil : false)
            forecast = Forecast(f)
            requiredMonthlyRestOfYear = Cents(f.requiredMonthlyRestOfYear)
            monthlyRateSoFar = Cents(f.monthlyRateSoFar)
            priorYear = Cents(f.priorFullYear)
            priorYearSamePart = Cents(f.priorSamePart)
            monthly = (0..<12).map { m in
                Month(month: calendar.month(m), plan: Cents(f.monthlyPlan[m]), actual: Cents(f.monthlyActual[m]), priorYear: Cents(f.monthlyPrior[m]))
            }
            self.extras = .init(extras)
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeIfPresent(goal, forKey: .goal)
            try c.encodeIfPresent(planToDate, forKey: .planToDate)
            try c.encodeIfPresent(actualToDate, forKey: .actualToDate)
            try c.encodeIfPresent(attainment, forKey: .attainment)
            try c.encodeIfPresent(gap, forKey: .gap)
            try c.encodeIfPresent(status, forKey: .status)
            try c.encode(measured, forKey: .measured)
            try c.encode(planned, forKey: .planned)
            try c.encode(forecast, forKey: .forecast)
            try c.encodeIfPresent(requiredMonthlyRestOfYear, forKey: .requiredMonthlyRestOfYear)
            try c.encodeIfPresent(monthlyRateSoFar, forKey: .monthlyRateSoFar)
            try c.encodeIfPresent(priorYear, forKey: .priorYear)
            try c.encodeIfPresent(priorYearSamePart, forKey: .priorYearSamePart)
            try c.encode(monthly, forKey: .monthly)
            try extras.value?.encode(to: encoder)
        }
    }

    /// Revenue plan and actual by fiscal quarter through the cut-off (SPEC §15.6).
    struct Quarter: Encodable {
        var quarter: String
        var plan, actual: Cents?
        var toDate: Bool
        enum CodingKeys: String, CodingKey { case quarter, plan, actual, toDate = "to_date" }

        static func split(_ f: GutcheckCore.Figure, calendar: FiscalCalendar) -> [Quarter] {
            GutcheckCore.Quarter.split(f, calendar: calendar).map { Quarter(quarter: $0.label, plan: Cents($0.plan), actual: Cents($0.actual), toDate: $0.isToDate) }
        }
    }

    /// Pipeline coverage, growth and margin (SPEC §9.10).
    struct Board: Encodable {
        var openPipeline: Cents?
        var openDeals: Int?
        var unvaluedOpenDeals: Int
        var pipelineCoverage, growth, goalImpliedGrowth, marginToDate, plannedMargin: Double?
        enum CodingKeys: String, CodingKey {
            case openPipeline = "open_pipeline", openDeals = "open_deals", unvaluedOpenDeals = "unvalued_open_deals"
            case pipelineCoverage = "pipeline_coverage", growth, goalImpliedGrowth = "goal_implied_growth", marginToDate = "margin_to_date"
            case plannedMargin = "planned_margin"
        }

        init(_ b: BoardFigures) {
            openPipeline = Cents(b.openPipeline)
            openDeals = b.openDeals
            unvaluedOpenDeals = b.unvaluedOpenDeals
            pipelineCoverage = b.pipelineCoverage
            growth = b.growth
            goalImpliedGrowth = b.goalImpliedGrowth
            marginToDate = b.marginToDate
            plannedMargin = b.plannedMargin
        }
    }

    /// Closed to date and open deals closing in the rest of the year by forecast category
    /// (SPEC §15.1).
    struct Categories: Encodable {
        var categories: GutcheckCore.Categories

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: AnyKey.self)
            try c.encode(Cents(categories.closed), forKey: AnyKey("closed"))
            for k in ForecastCategory.allCases { try c.encode(Cents(categories.amount(k)), forKey: AnyKey(k.rawValue)) }
            try c.encode(KeyedList(ForecastCategory.allCases.map { ($0.rawValue, categories.deals($0)) }), forKey: AnyKey("deals"))
            try c.encodeIfPresent(categories.commitReach, forKey: AnyKey("commit_reach"))
            try c.encodeIfPresent(categories.bestCaseReach, forKey: AnyKey("best_case_reach"))
        }
    }

    struct Unassigned: Encodable {
        var goal, planToDate, actualToDate, gap: Cents?
        enum CodingKeys: String, CodingKey { case goal, planToDate = "plan_to_date", actualToDate = "actual_to_date", gap }

        init(_ u: GutcheckCore.Unassigned) {
            goal = Cents(u.goal)
            planToDate = Cents(u.planToDate)
            actualToDate = Cents(u.actualToDate)
            gap = Cents(u.gap)
        }
    }

    // MARK: Totals

    struct Totals: Encodable {
        struct Head: Encodable {
            var revenue, profit: Figure
            var quarters: [Quarter]
        }
        struct Source: Encodable {
            var id: GutcheckCore.Source.ID
            var name: String
            var regions: [String]
            var revenue: Figure
        }
        struct Recurring: Encodable {
            var kind: FocusArea.Kind
            var id, title: String
            var regions: [String]
            var atStake: Cents?
            var atStakeBasis: String?
            enum CodingKeys: String, CodingKey { case kind, id, title, regions, atStake = "at_stake", atStakeBasis = "at_stake_basis" }
        }
        struct Tail: Encodable {
            var categories: Categories?
            var sources: [Source]
            var unassigned: Unassigned
            var recurringFocusAreas: [Recurring]
            enum CodingKeys: String, CodingKey { case categories, sources, unassigned, recurringFocusAreas = "recurring_focus_areas" }
        }
        var parts: Parts<Head, Board, Tail>

        init(_ rollup: Rollup) {
            let calendar = rollup.calendar
            let sources = rollup.sources
            parts = Parts(
                a: Head(revenue: Figure(rollup.revenue, calendar: calendar), profit: Figure(rollup.profit, calendar: calendar),
                        quarters: Quarter.split(rollup.revenue, calendar: calendar)),
                b: Board(rollup.board),
                c: Tail(categories: rollup.categories.map(Categories.init),
                        sources: sources.map { Source(id: $0.id, name: $0.name, regions: $0.regions, revenue: Figure($0.revenue, calendar: calendar)) },
                        unassigned: Unassigned(GutcheckCore.Unassigned(region: rollup.revenue, sources: sources.map(\.revenue))),
                        recurringFocusAreas: rollup.recurringFocus.map { f in
                            Recurring(kind: f.key.kind, id: f.key.id, title: f.title, regions: f.regions, atStake: Cents(f.atStake), atStakeBasis: f.basis?.rawValue)
                        }))
        }

        func encode(to encoder: any Encoder) throws { try parts.encode(to: encoder) }
    }

    // MARK: A region

    struct Region: Encodable {
        struct Head: Encodable {
            var id: GutcheckCore.Region.ID
            var name: String
            var leader: String?
            var currency: String
            var noResultsToDate: Bool
            var revenue, profit: Figure
            var quarters: [Quarter]
            enum CodingKeys: String, CodingKey { case id, name, leader, currency, noResultsToDate = "no_results_to_date", revenue, profit, quarters }
        }

        struct Tail: Encodable {
            var pipeline: Pipeline?
            var categories: Categories?
            var largestLostDeals, largestOpenDeals: [Deal]?
            var pipelineMovement: Movement?
            var restOfYearQuestion: String
            var canary: Canary?
            var pathToPlan: [PathStep]
            var cause: Cause?
            var sources: [Source]
            var unassigned: Unassigned
            var kpis: [KPI]
            var objectives, actions: [Initiative]
            var working, stop: [Scored]
            var marketShifts: [Shift]
            var variances: [Variance]
            var focusAreas: [Focus]
            var theOne: TheOne?
            var dataTheOne: Focus?
            var focusComparison: FocusComparison
            var midyear: Midyear
            var owed: [Owed]
            var owners: [Owner]
            var lossReasons: [LossReason]
            var funnel: Funnel?
            var revision: Revision?
            var planFindings: [Finding]
            var rollup: RollupJSON.Region
            enum CodingKeys: String, CodingKey {
                case pipeline, categories, largestLostDeals = "largest_lost_deals", largestOpenDeals = "largest_open_deals"
                case pipelineMovement = "pipeline_movement", restOfYearQuestion = "rest_of_year_question", canary, pathToPlan = "path_to_plan"
                case cause, sources, unassigned, kpis, objectives, actions, working, stop, marketShifts = "market_shifts", variances
                case focusAreas = "focus_areas", theOne = "the_one", dataTheOne = "data_the_one", focusComparison = "focus_comparison"
                case midyear, owed, owners, lossReasons = "loss_reasons", funnel, revision, planFindings = "plan_findings", rollup
            }
        }

        var parts: Parts<Head, Board, Tail>

        init(_ r: RegionAnalysis, calendar: FiscalCalendar, say company: Narrative, rollup: RollupRegion) {
            // The region's figures and sentences are in its own currency (SPEC §15.7).
            let currency = r.region.currency ?? company.money.currency
            let say = company.in(currency)
            let head = Head(id: r.region.id, name: r.region.name, leader: r.region.leader, currency: currency.code,
                            noResultsToDate: r.hasNoResultsToDate,
                            revenue: Figure(r.revenue, calendar: calendar, extras: .init(r)), profit: Figure(r.profit, calendar: calendar),
                            quarters: Quarter.split(r.revenue, calendar: calendar))
            let tail = Tail(
                pipeline: Pipeline(r.pipeline), categories: r.categories.map(Categories.init),
                largestLostDeals: r.largestDeals.map { $0.lost.map(Deal.init) }, largestOpenDeals: r.largestDeals.map { $0.open.map(Deal.init) },
                pipelineMovement: r.pipelineMovement.map(Movement.init),
                restOfYearQuestion: r.position == .atPlan ? "close_the_year_at_plan" : "get_to_plan",
                canary: r.canary.map(Canary.init),
                pathToPlan: (r.pathToPlan?.steps ?? []).map(PathStep.init),
                cause: Cause(r.cause),
                sources: r.sources.map { s in Source(s, revision: r.revision, calendar: calendar) },
                unassigned: Unassigned(r.unassigned), kpis: r.kpis.map(KPI.init),
                objectives: r.objectives.map(Initiative.init), actions: r.actions.map(Initiative.init),
                working: r.working.map(Scored.init), stop: r.stop.map(Scored.init),
                marketShifts: r.shifts.map { Shift($0, calendar: calendar) }, variances: r.variances.map(Variance.init),
                focusAreas: r.focusAreas.map { Focus($0, say: say) }, theOne: TheOne(r, say: say),
                dataTheOne: r.theOne.map { Focus($0, say: say) }, focusComparison: FocusComparison(r.focusComparison),
                midyear: Midyear(r.region.midyear), owed: r.owed.map { Owed($0, say: say) }, owners: r.owners.map(Owner.init),
                lossReasons: r.lossReasons.map { LossReason(reason: Narrative.lossReason($0.reason), lostDeals: $0.lostDeals, lostValue: Cents($0.lostValue)) },
                funnel: r.funnel.map(Funnel.init), revision: r.revision.map(Revision.init),
                planFindings: r.findings.map { Finding(finding: $0, region: r.region, say: say) },
                rollup: RollupJSON.Region(rollup))
            parts = Parts(a: head, b: Board(r.board), c: tail)
        }

        func encode(to encoder: any Encoder) throws { try parts.encode(to: encoder) }
    }

    /// A count of deals, their amount, and how many of them have none (SPEC §13.6).
    struct Deals: Encodable {
        var deals: Int
        var amount: Cents?
        var unvaluedDeals: Int
        enum CodingKeys: String, CodingKey { case deals, amount, unvaluedDeals = "unvalued_deals" }
    }

    /// Open deals closing in the rest of the year by stage, and the stale ones (SPEC §15.2);
    /// none without a deal export's stage column.
    struct Pipeline: Encodable {
        struct Stage: Encodable {
            var stage: String
            var deals: Int
            /// Null when every deal of the stage has no amount (unknown is not zero, SPEC §13.6).
            var amount: Cents?
            var unvaluedDeals: Int
            var medianAgeDays: Double?
            var oldestAgeDays: Int?
            enum CodingKeys: String, CodingKey {
                case stage, deals, amount, unvaluedDeals = "unvalued_deals", medianAgeDays = "median_age_days", oldestAgeDays = "oldest_age_days"
            }
        }
        var stages: [Stage]
        var stale: Deals

        init?(_ p: GutcheckCore.Pipeline) {
            guard let stale = p.stale else { return nil }
            stages = p.stages.map { s in
                Stage(stage: s.name, deals: s.deals, amount: s.deals > 0 && s.unvalued == s.deals ? nil : Cents(s.amount), unvaluedDeals: s.unvalued,
                      medianAgeDays: number(s.medianAgeDays), oldestAgeDays: s.oldestAgeDays)
            }
            self.stale = Deals(deals: stale.count, amount: stale.count > 0 && stale.unvalued == stale.count ? nil : Cents(stale.amount),
                               unvaluedDeals: stale.unvalued)
        }
    }

    /// A deal of the lists behind the gap (SPEC §15.4).
    struct Deal: Encodable {
        var id: String?
        var date: Day
        var owner: String?
        var source: GutcheckCore.Source.ID?
        var amount: Cents?
        var detail: String?

        init(_ d: GutcheckCore.Deal) {
            id = d.id
            date = d.date
            owner = d.owner
            source = d.source
            amount = Cents(d.amount)
            detail = d.detail
        }
    }

    /// How the pipeline moved since the earlier snapshot (SPEC §15.3): each step's deals and
    /// amount, in the waterfall's order.
    struct Movement: Encodable {
        var movement: PipelineMovement

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: AnyKey.self)
            try c.encode(movement.from, forKey: AnyKey("from"))
            try c.encode(movement.to, forKey: AnyKey("to"))
            for kind in PipelineMovement.Kind.allCases {
                let s = movement[kind]
                try c.encode(Deals(deals: s.deals, amount: Cents(s.amount), unvaluedDeals: s.unvalued), forKey: AnyKey(kind.rawValue))
            }
            try c.encode(movement.withoutId, forKey: AnyKey("open_deals_without_id"))
        }
    }

    struct Canary: Encodable {
        struct Need: Encodable {
            var leadsPerMonth, expectedLeadsRestOfYear: Double?
            var dealSize, revenueNeeded: Cents?
            var achievedLeadToClose: Double?
            enum CodingKeys: String, CodingKey {
                case leadsPerMonth = "leads_per_month", expectedLeadsRestOfYear = "expected_leads_rest_of_year", dealSize = "deal_size"
                case revenueNeeded = "revenue_needed", achievedLeadToClose = "achieved_lead_to_close"
            }
        }
        var kpi: GutcheckCore.KPI.ID
        var target, actual: Double?
        var statusToDate: Status?
        var neededRestOfYear: Double?
        var statusRestOfYear, state: Status?
        var sounds: Bool
        var leadFlowBasis: FunnelNeed.LeadFlowBasis?
        var restOfYear: Need?
        enum CodingKeys: String, CodingKey {
            case kpi, target, actual, statusToDate = "status_to_date", neededRestOfYear = "needed_rest_of_year"
            case statusRestOfYear = "status_rest_of_year", state, sounds, leadFlowBasis = "lead_flow_basis", restOfYear = "rest_of_year"
        }

        init(_ c: GutcheckCore.Canary) {
            kpi = c.kpi.kpi.id
            target = number(c.target)
            actual = number(c.actual)
            statusToDate = c.statusToDate
            neededRestOfYear = number(c.neededRestOfYear)
            statusRestOfYear = c.statusRestOfYear
            state = c.state
            sounds = c.sounds
            leadFlowBasis = c.need?.leadFlowBasis
            restOfYear = c.need.map { n in
                Need(leadsPerMonth: number(n.leadsPerMonth), expectedLeadsRestOfYear: number(n.expectedLeads), dealSize: Cents(n.dealSize),
                     revenueNeeded: Cents(n.revenueNeeded), achievedLeadToClose: number(n.achieved))
            }
        }
    }

    struct PathStep: Encodable {
        var factor: String
        var needed, soFar: Quantity
        enum CodingKeys: String, CodingKey { case factor, needed, soFar = "so_far" }

        init(_ step: PathToPlan.Step) {
            let money = step.factor == .dealSize
            factor = step.factor.rawValue
            needed = Quantity(step.needed, money: money)
            soFar = Quantity(step.soFar, money: money)
        }
    }

    /// What the verdict rests on (SPEC §13.3); none where no part is negative.
    struct Cause: Encodable {
        struct SourcePart: Encodable {
            var id: String
            var gap: Cents?
        }
        struct DriverPart: Encodable {
            var factor: String
            var effect: Cents?
        }
        var source: SourcePart?
        var driver: DriverPart?
        var unassignedGoal: Bool
        enum CodingKeys: String, CodingKey { case source, driver, unassignedGoal = "unassigned_goal" }

        init?(_ c: GutcheckCore.Cause) {
            guard c.source != nil || c.driver != nil else { return nil }
            source = c.source.map { SourcePart(id: $0.id, gap: Cents($0.gap)) }
            driver = c.driver.map { DriverPart(factor: $0.factor.key, effect: Cents($0.effect)) }
            unassignedGoal = c.isUnassignedGoal
        }
    }

    struct Source: Encodable {
        var id: GutcheckCore.Source.ID
        var name: String
        var revenue: Figure
        var profit: OmittedIfNil<Figure>
        /// The latest revision's view, for a source it revised (SPEC §11.1).
        var revision: OmittedIfNil<RevisionLine>

        init(_ s: SourceResult, revision: RevisionView?, calendar: FiscalCalendar) {
            id = s.source.id
            name = s.source.name
            revenue = Figure(s.revenue, calendar: calendar)
            profit = .init(s.profit.map { Figure($0, calendar: calendar) })
            self.revision = .init(revision.flatMap { v in v.sources.first { $0.id == s.source.id.rawValue }.map { RevisionLine($0, v.revised) } })
        }
    }

    struct KPI: Encodable {
        var id: GutcheckCore.KPI.ID
        var name, kind, unit, better: String
        var canary: Bool
        var target: Double?
        var targetToDate, actual: Quantity
        var measured: Bool
        var attainment: Double?
        var status: Status?
        var monthly: [Double?]
        enum CodingKeys: String, CodingKey {
            case id, name, kind, unit, better, canary, target, targetToDate = "target_to_date", actual, measured, attainment, status, monthly
        }

        init(_ k: KPIResult) {
            let money = k.kpi.unit == .currency
            id = k.kpi.id
            name = k.kpi.name
            kind = k.kind.rawValue
            unit = k.kpi.unit.rawValue
            better = k.kpi.better.rawValue
            canary = k.kpi.canary
            target = number(k.kpi.target)
            targetToDate = Quantity(k.targetToDate, money: money)
            actual = Quantity(k.actual, money: money)
            measured = k.isMeasured
            attainment = k.attainment
            status = k.status
            monthly = k.monthly.map(number)
        }
    }

    struct Initiative: Encodable {
        struct CostToDate: Encodable {
            var basis: String
            var amount: Cents?
        }
        var id, name: String
        var owner, metric: String?
        var source: GutcheckCore.Source.ID?
        var target: Quantity
        var start, due: Day?
        var cost: Cents?
        var costToDate: CostToDate?
        var targetToDate, actual: Quantity
        var attainment: Double?
        var status: Status?
        var costPerResult: Cents?
        var notMeasured: String?
        enum CodingKeys: String, CodingKey {
            case id, name, owner, metric, source, target, start, due, cost, costToDate = "cost_to_date", targetToDate = "target_to_date"
            case actual, attainment, status, costPerResult = "cost_per_result", notMeasured = "not_measured"
        }

        init(_ i: GutcheckCore.Initiative) {
            id = i.id
            name = i.name
            owner = i.owner
            metric = i.metric
            source = i.source
            target = Quantity(i.target, money: i.isMoney)
            start = i.start
            due = i.due
            cost = Cents(i.cost)
            switch i.costToDate {
            case .spent(let d)?: costToDate = CostToDate(basis: "spent", amount: Cents(d))
            case .budgetProRata(let d)?: costToDate = CostToDate(basis: "budget_pro_rata", amount: Cents(d))
            case nil: costToDate = nil
            }
            targetToDate = Quantity(i.targetToDate, money: i.isMoney)
            actual = Quantity(i.actual, money: i.isMoney)
            attainment = i.attainment
            status = i.status
            costPerResult = Cents(i.costPerResult)
            switch i.unmeasured {
            case .noMetric?: notMeasured = "no metric"
            case .noTarget?: notMeasured = "no target"
            case .metricNotInResults(let m)?: notMeasured = "no results row carries \(m)"
            case .periodOutsideYear?: notMeasured = "its period lies outside the fiscal year"
            case nil: notMeasured = nil
            }
        }
    }

    /// A line of Q5 or Q6 (SPEC §9.2).
    struct Scored: Encodable {
        var kind, id: String
        var attainment: Double?
        var gap: Quantity
        var cost: Cents?
        var costBasis: String?
        var costPerResult: Cents?
        var notMeasured: Bool
        var sourceBehind: GutcheckCore.Source.ID?
        enum CodingKeys: String, CodingKey {
            case kind, id, attainment, gap, cost, costBasis = "cost_basis", costPerResult = "cost_per_result", notMeasured = "not_measured"
            case sourceBehind = "source_behind"
        }

        init(_ s: GutcheckCore.Scored) {
            let i = s.initiative
            kind = s.kind.rawValue
            id = s.id
            attainment = s.attainment
            gap = Quantity(s.gap, money: s.isMoney)
            cost = Cents(i?.costToDate?.amount)
            costBasis = i?.costToDate.map { if case .spent = $0 { return "spent" } else { return "budget_pro_rata" } }
            costPerResult = Cents(i?.costPerResult)
            notMeasured = s.isNotMeasured
            sourceBehind = s.sourceBehind?.source.id
        }
    }

    struct Shift: Encodable {
        struct LastYear: Encodable {
            var months: [YearMonth]
            var actual, actualNow: Cents?
            var change: Double?
            enum CodingKeys: String, CodingKey { case months, actual, actualNow = "actual_now", change }
        }
        struct Volume: Encodable {
            var earlierActual, recentActual: Cents?
            var earlierWonDeals, recentWonDeals: Double?
            enum CodingKeys: String, CodingKey {
                case earlierActual = "earlier_actual", recentActual = "recent_actual", earlierWonDeals = "earlier_won_deals"
                case recentWonDeals = "recent_won_deals"
            }
        }
        var source: GutcheckCore.Source.ID
        var direction: String
        var recentMonths, earlierMonths: [YearMonth]
        var recentAttainment, earlierAttainment, change: Double?
        var lastYear: LastYear?
        var readingsAgree: Bool?
        var readable: Bool
        var volume: Volume
        enum CodingKeys: String, CodingKey {
            case source, direction, recentMonths = "recent_months", earlierMonths = "earlier_months", recentAttainment = "recent_attainment"
            case earlierAttainment = "earlier_attainment", change, lastYear = "last_year", readingsAgree = "readings_agree", readable, volume
        }

        init(_ s: MarketShift, calendar: FiscalCalendar) {
            let m = s.momentum
            func months(_ r: Range<Int>, back: Int = 0) -> [YearMonth] { r.map { calendar.month($0).adding(months: back) } }
            source = s.source
            direction = s.direction.rawValue
            recentMonths = months(m.recentMonths)
            earlierMonths = months(m.earlierMonths)
            recentAttainment = m.recent
            earlierAttainment = m.earlier
            change = m.change
            lastYear = s.lastYear.map { y in
                LastYear(months: months(m.recentMonths, back: -12), actual: Cents(y.priorActual), actualNow: Cents(y.recentActual), change: y.change)
            }
            readingsAgree = s.readingsAgree
            readable = s.readable
            volume = Volume(earlierActual: Cents(s.volume.earlierActual), recentActual: Cents(s.volume.recentActual),
                            earlierWonDeals: number(s.volume.earlierWonDeals), recentWonDeals: number(s.volume.recentWonDeals))
        }
    }

    struct Variance: Encodable {
        var kind, id: String
        var variance: Double?
        var explanation: String?
        var needsExplanation: Bool
        enum CodingKeys: String, CodingKey { case kind, id, variance, explanation, needsExplanation = "needs_explanation" }

        init(_ v: MaterialVariance) {
            kind = v.kind.rawValue
            id = v.id
            variance = v.variance
            explanation = v.explanation
            needsExplanation = v.explanation == nil
        }
    }

    struct Focus: Encodable {
        var kind: FocusArea.Kind
        var id, title: String
        var atStake: Cents?
        var atStakeBasis: FocusArea.Basis
        var atStakeOf: Cents?
        var overlaps: [String]
        var why: String
        enum CodingKeys: String, CodingKey {
            case kind, id, title, atStake = "at_stake", atStakeBasis = "at_stake_basis", atStakeOf = "at_stake_of", overlaps, why
        }

        init(_ f: FocusArea, say: Narrative) {
            kind = f.kind
            id = f.id
            title = f.title
            atStake = Cents(f.atStake)
            atStakeBasis = f.basis
            atStakeOf = Cents(f.atStakeOf)
            overlaps = f.overlaps.map { "\($0.kind.rawValue)/\($0.id)" }
            why = say.reason(f.reason)
        }
    }

    /// The leader's pick where given (`by: "leader"`, the leader's words as its title, priced
    /// where it names a source, KPI or driver); else the data's (`by: "data"`) — SPEC §13.9.
    enum TheOne: Encodable {
        struct Leader: Encodable {
            var by = "leader"
            var kind: FocusArea.Kind?
            var id: String?
            var title: String
            var atStake: Cents?
            var atStakeBasis: FocusArea.Basis?
            var dataRank: Int?
            enum CodingKeys: String, CodingKey { case by, kind, id, title, atStake = "at_stake", atStakeBasis = "at_stake_basis", dataRank = "data_rank" }
        }
        struct By: Encodable { var by: String }
        case leader(Leader)
        case data(Focus)

        init?(_ r: RegionAnalysis, say: Narrative) {
            if let pick = r.focusComparison.theOne {
                let match = pick.match
                self = .leader(Leader(kind: match?.kind, id: match?.id, title: pick.text, atStake: match.map { Cents($0.atStake) } ?? nil,
                                      atStakeBasis: match?.basis, dataRank: pick.dataRank))
            } else if let data = r.theOne {
                self = .data(Focus(data, say: say))
            } else {
                return nil
            }
        }

        func encode(to encoder: any Encoder) throws {
            switch self {
            case .leader(let pick): try pick.encode(to: encoder)
            case .data(let focus):
                try By(by: "data").encode(to: encoder)
                try focus.encode(to: encoder)
            }
        }
    }

    struct FocusComparison: Encodable {
        struct Match: Encodable {
            var kind: FocusArea.Kind
            var id: String
        }
        struct Item: Encodable {
            var text: String
            var matches: Match?
            var dataRank: Int?
            enum CodingKeys: String, CodingKey { case text, matches, dataRank = "data_rank" }

            init(_ item: GutcheckCore.FocusComparison.LeaderItem) {
                text = item.text
                matches = item.match.map { Match(kind: $0.kind, id: $0.id) }
                dataRank = item.dataRank
            }
        }
        var leaderFocusAreas: [Item]
        var listsAgree: Bool?
        var dataOnly: [String]
        var leaderTheOne: Item?
        var theOneAgrees: Bool?
        enum CodingKeys: String, CodingKey {
            case leaderFocusAreas = "leader_focus_areas", listsAgree = "lists_agree", dataOnly = "data_only", leaderTheOne = "leader_the_one"
            case theOneAgrees = "the_one_agrees"
        }

        init(_ c: GutcheckCore.FocusComparison) {
            leaderFocusAreas = c.leaderFocusAreas.map(Item.init)
            listsAgree = c.leaderFocusAreas.isEmpty ? nil : c.listsAgree
            dataOnly = c.dataOnly.map(\.id)
            leaderTheOne = c.theOne.map(Item.init)
            theOneAgrees = c.theOneAgrees
        }
    }

    /// The leader's own answers, as the plan gives them.
    struct Midyear: Encodable {
        var working, stop, learned, kpis, marketShifts, focusAreas: [String]
        var theOne: String?
        var changes: [String]
        var explanations: KeyedList<String>
        enum CodingKeys: String, CodingKey {
            case working, stop, learned, kpis, marketShifts = "market_shifts", focusAreas = "focus_areas", theOne = "the_one", changes
            case explanations
        }

        init(_ m: GutcheckCore.Midyear) {
            working = m.working
            stop = m.stop
            learned = m.learned
            kpis = m.kpis
            marketShifts = m.marketShifts
            focusAreas = m.focusAreas
            theOne = m.theOne
            changes = m.changes
            explanations = KeyedList(sorting: m.explanations)
        }
    }

    /// Who owes what (SPEC §11.3): `owner` null for the region's unnamed leader.
    struct Owed: Encodable {
        var owner: String?
        var kind: GutcheckCore.Owed.Kind
        var id: String
        var status: Status?
        var owes, text: String

        init(_ o: GutcheckCore.Owed, say: Narrative) {
            owner = o.owner
            kind = o.kind
            id = o.id
            status = o.status
            owes = Narrative.owesCode(o.owes)
            text = "\(say.commitment(o)): \(Narrative.owes(o.owes))"
        }
    }

    /// A deal owner's year to date (SPEC §11.3); quota figures null for an owner not in `team:`.
    struct Owner: Encodable {
        var name: String
        var wonRevenue: Cents?
        var wonDeals, lostDeals: Int
        var winRate: Double?
        var dealSize, quota, quotaToDate: Cents?
        var attainment: Double?
        var status: Status?
        enum CodingKeys: String, CodingKey {
            case name, wonRevenue = "won_revenue", wonDeals = "won_deals", lostDeals = "lost_deals", winRate = "win_rate", dealSize = "deal_size"
            case quota, quotaToDate = "quota_to_date", attainment, status
        }

        init(_ o: OwnerFigures) {
            name = Narrative.owner(o.name)
            wonRevenue = Cents(o.wonRevenue)
            wonDeals = o.wonDeals
            lostDeals = o.lostDeals
            winRate = o.winRate
            dealSize = Cents(o.dealSize)
            quota = Cents(o.quota)
            quotaToDate = Cents(o.quotaToDate)
            attainment = o.attainment
            status = o.status
        }
    }

    struct LossReason: Encodable {
        var reason: String
        var lostDeals: Int
        var lostValue: Cents?
        enum CodingKeys: String, CodingKey { case reason, lostDeals = "lost_deals", lostValue = "lost_value" }
    }

    /// The declared funnel (SPEC §11.4): stages, the weakest step, and the split of the gap
    /// over every stage (effects to the cent, adding up to the gap); `drivers_note` says why
    /// the split is not computable.
    struct Funnel: Encodable {
        struct Stage: Encodable {
            var metric: String
            var count, conversion, target: Double?
        }
        struct Factor: Encodable {
            var factor: String
            var plan, actual: Double?
            var effect: Cents?
        }
        var stages: [Stage]
        var weakest: String?
        var drivers: [Factor]
        var driversNote: String?
        enum CodingKeys: String, CodingKey { case stages, weakest, drivers, driversNote = "drivers_note" }

        init(_ f: FunnelSplit) {
            stages = f.stages.map { Stage(metric: $0.metric, count: number($0.count), conversion: number($0.conversion), target: number($0.target)) }
            weakest = f.weakest
            switch f.factors {
            case .success(let factors):
                let cents = f.effectsInCents
                drivers = factors.enumerated().map { i, x in Factor(factor: x.driver.key, plan: x.plan, actual: x.actual, effect: Cents(cents[i])) }
                driversNote = nil
            case .failure(let why):
                drivers = []
                driversNote = "not computable: \(Narrative.funnelNote(why))"
            }
        }
    }

    /// The latest revision's view (SPEC §11.1): exactly the keys the spec names.
    struct RevisionLine: Encodable {
        var id: String
        var date: Day
        var goal, planSince, actualSince: Cents?
        var attainmentSince: Double?
        var gapSince: Cents?
        var statusSince: Status?
        enum CodingKeys: String, CodingKey {
            case id, date, goal, planSince = "plan_since", actualSince = "actual_since", attainmentSince = "attainment_since"
            case gapSince = "gap_since", statusSince = "status_since"
        }

        init(_ line: RevisionView.Line, _ revised: RevisedPlan) {
            id = revised.id
            date = revised.date
            goal = Cents(line.goal)
            planSince = Cents(line.planSince)
            actualSince = Cents(line.actualSince)
            attainmentSince = line.attainmentSince
            gapSince = Cents(line.gapSince)
            statusSince = line.statusSince
        }
    }

    /// The region's revision: its revenue line, the outlook and the coverage since.
    struct Revision: Encodable {
        struct Since: Encodable {
            var outlook: String?
            var pipelineCoverage: Double?
            enum CodingKeys: String, CodingKey { case outlook, pipelineCoverage = "pipeline_coverage" }
        }
        var parts: Parts<RevisionLine, Since, None>

        init(_ v: RevisionView) {
            parts = Parts(a: RevisionLine(v.revenue, v.revised), b: Since(outlook: v.outlook?.rawValue, pipelineCoverage: v.pipelineCoverage), c: None())
        }

        func encode(to encoder: any Encoder) throws { try parts.encode(to: encoder) }
    }

    /// A diagnostic in the one shape `check --format json` and `plan_findings` share.
    struct Finding: Codable {
        var severity: String
        var kind, region: String?
        var message: String
        var text, file: String?
        var line, column: Int?

        init(_ d: Diagnostic, kind: String?, region: String?, text: String?) {
            severity = d.severity.rawValue
            self.kind = kind
            self.region = region
            message = d.message
            self.text = text
            file = d.location?.file
            line = d.location?.line
            column = d.location?.column
        }

        init(finding f: PlanFinding, region: GutcheckCore.Region, say: Narrative) {
            self.init(say.diagnostic(f, region: region), kind: findingKind(f.kind), region: f.region.rawValue,
                      text: say.finding(f, region: region, forCheck: false))
        }
    }
}
