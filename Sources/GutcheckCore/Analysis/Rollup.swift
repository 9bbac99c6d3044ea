import Foundation

/// What the company roll-up (the index, the CI job summary, `--fail-on`) needs from each
/// region, and the totals summed from them (SPEC §7). Built from a run's analysis, or by
/// `gutcheck rollup` from shard summaries that carry these inputs exactly — the same
/// figures either way, so a sharded run and a single run write the same bytes.
public struct Rollup: Sendable {
    public var company: String?
    public var fiscalYear: Int
    public var currency: Currency
    public var calendar: FiscalCalendar
    public var thresholds: Thresholds
    /// In plan order.
    public var regions: [RollupRegion]
    public var notes: DataNotes
    public let revenue: Figure
    public let profit: Figure

    public init(company: String?, fiscalYear: Int, currency: Currency, calendar: FiscalCalendar, thresholds: Thresholds,
                regions: [RollupRegion], notes: DataNotes) {
        self.company = company
        self.fiscalYear = fiscalYear
        self.currency = currency
        self.calendar = calendar
        self.thresholds = thresholds
        self.regions = regions
        self.notes = notes
        revenue = Figure(sum: regions.map(\.revenue), calendar: calendar, thresholds: thresholds)
        profit = Figure(sum: regions.map(\.profit), calendar: calendar, thresholds: thresholds)
    }

    public init(_ company: CompanyAnalysis) {
        self.init(company: company.plan.company, fiscalYear: company.plan.fiscalYear, currency: company.plan.currency,
                  calendar: company.calendar, thresholds: company.plan.thresholds,
                  regions: company.regions.map(RollupRegion.init), notes: company.notes)
    }

    /// Regions by revenue attainment, best first (undefined last, then by id for stability).
    public var ranked: [RollupRegion] {
        regions.sorted { a, b in
            let x = a.revenue.attainment ?? -.infinity
            let y = b.revenue.attainment ?? -.infinity
            return x != y ? x > y : a.id < b.id
        }
    }

    public var findings: [String] { regions.flatMap(\.findings) }
    /// Regions whose canary sounds (revenue on plan, conversion not enough for the goal).
    public var canariesSounding: [RollupRegion] { regions.filter { $0.funnel?.sounds == true } }
}

/// One region as the roll-up sees it.
public struct RollupRegion: Sendable {
    public var id: String
    public var name: String
    public var leader: String?
    public var revenue: Figure
    public var profit: Figure
    public var canary: Canary?
    /// Focus-area titles, the one first.
    public var focusAreas: [String]
    /// Lead-to-close the rest of the year needs and achieved so far; whether the canary sounds.
    public var funnel: Funnel?

    public struct Funnel: Sendable, Equatable {
        public var required: Double
        public var achieved: Double
        public var sounds: Bool
        public init(required: Double, achieved: Double, sounds: Bool) {
            self.required = required
            self.achieved = achieved
            self.sounds = sounds
        }
    }
    /// Plan-check messages.
    public var findings: [String]

    public struct Canary: Sendable {
        public var name: String
        public var unit: KPI.Unit
        public var actual: Decimal?
        public var target: Decimal?
        public var status: Status?

        public init(name: String, unit: KPI.Unit, actual: Decimal?, target: Decimal?, status: Status?) {
            self.name = name
            self.unit = unit
            self.actual = actual
            self.target = target
            self.status = status
        }
    }

    public init(id: String, name: String, leader: String?, revenue: Figure, profit: Figure, canary: Canary?,
                focusAreas: [String], findings: [String], funnel: Funnel? = nil) {
        self.funnel = funnel
        self.id = id
        self.name = name
        self.leader = leader
        self.revenue = revenue
        self.profit = profit
        self.canary = canary
        self.focusAreas = focusAreas
        self.findings = findings
    }

    public init(_ analysis: RegionAnalysis) {
        self.init(
            id: analysis.region.id, name: analysis.region.name, leader: analysis.region.leader,
            revenue: analysis.revenue, profit: analysis.profit,
            canary: analysis.canary.map { Canary(name: $0.kpi.name, unit: $0.kpi.unit, actual: $0.actual, target: $0.kpi.target, status: $0.status) },
            focusAreas: analysis.focusAreas.map(\.title), findings: analysis.findings.map(\.message),
            funnel: analysis.funnelNeed.map { Funnel(required: $0.required, achieved: $0.achieved, sounds: analysis.canarySounds) })
    }
}
