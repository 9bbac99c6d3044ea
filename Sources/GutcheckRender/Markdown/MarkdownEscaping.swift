import GutcheckCore

/// Escapes user text for Markdown so it stays text: every character that could start
/// emphasis, code, a link, raw HTML, a table cell or an entity is backslash-escaped, line
/// breaks fold into spaces, and a leading block marker (`#`, `+`, `-`, `=`, `1.`) is escaped.
/// cmark turns each escape back into the literal character and HTML-escapes it.
public enum MarkdownEscaping {
    static let inline: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "~"]

    public static func escape(_ text: String) -> String {
        isPlain(text) ? text : escapedByWalking(text)
    }

    /// The escaping, character by character.
    static func escapedByWalking(_ text: String) -> String {
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

    /// Text the escaping leaves as it is: printable ASCII with none of the inline markers, no
    /// entity-like "&x", not starting with a blank, a block marker or a list number ("1. ").
    /// Most names and figures are; they skip the character walk (a twentieth of rendering 50 regions).
    static func isPlain(_ text: String) -> Bool {
        var previous: UInt8 = 0
        var leadingDigits = true, markerPending = false
        for (i, b) in text.utf8.enumerated() {
            guard b >= 0x20, b < 0x7F, plainByte(b) else { return false }
            if i == 0, b == UInt8(ascii: " ") || b == UInt8(ascii: "#") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: "=") {
                return false
            }
            if previous == UInt8(ascii: "&"), b == UInt8(ascii: "#") || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) { return false }
            if markerPending, b == UInt8(ascii: " ") { return false }
            markerPending = false
            if leadingDigits, !(b >= 0x30 && b <= 0x39) {
                leadingDigits = false
                markerPending = i > 0 && (b == UInt8(ascii: ".") || b == UInt8(ascii: ")"))
            }
            previous = b
        }
        return !markerPending
    }

    @inline(__always)
    private static func plainByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            false
        default: true
        }
    }
}
