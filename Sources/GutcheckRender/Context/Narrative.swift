import Foundation
import GutcheckCore

/// Every sentence the reports say about a judgment, in one place (SPEC §9: one verdict,
/// one wording). The core computes each judgment once; this layer only words it, so the
/// headline, the question's section, the roll-up, the packet and the job summary can never
/// disagree. Sentences are plain text (templates escape them); user text inside them is
/// left as the user wrote it.
struct Narrative {
    let money: CurrencyFormat
    let calendar: FiscalCalendar
    let metricNames: [String: String]

    init(currency: Currency, calendar: FiscalCalendar, metricNames: [String: String] = [:]) {
        money = CurrencyFormat(currency)
        self.calendar = calendar
        self.metricNames = metricNames
    }

    /// The same voice in another currency (a region's own, SPEC §15.7).
    func `in`(_ currency: Currency) -> Narrative { Narrative(currency: currency, calendar: calendar, metricNames: metricNames) }

    /// The roll-up's note on currencies: each region converted and its plan rate; nil when
    /// every region is in the plan's currency.
    static func planRates(_ converted: [RollupRegion], into currency: Currency) -> String? {
        guard !converted.isEmpty else { return nil }
        let rates = converted.map { r in "\(r.name) from \(r.currency!.code) at 1 \(r.currency!.code) = \(Money.trimmed(r.rate, places: 6)) \(currency.code)" }
        return "All figures here are in \(currency.code), consolidated at the plan's rates: \(rates.joined(separator: "; ")). Each region's own report is in its own currency."
    }

    /// A metric as the reports call it: the plan's name for it, else its id with spaces.
    func metric(_ id: String) -> String { metricNames[id] ?? Wording.metricName(id) }

    // MARK: Status

    /// A status for a table cell: symbol and words, with no-break spaces so it never wraps.
    /// How a status is written: in a table cell (its mark, no-break spaces), in a sentence,
    /// or as a headline (capitalised).
    enum StatusStyle { case cell, inline, headline }

    /// A status in words — the one table of status words every view uses. `none` replaces
    /// the word for no status (a KPI without a target, a canary that cannot be read).
    static func status(_ s: Status?, measured: Bool = true, style: StatusStyle = .cell, none: String? = nil) -> String {
        let words: String, mark: String
        switch (measured, s) {
        case (false, _): words = "not measured"; mark = ""
        case (true, .onTrack?): words = "on track"; mark = "●"
        case (true, .atRisk?): words = "at risk"; mark = "▲"
        case (true, .offTrack?): words = "off track"; mark = "✖"
        case (true, nil): words = none ?? (style == .inline ? "not measurable yet" : style == .headline ? "no plan to date yet" : "no plan to date"); mark = "—"
        }
        switch style {
        case .cell: return (mark.isEmpty ? words : "\(mark) \(words)").replacingOccurrences(of: " ", with: "\u{00A0}")
        case .inline: return words
        case .headline: return words.prefix(1).uppercased() + words.dropFirst()
        }
    }

    // MARK: Headlines

    /// "Revenue $4.71M of $4.79M planned to date (98.3 %), $83.5K behind."
    func revenueLine(_ r: Figure) -> String {
        guard r.isMeasured else { return "Revenue is not measured: no results row carries revenue." }
        let position = r.gap < 0 ? "\(money.compact(-r.gap)) behind" : r.gap > 0 ? "ahead by \(money.compact(r.gap))" : "exactly on plan"
        return "Revenue \(money.compact(r.actualToDate)) of \(money.compact(r.planToDate)) planned to date (\(Wording.percent(r.attainment))), \(position)."
    }

    /// The plan's phasing beside last year's shape (Figure.Shape): what the status rests on.
    /// With `thresholds`, the status on last year's shape too.
    func shapeLine(_ shape: Figure.Shape, calendar: FiscalCalendar, thresholds: Thresholds?) -> String {
        let span = Wording.months(0..<calendar.monthsTouched, calendar: calendar)
        var line = "The plan's phasing puts \(Percent.format(shape.planShare.double)) of the goal in \(span); last year those months brought \(Percent.format(shape.lastYearShare.double)) of the year's revenue"
        if let a = shape.attainmentOnLastYearsShape {
            line += ": on last year's shape, revenue is at \(Percent.format(a)) of plan to date"
            if let thresholds { line += " (\(Self.status(Status(ratio: a, thresholds: thresholds), style: .inline)))" }
        }
        return line + "."
    }

    /// The shape line for a headline: only where last year's shape would change the status,
    /// so the reader sees what the verdict rests on.
    func shapeHeadline(_ r: Figure, thresholds: Thresholds) -> String {
        guard let shape = r.shapeAgainstLastYear, let a = shape.attainmentOnLastYearsShape,
              Status(ratio: a, thresholds: thresholds) != r.status else { return "" }
        return shapeLine(shape, calendar: calendar, thresholds: thresholds)
    }

    func profitLine(_ p: Figure) -> String {
        guard p.isPlanned else { return p.isMeasured ? "Profit \(money.compact(p.actualToDate)) to date; no profit goal is planned." : "Profit is not planned." }
        guard p.isMeasured else { return "Profit is not measured." }
        guard let a = p.attainment else { return "Profit \(money.compact(p.actualToDate)) to date." }
        return "Profit \(Percent.format(a)) of plan (\(Self.status(p.status, style: .inline)))."
    }

    /// "Against revision “r2” of 30 June 2026 (goal $13.0M, originally $12.0M): since then $200K
    /// of $233K planned (85.7 %), $33.3K behind — off track."
    func revisionLine(_ v: RevisionView) -> String {
        let r = v.revenue
        let goal = r.goal == r.originalGoal ? "goal unchanged at \(money.compact(r.goal))" : "goal \(money.compact(r.goal)), originally \(money.compact(r.originalGoal))"
        let why = v.revised.note.map { " — \($0.hasSuffix(".") ? String($0.dropLast()) : $0)" } ?? ""
        let since = "since \(Wording.date(v.revised.date))"
        guard r.planSince > 0 || r.actualSince != 0 else {
            return "Revision “\(v.revised.id)” of \(Wording.date(v.revised.date))\(why): \(goal); nothing is due \(since) yet."
        }
        let position = r.gapSince < 0 ? "\(money.compact(-r.gapSince)) behind" : r.gapSince > 0 ? "ahead by \(money.compact(r.gapSince))" : "exactly on plan"
        return "Revision “\(v.revised.id)” of \(Wording.date(v.revised.date))\(why): \(goal). \(since.prefix(1).uppercased() + since.dropFirst()): "
            + "\(money.compact(r.actualSince)) of \(money.compact(r.planSince)) planned (\(Wording.percent(r.attainmentSince))), \(position) — \(Self.status(r.statusSince, style: .inline))."
    }

    /// The headline's sentence on the revised plan, with the call and the pipeline read
    /// against the revised goal (SPEC §13.7).
    func revisionHeadline(_ v: RevisionView) -> String {
        let r = v.revenue
        var text = r.planSince > 0
            ? "Against the revised plan of \(Wording.date(v.revised.date)) (\(money.compact(r.goal)) goal): \(Wording.percent(r.attainmentSince)) since (\(Self.status(r.statusSince, style: .inline)))"
            : "Revised on \(Wording.date(v.revised.date)) to \(Wording.article(before: money.compact(r.goal))) \(money.compact(r.goal)) goal"
        switch v.outlook {
        case .ahead?: text += "; the call's range reaches the revised goal"
        case .short?: text += "; the call's range falls short of the revised goal"
        case .open?: text += "; the revised goal lies inside the call's range"
        case nil: break
        }
        if let coverage = v.pipelineCoverage { text += ", with pipeline coverage \(Self.multiple(coverage)) of what it still needs" }
        return text + "."
    }

