/// A byte-level RFC 4180 reader fed in chunks (so files of any size stream through a
/// fixed buffer). Quoted fields may hold delimiters, doubled quotes and line breaks; LF,
/// CRLF and a lone CR all end a record (SPEC §8.2). Each field keeps where it starts, as
/// line, byte column and character column, so later errors can point at it.
///
/// Written by hand rather than taken from a CSV package: we need positions for every
/// field, strict handling of stray quotes, push-style chunked input and, later, speed.
public struct CSVTokenizer {
    public struct Position: Sendable {
        public var line: Int
        public var byteColumn: Int
        public var column: Int
    }

    /// One record, valid only during the callback.
    public struct Record {
        public let bytes: [UInt8]
        public let ends: [Int]
        public let starts: [Position]
        public let quoted: [Bool]
        public var count: Int { ends.count }
        public var line: Int { starts.first?.line ?? 0 }

        public func field(_ i: Int) -> ArraySlice<UInt8> {
            bytes[(i == 0 ? 0 : ends[i - 1])..<ends[i]]
        }

        /// True for a line with nothing on it.
        public var isBlank: Bool { count == 1 && ends[0] == 0 && !quoted[0] }
    }

    public enum Problem: Sendable {
        case strayQuote
        case textAfterClosingQuote
        case unclosedQuote
    }

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    public let delimiter: UInt8
    private var state = State.fieldStart
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var starts: [Position] = []
    private var quoted: [Bool] = []
    private var line = 1
    private var byteColumn = 1
    private var column = 1
    private var afterCR = false
    private var atFileStart = true
    private var bomBytesSeen = 0

    public init(delimiter: UInt8 = UInt8(ascii: ",")) {
        self.delimiter = delimiter
    }

    private var here: Position { Position(line: line, byteColumn: byteColumn, column: column) }

    /// Feeds the next chunk. `record` is called for each complete record; `problem` for
    /// each structural error (reading goes on, so all are reported).
    public mutating func consume(
        _ chunk: UnsafeBufferPointer<UInt8>,
        record: (Record) -> Void, problem: (Problem, Position) -> Void
    ) {
        var i = 0
        // A UTF-8 byte-order mark is not data (it may be split across chunks).
        while atFileStart && i < chunk.count {
            let expected: [UInt8] = [0xEF, 0xBB, 0xBF]
            if chunk[i] == expected[bomBytesSeen] {
                bomBytesSeen += 1
                i += 1
                if bomBytesSeen == 3 { atFileStart = false }
            } else {
                // Not a BOM after all: replay what was taken for one.
                atFileStart = false
                for b in expected.prefix(bomBytesSeen) { step(b, record: record, problem: problem) }
            }
        }
        while i < chunk.count {
            step(chunk[i], record: record, problem: problem)
            i += 1
        }
    }

    /// Ends the input: the last record needs no line break; an open quote is an error.
    public mutating func finish(record: (Record) -> Void, problem: (Problem, Position) -> Void) {
        if atFileStart && bomBytesSeen > 0 {
            atFileStart = false
            for b in [UInt8]([0xEF, 0xBB, 0xBF]).prefix(bomBytesSeen) { step(b, record: record, problem: problem) }
        }
        if state == .quoted {
            problem(.unclosedQuote, starts.last ?? here)
            state = .quoteInQuoted
        }
        if state == .fieldStart {
            guard !ends.isEmpty else { return }
            startField(quoted: false)  // the empty field after a trailing delimiter
        }
        endField()
        emit(record)
    }

    @inline(__always)
    private mutating func advance(_ b: UInt8) {
        byteColumn += 1
        if b & 0xC0 != 0x80 { column += 1 }
    }

    private mutating func newLine() {
        line += 1
        byteColumn = 1
        column = 1
    }

    private mutating func endField() {
        ends.append(bytes.count)
    }

    private mutating func emit(_ record: (Record) -> Void) {
        record(Record(bytes: bytes, ends: ends, starts: starts, quoted: quoted))
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        quoted.removeAll(keepingCapacity: true)
        state = .fieldStart
    }

    private mutating func startField(quoted isQuoted: Bool) {
        starts.append(here)
        quoted.append(isQuoted)
    }

    private mutating func step(_ b: UInt8, record: (Record) -> Void, problem: (Problem, Position) -> Void) {
        if afterCR {
            afterCR = false
            if b == 0x0A { return }  // the LF of a CRLF
        }
        let isBreak = b == 0x0A || b == 0x0D
        switch state {
        case .quoted:
            if b == UInt8(ascii: "\"") {
                state = .quoteInQuoted
                advance(b)
            } else {
                bytes.append(b)
                if isBreak { newLine(); afterCR = b == 0x0D } else { advance(b) }
            }
            return
        case .quoteInQuoted:
            if b == UInt8(ascii: "\"") {
                bytes.append(b)
                state = .quoted
                advance(b)
                return
            }
            if b != delimiter && !isBreak {
                problem(.textAfterClosingQuote, here)
                state = .unquoted
                bytes.append(b)
                advance(b)
                return
            }
        case .fieldStart:
            if b == UInt8(ascii: "\"") {
                startField(quoted: true)
                state = .quoted
                advance(b)
                return
            }
            if b != delimiter && !isBreak {
                startField(quoted: false)
                state = .unquoted
                bytes.append(b)
                advance(b)
                return
            }
            startField(quoted: false)
        case .unquoted:
            if b != delimiter && !isBreak {
                if b == UInt8(ascii: "\"") { problem(.strayQuote, here) }
                bytes.append(b)
                advance(b)
                return
            }
        }
        // A delimiter or a line break ends the field.
        endField()
        if b == delimiter {
            state = .fieldStart
            advance(b)
        } else {
            emit(record)
            newLine()
            afterCR = b == 0x0D
        }
    }
}
