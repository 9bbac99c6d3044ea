import Foundation

/// The forecast the way a CRM's categories read it (SPEC §15.1): revenue closed to date, and
/// the open deals closing in the rest of the year by forecast category, against the goal.
/// Commit reaches (closed + commit) ÷ goal, best case (closed + commit + best case) ÷ goal;
/// pipeline and omitted are listed, never added to a reach.
public struct Categories: Sendable, Equatable {
    public var goal: Decimal
    /// Won revenue to date.
    public var closed: Decimal
    public var open: [ForecastCategory: Actuals.OpenDeals]

    public func amount(_ c: ForecastCategory) -> Decimal { open[c]?.amount ?? 0 }
    public func deals(_ c: ForecastCategory) -> Int { open[c]?.count ?? 0 }
    public var commitTotal: Decimal { closed + amount(.commit) }
    public var bestCaseTotal: Decimal { commitTotal + amount(.bestCase) }
    /// (closed + commit) ÷ goal and (closed + commit + best case) ÷ goal; nil without a goal.
    public var commitReach: Double? { ratio(commitTotal, goal) }
    public var bestCaseReach: Double? { ratio(bestCaseTotal, goal) }

    public init(goal: Decimal, closed: Decimal, open: [ForecastCategory: Actuals.OpenDeals]) {
        self.goal = goal
        self.closed = closed
        self.open = open
    }

    /// At a plan rate (SPEC §15.7): every amount times `rate`; the counts and reaches stay.
    public func converted(at rate: Decimal) -> Categories {
        guard rate != 1 else { return self }
        return Categories(goal: goal * rate, closed: closed * rate, open: open.mapValues { d in
            Actuals.OpenDeals(count: d.count, amount: d.amount * rate, unvalued: d.unvalued)
        })
    }

    /// nil without a deal export's forecast category column.
    init?(revenue: Figure, region: Region.ID, actuals: Actuals) {
        guard actuals.tracksCategories, revenue.isMeasured else { return nil }
        goal = revenue.goal
        closed = revenue.actualToDate
        open = actuals.openByCategory[region] ?? [:]
    }

    /// The sum of regions' categories (the company's), when every region has them.
    public init?(sum parts: [Categories?]) {
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
        let all = parts.map { $0! }
        goal = all.reduce(0) { $0 + $1.goal }
        closed = all.reduce(0) { $0 + $1.closed }
        open = [:]
        for c in ForecastCategory.allCases {
            open[c] = Actuals.OpenDeals(count: all.reduce(0) { $0 + $1.deals(c) }, amount: all.reduce(0) { $0 + $1.amount(c) })
        }
    }
}
