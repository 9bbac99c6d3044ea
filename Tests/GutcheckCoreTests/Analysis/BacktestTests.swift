import Foundation
import Testing

@testable import GutcheckCore

/// SPEC §13.1: every method forecasts the earlier years from the same point of the year; the
/// company's call is the method with the smallest mean absolute error, its band the widest
/// miss. The figures below are worked by hand in docs/forecasting.md.
@Suite struct BacktestTests {
    static let plan = """
        gutcheck: 1
        fiscal_year: 2026
        as_of: 2026-06-30
        currency: USD
        regions:
          - id: a
            name: A
            goals: { revenue: 2400, profit: 240 }
          - id: b
            name: B
            goals: { revenue: 800, profit: 80 }
        """

    /// A month's revenue row for each of the twelve months of `year`: `h1` in January–June,
    /// `h2` in July–December.
    static func year(_ region: String, _ year: Int, h1: Int, h2: Int?, months: ClosedRange<Int> = 1...12) -> String {
        months.compactMap { m in
            let value = m <= 6 ? h1 : h2
            return value.map { "\(year)-\(m < 10 ? "0" : "")\(m)-01,\(region),,revenue,\($0)\n" }
        }.joined()
    }

    static var results: String {
        "date,region,source,metric,value\n"
            + year("a", 2024, h1: 100, h2: 150) + year("b", 2024, h1: 40, h2: 40)
            + year("a", 2025, h1: 100, h2: 160) + year("b", 2025, h1: 60, h2: 70)
            + year("a", 2026, h1: 120, h2: nil, months: 1...6) + year("b", 2026, h1: 70, h2: nil, months: 1...6)
            // One month of 2023: not a whole year, so 2024 (whose year before it is) is no backtest year.
            + "2023-01-01,a,,revenue,90\n"
    }

    @Test func theCallIsTheMethodThatMissedLeastAndItsBandTheWidestMiss() throws {
        let company = try Fixture.analyze(plan: Array(Self.plan.utf8), results: Array(Self.results.utf8))
        #expect(company.calibration.years == [2025])
        // 2025 from its first half. A: 600 to date, 1,560 in the year; B: 360 and 780. The
        // company's 2024: 1,980 in all, 840 by June.
        // seasonal: A 600 × 1,500 / 600 = 1,500 (−1/26); B 360 × 480 / 240 = 720 (−1/13)
        // pace and run rate: A 1,200 (−3/13); B 720 (−1/13)
        // seasonal_company: A 600 × 1,980 / 840 = 1,414.29 (−0.0934); B 848.57 (+0.0879)
        let a = company.regions[0].revenue, b = company.regions[1].revenue
        func error(_ f: Figure, _ m: Figure.Forecast.Method) -> Double? { f.forecast.backtests.first { $0.method == m }?.error.double }
        #expect(abs(error(a, .seasonal)! - (-1.0 / 26)) < 1e-12)
        #expect(abs(error(b, .seasonal)! - (-1.0 / 13)) < 1e-12)
        #expect(abs(error(a, .pace)! - (-3.0 / 13)) < 1e-12)
        #expect(abs(error(a, .runRate)! - (-3.0 / 13)) < 1e-12)
        #expect(abs(error(a, .seasonalCompany)! - (600.0 * 1980 / 840 / 1560 - 1)) < 1e-12)
        #expect(abs(error(b, .seasonalCompany)! - (360.0 * 1980 / 840 / 780 - 1)) < 1e-12)
        // Mean absolute errors: seasonal (1/26 + 1/13) / 2 = 0.0577 is the smallest.
        #expect(company.calibration.method == .seasonal)
        #expect(abs(company.calibration.meanAbsoluteError[.seasonal]!.double - 3.0 / 52) < 1e-12)
        #expect(abs(company.calibration.errorMax!.double - 1.0 / 13) < 1e-12)

        // A: 720 × 1,560 / 600 = 1,872, band × (1 ± 1/13) = 1,728–2,016 below the 2,400 goal.
        let callA = try #require(a.call)
        #expect(callA.method == .seasonal && callA.value == 1872 && callA.backtested)
        #expect(abs(callA.low.double - 1728) < 1e-9 && abs(callA.high.double - 2016) < 1e-9)
        #expect(callA.outlook == .short)
        // B: 420 × 780 / 360 = 910, band 840–980, above its 800 goal.
        let callB = try #require(b.call)
        #expect(callB.value == 910 && callB.outlook == .ahead)
        // seasonal_company this year: A 720 × 2,340 / 960 = 1,755; B 420 × 2,340 / 960 = 1,023.75.
        #expect(a.forecast.seasonalCompany == 1755 && b.forecast.seasonalCompany == Decimal(string: "1023.75"))

        // The total, on its own backtests: 2025 from 960 by June × 1,980 / 840 = 2,262.86 against
        // 2,340 (−3.3 %, so the 5 % floor); this year 1,140 × 2,340 / 960 = 2,778.75.
        let total = try #require(company.revenue.call)
        #expect(total.method == .seasonal && total.value == Decimal(string: "2778.75"))
        #expect(total.errorMax == ForecastCalibration.minimumError)
        #expect(abs(total.low.double - 2778.75 * 0.95) < 1e-9 && abs(total.high.double - 2778.75 * 1.05) < 1e-9)
        #expect(total.outlook == .short)  // the 3,200 goal lies above 2,917.69
        #expect(company.revenue.forecast.backtests.count == 4)
    }

    @Test func theGoalInsideTheBandLeavesTheYearOpen() {
        #expect(Figure.Outlook(low: 90, high: 110, goal: 100) == .open)
        #expect(Figure.Outlook(low: 100, high: 110, goal: 100) == .ahead)
        #expect(Figure.Outlook(low: 80, high: 99, goal: 100) == .short)
    }

    @Test func withoutAnEarlierYearTheCallIsUntestedAndSpansTheMethods() throws {
        // Only 2025 and 2026: 2025 has no year before it in the results.
        let results = "date,region,source,metric,value\n"
            + Self.year("a", 2025, h1: 100, h2: 160) + Self.year("b", 2025, h1: 60, h2: 70)
            + Self.year("a", 2026, h1: 120, h2: nil, months: 1...6) + Self.year("b", 2026, h1: 70, h2: nil, months: 1...6)
        let company = try Fixture.analyze(plan: Array(Self.plan.utf8), results: Array(results.utf8))
        #expect(company.calibration.method == nil && company.calibration.years.isEmpty)
        let call = try #require(company.regions[0].revenue.call)
        // Seasonal where the prior year is there; the band is the methods' spread: run rate and
        // pace 1,440, seasonal 1,872, company seasonal 720 × 2,340 / 960 = 1,755.
        #expect(call.method == .seasonal && !call.backtested && call.errorMax == nil)
        #expect(call.low == 1440 && call.high == 1872 && call.outlook == .short)
        #expect(company.regions[0].revenue.forecast.backtests.isEmpty)
    }

    @Test func rowsOlderThanTheYearsKeptAreIgnored() throws {
        // 2021 is five years back: beyond the three kept before the prior year.
        let results = Self.results + "2021-03-01,a,,revenue,5\n"
        let company = try Fixture.analyze(plan: Array(Self.plan.utf8), results: Array(results.utf8))
        #expect(company.notes.older == 1)
        #expect(company.notes.files[0].earlierYears == 25)  // 24 rows of 2024 and one of 2023
        #expect(company.calibration.method == .seasonal)
    }
}
