import Foundation
import Synchronization

/// What values a set of results files holds, before any plan names them: the region and
/// source values, the dates they span and the metrics. `gutcheck init` reads the files
/// once with a census (every row is counted here instead of being matched to the plan),
/// drafts a plan from it, then reads them again against that draft for the figures.
///
/// Shared through the reading context, so its state sits behind a lock; an ingest with a
/// census reads serially, so the lock is never contended (and `init` is not a hot path).
public final class ResultsCensus: Sendable {
    public struct Counts: Sendable {
        /// Normalised region values in first-seen order, each with its source values.
        public fileprivate(set) var regions: [String] = []
        public fileprivate(set) var sources: [String: [String]] = [:]
        public fileprivate(set) var first: Day?
        public fileprivate(set) var last: Day?
        /// Metric names seen in metric-form files.
        public fileprivate(set) var metrics: Set<String> = []
        /// Any deal export was read (so revenue, won_deals and lost_deals exist).
        public fileprivate(set) var deals = false
        /// Deal exports had a profit column.
        public fileprivate(set) var dealProfit = false
        /// Metric-form rows are monthly (dated any day of their month); deal rows are dated by day.
        public fileprivate(set) var monthlyRows = false
        /// Per normalised region value, the currencies its amounts were written in (by code),
        /// with their counts: `init` gives a region whose amounts carry another currency its own.
        public fileprivate(set) var currencies: [String: [String: Int]] = [:]
    }

    private let state = Mutex(Counts())

    public init() {}

    /// What was counted so far.
    public var counts: Counts { state.withLock { $0 } }

    func add(region rawRegion: String, source rawSource: String?, day: Day?) {
        let region = Names.normalized(rawRegion)
        guard !region.isEmpty else { return }
        let source = rawSource.map(Names.normalized)
        state.withLock { c in
            if c.sources[region] == nil {
                c.regions.append(region)
                c.sources[region] = []
            }
            if let source, !source.isEmpty, !c.sources[region]!.contains(source) { c.sources[region]!.append(source) }
            guard let day else { return }
            if c.first.map({ day < $0 }) ?? true { c.first = day }
            if c.last.map({ day > $0 }) ?? true { c.last = day }
        }
    }

    func sawMetric(_ name: String) {
        state.withLock { c in
            c.metrics.insert(name)
            c.monthlyRows = true
        }
    }

    func sawCurrency(_ code: String, region: String) {
        let region = Names.normalized(region)
        state.withLock { $0.currencies[region, default: [:]][code, default: 0] += 1 }
    }

    func sawDeals(profit: Bool) {
        state.withLock { c in
            c.deals = true
            c.dealProfit = c.dealProfit || profit
        }
    }
}
