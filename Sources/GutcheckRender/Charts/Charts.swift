import Foundation
import GutcheckCore

/// The report's charts as standalone SVG documents (inline in HTML, files beside Markdown).
public enum Charts {
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func label(_ month: YearMonth) -> String { monthNames[month.month - 1] }

    /// Cumulative plan vs actual by month, with the year-end forecasts as dashed lines from
    /// the last actual point to the year's end.
    public static func cumulative(_ figure: Figure, calendar: FiscalCalendar, title: String, id: String) -> String {
        let width = 640.0, height = 300.0
        let left = 70.0, right = 150.0, top = 20.0, bottom = 40.0
        let plotW = width - left - right, plotH = height - top - bottom
        let plan = figure.cumulativePlan.map(\.double)
        var actualPoints: [(Double, Double)] = [(0, 0)]
        var running = 0.0
        for m in 0..<calendar.monthsTouched {
            running += figure.monthlyActual[m]?.double ?? 0
            let x = m < calendar.fullMonths ? Double(m + 1) : calendar.elapsed.double
            actualPoints.append((x, running))
        }
        let forecasts: [(String, Decimal?, String)] = [
            ("Run rate", figure.forecast.runRate, Palette.runRate),
            ("Pace to plan", figure.forecast.pace, Palette.pace),
            ("Seasonal", figure.forecast.seasonal, Palette.seasonal),
        ]
        let maxValue = ([figure.goal.double, running] + forecasts.compactMap { $0.1?.double }).max() ?? 1
        let scale = niceMax(max(maxValue, 1))
        func px(_ month: Double) -> Double { left + month / 12 * plotW }
        func py(_ value: Double) -> Double { top + plotH - max(0, value) / scale * plotH }

        var svg = SVG()
        for i in 0...4 {
            let v = scale * Double(i) / 4
            svg.line(left, py(v), left + plotW, py(v), stroke: Palette.grid)
            svg.text(left - 6, py(v) + 4, Money.compact(Decimal(exactly: v, places: 0)), anchor: "end", size: 10)
        }
        for m in 0..<12 {
            svg.text(px(Double(m) + 0.5), height - bottom + 16, label(calendar.month(m)), anchor: "middle", size: 10)
        }
        svg.line(px(calendar.elapsed.double), top, px(calendar.elapsed.double), top + plotH, stroke: "#999999", dash: "2 3")
        svg.text(px(calendar.elapsed.double) + 3, top + 10, "cut-off", size: 9, fill: "#666")
        svg.polyline([(px(0), py(0))] + plan.enumerated().map { (px(Double($0.offset + 1)), py($0.element)) },
                     stroke: Palette.plan, width: 2, marker: "square")
        let last = actualPoints.last!
        for (_, value, colour) in forecasts {
            guard let value else { continue }
            svg.line(px(last.0), py(last.1), px(12), py(value.double), stroke: colour, width: 2, dash: "6 4")
        }
        svg.polyline(actualPoints.map { (px($0.0), py($0.1)) }, stroke: Palette.actual, width: 3, marker: "circle")
        // Legend, with the year-end figures written out.
        var y = top + 8
        let legend: [(String, String, String?)] = [
            ("Plan \(Money.compact(figure.goal))", Palette.plan, nil),
            ("Actual \(Money.compact(figure.actualToDate))", Palette.actual, nil),
        ] + forecasts.compactMap { name, value, colour in value.map { ("\(name) \(Money.compact($0))", colour, "6 4") } }
        for (text, colour, dash) in legend {
            svg.line(width - right + 12, y, width - right + 36, y, stroke: colour, width: 3, dash: dash)
            svg.text(width - right + 42, y + 4, text, size: 11)
            y += 18
        }
        let description = "Cumulative \(title.lowercased()) by fiscal month. Plan for the year \(Money.plain(figure.goal)); "
            + "actual to date \(Money.plain(figure.actualToDate)) against \(Money.plain(figure.planToDate)) planned. "
            + forecasts.compactMap { n, v, _ in v.map { "\(n) forecast \(Money.plain($0))." } }.joined(separator: " ")
        return svg.document(width: Int(width), height: Int(height), title: "\(title): cumulative plan vs actual",
                            description: description, id: id)
    }

    /// The gap to plan by source as diverging bars (left behind plan, right ahead).
    public static func gapBySource(_ sources: [SourceResult], id: String) -> String? {
        guard !sources.isEmpty else { return nil }
        let rowH = 26.0, labelW = 170.0, valueW = 90.0, plotW = 300.0
        let width = labelW + plotW + valueW + 20, height = Double(sources.count) * rowH + 30
        let maxGap = max(sources.map { abs($0.revenue.gap.double) }.max() ?? 1, 1)
        let zero = labelW + plotW / 2
        var svg = SVG()
        svg.line(zero, 6, zero, height - 18, stroke: "#999999")
        for (i, s) in sources.enumerated() {
            let y = 10 + Double(i) * rowH
            let gap = s.revenue.gap.double
            let w = abs(gap) / maxGap * (plotW / 2 - 4)
            svg.text(labelW - 8, y + 13, s.source.name, anchor: "end", size: 11)
            svg.element("rect", [("x", SVG.n(gap < 0 ? zero - w : zero)), ("y", SVG.n(y)), ("width", SVG.n(w)),
                                 ("height", SVG.n(rowH - 8)), ("fill", gap < 0 ? Palette.negative : Palette.positive)])
            svg.text(labelW + plotW + 8, y + 13, Money.signed(s.revenue.gap), size: 11,
                     fill: gap < 0 ? "#8a3300" : "#00456b", weight: "bold")
        }
        svg.text(zero - 6, height - 4, "◀ behind plan", anchor: "end", size: 10, fill: "#666")
        svg.text(zero + 6, height - 4, "ahead of plan ▶", size: 10, fill: "#666")
        let description = sources.map { "\($0.source.name) \(Money.signed($0.revenue.gap))" }.joined(separator: "; ")
        return svg.document(width: Int(width), height: Int(height), title: "Revenue gap to plan by source",
                            description: description, id: id)
    }

    /// A round axis maximum at or above `value` (1, 2, 2.5 or 5 × a power of ten).
    static func niceMax(_ value: Double) -> Double {
        let magnitude = pow(10, floor(log10(value)))
        for step in [1.0, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10] where step * magnitude >= value { return step * magnitude }
        return 10 * magnitude
    }

    /// A text sparkline (▁▂▃▄▅▆▇█), readable in plain Markdown; months without data are spaces.
    public static func sparkline(_ values: [Decimal?]) -> String {
        let bars = Array("▁▂▃▄▅▆▇█")
        let numbers = values.compactMap { $0?.double }
        guard let lo = numbers.min(), let hi = numbers.max() else { return "" }
        return String(values.map { v -> Character in
            guard let v = v?.double else { return " " }
            if hi == lo { return bars[3] }
            return bars[Int(((v - lo) / (hi - lo) * 7).rounded())]
        })
    }
}
