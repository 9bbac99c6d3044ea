import Foundation
import Synchronization
import GutcheckCore

/// One run's result, built once and handed to every output (the region pages, the index,
/// the packet, summary.json, the job summary and `--fail-on`): the analysis, the roll-up,
/// the summary and the changes since a previous report. No output recomputes any of them.
public struct RunResult: Sendable {
    /// The full analysis; nil when shard summaries were merged (`gutcheck rollup`).
    public let company: CompanyAnalysis?
    public let rollup: Rollup
    /// Each region's plan findings in board words, by region id (the roll-up's plan check).
    public let findingWords: [Region.ID: [String]]
    public let summary: JSONValue
    public let changes: Changes?

    /// A run over the plan and results; `previous` is a previous summary.json for `--compare`.
    /// `regionSummaries`: the regions' summary.json blocks, built while the analysis ran.
    public init(_ company: CompanyAnalysis, version: String, previous: [UInt8]? = nil,
                regionSummaries: RegionSummaries? = nil) throws(Changes.ReadError) {
        // The regions' roll-ups and summary blocks, when they were built as the analysis went.
        let built = regionSummaries?.built(count: company.regions.count)
        let rollup = built.map { Rollup(company, regions: $0.rollups) } ?? Rollup(company)
        let summary = Summary.json(company, rollup: rollup, version: version, regions: built?.blocks)
        try self.init(company: company, rollup: rollup, findingWords: Self.findingWords(company), summary: summary, previous: previous)
    }

    /// The roll-up of shard summaries, as a single run over the same regions would have written it.
    public init(_ merged: ShardMerge.Merged, previous: [UInt8]? = nil) throws(Changes.ReadError) {
        try self.init(company: nil, rollup: merged.rollup, findingWords: merged.findingWords, summary: merged.summary, previous: previous)
    }

    private init(company: CompanyAnalysis?, rollup: Rollup, findingWords: [Region.ID: [String]], summary: JSONValue,
                 previous: [UInt8]?) throws(Changes.ReadError) {
        self.company = company
        self.rollup = rollup
        self.findingWords = findingWords
        let changes = try previous.map { bytes throws(Changes.ReadError) in try Changes.compare(current: summary, previous: bytes) }
        self.changes = changes
        self.summary = changes.map { Summary.with($0, summary) } ?? summary
    }

    /// Each region's plan findings as the roll-up words them.
    static func findingWords(_ company: CompanyAnalysis) -> [Region.ID: [String]] {
        let say = Narrative(currency: company.plan.currency, calendar: company.calendar, metricNames: company.plan.metricNames)
        return Dictionary(company.regions.map { r in (r.region.id, r.findings.map { say.finding($0, region: company.plan.region(id: $0.region), forCheck: false) }) },
                          uniquingKeysWith: { a, _ in a })
    }

    /// Plan findings in summary.json's shape (for `check --format json`).
    public static func findingObjects(_ company: CompanyAnalysis) -> [JSONValue] {
        let say = Narrative(currency: company.plan.currency, calendar: company.calendar, metricNames: company.plan.metricNames)
        return company.regions.flatMap { r in r.findings.map { Summary.finding($0, region: r.region, say: say) } }
    }

    /// Plan findings and unexplained material variances as `check` prints them (with the ids
    /// and keys to fix).
    public static func warnings(_ company: CompanyAnalysis, variances: Bool = true) -> [Diagnostic] {
        let say = Narrative(currency: company.plan.currency, calendar: company.calendar, metricNames: company.plan.metricNames)
        return company.regions.flatMap { r in r.findings.map { say.diagnostic($0, region: r.region) } }
            + (variances ? company.regions.flatMap { $0.variances.compactMap(Narrative.unexplained) } : [])
    }
}

/// Builds each region's summary.json block on another core while the next regions are
/// analysed (a region's block needs only its own analysis), so a report's summary costs
/// little more than a check. The same blocks `Summary.json` would build, in plan order.
public final class RegionSummaries: Sendable {
    private let queue = DispatchQueue(label: "gutcheck.region-summaries")
    private let group = DispatchGroup()
    private let built = Mutex<(regions: [Int: (block: JSONValue, rollup: RollupRegion)], say: Narrative?)>(([:], nil))

    public init() {}

    /// Called on the analysing thread, once per region, in order.
    public func add(_ index: Int, _ analysis: RegionAnalysis, plan: Plan, calendar: FiscalCalendar) {
        let say = built.withLock { built in
            let say = built.say ?? Narrative(currency: plan.currency, calendar: calendar, metricNames: plan.metricNames)
            built.say = say
            return say
        }
        queue.async(group: group) {
            let rollupRegion = RollupRegion(analysis, rate: plan.rate(of: analysis.region))
            let block = Summary.region(analysis, calendar: calendar, say: say, rollup: rollupRegion)
            self.built.withLock { $0.regions[index] = (block, rollupRegion) }
        }
    }

    /// The roll-ups and summary blocks of regions 0..<count, once built; nil if any is missing.
    func built(count: Int) -> (rollups: [RollupRegion], blocks: [JSONValue])? {
        group.wait()
        let regions = built.withLock { $0.regions }
        let ordered = (0..<count).compactMap { regions[$0] }
        return ordered.count == count ? (ordered.map(\.rollup), ordered.map(\.block)) : nil
    }
}
