import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import GutcheckRender

/// What a board member's eye cannot check: every chart is well-formed XML, accessible, and
/// plots exactly the figures `summary.json` reports.
@Suite struct ChartTests {
    static let samples = here.appendingPathComponent("../../samples").standardizedFileURL

    /// The marks of one SVG: each element carrying `data-value`, with its `data-*` attributes.
    final class Marks: NSObject, XMLParserDelegate {
        var marks: [[String: String]] = []
        var elements: [String] = []
        var title = ""
        var inTitle = false
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements.append(name)
            inTitle = name == "title"
            if attributes["data-value"] != nil { marks.append(attributes) }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { if inTitle { title += string } }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { inTitle = false }
    }

    func parse(_ url: URL) throws -> Marks {
        let data = try Data(contentsOf: url)
        let parser = XMLParser(data: data)
        let marks = Marks()
        parser.delegate = marks
        #expect(parser.parse(), "\(url.lastPathComponent) is not well-formed XML: \(String(describing: parser.parserError))")
        return marks
    }

    func number(_ any: Any?) -> Double? { any as? Double }

    /// The summary as plain values, numbers read from their exact text (Foundation's
    /// JSONSerialization on Linux can be off in the last digit, which would hide nothing but blur "equal").
    func plain(_ value: JSONValue) -> Any {
        switch value {
        case .object(let pairs): return Dictionary(pairs.map { ($0.0, plain($0.1)) }, uniquingKeysWith: { a, _ in a })
        case .array(let items): return items.map(plain)
        case .string(let s): return s
        case .number(let text): return Double(text) ?? Double.nan
        case .bool(let b): return b
        case .null: return NSNull()
        }
    }

