import Foundation

/// What values a set of results files holds, before any plan names them: the region and
/// source values, the dates they span and the metrics. `gutcheck init` reads the files
/// once with a census (every row is counted here instead of being matched to the plan),
/// drafts a plan from it, then reads them again against that draft for the figures.
///
/// Filled by one reading thread at a time (an ingest with a census reads serially).
public final class ResultsCensus: @unchecked Sendable {
    /// Normalised region values in first-seen order, each with its source values.
    public private(set) var regions: [String] = []
    public private(set) var sources: [String: [String]] = [:]
    public private(set) var first: Day?
    public private(set) var last: Day?
    /// Metric names seen in metric-form files.
    public private(set) var metrics: Set<String> = []
    /// Any deal export was read (so revenue, won_deals and lost_deals exist).
    public private(set) var deals = false
    /// Deal exports had a profit column.
    public private(set) var dealProfit = false
    /// Metric-form rows are monthly (dated any day of their month); deal rows are dated by day.
    public private(set) var monthlyRows = false

    public init() {}

    func add(region rawRegion: String, source rawSource: String?, day: Day?) {
        let region = Names.normalized(rawRegion)
        guard !region.isEmpty else { return }
        if sources[region] == nil {
            regions.append(region)
            sources[region] = []
        }
        if let rawSource {
            let source = Names.normalized(rawSource)
            if !source.isEmpty && !sources[region]!.contains(source) { sources[region]!.append(source) }
        }
        guard let day else { return }
        if first.map({ day < $0 }) ?? true { first = day }
        if last.map({ day > $0 }) ?? true { last = day }
    }

    func sawMetric(_ name: String) {
        metrics.insert(name)
        monthlyRows = true
    }

    /// Per normalised region value, the currencies its amounts were written in (by code),
    /// with their counts: `init` gives a region whose amounts carry another currency its own.
    public private(set) var currencies: [String: [String: Int]] = [:]

    func sawCurrency(_ code: String, region: String) {
        currencies[Names.normalized(region), default: [:]][code, default: 0] += 1
    }

    func sawDeals(profit: Bool) {
        deals = true
        dealProfit = dealProfit || profit
    }
}
