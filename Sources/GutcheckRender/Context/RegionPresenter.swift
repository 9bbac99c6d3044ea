import Foundation
import GutcheckCore

/// A region report's view model (the template context, documented in docs/templates.md):
/// figures formatted, sentences from the narrative layer, user text left raw for the
/// template to escape. It decides no verdict of its own: every judgment comes from the
/// analysis.
struct RegionPage: TemplateModel {
    struct Headline: TemplateModel {
        var status: String
        var text: String
        /// Pipeline coverage, growth and margin, when any is known.
        var board: String?
    }

    struct GoalRow: TemplateModel { var goal, target, objectives, actions: String }

    /// The latest revision's view (SPEC §11.1).
    struct RevisionRow: TemplateModel { var name, goal, original, planSince, actualSince, attainment, status: String }

    struct RevisionBlock: TemplateModel {
        var text: String
        var rows: [RevisionRow]
        var anySources: Bool
        /// Revised or added objectives and actions, in words.
        var initiatives: [String]
        var changes: [String]
        var anyChanges: Bool
        var heading: String
    }

    /// A deal owner's row (SPEC §11.3).
    struct OwnerRow: TemplateModel { var name, won, wonDeals, lostDeals, winRate, dealSize, quotaToDate, attainment: String }

    struct Owners: TemplateModel {
        var any: Bool
        var rows: [OwnerRow]
        /// Whether the team lists quotas (the quota columns are shown).
        var quotas: Bool
    }

    /// Why buyers don't buy (SPEC §11.4): lost deals by reason.
    struct LossRow: TemplateModel { var reason, deals, value, share: String }

    struct Losses: TemplateModel {
        var any: Bool
        var rows: [LossRow]
        var total: String
        var more: String?
    }

    /// The declared funnel stage by stage, and where leads die (SPEC §11.4).
    struct FunnelStageRow: TemplateModel { var stage, count, conversion, target, mark: String }

    struct FunnelView: TemplateModel {
        var rows: [FunnelStageRow]
        var weakest: String?
    }

    /// One of the goal's three elements (SPEC §11.5) with the objectives that serve it.
    struct Element: TemplateModel {
        var title: String
        /// The goal as the plan states it; nil when it states none.
        var stated: String?
        var objectives: [ObjectiveRow]
        /// Why nothing is listed under it, when nothing is.
        var empty: String?
    }

    struct ActionRow: TemplateModel {
        var name: String
        var owner: String?
        var cost: String?
        var measure: String?
    }

    struct ObjectiveRow: TemplateModel {
        var statement: String
        var goal: String
        var measure: String?
        var actions: [ActionRow]
    }

    struct GoalsMoney: TemplateModel {
        var revenue, profit, margin, firstHalfShare, firstHalf, secondHalfShare, secondHalf: String
        var profitPlanned: Bool
    }

    struct SourceGoalRow: TemplateModel {
        var name, revenue, share, profit: String
        var unassigned: Bool
    }

    struct SourceGoals: TemplateModel {
        var any: Bool
        var rows: [SourceGoalRow]
        var total, totalShare, totalProfit: String
        var mismatch: String?
    }

    struct FigureRow: TemplateModel {
        var name, plan, actual, attainment, gap, status: String
        var strong: Bool
        var unassigned: Bool
    }

    struct BySource: TemplateModel {
        var any: Bool
        var rows: [FigureRow]
        var total: FigureRow
        /// What the part in no source means for the gap, when there is one.
        var unassignedNote: String?
    }

    struct Forecast: TemplateModel {
        var call: String
        var methods: String?
        var required: String?
    }

    struct Line: TemplateModel { var text: String }

    /// What each driver must do for the rest of the year to reach the goal (SPEC §15.5).
    struct PathRow: TemplateModel { var driver, needed, soFar: String }

    struct PathToPlan: TemplateModel {
        var text: String
        var rows: [PathRow]
    }

    /// The deals behind the gap (SPEC §15.4).
    struct DealRow: TemplateModel { var id, date, owner, source, amount, detail: String }

    struct DealList: TemplateModel {
        var any: Bool
        var rows: [DealRow]
    }

    struct DealLists: TemplateModel {
        var lost: DealList
        var open: DealList
        /// "the deals behind the gap" where revenue is behind plan, else "the largest deals".
        var heading: String
        /// Which columns the export maps.
        var ids, owners, reasons: Bool
    }

    /// Closed, commit, best case, pipeline against the goal (SPEC §15.1).
    struct CategoryRow: TemplateModel { var category, deals, amount, running, ofGoal: String }

    struct CategoriesView: TemplateModel {
        var text: String
        var rows: [CategoryRow]
    }

    /// Open deals closing by year end, by stage, and the stale ones (SPEC §15.2).
    struct StageRow: TemplateModel { var stage, deals, amount, share, medianAge, oldest: String }

    struct PipelineStages: TemplateModel {
        var rows: [StageRow]
        var total: StageRow
        var ages: Bool
        var stale: String?
    }

    /// The pipeline's movement since the earlier snapshot (SPEC §15.3): a row per step, to
    /// the cent, so the table adds up as printed.
    struct MovementRow: TemplateModel { var step, deals, amount: String; var end: Bool }

    struct PipelineMovementView: TemplateModel {
        var text: String
        var since: String
        var rows: [MovementRow]
    }

    struct Variance: TemplateModel {
        var name, kind, variance: String
        var explanation: String?
    }

    struct Variances: TemplateModel {
        var threshold: String
        var rows: [Variance]
    }

    struct DriverRow: TemplateModel { var name, plan, actual, effect: String }

    struct Drivers: TemplateModel {
        var rows: [DriverRow]
        var gap: String
    }

    struct GapRow: TemplateModel {
        var name, gap: String
        var share: String?
    }

