import Foundation

/// How attainment moved: the last elapsed months against the months before them. Attainment
/// is actual ÷ phased plan, so the season the phasing expects is already taken out (SPEC §9.8).
public struct Momentum: Sendable, Equatable {
    /// Fiscal month indexes (0-based) of the recent window and of the months before it.
    public var recentMonths: Range<Int>
    public var earlierMonths: Range<Int>
    public var recent: Double
    public var earlier: Double

    /// recent ÷ earlier − 1.
    public var change: Double { recent / earlier - 1 }
    /// How far attainment fell, in points of attainment (0 when it rose).
    public var drop: Double { max(0, earlier - recent) }

    /// The windows: the last k full months (k = min(3, full months − 1)) and every full month
    /// before them; nil before two full months have elapsed.
    public static func windows(_ calendar: FiscalCalendar) -> (recent: Range<Int>, earlier: Range<Int>)? {
        let n = calendar.fullMonths
        guard n >= 2 else { return nil }
        let k = min(3, n - 1)
        return (n - k..<n, 0..<n - k)
    }

    /// From an attainment function over months; nil when a window has no attainment or the
    /// earlier one is not positive.
    public init?(calendar: FiscalCalendar, attainment: (Range<Int>) -> Double?) {
        guard let (recentMonths, earlierMonths) = Self.windows(calendar),
            let recent = attainment(recentMonths), let earlier = attainment(earlierMonths), earlier > 0,
            recent.isFinite, earlier.isFinite
        else { return nil }
        self.recentMonths = recentMonths
        self.earlierMonths = earlierMonths
        self.recent = recent
        self.earlier = earlier
    }

    /// A figure's attainment over months: Σ actual ÷ Σ phased plan.
    public init?(_ figure: Figure, calendar: FiscalCalendar) {
        guard figure.isMeasured else { return nil }
        self.init(calendar: calendar) { months in ratio(figure.actual(over: months), figure.plan(over: months)) }
    }
}

/// A source whose recent attainment moved sharply against its earlier attainment (Q9): one
/// signal per source. The same months last year are evidence in the same line, never a
/// second signal; when they point the other way, the line says the readings disagree.
public struct MarketShift: Sendable {
    public enum Direction: String, Sendable { case trigger, challenge }

    /// The same months a year earlier: actual then and now.
    public struct LastYear: Sendable, Equatable {
        public var recentActual: Decimal
        public var priorActual: Decimal
        /// recent ÷ prior − 1.
        public var change: Double
    }

    public var source: Source.ID
    public var sourceName: String
    public var momentum: Momentum
    public var direction: Direction
    public var lastYear: LastYear?
    /// Whether the two windows carry volume enough to read a shift (SPEC §13.5): each the
    /// source's plan for at least 5 % of the region's plan for that window and, where the
    /// data counts deals, at least 5 won deals. An unreadable move is listed once as too small
    /// to read — never a shift, never a focus area.
    public var readable: Bool
    /// The source's revenue and won deals (nil where the data counts none) in the two windows.
    public var volume: Volume

    public struct Volume: Sendable, Equatable {
        public var earlierActual: Decimal
        public var recentActual: Decimal
        public var earlierWonDeals: Decimal?
        public var recentWonDeals: Decimal?
    }

    /// The least share of the region's plan a window of the source must carry, and the fewest won deals.
    public static let minimumPlanShare = Decimal(string: "0.05")!
    public static let minimumWonDeals: Decimal = 5

    /// Whether last year's same months move the same way as the signal; nil without them.
    public var readingsAgree: Bool? {
        guard let lastYear, lastYear.change != 0 else { return nil }
        return (lastYear.change > 0) == (momentum.change > 0)
    }

    /// The signal for one source's revenue, when it moved by at least the threshold; `region`
    /// is its region's revenue, `wonDeals` the source's won deals by month (SPEC §13.5).
    static func find(source: Source, figure: Figure, region: Figure, wonDeals: [Decimal?], calendar: FiscalCalendar,
                     threshold: Decimal) -> MarketShift? {
        guard let momentum = Momentum(figure, calendar: calendar), abs(momentum.change) >= threshold.double else { return nil }
        let countsDeals = wonDeals.contains { $0 != nil }
        func deals(_ months: Range<Int>) -> Decimal? { countsDeals ? months.reduce(Decimal(0)) { $0 + (wonDeals[$1] ?? 0) } : nil }
        let volume = Volume(earlierActual: figure.actual(over: momentum.earlierMonths), recentActual: figure.actual(over: momentum.recentMonths),
                            earlierWonDeals: deals(momentum.earlierMonths), recentWonDeals: deals(momentum.recentMonths))
        let readable = [momentum.earlierMonths, momentum.recentMonths].allSatisfy { months in
            figure.plan(over: months) >= region.plan(over: months) * minimumPlanShare && (deals(months) ?? minimumWonDeals) >= minimumWonDeals
        }
        var lastYear: LastYear?
        let months = momentum.recentMonths
        if months.allSatisfy({ figure.monthlyPrior[$0] != nil }) {
            let prior = months.reduce(Decimal(0)) { $0 + (figure.monthlyPrior[$1] ?? 0) }
            let recent = figure.actual(over: months)
            if prior > 0, let change = ratio(recent - prior, prior) {
                lastYear = LastYear(recentActual: recent, priorActual: prior, change: change)
            }
        }
        return MarketShift(source: source.id, sourceName: source.name, momentum: momentum,
                           direction: momentum.change > 0 ? .trigger : .challenge, lastYear: lastYear, readable: readable, volume: volume)
    }
}
