import Foundation

/// The revenue gap split into funnel drivers, revenue = leads × lead-to-close × deal size,
/// by LMDI (SPEC §7): effect of X = L(V1, V0) × ln(X1 / X0), with L the logarithmic mean.
/// The three effects add up to the gap exactly (before rounding to cents).
public struct DriverBridge: Sendable {
    public struct Driver: Sendable {
        public var plan: Double
        public var actual: Double
        /// Money effect on the revenue gap.
        public var effect: Double
    }

    /// Why the split cannot be computed.
    public enum NotComputable: Error, Sendable, Equatable {
        case noConversionKPI
        case noDealSizeKPI
        case zeroTarget
        case noPlanToDate
        case noLeads
        case noWonDeals
        case noRevenue
    }

    public var leads: Driver
    public var leadToClose: Driver
    public var dealSize: Driver
    public var gap: Decimal

    /// The bridge, or the reason it cannot be computed.
    public static func compute(
        revenue: Figure, leads: Decimal?, wonDeals: Decimal?, kpis: [KPI]
    ) -> Result<DriverBridge, NotComputable> {
        let conversionKPI = kpis.first { $0.value == .ratio(numerator: "won_deals", denominator: "leads") }
        let dealSizeKPI = kpis.first { $0.value == .ratio(numerator: "revenue", denominator: "won_deals") }
        guard let c0 = conversionKPI?.target else { return .failure(.noConversionKPI) }
        guard let d0 = dealSizeKPI?.target else { return .failure(.noDealSizeKPI) }
        guard !c0.isZero, !d0.isZero else { return .failure(.zeroTarget) }
        guard revenue.planToDate > 0 else { return .failure(.noPlanToDate) }
        guard let leads, leads > 0 else { return .failure(.noLeads) }
        guard let wonDeals, wonDeals > 0 else { return .failure(.noWonDeals) }
        guard revenue.actualToDate > 0 else { return .failure(.noRevenue) }

        let v1 = revenue.actualToDate.double
        let v0 = revenue.planToDate.double
        let l1 = leads.double
        let c1 = (wonDeals / leads).double
        let d1 = (revenue.actualToDate / wonDeals).double
        let l0 = (revenue.planToDate / (c0 * d0)).double
        let weight = logMean(v1, v0)
        func driver(_ x0: Double, _ x1: Double) -> Driver {
            Driver(plan: x0, actual: x1, effect: weight * Foundation.log(x1 / x0))
        }
        return .success(DriverBridge(
            leads: driver(l0, l1), leadToClose: driver(c0.double, c1), dealSize: driver(d0.double, d1),
            gap: revenue.gap))
    }

    /// L(a, b) = (a − b) / (ln a − ln b), and L(a, a) = a.
    public static func logMean(_ a: Double, _ b: Double) -> Double {
        if a == b { return a }
        let d = Foundation.log(a) - Foundation.log(b)
        return d == 0 ? a : (a - b) / d
    }

    /// The effects rounded to cents so that they add up to the gap rounded to cents: each
    /// is rounded half away from zero and any cent left over goes to the largest effect.
    public var effectsInCents: (leads: Decimal, leadToClose: Decimal, dealSize: Decimal) {
        let values = Self.cents([leads.effect, leadToClose.effect, dealSize.effect], gap: gap)
        return (values[0], values[1], values[2])
    }

    /// Effects rounded to cents that add up to the gap rounded to cents: each rounded half
    /// away from zero, any cent left over to the largest (the first of equals).
    static func cents(_ effects: [Double], gap: Decimal) -> [Decimal] {
        var values = effects.map { Decimal(exactly: $0, places: 6).cents }
        let residual = gap.cents - values.reduce(0, +)
        if !residual.isZero, let largest = values.indices.max(by: { abs(values[$0]) < abs(values[$1]) }) {
            values[largest] += residual
        }
        return values
    }
}
