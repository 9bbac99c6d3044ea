import Foundation
import GutcheckCore

/// The report's charts as standalone SVG documents (inline in HTML, files beside Markdown).
/// Honest by construction (SPEC §12.2): a bar that stands for a total starts at zero, a gap
/// small against its totals gets its own panel, every forecast the text names is drawn, and
/// a labelled point names its month. Every plotted mark carries `data-value`, written as
/// summary.json writes it.
public enum Charts {
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func label(_ month: YearMonth) -> String { monthNames[month.month - 1] }

    /// Each forecast method's colour and dash pattern, so the lines tell apart in greyscale too.
    static func style(_ method: Figure.Forecast.Method) -> (name: String, colour: String, dash: String) {
        let name = Narrative.method(method).label
        switch method {
        case .runRate: return (name, Palette.runRate, "6 4")
        case .pace: return (name, Palette.pace, "2 3")
        case .seasonal: return (name, Palette.seasonal, "10 3 2 3")
        case .seasonalCompany: return (name, Palette.seasonalCompany, "8 2 2 2 2 2")
        case .pipeline: return (name, Palette.pipeline, "1 2")
        }
    }

    /// Cumulative plan vs actual by month from zero, every forecast as a dashed line from the
    /// last actual point to the year's end, and below it the cumulative gap to plan in its own
    /// panel (a gap of a few percent is invisible on the totals' scale).
    /// How big a chart is drawn: for a report's full width, or compact for half a printed page
    /// (the packet's one page per region), where a narrower drawing keeps its labels readable.
    public enum Size: Sendable { case full, compact }

    /// One scale for several regions' charts, so a packet's pages compare side by side: the
    /// largest of their goals, actuals and forecasts, and of their cumulative gaps.
    public struct Scale: Sendable {
        public var value: Double
        public var gap: Double

        public init(_ figures: [Figure], calendar: FiscalCalendar) {
            value = niceMax(max(1, figures.flatMap { f in [f.goal, f.actualToDate] + f.forecast.all.map(\.value) }.map(\.double).max() ?? 1))
            gap = niceMax(max(1, figures.flatMap { f in cumulativeGaps(f, calendar: calendar).map { abs($0.gap.double) } }.max() ?? 1))
        }
    }

    /// Actual − plan, cumulative, per elapsed month.
    static func cumulativeGaps(_ figure: Figure, calendar: FiscalCalendar) -> [(month: Int, gap: Decimal)] {
        let plan = figure.cumulativePlan
        var running = Decimal(0)
        return (0..<calendar.monthsTouched).map { m in
            running += figure.monthlyActual[m] ?? 0
            return (m, running - (m < calendar.fullMonths ? plan[m] : figure.planToDate))
        }
    }