    struct Learned: TemplateModel {
        var intro: String
        var drivers: Drivers?
        var driversNote: String?
        var bySource: [GapRow]
        var anyBySource: Bool
        var showShare: Bool
    }

    /// Q8's call-out: the canary's state and both readings.
    struct Canary: TemplateModel {
        var title: String
        var toDate: String
        var restOfYear: String?
    }

    struct KPIRow: TemplateModel {
        var name, target, actual, status, trend: String
        var canary: Bool
        var chart: String?
    }

    struct KPIs: TemplateModel {
        var any: Bool
        var rows: [KPIRow]
        var trendLabel: String
    }

    struct FocusRow: TemplateModel {
        var rank, title, atStake: String
        /// At stake in compact money ("$121K"), for sentences.
        var stake: String
        var why: String
        /// The higher-ranked areas whose dollars this one shares ("overlaps #1"), so a short
        /// view does not read the ranking as a sum (SPEC §13.4).
        var overlaps: String?
    }

    struct LeaderFocusRow: TemplateModel {
        var text: String
        /// Where the data ranks it: "#2 Lead volume ($180K at stake)", or why it is not ranked.
        var data: String
        /// A visible mark where the leader and the data disagree.
        var differs: Bool
    }

    struct Focus: TemplateModel {
        var question: String
        /// What the dollars at stake measure (SPEC §13.4), as the ranking's lead-in.
        var ranking: String
        var any: Bool
        var rows: [FocusRow]
        var leader: [LeaderFocusRow]?
        var hasLeader: Bool
        var agree: Bool
        var dataOnly: String?
    }

    struct TheOne: TemplateModel {
        /// The leader's pick, when given (shown first, SPEC §9.7).
        var leader: String?
        var data: FocusRow?
        /// How the leader's pick and the data's compare.
        var comparison: String?
        var differs: Bool
    }

    struct OwedRow: TemplateModel {
        var owner, commitment, status, owes: String
        /// A commitment with a status (off track); explanations and answers have none.
        var offTrack: Bool
    }

    struct Words: TemplateModel {
        var any: Bool
        var items: [String]
    }

    struct LeaderWords: TemplateModel {
        var working, stop, learned, kpis, marketShifts, focusAreas, changes: Words
    }

    var id, name, fiscalYear, cutOff, elapsed, currency, currencyName, leaderLabel, indexLink: String
    /// The leader as named mid-sentence: "the leader" where the plan names no one.
    var leaderInText: String
    var leader: String?
    var company: String?
    var noResults: Bool
    var headline: Headline
    var unanswered: String?
    var goals: [GoalRow]
    var owners: Owners
    var losses: Losses
    var revision: RevisionBlock?
    var funnel: FunnelView?
    var elements: [Element]
    /// Objectives that serve none of the three elements (e.g. profit with no goal named).
    var otherObjectives: [ObjectiveRow]
    var hasOtherObjectives: Bool
    var objectives: [ObjectiveRow]
    var looseActions: [ActionRow]
    var hasLooseActions = false
    var planCheck: [String]
    var hasPlanCheck: Bool
    var goalsMoney: GoalsMoney
    var sources: SourceGoals
    var performance: [FigureRow]
    var quarters: QuarterTable
    /// The plan's phasing beside last year's shape, where they differ (Figure.Shape).
    var shape: String?
    var bySource: BySource
    var charts: [String: String]
    var forecast: Forecast
    var categories: CategoriesView?
    var pathToPlan: PathToPlan?
    var pipelineStages: PipelineStages?
    var pipelineMovement: PipelineMovementView?
    var deals: DealLists?
    var variances: Variances?
    var working: [Line]
    var stop: [Line]
    /// What "nothing to stop" says: whether the plan lists actions, and budgets.
    var stopEmpty: String
    var atRisk: String
    var learned: Learned
    var canary: Canary?
    var kpis: KPIs
    var shifts: [Line]
    var shiftThreshold: String
    /// "April–June and January–March", the windows the market-shift signal compares.
    var shiftWindows: String?
    var focus: Focus
    var theOne: TheOne
    var words: LeaderWords
    var owed: [OwedRow]
    var hasOwed: Bool
    var hasChanges: Bool
    var dataNotes: [String] { didSet { hasDataNotes = !dataNotes.isEmpty } }
    var hasDataNotes = false
    var changes: ChangesText.Region?
}

/// Builds a region's view model from its analysis.
struct RegionPresenter {
    let analysis: RegionAnalysis
    let company: CompanyAnalysis
    let charts: [String: String]
    /// Where the roll-up is, from this page ("../index.md", "../index.html", "#summary").
    let indexLink: String

    var region: Region { analysis.region }
    var calendar: FiscalCalendar { company.calendar }
    var say: Narrative { Narrative(currency: company.plan.currency(of: region), calendar: calendar, metricNames: company.plan.metricNames) }
    var money: CurrencyFormat { say.money }

