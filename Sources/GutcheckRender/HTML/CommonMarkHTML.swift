internal import CCmark
import Foundation

/// Markdown → HTML through cmark, in its default safe mode (raw HTML is dropped and
/// `javascript:` links are emptied). cmark has no tables, so before rendering we walk the
/// parsed document: a paragraph that is a pipe table becomes a custom block holding a real
/// `<table>` (each cell rendered by cmark, so its text stays escaped), and an image whose
/// address names a chart becomes a custom block holding that inline `<svg>`.
public enum CommonMarkHTML {
    /// - Parameter charts: chart address as written in the Markdown → the SVG document.
    public static func render(_ markdown: String, charts: [String: String] = [:]) -> String {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let document = parse(markdown) else { return "" }
        defer { cmark_node_free(document) }

        var node = cmark_node_first_child(document)
        while let current = node {
            node = cmark_node_next(current)
            guard cmark_node_get_type(current) == CMARK_NODE_PARAGRAPH else { continue }
            if let html = chartHTML(current, charts: charts) ?? tableHTML(current, lines: lines, charts: charts) {
                replace(current, withHTML: html)
            }
        }
        guard let c = cmark_render_html(document, CMARK_OPT_DEFAULT) else { return "" }
        defer { free(c) }
        return String(cString: c)
    }

    /// Inline Markdown (one table cell) as HTML without the paragraph around it.
    static func inlineHTML(_ markdown: String) -> String {
        plainText(markdown) ?? markdownHTML(markdown)
    }