    public static func cumulative(_ figure: Figure, calendar: FiscalCalendar, title: String, id: String, money: CurrencyFormat,
                                  size: Size = .full, shared: Scale? = nil) -> String {
        let compact = size == .compact
        let width = compact ? 360.0 : 640.0, left = compact ? 50.0 : 70.0, right = compact ? 10.0 : 160.0, top = 20.0
        let mainH = compact ? 118.0 : 220.0, axisGap = 34.0, gapH = compact ? 44.0 : 80.0
        let legendRows = compact ? (2 + figure.forecast.all.count + 1) / 2 : 0
        let bottom = 26.0 + Double(legendRows) * 15
        let height = top + mainH + axisGap + gapH + bottom
        let plotW = width - left - right
        let plan = figure.cumulativePlan
        var actual: [(x: Double, value: Decimal)] = [(0, 0)]
        var running = Decimal(0)
        for m in 0..<calendar.monthsTouched {
            running += figure.monthlyActual[m] ?? 0
            let x = m < calendar.fullMonths ? Double(m + 1) : calendar.elapsed.double
            actual.append((x, running))
        }
        let forecasts = figure.forecast.all
        let maxValue = ([figure.goal, running] + forecasts.map(\.value)).map(\.double).max() ?? 1
        let scale = shared?.value ?? niceMax(max(maxValue, 1))
        func px(_ month: Double) -> Double { left + month / 12 * plotW }
        func py(_ value: Double) -> Double { top + mainH - max(0, value) / scale * mainH }

        var svg = SVG()
        for i in 0...4 {
            let v = scale * Double(i) / 4
            svg.line(left, py(v), left + plotW, py(v), stroke: Palette.grid)
            svg.text(left - 6, py(v) + 4, money.compact(Decimal(exactly: v, places: 0)), anchor: "end", size: 11)
        }
        for m in 0..<12 {
            // Compact: every other month named, so the labels never touch.
            guard !compact || m % 2 == 0 else { continue }
            svg.text(px(Double(m) + 0.5), top + mainH + 14, label(calendar.month(m)), anchor: "middle", size: 11)
        }
        let cut = px(calendar.elapsed.double)
        svg.line(cut, top, cut, top + mainH, stroke: "#999999", dash: "2 3")
        svg.text(cut + 3, top + 10, "cut-off", size: 10, fill: "#666")
        let planPoints = [(px(0), py(0))] + plan.enumerated().map { (px(Double($0.offset + 1)), py($0.element.double)) }
        svg.polyline(planPoints, stroke: Palette.plan, width: 2)
        for (m, total) in plan.enumerated() {
            svg.marker("square", planPoints[m + 1].0, planPoints[m + 1].1, fill: Palette.plan,
                       data: [("data-series", "plan"), ("data-month", calendar.month(m).description), ("data-value", SVG.value(total))])
        }
        let last = actual.last!
        for (method, value) in forecasts {
            let s = style(method)
            svg.line(px(last.x), py(last.value.double), px(12), py(value.double), stroke: s.colour, width: 2, dash: s.dash)
            svg.marker("diamond", px(12), py(value.double), fill: s.colour, size: 9,
                       data: [("data-series", "forecast"), ("data-method", method.rawValue), ("data-value", SVG.value(value))])
        }
        svg.polyline(actual.map { (px($0.x), py($0.value.double)) }, stroke: Palette.actual, width: 3)
        for m in 0..<calendar.monthsTouched {
            svg.marker("circle", px(actual[m + 1].x), py(actual[m + 1].value.double), fill: Palette.actual,
                       data: [("data-series", "actual"), ("data-month", calendar.month(m).description),
                              ("data-value", SVG.value(actual[m + 1].value))])
        }
        // Legend, with the year-end figures written out: at the right, or (compact) below in two columns.
        let legend: [(String, String, String?, String)] = [
            ("Plan \(money.compact(figure.goal))", Palette.plan, nil, "square"),
            ("Actual \(money.compact(figure.actualToDate))", Palette.actual, nil, "circle"),
        ] + forecasts.map { f in let s = style(f.method); return ("\(s.name) \(money.compact(f.value))", s.colour, s.dash, "diamond") }
        for (i, (text, colour, dash, shape)) in legend.enumerated() {
            let x = compact ? left - 40 + Double(i % 2) * 170 : width - right + 12
            let y = compact ? top + mainH + axisGap + gapH + 30 + Double(i / 2) * 15 : top + 8 + Double(i) * 18
            svg.line(x, y, x + 24, y, stroke: colour, width: 3, dash: dash)
            svg.marker(shape, x + 12, y, fill: colour, size: shape == "diamond" ? 9 : 6)
            svg.text(x + 30, y + 4, text, size: compact ? 11 : 12)
        }

        // The gap panel: actual − plan, cumulative, per elapsed month, as bars from zero.
        let gapTop = top + mainH + axisGap
        let gaps = cumulativeGaps(figure, calendar: calendar)
        let maxGap = max(gaps.map { abs($0.gap.double) }.max() ?? 1, 1)
        let gapScale = shared?.gap ?? niceMax(maxGap)
        let zero = gapTop + gapH / 2
        func gy(_ v: Double) -> Double { zero - v / gapScale * (gapH / 2 - 4) }
        svg.text(left - 6, gapTop - 6, "Gap to plan, cumulative", anchor: "start", size: 11, fill: "#333", weight: "bold")
        svg.line(left, zero, left + plotW, zero, stroke: "#999999")
        svg.text(left - 6, gy(gapScale) + 4, money.signedCompact(Decimal(exactly: gapScale, places: 0)), anchor: "end", size: 10, fill: "#666")
        svg.text(left - 6, gy(-gapScale) + 4, money.compact(Decimal(exactly: -gapScale, places: 0)), anchor: "end", size: 10, fill: "#666")
        let behind = svg.hatch(id: "\(id)-behind", colour: Palette.negative)
        let barW = plotW / 12 * 0.6
        for (m, gap) in gaps {
            let x = px(Double(m) + 0.5) - barW / 2
            let g = gap.double
            svg.element("rect", [("x", SVG.n(x)), ("y", SVG.n(min(zero, gy(g)))), ("width", SVG.n(barW)),
                                 ("height", SVG.n(max(0.5, abs(gy(g) - zero)))), ("fill", g < 0 ? behind : Palette.positive),
                                 ("data-series", "gap"), ("data-month", calendar.month(m).description), ("data-value", SVG.value(gap)),
                                 ("data-baseline", "0")])
        }
        if let final = gaps.last {
            // Level with the bar's end, or clear of the plan line where the bar is short.
            let end = gy(final.gap.double)
            let y = abs(end - zero) >= 12 ? end + 4 : final.gap < 0 ? zero + 13 : zero - 4
            svg.text(px(Double(final.month) + 0.5) + barW / 2 + 4, y,
                     "\(final.gap < 0 ? "▼" : "▲") \(money.signedCompact(final.gap))", size: 11, weight: "bold")
        }
        let description = "Cumulative \(title.lowercased()) by fiscal month. Plan for the year \(money.whole(figure.goal)); "
            + "actual to date \(money.whole(figure.actualToDate)) against \(money.whole(figure.planToDate)) planned "
            + "(gap \(money.signedCompact(figure.gap))). "
            + forecasts.map { "\(style($0.method).name) forecast \(money.whole($0.value))." }.joined(separator: " ")
        return svg.document(width: Int(width), height: Int(height), title: "\(title): cumulative plan vs actual",
                            description: description, id: id)
    }

