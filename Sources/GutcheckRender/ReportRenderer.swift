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
    /// The reports' tables as CSV files for a spreadsheet (SPEC §15.8), on request only.
    public static let csv = OutputFormats(rawValue: 16)
    public static let all: OutputFormats = [.markdown, .html, .json]
}

/// The paper the board packet's print CSS is laid out for.
public enum Paper: String, Sendable, CaseIterable {
    case a4, letter
    var css: String { self == .a4 ? "A4" : "letter" }
}

/// Renders a computed analysis into the files of an output folder, as relative path →
/// contents. Pure: writing them (atomically) is the command layer's job.
public struct ReportRenderer: Sendable {
    public let templates: TemplateSet
    public let version: String
    public var paper: Paper

    public init(templates: TemplateSet, version: String, paper: Paper = .a4) {
        self.templates = templates
        self.version = version
        self.paper = paper
    }

    /// Every file of a run's output folder, from its one result.
    public func render(_ run: RunResult, formats: OutputFormats) -> [(path: String, contents: String)] {
        var files: [(String, String)] = []
        var sections: [PacketSection] = []
        if let company = run.company, !formats.isDisjoint(with: [.markdown, .html, .packet]) {
            // Regions render on both cores (each is independent; the templates are parsed
            // once, under a lock), then join in plan order: the same files, byte for byte.
            let rendered = company.regions.concurrentMap { analysis in
                regionFiles(analysis, company: company, changes: run.changes, formats: formats)
            }
            for (regionFiles, section) in rendered {
                files += regionFiles
                if let section { sections.append(section) }
            }
        }
        files += index(run, formats: formats)
        if formats.contains(.packet), let company = run.company {
            files.append(("board-packet.html", packet(company, run: run, sections: sections)))
        }
        if formats.contains(.json) {
            files.append(("summary.json", run.summary.serialized()))
        }
        if formats.contains(.csv) { files += TableExport.files(company: run.company, rollup: run.rollup) }
        return files
    }

    /// One region's files (Markdown, charts, HTML) and its board-packet section.
    private func regionFiles(_ analysis: RegionAnalysis, company: CompanyAnalysis, changes runChanges: Changes?,
                             formats: OutputFormats) -> ([(String, String)], PacketSection?) {
        var files: [(String, String)] = []
        var section: PacketSection?
        let id = analysis.region.id
        let charts = Self.charts(analysis, calendar: company.calendar, currency: company.plan.currency(of: analysis.region))
        var links: [String: String] = [:]
        for (key, file, _) in charts { links[key] = file }
        let svgs = Dictionary(uniqueKeysWithValues: charts.map { ($0.file, $0.svg) })
        let changes = runChanges.flatMap { ChangesText.region($0, id: id) }
        // The Markdown, HTML and packet reports differ in the link back to the index: one
        // presenter renders them, with a mark where the link goes.
        let linkMark = "\u{E000}index-link\u{E000}"
        let presenter = RegionPresenter(analysis: analysis, company: company, charts: links, indexLink: linkMark)
        func markdown(fileNotes: Bool = true) -> String {
            templates.render("region.md", presenter.page(changes: changes, fileNotes: fileNotes))
        }
        let report = formats.isDisjoint(with: [.markdown, .html]) ? "" : markdown()
        if formats.contains(.markdown) {
            files.append(("regions/\(id).md", report.replacingEvery(linkMark, with: "../index.md")))
            for (_, file, svg) in charts { files.append(("regions/\(file)", svg)) }
        }
        if formats.contains(.html) {
            files.append(("regions/\(id).html", page(body: CommonMarkHTML.render(report.replacingEvery(linkMark, with: "../index.html"), charts: svgs),
                title: "\(analysis.region.name) — mid-year gut check, FY\(company.plan.fiscalYear)")))
        }
        if formats.contains(.packet) {
            // The region's one page, then (in the appendix) its full report.
            let currency = company.plan.currency(of: analysis.region)
            let money = CurrencyFormat(currency)
            // One scale for every region's page in the same currency: the packet's regions
            // compare side by side (a euro and a dollar axis are never one scale).
            let peers = company.regions.filter { company.plan.currency(of: $0.region) == currency }
            let cumulative = Charts.cumulative(analysis.revenue, calendar: company.calendar, title: "\(analysis.region.name) revenue",
                                               id: "page-\(id)-cumulative", money: money, size: .compact,
                                               shared: Charts.Scale(peers.map(\.revenue), calendar: company.calendar))
            let range = Charts.BridgeRange(peers.compactMap { r in Bridge.of(r, money: money).map { ($0, r.revenue) } })
            let bridge = Bridge.of(analysis, money: money).map {
                Charts.waterfall($0, revenue: analysis.revenue, id: "page-\(id)-bridge", money: money, size: .compact, shared: range)
            }
            section = PacketSection(id: id, name: analysis.region.name,
                                    page: templates.render("packet_region.html", presenter.packetPage(cumulative: cumulative, bridge: bridge)),
                                    html: CommonMarkHTML.render(markdown(fileNotes: false).replacingEvery(linkMark, with: "#summary"), charts: svgs))
        }
        return (files, section)
    }

