import Foundation

extension Array {
    /// `transform` over the elements on every core, results in the elements' order: for
    /// independent, similar-sized work such as one region's analysis or report (50 regions
    /// were a third of a small run on one core). The same results as `map`, sooner.
    public func concurrentMap<R>(_ transform: (Element) -> R) -> [R] {
        guard count > 1 else { return map(transform) }
        let slots = UnsafeMutablePointer<R?>.allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
        defer {
            slots.deinitialize(count: count)
            slots.deallocate()
        }
        // Each iteration writes only its own slot, and reads the array and `transform`,
        // which nothing writes meanwhile.
        nonisolated(unsafe) let target = slots
        nonisolated(unsafe) let items = self
        withoutActuallyEscaping(transform) { transform in
            nonisolated(unsafe) let transform = transform
            DispatchQueue.concurrentPerform(iterations: items.count) { i in target[i] = transform(items[i]) }
        }
        return (0..<count).map { slots[$0]! }
    }
}
