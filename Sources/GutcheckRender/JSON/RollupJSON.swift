import Foundation
import GutcheckCore

/// The `rollup` blocks of summary.json: the roll-up's inputs at full precision, so
/// `gutcheck rollup` can sum shard summaries into exactly the totals of a single run (the
/// figures above them are rounded to the cent, and sums of rounded figures drift).
/// Decimals are JSON strings (`ExactDecimal`) so no JSON reader turns them into binary
/// floating point. The same models write the blocks and read them back.
enum RollupJSON {
    static let note = "Full-precision inputs for gutcheck rollup; use the rounded figures for anything else."

    /// The company's block: the thresholds and the plan's regions, in plan order.
    struct Company: Codable {
        struct Thresholds: Codable {
            var onTrack, atRisk, shift: ExactDecimal
            enum CodingKeys: String, CodingKey { case onTrack = "on_track", atRisk = "at_risk", shift }
        }
        var note = RollupJSON.note
        var thresholds: Thresholds
        var planRegions: [GutcheckCore.Region.ID]
        enum CodingKeys: String, CodingKey { case note, thresholds, planRegions = "plan_regions" }

        init(_ rollup: Rollup, planRegions: [GutcheckCore.Region.ID]) {
            let t = rollup.thresholds
            thresholds = .init(onTrack: .init(t.onTrack), atRisk: .init(t.atRisk), shift: .init(t.shift))
            self.planRegions = planRegions
        }

        var planThresholds: GutcheckCore.Thresholds {
            var t = GutcheckCore.Thresholds()
            t.onTrack = thresholds.onTrack.value
            t.atRisk = thresholds.atRisk.value
            t.shift = thresholds.shift.value
            return t
        }
    }

    /// A figure's inputs: the goal, the plan to date, the months and what its forecast needs.
    struct Figure: Codable {
        struct Tested: Codable {
            var method: GutcheckCore.Figure.Forecast.Method
            var errorMax: ExactDecimal
            var years: [Int]
            var yearsBack: [Int]
            var meanErrors: KeyedList<ExactDecimal>
            enum CodingKeys: String, CodingKey { case method, errorMax = "error_max", years, yearsBack = "years_back", meanErrors = "mean_errors" }
        }
        var goal: ExactDecimal
        var planToDate: ExactDecimal
        var monthlyPlan: [ExactDecimal]
        var monthlyActual: [ExactDecimal?]
        var monthlyPrior: [ExactDecimal?]
        var pipelineExpected: ExactDecimal?
        var measured: Bool
        /// Written only for a figure with no plan behind it.
        var planned: OmittedIfNil<Bool>
        var monthlyEarlier: OmittedIfNil<[[ExactDecimal?]]>
        var seasonalCompany: OmittedIfNil<ExactDecimal>
        var tested: OmittedIfNil<Tested>
        enum CodingKeys: String, CodingKey {
            case goal, planToDate = "plan_to_date", monthlyPlan = "monthly_plan", monthlyActual = "monthly_actual"
            case monthlyPrior = "monthly_prior", pipelineExpected = "pipeline_expected", measured, planned
            case monthlyEarlier = "monthly_earlier", seasonalCompany = "seasonal_company", tested
        }

        init(_ f: GutcheckCore.Figure) {
            goal = .init(f.goal)
            planToDate = .init(f.planToDate)
            monthlyPlan = f.monthlyPlan.map(ExactDecimal.init)
            monthlyActual = f.monthlyActual.map(ExactDecimal.init)
            monthlyPrior = f.monthlyPrior.map(ExactDecimal.init)
            pipelineExpected = ExactDecimal(f.pipelineExpected)
            measured = f.isMeasured
            planned = .init(f.isPlanned ? nil : false)
            monthlyEarlier = .init(f.monthlyEarlier.isEmpty ? nil : f.monthlyEarlier.map { $0.map(ExactDecimal.init) })
            seasonalCompany = .init(ExactDecimal(f.forecast.seasonalCompany))
            tested = .init(f.forecast.tested.map { t in
                Tested(method: t.method, errorMax: .init(t.errorMax), years: t.years, yearsBack: t.yearsBack,
                       meanErrors: KeyedList(t.meanErrors.map { ($0.method.rawValue, ExactDecimal($0.error)) }))
            })
        }