    /// A region's charts: template key, file name and SVG, in a stable order.
    static func charts(_ analysis: RegionAnalysis, calendar: FiscalCalendar, currency: Currency) -> [(key: String, file: String, svg: String)] {
        let id = analysis.region.id
        let money = CurrencyFormat(currency)
        var charts: [(key: String, file: String, svg: String)] = []
        charts.append(("cumulative", "\(id)-cumulative.svg",
                       Charts.cumulative(analysis.revenue, calendar: calendar, title: "\(analysis.region.name) revenue", id: "\(id)-cumulative", money: money)))
        if let svg = Charts.gapBySource(analysis.sources, unassigned: analysis.unassigned, id: "\(id)-gap", money: money) {
            charts.append(("gap_by_source", "\(id)-gap-by-source.svg", svg))
        }
        if let bridge = Bridge.of(analysis, money: money) {
            charts.append(("bridge", "\(id)-bridge.svg", Charts.waterfall(bridge, revenue: analysis.revenue, id: "\(id)-bridge", money: money)))
        }
        if let c = analysis.categories {
            charts.append(("categories", "\(id)-categories.svg", Charts.categories(c, id: "\(id)-categories", money: money)))
        }
        if let m = analysis.pipelineMovement {
            charts.append(("pipeline_movement", "\(id)-pipeline-movement.svg", Charts.pipelineMovement(m, id: "\(id)-movement", money: money)))
        }
        // "_" cannot occur in ids, so these names never meet another chart's.
        for k in analysis.kpis {
            guard let svg = Charts.kpiSparkline(k, calendar: calendar, id: "\(id)-kpi_\(k.kpi.id)", money: money) else { continue }
            charts.append(("kpi_\(k.kpi.id)", "\(id)-kpi_\(k.kpi.id).svg", svg))
        }
        return charts.sorted { $0.file < $1.file }
    }

    /// `index.md`, its chart and `index.html`.
    func index(_ run: RunResult, formats: OutputFormats) -> [(path: String, contents: String)] {
        guard formats.contains(.markdown) || formats.contains(.html) else { return [] }
        let rollup = run.rollup
        var files: [(String, String)] = []
        let cumulative = "company-cumulative.svg"
        let charts = [cumulative: Charts.cumulative(rollup.revenue, calendar: rollup.calendar, title: "Company revenue",
                                                    id: "company-cumulative", money: CurrencyFormat(rollup.currency))]
        // The Markdown roll-up links to the Markdown reports, the HTML one to the HTML reports:
        // the page is rendered once, with a mark where the links' extension goes.
        let extensionMark = "\u{E000}report-extension\u{E000}"
        let page = IndexPresenter(rollup: rollup, findingWords: run.findingWords, charts: ["cumulative": cumulative],
                                  regionLink: { "regions/\($0).\(extensionMark)" })
            .page(changes: run.changes.map(ChangesText.company))
        let markdown = templates.render("index.md", page)
        if formats.contains(.markdown) {
            files.append(("index.md", markdown.replacingEvery(extensionMark, with: "md")))
            files.append((cumulative, charts[cumulative]!))
        }
        if formats.contains(.html) {
            files.append(("index.html", self.page(markdown.replacingEvery(extensionMark, with: "html"), charts: charts,
                title: "\(rollup.company ?? "Company") — mid-year gut check, FY\(rollup.fiscalYear)")))
        }
        return files
    }

    struct PacketSection {
        var id: Region.ID
        var name: String
        /// The one page (HTML from packet_region.html).
        var page: String
        /// The full report (cmark's HTML of the region's Markdown).
        var html: String
    }

