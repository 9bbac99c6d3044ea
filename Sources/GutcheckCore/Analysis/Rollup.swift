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

    /// A source summed over the regions that plan it (matched by id), in plan order.
    public struct CompanySource: Sendable {
        public var id: String
        /// The first region's name for it.
        public var name: String
        public var regions: [String]
        public var revenue: Figure
    }

    /// The sources across all regions: the same source id in several regions is one line.
    public var sources: [CompanySource] {
        var order: [String] = []
        var parts: [String: (name: String, regions: [String], figures: [Figure])] = [:]
        for region in regions {
            for source in region.sources {
                if parts[source.id] == nil { order.append(source.id); parts[source.id] = (source.name, [], []) }
                parts[source.id]!.regions.append(region.name)
                parts[source.id]!.figures.append(source.revenue)
            }
        }
        return order.map { id in
            let p = parts[id]!
            return CompanySource(id: id, name: p.name, regions: p.regions,
                                 revenue: Figure(sum: p.figures, calendar: calendar, thresholds: thresholds))
        }
    }

    /// A focus area in the top three of two or more regions.
    public struct RecurringFocus: Sendable {
        public var kind: String
        public var id: String
        public var title: String
        public var regions: [String]
        /// Summed over those regions: dollars at stake in the rest of the year.
        public var atStake: Decimal
    }

    /// Focus areas that recur across regions (same kind and id), most regions first, then
    /// by dollars at stake.
    public var recurringFocus: [RecurringFocus] {
        var order: [String] = []
        var found: [String: RecurringFocus] = [:]
        for region in regions {
            for f in region.focus {
                let key = "\(f.kind)/\(f.id)"
                if found[key] == nil {
                    order.append(key)
                    found[key] = RecurringFocus(kind: f.kind, id: f.id, title: f.title, regions: [], atStake: 0)
                }
                found[key]!.regions.append(region.name)
                found[key]!.atStake += f.atStake
            }
        }
        return order.compactMap { found[$0] }.filter { $0.regions.count >= 2 }.enumerated().sorted { x, y in
            let (a, b) = (x.element, y.element)
            if a.regions.count != b.regions.count { return a.regions.count > b.regions.count }
            return a.atStake != b.atStake ? a.atStake > b.atStake : x.offset < y.offset
        }.map(\.element)
    }
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
    /// The top three focus areas, the one first.
    public var focus: [Focus]
    public var focusAreas: [String] { focus.map(\.title) }
    /// The region's sources (revenue only).
    public var sources: [Source]

    public struct Focus: Sendable {
        public var kind: String
        public var id: String
        public var title: String
        public var atStake: Decimal
        public init(kind: String, id: String, title: String, atStake: Decimal) {
            self.kind = kind
            self.id = id
            self.title = title
            self.atStake = atStake
        }
    }

    public struct Source: Sendable {
        public var id: String
        public var name: String
        public var revenue: Figure
        public init(id: String, name: String, revenue: Figure) {
            self.id = id
            self.name = name
            self.revenue = revenue
        }
    }
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
                focus: [Focus], sources: [Source], findings: [String], funnel: Funnel? = nil) {
        self.focus = focus
        self.sources = sources
        self.funnel = funnel
        self.id = id
        self.name = name
        self.leader = leader
        self.revenue = revenue
        self.profit = profit
        self.canary = canary
        self.findings = findings
    }

    public init(_ analysis: RegionAnalysis) {
        self.init(
            id: analysis.region.id, name: analysis.region.name, leader: analysis.region.leader,
            revenue: analysis.revenue, profit: analysis.profit,
            canary: analysis.canary.map { Canary(name: $0.kpi.name, unit: $0.kpi.unit, actual: $0.actual, target: $0.kpi.target, status: $0.status) },
            focus: analysis.focusAreas.map { Focus(kind: $0.kind.rawValue, id: $0.id, title: $0.title, atStake: $0.atStake) },
            sources: analysis.sources.map { Source(id: $0.source.id, name: $0.source.name, revenue: $0.revenue) },
            findings: analysis.findings.map(\.message),
            funnel: analysis.funnelNeed.map { Funnel(required: $0.required, achieved: $0.achieved, sounds: analysis.canarySounds) })
    }
}
