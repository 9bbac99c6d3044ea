import Foundation

/// Results aggregated while they are read: per region × source × metric, one figure per
/// fiscal month of this year and of the prior year. Memory grows with regions × sources ×
/// metrics × months, never with rows (SPEC §6).
public struct Actuals: Sendable {
    /// `source == nil`: rows with an empty source, counted in the region only.
    public struct Key: Hashable, Sendable {
        public var region: String
        public var source: String?
        public var metric: String
    }

    /// Monthly figures. Flows are sums; stocks keep the value of the latest dated rows
    /// (rows sharing that latest date are added: a stock split across rows).
    public struct Series: Sendable {
        public var current = [Decimal?](repeating: nil, count: 12)
        public var prior = [Decimal?](repeating: nil, count: 12)
        var currentDay = [Int](repeating: 0, count: 12)
        var priorDay = [Int](repeating: 0, count: 12)
    }

    public private(set) var series: [Key: Series] = [:]

    public init() {}

    mutating func add(_ value: Decimal, key: Key, slot: FiscalCalendar.Slot, day: Day, aggregation: Metric.Aggregation) {
        var s = series[key] ?? Series()
        switch slot {
        case .current(let m): Self.accumulate(&s.current, &s.currentDay, m, value, day, aggregation)
        case .priorYear(let m): Self.accumulate(&s.prior, &s.priorDay, m, value, day, aggregation)
        case .afterCutOff, .older: return
        }
        series[key] = s
    }

    private static func accumulate(
        _ values: inout [Decimal?], _ days: inout [Int], _ m: Int, _ value: Decimal, _ day: Day,
        _ aggregation: Metric.Aggregation
    ) {
        switch aggregation {
        case .sum:
            values[m] = (values[m] ?? 0) + value
        case .last:
            if day.day > days[m] {
                values[m] = value
                days[m] = day.day
            } else if day.day == days[m] {
                values[m] = (values[m] ?? 0) + value
            }
        }
    }

    /// Monthly values of `metric` for a region (all its rows) or one of its sources.
    public func monthly(region: String, source: String?? = .none, metric: String, prior: Bool = false) -> [Decimal?] {
        var result = [Decimal?](repeating: nil, count: 12)
        for (key, s) in series where key.region == region && key.metric == metric {
            if case .some(let wanted) = source, key.source != wanted { continue }
            let values = prior ? s.prior : s.current
            for m in 0..<12 {
                if let v = values[m] { result[m] = (result[m] ?? 0) + v }
            }
        }
        return result
    }

    /// Every metric name seen.
    public var metrics: Set<String> { Set(series.keys.map(\.metric)) }
}