    /// The board packet: one self-contained, printable page (docs/board-packet.md).
    func packet(_ company: CompanyAnalysis, run: RunResult, sections: [PacketSection]) -> String {
        let rollup = run.rollup
        let calendar = company.calendar
        let plan = company.plan
        let cumulative = "company-cumulative.svg"
        let chart = [cumulative: Charts.cumulative(rollup.revenue, calendar: calendar, title: "Company revenue",
                                                   id: "packet-company-cumulative", money: CurrencyFormat(rollup.currency), size: .compact)]
        var summary = IndexPresenter(rollup: rollup, findingWords: run.findingWords, charts: ["cumulative": cumulative],
                                     regionLink: { "#region-\($0)" }).page()
        // One page: the chart only while the table is short, and at most 14 region rows
        // (the best and worst seven), the rest named as left out.
        let regions = summary.regions
        if regions.count > 14 {
            summary.summaryRegions = Array(regions.prefix(7)) + Array(regions.suffix(7))
            summary.regionsLeftOut = "\(regions.count - 14) regions ranked 8th to \(regions.count - 7)th are in their own sections."
        } else {
            summary.summaryRegions = regions
        }
        let recurring = summary.recurringFocus.map { "\($0.title) (\($0.count) regions\($0.atStake.map { ", \($0) at stake" } ?? "")); " }.joined()
        let height = SummaryFit.height(headline: summary.headline.text, board: summary.headline.board, rows: summary.summaryRegions,
                                       notes: summary.canaries + [summary.regionsLeftOut, summary.revisionsLine, recurring.isEmpty ? nil : recurring + "each region's section ranks its own."].compactMap { $0 })
        summary.showChart = height + SummaryFit.chart <= SummaryFit.budget
        let summaryHTML = CommonMarkHTML.render(templates.render("packet_summary.md", summary), charts: chart)
        let t = plan.thresholds
        let naming = DataNoteText.Naming.fiscalYears(fiscalYear: plan.fiscalYear, start: plan.fiscalYearStart)
        let notes = DataNoteText.lines(company.notes, naming: naming)
        let methodsContext = MethodsPage(
            dataNotes: notes, hasNotes: !notes.isEmpty, fiscalYear: String(plan.fiscalYear), fiscalStart: Wording.month(plan.fiscalYearStart),
            cutOff: Wording.date(calendar.asOf), elapsed: Wording.months(calendar.elapsed),
            onTrack: Percent.format(t.onTrack.double, places: 0), atRisk: Percent.format(t.atRisk.double, places: 0),
            materiality: Percent.format(t.materiality.double, places: 0), shift: Percent.format(t.shift.double, places: 0))
        let methods = templates.render("methods.md", methodsContext)
        let files = company.notes.files.count
        let span = DataNoteText.span(company.notes, fiscalYear: plan.fiscalYear, start: plan.fiscalYearStart)
        let priorRows = company.notes.files.reduce(0) { $0 + $1.priorYear }
        let rows = company.notes.rows
        let company = plan.company ?? "Company"
        let head = "\(company) · FY\(plan.fiscalYear) mid-year gut check · cut-off \(Wording.date(calendar.asOf))"
        let context = PacketPage(
            title: "\(company) — board packet, mid-year gut check FY\(plan.fiscalYear)",
            company: company, fiscalYear: String(plan.fiscalYear),
            fiscalSpan: "\(Wording.month(calendar.month(0))) \(calendar.month(0).year) – \(Wording.month(calendar.month(11))) \(calendar.month(11).year)",
            cutOff: Wording.date(calendar.asOf), elapsed: Wording.months(calendar.elapsed),
            currency: plan.currency.code, regionNames: sections.map(\.name).joined(separator: ", "),
            dataLine: "\(Money.plain(Decimal(rows))) rows\(span.map { " dated \($0)" } ?? "") in \(files) results file\(files == 1 ? "" : "s")",
            generator: "gutcheck \(version)", paper: paper.css, runningHead: Self.cssString(head),
            summary: summaryHTML, methods: CommonMarkHTML.render(methods),
            regions: sections.map { .init(id: $0.id.rawValue, name: $0.name, page: $0.page, html: Self.keepingTheEndTogether($0.html)) },
            briefStatus: summary.headline.status, brief: summary.headline.brief,
            owners: summary.hasOwners ? CommonMarkHTML.render(templates.render("owners_rollup", summary)) : nil,
            priorYear: priorRows > 0 ? "\(Money.plain(Decimal(priorRows))) rows of FY\(plan.fiscalYear - 1) actuals (seasonal forecast, year-over-year)" : nil)
        return templates.render("packet.html", context)
    }

