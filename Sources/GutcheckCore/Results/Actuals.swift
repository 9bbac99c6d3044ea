import Foundation

/// Results aggregated while they are read: per region × source × metric, one figure per
/// fiscal month of this year and of the prior year. Memory grows with regions × sources ×
/// metrics × months, never with rows (SPEC §6).
public struct Actuals: Sendable {
    /// `source == nil`: rows with an empty source, counted in the region only.
    public struct Key: Hashable, Sendable {
        public var region: Region.ID
        public var source: Source.ID?
        public var metric: String
    }

    /// Monthly figures. Flows are sums; stocks keep the value of the latest dated rows
    /// (rows sharing that latest date are added: a stock split across rows).
    public struct Series: Sendable {
        public var current = [Decimal?](repeating: nil, count: 12)
        public var prior = [Decimal?](repeating: nil, count: 12)
        /// Revenue only: the fiscal years before the prior one, the nearest first (SPEC §13.1).
        public var earlier: [[Decimal?]] = []
        var currentDay = [Int](repeating: 0, count: 12)
        var priorDay = [Int](repeating: 0, count: 12)
        /// Of the region's revision month, the rows dated on or before the revision (flows).
        public var throughRevision: Decimal = 0
        public init() {}
    }

    public internal(set) var series: [Key: Series] = [:] {
        didSet {
            keysByRegionAndMetric = Dictionary(grouping: series.keys) { RegionMetric(region: $0.region, metric: $0.metric) }
            metrics = Set(series.keys.map(\.metric))
        }
    }
    private struct RegionMetric: Hashable, Sendable { var region: Region.ID, metric: String }
    /// The analysis asks for one region's metric many times: find its series directly.
    private var keysByRegionAndMetric: [RegionMetric: [Key]] = [:]

    /// Open deals from deal exports (stages in neither `won` nor `lost`): the pipeline
    /// as exported, whatever their expected close dates.
    public struct OpenDealsKey: Hashable, Sendable {
        public var region: Region.ID
        public var source: Source.ID?
        public var stage: String
    }

    public struct OpenDeals: Sendable, Equatable {
        public var count: Int
        public var amount: Decimal
        /// Of `count`, the deals exported with no amount: counted as deals, not as zero dollars.
        public var unvalued = 0
        public init(count: Int, amount: Decimal, unvalued: Int = 0) {
            self.count = count
            self.amount = amount
            self.unvalued = unvalued
        }
    }

    public internal(set) var openDeals: [OpenDealsKey: OpenDeals] = [:]
    /// Open deals whose close date is already past at the cut-off, by region (SPEC §15.2).
    public internal(set) var staleDeals: [Region.ID: OpenDeals] = [:]

    /// Open deals closing in the rest of the year by age at the cut-off in days (from a
    /// `created` column, SPEC §15.2): per region and stage, (days, deals) by days.
    public struct OpenAgeKey: Hashable, Sendable {
        public var region: Region.ID
        public var stage: String
    }
    public internal(set) var openAges: [OpenAgeKey: [(days: Int, deals: Int)]] = [:]
    public internal(set) var tracksCreated = false
    /// Open deals closing in the rest of the year by forecast category, per region (SPEC §15.1).
    public internal(set) var openByCategory: [Region.ID: [ForecastCategory: OpenDeals]] = [:]
    public internal(set) var tracksCategories = false
    /// Per region, the largest deals lost this year to date and open deals closing in the
    /// rest of the year, largest first (SPEC §15.4); `tracksDeals` with a deal export's stages.
    public internal(set) var largestLost: [Region.ID: [Deal]] = [:]
    public internal(set) var largestOpen: [Region.ID: [Deal]] = [:]
    public internal(set) var tracksDeals = false
    /// Per region, how the pipeline moved since an earlier snapshot of the deal export
    /// (SPEC §15.3): set by the caller that read both snapshots.
    public var pipelineMovement: [Region.ID: PipelineMovement] = [:]

