import Foundation
import Testing
@testable import GutcheckCore

/// The reader's fast paths (docs/benchmarks.md) give exactly what the plain paths give: the
/// CSV scanner's 64-byte blocks against its byte-by-byte scan, the field caches against a
/// dictionary, the quick amount against the full strict reader.
@Suite struct ReaderFastPathTests {
    typealias Generator = DecimalTextTests.Generator

    /// Every record the scanner returns, written out in full (fields, problems, positions).
    static func scan(_ bytes: [UInt8], fast: Bool, delimiter: UInt8 = UInt8(ascii: ",")) -> [String] {
        let scanner = CSVScanner(delimiter: delimiter)
        scanner.usesFastPath = fast
        var records: [String] = []
        bytes.withUnsafeBufferPointer { b in
            let p = b.baseAddress!
            while case .record = scanner.next(p, count: b.count, final: true) {
                var text = "\(scanner.recordLine) \(scanner.recordStart)-\(scanner.recordEnd) next \(scanner.consumed) line \(scanner.line)"
                text += scanner.recordHasNonASCII ? " non-ASCII" : ""
                for i in 0..<scanner.fieldCount {
                    let f = scanner.fields[i]
                    text += " [\(f.start)-\(f.end) line \(f.line)@\(f.lineStart)\(f.quoted ? " q" : "")\(f.escaped ? " e" : "")]"
                }
                for problem in scanner.problems { text += " !\(problem.0) \(problem.line)@\(problem.lineStart):\(problem.offset)" }
                records.append(text)
            }
        }
        return records
    }

    /// Rows of a deal export with the awkward cases mixed in at random places: quoted fields
    /// with delimiters, doubled quotes and line breaks, stray quotes, text after a closing
    /// quote, NUL, lone CR, tabs, UTF-8, empty fields and lines, CRLF and LF.
    static func export(_ rng: inout Generator, rows: Int, awkward: Int) -> [UInt8] {
        let plain = ["2026-03-04", "Region 12", "s1", "12345.6789", "", "Closed Won", "x"]
        let odd = ["\"Account 7, Inc.\"", "\"The \"\"Best\"\" Co\"", "\"two\nlines\"", "\"cr\r\nlf\"", "ab\"c", "\"closed\"x", "a\u{0}b",
                   "lone\rcr", "tab\there", "Zürich", "\"\"", "\"\"\"\"", "\"é\"", "\"unclosed"]
        var text = ""
        for _ in 0..<rows {
            let fields = Int(rng.next() % 8) + 1
            var row: [String] = []
            for _ in 0..<fields {
                row.append(rng.next() % 100 < UInt64(awkward) ? odd[Int(rng.next() % UInt64(odd.count))] : plain[Int(rng.next() % UInt64(plain.count))])
            }
            text += row.joined(separator: ",") + (rng.next() % 3 == 0 ? "\n" : "\r\n")
            if rng.next() % 40 == 0 { text += "\n" }
        }
        var bytes = Array(text.utf8)
        // Cut anywhere, so the file may end inside a record or a quote.
        if rng.next() % 2 == 0 && !bytes.isEmpty { bytes.removeLast(Int(rng.next() % UInt64(min(bytes.count, 40)))) }
        return bytes
    }

    @Test func blocksScanAsBytesDo() {
        var rng = Generator(state: 11)
        for round in 0..<300 {
            let bytes = Self.export(&rng, rows: 20 + round % 60, awkward: round % 4 == 0 ? 0 : Int(round % 30))
            let fast = Self.scan(bytes, fast: true), slow = Self.scan(bytes, fast: false)
            #expect(fast == slow, "round \(round)")
            if fast != slow { return }
        }
    }

    @Test func blocksScanWithOtherDelimiters() {
        var rng = Generator(state: 12)
        for delimiter in [UInt8(ascii: ";"), UInt8(ascii: "\t")] {
            for round in 0..<100 {
                let text = Self.export(&rng, rows: 40, awkward: 10).map { $0 == UInt8(ascii: ",") ? delimiter : $0 }
                #expect(Self.scan(text, fast: true, delimiter: delimiter) == Self.scan(text, fast: false, delimiter: delimiter), "round \(round)")
            }
        }
    }

    /// A doubled quote, CRLF or record end on a block's last byte, and records that cross blocks.
    @Test func blockEdges() {
        for shift in 0..<70 {
            let padding = String(repeating: "p", count: shift)
            let text = "\(padding),\"a\"\"b\",c\r\n\(padding)x,\"\"\"\"\r\nlast,\"q\"\"\"\n" + String(repeating: "tail,row\r\n", count: 20)
            let bytes = Array(text.utf8)
            #expect(Self.scan(bytes, fast: true) == Self.scan(bytes, fast: false), "shift \(shift)")
        }
    }

    @Test func fieldCacheFindsWhatItHolds() {
        var rng = Generator(state: 13)
        let table = ByteKeyTable()
        var reference: [[UInt8]: Int32] = [:]
        // Keys of every length from 0 to 40 that differ in one byte, so the two-word compare is tested at each size.
        for length in 0...40 {
            for variant in 0..<6 {
                var key = [UInt8](repeating: UInt8(ascii: "k"), count: length)
                if length > 0 { key[Int(rng.next() % UInt64(length))] = UInt8(48 + variant) }
                guard reference[key] == nil else { continue }
                let value = Int32(reference.count)
                key.withUnsafeBufferPointer { table.insert($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, length, value: value) }
                reference[key] = value
            }
        }
        for (key, value) in reference {
            let found = key.withUnsafeBufferPointer { table.find($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, key.count) }
            #expect(found == value, "\(key)")
        }
        for length in 1...40 {
            let absent = [UInt8](repeating: UInt8(ascii: "z"), count: length)
            let found = absent.withUnsafeBufferPointer { table.find($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, length) }
            #expect(found == nil)
        }
    }

    @Test func quickAmountIsTheStrictAmount() {
        var rng = Generator(state: 14)
        var samples = ["0", "-0", "1", "-1.5", "12345.6789", "000012.30", "999999999999999999", "1234567890123456789", "1.",
                       ".5", "-", "", "1.123456789", "1.1234567891", "12a", "1,5", "+1", "1e5", " 1", "-999999999999999999.999999999"]
        for _ in 0..<2000 {
            let whole = String(rng.next() % 1_000_000_000_000), fraction = String(rng.next() % 10_000_000_000)
            let digits = Int(rng.next() % 11)
            samples.append((rng.next() % 2 == 0 ? "-" : "") + whole + (digits == 0 ? "" : "." + String(fraction.prefix(digits))))
        }
        for text in samples {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { b in
                let p = b.baseAddress ?? UnsafePointer(bitPattern: 1)!
                let strict = FieldParsers.strictAmount(p, 0, b.count)
                if let quick = FieldParsers.quickNanos(p, 0, b.count) {
                    guard case .success(.nanos(let n)) = strict else {
                        Issue.record("quick read \(text) that the strict reader refuses")
                        return
                    }
                    #expect(quick == n, "\(text)")
                }
            }
        }
    }
}
