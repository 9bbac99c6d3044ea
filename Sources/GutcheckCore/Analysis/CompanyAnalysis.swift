import Foundation

/// The whole run: every region's analysis and the company totals (SPEC §7: sums of the
/// regions' goals, plans and actuals, with ratios from those sums).
public struct CompanyAnalysis: Sendable {
    public var plan: Plan
    public var calendar: FiscalCalendar
    public var regions: [RegionAnalysis]
    public var revenue: Figure
    public var profit: Figure
    public var notes: DataNotes

    public init(plan: Plan, calendar: FiscalCalendar, actuals: Actuals, notes: DataNotes, regionIds: [String]? = nil) {
        self.plan = plan
        self.calendar = calendar
        self.notes = notes
        let selected = plan.regions.filter { regionIds?.contains($0.id) ?? true }
        regions = selected.map { RegionAnalysis(region: $0, plan: plan, calendar: calendar, actuals: actuals) }
        revenue = Figure(sum: regions.map(\.revenue), calendar: calendar, thresholds: plan.thresholds)
        profit = Figure(sum: regions.map(\.profit), calendar: calendar, thresholds: plan.thresholds)
    }

    public var findings: [PlanFinding] { regions.flatMap(\.findings) }
}
