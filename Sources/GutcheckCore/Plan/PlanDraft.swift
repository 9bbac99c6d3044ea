import Foundation

/// `gutcheck init`'s first plan as figures (`PlanScaffold.draft`): the regions and sources
/// the data names, the fiscal calendar its dates suggest, and a starting value for every
/// goal and target with where it comes from. Render's `PlanScaffoldYAML` writes it.
public struct PlanDraft: Sendable {
    /// Where a drafted value comes from.
    public enum Basis: Sendable, Equatable {
        /// The first pass, before the figures are read: 0, for the user to set.
        case unset
        /// Last fiscal year's actual.
        case lastYear(fiscalYear: Int)
        /// This year's run rate (a ratio: this year's so far) to the cut-off.
        case runRate(to: Day)
        /// The data has none of the metric.
        case missing(metric: String)
    }

    /// A drafted amount in whole units, never negative.
    public struct Amount: Sendable {
        public var value: Decimal
        public var basis: Basis
    }

    /// Why last year's monthly shape could not be drafted (the region is then phased evenly).
    public enum NoPhasing: Error, Sendable, Equatable {
        case noRevenueLastYear
        case monthsWithoutRevenue([YearMonth])
        case negativeMonth
        case nothingLastYear
    }

    public struct Source: Sendable {
        public var id, name: String
        public var revenue: Amount
        public var profit: Amount?
    }

    public struct KPITarget: Sendable {
        public enum Kind: Sendable { case leadToClose, averageDealSize }
        public var kind: Kind
        public var value: Decimal
        public var basis: Basis
    }

    public struct Region: Sendable {
        public var id, name: String
        /// The region's own currency, when its amounts carry one other than the plan's.
        public var currency: String?
        public var revenue: Amount
        /// nil when the data has no profit (profit is then left unplanned, SPEC §14.5).
        public var profit: Amount?
        /// Last year's revenue by month, % of the year (one decimal).
        public var phasing: Result<[Decimal], NoPhasing>
        public var sources: [Source]
        public var kpis: [KPITarget]
    }

    /// The results files the draft was made from, as named to the user.
    public var files: [String]
    public var company: String?
    public var calendar: FiscalCalendar
    public var currency: String
    /// Other currencies regions sell in, each needing a plan rate.
    public var fx: [String]
    /// The user's `results:` block, kept verbatim.
    public var resultsBlock: String?
    public var regions: [Region]
}
