import Foundation
import GutcheckCore

/// Which outputs to write.
public struct OutputFormats: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public static let markdown = OutputFormats(rawValue: 1)
    public static let html = OutputFormats(rawValue: 2)
    public static let json = OutputFormats(rawValue: 4)
    public static let all: OutputFormats = [.markdown, .html, .json]
}

/// Renders a computed analysis into the files of an output folder, as relative path →
/// contents. Pure: writing them (atomically) is the command layer's job.
public struct ReportRenderer {
    public let templates: TemplateSet
    public let version: String

    public init(templates: TemplateSet, version: String) {
        self.templates = templates
        self.version = version
    }

    public func render(_ company: CompanyAnalysis, formats: OutputFormats, changes: Changes? = nil) -> [(path: String, contents: String)] {
        var files: [(String, String)] = []
        for analysis in company.regions {
            let id = analysis.region.id
            var charts: [String: String] = [:]
            var chartLinks: [String: String] = [:]
            let cumulative = "\(id)-cumulative.svg"
            charts[cumulative] = Charts.cumulative(analysis.revenue, calendar: company.calendar, title: "\(analysis.region.name) revenue",
                                                   id: "\(id)-cumulative")
            chartLinks["cumulative"] = cumulative
            if let svg = Charts.gapBySource(analysis.sources, id: "\(id)-gap") {
                charts["\(id)-gap-by-source.svg"] = svg
                chartLinks["gap_by_source"] = "\(id)-gap-by-source.svg"
            }
            if case .success(let bridge) = analysis.drivers {
                charts["\(id)-bridge.svg"] = Charts.waterfall(bridge, revenue: analysis.revenue, id: "\(id)-bridge")
                chartLinks["bridge"] = "\(id)-bridge.svg"
            }
            // "_" cannot occur in ids, so these names never meet another chart's.
            for k in analysis.kpis {
                guard let svg = Charts.kpiSparkline(k, calendar: company.calendar, id: "\(id)-kpi_\(k.kpi.id)") else { continue }
                charts["\(id)-kpi_\(k.kpi.id).svg"] = svg
                chartLinks["kpi_\(k.kpi.id)"] = "\(id)-kpi_\(k.kpi.id).svg"
            }
            var context = RegionPresenter(analysis: analysis, company: company, charts: chartLinks).context()
            if let changes { context["changes"] = ChangesText.region(changes, id: id) }
            let markdown = templates.render("region.md", context)
            if formats.contains(.markdown) {
                files.append(("regions/\(id).md", markdown))
                for (name, svg) in charts.sorted(by: { $0.key < $1.key }) { files.append(("regions/\(name)", svg)) }
            }
            if formats.contains(.html) {
                files.append(("regions/\(id).html", page(markdown, charts: charts,
                    title: "\(analysis.region.name) — mid-year gut check, FY\(company.plan.fiscalYear)")))
            }
        }
        files += index(Rollup(company), formats: formats, changes: changes)
        if formats.contains(.json) {
            files.append(("summary.json", Summary.json(company, version: version, changes: changes).serialized()))
        }
        return files
    }

    /// The roll-up of shard summaries (`gutcheck rollup`): the index and the merged summary,
    /// as a single run over the same regions would have written them.
    public func render(_ merged: ShardMerge.Merged, formats: OutputFormats, changes: Changes? = nil) -> [(path: String, contents: String)] {
        var files = index(merged.rollup, formats: formats, changes: changes)
        if formats.contains(.json) {
            let summary = changes.map { Summary.with($0, merged.summary) } ?? merged.summary
            files.append(("summary.json", summary.serialized()))
        }
        return files
    }

    /// `index.md`, its chart and `index.html`.
    func index(_ rollup: Rollup, formats: OutputFormats, changes: Changes?) -> [(path: String, contents: String)] {
        guard formats.contains(.markdown) || formats.contains(.html) else { return [] }
        var files: [(String, String)] = []
        let cumulative = "company-cumulative.svg"
        let charts = [cumulative: Charts.cumulative(rollup.revenue, calendar: rollup.calendar, title: "Company revenue", id: "company-cumulative")]
        // The Markdown roll-up links to the Markdown reports, the HTML one to the HTML reports.
        func markdown(linking ext: String) -> String {
            var context = IndexPresenter(rollup: rollup, charts: ["cumulative": cumulative], regionLink: { "regions/\($0).\(ext)" }).context()
            if let changes { context["changes"] = ChangesText.company(changes) }
            return templates.render("index.md", context)
        }
        if formats.contains(.markdown) {
            files.append(("index.md", markdown(linking: "md")))
            files.append((cumulative, charts[cumulative]!))
        }
        if formats.contains(.html) {
            files.append(("index.html", page(markdown(linking: "html"), charts: charts,
                title: "\(rollup.company ?? "Company") — mid-year gut check, FY\(rollup.fiscalYear)")))
        }
        return files
    }

    func page(_ markdown: String, charts: [String: String], title: String) -> String {
        let body = CommonMarkHTML.render(markdown, charts: charts)
        return templates.render("page.html", ["title": title, "body": body])
    }

    /// GitHub's limit for one step's job summary.
    public static let jobSummaryLimit = 1 << 20

    /// A compact Markdown summary for a CI job page (GitHub's `GITHUB_STEP_SUMMARY`):
    /// totals, the regions table with status and canary, the one focus area per region,
    /// and the data notes. Kept under `limit` bytes (as far as the heading and totals allow)
    /// by dropping the data notes and the lowest-ranked regions'
    /// rows, with a visible notice.
    public func jobSummary(_ rollup: Rollup, limit: Int = ReportRenderer.jobSummaryLimit) -> String {
        var context = IndexPresenter(rollup: rollup, charts: [:], regionLink: { "regions/\($0).md" }).context()
        let regions = context["regions"] as? [[String: Any]] ?? []
        let notes = context["data_notes"] as? [String] ?? []
        context["has_notes"] = !notes.isEmpty
        var text = templates.render("job_summary.md", context)
        guard text.utf8.count + 2 > limit else { return Self.blockEnded(text) }
        // Too big: drop the data notes, then as many of the lowest-ranked rows as needed
        // (the largest count that fits, found by bisection).
        context["data_notes"] = [String]()
        context["has_notes"] = false
        func render(keeping kept: Int) -> String {
            var c = context
            c["regions"] = Array(regions.prefix(kept))
            let dropped = regions.count - kept
            let left = [dropped > 0 ? "\(dropped) lower-ranked region\(dropped == 1 ? "" : "s")" : nil, notes.isEmpty ? nil : "the data notes"].compactMap { $0 }
            c["trimmed"] = "Trimmed to GitHub's 1 MiB job-summary limit: \(left.joined(separator: " and ")) not shown here; the reports have everything."
            return templates.render("job_summary.md", c)
        }
        var (low, high) = (0, regions.count)
        while low < high {
            let middle = (low + high + 1) / 2
            if render(keeping: middle).utf8.count + 2 <= limit { low = middle } else { high = middle - 1 }
        }
        text = render(keeping: low)
        return Self.blockEnded(text)
    }

    /// Ends with a blank line, so whatever the next step appends starts a new block.
    static func blockEnded(_ text: String) -> String {
        text.hasSuffix("\n\n") ? text : text + (text.hasSuffix("\n") ? "\n" : "\n\n")
    }
}