    /// The gap to plan by source as diverging bars from zero (left behind plan, right ahead),
    /// with the part in no source when there is one, so the bars add up to the region's gap.
    public static func gapBySource(_ sources: [SourceResult], unassigned: Unassigned, id: String, money: CurrencyFormat) -> String? {
        guard !sources.isEmpty else { return nil }
        var rows = sources.map { (id: $0.source.id.rawValue, name: $0.source.name, gap: $0.revenue.gap) }
        if unassigned.isShown { rows.append((FocusArea.unassignedId, Narrative.unassignedRow, unassigned.gap)) }
        let rowH = 26.0, labelW = 170.0, valueW = 90.0, plotW = 300.0
        let width = labelW + plotW + valueW + 20, height = Double(rows.count) * rowH + 30
        let maxGap = max(rows.map { abs($0.gap.double) }.max() ?? 1, 1)
        let zero = labelW + plotW / 2
        var svg = SVG()
        let behind = svg.hatch(id: "\(id)-behind", colour: Palette.negative)
        svg.line(zero, 6, zero, height - 18, stroke: "#999999")
        for (i, row) in rows.enumerated() {
            let y = 10 + Double(i) * rowH
            let gap = row.gap.double
            let w = abs(gap) / maxGap * (plotW / 2 - 4)
            svg.text(labelW - 8, y + 13, row.name, anchor: "end", size: 11)
            svg.element("rect", [("x", SVG.n(gap < 0 ? zero - w : zero)), ("y", SVG.n(y)), ("width", SVG.n(w)),
                                 ("height", SVG.n(rowH - 8)), ("fill", gap < 0 ? behind : Palette.positive),
                                 ("data-source", row.id), ("data-value", SVG.value(row.gap)), ("data-baseline", "0")])
            svg.text(labelW + plotW + 8, y + 13, "\(gap < 0 ? "▼" : "▲") \(money.signedCompact(row.gap))", size: 11,
                     fill: gap < 0 ? "#8a3300" : "#00456b", weight: "bold")
        }
        svg.text(zero - 6, height - 4, "◀ behind plan", anchor: "end", size: 10, fill: "#666")
        svg.text(zero + 6, height - 4, "ahead of plan ▶", size: 10, fill: "#666")
        let description = rows.map { "\($0.name) \(money.signedCompact($0.gap))" }.joined(separator: "; ")
        return svg.document(width: Int(width), height: Int(height), title: "Revenue gap to plan by source",
                            description: description, id: id)
    }