    /// The call with its band and what the band says of the goal (SPEC §13.1): "Calls the
    /// year at $219K on the company's seasonal shape ($147K–$292K, the widest miss of its calls
    /// at this point of the last 2 years) against a $250K goal: the goal lies inside the
    /// range." Never "will beat" or "will miss" where the goal lies inside the band.
    func forecastCall(_ f: Figure) -> String {
        var goal = money.compact(f.goal)
        guard let call = f.call else {
            return f.isMeasured ? "Too little of the year has passed to call it against \(Wording.article(before: goal)) \(goal) goal." : ""
        }
        var value = money.compact(call.value), low = money.compact(call.low), high = money.compact(call.high)
        // A band end just short of the goal must not read as the goal (SPEC §13.8).
        if (low == goal && call.low.rounded(places: 2) != f.goal) || (high == goal && call.high.rounded(places: 2) != f.goal) {
            (goal, value) = (money.compact(f.goal, digits: 4), money.compact(call.value, digits: 4))
            (low, high) = (money.compact(call.low, digits: 4), money.compact(call.high, digits: 4))
        }
        var text = "Calls the year at \(value) \(Self.method(call.method).basis)"
        if call.backtested, let m = call.errorMax {
            let span = Self.yearsSpan(call.years)
            text += m == ForecastCalibration.minimumError
                ? " (\(low)–\(high), ±\(Percent.format(m.double)): its calls at this point of \(span) missed by less)"
                : " (\(low)–\(high), the widest miss of its calls at this point of \(span))"
        } else if low != high {
            text += " (the methods span \(low)–\(high); untested, as the results hold no earlier year to test them on)"
        } else {
            text += " (untested, as the results hold no earlier year to test it on)"
        }
        text += " against \(Wording.article(before: goal)) \(goal) goal"
        let every = !call.backtested
        switch call.outlook {
        case .ahead?: return text + (low == high ? "." : every ? ": every method reaches it." : ": even the low end reaches it.")
        case .short?: return text + (low == high ? "." : every ? ": every method falls short of it." : ": even the high end falls short of it.")
        case .open?: return text + (low == high ? "." : ": the goal lies inside the range, so the year is open.")
        case nil: return text + "."
        }
    }

    /// "the last 2 years", "2025".
    static func yearsSpan(_ years: [Int]) -> String {
        years.count == 1 ? String(years[0]) : "the last \(years.count) years"
    }

    /// A forecast method in words, every view's one source: its name ("pace to plan"), the
    /// name with what it rests on, and how a call made with it reads after its figure.
    struct MethodWords {
        let name: String
        let restsOn: String?
        /// "on last year's shape", after the call's figure.
        let basis: String
        /// "seasonal (last year's shape)".
        var explained: String { restsOn.map { "\(name) (\($0))" } ?? name }
        /// "Seasonal", for a chart's legend.
        var label: String { name.prefix(1).uppercased() + name.dropFirst() }
    }

    static func method(_ m: Figure.Forecast.Method) -> MethodWords {
        switch m {
        case .runRate: return .init(name: "run rate", restsOn: nil, basis: "at today's run rate")
        case .pace: return .init(name: "pace to plan", restsOn: nil, basis: "at today's pace to plan")
        case .seasonal: return .init(name: "seasonal", restsOn: "last year's shape", basis: "on last year's shape")
        case .seasonalCompany: return .init(name: "company seasonal", restsOn: "the company's shape last year", basis: "on the company's shape last year")
        case .pipeline: return .init(name: "pipeline", restsOn: "won to date + open deals × win probability", basis: "on the open pipeline")
        }
    }

