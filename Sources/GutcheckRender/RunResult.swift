import Foundation
import GutcheckCore

/// One run's result, built once and handed to every output (the region pages, the index,
/// the packet, summary.json, the job summary and `--fail-on`): the analysis, the roll-up,
/// the summary and the changes since a previous report. No output recomputes any of them.
public struct RunResult: Sendable {
    /// The full analysis; nil when shard summaries were merged (`gutcheck rollup`).
    public let company: CompanyAnalysis?
    public let rollup: Rollup
    public let summary: JSONValue
    public let changes: Changes?

    /// A run over the plan and results; `previous` is a previous summary.json for `--compare`.
    public init(_ company: CompanyAnalysis, version: String, previous: [UInt8]? = nil) throws(Changes.ReadError) {
        let rollup = Self.rollup(company)
        let summary = Summary.json(company, rollup: rollup, version: version)
        try self.init(company: company, rollup: rollup, summary: summary, previous: previous)
    }

    /// The roll-up of shard summaries, as a single run over the same regions would have written it.
    public init(_ merged: ShardMerge.Merged, previous: [UInt8]? = nil) throws(Changes.ReadError) {
        try self.init(company: nil, rollup: merged.rollup, summary: merged.summary, previous: previous)
    }

    private init(company: CompanyAnalysis?, rollup: Rollup, summary: JSONValue, previous: [UInt8]?) throws(Changes.ReadError) {
        self.company = company
        self.rollup = rollup
        let changes = try previous.map { bytes throws(Changes.ReadError) in try Changes.compare(current: summary, previous: bytes) }
        self.changes = changes
        self.summary = changes.map { Summary.with($0, summary) } ?? summary
    }

    /// The roll-up of a run, its plan findings in board words.
    public static func rollup(_ company: CompanyAnalysis) -> Rollup {
        let say = Narrative(currency: company.plan.currency, calendar: company.calendar)
        return Rollup(company) { f in say.finding(f, region: company.plan.region(id: f.region), forCheck: false) }
    }

    /// Plan findings in summary.json's shape (for `check --format json`).
    public static func findingObjects(_ company: CompanyAnalysis) -> [JSONValue] {
        let say = Narrative(currency: company.plan.currency, calendar: company.calendar)
        return company.regions.flatMap { r in r.findings.map { Summary.finding($0, region: r.region, say: say) } }
    }

    /// Plan findings and unexplained material variances as `check` prints them (with the ids
    /// and keys to fix).
    public static func warnings(_ company: CompanyAnalysis, variances: Bool = true) -> [Diagnostic] {
        let say = Narrative(currency: company.plan.currency, calendar: company.calendar)
        return company.regions.flatMap { r in r.findings.map { say.diagnostic($0, region: r.region) } }
            + (variances ? company.regions.flatMap { $0.variances.compactMap(Narrative.unexplained) } : [])
    }
}