    /// `fileNotes: false` leaves out the notes on each results file (the packet states them
    /// once, in its appendix, rather than once per region).
    func page(changes: ChangesText.Region? = nil, fileNotes: Bool = true) -> RegionPage {
        let leaderLabel = Narrative.leader(region.leader)
        // Each list once: the flags below are derived from them.
        let otherObjectives = otherObjectives(), planCheck = planCheck()
        var page = RegionPage(
            id: region.id.rawValue, name: region.name, fiscalYear: String(company.plan.fiscalYear),
            cutOff: Wording.date(calendar.asOf), elapsed: Wording.months(calendar.elapsed),
            currency: company.plan.currency(of: region).code, currencyName: money.pluralName, leaderLabel: leaderLabel,
            indexLink: indexLink, leaderInText: Narrative.leader(region.leader, startsSentence: false), leader: region.leader, company: company.plan.company,
            noResults: analysis.hasNoResultsToDate, headline: headline(), unanswered: unanswered(),
            goals: goals(), owners: owners(), losses: losses(), revision: revisionBlock(), funnel: funnelView(), elements: elements(), otherObjectives: otherObjectives, hasOtherObjectives: !otherObjectives.isEmpty,
            objectives: objectives(), looseActions: looseActions(), planCheck: planCheck, hasPlanCheck: !planCheck.isEmpty,
            goalsMoney: goalsMoney(), sources: sourceGoals(), performance: performance(),
            quarters: QuarterTable(analysis.revenue, calendar: calendar),
            shape: analysis.revenue.shapeAgainstLastYear.map { say.shapeLine($0, calendar: calendar, thresholds: company.plan.thresholds) },
            bySource: bySource(),
            charts: charts, forecast: forecast(analysis.revenue), categories: categoriesView(), pathToPlan: pathToPlan(), pipelineStages: pipelineStages(), pipelineMovement: pipelineMovement(), deals: dealLists(), variances: variances(),
            working: analysis.working.map { .init(text: say.scored($0, region: region)) },
            stop: analysis.stop.map { .init(text: say.scored($0, region: region)) }, stopEmpty: stopEmpty(),
            atRisk: Percent.format(company.plan.thresholds.atRisk.double, places: 0),
            learned: learned(), canary: canaryBlock(), kpis: kpis(),
            shifts: analysis.shifts.map { .init(text: say.shift($0)) },
            shiftThreshold: Percent.format(company.plan.thresholds.shift.double, places: 0),
            shiftWindows: Momentum.windows(calendar).map { "\(Wording.months($0.recent, calendar: calendar)) and \(Wording.months($0.earlier, calendar: calendar))" },
            focus: focus(), theOne: theOne(), words: words(), owed: owed(), hasOwed: !analysis.owed.isEmpty,
            hasChanges: !region.midyear.changes.isEmpty || !(analysis.revision?.revised.changes.isEmpty ?? true),
            dataNotes: [], changes: changes)
        page.dataNotes = DataNoteText.lines(company.notes, region: analysis, files: fileNotes,
                                            naming: .fiscalYears(fiscalYear: company.plan.fiscalYear, start: company.plan.fiscalYearStart))
        page.hasLooseActions = !page.looseActions.isEmpty
        return page
    }

    func headline() -> RegionPage.Headline {
        let names = Dictionary(analysis.sources.map { ($0.source.id.rawValue, $0.source.name) }, uniquingKeysWith: { a, _ in a })
        var parts = [say.revenueLine(analysis.revenue),
                     say.causeLine(analysis.cause, revenue: analysis.revenue, unassignedGap: analysis.unassigned.gap, sourceName: { names[$0] }),
                     say.shapeHeadline(analysis.revenue, thresholds: company.plan.thresholds),
                     say.profitLine(analysis.profit), say.forecastCall(analysis.revenue)]
        if let canary = analysis.canary { parts.append(say.canary(RollupRegion.Canary(canary))) }
        if let v = analysis.revision { parts.append(say.revisionHeadline(v)) }
        parts.append(Narrative.question(analysis.position))
        let board = say.board(analysis.board, revenue: analysis.revenue)
        return .init(status: Narrative.status(analysis.revenue.status, measured: analysis.revenue.isMeasured, style: .headline),
                     text: parts.filter { !$0.isEmpty }.joined(separator: " "), board: board.isEmpty ? nil : board)
    }

    /// The questions the leader has not answered, listed once at the top (SPEC §12.4).
    func unanswered() -> String? { Narrative.unanswered(analysis.unanswered) }

    func goals() -> [RegionPage.GoalRow] {
        func counts(_ kind: Goals.Kind?) -> (String, String) {
            let objectives = region.objectives.filter { $0.goal == kind }
            return (String(objectives.count), String(objectives.reduce(0) { $0 + $1.actions.count }))
        }
        var rows: [RegionPage.GoalRow] = []
        func add(_ goal: String, _ target: String, _ kind: Goals.Kind?) {
            let n = counts(kind)
            rows.append(.init(goal: goal, target: target, objectives: n.0, actions: n.1))
        }
        add(Narrative.goalTitle(.revenue), money.whole(region.goals.revenue), .revenue)
        if region.goals.plansProfit { add(Narrative.goalTitle(.profit), money.whole(region.goals.profit), .profit) }
        if let text = region.goals.relationships { add(Narrative.goalTitle(.relationships), text, .relationships) }
        if let text = region.goals.customerSuccess { add(Narrative.goalTitle(.customerSuccess), text, .customerSuccess) }
        if region.objectives.contains(where: { $0.goal == nil }) { add(Narrative.goalTitle(nil), "—", nil) }
        return rows
    }

    func measure(_ i: Initiative) -> String? { say.measure(i, region: region, findings: analysis.findings) }

    func actionRow(_ i: Initiative) -> RegionPage.ActionRow {
        .init(name: i.name, owner: i.owner, cost: i.cost.map(money.whole), measure: measure(i))
    }

    /// Q1: relationships, the roadmap to revenue, customer success, each with its objectives.
    func elements() -> [RegionPage.Element] {
        let rows = Array(zip(region.objectives, objectives()))
        func under(_ element: Goals.Kind) -> [RegionPage.ObjectiveRow] { rows.filter { $0.0.element == element }.map(\.1) }
        let g = region.goals
        return [(g.relationships, Goals.Kind.relationships), (say.roadmap(g, sources: region.sources.count), .revenue),
                (g.customerSuccess, .customerSuccess)].map { stated, kind in
            let objectives = under(kind)
            return .init(title: Narrative.elementTitle(kind), stated: stated, objectives: objectives,
                         empty: Narrative.elementGap(stated: stated != nil, measured: !objectives.isEmpty))
        }
    }