    /// The funnel-driver bridge (Q7) as a waterfall on the gap itself: from the zero-gap line
    /// (the plan), each driver's effect as a step, ending at the gap as a bar from zero. The
    /// effects are the cent-rounded ones summary.json carries, so they land exactly on the gap.
    /// One value range for several regions' bridges (the packet's pages), as `Scale` is for
    /// their cumulative charts: the highest and lowest running level of any of them.
    public struct BridgeRange: Sendable {
        public var low: Double
        public var high: Double

        init(_ bridges: [(Bridge, Figure)]) {
            let all = bridges.flatMap { Charts.levels($0.0) + [$0.1.gap.cents] }.map(\.double)
            low = min(all.min() ?? 0, 0)
            high = max(all.max() ?? 0, 0)
        }
    }

    /// A bridge's running levels: zero, then after each step.
    static func levels(_ bridge: Bridge) -> [Decimal] {
        bridge.steps.reduce(into: [Decimal(0)]) { levels, step in levels.append(levels.last! + step.effect) }
    }

    static func waterfall(_ bridge: Bridge, revenue: Figure, id: String, money: CurrencyFormat, size: Size = .full,
                          shared: BridgeRange? = nil) -> String {
        let compact = size == .compact
        let steps = bridge.steps
        let levels = Self.levels(bridge)
        let gap = revenue.gap.cents
        let values = (levels + [gap]).map(\.double)
        let hi = max(values.max()!, 0, shared?.high ?? 0), lo = min(values.min()!, 0, shared?.low ?? 0)
        // The axis spans the steps with zero inside it, in round steps, padded so labels fit.
        let step = niceStep(max(hi - lo, 1) * 1.3 / 4)
        let axisMax = max(step * 0.5, (hi * 1.15 / step).rounded(.up) * step)
        let axisMin = min(-step * 0.5, (lo * 1.15 / step).rounded(.down) * step)
        // A narrow chart with many steps: short labels, smaller type, no arrows on the values
        // (the sign and the hatching still tell the direction).
        let crowded = compact && steps.count > 3
        // A compact chart (the packet's, on one scale for every region) has many short bars:
        // values without arrows, in smaller type, so neighbours' labels do not meet.
        let plainValues = compact
        let labels = steps.map { crowded ? $0.shortLabel : $0.label }
        let labelLines = max(labels.map(\.count).max() ?? 1, crowded ? 2 : 1)
        let width = compact ? 360.0 : 640.0, height = (compact ? 228.0 : 280.0) + Double(labelLines - 1) * 12
        let left = compact ? 62.0 : 80.0, right = compact ? 8.0 : 20.0, topPad = 28.0, bottom = 32.0 + Double(labelLines) * 12
        let plotW = width - left - right, plotH = height - topPad - bottom
        func py(_ v: Double) -> Double { topPad + (axisMax - v) / (axisMax - axisMin) * plotH }
        let slot = plotW / Double(steps.count + 1), barW = slot * 0.56
        let labelSize = crowded ? 10 : 11
        var svg = SVG()
        let down = svg.hatch(id: "\(id)-down", colour: Palette.negative)
        var tick = (axisMin / step).rounded(.up) * step
        while tick <= axisMax + step / 1000 {
            svg.line(left, py(tick), left + plotW, py(tick), stroke: Palette.grid)
            // Zero is the plan: named on the axis, where no bar can cover it.
            let label = abs(tick) < step / 1000 ? "on plan" : money.signedCompact(Decimal(exactly: tick, places: 0))
            svg.text(left - 6, py(tick) + 4, label, anchor: "end", size: 11, weight: abs(tick) < step / 1000 ? "bold" : nil)
            tick += step
        }
        svg.line(left, py(0), left + plotW, py(0), stroke: "#333333", width: 1.5)
        func bar(_ slotIndex: Int, from: Double, to: Double, fill: String, label: String, name: [String], data: [(String, String)]) {
            let x = left + slot * Double(slotIndex) + (slot - barW) / 2
            let y0 = py(max(from, to)), y1 = py(min(from, to))
            svg.element("rect", [("x", SVG.n(x)), ("y", SVG.n(y0)), ("width", SVG.n(barW)), ("height", SVG.n(max(1, y1 - y0))),
                                 ("fill", fill)] + data)
            // Beside the bar's end, but never across the plan line: a rise that stays below
            // zero is labelled above the line, a fall that stays above it below the line
            // (on a shared scale many bars are short).
            let zero = py(0)
            let labelY = to >= from ? (to < 0 ? zero : y0) - 5 : (to > 0 ? zero : y1) + 13
            svg.text(x + barW / 2, labelY, label, anchor: "middle", size: crowded ? 9 : plainValues ? 10 : 12, weight: "bold")
            for (line, text) in name.enumerated() {
                svg.text(x + barW / 2, height - bottom + 18 + Double(line) * 12, text, anchor: "middle", size: labelSize)
            }
        }
        for (i, s) in steps.enumerated() {
            let up = s.effect >= 0
            // Direction in words and arrows as well as colour.
            bar(i, from: levels[i].double, to: levels[i + 1].double, fill: up ? Palette.positive : down,
                label: plainValues ? money.signedCompact(s.effect) : "\(up ? "▲" : "▼") \(money.signedCompact(s.effect))", name: labels[i],
                data: [("data-step", s.key), ("data-value", SVG.value(s.effect))])
            let xEnd = left + slot * Double(i) + (slot + barW) / 2
            svg.line(xEnd, py(levels[i + 1].double), xEnd + slot - barW, py(levels[i + 1].double), stroke: "#999999", dash: "2 2")
        }
        bar(steps.count, from: 0, to: gap.double, fill: gap < 0 ? down : Palette.actual,
            label: "\(money.signedCompact(gap))", name: crowded ? ["Gap", "to plan"] : ["Gap to plan"],
            data: [("data-step", "gap"), ("data-value", SVG.value(gap)), ("data-baseline", "0")])
        let description = "Revenue \(money.whole(revenue.actualToDate)) against \(money.whole(revenue.planToDate)) planned to date; the gap of "
            + "\(money.signedCompact(gap)) splits into " + steps.map { "\($0.name) \(money.signedCompact($0.effect))" }.joined(separator: "; ") + "."
        return svg.document(width: Int(width), height: Int(height), title: bridge.isFunnel ? "Revenue gap by funnel stage" : "Revenue gap by funnel driver",
                            description: description, id: id)
    }

