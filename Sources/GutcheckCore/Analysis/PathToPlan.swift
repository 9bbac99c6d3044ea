import Foundation

/// The path to plan (SPEC §15.5): what each funnel driver must do over the rest of the
/// year to close what is still to win if the other two hold at today's rate — leads a
/// month, lead-to-close, deal size — each beside its rate so far. With R = goal − revenue
/// to date, c and s the lead-to-close and deal size to date, L the leads the rest of the
/// year can expect (SPEC §13.2, `FunnelNeed`) and n the remaining months:
///
///     leads a month = R ÷ (c × s) ÷ n      so far: leads to date ÷ elapsed months
///     lead-to-close = R ÷ (L × s)          so far: c
///     deal size     = R ÷ (L × c)          so far: s
///
/// Read only where today's rates fall short (L × c × s < R): where they reach the goal
/// there is no path to find.
public struct PathToPlan: Sendable, Equatable {
    public enum Factor: String, Sendable, CaseIterable {
        case leadsPerMonth = "leads_per_month", conversion, dealSize = "deal_size"
    }

    public struct Step: Sendable, Equatable {
        public var factor: Factor
        public var needed: Decimal
        public var soFar: Decimal
    }

    /// R: the revenue still to win.
    public var stillToWin: Decimal
    /// L × c × s: what the rest of the year brings at today's rates.
    public var atTodaysRates: Decimal
    public var steps: [Step]

    init?(need: FunnelNeed, calendar: FiscalCalendar) {
        let r = need.revenueNeeded, l = need.expectedLeads, c = need.achieved, s = need.dealSize, n = calendar.remaining
        guard r > 0, n > 0, l > 0, c > 0, s > 0 else { return nil }
        let brings = l * c * s
        guard brings < r else { return nil }
        stillToWin = r
        atTodaysRates = brings
        steps = [
            Step(factor: .leadsPerMonth, needed: r / (c * s) / n, soFar: need.leadsPerMonth),
            Step(factor: .conversion, needed: r / (l * s), soFar: c),
            Step(factor: .dealSize, needed: r / (l * c), soFar: s),
        ]
    }
}
