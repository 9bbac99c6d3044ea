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
        // Each method has its own colour and dash pattern, so the lines tell apart in greyscale too.
        struct Method { var key, name: String; var value: Decimal?; var colour, dash: String }
        let methods = [
            Method(key: "run_rate", name: "Run rate", value: figure.forecast.runRate, colour: Palette.runRate, dash: "6 4"),
            Method(key: "pace", name: "Pace to plan", value: figure.forecast.pace, colour: Palette.pace, dash: "2 3"),
            Method(key: "seasonal", name: "Seasonal", value: figure.forecast.seasonal, colour: Palette.seasonal, dash: "10 3 2 3"),
        ]
        let forecasts = methods.filter { $0.value != nil }
        let maxValue = ([figure.goal.double, running] + forecasts.compactMap { $0.value?.double }).max() ?? 1
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
        let planPoints = [(px(0), py(0))] + plan.enumerated().map { (px(Double($0.offset + 1)), py($0.element)) }
        svg.polyline(planPoints, stroke: Palette.plan, width: 2)
        for (m, total) in figure.cumulativePlan.enumerated() {
            svg.marker("square", planPoints[m + 1].0, planPoints[m + 1].1, fill: Palette.plan,
                       data: [("data-series", "plan"), ("data-month", calendar.month(m).description), ("data-value", SVG.value(total))])
        }
        let last = actualPoints.last!
        for method in forecasts {
            guard let value = method.value else { continue }
            svg.line(px(last.0), py(last.1), px(12), py(value.double), stroke: method.colour, width: 2, dash: method.dash)
            svg.marker("diamond", px(12), py(value.double), fill: method.colour, size: 9,
                       data: [("data-series", "forecast"), ("data-method", method.key), ("data-value", SVG.value(value))])
        }
        svg.polyline(actualPoints.map { (px($0.0), py($0.1)) }, stroke: Palette.actual, width: 3)
        var cumulativeActual = Decimal(0)
        for m in 0..<calendar.monthsTouched {
            cumulativeActual += figure.monthlyActual[m] ?? 0
            svg.marker("circle", px(actualPoints[m + 1].0), py(actualPoints[m + 1].1), fill: Palette.actual,
                       data: [("data-series", "actual"), ("data-month", calendar.month(m).description),
                              ("data-value", SVG.value(cumulativeActual))])
        }
        // Legend, with the year-end figures written out.
        var y = top + 8
        let legend: [(String, String, String?, String)] = [
            ("Plan \(Money.compact(figure.goal))", Palette.plan, nil, "square"),
            ("Actual \(Money.compact(figure.actualToDate))", Palette.actual, nil, "circle"),
        ] + forecasts.map { ("\($0.name) \(Money.compact($0.value ?? 0))", $0.colour, $0.dash, "diamond") }
        for (text, colour, dash, shape) in legend {
            svg.line(width - right + 12, y, width - right + 36, y, stroke: colour, width: 3, dash: dash)
            svg.marker(shape, width - right + 24, y, fill: colour, size: shape == "diamond" ? 9 : 6)
            svg.text(width - right + 42, y + 4, text, size: 11)
            y += 18
        }
        let description = "Cumulative \(title.lowercased()) by fiscal month. Plan for the year \(Money.plain(figure.goal)); "
            + "actual to date \(Money.plain(figure.actualToDate)) against \(Money.plain(figure.planToDate)) planned. "
            + forecasts.map { "\($0.name) forecast \(Money.plain($0.value ?? 0))." }.joined(separator: " ")
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
        let behind = svg.hatch(id: "\(id)-behind", colour: Palette.negative)
        svg.line(zero, 6, zero, height - 18, stroke: "#999999")
        for (i, s) in sources.enumerated() {
            let y = 10 + Double(i) * rowH
            let gap = s.revenue.gap.double
            let w = abs(gap) / maxGap * (plotW / 2 - 4)
            svg.text(labelW - 8, y + 13, s.source.name, anchor: "end", size: 11)
            svg.element("rect", [("x", SVG.n(gap < 0 ? zero - w : zero)), ("y", SVG.n(y)), ("width", SVG.n(w)),
                                 ("height", SVG.n(rowH - 8)), ("fill", gap < 0 ? behind : Palette.positive),
                                 ("data-source", s.source.id), ("data-value", SVG.value(s.revenue.gap))])
            svg.text(labelW + plotW + 8, y + 13, Money.signed(s.revenue.gap), size: 11,
                     fill: gap < 0 ? "#8a3300" : "#00456b", weight: "bold")
        }
        svg.text(zero - 6, height - 4, "◀ behind plan", anchor: "end", size: 10, fill: "#666")
        svg.text(zero + 6, height - 4, "ahead of plan ▶", size: 10, fill: "#666")
        let description = sources.map { "\($0.source.name) \(Money.signed($0.revenue.gap))" }.joined(separator: "; ")
        return svg.document(width: Int(width), height: Int(height), title: "Revenue gap to plan by source",
                            description: description, id: id)
    }

    /// The funnel-driver bridge (Q7) as a waterfall: the revenue plan to date, each driver's
    /// effect as a step up or down, and the actual to date. The effects are the cent-rounded
    /// ones `summary.json` carries, so the steps land exactly on the actual. When the bars would
    /// be slivers on a zero-based axis, the axis starts higher and says so.
    public static func waterfall(_ bridge: DriverBridge, revenue: Figure, id: String) -> String {
        let effects = bridge.effectsInCents
        let steps: [(String, String, Decimal)] = [
            ("leads", "Lead volume", effects.leads), ("lead_to_close", "Lead-to-close", effects.leadToClose),
            ("deal_size", "Deal size", effects.dealSize),
        ]
        var levels = [revenue.planToDate.cents]
        for (_, _, effect) in steps { levels.append(levels.last! + effect) }
        let top = levels.map(\.double).max()!, low = levels.map(\.double).min()!
        let span = max(top - low, 1)
        // Zero-based unless the steps would be under a tenth of the plot.
        let axisMin = span / max(top, 1) < 0.25 ? niceFloor(max(0, low - span * 0.6)) : 0
        let axisMax = axisMin + niceMax(max(top * 1.04 - axisMin, 1))
        let width = 640.0, height = 300.0, left = 80.0, right = 20.0, topPad = 24.0, bottom = 48.0
        let plotW = width - left - right, plotH = height - topPad - bottom
        func py(_ v: Double) -> Double { topPad + plotH - (v - axisMin) / (axisMax - axisMin) * plotH }
        let slot = plotW / 5, barW = slot * 0.56
        var svg = SVG()
        let down = svg.hatch(id: "\(id)-down", colour: Palette.negative)
        for i in 0...4 {
            let v = axisMin + (axisMax - axisMin) * Double(i) / 4
            svg.line(left, py(v), left + plotW, py(v), stroke: Palette.grid)
            svg.text(left - 6, py(v) + 4, Money.compact(Decimal(exactly: v, places: 0)), anchor: "end", size: 10)
        }
        if axisMin > 0 {
            svg.text(left, 12, "axis starts at \(Money.compact(Decimal(exactly: axisMin, places: 0)))", anchor: "start", size: 9, fill: "#666")
        }
        func bar(_ slotIndex: Int, from: Double, to: Double, fill: String, label: String, name: String, data: [(String, String)]) {
            let x = left + slot * Double(slotIndex) + (slot - barW) / 2
            let y0 = py(max(from, to)), y1 = py(min(from, to))
            svg.element("rect", [("x", SVG.n(x)), ("y", SVG.n(y0)), ("width", SVG.n(barW)), ("height", SVG.n(max(1, y1 - y0))),
                                 ("fill", fill)] + data)
            svg.text(x + barW / 2, y0 - 5, label, anchor: "middle", size: 11, weight: "bold")
            svg.text(x + barW / 2, height - bottom + 16, name, anchor: "middle", size: 11)
        }
        bar(0, from: axisMin, to: levels[0].double, fill: Palette.total, label: Money.compact(revenue.planToDate),
            name: "Plan to date", data: [("data-step", "plan_to_date"), ("data-value", SVG.value(revenue.planToDate))])
        for (i, (key, name, effect)) in steps.enumerated() {
            let up = effect >= 0
            // Direction in words and arrows as well as colour.
            bar(i + 1, from: levels[i].double, to: levels[i + 1].double, fill: up ? Palette.positive : down,
                label: "\(up ? "▲" : "▼") \(Money.signed(effect))", name: name,
                data: [("data-step", key), ("data-value", SVG.value(effect))])
            let xEnd = left + slot * Double(i + 1) + (slot + barW) / 2
            svg.line(xEnd, py(levels[i + 1].double), xEnd + slot - barW, py(levels[i + 1].double), stroke: "#999999", dash: "2 2")
        }
        bar(4, from: axisMin, to: revenue.actualToDate.double, fill: Palette.actual, label: Money.compact(revenue.actualToDate),
            name: "Actual to date", data: [("data-step", "actual_to_date"), ("data-value", SVG.value(revenue.actualToDate))])
        svg.text(left + plotW / 2, height - 8, "Gap \(Money.signed(revenue.gap)) = " + steps.map { "\($0.1) \(Money.signed($0.2))" }.joined(separator: " + "),
                 anchor: "middle", size: 10, fill: "#333")
        let description = "Revenue plan to date \(Money.plain(revenue.planToDate)); "
            + steps.map { "\($0.1) \(Money.signed($0.2))" }.joined(separator: "; ")
            + "; actual to date \(Money.plain(revenue.actualToDate))."
        return svg.document(width: Int(width), height: Int(height), title: "Revenue gap by funnel driver",
                            description: description, id: id)
    }

    /// A KPI month by month, with its target as a dashed line; the last month is labelled.
    /// Returns nil when no month has a value.
    public static func kpiSparkline(_ kpi: KPIResult, calendar: FiscalCalendar, id: String) -> String? {
        let exact = Array(kpi.monthly.prefix(calendar.monthsTouched))
        let values = exact.map { $0?.double }
        let numbers = values.compactMap { $0 } + (kpi.kpi.target.map { [$0.double] } ?? [])
        guard let lo = numbers.min(), let hi = numbers.max(), values.contains(where: { $0 != nil }) else { return nil }
        let width = 170.0, height = 40.0, pad = 5.0, plotW = width - 2 * pad - 58
        let range = hi - lo == 0 ? 1 : hi - lo
        // The months to date fill the width (the column header names them).
        let span = Double(max(1, values.count - 1))
        func px(_ m: Int) -> Double { pad + Double(m) / span * plotW }
        func py(_ v: Double) -> Double { height - pad - (v - lo) / range * (height - 2 * pad) }
        var svg = SVG()
        if let target = kpi.kpi.target?.double {
            svg.line(pad, py(target), pad + plotW, py(target), stroke: Palette.plan, dash: "3 2")
        }
        let points = values.enumerated().compactMap { m, v in v.map { (px(m), py($0)) } }
        svg.polyline(points, stroke: Palette.actual, width: 1.5)
        for (m, v) in values.enumerated() {
            guard let v else { continue }
            svg.marker("circle", px(m), py(v), fill: Palette.actual, size: 3,
                       data: [("data-month", calendar.month(m).description), ("data-value", SVG.value(v))])
        }
        if let m = exact.lastIndex(where: { $0 != nil }), let v = values[m] {
            svg.text(pad + plotW + 6, min(height - 2, max(10, py(v) + 4)), Wording.kpi(exact[m], unit: kpi.kpi.unit), size: 10)
        }
        let months = exact.enumerated().compactMap { m, v in v.map { "\(label(calendar.month(m))) \(Wording.kpi($0, unit: kpi.kpi.unit))" } }
        let target = kpi.kpi.target.map { "; target \(Wording.kpi($0, unit: kpi.kpi.unit))" } ?? ""
        return svg.document(width: Int(width), height: Int(height), title: "\(kpi.kpi.name) by month",
                            description: months.joined(separator: ", ") + target, id: id)
    }

    /// A round axis start at or below `value`.
    static func niceFloor(_ value: Double) -> Double {
        guard value > 0 else { return 0 }
        let magnitude = pow(10, floor(log10(value)))
        return floor(value / magnitude * 2) / 2 * magnitude
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