    /// A cell Markdown gives no meaning to is its own HTML: letters, digits, spaces, other
    /// scripts and the punctuation that is inert inside a line (no `*_[]<>&\"#|` or backtick, no
    /// `-` or `!` first, and no `1.`/`1)` list opening). A cmark parse and render per cell was
    /// most of what the tables cost; `PlainCellTests` compares this with cmark.
    static func plainText(_ cell: String) -> String? {
        let u = cell.utf8
        for (i, b) in u.enumerated() {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 0x80...0xFF, UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: "%"), UInt8(ascii: "("), UInt8(ascii: ")"),
                 UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "?"), UInt8(ascii: "'"):
                break
            case UInt8(ascii: " "):
                if i == 0 || i == u.count - 1 { return nil }
            case UInt8(ascii: "-"), UInt8(ascii: "!"):
                if i == 0 { return nil }
            default:
                return nil
            }
        }
        // "2026." or "3) x" opens an ordered list: digits, then "." or ")", then nothing or a space.
        let digits = u.prefix { $0 >= 48 && $0 <= 57 }.count
        if digits > 0, digits < u.count {
            let mark = u[u.index(u.startIndex, offsetBy: digits)]
            let after = digits + 1 < u.count ? u[u.index(u.startIndex, offsetBy: digits + 1)] : UInt8(ascii: " ")
            if (mark == UInt8(ascii: ".") || mark == UInt8(ascii: ")")) && after == UInt8(ascii: " ") { return nil }
        }
        return cell
    }

    /// Inline Markdown through cmark.
    static func markdownHTML(_ markdown: String) -> String {
        let html = markdown.withCString { p -> String in
            guard let c = cmark_markdown_to_html(p, strlen(p), CMARK_OPT_DEFAULT) else { return "" }
            defer { free(c) }
            return String(cString: c)
        }
        var s = html.trimmingWhitespace(newlines: true)
        if s.hasPrefix("<p>") && s.hasSuffix("</p>") { s = String(s.dropFirst(3).dropLast(4)) }
        return s
    }

    private static func parse(_ markdown: String) -> OpaquePointer? {
        markdown.withCString { cmark_parse_document($0, strlen($0), CMARK_OPT_DEFAULT) }
    }

    private static func replace(_ node: OpaquePointer, withHTML html: String) {
        guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        _ = html.withCString { cmark_node_set_on_enter(block, $0) }
        _ = "".withCString { cmark_node_set_on_exit(block, $0) }
        cmark_node_insert_before(node, block)
        cmark_node_unlink(node)
        cmark_node_free(node)
    }

    /// `![caption](address)` alone in a paragraph, where `address` is a known chart.
    private static func chartHTML(_ paragraph: OpaquePointer, charts: [String: String]) -> String? {
        guard let image = cmark_node_first_child(paragraph), cmark_node_next(image) == nil,
            cmark_node_get_type(image) == CMARK_NODE_IMAGE, let url = cmark_node_get_url(image),
            let svg = charts[String(cString: url)]
        else { return nil }
        return "<figure class=\"chart\">\n\(svg)</figure>\n"
    }

    /// A cell that is only `![caption](address)` of a known chart (a KPI sparkline): the inline SVG.
    private static func cellChart(_ cell: String, charts: [String: String]) -> String? {
        guard cell.hasPrefix("!["), cell.hasSuffix(")"), let open = cell.range(of: "](", options: .backwards) else { return nil }
        return charts[String(cell[open.upperBound..<cell.index(before: cell.endIndex)])]
    }

    private static func tableHTML(_ paragraph: OpaquePointer, lines: [String], charts: [String: String]) -> String? {
        let first = Int(cmark_node_get_start_line(paragraph))
        let last = Int(cmark_node_get_end_line(paragraph))
        guard first >= 1, last <= lines.count, last - first >= 1 else { return nil }
        let rows = lines[(first - 1)...(last - 1)].map { $0.trimmingWhitespace() }
        guard rows.allSatisfy({ $0.hasPrefix("|") }) else { return nil }
        let header = PipeTable.cells(rows[0])
        guard let alignments = PipeTable.alignments(rows[1]), alignments.count == header.count else { return nil }
        var html = "<table>\n<thead>\n<tr>"
        for (cell, align) in zip(header, alignments) {
            html += "<th\(align.attribute)>\(inlineHTML(cell))</th>"
        }
        html += "</tr>\n</thead>\n<tbody>\n"
        for row in rows.dropFirst(2) {
            var cells = PipeTable.cells(row)
            cells += Array(repeating: "", count: max(0, header.count - cells.count))
            html += "<tr>"
            for (cell, align) in zip(cells, alignments) {
                html += "<td\(align.attribute)>\(cellChart(cell, charts: charts) ?? inlineHTML(cell))</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }
}

/// GitHub-style pipe tables: `| a | b |` rows and a `|---|--:|` delimiter row.
enum PipeTable {
    enum Alignment {
        case none, left, right, center
        var attribute: String {
            switch self {
            case .none: return ""
            case .left: return " style=\"text-align:left\""
            case .right: return " style=\"text-align:right\""
            case .center: return " style=\"text-align:center\""
            }
        }
    }

    /// Cells split at pipes that are not backslash-escaped; `\|` stays for cmark to unescape.
    /// By bytes: a pipe and a backslash are ASCII, and no byte of another character equals them.
    static func cells(_ row: String) -> [String] {
        var row = row
        return row.withUTF8 { bytes in
            var cells: [String] = []
            var start = bytes.first == UInt8(ascii: "|") ? 1 : 0
            var escaped = false
            for i in start..<bytes.count {
                let b = bytes[i]
                if escaped {
                    escaped = false
                } else if b == UInt8(ascii: "\\") {
                    escaped = true
                } else if b == UInt8(ascii: "|") {
                    cells.append(trimmed(UnsafeBufferPointer(rebasing: bytes[start..<i])))
                    start = i + 1
                }
            }
            let rest = trimmed(UnsafeBufferPointer(rebasing: bytes[start...]))
            if !rest.isEmpty || escaped { cells.append(rest) }
            return cells
        }
    }

    /// A cell without the blanks around it: ASCII spaces and tabs by byte, and where another
    /// character is at either end, `trimmingWhitespace` decides (it knows the Unicode spaces).
    private static func trimmed(_ cell: UnsafeBufferPointer<UInt8>) -> String {
        var lower = 0, upper = cell.count
        while lower < upper, cell[lower] == 0x20 || cell[lower] == 0x09 { lower += 1 }
        while upper > lower, cell[upper - 1] == 0x20 || cell[upper - 1] == 0x09 { upper -= 1 }
        let text = String(decoding: UnsafeBufferPointer(rebasing: cell[lower..<upper]), as: UTF8.self)
        guard lower < upper, cell[lower] < 0x80, cell[upper - 1] < 0x80 else { return text.trimmingWhitespace() }
        return text
    }

    static func alignments(_ row: String) -> [Alignment]? {
        let cells = cells(row)
        var result: [Alignment] = []
        for cell in cells {
            let left = cell.hasPrefix(":")
            let right = cell.hasSuffix(":")
            let dashes = cell.trimmingCharacters(in: CharacterSet(charactersIn: ":"))
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            result.append(left && right ? .center : right ? .right : left ? .left : .none)
        }
        return result.isEmpty ? nil : result
    }
}

extension StringProtocol {
    /// Without the spaces and tabs (and with `newlines`, line breaks) at either end — what
    /// Foundation's `trimmingCharacters(in: .whitespaces)` does, without its trip through
    /// NSString for every line and table cell (a tenth of rendering 50 regions' HTML).
    func trimmingWhitespace(newlines: Bool = false) -> String {
        func isSpace(_ c: Character) -> Bool {
            c.unicodeScalars.allSatisfy { u in
                u == " " || u == "\t" || u.properties.generalCategory == .spaceSeparator
                    || (newlines && (("\n"..."\r").contains(u) || u == "\u{85}" || u.properties.generalCategory == .lineSeparator
                        || u.properties.generalCategory == .paragraphSeparator))
            }
        }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