    func revisionBlock() -> RegionPage.RevisionBlock? {
        guard let v = analysis.revision else { return nil }
        let changed = v.sources.filter { $0.goal != $0.originalGoal }
        let rows = (changed.isEmpty ? [] : v.sources).map { l in
            RegionPage.RevisionRow(name: l.name, goal: Money.plain(l.goal), original: Money.plain(l.originalGoal),
                                   planSince: Money.plain(l.planSince), actualSince: Money.plain(l.actualSince),
                                   attainment: Wording.percent(l.attainmentSince), status: Narrative.status(l.statusSince))
        }
        return .init(text: say.revisionLine(v), rows: rows, anySources: !rows.isEmpty, initiatives: say.revisedInitiatives(v.revised),
                     changes: v.revised.changes, anyChanges: !v.revised.changes.isEmpty, heading: Narrative.revisionHeading(v.revised))
    }

    func owners() -> RegionPage.Owners {
        let quotas = analysis.owners.contains { $0.quota != nil }
        let rows = analysis.owners.map { o in
            RegionPage.OwnerRow(name: Narrative.owner(o.name), won: Money.plain(o.wonRevenue), wonDeals: String(o.wonDeals), lostDeals: String(o.lostDeals),
                                winRate: Wording.percent(o.winRate), dealSize: o.dealSize.map { Money.plain($0) } ?? "—",
                                quotaToDate: o.quotaToDate.map { Money.plain($0) } ?? "—",
                                attainment: o.attainment.map { "\(Percent.format($0)) \(Narrative.status(o.status))" } ?? "—")
        }
        return .init(any: !rows.isEmpty, rows: rows, quotas: quotas)
    }

    /// The top reasons by lost value; the rest in one line.
    func losses() -> RegionPage.Losses {
        let all = analysis.lossReasons
        let total = all.reduce(Decimal(0)) { $0 + $1.lostValue }
        let shown = Array(all.prefix(6))
        let shares = Apportion.shares(all.map(\.lostValue), of: total)
        let rows = shown.enumerated().map { i, l in
            RegionPage.LossRow(reason: Narrative.lossReason(l.reason), deals: String(l.lostDeals), value: Money.plain(l.lostValue), share: Wording.percent(shares[i]))
        }
        let rest = all.dropFirst(6)
        let more = rest.isEmpty ? nil : say.moreLossReasons(Array(rest))
        return .init(any: !rows.isEmpty, rows: rows, total: Money.plain(total), more: more)
    }

    func funnelView() -> RegionPage.FunnelView? {
        guard let f = analysis.funnel else { return nil }
        let rows = f.stages.enumerated().map { i, s -> RegionPage.FunnelStageRow in
            let mark = s.metric == f.weakest ? "◀ furthest below target" : ""
            return .init(stage: say.metric(s.metric).capitalizedFirst, count: s.count.map(Wording.count) ?? "—",
                         conversion: i == 0 ? "" : s.conversion.map { Percent.format($0.double) } ?? "—",
                         target: i == 0 ? "" : s.target.map { Percent.format($0.double) } ?? "—", mark: mark)
        }
        return .init(rows: rows, weakest: say.weakestStep(f))
    }

    func otherObjectives() -> [RegionPage.ObjectiveRow] {
        zip(region.objectives, objectives()).filter { $0.0.element == nil }.map(\.1)
    }

    func objectives() -> [RegionPage.ObjectiveRow] {
        zip(region.objectives, analysis.objectives).map { model, o in
            .init(statement: o.name,
                  goal: model.goal.map(Narrative.goalName) ?? "no goal named",
                  measure: measure(o),
                  actions: analysis.actions.filter { a in model.actions.contains { $0.id == a.id } }.map(actionRow))
        }
    }

    func looseActions() -> [RegionPage.ActionRow] {
        analysis.actions.filter { i in region.actions.contains { $0.id == i.id && $0.objective == nil } }.map(actionRow)
    }

    /// The plan check in board words (no YAML keys); "no results" is the banner instead.
    func planCheck() -> [String] {
        analysis.findings.filter { $0.kind != .noResultsToDate }.map { say.finding($0, region: region, forCheck: false) }
    }

    func goalsMoney() -> RegionPage.GoalsMoney {
        let share = analysis.firstHalfShare
        let firstHalf = region.goals.revenue * share
        return .init(revenue: money.whole(region.goals.revenue), profit: region.goals.plansProfit ? money.whole(region.goals.profit) : "not planned",
                     margin: Wording.percent(analysis.board.plannedMargin),
                     firstHalfShare: Percent.format(share.double, places: 0), firstHalf: money.whole(firstHalf),
                     secondHalfShare: Percent.format((1 - share).double, places: 0),
                     secondHalf: money.whole(region.goals.revenue - firstHalf), profitPlanned: region.goals.plansProfit)
    }

    func sourceGoals() -> RegionPage.SourceGoals {
        let goal = region.goals.revenue
        let sorted = region.sources.sorted { $0.revenue > $1.revenue }
        let everyProfit = region.sources.allSatisfy { $0.profit != nil }
        let sourcesProfit = region.sources.reduce(Decimal(0)) { $0 + ($1.profit ?? 0) }
        let u = analysis.unassigned
        let showUnassigned = !region.sources.isEmpty && (u.isShown || (everyProfit && sourcesProfit != region.goals.profit))
        let parts = sorted.map(\.revenue) + (showUnassigned ? [u.goal] : [])
        // Shares to one decimal that add up to 100.0 %.
        let shares = Apportion.shares(parts, of: goal)
        var rows = sorted.enumerated().map { i, s in
            RegionPage.SourceGoalRow(name: s.name, revenue: Money.plain(s.revenue), share: Wording.percent(shares[i]),
                                     profit: s.profit.map { Money.plain($0) } ?? "—", unassigned: false)
        }
        if showUnassigned {
            rows.append(.init(name: Narrative.unassignedRow, revenue: Money.plain(u.goal), share: Wording.percent(shares.last ?? nil),
                              profit: everyProfit ? Money.plain(region.goals.profit - sourcesProfit) : "—", unassigned: true))
        }
        let mismatch = analysis.sourcesMismatchGoal ? say.sourcesMismatch(sourcesTotal: analysis.sourcesTotal, goal: goal) : nil
        return .init(any: !region.sources.isEmpty, rows: rows, total: Money.plain(goal), totalShare: Wording.percent(ratio(goal, goal)),
                     totalProfit: Money.plain(region.goals.profit), mismatch: mismatch)
    }