        /// The figure again, on the run's calendar and thresholds.
        func figure(calendar: FiscalCalendar, thresholds: Thresholds, at path: String) throws(JSONModel.Damaged) -> GutcheckCore.Figure {
            for (key, months) in [("monthly_plan", monthlyPlan.count), ("monthly_actual", monthlyActual.count), ("monthly_prior", monthlyPrior.count)]
            where months != 12 {
                throw JSONModel.Damaged(path: "\(path).\(key)")
            }
            var figure = GutcheckCore.Figure(goal: goal.value, planToDate: planToDate.value, monthlyPlan: monthlyPlan.map(\.value),
                                             monthlyActual: monthlyActual.map { $0?.value }, monthlyPrior: monthlyPrior.map { $0?.value },
                                             calendar: calendar, thresholds: thresholds)
            figure.addPipeline(expected: pipelineExpected?.value)
            if let years = monthlyEarlier.value {
                for (i, year) in years.enumerated() where year.count != 12 { throw JSONModel.Damaged(path: "\(path).monthly_earlier[\(i)]") }
                figure.monthlyEarlier = years.map { $0.map { $0?.value } }
            }
            figure.forecast.seasonalCompany = seasonalCompany.value?.value
            if let t = tested.value {
                var meanErrors: [GutcheckCore.Figure.Forecast.MeanError] = []
                for (key, error) in t.meanErrors.pairs {
                    guard let method = GutcheckCore.Figure.Forecast.Method(rawValue: key) else { throw JSONModel.Damaged(path: "\(path).tested.mean_errors") }
                    meanErrors.append(.init(method: method, error: error.value))
                }
                figure.forecast.tested = .init(method: t.method, errorMax: t.errorMax.value, years: t.years, yearsBack: t.yearsBack,
                                               meanErrors: meanErrors)
            }
            if !measured { figure.markNotMeasured() }
            if planned.value == false { figure.markNotPlanned() }
            return figure
        }
    }

    struct Canary: Codable {
        var name: String
        var unit: KPI.Unit
        var actual, target: ExactDecimal?
        var statusToDate: Status?
        var needed, achieved: ExactDecimal?
        var statusRestOfYear: Status?
        var state: Status?
        var sounds: Bool
        var leadFlowBasis: FunnelNeed.LeadFlowBasis?
        enum CodingKeys: String, CodingKey {
            case name, unit, actual, target, statusToDate = "status_to_date", needed, achieved
            case statusRestOfYear = "status_rest_of_year", state, sounds, leadFlowBasis = "lead_flow_basis"
        }
    }

    struct Focus: Codable {
        var kind: FocusArea.Kind
        var id: String
        var title: String
        var atStake: ExactDecimal
        var basis: FocusArea.Basis
        enum CodingKeys: String, CodingKey { case kind, id, title, atStake = "at_stake", basis }
    }

    struct Source: Codable {
        var id: GutcheckCore.Source.ID
        var name: String
        var revenue: Figure
    }

    struct Cause: Codable {
        struct SourcePart: Codable {
            var id: String
            var gap: ExactDecimal
        }
        struct DriverPart: Codable {
            var factor: String
            var effect: ExactDecimal
        }
        var source: SourcePart?
        var driver: DriverPart?
        var unassignedGoal: Bool
        enum CodingKeys: String, CodingKey { case source, driver, unassignedGoal = "unassigned_goal" }

        init(_ c: GutcheckCore.Cause) {
            source = c.source.map { .init(id: $0.id, gap: .init($0.gap)) }
            driver = c.driver.map { .init(factor: $0.factor.key, effect: .init($0.effect)) }
            unassignedGoal = c.isUnassignedGoal
        }

        var cause: GutcheckCore.Cause {
            GutcheckCore.Cause(source: source.map { .init(id: $0.id, gap: $0.gap.value) },
                               driver: driver.map { .init(factor: Driver(key: $0.factor), effect: $0.effect.value) }, isUnassignedGoal: unassignedGoal)
        }
    }

    struct Owed: Codable {
        /// What is owed: its code, and the variance or the questions it concerns.
        struct Owes: Codable {
            var kind: String
            var variance: OmittedIfNil<Double>
            var questions: OmittedIfNil<[Int]>
            var changes: OmittedIfNil<Bool>
        }
        var owner: String?
        var kind: GutcheckCore.Owed.Kind
        var id: String
        var title: String
        var target: ExactDecimal?
        var due: Day?
        var status: Status?
        var owes: Owes

