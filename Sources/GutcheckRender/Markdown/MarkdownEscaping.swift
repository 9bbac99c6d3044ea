import GutcheckCore

/// Escapes user text for Markdown so it stays text: every character that could start
/// emphasis, code, a link, raw HTML, a table cell or an entity is backslash-escaped, line
/// breaks fold into spaces, and a leading block marker (`#`, `+`, `-`, `=`, `1.`) is escaped.
/// cmark turns each escape back into the literal character and HTML-escapes it.
public enum MarkdownEscaping {
    static let inline: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "~"]

    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count + 8)
        var lastWasSpace = false
        var previousWasAmpersand = false
        for ch in text {
            // "&" starts markup only as an entity ("&amp;", "&#38;"): escape it then, and
            // leave "Europe, Middle East & Africa" readable as plain text.
            if previousWasAmpersand && (ch.isLetter || ch == "#") { out.insert("\\", at: out.index(before: out.endIndex)) }
            previousWasAmpersand = ch == "&"
            // A control character never reaches a report as it is.
            if ch.unicodeScalars.count == 1, let scalar = ch.unicodeScalars.first, !ch.isNewline, ch != "\t", Quote.isControl(scalar) {
                out += Quote.escaped(String(ch)).replacingOccurrences(of: "\\", with: "\\\\")
                lastWasSpace = false
                continue
            }
            if ch.isNewline || ch == "\t" {
                if !lastWasSpace && !out.isEmpty { out.append(" ") }
                lastWasSpace = true
                continue
            }
            lastWasSpace = ch == " "
            if inline.contains(ch) { out.append("\\") }
            out.append(ch)
        }
        while out.hasPrefix(" ") { out.removeFirst() }
        if let first = out.first, "#+-=".contains(first) {
            out.insert("\\", at: out.startIndex)
        } else if let marker = out.firstIndex(where: { !$0.isASCII || !$0.isNumber }),
            marker > out.startIndex, ".)".contains(out[marker]) {
            let next = out.index(after: marker)
            if next == out.endIndex || out[next] == " " { out.insert("\\", at: marker) }
        }
        return out
    }
}
