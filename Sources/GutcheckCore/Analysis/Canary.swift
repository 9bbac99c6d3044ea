import Foundation

/// The canary in the coal mine (SPEC §9.1): the one KPI a region marks `canary: true`
/// (lead-to-close, by the seeds' convention), read twice —
/// - *to date*: the KPI's own status against its target;
/// - *the rest of the year* (a lead-to-close canary, where the funnel figures allow): the
///   conversion the remaining months need to reach the revenue goal at today's monthly lead
///   flow and average deal size, read as achieved ÷ needed against the same thresholds (on
///   track when nothing more is needed).
/// Its `state` is the worse of the two, and it *sounds* when revenue is on track while the
/// state is not: the warning before revenue shows it. Every view words the canary from this
/// one value.
public struct Canary: Sendable {
    public var kpi: KPIResult
    public var statusToDate: Status?
    /// The rest of the year's reading, when it can be computed.
    public var need: FunnelNeed?
    public var statusRestOfYear: Status?
    public var state: Status?
    public var sounds: Bool

    /// What the KPI is compared with to date: a flow's phased share, a rate's target as it is.
    public var target: Decimal? { kpi.targetToDate ?? kpi.kpi.target }
    public var actual: Decimal? { kpi.actual }
    /// The conversion the rest of the year needs (0 when the goal is reached).
    public var neededRestOfYear: Decimal? { need?.required }

    /// `need`: the region's rest-of-year funnel reading (read only for a lead-to-close canary).
    init?(kpis: [KPIResult], revenue: Figure, need: FunnelNeed?, thresholds: Thresholds) {
        guard let kpi = kpis.first(where: { $0.kpi.canary }) else { return nil }
        self.kpi = kpi
        statusToDate = kpi.status
        if kpi.kpi.value == .ratio(numerator: "won_deals", denominator: "leads") { self.need = need }
        if let need {
            // Nothing more needed: on track. Else achieved ÷ needed against the thresholds.
            statusRestOfYear = need.required.isZero ? .onTrack : Status(ratio: ratio(need.achieved, need.required), thresholds: thresholds)
        }
        switch (statusToDate, statusRestOfYear) {
        case let (a?, b?): state = min(a, b)
        case let (a, b): state = a ?? b
        }
        sounds = revenue.status == .onTrack && state != nil && state != .onTrack
    }
}

/// The lead-to-close the rest of the year needs: at the lead flow the rest of the year can
/// expect and the average deal size achieved so far, how many of those leads must close to
/// reach the revenue goal — beside the rate achieved so far (SPEC §9.1, §13.2).
///
///     expected leads         = last year's leads over the remaining months
///                              × leads to date / last year's leads over the elapsed months
///                              (where the region has prior-year leads; `prior_year`)
///                            = leads to date × Σw(remaining) / Σw(elapsed)
///                              (else, with the region's phasing: leads follow the season; `phasing`)
///     deal size              = revenue to date / won deals to date
///     required lead-to-close = (goal − revenue to date) / deal size / expected leads
///
/// When revenue to date has reached the goal nothing more is needed (required = 0).
public struct FunnelNeed: Sendable {
    /// Where the expected lead flow comes from.
    public enum LeadFlowBasis: String, Sendable {
        case priorYear = "prior_year", phasing
    }

    public var leadsPerMonth: Decimal
    public var expectedLeads: Decimal
    public var leadFlowBasis: LeadFlowBasis
    public var dealSize: Decimal
    public var revenueNeeded: Decimal
    public var required: Decimal
    public var achieved: Decimal

    /// nil when a factor is missing or zero, or nothing remains of a year whose goal is not reached.
    public init?(revenue: Figure, leads: Decimal?, wonDeals: Decimal?, leadsPrior: [Decimal?], weights: [Decimal],
                 calendar: FiscalCalendar) {
        guard let leads, leads > 0, let wonDeals, wonDeals > 0, revenue.actualToDate > 0, calendar.elapsed > 0
        else { return nil }
        leadsPerMonth = leads / calendar.elapsed
        let priorPart = calendar.elapsedWeight(leadsPrior.map { $0 ?? 0 })
        let priorFull = leadsPrior.reduce(Decimal(0)) { $0 + ($1 ?? 0) }
        let weighedSoFar = calendar.elapsedWeight(weights)
        if priorPart > 0 {
            expectedLeads = (priorFull - priorPart) * leads / priorPart
            leadFlowBasis = .priorYear
        } else {
            guard weighedSoFar > 0 else { return nil }
            expectedLeads = leads * (weights.reduce(0, +) - weighedSoFar) / weighedSoFar
            leadFlowBasis = .phasing
        }
        dealSize = revenue.actualToDate / wonDeals
        revenueNeeded = max(0, revenue.goal - revenue.actualToDate)
        achieved = wonDeals / leads
        if revenueNeeded.isZero {
            required = 0
        } else {
            guard calendar.remaining > 0, expectedLeads > 0 else { return nil }
            required = revenueNeeded / dealSize / expectedLeads
        }
    }
}
