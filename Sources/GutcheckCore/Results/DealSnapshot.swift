import Foundation

/// Every identified deal of one snapshot of a deal export, by its id: where it stood when
/// the export was taken (SPEC §15.3). Kept only when two snapshots are compared, so memory
/// grows with the deals then and only then.
public struct DealSnapshot: Sendable, Equatable {
    /// One deal as the snapshot has it.
    public struct Entry: Sendable, Equatable {
        public enum State: UInt8, Sendable { case open, won, lost }
        /// The plan region's index.
        public var region: Int32
        public var state: State
        /// Its close date (expected, for an open deal) as `Day.key`; nil for an open deal
        /// with none.
        public var close: Int32?
        /// In billionths of the currency unit; zero for an open deal with no amount.
        public var nanos: Int128
        /// False for an open deal exported with no amount (SPEC §13.6: a deal, not zero dollars).
        public var valued = true
    }

    public internal(set) var deals: [String: Entry] = [:]
    /// Per region index, the open deals in the snapshot's pipeline with an empty id: they
    /// cannot be followed from one snapshot to the next, so a reader is told they are left out.
    public internal(set) var pipelineWithoutId: [Int32: Int] = [:]

    public init() {}

    /// The reader calls this once per deal (the run's id check has already turned away a
    /// deal seen before), on one thread.
    mutating func add(id: String, _ entry: Entry) { deals[id] = entry }

    mutating func addWithoutId(region: Int32, inPipeline: Bool) {
        if inPipeline { pipelineWithoutId[region, default: 0] += 1 }
    }
}
