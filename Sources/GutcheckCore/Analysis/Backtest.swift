import Foundation

/// One method's forecast of an earlier fiscal year, made from that year's rows up to the
/// same point of the year, against how that year ended (SPEC §13.1).
public struct Backtest: Sendable, Equatable {
    /// The fiscal year forecast (its label, as `fiscal_year`).
    public var year: Int
    public var method: Figure.Forecast.Method
    public var forecast: Decimal
    public var actual: Decimal
    /// forecast ÷ actual − 1.
    public var error: Decimal
}

/// The company's forecast method, chosen by how well each method would have called the
/// earlier years in the results at this point of the year (SPEC §13.1), and the widest
/// miss that sets the regions' bands.
///
/// A backtest year is an earlier fiscal year whose whole year is in the results (a row in
/// every month the company's phasing weighs) and whose year before is too, so every method
/// is tried on the same years. The call is the method with the smallest mean absolute error
/// over every region's backtests; ties go to seasonal_company, seasonal, pace, run_rate.
public struct ForecastCalibration: Sendable {
    public typealias Method = Figure.Forecast.Method

    /// Years back (1: the prior year) that are backtest years, the latest first.
    public let yearsBack: [Int]
    /// Their labels as `fiscal_year` values.
    public let years: [Int]
    /// The company's method; nil without a backtest year.
    public let method: Method?
    /// Each method's mean absolute error over the regions' backtests.
    public let meanAbsoluteError: [Method: Decimal]
    /// The largest absolute error of `method` over the regions' backtests, at least 5 %.
    public let errorMax: Decimal?
    /// The company's figure (all the plan's regions), whose prior year is the shape of
    /// seasonal_company.
    let company: Figure

    /// The smallest band a backtested call carries: no history is good enough to promise more.
    public static let minimumError = Decimal(string: "0.05")!

    /// From the revenue figures of all the plan's regions (with `monthlyEarlier`).
    public init(regions: [Figure], calendar: FiscalCalendar, fiscalYear: Int, thresholds: Thresholds) {
        let company = Figure(sum: regions, calendar: calendar, thresholds: thresholds)
        self.company = company
        let weighed = company.monthlyPlan.contains { $0 != 0 } ? company.monthlyPlan.map { $0 != 0 } : Array(repeating: true, count: 12)
        func whole(_ back: Int) -> Bool {
            let values = company.values(yearsBack: back)
            return values.contains { $0 != nil } && zip(values, weighed).allSatisfy { $0 != nil || !$1 }
        }
        let backs = (1..<(1 + Tally.historyYears)).filter { whole($0) && whole($0 + 1) }
        yearsBack = backs
        years = backs.map { fiscalYear - $0 }
        let tests = regions.flatMap { $0.backtests(yearsBack: backs, fiscalYear: fiscalYear, calendar: calendar, company: company) }
        var mae: [Method: Decimal] = [:]
        for m in Method.backtested {
            let errors = tests.filter { $0.method == m }.map { abs($0.error) }
            if !errors.isEmpty { mae[m] = errors.reduce(0, +) / Decimal(errors.count) }
        }
        meanAbsoluteError = mae
        // Method.backtested is in tie order: the first of the smallest wins.
        let best = Method.backtested.filter { mae[$0] != nil }.min { mae[$0]! < mae[$1]! }
        method = best
        errorMax = best.map { m in Figure.band(tests, method: m)! }
    }

    /// Sets a region's seasonal_company forecast, its backtests and, where tested, the
    /// call's method and band.
    public func calibrate(_ f: inout Figure, calendar: FiscalCalendar, fiscalYear: Int) {
        guard f.isMeasured && f.isPlanned else { return }
        let part = calendar.elapsedWeight(company.monthlyPrior.map { $0 ?? 0 })
        if company.monthlyPrior.contains(where: { $0 != nil }) && !part.isZero {
            f.forecast.seasonalCompany = f.actualToDate * company.monthlyPrior.reduce(0) { $0 + ($1 ?? 0) } / part
        }
        f.forecast.backtests = f.backtests(yearsBack: yearsBack, fiscalYear: fiscalYear, calendar: calendar, company: company)
        if let method, let errorMax {
            f.forecast.tested = .init(method: method, errorMax: errorMax, years: years, yearsBack: yearsBack,
                                      meanErrors: Method.backtested.compactMap { m in meanAbsoluteError[m].map { .init(method: m, error: $0) } })
        }
    }
}