        init(_ o: GutcheckCore.Owed) {
            owner = o.owner
            kind = o.kind
            id = o.id
            title = Narrative.commitmentName(o)
            target = ExactDecimal(o.target)
            due = o.due
            status = o.status
            var owes = Owes(kind: Narrative.owesCode(o.owes), variance: .init(nil), questions: .init(nil), changes: .init(nil))
            switch o.owes {
            case .explanation(let v): owes.variance = .init(v)
            case .answers(let questions, let changes):
                owes.questions = .init(questions)
                owes.changes = .init(changes)
            case .recovery, .measure: break
            }
            self.owes = owes
        }

        func owed(at path: String) throws(JSONModel.Damaged) -> GutcheckCore.Owed {
            let what: GutcheckCore.Owed.Owes
            switch owes.kind {
            case "recovery": what = .recovery
            case "measure": what = .measure
            case "explanation":
                guard let v = owes.variance.value else { throw JSONModel.Damaged(path: "\(path).owes.variance") }
                what = .explanation(variance: v)
            case "answers":
                guard let questions = owes.questions.value, let changes = owes.changes.value else { throw JSONModel.Damaged(path: "\(path).owes") }
                what = .answers(questions: questions, changes: changes)
            default: throw JSONModel.Damaged(path: "\(path).owes.kind")
            }
            // The questions' title is the narrative's, named again on the way out.
            return GutcheckCore.Owed(owner: owner, kind: kind, id: id, name: kind == .question ? nil : title, target: target?.value, due: due,
                                     status: status, owes: what)
        }
    }

    struct Revision: Codable {
        var id: String
        var date: Day
        var goal, originalGoal, planSince, actualSince: ExactDecimal
        var statusSince: Status?
        enum CodingKeys: String, CodingKey {
            case id, date, goal, originalGoal = "original_goal", planSince = "plan_since", actualSince = "actual_since", statusSince = "status_since"
        }
    }

    /// Closed to date and each forecast category's open deals (SPEC §15.1).
    struct Categories: Codable {
        struct Part: Codable {
            var deals: Int
            var amount: ExactDecimal
        }
        var goal: ExactDecimal
        var closed: ExactDecimal
        var open: [ForecastCategory: Part]

        init(_ c: GutcheckCore.Categories) {
            goal = .init(c.goal)
            closed = .init(c.closed)
            open = Dictionary(uniqueKeysWithValues: ForecastCategory.allCases.map { ($0, Part(deals: c.deals($0), amount: .init(c.amount($0)))) })
        }

