import Testing
@testable import GutcheckRender

/// A table cell's fast path (`CommonMarkHTML.plainText`) gives exactly cmark's HTML wherever
/// it applies, and leaves everything Markdown could mean to cmark.
@Suite struct PlainCellTests {
    @Test func plainCellsAreTheirOwnHTMLAndTheRestGoToCmark() {
        for cell in ["Q1", "−30", "90.0 %", "1,234", "January–March", "Café partners", "(no owner)", "it's", "12:30", "a-b", "x!", "2026.5", ""] {
            #expect(CommonMarkHTML.plainText(cell) == cell, "\(cell)")
            #expect(CommonMarkHTML.markdownHTML(cell) == cell, "\(cell)")
        }
        for cell in ["2026.", "3) x", "1. a", "- a", "!x", "**b**", "a_b_", "[x](y)", "<b>", "a & b", "`c`", "\"q\"", "# h", "a\\|b", " a", "a "] {
            #expect(CommonMarkHTML.plainText(cell) == nil, "\(cell)")
        }
    }

    /// Random cells over an alphabet of plain and special characters: wherever the fast path
    /// answers, cmark answers the same.
    @Test func theFastPathAgreesWithCmark() {
        let alphabet = Array("ab Z09.,)(%-!:;?'/–€ *_#>+=&<\"`[]\\\t1")
        var state: UInt64 = 0x2545_F491_4F6C_DD1D  // xorshift64, seeded: the same cells every run
        func draw(_ n: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(n))
        }
        var checked = 0
        for _ in 0..<20_000 {
            let cell = String((0...draw(6)).map { _ in alphabet[draw(alphabet.count)] })
            guard let fast = CommonMarkHTML.plainText(cell) else { continue }
            #expect(fast == CommonMarkHTML.markdownHTML(cell), "\(cell.debugDescription)")
            checked += 1
        }
        #expect(checked > 1000)
    }
}