extension Figure {
    /// Monthly values of the fiscal year `yearsBack` years before (0: this year to date).
    public func values(yearsBack: Int) -> [Decimal?] {
        switch yearsBack {
        case 0: return monthlyActual
        case 1: return monthlyPrior
        default:
            return monthlyEarlier.indices.contains(yearsBack - 2) ? monthlyEarlier[yearsBack - 2] : Array(repeating: nil, count: 12)
        }
    }

    /// Each backtested method's forecast of each of the years back, from that year's rows to
    /// the same elapsed point (same months and days), against the year's actual; a year is
    /// left out where any method has no value or the year's actual is 0, so every method is
    /// tried on the same years. `company` gives seasonal_company's shape (a total's is itself).
    func backtests(yearsBack: [Int], fiscalYear: Int, calendar: FiscalCalendar, company: Figure) -> [Backtest] {
        let planned = monthlyPlan.reduce(0, +)
        let planShare = planned.isZero ? Decimal(0) : calendar.elapsedWeight(monthlyPlan) / planned
        func sum(_ v: [Decimal?]) -> Decimal { v.reduce(0) { $0 + ($1 ?? 0) } }
        func part(_ v: [Decimal?]) -> Decimal { calendar.elapsedWeight(v.map { $0 ?? 0 }) }
        var tests: [Backtest] = []
        for back in yearsBack {
            let year = values(yearsBack: back), before = values(yearsBack: back + 1)
            let companyBefore = company.values(yearsBack: back + 1)
            let actual = sum(year), toDate = part(year)
            guard year.contains(where: { $0 != nil }), !actual.isZero else { continue }
            var forecasts: [(Forecast.Method, Decimal)] = []
            if !part(companyBefore).isZero { forecasts.append((.seasonalCompany, toDate * sum(companyBefore) / part(companyBefore))) }
            if !part(before).isZero { forecasts.append((.seasonal, toDate * sum(before) / part(before))) }
            if !planShare.isZero { forecasts.append((.pace, toDate / planShare)) }
            if !calendar.elapsed.isZero { forecasts.append((.runRate, toDate / calendar.elapsed * 12)) }
            guard forecasts.count == Forecast.Method.backtested.count else { continue }
            tests += forecasts.map { m, v in
                Backtest(year: fiscalYear - back, method: m, forecast: v, actual: actual, error: v / actual - 1)
            }
        }
        return tests
    }

    /// The band of a method: its largest absolute backtest error, at least 5 %; nil without one.
    static func band(_ tests: [Backtest], method: Forecast.Method) -> Decimal? {
        tests.filter { $0.method == method }.map { abs($0.error) }.max().map { max($0, ForecastCalibration.minimumError) }
    }

    /// A total's call, tested like its parts' (their common method) on its own backtests
    /// (SPEC §13.1: the total's band comes from the total's own backtests).
    mutating func calibrateAsTotal(of parts: [Figure], calendar: FiscalCalendar) {
        guard parts.contains(where: { $0.forecast.seasonalCompany != nil }) else { return }
        forecast.seasonalCompany = forecast.seasonal
        let tested = parts.compactMap(\.forecast.tested)
        guard isMeasured, isPlanned, let first = tested.first, tested.count == parts.count,
            tested.allSatisfy({ $0.method == first.method }), let year = first.years.first, let back = first.yearsBack.first
        else { return }
        forecast.backtests = backtests(yearsBack: first.yearsBack, fiscalYear: year + back, calendar: calendar, company: self)
        if let errorMax = Self.band(forecast.backtests, method: first.method) {
            forecast.tested = .init(method: first.method, errorMax: errorMax, years: first.years, yearsBack: first.yearsBack,
                                    meanErrors: first.meanErrors)
        }
    }
}
