import Foundation

/// One goal measured against the results to date: the revenue or profit object of
/// `summary.json` (SPEC §7), for a region, a source or the company.
public struct Figure: Sendable {
    public var goal: Decimal
    public var planToDate: Decimal
    public var actualToDate: Decimal
    /// actual / plan; nil when the plan to date is 0.
    public var attainment: Double?
    public var gap: Decimal
    public var status: Status?
    public var forecast: Forecast
    /// (goal − actual) / remaining months; nil when nothing remains.
    public var requiredMonthlyRestOfYear: Decimal?
    /// Planned amount per fiscal month (sums to the goal) and actuals per month to date.
    public var monthlyPlan: [Decimal]
    public var monthlyActual: [Decimal?]
    /// Prior fiscal year by month, when the results hold it.
    public var monthlyPrior: [Decimal?]
    /// Revenue of the fiscal years before the prior one, the nearest first (for the
    /// forecast backtest, SPEC §13.1); empty for other figures or without such rows.
    public var monthlyEarlier: [[Decimal?]] = []

    public struct Forecast: Sendable {
        /// The forecast methods, in the order every view lists them.
        public enum Method: String, CaseIterable, Sendable, Codable {
            case runRate = "run_rate", pace, seasonal, seasonalCompany = "seasonal_company", pipeline

            /// The methods a backtest tries, in the order ties go (SPEC §13.1).
            public static let backtested: [Method] = [.seasonalCompany, .seasonal, .pace, .runRate]
        }

        /// actual / elapsed × 12; nil when nothing has elapsed.
        public var runRate: Decimal?
        /// goal × attainment; nil when attainment is.
        public var pace: Decimal?
        /// actual × prior full year / prior year over the same elapsed part; nil without prior-year rows.
        public var seasonal: Decimal?
        /// actual × the whole company's prior full year / its prior year over the same elapsed
        /// part; nil without the company's prior year (SPEC §13.1).
        public var seasonalCompany: Decimal?
        /// actual + open deals expected to close in the rest of the year × their stage's win
        /// probability; nil without open deals or win probabilities.
        public var pipeline: Decimal?
        /// The company's method and its widest miss on earlier years, where there were
        /// earlier years to test it on (SPEC §13.1); nil: the call is untested.
        public var tested: Tested?
        /// Every method's forecast of each backtest year, from that year's rows to the same
        /// point of the year.
        public var backtests: [Backtest] = []

        public struct Tested: Sendable, Equatable {
            public var method: Method
            /// The largest absolute error of `method` over the backtests (at least 0.05).
            public var errorMax: Decimal
            /// The backtest years (as `fiscal_year` labels), the latest first.
            public var years: [Int]
            /// The same years, counted back from this one (1: the prior year).
            public var yearsBack: [Int]
            /// Each backtested method's mean absolute error over the regions' backtests, in
            /// `Method.backtested` order: why `method` was chosen.
            public var meanErrors: [MeanError]
            public init(method: Method, errorMax: Decimal, years: [Int], yearsBack: [Int], meanErrors: [MeanError]) {
                self.method = method
                self.errorMax = errorMax
                self.years = years
                self.yearsBack = yearsBack
                self.meanErrors = meanErrors
            }
        }

        public struct MeanError: Sendable, Equatable {
            public var method: Method
            public var error: Decimal
            public init(method: Method, error: Decimal) {
                self.method = method
                self.error = error
            }
        }

        public func value(_ method: Method) -> Decimal? {
            switch method {
            case .runRate: return runRate
            case .pace: return pace
            case .seasonal: return seasonal
            case .seasonalCompany: return seasonalCompany
            case .pipeline: return pipeline
            }
        }

        /// Every method that has a value, in `Method` order.
        public var all: [(method: Method, value: Decimal)] {
            // A total's company shape is its own: seasonal_company says nothing seasonal does not.
            Method.allCases.compactMap { m in
                m == .seasonalCompany && seasonalCompany == seasonal ? nil : value(m).map { (m, $0) }
            }
        }

