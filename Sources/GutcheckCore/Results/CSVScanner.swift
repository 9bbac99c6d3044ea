import CByteScan
import Foundation

/// A byte-level RFC 4180 scanner over a buffer of whole records. Quoted fields may hold
/// delimiters, doubled quotes and line breaks; LF, CRLF and a lone CR all end a record
/// (SPEC §8.2). Every field keeps its physical line and where that line starts in the
/// buffer, so a column is computed only when an error needs one.
///
/// Written by hand rather than taken from a CSV package: we need positions for every
/// field, strict handling of stray quotes, records that span refills of a fixed buffer,
/// and speed. Most records take `fastRecord` (64-byte blocks turned into bit masks of
/// their special bytes); the rest — near the buffer's end, spanning lines, or with a
/// problem to name — go byte by byte (a table lookup per byte).
/// See docs/benchmarks.md.
public final class CSVScanner {
    public struct Field {
        /// Byte offsets of the field's content in the buffer (inside the quotes, if any).
        public var start: Int
        public var end: Int
        /// Physical line of the field's first byte, relative to where scanning began.
        public var line: Int
        /// Buffer offset where that line starts.
        public var lineStart: Int
        public var quoted: Bool
        /// A quoted field holding doubled quotes, so its text needs unescaping.
        public var escaped: Bool
    }

    public enum Problem: Sendable {
        case strayQuote
        case textAfterClosingQuote
        case unclosedQuote
        case nul
    }

    public enum Step {
        /// A record is in `fields[0..<fieldCount]`.
        case record
        /// The buffer ends inside a record: keep bytes from `consumed` on and refill.
        case needMore
        /// Nothing left (only when scanning the final bytes).
        case end
    }

    /// Keeps this scanner's per-row fields off the cache lines of any object allocated next
    /// to it — the other half's scanner, written as often on the other core (false sharing
    /// made the second half a third slower).
    private let guardBefore = CacheLineGuard()
    public let delimiter: UInt8
    /// Byte classes: 0 plain, 1 delimiter, 2 quote, 3 NUL, 4 CR, 5 LF.
    private let classes: UnsafeMutablePointer<UInt8>
    /// Structural problems of the current record: kind, line, line start, offset.
    public private(set) var problems: [(Problem, line: Int, lineStart: Int, offset: Int)] = []

    /// The current record and where the next one starts, as one value: the fast path reads
    /// and writes it once per record, where separate stored properties of a class would
    /// each cost an exclusivity check at every access.
    struct State {
        /// The current record's fields.
        var list: FieldList
        /// `problems` is not empty.
        var hasProblems = false
        /// Off only in tests, which compare the two paths.
        var usesFastPath = true
        var recordStart = 0, recordEnd = 0
        var recordLine = 1
        var recordHasNonASCII = false
        var consumed = 0
        var line = 1
        var block = Block()
    }
    /// Behind a pointer the scanner owns: a stored `var` of a class is checked for exclusive
    /// access at run time on every read and write, and these happen for every record (the
    /// checks were about a sixth of reading a deal export, perf, docs/benchmarks.md). The
    /// scanner is not Sendable, so one thread owns it and the state alike.
    private let storage: UnsafeMutablePointer<State>
    private(set) var state: State {
        get { storage.pointee }
        set { storage.pointee = newValue }
    }

    public var fields: UnsafeMutablePointer<Field> { storage.pointee.list.fields }
    /// Off only in tests, which compare the two paths.
    public var usesFastPath: Bool {
        get { state.usesFastPath }
        set { state.usesFastPath = newValue }
    }

    public var fieldCount: Int { storage.pointee.list.count }
    /// The current record's extent, terminator excluded.
    public var recordStart: Int { storage.pointee.recordStart }
    public var recordEnd: Int { storage.pointee.recordEnd }
    /// The current record's first line.
    public var recordLine: Int { storage.pointee.recordLine }
    /// True when the current record has a byte ≥ 0x80 (so it needs UTF-8 validation).
    public var recordHasNonASCII: Bool { storage.pointee.recordHasNonASCII }
    /// Where the next record starts in the buffer.
    public var consumed: Int { storage.pointee.consumed }
    /// The physical line of the next record.
    public var line: Int { storage.pointee.line }

    private let guardAfter = CacheLineGuard()

