import Foundation
import GutcheckCore

/// The roll-up's view model (the index, the packet's executive summary and the CI job
/// summary), documented in docs/templates.md.
struct IndexPage: TemplateModel {
    struct Headline: TemplateModel {
        var status: String
        var text: String
        var board: String?
        /// The bottom line for the packet's cover: revenue to date, the call, the regions by status.
        var brief: String
    }

    struct TotalRow: TemplateModel { var name, goal, plan, actual, attainment, gap, status: String }

    struct RegionRow: TemplateModel {
        var rank, id, name, leader, link, revenueAttainment, revenueGap, profitAttainment, profitGap, status, canary: String
        /// What the gap comes most from: the source and the driver (SPEC §13.3).
        var behindOn: String
        /// The leader's pick, or nil when none was given.
        var leaderOne: String?
        /// The data's first focus area ("—" when nothing is behind).
        var dataOne: String
        /// The leader's pick and the data's first differ: shown with a mark.
        var differs: Bool
        /// One cell for narrow tables: the leader's pick first, the data's beside it.
        var theOne: String
        var also: String
    }

    struct SourceRow: TemplateModel {
        var name, regions, plan, actual, attainment, gap, status: String
        var unassigned: Bool
    }

    struct Sources: TemplateModel {
        var any: Bool
        var rows: [SourceRow]
        var total: SourceRow
    }

    struct RecurringRow: TemplateModel {
        var title, count, regions: String
        /// What the regions' dollars at stake add up to, with their basis; nil when bases differ.
        var atStake: String?
    }

    struct OwnerRow: TemplateModel { var owner, region, commitments: String }

    /// A region's revised goal beside the original (SPEC §11.1).
    struct RevisedRow: TemplateModel { var name, original, goal, since, planSince, actualSince, attainment, status: String }

    struct Forecast: TemplateModel {
        var call: String
        var methods: String?
        var required: String?
    }

    struct CategoryRow: TemplateModel { var name, closed, commit, bestCase, pipeline, commitReach, bestCaseReach: String }

    struct CategoryTable: TemplateModel {
        var text: String
        var rows: [CategoryRow]
        var total: CategoryRow
        /// Omitted deals are not a column (they count toward nothing): their total in a line.
        var omitted: String?
    }

    var company, fiscalYear, cutOff, elapsed, currency, regionCount: String
    /// "1 region", "4 regions".
    var regionsCounted: String
    var headline: Headline
    var totals: [TotalRow]
    var quarters: QuarterTable
    /// Forecast categories by region and for the company (SPEC §15.1), with a category column.
    var categories: CategoryTable?
    var charts: [String: String]
    var forecast: Forecast
    var regions: [RegionRow]
    var canaries: [String]
    var canariesLead = Narrative.canariesSoundingLead
    var hasCanaries: Bool
    var sources: Sources
    var recurringFocus: [RecurringRow]
    var hasRecurring: Bool
    var owners: [OwnerRow]
    var hasOwners: Bool
    var revisions: [RevisedRow]
    var hasRevisions: Bool
    /// The revised plans in one line, for the packet's summary.
    var revisionsLine: String?
    var planCheck: [String]
    var hasPlanCheck: Bool
    var dataNotes: [String]
    var changes: ChangesText.Company?
    /// Revenue set aside for values the plan lacks, when above 5 % of what was read (SPEC §14.4).
    var setAside: SetAside?
    /// Which regions are converted into the plan's currency, and at what rates (SPEC §15.7).
    var planRates: String?
    struct SetAside: TemplateModel { var share, values: String }
    // The packet's summary and the job summary add these.
    var showChart = false
    var summaryRegions: [RegionRow] = []
    var regionsLeftOut: String?
    var hasNotes = false
    var trimmed: String?
}

/// Builds the roll-up's view model from a `Rollup`.
struct IndexPresenter {
    let rollup: Rollup
    /// Each region's plan findings in board words, by region id (`RunResult.findingWords`).
    let findingWords: [Region.ID: [String]]
    let charts: [String: String]
    let regionLink: (Region.ID) -> String

    var say: Narrative { Narrative(currency: rollup.currency, calendar: rollup.calendar) }
    var money: CurrencyFormat { say.money }