        /// The method of the call (SPEC §13.1): the tested method where it has a value; else
        /// seasonal when the prior year is there, else pace.
        public var callMethod: Method? {
            if let tested, value(tested.method) != nil { return tested.method }
            if seasonal != nil { return .seasonal }
            return pace == nil ? nil : .pace
        }

        /// The spread of the methods: lowest and highest.
        public var range: (low: Decimal, high: Decimal)? {
            let values = all.map(\.value)
            guard let low = values.min(), let high = values.max() else { return nil }
            return (low, high)
        }
    }

    /// The one call of the year (SPEC §13.1): a value, a band and what the band says of the
    /// goal. Backtested: value × (1 ± the method's widest miss); else the methods' spread.
    public struct Call: Sendable, Equatable {
        public var method: Forecast.Method
        public var value: Decimal
        public var low: Decimal
        public var high: Decimal
        /// Whether the band comes from backtests (else it is the methods' spread, untested).
        public var backtested: Bool
        public var errorMax: Decimal?
        public var outlook: Outlook?
        /// The backtest years, the latest first (empty when untested).
        public var years: [Int]
    }

    /// Where the goal lies against the call's band.
    public enum Outlook: String, Sendable, Equatable {
        /// The band's low end reaches the goal.
        case ahead
        /// The band's high end falls short of the goal.
        case short
        /// The goal lies inside the band: the year is open.
        case open

        /// Compared to the cent: a band end a repeating decimal short of the goal reaches it.
        public init(low: Decimal, high: Decimal, goal: Decimal) {
            let low = low.rounded(places: 2), high = high.rounded(places: 2)
            self = low >= goal ? .ahead : high < goal ? .short : .open
        }
    }

    /// The call; nil when no method has a value (too little of the year has passed, or
    /// nothing is planned or measured).
    public var call: Call? {
        guard let method = forecast.callMethod, let value = forecast.value(method) else { return nil }
        if let tested = forecast.tested, tested.method == method {
            let low = value * (1 - tested.errorMax), high = value * (1 + tested.errorMax)
            return Call(method: method, value: value, low: low, high: high, backtested: true, errorMax: tested.errorMax,
                        outlook: isPlanned ? Outlook(low: low, high: high, goal: goal) : nil, years: tested.years)
        }
        let values = forecast.all.map(\.value)
        let low = values.min() ?? value, high = values.max() ?? value
        return Call(method: method, value: value, low: low, high: high, backtested: false, errorMax: nil,
                    outlook: isPlanned ? Outlook(low: low, high: high, goal: goal) : nil, years: [])
    }

    /// Open deals expected in the rest of the year, weighted by win probability.
    public private(set) var pipelineExpected: Decimal?

    /// Adds the pipeline forecast from the probability-weighted open deals.
    public mutating func addPipeline(expected: Decimal?) {
        pipelineExpected = expected
        forecast.pipeline = expected.map { actualToDate + $0 }
    }

    /// The plan's phasing beside last year's shape at the cut-off, where they differ enough
    /// to change how the year to date reads (no spec rule; a flat plan read against a seasonal
    /// business — a retailer earning most of its year in the fourth quarter — would call
    /// every region behind at mid-year). Material: 5 points apart and more than 15 % apart.
    public struct Shape: Sendable, Equatable {
        /// The share of the goal the plan's phasing puts in the year to date.
        public var planShare: Decimal
        /// The share of last year's revenue its same part of the year brought.
        public var lastYearShare: Decimal
        /// Actual to date ÷ (goal × last year's share): attainment on last year's shape.
        public var attainmentOnLastYearsShape: Double?
    }

    public var shapeAgainstLastYear: Shape? {
        guard isPlanned, isMeasured, goal > 0, let full = priorFullYear, full > 0, let part = priorSamePart, part > 0, part < full
        else { return nil }
        let plan = planToDate / goal, last = part / full
        guard plan > 0, abs(plan - last) >= Decimal(string: "0.05")!, plan / last > Decimal(string: "1.15")! || last / plan > Decimal(string: "1.15")!
        else { return nil }
        return Shape(planShare: plan, lastYearShare: last, attainmentOnLastYearsShape: ratio(actualToDate, goal * last))
    }