    /// A KPI month by month against its target (dashed), with its scale (low and high) and
    /// the last month labelled with its name. nil when fewer than two months have a value:
    /// a single point is a figure, not a sparkline.
    public static func kpiSparkline(_ kpi: KPIResult, calendar: FiscalCalendar, id: String, money: CurrencyFormat) -> String? {
        let exact = Array(kpi.monthly.prefix(calendar.monthsTouched))
        guard exact.compactMap({ $0 }).count >= 2 else { return nil }
        let values = exact.map { $0?.double }
        let targets = Array(kpi.monthlyTarget.prefix(calendar.monthsTouched)).map { $0?.double }
        let numbers = values.compactMap { $0 } + targets.compactMap { $0 }
        guard let lo = numbers.min(), let hi = numbers.max() else { return nil }
        let width = 230.0, height = 44.0, pad = 6.0, scaleW = 44.0, labelW = 70.0
        let plotW = width - scaleW - labelW - pad
        let range = hi - lo == 0 ? 1 : hi - lo
        let span = Double(max(1, values.count - 1))
        func px(_ m: Int) -> Double { scaleW + Double(m) / span * plotW }
        func py(_ v: Double) -> Double { height - pad - (v - lo) / range * (height - 2 * pad) }
        func text(_ v: Double) -> String { Wording.kpi(Decimal(exactly: v, places: 6), unit: kpi.kpi.unit, money: money) }
        var svg = SVG()
        // The scale: the lowest and highest values plotted.
        svg.text(scaleW - 4, py(hi) + 4, text(hi), anchor: "end", size: 8, fill: "#666")
        svg.text(scaleW - 4, py(lo) + 2, text(lo), anchor: "end", size: 8, fill: "#666")
        let targetPoints = targets.enumerated().compactMap { m, v in v.map { (px(m), py($0)) } }
        if targetPoints.count >= 2 { svg.polyline(targetPoints, stroke: Palette.plan, width: 1, dash: "3 2") }
        let points = values.enumerated().compactMap { m, v in v.map { (px(m), py($0)) } }
        svg.polyline(points, stroke: Palette.actual, width: 1.5)
        for (m, v) in values.enumerated() {
            guard let v else { continue }
            svg.marker("circle", px(m), py(v), fill: Palette.actual, size: 3,
                       data: [("data-month", calendar.month(m).description), ("data-value", SVG.value(v))])
        }
        if let m = exact.lastIndex(where: { $0 != nil }), let v = values[m] {
            svg.text(px(m) + 6, min(height - 2, max(10, py(v) + 4)),
                     "\(label(calendar.month(m))) \(Wording.kpi(exact[m], unit: kpi.kpi.unit, money: money))", size: 11)
        }
        let months = exact.enumerated().compactMap { m, v in v.map { "\(label(calendar.month(m))) \(Wording.kpi($0, unit: kpi.kpi.unit, money: money))" } }
        let target = kpi.kpi.target.map { "; target \(Wording.kpi($0, unit: kpi.kpi.unit, money: money))\(kpi.kind == .flow ? " for the year, phased by month" : "")" } ?? ""
        return svg.document(width: Int(width), height: Int(height), title: "\(kpi.kpi.name) by month",
                            description: months.joined(separator: ", ") + target, id: id)
    }