    public init(delimiter: UInt8 = UInt8(ascii: ",")) {
        self.delimiter = delimiter
        classes = .allocate(capacity: 256)
        classes.initialize(repeating: 0, count: 256)
        classes[Int(delimiter)] = 1
        classes[Int(UInt8(ascii: "\""))] = 2
        classes[0] = 3
        classes[0x0D] = 4
        classes[0x0A] = 5
        storage = .allocate(capacity: 1)
        storage.initialize(to: State(list: FieldList(fields: .allocate(capacity: 64), count: 0, capacity: 64)))
    }

    deinit {
        classes.deallocate()
        fields.deallocate()
        storage.deinitialize(count: 1)
        storage.deallocate()
    }

    /// The buffer was refilled: what was at `consumed` is now at offset 0.
    public func rebase() {
        storage.pointee.consumed = 0
        storage.pointee.block.at = -1
    }

    private func addField(_ field: Field) { storage.pointee.list.add(field) }

    /// Scans the next record of `buffer[consumed..<count]`. `final` says no bytes follow.
    public func next(_ buffer: UnsafePointer<UInt8>, count: Int, final: Bool) -> Step {
        var state = storage.pointee
        var p = state.consumed
        if p >= count {
            return final ? .end : .needMore
        }
        let startLine = state.line
        var line = startLine
        var lineStart = p
        var nonASCII: UInt64 = 0
        state.list.count = 0
        if state.hasProblems {
            problems.removeAll(keepingCapacity: true)
            state.hasProblems = false
        }
        state.recordStart = p
        state.recordLine = line
        let fast = state.usesFastPath && fastRecord(buffer, count: count, &state)
        storage.pointee = state
        if fast { return .record }

        while true {
            // One field.
            var field = Field(start: p, end: p, line: line, lineStart: lineStart, quoted: false, escaped: false)
            if p < count && buffer[p] == UInt8(ascii: "\"") {
                field.quoted = true
                p += 1
                field.start = p
                var closed = false
                while !closed {
                    while p < count {
                        let c = classes[Int(buffer[p])]
                        if c == 2 || c >= 3 { break }
                        nonASCII |= UInt64(buffer[p])
                        p += 1
                    }
                    if p >= count {
                        guard final else { return needMore(startLine) }
                        addProblem((.unclosedQuote, field.line, field.lineStart, field.start - 1))
                        field.end = p
                        addField(field)
                        return finishRecord(at: p, next: p, line: line, nonASCII: nonASCII)
                    }
                    let b = buffer[p]
                    if b == 0 {
                        addProblem((.nul, line, lineStart, p))
                        p += 1
                        continue
                    }
                    if b == UInt8(ascii: "\"") {
                        if p + 1 < count {
                            if buffer[p + 1] == UInt8(ascii: "\"") {
                                field.escaped = true
                                p += 2
                                continue
                            }
                        } else if !final {
                            return needMore(startLine)
                        }
                        field.end = p
                        p += 1
                        closed = true
                    } else {
                        // A line break inside quotes: a new physical line.
                        if b == 0x0D {
                            if p + 1 >= count && !final { return needMore(startLine) }
                            if p + 1 < count && buffer[p + 1] == 0x0A { p += 1 }
                        }
                        p += 1
                        line += 1
                        lineStart = p
                    }
                }
                // After the closing quote: a delimiter, a line break or the end.
                if p < count {
                    let c = classes[Int(buffer[p])]
                    if c == 0 || c == 2 || c == 3 {
                        addProblem((.textAfterClosingQuote, line, lineStart, p))
                        while p < count {
                            let c = classes[Int(buffer[p])]
                            if c == 1 || c >= 4 { break }
                            nonASCII |= UInt64(buffer[p])
                            p += 1
                        }
                        if p >= count && !final { return needMore(startLine) }
                    }
                }
            } else {
                while p < count {
                    let b = buffer[p]
                    let c = classes[Int(b)]
                    if c != 0 {
                        if c == 1 || c >= 4 { break }
                        addProblem((c == 2 ? .strayQuote : .nul, line, lineStart, p))
                    }
                    nonASCII |= UInt64(b)
                    p += 1
                }
                field.end = p
                if p >= count && !final { return needMore(startLine) }
            }
            addField(field)
            if p >= count {
                return finishRecord(at: p, next: p, line: line, nonASCII: nonASCII)
            }
            let b = buffer[p]
            if b == delimiter {
                p += 1
                if p >= count {
                    guard final else { return needMore(startLine) }
                    addField(Field(start: p, end: p, line: line, lineStart: lineStart, quoted: false, escaped: false))
                    return finishRecord(at: p, next: p, line: line, nonASCII: nonASCII)
                }
                continue
            }
            // A line break ends the record; a CR at the very end may be half a CRLF.
            var next = p + 1
            if b == 0x0D {
                if next >= count && !final { return needMore(startLine) }
                if next < count && buffer[next] == 0x0A { next += 1 }
            }
            return finishRecord(at: p, next: next, line: line + 1, nonASCII: nonASCII)
        }
    }

