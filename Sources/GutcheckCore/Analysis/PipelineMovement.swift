import Foundation

/// How a region's pipeline got from one snapshot of the deal export to the next (SPEC
/// §15.3): the open deals closing by the fiscal year's end at the earlier cut-off, what
/// came in, what went out and what changed value, and the open deals now. The steps add
/// up to the cent by construction: every deal in either pipeline falls in exactly one.
///
/// A deal is in a snapshot's pipeline when it is open with a close date after that
/// snapshot's cut-off and on or before the year's end (§15.2: a stale deal is not
/// pipeline). Deals that leave count at the amount they had at the start, deals that
/// come in at the amount they have now; a deal in both counts its change of amount.
public struct PipelineMovement: Sendable, Equatable {
    /// A number of deals and their amount.
    public struct Step: Sendable, Equatable {
        public var deals = 0
        public var amount: Decimal = 0
        /// Of `deals`, those exported with no amount (SPEC §13.6): counted, not summed as zero.
        public var unvalued = 0
        public init(deals: Int = 0, amount: Decimal = 0, unvalued: Int = 0) {
            self.deals = deals
            self.amount = amount
            self.unvalued = unvalued
        }
        mutating func add(_ e: DealSnapshot.Entry) {
            deals += 1
            amount += Tally.decimal(e.nanos)
            if !e.valued { unvalued += 1 }
        }
    }

    /// The earlier snapshot's cut-off, and this run's.
    public var from: Day
    public var to: Day
    public var openAtStart = Step()
    /// New deals: ids the earlier snapshot does not have.
    public var created = Step()
    /// Deals the earlier snapshot had outside its pipeline (closing after the year, stale,
    /// closed and reopened, or in another region) that are in it now.
    public var pulledIn = Step()
    public var won = Step()
    public var lost = Step()
    /// Still open, now expected to close after the fiscal year's end.
    public var pushedOut = Step()
    /// Still open, with a close date that has passed by this cut-off (or none at all).
    public var wentStale = Step()
    /// No longer in this region's export: deleted, or moved to another region.
    public var removed = Step()
    /// Deals in both pipelines whose amount changed: `deals` counts them, `amount` is the
    /// net change.
    public var valueChanged = Step()
    public var openNow = Step()
    /// Open deals closing by the year's end that have no id (in either snapshot): they
    /// cannot be followed, so they are in neither end of the movement.
    public var withoutId = 0

    /// The waterfall's steps in order, named as summary.json names them.
    public enum Kind: String, CaseIterable, Sendable {
        case openAtStart = "open_at_start", created, pulledIn = "pulled_in", won, lost, pushedOut = "pushed_out"
        case wentStale = "went_stale", removed, valueChanged = "value_changed", openNow = "open_now"

        /// +1 for a step that adds to the pipeline, −1 for one that takes from it, 0 for the
        /// two ends (`valueChanged` carries its own sign).
        public var sign: Int {
            switch self {
            case .openAtStart, .openNow: return 0
            case .created, .pulledIn, .valueChanged: return 1
            case .won, .lost, .pushedOut, .wentStale, .removed: return -1
            }
        }
    }

    public subscript(kind: Kind) -> Step {
        switch kind {
        case .openAtStart: return openAtStart
        case .created: return created
        case .pulledIn: return pulledIn
        case .won: return won
        case .lost: return lost
        case .pushedOut: return pushedOut
        case .wentStale: return wentStale
        case .removed: return removed
        case .valueChanged: return valueChanged
        case .openNow: return openNow
        }
    }

    public init(from: Day, to: Day) {
        self.from = from
        self.to = to
    }

    /// Open at the start, plus what came in, less what went out, plus the changes of value.
    public var reconciles: Bool {
        let moves = Kind.allCases.filter { $0.sign != 0 }
        let amount = moves.reduce(openAtStart.amount) { $0 + Decimal($1.sign) * self[$1].amount }
        let deals = moves.filter { $0 != .valueChanged }.reduce(openAtStart.deals) { $0 + $1.sign * self[$1].deals }
        return amount == openNow.amount && deals == openNow.deals
    }

    /// Per plan region id, the movement from `previous` (cut off at `from`) to `current`
    /// (cut off at `to`), both measured against the fiscal year ending on `yearEnd`.
    public static func between(_ previous: DealSnapshot, from: Day, _ current: DealSnapshot, to: Day, yearEnd: Day,
                               regions: [Region.ID]) -> [Region.ID: PipelineMovement] {
        var movements = regions.map { _ in PipelineMovement(from: from, to: to) }
        let fromKey = Int32(from.key), toKey = Int32(to.key), endKey = Int32(yearEnd.key)
        func inPipeline(_ e: DealSnapshot.Entry, after cutOff: Int32) -> Bool {
            guard e.state == .open, let close = e.close else { return false }
            return close > cutOff && close <= endKey
        }
        for (id, before) in previous.deals where inPipeline(before, after: fromKey) {
            let r = Int(before.region)
            movements[r].openAtStart.add(before)
            guard let now = current.deals[id], Int(now.region) == r else {
                movements[r].removed.add(before)
                continue
            }
            switch now.state {
            case .won: movements[r].won.add(before)
            case .lost: movements[r].lost.add(before)
            case .open:
                if inPipeline(now, after: toKey) {
                    // A deal given its amount since counts its whole amount here (it was in no sum before).
                    if now.nanos != before.nanos {
                        movements[r].valueChanged.deals += 1
                        movements[r].valueChanged.amount += Tally.decimal(now.nanos - before.nanos)
                    }
                } else if let close = now.close, close > endKey {
                    movements[r].pushedOut.add(before)
                } else {
                    movements[r].wentStale.add(before)
                }
            }
        }
        for (id, now) in current.deals where inPipeline(now, after: toKey) {
            let r = Int(now.region)
            movements[r].openNow.add(now)
            if let before = previous.deals[id] {
                if Int(before.region) != r || !inPipeline(before, after: fromKey) { movements[r].pulledIn.add(now) }
            } else {
                movements[r].created.add(now)
            }
        }
        for r in movements.indices {
            movements[r].withoutId = (previous.pipelineWithoutId[Int32(r)] ?? 0) + (current.pipelineWithoutId[Int32(r)] ?? 0)
        }
        var result: [Region.ID: PipelineMovement] = [:]
        for (r, id) in regions.enumerated() { result[id] = movements[r] }
        return result
    }
}
