import Foundation

/// Remembers what a field's exact bytes resolved to (a region, source, stage or metric
/// index), so each distinct value is matched by name once and every later row is a hash
/// probe with no `String` built. Written by hand: `Dictionary<[UInt8], Int>` would
/// allocate an array per lookup, which is most of a row's budget; three probes a row are
/// a fifth of a deal row's time, hence the word-at-a-time hash (docs/benchmarks.md).
final class ByteKeyTable {
    /// 32 bytes: a row probes three tables at random, so they should stay in the L1 cache.
    private struct Slot {
        var first: UInt64
        var last: UInt64
        var offset: Int32
        var length: Int32  // -1: empty
        var value: Int32
        /// Which of several key spaces the key belongs to (a source's region).
        var scope: Int32
        static let empty = Slot(first: 0, last: 0, offset: 0, length: -1, value: 0, scope: 0)
    }

    private var slots: UnsafeMutablePointer<Slot>
    private var capacity: Int
    /// The keys' bytes, back to back.
    private var keys: UnsafeMutablePointer<UInt8>
    private var keysCount = 0
    private var keysCapacity = 1024
    private(set) var count = 0
    /// Past this many keys nothing more is remembered (memory stays bounded when an
    /// export holds many distinct unknown values); lookups still work, they just miss.
    static let maxKeys = 4096

    init() {
        capacity = 16
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: .empty, count: capacity)
        keys = .allocate(capacity: keysCapacity)
    }

    deinit {
        slots.deallocate()
        keys.deallocate()
    }

    /// A key's bytes as two words: for keys of up to 16 bytes they hold every byte (two
    /// overlapping loads, never outside the `n` bytes), so equal words and length mean equal
    /// keys and no `memcmp` call; longer keys fold the middle into the first word.
    @inline(__always)
    static func words(_ p: UnsafePointer<UInt8>, _ n: Int) -> (UInt64, UInt64) {
        let raw = UnsafeRawPointer(p)
        if n >= 8 {
            var a = raw.loadUnaligned(as: UInt64.self)
            let b = raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            var i = 8
            while i < n - 8 {
                a = mix(a ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self), 0xA076_1D64_78BD_642F)
                i += 8
            }
            return (a, b)
        }
        if n >= 4 {
            return (UInt64(raw.loadUnaligned(as: UInt32.self)), UInt64(raw.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)))
        }
        return n > 0 ? (UInt64(p[0]) << 16 | UInt64(p[n >> 1]) << 8 | UInt64(p[n - 1]), 0) : (0, 0)
    }

    /// A 64-bit hash of the key (in `scope`). The length goes through its own multiply: XORed
    /// into a word, "1000" and "10000" (same first word, last words one bit apart) collided.
    @inline(__always)
    static func hash(_ words: (UInt64, UInt64), _ n: Int, scope: Int = 0) -> UInt64 {
        mix(mix(words.0 ^ 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: scope) &* 0xD6E8_FEB8_6659_FD93,
                words.1 ^ 0xE703_7ED1_A0B4_28DB),
            UInt64(truncatingIfNeeded: n) ^ 0x8EBC_6AF0_9C88_C6E3)
    }

    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 { hash(words(p, n), n) }

    /// The two halves of a full 128-bit product, folded (wyhash's mixer).
    @inline(__always)
    private static func mix(_ x: UInt64, _ y: UInt64) -> UInt64 {
        let r = x.multipliedFullWidth(by: y)
        return r.high ^ r.low
    }

    /// The value of a key; `scope` keeps several key spaces in one table (the sources of
    /// all regions: one table, so a row's lookup does not first fetch its region's table).
    @inline(__always)
    func find(_ p: UnsafePointer<UInt8>, _ n: Int, scope: Int = 0) -> Int32? {
        let w = Self.words(p, n)
        let h = Self.hash(w, n, scope: scope)
        let mask = capacity - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = slots[i]
            if slot.first == w.0 && slot.last == w.1 && Int(slot.length) == n && Int(slot.scope) == scope
                && (n <= 16 || memcmp(keys + Int(slot.offset), p, n) == 0) {
                return slot.value
            }
            if slot.length < 0 { return nil }
            i = (i + 1) & mask
        }
    }

    func insert(_ p: UnsafePointer<UInt8>, _ n: Int, value: Int32, scope: Int = 0) {
        guard count < Self.maxKeys, keysCount + n < Int(Int32.max) else { return }
        if (count + 1) * 2 > capacity { grow() }
        if keysCount + n > keysCapacity {
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: max(keysCapacity * 2, keysCount + n))
            bigger.initialize(from: keys, count: keysCount)
            keys.deallocate()
            keys = bigger
            keysCapacity = max(keysCapacity * 2, keysCount + n)
        }
        let w = Self.words(p, n)
        let h = Self.hash(w, n, scope: scope)
        var i = Int(truncatingIfNeeded: h) & (capacity - 1)
        while slots[i].length >= 0 { i = (i + 1) & (capacity - 1) }
        slots[i] = Slot(first: w.0, last: w.1, offset: Int32(keysCount), length: Int32(n), value: value, scope: Int32(scope))
        (keys + keysCount).initialize(from: p, count: n)
        keysCount += n
        count += 1
    }

    private func grow() {
        let old = slots, oldCapacity = capacity
        capacity *= 2
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: .empty, count: capacity)
        for j in 0..<oldCapacity where old[j].length >= 0 {
            let h = Self.hash((old[j].first, old[j].last), Int(old[j].length), scope: Int(old[j].scope))
            var i = Int(truncatingIfNeeded: h) & (capacity - 1)
            while slots[i].length >= 0 { i = (i + 1) & (capacity - 1) }
            slots[i] = old[j]
        }
        old.deallocate()
    }
}
