import Foundation
import Testing
@testable import GutcheckCommands

/// SPEC §12: what a director reads. For the samples and for a plan that leaves most things
/// to be flagged (no win probabilities, no answers, variances without a cause), every board
/// view — region and index HTML, the packet, the job summary — carries no configuration,
/// keeps "12.1 %" together, lists unanswered questions once, links back to the roll-up,
/// and draws every bar that stands for a total from zero.
@Suite struct BoardViewTests {
    static let samples = here.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("samples")

    /// The Salesforce sample with its win probabilities and the leaders' answers taken out.
    static func unanswered() throws -> URL {
        let dir = temporaryFolder()
        let yaml = read(samples.appendingPathComponent("salesforce/plan.yaml")).split(separator: "\n", omittingEmptySubsequences: false)
        var kept: [Substring] = []
        var skipping = false
        for line in yaml {
            let indent = line.prefix { $0 == " " }.count
            if skipping && (indent > 4 || line.trimmingCharacters(in: .whitespaces).isEmpty) { continue }
            skipping = false
            if line.hasPrefix("  win_probability:") { continue }
            if line.hasPrefix("    midyear:") { skipping = true; continue }
            kept.append(line)
        }
        let plan = dir.appendingPathComponent("plan.yaml")
        try kept.joined(separator: "\n").write(to: plan, atomically: true, encoding: .utf8)
        return plan
    }

    static func render(plan: URL, results: [URL]) throws -> (files: URL, jobSummary: String) {
        let dir = temporaryFolder()
        let out = dir.appendingPathComponent("report")
        let summary = dir.appendingPathComponent("job.md")
        let run = gutcheck(["report", "--plan", plan.path, "--out", out.path, "--format", "md,html,json,packet",
                            "--github-summary", summary.path, "--quiet"] + results.flatMap { ["--results", $0.path] })
        try #require(run.status == 0, "\(run.err)")
        return (out, read(summary))
    }

    static func cases() throws -> [(name: String, out: URL, jobSummary: String)] {
        let northwind = samples.appendingPathComponent("northwind")
        let salesforce = samples.appendingPathComponent("salesforce")
        let nw = try render(plan: northwind.appendingPathComponent("plan.yaml"),
                            results: ["results-2025.csv", "results-2026.csv"].map { northwind.appendingPathComponent($0) })
        let sfResults = ["opportunities.csv", "leads.csv"].map { salesforce.appendingPathComponent($0) }
        let sf = try render(plan: salesforce.appendingPathComponent("plan.yaml"), results: sfResults)
        let bare = try render(plan: try unanswered(), results: sfResults)
        return [("northwind", nw.files, nw.jobSummary), ("salesforce", sf.files, sf.jobSummary), ("unanswered", bare.files, bare.jobSummary)]
    }

    /// The text a reader sees: tags, styles and SVG attributes left out.
    static func visibleText(_ html: String) -> String {
        var text = html.replacingOccurrences(of: "<style>[\\s\\S]*?</style>", with: "", options: .regularExpression)
        text = text.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        return text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Configuration a board view must not carry (SPEC §12.4: YAML keys belong to `check`).
    static let configuration = [
        #"\b(midyear|results|pipeline|thresholds|goals|regions|deals|columns|numbers)\.(?!csv\b)[a-z_]+"#,
        #"\b(win_probability|the_one|focus_areas|market_shifts|explanations|date_format|currency_symbols|fiscal_year_start|as_of|conversion_targets)\b"#,
        #"(^|\s)--[a-z]"#, #"\bPLACEHOLDER\b"#, #"\.yaml\b"#, #"\bgutcheck check\b"#,
        // File names, docs paths, the plan writer's and the analyst's words, metric ids.
        #"\.csv\b"#, #"\bdocs/"#, #"\bSMART\b"#, #"\bLMDI\b"#, #"\b(qbrs_held|won_deals|lost_deals|qbrs held)\b"#,
    ]

    @Test func boardViewsCarryNoConfiguration() throws {
        for (name, out, jobSummary) in try Self.cases() {
            var views = [("job summary", jobSummary)]
            for file in ["index.html", "board-packet.html"] { views.append((file, Self.visibleText(read(out.appendingPathComponent(file))))) }
            for file in try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("regions").path) where file.hasSuffix(".html") {
                views.append((file, Self.visibleText(read(out.appendingPathComponent("regions/\(file)")))))
            }
            #expect(views.count >= 4)
            for (view, text) in views {
                for pattern in Self.configuration {
                    if let range = text.range(of: pattern, options: .regularExpression) {
                        let from: String.Index = text.index(range.lowerBound, offsetBy: -60, limitedBy: text.startIndex) ?? text.startIndex
                        let context = String(text[from..<range.upperBound])
                        Issue.record("\(name) \(view): configuration on a board page: …\(context)")
                    }
                }
                // Articles agree with the figure read aloud: an 8M goal, an 11.0 % target.
                let article = #"\b[Aa] [$€£¥]?(8|11(?![0-9,])|18(?![0-9,]))"#  // "a −18 %" reads "a minus"
                if let range = text.range(of: article, options: .regularExpression) {
                    Issue.record("\(name) \(view): “\(text[range])…” needs “an”")
                }
                // "12.1 %" never wraps: the space before "%" is a no-break space.
                #expect(!text.contains(" %"), "\(name) \(view) has a breakable space before %")
            }
        }
    }