    /// A round axis maximum at or above `value` (1, 1.2, 1.5, 2, 2.5, … × a power of ten).
    static func niceMax(_ value: Double) -> Double {
        let magnitude = pow(10, floor(log10(value)))
        for step in [1.0, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10] where step * magnitude >= value { return step * magnitude }
        return 10 * magnitude
    }

    /// A round step at or above `value`: 1, 2, 2.5 or 5 × a power of ten.
    static func niceStep(_ value: Double) -> Double {
        let magnitude = pow(10, floor(log10(value)))
        for step in [1.0, 2, 2.5, 5, 10] where step * magnitude >= value { return step * magnitude }
        return 10 * magnitude
    }

    /// The trend in words for plain Markdown (the image's text): first and last month, and the
    /// range — never bars that stretch a small wobble into full swings.
    static func textTrend(_ values: [Decimal?], unit: KPI.Unit, money: CurrencyFormat, calendar: FiscalCalendar) -> String {
        let present = values.enumerated().compactMap { m, v in v.map { (m, $0) } }
        guard let first = present.first, let last = present.last else { return "no monthly values" }
        func text(_ v: Decimal) -> String { Wording.kpi(v, unit: unit, money: money) }
        if present.count == 1 { return "\(label(calendar.month(first.0))) \(text(first.1))" }
        let sorted = present.map(\.1).sorted()
        return "\(label(calendar.month(first.0))) \(text(first.1)) → \(label(calendar.month(last.0))) \(text(last.1)), range \(text(sorted.first!))–\(text(sorted.last!))"
    }
}