    func page(changes: ChangesText.Company? = nil) -> IndexPage {
        let r = rollup.revenue
        var text = [say.revenueLine(r), say.shapeHeadline(r, thresholds: rollup.thresholds), say.profitLine(rollup.profit), say.forecastCall(r)]
            .filter { !$0.isEmpty }
        let counts = Dictionary(grouping: rollup.regions, by: { $0.revenue.status })
        let summary = [Status.onTrack, .atRisk, .offTrack].compactMap { s in counts[s].map { "\($0.count) \(Narrative.status(s, style: .inline))" } }
        let regions = summary.isEmpty ? "" : "Regions: \(summary.joined(separator: ", "))."
        text.append(regions)
        text = text.filter { !$0.isEmpty }
        let brief = [say.revenueLine(r), say.forecastCall(r), regions].filter { !$0.isEmpty }.joined(separator: " ")
        let board = say.board(rollup.board, revenue: r)
        let forecast = say.forecastLines(r)
        let canaries = rollup.canariesSounding.compactMap { region in region.canary.map { "\(region.name): \($0.name) — \(say.readings($0))." } }
        let recurring = recurring()
        let owners = rollup.owners.map { o in
            IndexPage.OwnerRow(owner: Narrative.leader(o.owner), region: o.region, commitments: o.items.map { say.commitment($0) }.joined(separator: "; "))
        }
        let planCheck = rollup.regions.flatMap { region in (findingWords[region.id] ?? []).map { "\(region.name): \($0)" } }
        let revised = rollup.regions.compactMap { region in region.revision.map { (region, $0) } }
        let revisions = revised.map { region, v in
            IndexPage.RevisedRow(name: region.name, original: Money.plain(v.originalGoal), goal: Money.plain(v.goal), since: Wording.date(v.date),
                                 planSince: Money.plain(v.planSince), actualSince: Money.plain(v.actualSince),
                                 attainment: Wording.percent(v.attainmentSince), status: Narrative.status(v.statusSince))
        }
        let revisionsLine = revised.isEmpty ? nil : revised.map { region, v in say.revisedGoal(region.name, v) }.joined(separator: "; ")
        return IndexPage(
            company: rollup.company ?? "Company", fiscalYear: String(rollup.fiscalYear), cutOff: Wording.date(rollup.calendar.asOf),
            elapsed: Wording.months(rollup.calendar.elapsed), currency: rollup.currency.code, regionCount: String(rollup.regions.count),
            regionsCounted: rollup.regions.count == 1 ? "1 region" : "\(rollup.regions.count) regions",
            headline: .init(status: Narrative.status(r.status, measured: r.isMeasured, style: .headline), text: text.joined(separator: " "),
                            board: board.isEmpty ? nil : board, brief: brief),
            totals: [total("Revenue", rollup.revenue), total("Profit", rollup.profit)],
            quarters: QuarterTable(rollup.revenue, calendar: rollup.calendar), categories: categoryTable(), charts: charts,
            forecast: .init(call: forecast.call, methods: forecast.methods, required: forecast.required),
            regions: regionRows(),
            canaries: canaries, hasCanaries: !canaries.isEmpty, sources: sources(), recurringFocus: recurring,
            hasRecurring: !recurring.isEmpty, owners: owners, hasOwners: !owners.isEmpty,
            revisions: revisions, hasRevisions: !revisions.isEmpty, revisionsLine: revisionsLine,
            planCheck: planCheck, hasPlanCheck: !planCheck.isEmpty,
            dataNotes: DataNoteText.lines(rollup.notes, naming: .fiscalYears(fiscalYear: rollup.fiscalYear, start: rollup.calendar.start)), changes: changes, setAside: setAsideBanner(),
            planRates: Narrative.planRates(rollup.converted, into: rollup.currency))
    }

    func categoryTable() -> IndexPage.CategoryTable? {
        guard let total = rollup.categories else { return nil }
        func row(_ name: String, _ c: Categories) -> IndexPage.CategoryRow {
            .init(name: name, closed: Money.plain(c.closed), commit: Money.plain(c.amount(.commit)), bestCase: Money.plain(c.amount(.bestCase)),
                  pipeline: Money.plain(c.amount(.pipeline)), commitReach: Wording.percent(c.commitReach), bestCaseReach: Wording.percent(c.bestCaseReach))
        }
        // The rows are rounded apart: apportion each column so they add up to the total shown,
        // the unit going to a converted region first (its figure is already an approximation).
        let parts = rollup.regions.map { $0.categories! }
        var rows = zip(rollup.regions, parts).map { row($0.name, $1) }
        let own = Set(rollup.regions.indices.filter { rollup.regions[$0].currency == nil })
        func column(_ value: (Categories) -> Decimal, _ set: (inout IndexPage.CategoryRow, String) -> Void) {
            for (i, v) in Apportion.round(parts.map(value), total: value(total), keep: own).enumerated() { set(&rows[i], Money.plain(v)) }
        }
        column({ $0.closed }) { $0.closed = $1 }
        column({ $0.amount(.commit) }) { $0.commit = $1 }
        column({ $0.amount(.bestCase) }) { $0.bestCase = $1 }
        column({ $0.amount(.pipeline) }) { $0.pipeline = $1 }
        let omitted = say.omittedCategory(total)
        return .init(text: say.categories(total), rows: rows, total: row("Total", total), omitted: omitted)
    }

