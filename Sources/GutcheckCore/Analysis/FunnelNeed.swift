import Foundation

/// The lead-to-close rate the rest of the year needs (Q8's canary): at the lead flow and
/// average deal size achieved so far, how many of the rest of the year's leads must close
/// to reach the revenue goal — beside the rate achieved so far.
///
///     leads per month      = leads to date / elapsed
///     expected leads       = leads per month × remaining
///     deal size            = revenue to date / won deals to date
///     required lead-to-close = (goal − revenue to date) / deal size / expected leads
public struct FunnelNeed: Sendable {
    public var leadsPerMonth: Decimal
    public var expectedLeads: Decimal
    public var dealSize: Decimal
    public var revenueNeeded: Decimal
    public var required: Double
    public var achieved: Double

    /// The goal needs a better conversion than the team has shown so far.
    public var outOfReach: Bool { required > achieved }

    /// nil when a factor is missing or zero, nothing remains of the year, or the goal is reached.
    public init?(revenue: Figure, leads: Decimal?, wonDeals: Decimal?, calendar: FiscalCalendar) {
        guard let leads, leads > 0, let wonDeals, wonDeals > 0, revenue.actualToDate > 0,
            calendar.elapsed > 0, calendar.remaining > 0, revenue.goal > revenue.actualToDate
        else { return nil }
        leadsPerMonth = leads / calendar.elapsed
        expectedLeads = leadsPerMonth * calendar.remaining
        dealSize = revenue.actualToDate / wonDeals
        revenueNeeded = revenue.goal - revenue.actualToDate
        required = (revenueNeeded / dealSize / expectedLeads).double
        achieved = (wonDeals / leads).double
    }
}
