import Foundation
import GutcheckCore

/// Which outputs to write.
public struct OutputFormats: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public static let markdown = OutputFormats(rawValue: 1)
    public static let html = OutputFormats(rawValue: 2)
    public static let json = OutputFormats(rawValue: 4)
    /// One printable `board-packet.html`: cover, executive summary, a section per region, methods.
    public static let packet = OutputFormats(rawValue: 8)
    public static let all: OutputFormats = [.markdown, .html, .json]
}

/// The paper the board packet's print CSS is laid out for.
public enum Paper: String, Sendable, CaseIterable {
    case a4, letter
    var css: String { self == .a4 ? "A4" : "letter" }
}

/// Renders a computed analysis into the files of an output folder, as relative path →
/// contents. Pure: writing them (atomically) is the command layer's job.
public struct ReportRenderer {
    public let templates: TemplateSet
    public let version: String
    public var paper: Paper

    public init(templates: TemplateSet, version: String, paper: Paper = .a4) {
        self.templates = templates
        self.version = version
        self.paper = paper
    }

    public func render(_ company: CompanyAnalysis, formats: OutputFormats, changes: Changes? = nil) -> [(path: String, contents: String)] {
        var files: [(String, String)] = []
        var sections: [PacketSection] = []
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
            // One cmark pass serves the region's page and its packet section.
            guard formats.contains(.html) || formats.contains(.packet) else { continue }
            let body = CommonMarkHTML.render(markdown, charts: charts)
            if formats.contains(.html) {
                files.append(("regions/\(id).html", page(body: body,
                    title: "\(analysis.region.name) — mid-year gut check, FY\(company.plan.fiscalYear)")))
            }
            if formats.contains(.packet) { sections.append(PacketSection(id: id, name: analysis.region.name, html: body)) }
        }
        let rollup = Rollup(company)
        files += index(rollup, formats: formats, changes: changes)
        if formats.contains(.packet) {
            files.append(("board-packet.html", packet(company, rollup: rollup, sections: sections)))
        }
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

    struct PacketSection {
        var id: String
        var name: String
        var html: String
    }

    /// The board packet: one self-contained, printable page (docs/board-packet.md).
    func packet(_ company: CompanyAnalysis, rollup: Rollup, sections: [PacketSection]) -> String {
        let calendar = company.calendar
        let plan = company.plan
        let cumulative = "company-cumulative.svg"
        let chart = [cumulative: Charts.cumulative(rollup.revenue, calendar: calendar, title: "Company revenue", id: "packet-company-cumulative")]
        var summary = IndexPresenter(rollup: rollup, charts: ["cumulative": cumulative], regionLink: { "#region-\($0)" }).context()
        // One page: the chart only while the table is short, and at most 14 region rows
        // (the best and worst seven), the rest named as left out.
        let regions = summary["regions"] as? [[String: Any]] ?? []
        summary["show_chart"] = regions.count <= 6
        if regions.count > 14 {
            summary["summary_regions"] = Array(regions.prefix(7)) + Array(regions.suffix(7))
            summary["regions_left_out"] = "\(regions.count - 14) regions ranked 8th to \(regions.count - 7)th are in their own sections."
        } else {
            summary["summary_regions"] = regions
        }
        let summaryHTML = CommonMarkHTML.render(templates.render("packet_summary.md", summary), charts: chart)
        let t = plan.thresholds
        let methods = templates.render("methods.md", [
            "fiscal_year": String(plan.fiscalYear), "fiscal_start": Wording.month(plan.fiscalYearStart),
            "cut_off": Wording.date(calendar.asOf), "elapsed": Wording.months(calendar.elapsed),
            "on_track": Percent.format(t.onTrack.double, places: 0), "at_risk": Percent.format(t.atRisk.double, places: 0),
            "materiality": Percent.format(t.materiality.double, places: 0), "shift": Percent.format(t.shift.double, places: 0),
        ])
        let notes = company.notes
        let files = notes.files.map { f in
            "\(URL(fileURLWithPath: f.file).lastPathComponent) (\(Money.plain(Decimal(f.rows))) rows)"
        }
        let priorRows = notes.files.reduce(0) { $0 + $1.priorYear }
        let company = plan.company ?? "Company"
        let head = "\(company) · FY\(plan.fiscalYear) mid-year gut check · cut-off \(Wording.date(calendar.asOf))"
        var context: [String: Any] = [
            "title": "\(company) — board packet, mid-year gut check FY\(plan.fiscalYear)",
            "company": company, "fiscal_year": String(plan.fiscalYear),
            "fiscal_span": "\(Wording.month(calendar.month(0))) \(calendar.month(0).year) – \(Wording.month(calendar.month(11))) \(calendar.month(11).year)",
            "cut_off": Wording.date(calendar.asOf), "elapsed": Wording.months(calendar.elapsed),
            "currency": plan.currency.code, "region_names": sections.map(\.name).joined(separator: ", "),
            "data_line": "\(Money.plain(Decimal(notes.rows))) rows in \(files.joined(separator: ", "))",
            "generator": "gutcheck \(version)", "paper": paper.css, "running_head": Self.cssString(head),
            "summary": summaryHTML, "methods": CommonMarkHTML.render(methods),
            "regions": sections.map { ["id": $0.id, "name": $0.name, "html": $0.html] },
        ]
        if priorRows > 0 { context["prior_year"] = "\(Money.plain(Decimal(priorRows))) rows of FY\(plan.fiscalYear - 1) actuals (seasonal forecast, year-over-year)" }
        return templates.render("packet.html", context)
    }

    /// Text for a CSS string inside `<style>`: quotes and backslashes escaped, and `<` as a
    /// CSS escape so no user text can close the style element.
    static func cssString(_ text: String) -> String {
        var out = ""
        for ch in text.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "<": out += "\\3c "
            case "\n", "\r": out += " "
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    func page(_ markdown: String, charts: [String: String], title: String) -> String {
        page(body: CommonMarkHTML.render(markdown, charts: charts), title: title)
    }

    func page(body: String, title: String) -> String {
        templates.render("page.html", ["title": title, "body": body])
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