    /// A report's last two sections in one block the printer keeps on one page, so a report
    /// never ends with a page holding a line or two (SPEC §12.1).
    static func keepingTheEndTogether(_ html: String) -> String {
        var cut = html.endIndex
        for _ in 0..<2 {
            guard let h2 = html.range(of: "<h2", options: .backwards, range: html.startIndex..<cut) else { return html }
            cut = h2.lowerBound
        }
        return String(html[..<cut]) + "<div class=\"keep-together\">\n" + String(html[cut...]) + "</div>\n"
    }

    /// Text for a CSS string inside `<style>`: every character but ASCII letters, digits and
    /// space as a CSS hex escape (`\2c `), so no user text can end the string (a quote, a
    /// newline, a form feed), start an escape or a comment, or close the style element. NUL,
    /// which CSS cannot hold, becomes U+FFFD as a CSS parser would make it.
    static func cssString(_ text: String) -> String {
        var out = ""
        for ch in text.unicodeScalars {
            if ch.isASCII && (ch.properties.isAlphabetic || ("0"..."9").contains(ch) || ch == " ") {
                out.unicodeScalars.append(ch)
            } else {
                out += "\\" + String(ch.value == 0 ? 0xFFFD : ch.value, radix: 16) + " "
            }
        }
        return out
    }

    func page(_ markdown: String, charts: [String: String], title: String) -> String {
        page(body: CommonMarkHTML.render(markdown, charts: charts), title: title)
    }

    func page(body: String, title: String) -> String {
        templates.render("page.html", HTMLPage(title: title, body: body))
    }

    /// GitHub's limit for one step's job summary.
    public static let jobSummaryLimit = 1 << 20

    /// A compact Markdown summary for a CI job page (GitHub's `GITHUB_STEP_SUMMARY`):
    /// totals, the regions table with status and canary, the one focus area per region,
    /// and the data notes. Kept under `limit` bytes (as far as the heading and totals allow)
    /// by dropping the data notes and the lowest-ranked regions'
    /// rows, with a visible notice.
    public func jobSummary(_ run: RunResult, limit: Int = ReportRenderer.jobSummaryLimit) -> String {
        var context = IndexPresenter(rollup: run.rollup, findingWords: run.findingWords, charts: [:], regionLink: { "regions/\($0).md" }).page()
        let regions = context.regions
        let notes = context.dataNotes
        context.hasNotes = !notes.isEmpty
        var text = templates.render("job_summary.md", context)
        guard text.utf8.count + 2 > limit else { return Self.blockEnded(text) }
        // Too big: drop the data notes, then as many of the lowest-ranked rows as needed
        // (the largest count that fits, found by bisection).
        context.dataNotes = []
        context.hasNotes = false
        func render(keeping kept: Int) -> String {
            var c = context
            c.regions = Array(regions.prefix(kept))
            let dropped = regions.count - kept
            let left = [dropped > 0 ? "\(dropped) lower-ranked region\(dropped == 1 ? "" : "s")" : nil, notes.isEmpty ? nil : "the data notes"].compactMap { $0 }
            c.trimmed = "Trimmed to GitHub's 1 MiB job-summary limit: \(left.joined(separator: " and ")) not shown here; the reports have everything."
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

extension String {
    /// Every `target` replaced by `replacement`, matched byte for byte in UTF-8 (exact for
    /// the marks this is used with). Foundation's `replacingOccurrences` goes through
    /// CFString on Linux and cost more than rendering the report it edited.
    func replacingEvery(_ target: String, with replacement: String) -> String {
        let t = Array(target.utf8)
        guard let first = t.first else { return self }
        var out: [UInt8] = []
        var copied = 0
        var text = self
        return text.withUTF8 { bytes -> String in
            var i = 0
            while i + t.count <= bytes.count {
                if bytes[i] == first && bytes[i..<(i + t.count)].elementsEqual(t) {
                    if out.isEmpty { out.reserveCapacity(bytes.count + 64) }
                    out.append(contentsOf: bytes[copied..<i])
                    out.append(contentsOf: replacement.utf8)
                    i += t.count
                    copied = i
                } else {
                    i += 1
                }
            }
            guard copied > 0 else { return String(decoding: bytes, as: UTF8.self) }
            out.append(contentsOf: bytes[copied...])
            return String(decoding: out, as: UTF8.self)
        }
    }
}