extension Charts {
    /// The pipeline's movement since the earlier snapshot (SPEC §15.3) as a waterfall: the
    /// open deals at the start and now as bars from zero, each step between as a floating
    /// bar. Steps that add are solid, steps that take away hatched, each with its sign; the
    /// bars land exactly on "open now" because the steps add up to the cent.
    public static func pipelineMovement(_ m: PipelineMovement, id: String, money: CurrencyFormat) -> String {
        let kinds = PipelineMovement.Kind.allCases
        var levels: [(from: Decimal, to: Decimal)] = []
        var level: Decimal = 0
        for kind in kinds {
            let amount = m[kind].amount
            switch kind.sign {
            case 0:
                levels.append((0, amount))
                level = amount
            default:
                let next = level + Decimal(kind.sign) * amount
                levels.append((level, next))
                level = next
            }
        }
        let hi = max(levels.map { max($0.from, $0.to).double }.max() ?? 1, 1)
        let lo = min(levels.map { min($0.from, $0.to).double }.min() ?? 0, 0)
        let step = niceStep(max(hi - lo, 1) / 4)
        let axisMax = (hi * 1.08 / step).rounded(.up) * step, axisMin = (lo / step).rounded(.down) * step
        let width = 640.0, height = 300.0, left = 70.0, right = 12.0, top = 24.0, bottom = 56.0
        let plotW = width - left - right, plotH = height - top - bottom
        func py(_ v: Double) -> Double { top + (axisMax - v) / (axisMax - axisMin) * plotH }
        let slot = plotW / Double(kinds.count), barW = slot * 0.62
        var svg = SVG()
        let out = svg.hatch(id: "\(id)-out", colour: Palette.negative)
        var tick = axisMin
        while tick <= axisMax + step / 1000 {
            svg.line(left, py(tick), left + plotW, py(tick), stroke: Palette.grid)
            svg.text(left - 6, py(tick) + 4, money.compact(Decimal(exactly: tick, places: 0)), anchor: "end", size: 11)
            tick += step
        }
        svg.line(left, py(0), left + plotW, py(0), stroke: "#333333", width: 1.5)
        for (i, kind) in kinds.enumerated() {
            let (from, to) = levels[i]
            let x = left + slot * Double(i) + (slot - barW) / 2
            let y0 = py(max(from, to).double), y1 = py(min(from, to).double)
            // Won is the good way out of the pipeline: its own colour, not the hatching of losses.
            let fill = kind.sign == 0 ? Palette.actual : kind == .won ? Palette.pace : (to >= from ? Palette.pipeline : out)
            svg.element("rect", [("x", SVG.n(x)), ("y", SVG.n(y0)), ("width", SVG.n(barW)), ("height", SVG.n(max(1, y1 - y0))),
                                 ("fill", fill), ("data-step", kind.rawValue), ("data-value", SVG.value(m[kind].amount))])
            let change = to - from
            let label = kind.sign == 0 ? money.compact(to) : money.signedCompact(change)
            svg.text(x + barW / 2, y0 - 5, label, anchor: "middle", size: 10, weight: "bold")
            for (line, text) in Narrative.movementShortLabel(kind, m).enumerated() {
                svg.text(x + barW / 2, height - bottom + 16 + Double(line) * 12, text, anchor: "middle", size: 10)
            }
            if i + 1 < kinds.count {
                svg.line(x + barW, py(to.double), x + slot, py(to.double), stroke: "#999999", dash: "2 2")
            }
        }
        let description = "Open deals closing by year end: " + kinds.map { kind in
            "\(Narrative.movementStep(kind, m)) \(kind.sign == 0 ? money.compact(m[kind].amount) : money.signedCompact(Decimal(kind.sign) * m[kind].amount))"
        }.joined(separator: "; ") + "."
        return svg.document(width: Int(width), height: Int(height), title: "Pipeline movement since \(Wording.date(m.from))",
                            description: description, id: id)
    }
}