    /// The fast path's view of the buffer: a 64-byte block at `at` whose delimiters, quotes
    /// and control bytes are the bits of `specials` (bit i: byte at + i), those already
    /// passed cleared, and whose bytes ≥ 0x80 are the bits of `highs`. It carries over from
    /// one record to the next; anything else that moves through the buffer drops it.
    struct Block {
        var at = -1
        var specials: UInt64 = 0
        var highs: UInt64 = 0

        /// The masks of the 64 bytes at `at` (all inside the buffer).
        @inline(__always)
        mutating func load(_ buffer: UnsafePointer<UInt8>, at: Int, delimiter: UInt8) {
            var high: UInt64 = 0
            specials = gutcheck_scan_block(buffer + at, delimiter, &high)
            highs = high
            self.at = at
        }
    }

    /// The common record, whole in the buffer, in one pass over 64-byte blocks: one line,
    /// fields plain or quoted (doubled quotes too) with no line break, NUL or stray quote.
    /// Visiting a block's bits in order looks at each special byte once, with one loop exit
    /// per 64 bytes rather than per field. Anything else returns false (having dropped the
    /// block) and `next` scans the record byte by byte, which also names the problems.
    ///
    /// It works on local copies of the block and the field list and stores them once, on
    /// the way out: a class's stored property costs an exclusivity check at every access.
    private func fastRecord(_ buffer: UnsafePointer<UInt8>, count: Int, _ state: inout State) -> Bool {
        let start = state.consumed, line = state.line, delimiter = self.delimiter
        var block = state.block
        // Kept on every exit: the list may have grown (and moved) even when the block is dropped.
        var list = state.list
        defer {
            list.count = state.list.count
            state.list = list
        }
        func dropBlock() -> Bool {
            state.block.at = -1
            return false
        }
        if block.at < 0 || start < block.at || start >= block.at &+ 64 {
            guard start &+ 64 <= count else { return dropBlock() }
            block.load(buffer, at: start, delimiter: delimiter)
        }
        var lowBound = start &- block.at  // bits below it are before the record
        var fieldStart = start
        var inQuotes = false, quoted = false, escaped = false
        var closedAt = -1
        var nonASCII: UInt64 = 0
        // The second quote of a doubled pair that opens the next block.
        var skipFirstOfNext = false
        while true {
            while block.specials != 0 {
                let i = block.specials.trailingZeroBitCount
                block.specials &= block.specials &- 1
                let pos = block.at &+ i
                let b = buffer[pos]
                if inQuotes {
                    if b == UInt8(ascii: "\"") {
                        guard pos &+ 1 < count else { return dropBlock() }
                        if buffer[pos &+ 1] == UInt8(ascii: "\"") {
                            escaped = true
                            // Pass the second quote of the pair.
                            if i < 63 { block.specials &= ~(1 &<< UInt64(i &+ 1)) } else { skipFirstOfNext = true }
                        } else {
                            inQuotes = false
                            closedAt = pos
                        }
                    } else if b == 0 || b == 0x0A || b == 0x0D {
                        return dropBlock()  // a line break or NUL inside quotes
                    }
                    continue
                }
                if b == delimiter || b == 0x0A || b == 0x0D {
                    if quoted {
                        guard closedAt == pos &- 1 else { return dropBlock() }  // text after the closing quote
                        list.add(Field(start: fieldStart &+ 1, end: closedAt, line: line, lineStart: start, quoted: true, escaped: escaped))
                    } else {
                        list.add(Field(start: fieldStart, end: pos, line: line, lineStart: start, quoted: false, escaped: false))
                    }
                    if b == delimiter {
                        fieldStart = pos &+ 1
                        quoted = false
                        escaped = false
                        continue
                    }
                    var next = pos &+ 1
                    if b == 0x0D {
                        guard next < count, buffer[next] == 0x0A else { return dropBlock() }  // a lone CR, or half a CRLF
                        next &+= 1
                        if i < 63 { block.specials &= ~(1 &<< UInt64(i &+ 1)) }
                    }
                    nonASCII |= block.highs & ~((1 &<< UInt64(lowBound)) &- 1) & ((1 &<< UInt64(i)) &- 1)
                    state.block = block
                    state.list.count = list.count
                    state.recordEnd = pos
                    state.consumed = next
                    state.line = line &+ 1
                    state.recordHasNonASCII = nonASCII != 0
                    return true
                }
                if b == UInt8(ascii: "\"") {
                    guard pos == fieldStart else { return dropBlock() }  // a stray quote
                    inQuotes = true
                    quoted = true
                } else if b == 0 {
                    return dropBlock()
                }
                // Other control bytes (a tab, when it is not the delimiter) are text.
            }
            nonASCII |= block.highs & ~((1 &<< UInt64(lowBound)) &- 1)
            lowBound = 0
            guard block.at &+ 128 <= count else { return dropBlock() }
            block.load(buffer, at: block.at &+ 64, delimiter: delimiter)
            if skipFirstOfNext {
                block.specials &= ~1
                skipFirstOfNext = false
            }
        }
    }

