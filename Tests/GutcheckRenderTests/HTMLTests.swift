import Foundation
import Testing
@testable import GutcheckRender

@Suite struct HTMLTests {
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
