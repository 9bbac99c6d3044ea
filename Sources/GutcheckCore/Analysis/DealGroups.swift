import Foundation

/// A deal owner's year to date (SPEC §11.3), from a deal export's owner column: won revenue,
/// won and lost deals, win rate = won ÷ (won + lost), average deal size, and — for a seller
/// the plan's `team:` lists — the quota phased like the region and its attainment.
public struct OwnerFigures: Sendable {
    /// The owner's name; nil for the deals with no owner (listed last).
    public var name: String?
    public var wonRevenue: Decimal
    public var wonDeals: Int
    public var lostDeals: Int
    public var winRate: Double?
    public var dealSize: Decimal?
    /// The annual quota, when the team lists this owner in the region.
    public var quota: Decimal?
    public var quotaToDate: Decimal?
    public var attainment: Double?
    public var status: Status?

    /// The region's owners, the highest won revenue first; team members with no deal yet
    /// are listed with zeros. Empty when no deal export mapped an owner column.
    static func find(region: Region, plan: Plan, actuals: Actuals, calendar: FiscalCalendar) -> [OwnerFigures] {
        guard actuals.tracksOwners else { return [] }
        func key(_ name: String) -> String { Names.normalized(name).lowercased() }
        var groups: [String: (name: String, group: Actuals.DealGroup)] = [:]
        for (k, group) in actuals.byOwner where k.region == region.id {
            groups[key(k.label)] = (k.label, group)
        }
        let team = plan.team.filter { $0.region == region.id }
        for member in team where groups[key(member.name)] == nil {
            groups[key(member.name)] = (member.name, Actuals.DealGroup())
        }
        return groups.map { k, entry in
            let g = entry.group
            let member = team.first { key($0.name) == k }
            var o = OwnerFigures(name: member?.name ?? (entry.name.isEmpty ? nil : entry.name), wonRevenue: g.wonAmount, wonDeals: g.wonDeals, lostDeals: g.lostDeals)
            let decided = g.wonDeals + g.lostDeals
            o.winRate = decided > 0 ? Double(g.wonDeals) / Double(decided) : nil
            o.dealSize = g.wonDeals > 0 ? g.wonAmount / Decimal(g.wonDeals) : nil
            if let member {
                o.quota = member.quota
                let due = region.weights.dueToDate(member.quota, in: calendar)
                o.quotaToDate = due
                o.attainment = ratio(g.wonAmount, due)
                o.status = Status(ratio: o.attainment, thresholds: plan.thresholds)
            }
            return o
        }.sorted { a, b in
            switch (a.name, b.name) {
            case (nil, _): return false
            case (_, nil): return true
            case let (x?, y?): return (a.wonRevenue, y) > (b.wonRevenue, x)
            }
        }
    }

    init(name: String?, wonRevenue: Decimal, wonDeals: Int, lostDeals: Int) {
        self.name = name
        self.wonRevenue = wonRevenue
        self.wonDeals = wonDeals
        self.lostDeals = lostDeals
    }
}

/// Why buyers don't buy (SPEC §11.4): lost deals this year to date by the export's loss
/// reason, the largest lost value first (then the most deals, then the reason's name).
public struct LossReason: Sendable {
    /// The reason as the export gives it; nil for lost deals with none.
    public var reason: String?
    public var lostDeals: Int
    public var lostValue: Decimal

    static func find(region: Region, actuals: Actuals) -> [LossReason] {
        actuals.byLossReason.filter { $0.key.region == region.id }
            .map { LossReason(reason: $0.key.label.isEmpty ? nil : $0.key.label, lostDeals: $0.value.lostDeals, lostValue: $0.value.lostAmount) }
            .sorted { a, b in
                if (a.lostValue, a.lostDeals) != (b.lostValue, b.lostDeals) { return (a.lostValue, a.lostDeals) > (b.lostValue, b.lostDeals) }
                // Equal value and deals: by name, the lost deals with no reason last.
                switch (a.reason, b.reason) {
                case (nil, _): return false
                case (_, nil): return true
                case let (x?, y?): return x < y
                }
            }
    }
}