    /// Average actual per elapsed month so far.
    public var monthlyRateSoFar: Decimal?
    public var priorFullYear: Decimal?
    public var priorSamePart: Decimal?

    /// Builds a figure from a goal, its phasing and the monthly actuals.
    public init(goal: Decimal, phasing: Phasing, actual: [Decimal?], prior: [Decimal?],
                calendar: FiscalCalendar, thresholds: Thresholds) {
        let hasPrior = prior.contains { $0 != nil }
        self.init(goal: goal, planToDate: phasing.dueToDate(goal, in: calendar), monthlyPlan: phasing.monthly(goal), monthlyActual: actual,
                  monthlyPrior: hasPrior ? prior : [Decimal?](repeating: nil, count: 12),
                  calendar: calendar, thresholds: thresholds)
    }

    /// The sum of figures (SPEC §7: totals are sums; their ratios come from the sums).
    public init(sum figures: [Figure], calendar: FiscalCalendar, thresholds: Thresholds) {
        func add(_ a: [Decimal?], _ b: [Decimal?]) -> [Decimal?] {
            zip(a, b).map { x, y in x == nil && y == nil ? nil : (x ?? 0) + (y ?? 0) }
        }
        let empty = [Decimal?](repeating: nil, count: 12)
        self.init(
            goal: figures.reduce(0) { $0 + $1.goal },
            planToDate: figures.reduce(0) { $0 + $1.planToDate },
            monthlyPlan: figures.reduce([Decimal](repeating: 0, count: 12)) { zip($0, $1.monthlyPlan).map(+) },
            monthlyActual: figures.reduce(empty) { add($0, $1.monthlyActual) },
            monthlyPrior: figures.reduce(empty) { add($0, $1.monthlyPrior) },
            calendar: calendar, thresholds: thresholds)
        let years = figures.map(\.monthlyEarlier.count).max() ?? 0
        monthlyEarlier = (0..<years).map { y in
            figures.reduce(empty) { add($0, $1.monthlyEarlier.indices.contains(y) ? $1.monthlyEarlier[y] : empty) }
        }
        calibrateAsTotal(of: figures, calendar: calendar)
        // A total pipeline forecast only when every part has one: a partial sum would mislead.
        let expected = figures.map(\.pipelineExpected)
        if !expected.isEmpty && expected.allSatisfy({ $0 != nil }) { addPipeline(expected: expected.reduce(0) { $0 + $1! }) }
        if !figures.isEmpty && figures.allSatisfy({ !$0.isMeasured }) { markNotMeasured() }
        // No company profit goal unless every part has one (a partial goal would flatter the total).
        if figures.contains(where: { !$0.isPlanned }) { markNotPlanned() }
    }

    /// A figure from its inputs (also how `gutcheck rollup` rebuilds a region's from its summary).
    public init(goal: Decimal, planToDate: Decimal, monthlyPlan: [Decimal], monthlyActual: [Decimal?],
         monthlyPrior: [Decimal?], calendar: FiscalCalendar, thresholds: Thresholds) {
        self.goal = goal
        self.planToDate = planToDate
        self.monthlyPlan = monthlyPlan
        self.monthlyActual = monthlyActual
        self.monthlyPrior = monthlyPrior
        let actual = monthlyActual.reduce(Decimal(0)) { $0 + ($1 ?? 0) }
        actualToDate = actual
        gap = actual - planToDate
        attainment = ratio(actual, planToDate)
        status = Status(ratio: attainment, thresholds: thresholds)
        let elapsed = calendar.elapsed
        monthlyRateSoFar = elapsed.isZero ? nil : actual / elapsed
        let runRate = elapsed.isZero ? nil : actual / elapsed * 12
        let pace = planToDate.isZero ? nil : goal * actual / planToDate
        if monthlyPrior.contains(where: { $0 != nil }) {
            let full = monthlyPrior.reduce(Decimal(0)) { $0 + ($1 ?? 0) }
            let part = calendar.elapsedWeight(monthlyPrior.map { $0 ?? 0 })
            priorFullYear = full
            priorSamePart = part
            forecast = Forecast(runRate: runRate, pace: pace, seasonal: part.isZero ? nil : actual * full / part)
        } else {
            forecast = Forecast(runRate: runRate, pace: pace, seasonal: nil)
        }
        let remaining = calendar.remaining
        requiredMonthlyRestOfYear = remaining.isZero ? nil : (goal - actual) / remaining
    }