    /// A row in whole units: its gap is the shown actual less the shown plan, so a row reads
    /// across (and a split table, apportioned, reads down).
    /// A figure's row: each number its exact value rounded once (SPEC §13.8), so a gap reads
    /// the same here as in every other view (the columns may then differ from their sums by a unit).
    static func figureRow(_ name: String, _ f: Figure, strong: Bool = false, unassigned: Bool = false) -> RegionPage.FigureRow {
        .init(name: name, plan: f.isPlanned ? Money.plain(f.planToDate) : "—", actual: f.isMeasured ? Money.plain(f.actualToDate) : "—",
              attainment: Wording.percent(f.attainment), gap: f.isMeasured && f.isPlanned ? Money.signed(f.gap) : "—",
              status: f.isPlanned ? Narrative.status(f.status, measured: f.isMeasured) : "not\u{00A0}planned", strong: strong, unassigned: unassigned)
    }

    static func unassignedRow(_ u: Unassigned) -> RegionPage.FigureRow {
        .init(name: Narrative.unassignedRow, plan: Money.plain(u.planToDate), actual: Money.plain(u.actualToDate),
              attainment: Wording.percent(ratio(u.actualToDate, u.planToDate)), gap: Money.signed(u.gap),
              status: "—", strong: false, unassigned: true)
    }

    func performance() -> [RegionPage.FigureRow] {
        [Self.figureRow("Revenue", analysis.revenue, strong: true), Self.figureRow("Profit", analysis.profit, strong: true)]
    }

    func bySource() -> RegionPage.BySource {
        let u = analysis.unassigned
        var rows = analysis.sources.map { s in Self.figureRow(s.source.name, s.revenue) }
        var note: String?
        if u.isShown {
            rows.append(Self.unassignedRow(u))
            note = say.unassignedNote(u)
        }
        return .init(any: !analysis.sources.isEmpty, rows: rows, total: Self.figureRow("Total", analysis.revenue, strong: true),
                     unassignedNote: note)
    }

    func stopEmpty() -> String { Narrative.nothingToStop(region, atRisk: company.plan.thresholds.atRisk) }

    /// Q8's canary call-out: its state, then each reading with its figures.
    func canaryBlock() -> RegionPage.Canary? {
        analysis.canary.map { c in
            let words = say.canaryReadings(c)
            return .init(title: words.title, toDate: words.toDate, restOfYear: words.restOfYear)
        }
    }

    func pathToPlan() -> RegionPage.PathToPlan? {
        guard let path = analysis.pathToPlan, let need = analysis.funnelNeed else { return nil }
        return .init(text: say.pathToPlan(path, need: need), rows: path.steps.map { step in
            .init(driver: Narrative.pathFactor(step.factor), needed: say.pathValue(step.factor, step.needed),
                  soFar: say.pathValue(step.factor, step.soFar))
        })
    }

    func categoriesView() -> RegionPage.CategoriesView? {
        guard let c = analysis.categories else { return nil }
        // The running total adds the amounts as shown (whole units), so the table adds up as printed.
        var running = c.closed.rounded(places: 0), exact = c.closed
        var rows = [RegionPage.CategoryRow(category: Narrative.wonToDateRow, deals: analysis.wonDealsToDate.map(Wording.count) ?? "—",
                                           amount: Money.plain(c.closed), running: Money.plain(running), ofGoal: Wording.percent(ratio(exact, c.goal)))]
        for category in ForecastCategory.allCases {
            let amount = c.amount(category)
            let counts = category != .omitted
            if counts {
                running += amount.rounded(places: 0)
                exact += amount
            }
            rows.append(.init(category: Narrative.categoryName(category), deals: String(c.deals(category)), amount: Money.plain(amount),
                              running: counts ? Money.plain(running) : "—", ofGoal: counts ? Wording.percent(ratio(exact, c.goal)) : "—"))
        }
        return .init(text: say.categories(c), rows: rows)
    }

    func dealLists() -> RegionPage.DealLists? {
        guard let lists = analysis.largestDeals else { return nil }
        let names = Dictionary(analysis.sources.map { ($0.source.id, $0.source.name) }, uniquingKeysWith: { a, _ in a })
        func rows(_ deals: [Deal]) -> RegionPage.DealList {
            .init(any: !deals.isEmpty, rows: deals.map { d in
                .init(id: d.id ?? "—", date: Wording.date(d.date), owner: d.owner ?? "—", source: d.source.flatMap { names[$0] } ?? "—",
                      amount: Money.plain(d.amount), detail: d.detail ?? "—")
            })
        }
        let all = lists.lost + lists.open
        return .init(lost: rows(lists.lost), open: rows(lists.open),
                     heading: Narrative.dealListHeading(behindPlan: analysis.revenue.gap < 0), ids: all.contains { $0.id != nil }, owners: all.contains { $0.owner != nil },
                     reasons: lists.lost.contains { $0.detail != nil })
    }

