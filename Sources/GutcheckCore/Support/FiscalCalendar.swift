import Foundation

/// The fiscal year's twelve months, the prior year's, and how much of the year has
/// elapsed by the cut-off (SPEC §7: full months plus the elapsed fraction, by days, of a
/// partly elapsed month).
public struct FiscalCalendar: Sendable {
    public let start: YearMonth
    public let asOf: Day

    /// Fiscal months fully elapsed by the cut-off (0...12).
    public let fullMonths: Int
    /// Fraction of month `fullMonths` elapsed (0 when the cut-off ends a month).
    public let partialFraction: Decimal

    public init(start: YearMonth, asOf: Day) {
        self.start = start
        self.asOf = asOf
        let offset = asOf.yearMonth.index - start.index
        if offset < 0 {
            (fullMonths, partialFraction) = (0, 0)
        } else if offset >= 12 {
            (fullMonths, partialFraction) = (12, 0)
        } else if asOf.day == asOf.daysInMonth {
            (fullMonths, partialFraction) = (offset + 1, 0)
        } else {
            (fullMonths, partialFraction) = (offset, Decimal(asOf.day) / Decimal(asOf.daysInMonth))
        }
    }

    /// `elapsed` of SPEC §7, in months.
    public var elapsed: Decimal { Decimal(fullMonths) + partialFraction }
    public var remaining: Decimal { 12 - elapsed }
    public var end: Day { start.adding(months: 11).lastDay }
    /// The cut-off within the year: `asOf`, or the year's last day when it is later.
    public var effectiveCutOff: Day { min(asOf, end) }

    /// Months with any elapsed part (the partial month counts).
    public var monthsTouched: Int { fullMonths + (partialFraction > 0 ? 1 : 0) }

    public func month(_ index: Int) -> YearMonth { start.adding(months: index) }

    /// Where a dated row belongs.
    public enum Slot: Equatable, Sendable {
        case current(Int)  // fiscal month 0...11, on or before the cut-off
        case priorYear(Int)  // fiscal month 0...11 of the year before
        case afterCutOff
        case older
    }

    public func slot(of day: Day) -> Slot {
        let offset = day.yearMonth.index - start.index
        if offset >= 12 || day > asOf { return .afterCutOff }
        if offset >= 0 { return .current(offset) }
        if offset >= -12 { return .priorYear(offset + 12) }
        return .older
    }

    /// Σ of weights over the elapsed part of the year (the partial month pro rata by days).
    public func elapsedWeight(_ weights: [Decimal]) -> Decimal {
        Phasing(weights).weight(from: start.firstDay, through: effectiveCutOff, in: self)
    }

    public static let evenWeights = [Decimal](repeating: 1, count: 12)

    /// The share of fiscal month `m`'s results to date that falls within `first`…`last`: the
    /// days of the period in the month up to the cut-off, over the month's days up to the
    /// cut-off (1 for a month the period covers through the cut-off; 0 outside it).
    public func share(ofMonth m: Int, from first: Day, through last: Day) -> Decimal {
        let month = self.month(m)
        let end = min(month.lastDay, effectiveCutOff)
        guard month.firstDay <= end else { return 0 }
        let start = max(first, month.firstDay)
        let stop = min(last, end)
        guard start <= stop else { return 0 }
        if start == month.firstDay && stop == end { return 1 }
        return Decimal(stop.ordinal - start.ordinal + 1) / Decimal(end.ordinal - month.firstDay.ordinal + 1)
    }
}
