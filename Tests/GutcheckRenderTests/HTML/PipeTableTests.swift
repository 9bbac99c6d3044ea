import Testing
@testable import GutcheckRender

/// Pipe-table rows split by bytes give the cells a character-by-character split gives.
@Suite struct PipeTableTests {
    /// The split by characters, as it was written first.
    static func reference(_ row: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var escaped = false
        var body = Substring(row)
        if body.hasPrefix("|") { body = body.dropFirst() }
        for ch in body {
            if escaped {
                current.append(ch)
                escaped = false
            } else if ch == "\\" {
                current.append(ch)
                escaped = true
            } else if ch == "|" {
                cells.append(current.trimmingWhitespace())
                current = ""
            } else {
                current.append(ch)
            }
        }
        let rest = current.trimmingWhitespace()
        if !rest.isEmpty || escaped { cells.append(rest) }
        return cells
    }

    @Test func rowsSplitAsByCharacters() {
        var state: UInt64 = 0x1234_5678_9ABC_DEF1
        func next(_ n: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(n))
        }
        let alphabet = Array("a1 |\\\t.\u{00A0}\u{2003}é\u{0301}-:")
        for _ in 0..<30_000 {
            let row = String((0..<next(14)).map { _ in alphabet[next(alphabet.count)] })
            #expect(PipeTable.cells(row) == Self.reference(row), "\(row.debugDescription)")
        }
        #expect(PipeTable.cells("| Region | 92.6\u{00A0}% | a \\| b |") == ["Region", "92.6\u{00A0}%", "a \\| b"])
    }
}