    func pipelineStages() -> RegionPage.PipelineStages? {
        let p = analysis.pipeline
        guard let stale = p.stale, !p.stages.isEmpty || stale.count > 0 else { return nil }
        let total = p.stages.reduce(Decimal(0)) { $0 + $1.amount }
        let amounts = Apportion.round(p.stages.map(\.amount), total: total)
        let shares = Apportion.shares(p.stages.map(\.amount), of: total)
        func amount(_ value: Decimal, deals: Int, unvalued: Int) -> String { deals > 0 && unvalued == deals ? "—" : Money.plain(value) }
        let rows = p.stages.indices.map { i in
            let s = p.stages[i]
            return RegionPage.StageRow(stage: s.name, deals: String(s.deals), amount: amount(amounts[i], deals: s.deals, unvalued: s.unvalued),
                                       share: Wording.percent(shares[i]), medianAge: s.medianAgeDays.map { Money.plain($0.rounded(places: 0)) } ?? "—",
                                       oldest: s.oldestAgeDays.map(String.init) ?? "—")
        }
        let deals = p.stages.reduce(0) { $0 + $1.deals }, unvalued = p.stages.reduce(0) { $0 + $1.unvalued }
        let totalRow = RegionPage.StageRow(stage: "Total", deals: String(deals), amount: amount(total, deals: deals, unvalued: unvalued),
                                           share: total > 0 ? Percent.format(1) : "—", medianAge: "", oldest: "")
        return .init(rows: rows, total: totalRow, ages: p.hasAges, stale: say.stale(stale))
    }

    func pipelineMovement() -> RegionPage.PipelineMovementView? {
        guard let m = analysis.pipelineMovement else { return nil }
        let rows = PipelineMovement.Kind.allCases.map { kind -> RegionPage.MovementRow in
            let s = m[kind]
            let amount: String
            switch kind.sign {
            case 0: amount = Money.plain(s.amount, places: 2)
            case -1: amount = s.amount.isZero ? "0.00" : "−" + Money.plain(s.amount, places: 2)
            default: amount = (s.amount > 0 ? "+" : "") + Money.plain(s.amount, places: 2)
            }
            // Deals in and out carry their sign; the ends and the changed amounts are counts.
            let signed = kind.sign != 0 && kind != .valueChanged && s.deals > 0
            return .init(step: Narrative.movementStep(kind, m), deals: (signed ? (kind.sign > 0 ? "+" : "−") : "") + String(s.deals),
                         amount: amount, end: kind.sign == 0)
        }
        return .init(text: say.movement(m), since: Wording.date(m.from), rows: rows)
    }

    func forecast(_ r: Figure) -> RegionPage.Forecast {
        let lines = say.forecastLines(r, pipelineMissing: analysis.pipeline.missing)
        return .init(call: lines.call, methods: lines.methods, required: lines.required)
    }

    func variances() -> RegionPage.Variances? {
        guard !analysis.variances.isEmpty else { return nil }
        return .init(threshold: Percent.format(company.plan.thresholds.materiality.double, places: 0),
                     rows: analysis.variances.map { v in
                         .init(name: v.name, kind: v.kind == .kpi ? "KPI" : "source", variance: Percent.change(v.variance),
                               explanation: v.explanation)
                     })
    }

    func learned() -> RegionPage.Learned {
        let revenue = analysis.revenue
        let gap = revenue.gap
        var intro = say.gapLine(gap)
        var drivers: RegionPage.Drivers?
        var note: String?
        if let bridge = Bridge.of(analysis, money: money) {
            // The cents add up to the gap's cents; shown in whole units, apportioned to the shown gap.
            let shown = Apportion.round(bridge.steps.map(\.effect), total: gap)
            drivers = .init(rows: zip(bridge.steps, shown).map { s, effect in
                .init(name: s.name, plan: s.plan, actual: s.actual, effect: Money.signed(effect))
            }, gap: Money.signed(gap))
            if let split = say.splitLine(bridge) { intro += " " + split }
        }
        if let split = analysis.funnel, case .failure(let why) = split.factors {
            note = Narrative.funnelNotComputable(why, threeFactorSplitShown: drivers != nil)
        } else if drivers == nil, case .failure(let why) = analysis.drivers {
            note = Narrative.driversNotComputable(why)
        }
        // Revenue by source, with the unassigned part, adds up to the region's gap.
        let u = analysis.unassigned
        var parts = analysis.sources.map { s in (s.source.name, s.revenue.gap) }
        if u.isShown { parts.append((Narrative.unassignedRow, u.gap)) }
        parts.sort { $0.1 < $1.1 }
        // A share of the gap means something only when every part has the total's sign.
        let showShare = !gap.isZero && parts.allSatisfy { $0.1.isZero || ($0.1 < 0) == (gap < 0) }
        let shares = Apportion.shares(parts.map(\.1), of: gap)
        let rows = parts.enumerated().map { i, part in
            RegionPage.GapRow(name: part.0, gap: Money.signed(part.1), share: showShare ? Wording.percent(shares[i]) : nil)
        }
        return .init(intro: intro, drivers: drivers, driversNote: note.map(\.capitalizedFirst), bySource: rows, anyBySource: !rows.isEmpty, showShare: showShare)
    }

    func kpiRow(_ k: KPIResult) -> RegionPage.KPIRow {
        var target = k.kind == .flow ? Wording.kpiTarget(k.targetToDate, unit: k.kpi.unit, money: money)
            : Wording.kpi(k.targetToDate, unit: k.kpi.unit, money: money)
        if k.kind == .flow, let full = k.kpi.target {
            target += " (\(Wording.kpi(full, unit: k.kpi.unit, money: money)) for the year)"
        }
        let values = Array(k.monthly.prefix(calendar.monthsTouched))
        let status = Narrative.kpiStatus(k, canary: k.kpi.canary ? analysis.canary : nil)
        return .init(name: k.kpi.name, target: target, actual: Wording.kpi(k.actual, unit: k.kpi.unit, money: money),
                     status: status,
                     trend: Charts.textTrend(values, unit: k.kpi.unit, money: money, calendar: calendar), canary: k.kpi.canary, chart: charts["kpi_\(k.kpi.id)"])
    }

