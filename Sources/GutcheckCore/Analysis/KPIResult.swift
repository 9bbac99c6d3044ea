import Foundation

/// A KPI measured to date (SPEC §7: a ratio KPI is Σa / Σb over the same rows).
public struct KPIResult: Sendable {
    public var kpi: KPI
    public var actual: Decimal?
    /// actual / target (target / actual when lower is better); nil when undefined.
    public var attainment: Double?
    public var status: Status?
    /// The KPI month by month, for the trend.
    public var monthly: [Decimal?]

    init(kpi: KPI, region: String, actuals: Actuals, plan: Plan, calendar: FiscalCalendar) {
        self.kpi = kpi
        func series(_ metric: String) -> [Decimal?] {
            actuals.monthly(region: region, metric: metric)
        }
        func toDate(_ metric: String, _ values: [Decimal?]) -> Decimal? {
            if plan.aggregation(of: metric) == .last { return values.last { $0 != nil } ?? nil }
            return values.contains { $0 != nil } ? values.reduce(Decimal(0)) { $0 + ($1 ?? 0) } : nil
        }
        switch kpi.value {
        case .metric(let m):
            let values = series(m)
            monthly = values
            actual = toDate(m, values)
        case .ratio(let a, let b):
            let top = series(a)
            let bottom = series(b)
            monthly = zip(top, bottom).map { t, u in
                guard let u, !u.isZero else { return nil }
                return (t ?? 0) / u
            }
            if let t = toDate(a, top), let u = toDate(b, bottom), !u.isZero { actual = t / u } else { actual = nil }
        }
        if let target = kpi.target, let actual {
            attainment = kpi.better == .higher ? ratio(actual, target) : ratio(target, actual)
        } else {
            attainment = nil
        }
        status = Status(ratio: attainment, thresholds: plan.thresholds)
    }
}