    func setAsideBanner() -> IndexPage.SetAside? {
        guard let share = rollup.notes.setAsideShare(counted: rollup.revenue.actualToDate) else { return nil }
        return .init(share: Percent.format(share), values: rollup.notes.topUnknownValues(3).joined(separator: ", "))
    }

    func total(_ name: String, _ f: Figure) -> IndexPage.TotalRow {
        let row = RegionPresenter.figureRow(name, f, strong: true)
        return .init(name: name, goal: f.isPlanned ? Money.plain(f.goal) : "—", plan: row.plan, actual: row.actual, attainment: row.attainment,
                     gap: row.gap, status: row.status)
    }

    /// The regions, best first; each gap its exact value rounded once (SPEC §13.8).
    func regionRows() -> [IndexPage.RegionRow] {
        rollup.ranked.enumerated().map { i, region in
            regionRow(region, rank: i + 1, revenueGap: region.revenue.gap, profitGap: region.profit.gap)
        }
    }

    func regionRow(_ a: RollupRegion, rank: Int, revenueGap: Decimal, profitGap: Decimal) -> IndexPage.RegionRow {
        let data = a.focus.first?.title
        let differs = a.theOneAgrees == false
        return .init(
            rank: String(rank), id: a.id.rawValue, name: a.name, leader: a.leader ?? "—", link: regionLink(a.id),
            revenueAttainment: Wording.percent(a.revenue.attainment), revenueGap: a.revenue.isMeasured ? Money.signed(revenueGap) : "—",
            profitAttainment: Narrative.attainmentCell(a.profit),
            profitGap: a.profit.isMeasured && a.profit.isPlanned ? Money.signed(profitGap) : "—",
            status: Narrative.status(a.revenue.status, measured: a.revenue.isMeasured), canary: say.canaryCell(a.canary),
            behindOn: a.revenue.status == .onTrack || !a.revenue.isMeasured ? "—"
                : Narrative.causeCell(a.cause, sourceName: { id in a.sources.first { $0.id.rawValue == id }?.name }),
            leaderOne: a.leaderTheOne, dataOne: data ?? "—", differs: differs,
            theOne: Narrative.theOneCell(leader: a.leaderTheOne, data: data, differs: differs),
            also: a.focus.dropFirst().map(\.title).joined(separator: ", "))
    }

    func sources() -> IndexPage.Sources {
        let sources = rollup.sources
        let u = rollup.unassigned
        func row(_ r: RegionPage.FigureRow, regions: String, unassigned: Bool = false) -> IndexPage.SourceRow {
            .init(name: r.name, regions: regions, plan: r.plan, actual: r.actual, attainment: r.attainment, gap: r.gap,
                  status: r.status, unassigned: unassigned)
        }
        var rows = sources.enumerated().map { i, s in
            let regions = s.regions.count == rollup.regions.count && s.regions.count > 1 ? Wording.all(s.regions.count) : s.regions.joined(separator: "; ")
            return row(RegionPresenter.figureRow(s.name, s.revenue), regions: regions)
        }
        if u.isShown {
            let regions = rollup.regions.filter { $0.unassigned.isShown }.map(\.name)
            rows.append(row(RegionPresenter.unassignedRow(u), regions: regions.joined(separator: "; "),
                            unassigned: true))
        }
        // "The rows add up to the company's revenue": as shown, too (each rounded apart could miss by a unit).
        let plans = sources.map(\.revenue.planToDate) + (u.isShown ? [u.planToDate] : [])
        let actuals = sources.map(\.revenue.actualToDate) + (u.isShown ? [u.actualToDate] : [])
        let gaps = zip(actuals, plans).map { $0 - $1 }
        let shownPlan = Apportion.round(plans, total: rollup.revenue.planToDate), shownActual = Apportion.round(actuals, total: rollup.revenue.actualToDate)
        let shownGap = Apportion.round(gaps, total: rollup.revenue.gap)
        for i in rows.indices {
            if rows[i].plan != "—" { rows[i].plan = Money.plain(shownPlan[i]) }
            if rows[i].actual != "—" { rows[i].actual = Money.plain(shownActual[i]) }
            if rows[i].gap != "—" { rows[i].gap = Money.signed(shownGap[i]) }
        }
        return .init(any: !sources.isEmpty, rows: rows, total: row(RegionPresenter.figureRow("Total", rollup.revenue), regions: ""))
    }

    func recurring() -> [IndexPage.RecurringRow] {
        rollup.recurringFocus.map { f in
            .init(title: f.title, count: f.regions.count == rollup.regions.count ? Wording.all(f.regions.count) : String(f.regions.count),
                  regions: f.regions.joined(separator: "; "), atStake: say.stakePhrase(f.atStake, basis: f.basis))
        }
    }
}
