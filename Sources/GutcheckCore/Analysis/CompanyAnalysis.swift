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
    /// How the forecast methods did on earlier years (SPEC §13.1).
    public var calibration: ForecastCalibration

    /// Told of each region's analysis (its index, the analysis, the plan and calendar) as
    /// soon as it is done, in plan order, on the analysing thread.
    public typealias Analysed = (_ index: Int, _ region: RegionAnalysis, _ plan: Plan, _ calendar: FiscalCalendar) -> Void

    /// `analysed` hears of each region as soon as it is analysed, so work that needs only
    /// that region can start on another core meanwhile.
    public init(plan: Plan, calendar: FiscalCalendar, actuals: Actuals, notes: DataNotes, regionIds: [Region.ID]? = nil,
                analysed: Analysed? = nil) {
        self.plan = plan
        self.calendar = calendar
        self.notes = notes
        // The forecast method is the company's, tested on every region of the plan, so a run
        // over some regions calls them as a run over all would (SPEC §13.1).
        let calibration = ForecastCalibration(
            // In the plan's currency (SPEC §15.7): the company's shape weighs each region at its plan rate.
            regions: plan.regions.map { RegionAnalysis.revenue(of: $0, plan: plan, calendar: calendar, actuals: actuals).converted(at: plan.rate(of: $0)) },
            calendar: calendar, fiscalYear: plan.fiscalYear, thresholds: plan.thresholds)
        self.calibration = calibration
        let selected = plan.regions.filter { regionIds?.contains($0.id) ?? true }
        regions = selected.enumerated().map { i, region in
            let analysis = RegionAnalysis(region: region, plan: plan, calendar: calendar, actuals: actuals, calibration: calibration)
            analysed?(i, analysis, plan, calendar)
            return analysis
        }
        revenue = Figure(sum: regions.map { $0.revenue.converted(at: plan.rate(of: $0.region)) }, calendar: calendar, thresholds: plan.thresholds)
        profit = Figure(sum: regions.map { $0.profit.converted(at: plan.rate(of: $0.region)) }, calendar: calendar, thresholds: plan.thresholds)
    }

    public var findings: [PlanFinding] { regions.flatMap(\.findings) }
}
