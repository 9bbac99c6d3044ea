import Foundation
import Testing
@testable import GutcheckRender

@Suite struct HTMLTests {
    /// Reads a CSS string's hex escapes back (CSS Syntax §4.3.7: up to six hex digits, one
    /// whitespace after them consumed).
    static func decodeCSS(_ css: String) -> String {
        var out = "", scalars = Array(css.unicodeScalars), i = 0
        while i < scalars.count {
            if scalars[i] == "\\" {
                var hex = ""
                i += 1
                while i < scalars.count, hex.count < 6, scalars[i].properties.isASCIIHexDigit { hex.unicodeScalars.append(scalars[i]); i += 1 }
                if i < scalars.count, scalars[i] == " " { i += 1 }
                out.unicodeScalars.append(Unicode.Scalar(UInt32(hex, radix: 16)!)!)
            } else {
                out.unicodeScalars.append(scalars[i]); i += 1
            }
        }
        return out
    }

    /// A form feed, newline, quote, backslash, comment or `</style>` in user text cannot end
    /// the packet's running-head string (issue 26, item 2); the text reads back unchanged.
    @Test(arguments: ["Acme\u{0C}\"; } body { background: url(http://x/y.png) } x { content: \"", "a\nb\rc", "</style><script>x</script>",
                      "back\\slash /* c */ 'q'", "Café · 12  spaces", "tab\there"])
    func userTextCannotLeaveACSSString(_ text: String) {
        let css = ReportRenderer.cssString(text)
        #expect(css.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == " " || $0 == "\\") })
        #expect(Self.decodeCSS(css) == text)
    }

    @Test func charactersXMLCannotHoldNeverReachAChart() {
        let escaped = SVG.escape("West\u{0}\u{1B}[31m <b>&\u{FFFF}")
        #expect(escaped == "West\u{FFFD}\u{FFFD}[31m &lt;b&gt;&amp;\u{FFFD}")
    }

    @Test func pipeTablesBecomeRealTablesWithEscapedCells() {
        let md = "Intro\n\n| A | B |\n|---|--:|\n| \\<script>x | 1 \\| 2 |\n\nAfter\n"
        let html = CommonMarkHTML.render(md)
        #expect(html.contains("<table>"))
        #expect(html.contains("<th>A</th><th style=\"text-align:right\">B</th>"))
        #expect(html.contains("<td>&lt;script&gt;x</td><td style=\"text-align:right\">1 | 2</td>"))
        #expect(html.contains("<p>After</p>"))
    }

    @Test func rawHTMLAndJavascriptLinksAreInert() {
        let html = CommonMarkHTML.render("<script>alert(1)</script>\n\n[x](javascript:alert(1))\n")
        #expect(!html.contains("<script"))
        #expect(!html.contains("javascript:"))
    }

    @Test func chartsReplaceTheirImages() {
        let html = CommonMarkHTML.render("![Chart](a.svg)\n\n![Other](b.png)\n", charts: ["a.svg": "<svg></svg>\n"])
        #expect(html.contains("<figure class=\"chart\">\n<svg></svg>\n</figure>"))
        #expect(html.contains("<img src=\"b.png\" alt=\"Other\" />"))
    }

    @Test(arguments: ["<script>alert(1)</script>", "[x](javascript:alert(1))", "<img src=x onerror=alert(1)>",
                      "**bold** | pipe", "# heading", "- item", "1. item", "&lt;b&gt;", "`code`", "line\nbreak"])
    func userTextStaysText(_ text: String) {
        let escaped = MarkdownEscaping.escape(text)
        let html = CommonMarkHTML.inlineHTML(escaped)
        let expected = text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
        #expect(html == expected)
    }
}