extension Charts {
    /// Forecast categories against the goal (SPEC §15.1) as one stacked bar: closed, then
    /// commit, best case and pipeline laid end to end, with the goal as a line across it —
    /// how far each running total reaches is where its segment ends. Omitted deals are not
    /// drawn (they count toward nothing).
    public static func categories(_ c: Categories, id: String, money: CurrencyFormat) -> String {
        let parts: [(key: String, name: String, amount: Decimal, fill: String)] = [
            ("closed", "Closed", c.closed, Palette.actual),
            ("commit", "Commit", c.amount(.commit), Palette.pace),
            ("best_case", "Best case", c.amount(.bestCase), Palette.pipeline),
            ("pipeline", "Pipeline", c.amount(.pipeline), "#bbbbbb"),
        ]
        let total = parts.reduce(Decimal(0)) { $0 + max($1.amount, 0) }
        let span = max(total, c.goal, 1).double * 1.06
        let width = 640.0, left = 12.0, right = 12.0, barY = 34.0, barH = 30.0
        let plotW = width - left - right
        func px(_ v: Double) -> Double { left + v / span * plotW }
        var svg = SVG()
        var at = 0.0
        for p in parts where p.amount > 0 {
            let w = p.amount.double / span * plotW
            svg.element("rect", [("x", SVG.n(px(at))), ("y", SVG.n(barY)), ("width", SVG.n(max(w, 1))), ("height", SVG.n(barH)),
                                 ("fill", p.fill), ("data-category", p.key), ("data-value", SVG.value(p.amount))])
            at += p.amount.double
        }
        // The goal across the bar, labelled above it.
        let goalX = px(c.goal.double)
        svg.line(goalX, barY - 8, goalX, barY + barH + 8, stroke: "#222222", width: 2)
        let anchor = goalX > width - 120 ? "end" : goalX < 120 ? "start" : "middle"
        svg.text(goalX, barY - 12, "Goal \(money.compact(c.goal))", anchor: anchor, size: 11, weight: "bold")
        // A legend with each part's amount and the running reach, one row each.
        var running: Decimal = 0
        for (i, p) in parts.enumerated() {
            running += p.amount
            let y = barY + barH + 30 + Double(i) * 18
            svg.element("rect", [("x", SVG.n(left)), ("y", SVG.n(y - 10)), ("width", "12"), ("height", "12"), ("fill", p.fill)])
            let reach = ratio(running, c.goal).map { ", \(i == 0 ? "" : "running total ")\(Percent.format($0)) of the goal" } ?? ""
            svg.text(left + 18, y, "\(p.name) \(money.compact(p.amount))\(reach)", size: 11)
        }
        let height = barY + barH + 30 + Double(parts.count) * 18
        let description = parts.map { "\($0.name) \(money.compact($0.amount))" }.joined(separator: "; ") + " against a goal of \(money.compact(c.goal))."
        return svg.document(width: Int(width), height: Int(height), title: "Forecast categories against the goal", description: description, id: id)
    }
}
