import Foundation

/// One deal as a list of deals shows it (SPEC §15.4).
public struct Deal: Sendable, Equatable {
    /// The deal id, where `columns.id` is mapped.
    public var id: String?
    /// Its close date (expected, for an open deal).
    public var date: Day
    public var owner: String?
    /// The plan's source id; nil for a deal in no source.
    public var source: Source.ID?
    public var amount: Decimal
    /// An open deal's stage, or a lost deal's loss reason (where mapped).
    public var detail: String?

    /// Largest first; equal amounts by date, then by the fields, so the list does not depend
    /// on the order rows were read in (one thread or two, files in any order).
    static func before(_ a: Deal, _ b: Deal) -> Bool {
        if a.amount != b.amount { return a.amount > b.amount }
        if a.date != b.date { return a.date < b.date }
        return (a.id ?? "", a.owner ?? "", a.source?.rawValue ?? "", a.detail ?? "") < (b.id ?? "", b.owner ?? "", b.source?.rawValue ?? "", b.detail ?? "")
    }
}

/// The largest lost deals this year to date and open deals closing in the rest of the year,
/// per region (SPEC §15.4): at most `kept` of each, so memory grows with the regions only.
struct LargestDeals {
    static let kept = 10
    enum Kind: Int { case lost = 0, open = 1 }
    struct Key: Hashable { var kind: Int, region: Int }
    private(set) var lists: [Key: [Deal]] = [:]
    /// Per kind × region, in billionths, the amount below which a deal cannot enter the list
    /// (Int128.min while it has room): the per-row test is one integer comparison.
    private var floors: [Int128]
    private let regions: Int

    init(regions: Int) {
        self.regions = regions
        floors = [Int128](repeating: .min, count: 2 * max(regions, 1))
    }

    @inline(__always)
    func admits(_ kind: Kind, region: Int, nanos: Int128) -> Bool { nanos >= floors[kind.rawValue * regions + region] }

    mutating func add(_ deal: Deal, _ kind: Kind, region: Int) {
        let key = Key(kind: kind.rawValue, region: region)
        var list = lists[key] ?? []
        let at = list.firstIndex { Deal.before(deal, $0) } ?? list.count
        guard at < Self.kept else { return }
        list.insert(deal, at: at)
        if list.count > Self.kept { list.removeLast() }
        lists[key] = list
        if list.count == Self.kept {
            // One billionth below, so a deal equal to the smallest kept is still compared in full.
            floors[kind.rawValue * regions + region] = Int128((list.last!.amount * 1_000_000_000).rounded(places: 0).description).map { $0 - 1 } ?? .min
        }
    }

    mutating func merge(_ other: LargestDeals) {
        for (key, deals) in other.lists {
            for deal in deals { add(deal, Kind(rawValue: key.kind)!, region: key.region) }
        }
    }
}
