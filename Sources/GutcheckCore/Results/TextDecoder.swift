/// Turns a results file in the plan's `results.encoding` into UTF-8, chunk by chunk, so
/// the CSV scanner only ever sees UTF-8. A UTF-8 byte-order mark always means UTF-8
/// (SPEC §8.6). Bytes that are not valid in the encoding are errors with their line and
/// byte column, never silently replaced: the replacement character is only passed on so
/// reading can go on and report everything.
public struct TextDecoder {
    public enum Encoding: String, Sendable { case utf8 = "utf-8", windows1252 = "windows-1252", utf16 = "utf-16" }

    public struct Problem: Sendable {
        public var line: Int
        public var byteColumn: Int
        public var message: String
    }

    private enum Mode { case detecting, utf8, windows1252, utf16LE, utf16BE, refused }

    public let declared: Encoding
    private var mode = Mode.detecting
    private var head: [UInt8] = []
    private var pending: [UInt8] = []  // half a UTF-16 code unit or surrogate pair
    private var line = 1
    private var byteColumn = 1
    private var afterCR = false
    public private(set) var problems: [Problem] = []
    /// Bytes of a UTF-8 byte-order mark dropped from the start.
    public private(set) var bomLength = 0

    public init(_ encoding: Encoding) { declared = encoding }

    /// True once the input is known to be UTF-8 (it can then be scanned in place).
    public var isPassThrough: Bool { mode == .utf8 }
    public var isRefused: Bool { mode == .refused }

    /// Decodes `chunk`, appending UTF-8 to `out`. Returns false once the file is refused.
    public mutating func decode(_ chunk: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], final: Bool) {
        if mode == .detecting {
            head.append(contentsOf: chunk)
            if head.count < 4 && !final { return }
            detect(&out)
            let rest = head
            head = []
            decodeBody(rest, into: &out)
        } else {
            decodeBody(chunk, into: &out)
        }
        if final && !pending.isEmpty && mode != .refused {
            problems.append(Problem(line: line, byteColumn: byteColumn, message: "the file ends in the middle of a UTF-16 character"))
            pending = []
        }
    }

    /// Looks at the first bytes: byte-order marks, spreadsheets, UTF-16 without a mark.
    private mutating func detect(_ out: inout [UInt8]) {
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            refuse("this is a spreadsheet workbook (.xlsx or .zip), not CSV; save it as CSV UTF-8")
        } else if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            refuse("this is an Excel 97-2003 workbook (.xls), not CSV; save it as CSV UTF-8")
        } else if head.starts(with: [0xEF, 0xBB, 0xBF]) {
            head.removeFirst(3)
            bomLength = 3
            mode = .utf8
        } else if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) {
            guard declared == .utf16 else {
                refuse("this file is UTF-16; save it as CSV UTF-8 or set results.encoding: utf-16")
                return
            }
            mode = head[0] == 0xFF ? .utf16LE : .utf16BE
            head.removeFirst(2)
        } else if declared == .utf16 {
            refuse("results.encoding is utf-16 but the file has no UTF-16 byte-order mark; save it as CSV UTF-8 or as UTF-16 with a byte-order mark")
        } else if head.count >= 2 && (head[0] == 0 || head[1] == 0) {
            refuse("the file starts with NUL bytes: it looks like UTF-16 without a byte-order mark; save it as CSV UTF-8")
        } else {
            mode = declared == .windows1252 ? .windows1252 : .utf8
        }
    }

    private mutating func refuse(_ message: String) {
        problems.append(Problem(line: 1, byteColumn: 1, message: message))
        mode = .refused
    }

    private mutating func decodeBody<C: Collection<UInt8>>(_ input: C, into out: inout [UInt8]) {
        switch mode {
        case .detecting, .refused: return
        case .utf8: out.append(contentsOf: input)
        case .windows1252:
            out.reserveCapacity(out.count + input.count)
            for b in input {
                track(b, width: 1)
                if b < 0x80 {
                    out.append(b)
                } else if let scalar = Self.windows1252[Int(b - 0x80)] {
                    append(scalar, to: &out)
                } else {
                    problems.append(Problem(line: line, byteColumn: byteColumn - 1,
                                            message: "byte 0x\(String(b, radix: 16, uppercase: true)) is not a character in Windows-1252; check results.encoding"))
                    append(0xFFFD, to: &out)
                }
            }
        case .utf16LE, .utf16BE:
            var units = pending
            units.append(contentsOf: input)
            var i = 0
            let bigEndian = mode == .utf16BE
            func unit(_ at: Int) -> UInt32 {
                bigEndian ? UInt32(units[at]) << 8 | UInt32(units[at + 1]) : UInt32(units[at + 1]) << 8 | UInt32(units[at])
            }
            while i + 1 < units.count {
                let u = unit(i)
                if u >= 0xD800 && u < 0xDC00 {
                    guard i + 3 < units.count else { break }  // wait for the low half
                    let low = unit(i + 2)
                    if low >= 0xDC00 && low < 0xE000 {
                        track(0x41, width: 4)
                        append(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00), to: &out)
                        i += 4
                        continue
                    }
                    bad(u)
                    i += 2
                    append(0xFFFD, to: &out)
                    continue
                }
                if u >= 0xDC00 && u < 0xE000 {
                    bad(u)
                    i += 2
                    append(0xFFFD, to: &out)
                    continue
                }
                track(u < 0x80 ? UInt8(u) : 0x41, width: 2)
                append(u, to: &out)
                i += 2
            }
            pending = Array(units[i...])
        }
    }

    private mutating func bad(_ unit: UInt32) {
        byteColumn += 2
        problems.append(Problem(line: line, byteColumn: byteColumn - 2,
                                message: "an unpaired UTF-16 surrogate (0x\(String(unit, radix: 16, uppercase: true))) is not a character; check the export"))
    }

    /// Follows physical lines (LF, CRLF, lone CR) and byte columns of the original bytes.
    private mutating func track(_ b: UInt8, width: Int) {
        if b == 0x0A {
            if !afterCR { line += 1 }
            byteColumn = 1
            afterCR = false
        } else if b == 0x0D {
            line += 1
            byteColumn = 1
            afterCR = true
        } else {
            byteColumn += width
            afterCR = false
        }
    }

    private func append(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case ..<0x80: out.append(UInt8(scalar))
        case ..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | (scalar >> 12) & 0x3F))
            out.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Windows-1252 bytes 0x80–0xFF; nil where the code page defines no character.
    static let windows1252: [UInt32?] = [
        0x20AC, nil, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, nil, 0x017D, nil,
        nil, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, nil, 0x017E, 0x0178,
    ] + (0xA0...0xFF).map { UInt32($0) }
}