    /// Whether any results row measures it (SPEC §10.7): a goal no file carries the metric
    /// for is "not measured", never 0 % or off track.
    public private(set) var isMeasured = true

    /// Marks the figure as measured by no results row: no attainment, status or forecast.
    public mutating func markNotMeasured() {
        isMeasured = false
        attainment = nil
        status = nil
        forecast = Forecast()
        requiredMonthlyRestOfYear = nil
        monthlyRateSoFar = nil
    }

    /// Whether the plan states a goal for it (SPEC §14.5): profit may be left unplanned.
    public private(set) var isPlanned = true

    /// Marks the figure as having no goal: its actuals stand, with no attainment, status,
    /// forecast or gap to a plan.
    public mutating func markNotPlanned() {
        isPlanned = false
        attainment = nil
        status = nil
        forecast = Forecast()
        requiredMonthlyRestOfYear = nil
    }

    /// The plan for the rest of the year: goal − plan to date.
    public var restOfYearPlan: Decimal { goal - planToDate }

    /// Σ of the months' actuals and plan over `months` (fiscal month indexes).
    public func actual(over months: Range<Int>) -> Decimal { months.reduce(0) { $0 + (monthlyActual[$1] ?? 0) } }
    public func plan(over months: Range<Int>) -> Decimal { months.reduce(0) { $0 + monthlyPlan[$1] } }

    /// Cumulative plan by month (the phased plan line of the chart).
    public var cumulativePlan: [Decimal] {
        var running = Decimal(0)
        return monthlyPlan.map { running += $0; return running }
    }
}

extension Figure {
    /// The figure in another currency at a plan rate (SPEC §15.7): every amount times `rate`,
    /// exactly; ratios (attainment, status, the backtests' errors) stay as they are, since
    /// both sides of each scale alike.
    public func converted(at rate: Decimal) -> Figure {
        guard rate != 1 else { return self }
        func x(_ v: Decimal) -> Decimal { v * rate }
        func x(_ v: Decimal?) -> Decimal? { v.map { $0 * rate } }
        var f = self
        f.goal = x(goal)
        f.planToDate = x(planToDate)
        f.actualToDate = x(actualToDate)
        f.gap = x(gap)
        f.requiredMonthlyRestOfYear = x(requiredMonthlyRestOfYear)
        f.monthlyPlan = monthlyPlan.map(x)
        f.monthlyActual = monthlyActual.map(x)
        f.monthlyPrior = monthlyPrior.map(x)
        f.monthlyEarlier = monthlyEarlier.map { $0.map(x) }
        f.monthlyRateSoFar = x(monthlyRateSoFar)
        f.priorFullYear = x(priorFullYear)
        f.priorSamePart = x(priorSamePart)
        f.pipelineExpected = x(pipelineExpected)
        f.forecast.runRate = x(forecast.runRate)
        f.forecast.pace = x(forecast.pace)
        f.forecast.seasonal = x(forecast.seasonal)
        f.forecast.seasonalCompany = x(forecast.seasonalCompany)
        f.forecast.pipeline = x(forecast.pipeline)
        f.forecast.backtests = forecast.backtests.map { b in
            var b = b
            b.forecast = x(b.forecast)
            b.actual = x(b.actual)
            return b
        }
        return f
    }
}