    /// Won and lost deals this fiscal year to date, grouped by a text column of a deal
    /// export (SPEC §11.3–4): by owner, and by loss reason.
    public struct DealGroupKey: Hashable, Sendable {
        public var region: Region.ID
        /// The field's text, normalised; "" for the deals whose field is empty.
        public var label: String
    }

    public struct DealGroup: Sendable, Equatable {
        public var wonDeals = 0
        public var lostDeals = 0
        public var wonAmount: Decimal = 0
        public var lostAmount: Decimal = 0
        public init() {}
    }

    public internal(set) var byOwner: [DealGroupKey: DealGroup] = [:]
    public internal(set) var byLossReason: [DealGroupKey: DealGroup] = [:]
    /// Whether a deal export mapped an owner (or loss reason) column.
    public internal(set) var tracksOwners = false
    public internal(set) var tracksLossReasons = false
    /// Whether a deal export with a stage column was read (so `openDeals` is the whole
    /// pipeline, even when empty).
    public internal(set) var tracksOpenDeals = false

    public init() {}

    /// Which of a region's rows a figure covers.
    public enum Scope: Sendable, Equatable {
        /// All the region's rows.
        case region
        /// The rows of one source.
        case source(Source.ID)
        /// The rows that name no source.
        case unassigned

        /// A source id, or the whole region when nil.
        public init(_ source: Source.ID?) { self = source.map { .source($0) } ?? .region }

        func covers(_ key: Key) -> Bool {
            switch self {
            case .region: return true
            case .source(let id): return key.source == id
            case .unassigned: return key.source == nil
            }
        }
    }

    /// Monthly values of `metric` for a region's rows in `scope`.
    public func monthly(region: Region.ID, scope: Scope = .region, metric: String, prior: Bool = false) -> [Decimal?] {
        monthly(region: region, scope: scope, metric: metric, yearsBack: prior ? 1 : 0)
    }

    /// Monthly values of the fiscal year `yearsBack` years before this one (2 and more:
    /// revenue only, as kept for the forecast backtest).
    public func monthly(region: Region.ID, scope: Scope = .region, metric: String, yearsBack: Int) -> [Decimal?] {
        var result = [Decimal?](repeating: nil, count: 12)
        for key in keysByRegionAndMetric[RegionMetric(region: region, metric: metric)] ?? [] {
            guard scope.covers(key) else { continue }
            let s = series[key]!
            let values = yearsBack == 0 ? s.current : yearsBack == 1 ? s.prior
                : s.earlier.indices.contains(yearsBack - 2) ? s.earlier[yearsBack - 2] : []
            for m in values.indices {
                if let v = values[m] { result[m] = (result[m] ?? 0) + v }
            }
        }
        return result
    }

    /// A flow's actual from the fiscal year's first day through `day` — a revision's date
    /// (SPEC §11.1): the months before its month, and the rows of its month dated up to it.
    public func through(_ day: Day, region: Region.ID, scope: Scope = .region, metric: String, calendar: FiscalCalendar) -> Decimal {
        let month = day.yearMonth.index - calendar.start.index
        guard month >= 0 else { return 0 }
        var sum = Decimal(0)
        for key in keysByRegionAndMetric[RegionMetric(region: region, metric: metric)] ?? [] {
            guard scope.covers(key) else { continue }
            let s = series[key]!
            for m in 0..<min(month, 12) { sum += s.current[m] ?? 0 }
            if month < 12 {
                // The whole month when the revision is its last day.
                sum += day == day.yearMonth.lastDay ? (s.current[month] ?? 0) : s.throughRevision
            }
        }
        return sum
    }

    /// Whether any row of the region falls in these fiscal months of this year.
    public func hasRows(region: Region.ID, months: Range<Int>) -> Bool {
        series.contains { key, s in key.region == region && months.contains { s.current[$0] != nil } }
    }

    /// Every metric name seen (kept with `series`: the analysis asks per figure).
    public private(set) var metrics: Set<String> = []
}