        // The categories' keys follow `ForecastCategory`'s order, after the goal and closed.
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: AnyKey.self)
            try c.encode(goal, forKey: AnyKey("goal"))
            try c.encode(closed, forKey: AnyKey("closed"))
            for k in ForecastCategory.allCases { try c.encode(open[k], forKey: AnyKey(k.rawValue)) }
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            goal = try c.decode(ExactDecimal.self, forKey: AnyKey("goal"))
            closed = try c.decode(ExactDecimal.self, forKey: AnyKey("closed"))
            var open: [ForecastCategory: Part] = [:]
            for k in ForecastCategory.allCases { open[k] = try c.decode(Part.self, forKey: AnyKey(k.rawValue)) }
            self.open = open
        }

        var categories: GutcheckCore.Categories {
            GutcheckCore.Categories(goal: goal.value, closed: closed.value,
                                    open: open.mapValues { Actuals.OpenDeals(count: $0.deals, amount: $0.amount.value) })
        }
    }

    /// A region's block.
    struct Region: Codable {
        var revenue: Figure
        var profit: Figure
        var canary: Canary?
        var focus: [Focus]
        var leaderFocusAreas: [String]
        var leaderTheOne: String?
        var theOneAgrees: Bool?
        var sources: [Source]
        var openPipeline: ExactDecimal?
        var openDeals: Int?
        var unvaluedOpenDeals: Int
        var cause: Cause
        var owed: [Owed]
        var revision: Revision?
        /// Only for a region in another currency, so single-currency reports keep their bytes.
        var currency: OmittedIfNil<String>
        var fxRate: OmittedIfNil<ExactDecimal>
        /// Only with a forecast category column, so reports without one keep their bytes.
        var categories: OmittedIfNil<Categories>
        enum CodingKeys: String, CodingKey {
            case revenue, profit, canary, focus, leaderFocusAreas = "leader_focus_areas", leaderTheOne = "leader_the_one"
            case theOneAgrees = "the_one_agrees", sources, openPipeline = "open_pipeline", openDeals = "open_deals"
            case unvaluedOpenDeals = "unvalued_open_deals", cause, owed, revision, currency, fxRate = "fx_rate", categories
        }

        init(_ r: RollupRegion) {
            revenue = Figure(r.revenue)
            profit = Figure(r.profit)
            canary = r.canary.map { c in
                Canary(name: c.name, unit: c.unit, actual: ExactDecimal(c.actual), target: ExactDecimal(c.target), statusToDate: c.statusToDate,
                       needed: ExactDecimal(c.needed), achieved: ExactDecimal(c.achieved), statusRestOfYear: c.statusRestOfYear,
                       state: c.state, sounds: c.sounds, leadFlowBasis: c.leadFlowBasis)
            }
            focus = r.focus.map { Focus(kind: $0.key.kind, id: $0.key.id, title: $0.title, atStake: .init($0.atStake), basis: $0.basis) }
            leaderFocusAreas = r.leaderFocusAreas
            leaderTheOne = r.leaderTheOne
            theOneAgrees = r.theOneAgrees
            sources = r.sources.map { Source(id: $0.id, name: $0.name, revenue: Figure($0.revenue)) }
            openPipeline = ExactDecimal(r.openPipeline)
            openDeals = r.openDeals
            unvaluedOpenDeals = r.unvaluedOpenDeals
            cause = Cause(r.cause)
            owed = r.owed.map(Owed.init)
            revision = r.revision.map { v in
                Revision(id: v.id, date: v.date, goal: .init(v.goal), originalGoal: .init(v.originalGoal), planSince: .init(v.planSince),
                         actualSince: .init(v.actualSince), statusSince: v.statusSince)
            }
            currency = .init(r.currency?.code)
            fxRate = .init(r.currency == nil ? nil : ExactDecimal(r.rate))
            categories = .init(r.categories.map(Categories.init))
        }

        /// The roll-up's region again, with the parts of its summary object outside the block.
        func rollupRegion(id: GutcheckCore.Region.ID, name: String, leader: String?, calendar: FiscalCalendar,
                          thresholds: Thresholds, at path: String) throws(JSONModel.Damaged) -> RollupRegion {
            var sources: [RollupRegion.Source] = []
            for (i, s) in self.sources.enumerated() {
                sources.append(.init(id: s.id, name: s.name, revenue: try s.revenue.figure(calendar: calendar, thresholds: thresholds, at: "\(path).sources[\(i)].revenue")))
            }
            var region = RollupRegion(
                id: id, name: name, leader: leader,
                revenue: try revenue.figure(calendar: calendar, thresholds: thresholds, at: "\(path).revenue"),
                profit: try profit.figure(calendar: calendar, thresholds: thresholds, at: "\(path).profit"),
                canary: canary.map { c in
                    RollupRegion.Canary(name: c.name, unit: c.unit, actual: c.actual?.value, target: c.target?.value, statusToDate: c.statusToDate,
                                        needed: c.needed?.value, achieved: c.achieved?.value, statusRestOfYear: c.statusRestOfYear,
                                        state: c.state, sounds: c.sounds, leadFlowBasis: c.leadFlowBasis)
                },
                focus: focus.map { f in
                    // The title is the plan's name only for a source or KPI; the rest the narrative names again.
                    let key = FocusArea.Key(kind: f.kind, id: f.id)
                    return .init(key: key, name: key.isNamedByPlan ? f.title : nil, atStake: f.atStake.value, basis: f.basis)
                },
                leaderFocusAreas: leaderFocusAreas, leaderTheOne: leaderTheOne, theOneAgrees: theOneAgrees, sources: sources,
                openPipeline: openPipeline?.value)
            region.cause = cause.cause
            region.categories = categories.value?.categories
            if let code = currency.value {
                guard let rate = fxRate.value else { throw JSONModel.Damaged(path: "\(path).fx_rate") }
                region.currency = Currency(code: code)
                region.rate = rate.value
            }
            region.openDeals = openDeals
            region.unvaluedOpenDeals = unvaluedOpenDeals
            for (i, o) in owed.enumerated() { region.owed.append(try o.owed(at: "\(path).owed[\(i)]")) }
            region.revision = revision.map { v in
                .init(id: v.id, date: v.date, goal: v.goal.value, originalGoal: v.originalGoal.value, planSince: v.planSince.value,
                      actualSince: v.actualSince.value, statusSince: v.statusSince)
            }
            return region
        }
    }

    static func company(_ rollup: Rollup, planRegions: [GutcheckCore.Region.ID]) -> JSONValue { JSONModel.encode(Company(rollup, planRegions: planRegions)) }

    static func region(_ r: RollupRegion) -> JSONValue { JSONModel.encode(Region(r)) }
}