    @Test(arguments: ["northwind", "salesforce"])
    func chartsPlotTheSummaryFigures(sample: String) throws {
        let out = temporaryFolder().appendingPathComponent("report")
        let run = gutcheck(["report", "--out", out.path] + RollupTests.inputs(sample))
        try #require(run.status == 0, "\(run.err)")
        let summary = try #require(plain(JSONValue.parse([UInt8](Data(contentsOf: out.appendingPathComponent("summary.json"))))) as? [String: Any])
        let regions = try #require(summary["regions"] as? [[String: Any]])
        var checked = 0

        /// Cumulative chart: plan and actual points are running sums of the monthly figures
        /// (each rounded to the cent in the summary, so a few cents apart at most), forecasts exact.
        func checkCumulative(_ url: URL, revenue: [String: Any]) throws {
            let marks = try parse(url)
            #expect(!marks.title.isEmpty && marks.elements.contains("desc"), "\(url.lastPathComponent) needs a title and desc")
            let monthly = try #require(revenue["monthly"] as? [[String: Any]])
            var plan = 0.0, actual = 0.0
            for row in monthly {
                let month = try #require(row["month"] as? String)
                plan += number(row["plan"]) ?? 0
                actual += number(row["actual"]) ?? 0
                let p = try #require(marks.marks.first { $0["data-series"] == "plan" && $0["data-month"] == month })
                #expect(abs(Double(p["data-value"]!)! - plan) < 0.06, "\(url.lastPathComponent) plan \(month)")
                if number(row["actual"]) != nil {
                    let a = try #require(marks.marks.first { $0["data-series"] == "actual" && $0["data-month"] == month })
                    #expect(abs(Double(a["data-value"]!)! - actual) < 0.06, "\(url.lastPathComponent) actual \(month)")
                }
                checked += 1
            }
            let forecast = try #require(revenue["forecast"] as? [String: Any])
            for method in ["run_rate", "pace", "seasonal"] {
                let mark = marks.marks.first { $0["data-series"] == "forecast" && $0["data-method"] == method }
                #expect(mark.flatMap { Double($0["data-value"]!) } == number(forecast[method]), "\(url.lastPathComponent) \(method)")
            }
        }

        try checkCumulative(out.appendingPathComponent("company-cumulative.svg"),
                            revenue: try #require((summary["totals"] as? [String: Any])?["revenue"] as? [String: Any]))
        for region in regions {
            let id = try #require(region["id"] as? String)
            let revenue = try #require(region["revenue"] as? [String: Any])
            let chart = { (name: String) in out.appendingPathComponent("regions/\(id)-\(name).svg") }
            try checkCumulative(chart("cumulative"), revenue: revenue)

            let sources = try #require(region["sources"] as? [[String: Any]])
            let gaps = try parse(chart("gap-by-source")).marks
            let unassigned = try #require(region["unassigned"] as? [String: Any])
            let shown = [number(unassigned["goal"]), number(unassigned["plan_to_date"]), number(unassigned["actual_to_date"])].contains { $0 != 0 }
            #expect(gaps.count == sources.count + (shown ? 1 : 0))
            if shown {
                #expect(gaps.first { $0["data-source"] == "unassigned" }.flatMap { Double($0["data-value"]!) } == number(unassigned["gap"]))
            }
            for s in sources {
                let gap = number((s["revenue"] as? [String: Any])?["gap"])
                #expect(gaps.first { $0["data-source"] == s["id"] as? String }.flatMap { Double($0["data-value"]!) } == gap)
            }

            let funnelDrivers = ((region["funnel"] as? [String: Any])?["drivers"] as? [[String: Any]]) ?? []
            if !funnelDrivers.isEmpty {
                // A declared funnel: the waterfall has a step per factor, each summary.json's effect.
                let steps = try parse(chart("bridge")).marks
                func step(_ key: String) -> Double? { steps.first { $0["data-step"] == key }.flatMap { Double($0["data-value"]!) } }
                for d in funnelDrivers {
                    let factor = try #require(d["factor"] as? String)
                    #expect(step(factor) == number(d["effect"]), "\(id) \(factor)")
                }
                #expect(step("gap") == number(revenue["gap"]))
                checked += 1
            } else if let drivers = revenue["drivers"] as? [String: Any] {
                let steps = try parse(chart("bridge")).marks
                func step(_ key: String) -> Double? { steps.first { $0["data-step"] == key }.flatMap { Double($0["data-value"]!) } }
                for key in ["leads", "lead_to_close", "deal_size"] { #expect(step(key) == number(drivers[key]), "\(id) \(key)") }
                // The waterfall runs on the gap: the steps end at it, drawn from zero.
                #expect(step("gap") == number(revenue["gap"]))
                checked += 1
            } else {
                #expect(!FileManager.default.fileExists(atPath: chart("bridge").path))
            }

            if let categories = region["categories"] as? [String: Any] {
                // Categories against the goal: a segment per category with summary.json's amount.
                let bars = try parse(chart("categories")).marks
                let closed = bars.first { $0["data-category"] == "closed" }.flatMap { Double($0["data-value"]!) }
                #expect(closed == number(categories["closed"]), "\(id) closed")
                for key in ["commit", "best_case", "pipeline"] {
                    let value = bars.first { $0["data-category"] == key }.flatMap { Double($0["data-value"]!) }
                    #expect(value == number(categories[key]), "\(id) \(key)")
                }
                checked += 1
            }
            if let movement = region["pipeline_movement"] as? [String: Any] {
                // The movement waterfall: a bar per step carrying summary.json's amount.
                let bars = try parse(chart("pipeline-movement")).marks
                for key in ["open_at_start", "created", "pulled_in", "won", "lost", "pushed_out", "went_stale", "removed", "value_changed", "open_now"] {
                    let value = bars.first { $0["data-step"] == key }.flatMap { Double($0["data-value"]!) }
                    #expect(value == number((movement[key] as? [String: Any])?["amount"]), "\(id) \(key)")
                }
                checked += 1
            } else {
                #expect(!FileManager.default.fileExists(atPath: chart("pipeline-movement").path))
            }

            for kpi in try #require(region["kpis"] as? [[String: Any]]) {
                let kpiID = try #require(kpi["id"] as? String)
                let monthly = try #require(kpi["monthly"] as? [Any])
                // A single point is a figure, not a sparkline (SPEC §12.2).
                guard monthly.compactMap(number).count >= 2 else {
                    #expect(!FileManager.default.fileExists(atPath: chart("kpi_\(kpiID)").path))
                    continue
                }
                let points = try parse(chart("kpi_\(kpiID)")).marks
                #expect(points.count == monthly.compactMap(number).count, "\(id) \(kpiID)")
                for point in points {
                    let m = try #require(point["data-month"].flatMap { String($0.suffix(2)) }.flatMap(Int.init))
                    // Fiscal months may start after January: match by the month's position instead.
                    let index = (m - 1 - fiscalStartMonth(summary) + 12) % 12
                    #expect(Double(point["data-value"]!) == number(monthly[index]), "\(id) \(kpiID) \(point["data-month"]!)")
                }
                checked += 1
            }
        }
        #expect(checked > 12)
        // Every SVG written, charts or not, parses.
        for file in try FileManager.default.subpathsOfDirectory(atPath: out.path) where file.hasSuffix(".svg") {
            _ = try parse(out.appendingPathComponent(file))
        }
    }

    func fiscalStartMonth(_ summary: [String: Any]) -> Int {
        ((summary["fiscal_year_start"] as? String).flatMap { Int($0.suffix(2)) } ?? 1) - 1
    }
}