    /// Why the call's method: each method's mean miss on the earlier years, closest first (SPEC §13.1).
    func backtestLine(_ f: Figure) -> String? {
        guard let tested = f.forecast.tested, !tested.meanErrors.isEmpty else { return nil }
        let means = tested.meanErrors.enumerated().sorted { ($0.element.error, $0.offset) < ($1.element.error, $1.offset) }.map { _, e in
            "\(Self.method(e.method).name) \(Percent.format(e.error.double))\(e.method == tested.method ? " (the call's)" : "")"
        }
        return "Tested on \(Self.years(tested.years)) from the same point of each year, the methods' mean miss: " + means.joined(separator: " · ") + "."
    }

    /// "2023–2025", "2023 and 2025".
    static func years(_ years: [Int]) -> String {
        let sorted = years.sorted()
        guard let first = sorted.first, let last = sorted.last else { return "" }
        if sorted.count > 2 && last - first == sorted.count - 1 { return "\(first)–\(last)" }
        return list(sorted.map(String.init))
    }

    static func list(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    /// The monthly rate the rest of the year needs against the rate so far.
    func required(_ f: Figure) -> String {
        guard f.isMeasured, let need = f.requiredMonthlyRestOfYear, let soFar = f.monthlyRateSoFar else { return "" }
        if f.actualToDate >= f.goal { return "The goal of \(money.compact(f.goal)) is already reached." }
        var text = "To reach \(money.compact(f.goal)) the rest of the year needs \(money.compact(need)) a month; so far the months averaged \(money.compact(soFar))"
        if let change = ratio(need - soFar, soFar) {
            text += change >= 0 ? " (\(Percent.format(change)) more a month)" : " (\(Percent.format(-change)) less a month)"
        }
        return text + "."
    }

    /// The path to plan's lead-in (SPEC §15.5).
    func pathToPlan(_ p: PathToPlan, need: FunnelNeed) -> String {
        // The flow it expects a month, beside the table's "so far" (a flat average of the months to date).
        let monthly = calendar.remaining > 0 ? ", \(Wording.count(need.expectedLeads / calendar.remaining)) a month" : ""
        return "At today's lead-to-close and deal size, \(Self.leadFlow(need.leadFlowBasis)) (\(Wording.count(need.expectedLeads)) more leads by year end\(monthly)), the rest of the year falls short of the \(money.compact(p.stillToWin)) still to win. Any one of these closes it, the other two holding at today's rate:"
    }

    /// A forecast category as a table names it.
    static func categoryName(_ c: ForecastCategory) -> String {
        switch c {
        case .commit: return "Commit"
        case .bestCase: return "Best case"
        case .pipeline: return "Pipeline"
        case .omitted: return "Omitted"
        }
    }

    /// The categories against the goal in one sentence (SPEC §15.1).
    func categories(_ c: Categories) -> String {
        let goal = money.compact(c.goal)
        var text = "Closed \(money.compact(c.closed)), commit \(money.compact(c.amount(.commit))), best case \(money.compact(c.amount(.bestCase)))"
        guard let commit = c.commitReach, let best = c.bestCaseReach else { return text + "; no goal to reach." }
        text += " against \(Wording.article(before: goal)) \(goal) goal: "
        if commit >= 1 {
            text += "closed and commit reach it (\(Percent.format(commit)))."
        } else if best >= 1 {
            text += "closed and commit reach \(Percent.format(commit)) of it; with best case, \(Percent.format(best)) — the goal rests on best-case deals."
        } else {
            text += "closed and commit reach \(Percent.format(commit)) of it, with best case \(Percent.format(best)); the rest must come from deals in the Pipeline category (\(money.compact(c.amount(.pipeline)))) or deals not yet created."
        }
        return text
    }

    /// Open deals past their close date (SPEC §15.2), or nil when there are none.
    func stale(_ d: Actuals.OpenDeals) -> String? {
        guard d.count > 0 else { return nil }
        let worth = d.unvalued == d.count ? "" : " worth \(money.compact(d.amount))"
        let one = d.count == 1
        return "Stale: \(d.count) deal\(one ? "" : "s")\(worth) \(one ? "is" : "are") still open though \(one ? "its" : "their") close date (on or before the cut-off) has passed; \(one ? "it is" : "they are") not counted as open pipeline."
    }

    /// The packet page's one line on the pipeline (SPEC §15.1, §15.3): how far the forecast
    /// categories reach the goal and how the pipeline moved since the earlier snapshot; nil
    /// with neither.
    func pipelineBrief(_ c: Categories?, _ m: PipelineMovement?) -> String? {
        var parts: [String] = []
        if let c, let commit = c.commitReach, let best = c.bestCaseReach {
            parts.append("Closed and commit reach \(Percent.format(commit)) of the goal, with best case \(Percent.format(best)).")
        }
        if let m {
            let kinds = PipelineMovement.Kind.allCases
            let came = kinds.filter { $0.sign > 0 && $0 != .valueChanged }.reduce(Decimal(0)) { $0 + m[$1].amount }
            let went = kinds.filter { $0.sign < 0 }.reduce(Decimal(0)) { $0 + m[$1].amount }
            parts.append("Since \(Wording.date(m.from)): \(money.compact(m.openAtStart.amount)) → \(money.compact(m.openNow.amount)) (\(money.compact(came)) in, \(money.compact(went)) out, \(money.compact(m.won.amount)) of it won).")
        }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// A pipeline-movement step's name in a table (SPEC §15.3).
    static func movementStep(_ kind: PipelineMovement.Kind, _ m: PipelineMovement) -> String {
        switch kind {
        case .openAtStart: return "Open on \(Wording.date(m.from))"
        case .created: return "Created"
        case .pulledIn: return "Pulled into the year, or from another region"
        case .won: return "Won"
        case .lost: return "Lost"
        case .pushedOut: return "Pushed past the year's end"
        case .wentStale: return "Gone stale (close date passed)"
        case .removed: return "Removed, or moved to another region"
        case .valueChanged: return "Amounts changed"
        case .openNow: return "Open on \(Wording.date(m.to))"
        }
    }

    /// The same, in at most two short lines under a chart's bar.
    static func movementShortLabel(_ kind: PipelineMovement.Kind, _ m: PipelineMovement) -> [String] {
        func day(_ d: Day) -> String { "\(d.day) \(Wording.monthNames[d.month - 1].prefix(3))" }
        switch kind {
        case .openAtStart: return ["Open", day(m.from)]
        case .created: return ["Created"]
        case .pulledIn: return ["Pulled", "in"]
        case .won: return ["Won"]
        case .lost: return ["Lost"]
        case .pushedOut: return ["Pushed", "out"]
        case .wentStale: return ["Gone", "stale"]
        case .removed: return ["Removed"]
        case .valueChanged: return ["Amounts", "changed"]
        case .openNow: return ["Open", day(m.to)]
        }
    }

    /// The movement in two sentences: where the pipeline went from and to, what came in and
    /// what went out (each step with deals and amount, the empty ones left out).
    func movement(_ m: PipelineMovement) -> String {
        func deals(_ n: Int) -> String { "\(n) deal\(n == 1 ? "" : "s")" }
        func part(_ kind: PipelineMovement.Kind, _ what: String) -> String? {
            let s = m[kind]
            return s.deals == 0 ? nil : "\(s.deals) \(what) (\(money.compact(s.amount)))"
        }
        var text = "Open deals closing by the year's end went from \(money.compact(m.openAtStart.amount)) (\(deals(m.openAtStart.deals))) to \(money.compact(m.openNow.amount)) (\(deals(m.openNow.deals)))."
        let came = [part(.created, "created"), part(.pulledIn, "pulled into the year or from another region")].compactMap { $0 }
        let went = [part(.won, "won"), part(.lost, "lost"), part(.pushedOut, "pushed past the year's end"),
                    part(.wentStale, "gone stale"), part(.removed, "removed or moved to another region")].compactMap { $0 }
        if !came.isEmpty { text += " In: \(came.joined(separator: ", "))." }
        if !went.isEmpty { text += " Out: \(went.joined(separator: ", "))." }
        if m.valueChanged.deals > 0 {
            text += " Amounts changed on \(deals(m.valueChanged.deals)) still open, \(money.signedCompact(m.valueChanged.amount)) in all."
        }
        let unvalued = (m.openAtStart.unvalued, m.openNow.unvalued)
        if unvalued.0 + unvalued.1 > 0 {
            text += " Deals without an amount count as deals, not as \(money.pluralName): \(unvalued.0) at the start, \(unvalued.1) now."
        }
        if m.withoutId > 0 {
            text += " \(deals(m.withoutId)) without a deal id \(m.withoutId == 1 ? "is" : "are") left out: \(m.withoutId == 1 ? "it" : "they") cannot be followed from one snapshot to the next."
        }
        return text
    }

    /// A path-to-plan driver's name in a table.
    static func pathFactor(_ f: PathToPlan.Factor) -> String {
        switch f {
        case .leadsPerMonth: return "Leads a month"
        case .conversion: return "Lead-to-close rate"
        case .dealSize: return "Average deal size"
        }
    }

    /// A path-to-plan driver's value: leads whole, conversion in percent, deal size in money.
    func pathValue(_ f: PathToPlan.Factor, _ value: Decimal) -> String {
        switch f {
        case .leadsPerMonth: return Wording.count(value)
        case .conversion: return Percent.format(value.double)
        case .dealSize: return money.whole(value)
        }
    }

    /// Pipeline coverage, growth and margin (SPEC §9.10), as one sentence; "" when none is known.
    func board(_ b: BoardFigures, revenue: Figure) -> String {
        var parts: [String] = []
        let leftOut = b.unvaluedOpenDeals > 0 ? "; \(Wording.count(Decimal(b.unvaluedOpenDeals))) open \(b.unvaluedOpenDeals == 1 ? "deal" : "deals") without an amount left out" : ""
        if b.openPipeline == nil, b.unvaluedOpenDeals > 0 {
            // Unknown is not zero (SPEC §13.6).
            parts.append("pipeline not measured: \(Wording.count(Decimal(b.unvaluedOpenDeals))) open \(b.unvaluedOpenDeals == 1 ? "deal carries" : "deals carry") no amount")
        } else if let coverage = b.pipelineCoverage, let open = b.openPipeline {
            parts.append("pipeline coverage \(Self.multiple(coverage)) (\(money.compact(open)) open and closing by year end against \(money.compact(revenue.goal - revenue.actualToDate)) still to win\(leftOut))")
        } else if let open = b.openPipeline, revenue.actualToDate >= revenue.goal {
            parts.append("the goal is reached, with \(money.compact(open)) more open")
        }
        if let growth = b.growth {
            var text = "growth \(Percent.change(growth)) on the same months last year"
            if let implied = b.goalImpliedGrowth { text += " against the \(Percent.change(implied)) the goal implies" }
            parts.append(text)
        }
        if let margin = b.marginToDate {
            var text = "margin to date \(Percent.format(margin))"
            if let planned = b.plannedMargin { text += " against \(Percent.format(planned)) planned" }
            parts.append(text)
        }
        guard !parts.isEmpty else { return "" }
        let sentence = parts.joined(separator: "; ")
        return sentence.prefix(1).uppercased() + sentence.dropFirst() + "."
    }

    /// "2.4×".
    static func multiple(_ r: Double) -> String { Money.trimmed(Decimal(exactly: r, places: 3), places: 1) + "×" }

    /// The question the rest of the year asks (SPEC §9.11).
    static func question(_ p: Position) -> String {
        p == .atPlan ? "What will make sure we close the year at plan?" : "What will get us to plan?"
    }

    // MARK: The canary (SPEC §9.1)

    /// The canary in one sentence, from its state: never "healthy" unless the state is on
    /// track, and the reading that sets the state first.
    func canary(_ c: RollupRegion.Canary) -> String {
        guard let state = c.state else {
            return "The canary (\(c.name)) cannot be read: \(c.actual == nil ? "no results row measures it" : "it has no target")."
        }
        if c.sounds {
            return "The canary sounds: revenue is on plan, but \(c.name) is \(Self.status(state, style: .inline)) — \(readings(c))."
        }
        if state == .onTrack { return "The canary is healthy: \(c.name) \(readings(c))." }
        return "The canary is \(Self.status(state, style: .inline)): \(c.name) — \(readings(c))."
    }

    /// The lead flow the canary's rest-of-year reading assumes (SPEC §13.2).
    static func leadFlow(_ basis: FunnelNeed.LeadFlowBasis?) -> String {
        switch basis {
        case .priorYear?: return "at the lead flow last year's same months bring"
        case .phasing?, nil: return "at the lead flow the plan's season brings"
        }
    }

    /// The region report's canary call-out (Q8): its state as a title, then each reading
    /// with its figures — to date, and what the rest of the year needs.
    func canaryReadings(_ c: Canary) -> (title: String, toDate: String, restOfYear: String?) {
        let unit = c.kpi.kpi.unit
        let title = "The canary — \(c.kpi.kpi.name): " + (c.sounds ? "it sounds (\(Self.status(c.state, style: .inline)))" : c.state.map { $0 == .onTrack ? "healthy" : Self.status($0, style: .inline) } ?? "cannot be read")
        let target = Wording.kpiTarget(c.target, unit: unit, money: money)
        let toDate = "To date: \(Wording.kpi(c.actual, unit: unit, money: money)) against \(Wording.article(before: target)) \(target) target (\(Self.status(c.statusToDate, style: .inline)))."
        var rest: String?
        if let need = c.need {
            rest = need.required.isZero
                ? "The rest of the year: the goal is reached, so nothing more is needed (on track)."
                : "The rest of the year: \(Self.leadFlow(need.leadFlowBasis)) (\(Wording.count(need.expectedLeads)) more leads by year end, against \(Wording.count(need.leadsPerMonth)) a month so far) and today's deal size (\(money.compact(need.dealSize))), reaching the goal needs \(Percent.format(need.required.double)) of those leads to close, against \(Percent.format(need.achieved.double)) so far (\(Self.status(c.statusRestOfYear, style: .inline)))."
        }
        return (title, toDate, rest)
    }

    /// What the roll-up says before the regions whose canary sounds.
    static let canariesSoundingLead = "**The canary sounds** — on plan today, short on conversion for the rest of the year:"

    /// The canary's two readings, the one that sets its state first.
    func readings(_ c: RollupRegion.Canary) -> String {
        let target = Wording.kpiTarget(c.target, unit: c.unit, money: money)
        let toDate = "\(Wording.kpi(c.actual, unit: c.unit, money: money)) against \(Wording.article(before: target)) \(target) target to date (\(Self.status(c.statusToDate, style: .inline)))"
        guard let needed = c.needed else { return toDate }
        if needed.isZero { return toDate + "; the goal is reached, so nothing more is needed" }
        let rest = "the rest of the year needs \(Percent.format(needed.double)) \(Self.leadFlow(c.leadFlowBasis)) and today's deal size, against \(Percent.format((c.achieved ?? 0).double)) so far (\(Self.status(c.statusRestOfYear, style: .inline)))"
        let restIsWorse = (c.statusRestOfYear ?? .onTrack) < (c.statusToDate ?? .onTrack)
        return restIsWorse ? "\(rest); to date \(toDate.replacingOccurrences(of: " to date", with: ""))" : "\(toDate); \(rest)"
    }

    /// The canary in a table cell: its state first, then the figures.
    func canaryCell(_ c: RollupRegion.Canary?) -> String {
        guard let c else { return "—" }
        var cell = Self.status(c.state, none: "not read")
        let actual = Wording.kpi(c.actual, unit: c.unit, money: money), target = Wording.kpi(c.target, unit: c.unit, money: money)
        if let needed = c.needed, !needed.isZero, (c.statusRestOfYear ?? .onTrack) < (c.statusToDate ?? .onTrack) {
            // The rest of the year sets the state: say what it needs first.
            cell += ": needs\u{00A0}\(Percent.format(needed.double)), at\u{00A0}\(actual) (target\u{00A0}\(target))"
        } else {
            cell += ": \(actual)\u{00A0}vs\u{00A0}\(target)"
        }
        if c.sounds { cell += " ⚠\u{00A0}sounds" }
        return cell
    }

    // MARK: Focus (Q10, Q11)

    /// What a focus area is called, in every view and in summary.json's `title`: the plan's
    /// name for a source or KPI; "Lead volume", "Conversion from inquiries to leads", "Profit",
    /// "Unassigned goal" for what the core names only by key.
    static func title(_ key: FocusArea.Key, name: String?) -> String {
        if key.isNamedByPlan, let name { return name }
        switch key.kind {
        case .profit: return "Profit"
        case .source: return key.id == FocusArea.unassignedId ? "Unassigned goal" : key.id
        case .kpi: return key.id
        case .driver:
            // A funnel whose top stage is `leads` prices the same driver as the bridge's leads: one key, one title.
            let driver = Driver(key: key.id)
            switch driver {
            case .leads: return "Lead volume"
            case .leadToClose: return "Lead-to-close conversion"
            case .dealSize: return "Average deal size"
            default:
                // A declared funnel's factor: a step's conversion or the top stage's volume.
                func words(_ metric: String) -> String { metric.replacingOccurrences(of: "_", with: " ") }
                if let step = driver.step { return "Conversion from \(words(step.from)) to \(words(step.into))" }
                return "Volume of \(words(driver.key))"
            }
        }
    }

    /// Where the data ranks a leader's item (Q10): "#1 New logos ($385K at stake)".
    func dataSide(_ item: FocusComparison.LeaderItem) -> String {
        if let match = item.match, let rank = item.dataRank {
            return "#\(rank) \(match.title) (\(money.compact(match.atStake)) at stake)"
        }
        if let match = item.match { return "nothing at stake (\(match.title): \(reason(match.reason)))" }
        return "names no source, driver or KPI of the plan"
    }

    /// The leader's pick beside the data's first (Q11; nil `agrees`: nothing to rank).
    static func theOneComparison(_ agrees: Bool?, dataPick: FocusArea?) -> String {
        switch agrees {
        case true?: return "The data ranks the same area first."
        case false?: return "The data ranks another area first: \(dataPick.map(\.title) ?? "—") — bring both to the review."
        case nil: return "The data shows no gap to rank; the pick stands on the leader's judgement."
        }
    }

    /// The row of every table by source that holds the goal and revenue in no source.
    static let unassignedRow = "Not assigned to a source"

    /// Q3's note when the sources' goals do not add up to the region's.
    func sourcesMismatch(sourcesTotal: Decimal, goal: Decimal) -> String {
        let diff = sourcesTotal - goal
        return "The sources' goals add up to \(money.whole(sourcesTotal)), \(money.whole(abs(diff))) \(diff < 0 ? "short of" : "more than") the revenue goal of \(money.whole(goal)); the difference is “\(Self.unassignedRow)”."
    }

    /// Q4's note under the table by source: what is in no source, and its part of the gap.
    func unassignedNote(_ u: Unassigned) -> String {
        var parts: [String] = []
        if !u.goal.cents.isZero { parts.append("\(money.compact(u.goal)) of the goal is in no source (\(money.compact(u.planToDate)) of it due by now)") }
        if !u.actualToDate.cents.isZero { parts.append("\(money.compact(u.actualToDate)) of revenue came in rows with no source") }
        return (parts.joined(separator: "; ") + ": “\(Self.unassignedRow)” \(u.gap < 0 ? "takes \(money.compact(-u.gap)) of the gap" : "adds \(money.compact(u.gap))").").capitalizedFirst
    }

    /// What "nothing should stop" (Q6) says, fitted to what the plan lists.
    static func nothingToStop(_ region: Region, atRisk: Decimal) -> String {
        let threshold = Percent.format(atRisk.double, places: 0)
        if region.objectives.isEmpty && region.allActions.isEmpty { return "The plan lists no objectives or actions to judge." }
        var text = "No objective or action is below the at-risk band (\(threshold) of plan)"
        if region.allActions.isEmpty { text += "; the plan lists no actions" } else if region.allActions.contains(where: { $0.cost != nil }) {
            text += ", and every action with a budget is measured"
        }
        return text + "."
    }

    func reason(_ r: FocusArea.Reason) -> String {
        switch r {
        case .behindPlan(let a, let gap): return "\(Percent.format(a)) of plan to date, \(money.compact(-gap)) behind"
        case .unassigned(let gap): return "no source plan covers this part of the goal, \(money.compact(-gap)) behind its plan to date: assign it to a source and an owner"
        case .driverCost(let effect): return "cost \(money.compact(-effect)) of revenue to date in the funnel-driver split"
        case .kpiOffTrack(let a): return "KPI at \(Percent.format(a)) of its target to date"
        case .losingMomentum(let earlier, let recent):
            return "ahead of plan, but attainment fell from \(Percent.format(earlier)) to \(Percent.format(recent)) in the last months"
        case .onPlan(let a): return a.map { "\(Percent.format($0)) of plan to date" } ?? "no plan to date"
        }
    }

    /// A focus area's reason, what offsets it, and the chosen areas it shares dollars with
    /// (SPEC §13.4): "…; partly offset within its split: $500K of the gap; overlaps Lead volume".
    func focusWhy(_ f: FocusArea, titles: [FocusArea.Key: String]) -> String {
        var text = reason(f.reason)
        let part: Decimal? = switch f.reason {
        case .behindPlan(_, let gap) where f.basis != .leadAtRisk: -gap
        case .unassigned(let gap): -gap
        case .driverCost(let effect) where f.basis == .gapToDate: -effect
        default: nil
        }
        if let part, money.compact(part) != money.compact(f.atStake) {
            text += "; net of gains elsewhere in its split, \(money.compact(f.atStake)) of the \(money.compact(f.atStakeOf)) gap"
        }
        let shared = f.overlaps.compactMap { titles[$0] }
        if !shared.isEmpty { text += "; overlaps \(Self.list(shared)) (the same \(money.pluralName), split another way)" }
        return text
    }

    /// Dollars at stake summed across regions, with what they measure (SPEC §13.4): "$445K at
    /// stake in their gaps to date"; nil when the regions price them on different bases.
    func stakePhrase(_ atStake: Decimal?, basis: FocusArea.Basis?) -> String? {
        guard let atStake, let basis else { return nil }
        switch basis {
        case .gapToDate: return "\(money.compact(atStake)) of their revenue gaps to date"
        case .leadAtRisk: return "\(money.compact(atStake)) of their lead at risk in the rest of the year"
        case .profitGapToDate: return "\(money.compact(atStake)) of their profit shortfalls to date"
        }
    }

    /// The lead-in of a region's ranking: what its dollars at stake measure (SPEC §13.4).
    func rankingBasis(_ areas: [FocusArea]) -> String {
        guard let revenueArea = areas.first(where: { $0.basis != .profitGapToDate }) else {
            return "The data's ranking, by \(money.pluralName) at stake:"
        }
        switch revenueArea.basis {
        case .gapToDate:
            return "The data's ranking, by each area's part of the \(money.compact(revenueArea.atStakeOf)) revenue gap to date — split by source or by driver, each split adding up to the gap; areas of different splits share the same \(money.pluralName) (marked “overlaps”):"
        case .leadAtRisk, .profitGapToDate:
            return "The data's ranking, by the lead at risk in the rest of the year — each area's rest-of-year plan × how far it slipped, out of \(money.compact(revenueArea.atStakeOf)) still planned:"
        }
    }

    /// Q7's opening: the revenue gap to date in one sentence.
    func gapLine(_ gap: Decimal) -> String {
        gap < 0 ? "Revenue is \(money.compact(-gap)) behind plan." : gap > 0 ? "Revenue is ahead of plan by \(money.compact(gap))." : "Revenue is on plan."
    }

    /// Every driver of the gap, the largest first: what cost and what helped; nil when none moved.
    func splitLine(_ bridge: Bridge) -> String? {
        let said = bridge.steps.filter { !$0.effect.isZero }.sorted { abs($0.effect) > abs($1.effect) }.map { s in
            s.effect < 0 ? "\(s.phrase) cost \(money.compact(-s.effect))" : "\(s.phrase) added \(money.compact(s.effect))"
        }
        guard !said.isEmpty else { return nil }
        let sentence = said.joined(separator: "; ")
        let over = bridge.isFunnel ? "Split over the funnel's stages" : "Split by funnel driver"
        return "\(over) (the effects add up to the gap): " + sentence.prefix(1).uppercased() + sentence.dropFirst() + "."
    }

    /// Why the declared funnel's split is missing (and what is shown instead).
    static func funnelNotComputable(_ why: FunnelSplit.NotComputable, threeFactorSplitShown: Bool) -> String {
        "the split over the declared funnel is not computable: \(funnelNote(why))"
            + (threeFactorSplitShown ? "; the split below is by leads, lead-to-close and deal size" : "")
    }

    static func driversNotComputable(_ why: DriverBridge.NotComputable) -> String {
        "the funnel-driver split is not computable: \(driversReason(why))"
    }

    /// A driver factor in plain words (SPEC §13.3): "lead volume", "lead-to-close", "deal size",
    /// "inquiry volume", "inquiries → leads".
    static func factorWords(_ driver: Driver) -> String {
        switch driver {
        case .leads: return "lead volume"
        case .leadToClose: return "lead-to-close"
        case .dealSize: return "deal size"
        default:
            if let step = driver.step { return "\(Wording.metricName(step.from)) → \(Wording.metricName(step.into))" }
            return "\(Wording.metricName(driver.key)) volume"
        }
    }

    /// The cause as a table cell: "New logos · lead volume"; "—" where nothing is behind.
    static func causeCell(_ c: Cause, sourceName: (String) -> String?) -> String {
        var parts: [String] = []
        if let s = c.source { parts.append(s.id == FocusArea.unassignedId ? "goal without a source plan" : sourceName(s.id) ?? s.id) }
        if let d = c.driver { parts.append(factorWords(d.factor)) }
        return parts.isEmpty ? "—" : parts.joined(separator: " · ")
    }

    /// The headline's sentence on the cause of a region behind plan (SPEC §13.3).
    func causeLine(_ c: Cause, revenue: Figure, unassignedGap: Decimal, sourceName: (String) -> String?) -> String {
        guard revenue.status != .onTrack, revenue.isMeasured else { return "" }
        if c.isUnassignedGoal {
            return "Every source is at or above its plan: the shortfall is the part of the goal no source plan covers, \(money.compact(-unassignedGap)) behind its plan to date."
        }
        var source: String?
        if let s = c.source {
            let name = s.id == FocusArea.unassignedId ? "the part of the goal no source plan covers" : sourceName(s.id) ?? s.id
            source = "\(name) (\(money.compact(-s.gap)) behind)"
        }
        let driver = c.driver.map { d -> String in
            let words = d.factor.step.map { "the conversion of \(metric($0.from)) to \(metric($0.into))" } ?? Self.factorWords(d.factor)
            return "\(words) (cost \(money.compact(-d.effect)))"
        }
        switch (source, driver) {
        case let (s?, d?): return "By source the gap comes most from \(s); by driver, from \(d)."
        case let (s?, nil): return "By source the gap comes most from \(s)."
        case let (nil, d?): return "By driver the gap comes most from \(d)."
        case (nil, nil): return ""
        }
    }

    // MARK: Working and stop (Q5, Q6)

    func scored(_ item: Scored, region: Region) -> String {
        switch item.subject {
        case .source(let s):
            let r = s.revenue
            var name = "\(s.source.name) (source)"
            if let same = item.sameAs { name = "\(s.source.name) (source), and the objective “\(same.name)” on it" }
            return "\(name): \(money.signedCompact(r.gap)) against plan to date (\(Wording.percent(r.attainment)) of \(money.compact(r.planToDate)))."
        case .initiative(let i):
            var text = "\(i.kind == .objective ? "Objective" : "Action") “\(i.name)”"
            if let owner = i.owner { text += " (\(owner))" }
            if item.isNotMeasured {
                text += ": \(cost(i) ?? "") — not measured: no way to tell whether it works"
                return text + "."
            }
            let metric = i.metric.map(self.metric) ?? ""
            text += ": \(quantity(i.actual, metric: i.metric)) \(metric) against \(targetQuantity(i.targetToDate, metric: i.metric)) due by now (\(Wording.percent(i.attainment)))"
            if let cost = cost(i) {
                text += "; \(cost)"
                if let perResult = i.costPerResult {
                    text += ", \(money.amount(perResult, places: perResult < 100 ? 2 : 0)) per \(Wording.unitName(i.metric))"
                }
            }
            if let behind = item.sourceBehind {
                text += " — while its source, \(behind.source.name), is behind plan (\(Wording.percent(behind.revenue.attainment)), \(money.compact(-behind.revenue.gap)) short)"
            }
            if let objective = item.objectiveWorking {
                text += " — though its objective, “\(objective.name)”, is working"
            }
            if let rank = item.sourceFocusRank, let source = i.source.flatMap({ region.source(id: $0)?.name }) {
                text += " — \(source) is focus area #\(rank): change the approach, not the goal"
            }
            return text + "."
        }
    }

    /// A quantity in a sentence: money compact, counts whole.
    func quantity(_ value: Decimal?, metric: String?) -> String {
        guard let value else { return "—" }
        return Metric.money.contains(metric ?? "") ? money.compact(value) : Wording.count(value)
    }

    /// A target due by now: a count with one decimal where it is not whole (SPEC §13.8).
    func targetQuantity(_ value: Decimal?, metric: String?) -> String {
        guard let value else { return "—" }
        return Metric.money.contains(metric ?? "") ? money.compact(value) : Wording.countTarget(value)
    }

    /// What an action has cost so far, in words.
    func cost(_ i: Initiative) -> String? {
        switch i.costToDate {
        case .spent(let d)?: return "\(money.compact(d)) spent"
        case .budgetProRata(let d)?:
            return "\(money.compact(d)) of its \(money.compact(i.cost ?? 0)) budget to date, pro rata"
        case nil: return nil
        }
    }

    // MARK: Who owes what (SPEC §11.3)

    static func owes(_ o: Owed.Owes) -> String {
        switch o {
        case .recovery: return "a way back to plan"
        case .explanation(let v): return "the cause of a \(Percent.change(v)) variance"
        case .measure: return "a measure of whether it works"
        case .answers(let questions, let changes):
            var items: [String] = []
            if !questions.isEmpty { items.append((questions.count == 1 ? "question " : "questions ") + Wording.list(questions.map(String.init))) }
            if changes { items.append("the changes made") }
            return "answers to " + Wording.list(items)
        }
    }

    static func owesCode(_ o: Owed.Owes) -> String {
        switch o {
        case .recovery: return "recovery"
        case .explanation: return "explanation"
        case .measure: return "measure"
        case .answers: return "answers"
        }
    }

    /// The commitment in words: "Objective “Grow channel revenue” ($2.40M by 31 December 2026)".
    /// Who a leader is in a sentence: the plan's name, else "The leader" ("the leader" inside one).
    static func leader(_ name: String?, startsSentence: Bool = true) -> String {
        name ?? (startsSentence ? "The leader" : "the leader")
    }

    /// The questions the leader has not answered: "questions 5, 9 and the changes made"; nil for none.
    static func unanswered(_ u: Unanswered) -> String? {
        guard !u.isEmpty else { return nil }
        let open = u.questions.map(String.init) + (u.changes ? ["the changes made"] : [])
        return (u.questions.isEmpty ? "" : u.questions.count == 1 ? "question " : "questions ") + Wording.list(open)
    }

    /// An objective's or action's target and how it stands (Q1): "40 won deals from New logos
    /// by 31 Dec 2026 — 18 so far against 19.7 due by now (91.4 %, at risk)".
    func measure(_ i: Initiative, region: Region, findings: [PlanFinding]) -> String? {
        guard let metric = i.metric, let target = i.target else { return nil }
        let scope = i.source.flatMap { region.source(id: $0)?.name }.map { " from \($0)" } ?? ""
        var text = "\(quantity(target, metric: metric)) \(self.metric(metric))\(scope)"
        if let due = i.due { text += " by \(Wording.date(due))" }
        if let actual = i.actual, let attainment = i.attainment {
            text += " — \(quantity(actual, metric: metric)) so far against \(targetQuantity(i.targetToDate, metric: metric)) due by now (\(Percent.format(attainment)), \(Self.status(i.status, style: .inline)))"
        } else if case .metricNotInResults? = i.unmeasured {
            text += " — not measured: no results row carries \(self.metric(metric))"
        }
        // Two yardsticks for one source: say which, so 97 % here and 116 % in Q4 both make sense.
        for f in findings {
            if case .objectiveDiffersFromSource(i.id, _, _, let goal) = f.kind, let name = i.source.flatMap({ region.source(id: $0)?.name }) {
                text += "; \(Wording.possessive(name)) own goal for the period is \(money.compact(goal))"
            }
        }
        return text
    }

    /// A revision's new objectives and actions, one line each.
    func revisedInitiatives(_ r: RevisedPlan) -> [String] {
        r.objectives.map { o in
            "Objective “\(o.statement)”\(o.target.map { " — \(quantity($0, metric: o.metric)) \(metric(o.metric ?? ""))" } ?? "")\(o.due.map { " by \(Wording.date($0))" } ?? "")"
        } + r.actions.map { a in
            "Action “\(a.name)”\(a.owner.map { " — \($0)" } ?? "")\(a.cost.map { ", budget \(money.whole($0))" } ?? "")"
        }
    }

    static func revisionHeading(_ r: RevisedPlan) -> String { "In revision “\(r.id)” of \(Wording.date(r.date))" }

    /// Q4's landing: the call (SPEC §9.9), every method the chart draws, the monthly rate
    /// needed — and why there is no pipeline forecast where open deals were read (SPEC §12.2).
    func forecastLines(_ r: Figure, pipelineMissing: Pipeline.Missing? = nil) -> (call: String, methods: String?, required: String?) {
        let all = r.forecast.all
        var methods = all.count > 1
            ? "By method: " + all.map { "\(Self.method($0.method).explained) \(money.compact($0.value))" }.joined(separator: " · ") + "."
            : nil
        if let tested = backtestLine(r) { methods = methods.map { "\($0) \(tested)" } ?? tested }
        if let missing = pipelineMissing, missing != .noOpenDeals {
            let why = "No pipeline forecast: \(Self.pipelineNote(missing))."
            methods = methods.map { "\($0) \(why)" } ?? why
        }
        let needed = required(r)
        return (forecastCall(r), methods, needed.isEmpty ? nil : needed)
    }

    /// The categories table's first row: what is already closed.
    static let wonToDateRow = "Closed (won to date)"

    /// What the deal lists are called: the deals behind the gap where revenue is behind plan.
    static func dealListHeading(behindPlan: Bool) -> String { behindPlan ? "the deals behind the gap" : "the largest deals" }

    /// A KPI's status cell. The canary's row shows its one state: never "on track" while the
    /// rest of the year is not (`canary`: the region's canary, for the canary KPI's row only).
    static func kpiStatus(_ k: KPIResult, canary: Canary?) -> String {
        if let c = canary, let state = c.state, state != c.statusToDate { return status(state) + " (rest of the year)" }
        return k.isMeasured ? status(k.status, none: "no target") : status(nil, measured: false)
    }

    /// A deal owner as the tables show it: the deals with an empty owner field are one row.
    static func owner(_ name: String?) -> String { name ?? "(no owner)" }

    /// A loss reason as the tables show it: the lost deals with an empty reason field are one row.
    static func lossReason(_ reason: String?) -> String { reason ?? "(no reason given)" }

    /// The loss reasons beyond the table's, in one line.
    func moreLossReasons(_ rest: [LossReason]) -> String {
        "\(rest.count) more reason\(rest.count == 1 ? "" : "s"): \(rest.reduce(0) { $0 + $1.lostDeals }) deals, \(money.compact(rest.reduce(Decimal(0)) { $0 + $1.lostValue }))."
    }

    /// The funnel step furthest below its target: "Where leads die: …"; nil without one.
    func weakestStep(_ f: FunnelSplit) -> String? {
        guard let w = f.weakest, let i = f.stages.firstIndex(where: { $0.metric == w }), i > 0,
            let c = f.stages[i].conversion, let t = f.stages[i].target else { return nil }
        let from = metric(f.stages[i - 1].metric), into = metric(w)
        return "Where leads die: \(from) to \(into), \(Percent.format(c.double)) against a target of \(Percent.format(t.double)) (\(Percent.format((c / t).double)) of target), the furthest below target of any step."
    }

    /// What a packet page leaves to the full report: "and 3 more in the full report" (`whose`:
    /// "and 2 more of Dana's in the full report").
    static func moreInFullReport(_ n: Int, whose: String? = nil) -> String {
        "and \(n) more\(whose.map { " of \($0)'s" } ?? "") in the full report"
    }

    /// The one focus area as a packet page measures its lines: the leader's pick beside the
    /// data's, or the data's alone.
    static func packetPick(_ pick: String?, leader: String?, comparison: String?, dataPick: String?) -> String {
        pick.map { "\(Self.leader(leader)) picks \($0). \(comparison ?? "")" }
            ?? "the data's pick (none from \(Self.leader(leader, startsSentence: false)) yet): \(dataPick ?? "")"
    }

    /// The roll-up's cell for a region's one focus area: the leader's pick first (clipped; the
    /// region's report has it whole), marked where the data ranks another first.
    static func theOneCell(leader: String?, data: String?, differs: Bool) -> String {
        let one = leader.map { Wording.clip($0, 60) + (differs ? " ≠ data: \(data ?? "—")" : "") }
            ?? data.map { "\($0) (the data's pick)" } ?? "—"
        return one.isEmpty ? "—" : one
    }

    /// An attainment in a table cell, or why there is none ("not planned", "not measured").
    static func attainmentCell(_ f: Figure) -> String {
        !f.isPlanned ? "not planned" : f.isMeasured ? Wording.percent(f.attainment) : "not measured"
    }

    /// A region's revised goal in the roll-up's line: "North $900K (originally $1.00M), since …".
    func revisedGoal(_ name: String, _ v: RollupRegion.Revised) -> String {
        "\(name) \(money.compact(v.goal)) (originally \(money.compact(v.originalGoal))), since \(Wording.date(v.date)) "
            + (v.planSince > 0 ? "\(Wording.percent(v.attainmentSince)) (\(Self.status(v.statusSince, style: .inline)))" : "nothing due yet")
    }

    /// The Omitted forecast category's deals, which count toward nothing; nil without any.
    func omittedCategory(_ c: Categories) -> String? {
        let n = c.deals(.omitted)
        guard n > 0 else { return nil }
        return "Left out: \(n) deal\(n == 1 ? "" : "s") in the Omitted category (\(money.compact(c.amount(.omitted)))), which counts toward nothing."
    }

    /// What a commitment is called: the plan's name, or "The gut-check questions".
    static func commitmentName(_ o: Owed) -> String { o.name ?? "The gut-check questions" }

    func commitment(_ o: Owed) -> String {
        let kind: String
        switch o.kind {
        case .objective: kind = "Objective"
        case .action: kind = "Action"
        case .source: kind = "Source"
        case .kpi: kind = "KPI"
        case .question: return Self.commitmentName(o)
        }
        var text = "\(kind) “\(Self.commitmentName(o))”"
        var detail: [String] = []
        if let target = o.target, o.kind == .source { detail.append("\(money.compact(target)) for the year") }
        if let due = o.due { detail.append("due \(Wording.date(due))") }
        if !detail.isEmpty { text += " (\(detail.joined(separator: ", ")))" }
        return text
    }

    // MARK: Market shifts (Q9)

    func shift(_ s: MarketShift) -> String {
        let m = s.momentum
        guard s.readable else {
            let v = s.volume
            var carried = "\(money.compact(v.earlierActual)) then and \(money.compact(v.recentActual)) now"
            if let earlier = v.earlierWonDeals, let recent = v.recentWonDeals {
                carried += ", \(Wording.count(earlier)) and \(Wording.count(recent)) won deals"
            }
            return "Too small to read — \(s.sourceName): attainment moved from \(Percent.format(m.earlier)) of plan (\(Wording.months(m.earlierMonths, calendar: calendar))) to \(Percent.format(m.recent)) (\(Wording.months(m.recentMonths, calendar: calendar))) on \(carried): too little volume to call it a shift."
        }
        let kind = s.direction == .trigger ? "Trigger point" : "Challenge"
        let moved = s.direction == .trigger ? "rose" : "fell"
        let size = "\(Percent.format(abs(m.change))) \(m.change > 0 ? "higher" : "lower")"
        var text = "\(kind) — \(s.sourceName): attainment \(moved) from \(Percent.format(m.earlier)) of plan (\(Wording.months(m.earlierMonths, calendar: calendar))) to \(Percent.format(m.recent)) (\(Wording.months(m.recentMonths, calendar: calendar))), \(size)"
        if let last = s.lastYear {
            text += "; the same months last year brought \(money.compact(last.priorActual)) against \(money.compact(last.recentActual)) now (\(Percent.change(last.change)))"
            if s.readingsAgree == false {
                text += s.direction == .challenge
                    ? " — the two readings disagree: slower against this year's plan, yet up on last year"
                    : " — the two readings disagree: faster against this year's plan, yet down on last year"
            }
        }
        return text + "."
    }

    // MARK: Notes

    static func driversNote(_ n: DriverBridge.NotComputable) -> String {
        switch n {
        case .noConversionKPI: return "the plan sets no lead-to-close target (a KPI won_deals / leads)"
        case .noDealSizeKPI: return "the plan sets no average deal size target (a KPI revenue / won_deals)"
        case .zeroTarget: return "a driver's target is 0"
        case .noPlanToDate: return "the revenue plan to date is 0"
        case .noLeads: return "no leads are recorded to date"
        case .noWonDeals: return "no won deals are recorded to date"
        case .noRevenue: return "revenue to date is not positive"
        }
    }

    /// The same, without the plan's vocabulary, for board views.
    static func driversReason(_ n: DriverBridge.NotComputable) -> String {
        switch n {
        case .noConversionKPI: return "the plan sets no lead-to-close target"
        case .noDealSizeKPI: return "the plan sets no average deal size target"
        default: return driversNote(n)
        }
    }

    static func funnelNote(_ n: FunnelSplit.NotComputable) -> String {
        switch n {
        case .notEndingInWonDeals(let last): return "the funnel ends at \(Wording.metricName(last)), not at won deals"
        case .noDealSizeKPI: return "the plan sets no average deal size target (revenue per won deal)"
        case .missingTarget(let step):
            let parts = step.split(separator: "/").map { Wording.metricName(String($0)) }
            return "no conversion target is set from \(parts.last ?? "") to \(parts.first ?? "")"
        case .noPlanToDate: return "nothing is planned to date"
        case .noCount(let stage): return "no \(Wording.metricName(stage)) to date"
        case .noRevenue: return "no revenue to date"
        }
    }

    static func pipelineNote(_ m: Pipeline.Missing) -> String {
        switch m {
        case .noOpenDeals: return "no open deals in the results"
        case .noWinProbabilities: return "the plan gives no win probabilities for the deal stages"
        case .noneInRestOfYear: return "no open deals close in the rest of the year"
        case .noAmounts: return "the open deals closing in the rest of the year carry no amount"
        }
    }

    // MARK: Plan findings

    /// A plan finding for `check` (ids, YAML keys and the fix) or for a board view (names, no keys).
    func finding(_ f: PlanFinding, region: Region?, forCheck: Bool) -> String {
        let inRegion = forCheck ? " in region '\(f.region)'" : ""
        func objective(_ id: String) -> String {
            forCheck ? "objective '\(id)'\(inRegion)" : "objective “\(region?.objectives.first { $0.id == id }?.statement ?? id)”"
        }
        func kpi(_ id: KPI.ID) -> String {
            forCheck ? "KPI '\(id)'\(inRegion)" : "KPI “\(region?.kpis.first { $0.id == id }?.name ?? id.rawValue)”"
        }
        let text: String
        switch f.kind {
        case .objectiveNotSMART(let id, let gaps):
            let missing = gaps.map { gap -> String in
                switch gap {
                case .noMetric: return "no metric"
                case .noTarget: return "no target"
                case .noDueDate: return "no due date"
                case .dueAfterYear(let day): return "due \(day), after the fiscal year ends"
                }
            }
            // "SMART" is the plan-writer's word; a director reads what is missing.
            let phrases = gaps.map { gap -> String in
                switch gap {
                case .noMetric: return "has no metric"
                case .noTarget: return "has no target"
                case .noDueDate: return "has no due date"
                case .dueAfterYear(let day): return "is due \(day), after the fiscal year ends"
                }
            }
            text = forCheck ? "\(objective(id)) is not SMART: \(missing.joined(separator: ", "))"
                : "\(objective(id)) \(Wording.list(phrases))"
        case .actionWithoutObjective(let id):
            text = forCheck ? "action '\(id)'\(inRegion) is tied to no objective"
                : "action “\(region?.allActions.first { $0.id == id }?.name ?? id)” is tied to no objective"
        case .sourcesDoNotAddUp(let total, let goal):
            text = forCheck
                ? "sources of region '\(f.region)' add up to \(Money.plain(total)), not the revenue goal \(Money.plain(goal))"
                : "the sources add up to \(money.whole(total)), not the revenue goal of \(money.whole(goal)); the difference is shown as “Not assigned to a source”"
        case .sourceProfitsDoNotAddUp(let total, let goal):
            text = forCheck
                ? "the sources' profit goals of region '\(f.region)' add up to \(Money.plain(total)), not the profit goal \(Money.plain(goal))"
                : "the sources' profit goals add up to \(money.whole(total)), not the profit goal of \(money.whole(goal))"
        case .objectiveDiffersFromSource(let id, let source, let target, let goal):
            let name = forCheck ? "'\(source)'" : (region?.source(id: source)?.name ?? source.rawValue)
            text = "\(objective(id)) targets \(money.whole(target)) of revenue from \(forCheck ? "source " : "")\(name), whose goal over the same period is \(money.whole(goal)); the objective and the source's goal should agree"
        case .kpiWithoutTarget(let id):
            text = "\(kpi(id)) has no target"
        case .profitNotMeasured:
            text = forCheck
                ? "region '\(f.region)' has a profit goal but no results file carries profit, so profit is not measured; add a profit column (results.deals.columns.profit) or profit rows"
                : "profit is not measured: no results row carries profit"
        case .kpiNotMeasured(let id, let metrics):
            text = "\(kpi(id)) is not measured: no results \(forCheck ? "file" : "row") carries \(Wording.list(metrics.map(Wording.metricName)))"
        case .noResultsToDate:
            text = forCheck
                ? "region '\(f.region)' has no results rows from \(calendar.start.firstDay) through the cut-off \(calendar.asOf): its figures are not a measurement (--strict makes this an error)"
                : "no results for this region through the cut-off — its figures are not a measurement"
        case .goalElementMissing(let element):
            let key = element == .relationships ? "goals.relationships" : "goals.customer_success"
            text = forCheck
                ? "region '\(f.region)' states no \(Self.elementName(element)) goal, one of a goal's three elements; add \(key) and an objective with goal: \(element.rawValue) and a metric that measures it"
                : "no \(Self.elementName(element)) goal is stated, one of a goal's three elements"
        case .goalElementUnmeasured(let element):
            text = forCheck
                ? "no objective of region '\(f.region)' measures its \(Self.elementName(element)) goal; add one with goal: \(element.rawValue), a metric (e.g. \(Self.elementMetricExample(element))) and a target"
                : "no objective measures the \(Self.elementName(element)) goal"
        case .objectiveMeasuredByAnotherGoal(let id, let goal, let metric, let measures):
            text = forCheck
                ? "\(objective(id)) serves the \(Self.goalName(goal)) goal but is measured by \(metric), a measure of the \(Self.goalName(measures)) goal, so it is not judged as working or to stop; give it a metric of its own goal (e.g. \(Self.elementMetricExample(goal)))"
                : "\(objective(id)) serves the \(Self.goalName(goal)) goal but is measured by \(self.metric(metric)), a \(Self.goalName(measures)) measure: it is not judged as working or to stop"
        case .phasingUnlikeLastYear(let shape, let suggested):
            let span = Wording.months(0..<calendar.monthsTouched, calendar: calendar)
            text = forCheck
                ? "the phasing of region '\(f.region)' puts \(Percent.format(shape.planShare.double)) of the revenue goal in \(span), where last year those months brought \(Percent.format(shape.lastYearShare.double)) of the year, so its plan to date asks \(shape.planShare > shape.lastYearShare ? "more" : "less") of these months than the season gave; if last year's season holds, phase the goal like it, e.g. phasing: [\(suggested.map(String.init).joined(separator: ", "))]"
                : String(shapeLine(shape, calendar: calendar, thresholds: nil).dropLast())
        case .teamWithoutOwners:
            text = forCheck
                ? "team: lists quotas in region '\(f.region)' but no deal export maps an owner column, so quota attainment is not measured; map it under results.deals.columns.owner"
                : "quota attainment is not measured: the results name no deal owners"
        }
        return forCheck ? text : text.prefix(1).uppercased() + text.dropFirst() + "."
    }

    /// "relationships", "revenue", "customer success".
    static func elementName(_ element: Goals.Kind) -> String {
        switch element {
        case .relationships: return "relationships"
        case .revenue, .profit: return "revenue"
        case .customerSuccess: return "customer success"
        }
    }

    static func goalName(_ goal: Goals.Kind) -> String { goal == .profit ? "profit" : elementName(goal) }

    /// A goal as a table's row title: "Revenue", "Customer success"; "No goal named" for objectives that name none.
    static func goalTitle(_ goal: Goals.Kind?) -> String { goal.map { goalName($0).capitalizedFirst } ?? "No goal named" }

    /// Q1's three elements of a goal: "Relationships", "The roadmap to revenue", "Customer success".
    static func elementTitle(_ element: Goals.Kind) -> String {
        element == .revenue || element == .profit ? "The roadmap to revenue" : elementName(element).capitalizedFirst
    }

    /// The roadmap to revenue in the plan's figures: "$12,000,000 of revenue from 3 sources, $2,400,000 of profit".
    func roadmap(_ g: Goals, sources: Int) -> String {
        "\(money.whole(g.revenue)) of revenue\(sources > 0 ? " from \(sources) source\(sources == 1 ? "" : "s")" : ""), \(g.plansProfit ? "\(money.whole(g.profit)) of profit" : "no profit goal")"
    }

    /// What an element of a goal lacks: a statement in the plan, or an objective that measures it; nil for neither.
    static func elementGap(stated: Bool, measured: Bool) -> String? {
        !stated ? "Not stated in the plan." : !measured ? "No objective measures it yet." : nil
    }

    static func elementMetricExample(_ element: Goals.Kind) -> String {
        switch element {
        case .relationships: return "qbrs_held"
        case .revenue, .profit: return "revenue"
        case .customerSuccess: return "nrr, declared with aggregate: last"
        }
    }

    /// The `check` warning for a finding.
    func diagnostic(_ f: PlanFinding, region: Region?) -> Diagnostic {
        Diagnostic(.warning, finding(f, region: region, forCheck: true), at: f.location)
    }

    /// The `check` warning for a material variance with no explanation.
    static func unexplained(_ v: MaterialVariance) -> Diagnostic? {
        guard v.explanation == nil else { return nil }
        let direction = v.variance < 0 ? "below" : "above"
        return Diagnostic(.warning, "\(v.kind == .kpi ? "KPI" : "source") '\(v.id)' in region '\(v.region)' is \(Percent.format(abs(v.variance)).replacingOccurrences(of: "\u{00A0}", with: " ")) \(direction) plan with no explanation; add one under the region's midyear.explanations.\(v.id)",
                          at: v.location)
    }
}

// What each view calls a focus area: the narrative layer's title (`Narrative.title`).
extension FocusArea {
    var title: String { Narrative.title(key, name: name) }
}

extension RollupRegion.Focus {
    var title: String { Narrative.title(key, name: name) }
}

extension Rollup.RecurringFocus {
    var title: String { Narrative.title(key, name: name) }
}