    func kpis() -> RegionPage.KPIs {
        let first = Charts.label(calendar.month(0))
        let last = Charts.label(calendar.month(max(0, calendar.monthsTouched - 1)))
        return .init(any: !analysis.kpis.isEmpty, rows: analysis.kpis.map(kpiRow), trendLabel: "\(first)–\(last)")
    }

    func focusRow(_ f: FocusArea, rank: Int) -> RegionPage.FocusRow {
        let ranks = f.overlaps.compactMap { key in analysis.focusAreas.firstIndex { $0.key == key }.map { $0 + 1 } }
            .filter { $0 < rank }.sorted()
        return .init(rank: String(rank), title: f.title, atStake: Money.plain(f.atStake), stake: money.compact(f.atStake),
                     why: say.focusWhy(f, titles: Dictionary(analysis.focusCandidates.map { ($0.key, $0.title) }, uniquingKeysWith: { a, _ in a })),
                     overlaps: ranks.isEmpty ? nil : "overlaps " + ranks.map { "#\($0)" }.joined(separator: " and "))
    }

    func focus() -> RegionPage.Focus {
        let rows = analysis.focusAreas.enumerated().map { focusRow($1, rank: $0 + 1) }
        let comparison = analysis.focusComparison
        let leader = comparison.leaderFocusAreas.isEmpty ? nil : comparison.leaderFocusAreas.map { item in
            RegionPage.LeaderFocusRow(text: item.text, data: say.dataSide(item), differs: (item.dataRank ?? 99) > 3)
        }
        return .init(question: Narrative.question(analysis.position), ranking: say.rankingBasis(analysis.focusAreas),
                     any: !rows.isEmpty, rows: rows, leader: leader, hasLeader: leader != nil,
                     agree: comparison.listsAgree,
                     dataOnly: comparison.dataOnly.isEmpty ? nil : comparison.dataOnly.map(\.title).joined(separator: "; "))
    }

    func theOne() -> RegionPage.TheOne {
        let data = analysis.theOne.map { focusRow($0, rank: 1) }
        let comparison = analysis.focusComparison
        guard let pick = comparison.theOne else { return .init(leader: nil, data: data, comparison: nil, differs: false) }
        return .init(leader: pick.text, data: data, comparison: Narrative.theOneComparison(comparison.theOneAgrees, dataPick: analysis.theOne),
                     differs: comparison.theOneAgrees == false)
    }

    func owed() -> [RegionPage.OwedRow] {
        analysis.owed.map { o in
            .init(owner: Narrative.leader(o.owner), commitment: say.commitment(o), status: o.status.map { Narrative.status($0) } ?? "—",
                  owes: Narrative.owes(o.owes), offTrack: o.status != nil)
        }
    }

    func words() -> RegionPage.LeaderWords {
        let m = region.midyear
        func w(_ list: [String]) -> RegionPage.Words { .init(any: !list.isEmpty, items: list) }
        return .init(working: w(m.working), stop: w(m.stop), learned: w(m.learned), kpis: w(m.kpis),
                     marketShifts: w(m.marketShifts), focusAreas: w(m.focusAreas), changes: w(m.changes))
    }
}

/// A region's one page in the board packet (SPEC §12.1): its verdict, revenue and profit, the
/// canary and coverage, the cumulative chart and the bridge, the focus areas with the
/// leader's words beside the data's, and what is owed. HTML, so it is laid out to fit a page.
struct PacketRegionPage: TemplateModel {
    var id, name, status, cutOff, leaderLabel, currency, verdict, call, question: String
    /// The leader as named mid-sentence: "the leader" where the plan names no one.
    var leaderInText: String
    var leader: String?
    var unanswered: String?
    var figures: [RegionPage.FigureRow]
    var canary: String?
    var board: String?
    /// The forecast categories' reach and the pipeline's movement, in a line or two.
    var pipeline: String?
    /// The latest revision, in one sentence (SPEC §11.1: the revised goal beside the original).
    var revision: String?
    /// The leader's "what we learned" and "what changes we made", clipped (the full report has them whole).
    var learned: String?
    var changes: String?
    var cumulative: String
    var bridge: String?
    var hasLeaderFocus: Bool
    var leaderFocus: [RegionPage.LeaderFocusRow]
    /// How many of the leader's items the page leaves to the full report.
    var leaderFocusMore: String?
    var focus: [RegionPage.FocusRow]
    /// The data's ranking in one line, beside the leader's list.
    var focusLine: String?
    /// "dollars", "euros": what the ranking's amounts are in.
    var currencyName: String
    var leaderOne: String?
    var theOneNote: String?
    var dataOne: String?
    /// Which column the one goes in: the shorter.
    var oneLeft: Bool
    var oneRight: Bool
    var hasOwed: Bool
    var owed: [OwedGroup]
    var owedMore: String?

    /// One owner's items, so a name is printed once however much they owe.
    struct OwedGroup: TemplateModel {
        var owner: String
        var items: [RegionPage.OwedRow]

        /// Groups in the order owners first appear; items keep their order.
        static func byOwner(_ rows: [RegionPage.OwedRow]) -> [OwedGroup] {
            var groups: [OwedGroup] = []
            for row in rows {
                if let i = groups.firstIndex(where: { $0.owner == row.owner }) {
                    groups[i].items.append(row)
                } else {
                    groups.append(OwedGroup(owner: row.owner, items: [row]))
                }
            }
            return groups
        }
    }
}

