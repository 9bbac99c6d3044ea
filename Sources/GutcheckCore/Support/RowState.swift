/// A value a class keeps behind a pointer of its own, for state read and written for every
/// row: a class's stored `var` is checked for exclusive access at run time on each access,
/// and those checks were a sixth of reading a deal export (perf, docs/benchmarks.md). Reads
/// and writes through the pointer are not checked, so this is only for classes that are not
/// Sendable — one thread owns them and their state — and the owner releases it in `deinit`.
///
///     private let tallyState = RowState(Tally())
///     private var tally: Tally {
///         unsafeAddress { tallyState.address }
///         unsafeMutableAddress { tallyState.pointer }
///     }
struct RowState<Value> {
    let pointer: UnsafeMutablePointer<Value>

    init(_ value: Value) {
        pointer = .allocate(capacity: 1)
        pointer.initialize(to: value)
    }

    var address: UnsafePointer<Value> { UnsafePointer(pointer) }

    func release() {
        pointer.deinitialize(count: 1)
        pointer.deallocate()
    }
}
