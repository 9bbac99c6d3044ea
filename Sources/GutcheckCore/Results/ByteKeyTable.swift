/// Remembers what a field's exact bytes resolved to (a region, source, stage or metric
/// index), so each distinct value is matched by name once and every later row is a hash
/// probe with no `String` built. Written by hand: `Dictionary<[UInt8], Int>` would
/// allocate an array per lookup, which is most of a row's budget.
final class ByteKeyTable {
    private var hashes: UnsafeMutablePointer<UInt64>
    private var slots: UnsafeMutablePointer<(offset: Int32, length: Int32, value: Int32)>
    private var capacity: Int
    private var keys: [UInt8] = []
    private(set) var count = 0
    /// Past this many keys nothing more is remembered (memory stays bounded when an
    /// export holds many distinct unknown values); lookups still work, they just miss.
    static let maxKeys = 4096

    init() {
        capacity = 64
        hashes = .allocate(capacity: capacity)
        hashes.initialize(repeating: 0, count: capacity)
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: (0, 0, 0), count: capacity)
    }

    deinit {
        hashes.deallocate()
        slots.deallocate()
    }

    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        // FNV-1a; keys are short. 0 marks an empty slot, so it is never a hash.
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in 0..<n { h = (h ^ UInt64(p[i])) &* 0x100_0000_01b3 }
        return h == 0 ? 1 : h
    }

    func find(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32? {
        let h = Self.hash(p, n)
        var i = Int(truncatingIfNeeded: h) & (capacity - 1)
        while hashes[i] != 0 {
            if hashes[i] == h {
                let slot = slots[i]
                if Int(slot.length) == n && keys.withUnsafeBufferPointer({ k in
                    (0..<n).allSatisfy { k[Int(slot.offset) + $0] == p[$0] }
                }) {
                    return slot.value
                }
            }
            i = (i + 1) & (capacity - 1)
        }
        return nil
    }

    func insert(_ p: UnsafePointer<UInt8>, _ n: Int, value: Int32) {
        guard count < Self.maxKeys, keys.count + n < Int(Int32.max) else { return }
        if (count + 1) * 2 > capacity { grow() }
        let h = Self.hash(p, n)
        var i = Int(truncatingIfNeeded: h) & (capacity - 1)
        while hashes[i] != 0 { i = (i + 1) & (capacity - 1) }
        hashes[i] = h
        slots[i] = (Int32(keys.count), Int32(n), value)
        keys.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        count += 1
    }

    private func grow() {
        let oldHashes = hashes, oldSlots = slots, oldCapacity = capacity
        capacity *= 2
        hashes = .allocate(capacity: capacity)
        hashes.initialize(repeating: 0, count: capacity)
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: (0, 0, 0), count: capacity)
        for j in 0..<oldCapacity where oldHashes[j] != 0 {
            var i = Int(truncatingIfNeeded: oldHashes[j]) & (capacity - 1)
            while hashes[i] != 0 { i = (i + 1) & (capacity - 1) }
            hashes[i] = oldHashes[j]
            slots[i] = oldSlots[j]
        }
        oldHashes.deallocate()
        oldSlots.deallocate()
    }
}