extension RegionPresenter {
    /// At most this many owed items on the page; the full report has the rest.
    static let owedOnPage = 6

    /// `cumulative` and `bridge`: the charts drawn for the page (shorter than the report's).
    /// The open-ended parts are bounded so the page fits one sheet (PageFit).
    func packetPage(cumulative: String, bridge: String?) -> PacketRegionPage {
        let headline = headline()
        let focus = focus()
        let one = theOne()
        let verdict = [say.revenueLine(analysis.revenue), say.shapeHeadline(analysis.revenue, thresholds: company.plan.thresholds),
                       say.profitLine(analysis.profit)].filter { !$0.isEmpty }.joined(separator: " ")
        let canary = analysis.canary.map { say.canary(RollupRegion.Canary($0)) }
        let call = say.forecastCall(analysis.revenue)
        let unanswered = unanswered()
        let leaderLabel = Narrative.leader(region.leader), leaderInText = Narrative.leader(region.leader, startsSentence: false)

        let leaderAll = focus.leader ?? []
        let leaderMore = leaderAll.count > PageFit.leaderItems
            ? Narrative.moreInFullReport(leaderAll.count - PageFit.leaderItems, whose: leaderInText) : nil
        let ranking = focus.rows.isEmpty ? nil : focus.rows.map { "\($0.rank). \($0.title) (\([$0.stake, $0.overlaps].compactMap { $0 }.joined(separator: ", ")))" }.joined(separator: "; ")
        // With room for a few: off-track commitments first, then causes, measures, answers.
        func priority(_ o: Owed) -> Int {
            switch o.owes {
            case .recovery: return 0
            case .explanation: return 1
            case .measure: return 2
            case .answers: return 3
            }
        }
        let owed = zip(analysis.owed, owed()).enumerated()
            .sorted { (priority($0.element.0), $0.offset) < (priority($1.element.0), $1.offset) }
            .map { _, pair -> RegionPage.OwedRow in
                var row = pair.1
                row.commitment = Wording.clip(row.commitment, PageFit.commitment)
                return row
            }
        // The leader's own words beside the data (SPEC §13.9): what was learned, what changed.
        func words(_ items: [String]) -> String? {
            guard !items.isEmpty else { return nil }
            let shown = items.prefix(2).map { "“\(Wording.clip($0, PageFit.leaderWords))”" }.joined(separator: " ")
            return items.count > 2 ? "\(shown) \(Narrative.moreInFullReport(items.count - 2))" : shown
        }
        let learned = words(region.midyear.learned)
        let changes = words(region.midyear.changes + (analysis.revision?.revised.changes ?? []))
        let pipeline = say.pipelineBrief(analysis.categories, analysis.pipelineMovement)
        let top = PageFit.top(name: region.name, verdict: verdict, unanswered: unanswered,
                              facts: [canary, headline.board, pipeline, call, analysis.revision.map(say.revisionLine), learned, changes].compactMap { $0 })
        // The fullest page that fits: all owed items and the leader's words at length first;
        // then fewer owed items (down to two), then the leader's words clipped shorter.
        var leaderRows: [RegionPage.LeaderFocusRow] = []
        var pick: String?
        var shown = 0
        var oneRight = false
        for (level, clip) in PageFit.clipLevels.enumerated() {
            leaderRows = leaderAll.prefix(PageFit.leaderItems).map { row in
                var row = row
                row.text = Wording.clip(row.text, clip.item)
                return row
            }
            pick = one.leader.map { Wording.clip($0, clip.pick) }
            let oneText = Narrative.packetPick(pick, leader: region.leader, comparison: one.comparison, dataPick: one.data?.title)
            let left = PageFit.left(leaderRows: leaderRows.map { ($0.text, $0.data) }, more: leaderMore != nil,
                                    ranking: ranking, dataRows: focus.rows.count)
            let oneLines = PageFit.one(oneText)
            // The one goes under the focus areas, or atop who owes what when that column is shorter.
            func height(_ n: Int) -> Double {
                let right = PageFit.right(PacketRegionPage.OwedGroup.byOwner(Array(owed.prefix(n))), more: n < owed.count)
                oneRight = right + oneLines < left + oneLines && right < left
                return top + (oneRight ? max(left, right + oneLines) : max(left + oneLines, right))
            }
            let last = level == PageFit.clipLevels.count - 1
            shown = min(owed.count, Self.owedOnPage)
            while shown > (last ? 1 : 2) && height(shown) > PageFit.budget { shown -= 1 }
            _ = height(shown)
            if height(shown) <= PageFit.budget || last { break }
        }
        return PacketRegionPage(
            id: region.id.rawValue, name: region.name, status: headline.status, cutOff: Wording.date(calendar.asOf),
            leaderLabel: leaderLabel, currency: company.plan.currency(of: region).code, verdict: verdict,
            call: call, question: focus.question, leaderInText: leaderInText, leader: region.leader, unanswered: unanswered,
            figures: performance(), canary: canary, board: headline.board, pipeline: pipeline, revision: analysis.revision.map(say.revisionLine),
            learned: learned, changes: changes,
            cumulative: cumulative, bridge: bridge,
            hasLeaderFocus: !leaderRows.isEmpty, leaderFocus: leaderRows, leaderFocusMore: leaderMore, focus: focus.rows,
            focusLine: ranking, currencyName: money.pluralName,
            leaderOne: pick, theOneNote: one.comparison, dataOne: one.data?.title, oneLeft: !oneRight, oneRight: oneRight,
            hasOwed: !owed.isEmpty, owed: PacketRegionPage.OwedGroup.byOwner(Array(owed.prefix(shown))),
            owedMore: owed.count > shown ? Narrative.moreInFullReport(owed.count - shown) : nil)
    }
}
