import Foundation

/// A KPI measured to date, compared with its target by kind (SPEC §9.4):
/// - a rate (`a / b`) is Σa / Σb over the same rows, compared with the target as it is;
/// - a flow (`leads`, `won_deals`, a custom flow) has a full-year target, compared with its
///   phased share to date, like a goal;
/// - a stock (`pipeline`, or a metric declared `aggregate: last`) compares the level at the cut-off.
public struct KPIResult: Sendable {
    public enum Kind: String, Sendable { case rate, flow, stock }

    public var kpi: KPI
    public var kind: Kind
    public var actual: Decimal?
    /// What the target asks by the cut-off: the target itself for a rate or stock, its phased
    /// share to date for a flow.
    public var targetToDate: Decimal?
    /// actual / target to date (the inverse when lower is better); nil when undefined.
    public var attainment: Double?
    public var status: Status?
    /// The KPI month by month, for the trend (a flow's monthly amount, a rate's monthly ratio).
    public var monthly: [Decimal?]
    /// The target month by month (a flow's target phased per month; a rate's or stock's target).
    public var monthlyTarget: [Decimal?]
    /// Whether any results row carries the KPI's metrics (SPEC §10.7: else "not measured").
    public var isMeasured: Bool

    /// Monthly series of the numerator and denominator (the denominator is nil for one metric).
    let numerator: [Decimal?]
    let denominator: [Decimal?]

    init(kpi: KPI, region: Region, actuals: Actuals, plan: Plan, calendar: FiscalCalendar) {
        self.kpi = kpi
        let phasing = region.weights
        func series(_ metric: String) -> [Decimal?] { actuals.monthly(region: region.id, metric: metric) }
        isMeasured = kpi.value.metrics.allSatisfy { actuals.metrics.contains($0) }
        switch kpi.value {
        case .metric(let m):
            kind = plan.aggregation(of: m) == .last ? .stock : .flow
            numerator = series(m)
            denominator = []
            // A flow's month with no rows of its own, in a month the region has rows, counted
            // none: 0 won deals, not a gap in the trend.
            monthly = kind == .stock || !isMeasured ? numerator : numerator.enumerated().map { i, v in
                v ?? (i < calendar.monthsTouched && actuals.hasRows(region: region.id, months: i..<(i + 1)) ? 0 : nil)
            }
        case .ratio(let a, let b):
            kind = .rate
            numerator = series(a)
            denominator = series(b)
            monthly = zip(numerator, denominator).map { t, u in
                guard let u, !u.isZero else { return nil }
                return (t ?? 0) / u
            }
        }
        let months = calendar.monthsTouched
        actual = Self.value(kind, numerator, denominator, over: 0..<months)
        if let target = kpi.target {
            switch kind {
            case .flow:
                targetToDate = phasing.dueToDate(target, in: calendar)
                monthlyTarget = phasing.monthly(target).map { $0 }
            case .rate, .stock:
                targetToDate = target
                monthlyTarget = [Decimal?](repeating: target, count: 12)
            }
        } else {
            targetToDate = nil
            monthlyTarget = [Decimal?](repeating: nil, count: 12)
        }
        attainment = isMeasured ? Self.attainment(actual, targetToDate, better: kpi.better) : nil
        status = Status(ratio: attainment, thresholds: plan.thresholds)
    }

    /// The KPI's value over some fiscal months: Σa / Σb for a rate, Σ for a flow, the last
    /// month's level for a stock; nil when no month has a value (or the denominator is 0).
    static func value(_ kind: Kind, _ numerator: [Decimal?], _ denominator: [Decimal?], over months: Range<Int>) -> Decimal? {
        func sum(_ values: [Decimal?]) -> Decimal? {
            let present = months.compactMap { values[$0] }
            return present.isEmpty ? nil : present.reduce(0, +)
        }
        switch kind {
        case .flow: return sum(numerator)
        case .stock: return months.reversed().lazy.compactMap { numerator[$0] }.first
        case .rate:
            guard let top = sum(numerator), let bottom = sum(denominator), !bottom.isZero else { return nil }
            return top / bottom
        }
    }

    static func attainment(_ actual: Decimal?, _ target: Decimal?, better: KPI.Direction) -> Double? {
        guard let actual, let target else { return nil }
        return better == .higher ? ratio(actual, target) : ratio(target, actual)
    }

    /// Attainment over some fiscal months (the market-shift signal's windows): the value over
    /// those months against the target over them (a flow's phased target for those months).
    public func attainment(over months: Range<Int>) -> Double? {
        guard isMeasured, !months.isEmpty else { return nil }
        let value = Self.value(kind, numerator, denominator, over: months)
        let target: Decimal?
        switch kind {
        case .flow: target = months.reduce(Decimal(0)) { $0 + (monthlyTarget[$1] ?? 0) }
        case .rate, .stock: target = kpi.target
        }
        return Self.attainment(value, target, better: kpi.better)
    }
}