    @Test func anUnansweredQuestionIsListedOnceInABoxAndEveryRegionLinksToTheRollUp() throws {
        for (name, out, _) in try Self.cases() {
            let regions = out.appendingPathComponent("regions")
            for file in try FileManager.default.contentsOfDirectory(atPath: regions.path) where file.hasSuffix(".md") {
                let md = read(regions.appendingPathComponent(file))
                #expect(md.components(separatedBy: "Not yet answered").count <= 2, "\(name) \(file): the box once")
                #expect(!md.contains("No answer recorded") || md.components(separatedBy: "No answer recorded").count == 2,
                        "\(name) \(file): no section repeats that its question is unanswered")
                #expect(md.contains("](../index.md)"), "\(name) \(file) links to the roll-up")
                let html = read(regions.appendingPathComponent(file.replacingOccurrences(of: ".md", with: ".html")))
                #expect(html.contains("href=\"../index.html\""), "\(name) \(file): the HTML links to the roll-up")
            }
            if name == "unanswered" {
                let md = read(regions.appendingPathComponent("emea.md"))
                #expect(md.contains("> **Not yet answered in Ines Moreau's own words:** questions 5, 6, 7, 8, 9, 10, 11 and the changes made."))
            }
        }
    }

    /// A bar that stands for a total (the gap to plan, each source's gap) starts at the zero
    /// line: one of its edges lies on it.
    @Test func barsForTotalsStartAtZero() throws {
        for (name, out, _) in try Self.cases() {
            let regions = out.appendingPathComponent("regions")
            for file in try FileManager.default.contentsOfDirectory(atPath: regions.path) where file.hasSuffix("-bridge.svg") {
                let svg = read(regions.appendingPathComponent(file))
                // The zero line is the one drawn 1.5 wide across the plot.
                let zeroLine = try #require(Self.elements("line", in: svg).first { $0.contains("stroke-width=\"1.5\"") })
                let zero = try #require(Self.attribute("y1", in: zeroLine))
                let gap = try #require(Self.elements("rect", in: svg).first { $0.contains("data-step=\"gap\"") })
                #expect(gap.contains("data-baseline=\"0\""))
                let y = try #require(Self.attribute("y", in: gap)), height = try #require(Self.attribute("height", in: gap))
                #expect(abs(y - zero) < 0.11 || abs(y + height - zero) < 0.11, "\(name) \(file): the gap bar leaves the zero line")
            }
            for file in try FileManager.default.contentsOfDirectory(atPath: regions.path) where file.hasSuffix("-gap-by-source.svg") {
                let svg = read(regions.appendingPathComponent(file))
                // The zero axis (the hatch pattern's own lines are white).
                let axisLine = try #require(Self.elements("line", in: svg).first { $0.contains("stroke=\"#999999\"") })
                let axis = try #require(Self.attribute("x1", in: axisLine))
                for bar in Self.elements("rect", in: svg) where bar.contains("data-source=") {
                    #expect(bar.contains("data-baseline=\"0\""))
                    let x = try #require(Self.attribute("x", in: bar)), width = try #require(Self.attribute("width", in: bar))
                    #expect(abs(x - axis) < 0.11 || abs(x + width - axis) < 0.11, "\(name) \(file): a source's bar leaves zero")
                }
            }
        }
    }

    static func elements(_ tag: String, in svg: String) -> [String] {
        var found: [String] = []
        var rest = svg[...]
        while let start = rest.range(of: "<\(tag) ") {
            guard let end = rest[start.upperBound...].firstIndex(of: ">") else { break }
            found.append(String(rest[start.lowerBound...end]))
            rest = rest[end...]
        }
        return found
    }

    static func attribute(_ name: String, in element: String) -> Double? {
        guard let range = element.range(of: " \(name)=\"") else { return nil }
        return Double(element[range.upperBound...].prefix { $0 != "\"" })
    }
}