    /// The fields of the record being scanned, as the fast path keeps them locally.
    struct FieldList {
        var fields: UnsafeMutablePointer<Field>
        var count: Int
        var capacity: Int

        @inline(__always)
        mutating func add(_ field: Field) {
            if count == capacity {
                let bigger = UnsafeMutablePointer<Field>.allocate(capacity: capacity * 2)
                bigger.moveInitialize(from: fields, count: count)
                fields.deallocate()
                fields = bigger
                capacity *= 2
            }
            (fields + count).initialize(to: field)
            count += 1
        }
    }

    private func addProblem(_ problem: (Problem, line: Int, lineStart: Int, offset: Int)) {
        problems.append(problem)
        state.hasProblems = true
    }

    private func needMore(_ startLine: Int) -> Step {
        state.line = startLine
        state.list.count = 0
        problems.removeAll(keepingCapacity: true)
        state.hasProblems = false
        return .needMore
    }

    private func finishRecord(at end: Int, next: Int, line: Int, nonASCII: UInt64) -> Step {
        state.recordEnd = end
        state.consumed = next
        state.line = line
        state.recordHasNonASCII = nonASCII & 0x8080_8080_8080_8080 != 0
        return .record
    }

    /// True for a record that holds nothing: an empty line, or only delimiters (the
    /// empty rows Excel leaves at the end of a sheet).
    @inline(__always)
    public var isBlank: Bool { Self.isBlank(fields, count: fieldCount) }

    @inline(__always)
    static func isBlank(_ fields: UnsafeMutablePointer<Field>, count: Int) -> Bool {
        for i in 0..<count where fields[i].quoted || fields[i].end > fields[i].start { return false }
        return true
    }
}

/// 128 bytes of nothing between objects that two threads write (see `CSVScanner`).
struct CacheLineGuard {
    private var bytes: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                        UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
}

extension CSVScanner.Field {
    /// The field's text, with doubled quotes undone; nil when it is not valid UTF-8.
    public func text(_ buffer: UnsafePointer<UInt8>) -> String? {
        let bytes = UnsafeBufferPointer(start: buffer + start, count: end - start)
        guard var s = String(validating: bytes, as: UTF8.self) else { return nil }
        if escaped { s = s.replacingOccurrences(of: "\"\"", with: "\"") }
        return s
    }

    /// The 1-based column (Unicode scalars) of buffer offset `offset` on this field's line.
    public static func column(_ buffer: UnsafePointer<UInt8>, lineStart: Int, offset: Int) -> Int {
        var column = 1
        for i in lineStart..<offset where buffer[i] & 0xC0 != 0x80 { column += 1 }
        return column
    }

    /// Where the field starts (its opening quote, if quoted), as a column.
    public func column(_ buffer: UnsafePointer<UInt8>) -> Int {
        Self.column(buffer, lineStart: lineStart, offset: quoted ? start - 1 : start)
    }
}
