import Foundation
import Yams

/// Reads plan values out of a composed YAML tree with our own, strict scalar rules
/// (SPEC §8.8): numbers are plain decimals, only `true`/`false` are booleans, and every
/// complaint carries the node's line and column. Problems are collected, not thrown.
struct YAMLReader {
    let file: String
    var diagnostics: Diagnostics

    func location(_ node: Node) -> SourceLocation {
        let mark = node.mark
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    mutating func error(_ message: String, _ node: Node) {
        diagnostics.error(message, at: location(node))
    }

    /// A metric the plan names but does not declare is read as a flow metric; only a name
    /// one letter or two from a known one is worth a word (it is likely a typo).
    mutating func warnOfUndeclared(_ name: String, in what: String, known: Set<String>, _ node: Node) {
        guard let near = Suggestion.nearest(to: name, in: known.sorted()) else { return }
        warning("\(what) \(Quote.user(name)) is not a declared metric, so it is read as a flow metric of the results; did you mean \(Quote.user(near))?", node)
    }

    mutating func warning(_ message: String, _ node: Node) {
        diagnostics.warning(message, at: location(node))
    }

    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let s) = node, s.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(s.string)
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s):
            if s.style != .plain { return "the quoted text \"\(Quote.shortened(s.string))\"" }
            return s.string.isEmpty ? "nothing" : "\(Quote.user(s.string))"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// The keys of a mapping, checked against the allowed set (unknown keys are errors with
    /// a did-you-mean hint) and the required set. nil if `node` is not a mapping.
    mutating func fields(
        _ node: Node, of what: String, allowed: [String], required: [String] = []
    ) -> Fields? {
        guard case .mapping(let mapping) = node else {
            error("\(what) must be a mapping of keys to values, found \(Self.describe(node))", node)
            return nil
        }
        var values: [String: Node] = [:]
        var keyNodes: [String: Node] = [:]
        for (key, value) in mapping {
            let name = key.scalar?.string ?? ""
            if !allowed.contains(name) {
                error("unknown key \(Quote.user(name)) in \(what)\(Suggestion.hint(for: name, in: allowed))", key)
                continue
            }
            keyNodes[name] = key
            values[name] = value
        }
        for name in required where values[name] == nil || Self.isNull(values[name]!) {
            if let present = values[name] {
                error("\(Quote.user(name)) in \(what) needs a value", present)
            } else {
                error("\(what) is missing the required key \(Quote.user(name))", node)
            }
        }
        return Fields(node: node, values: values, keys: keyNodes)
    }

    struct Fields {
        let node: Node
        let values: [String: Node]
        let keys: [String: Node]
        /// The value of `key`, unless absent or null.
        subscript(_ key: String) -> Node? {
            guard let v = values[key], !YAMLReader.isNull(v) else { return nil }
            return v
        }
    }

    /// Any scalar as text (quoted or plain); lists and mappings are errors.
    mutating func text(_ node: Node, _ what: String) -> String? {
        guard case .scalar(let s) = node else {
            error("\(what) must be text, found \(Self.describe(node))", node)
            return nil
        }
        return s.string
    }

    /// A non-empty single line of text.
    mutating func name(_ node: Node, _ what: String) -> String? {
        guard let t = text(node, what) else { return nil }
        let trimmed = t.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            error("\(what) must not be empty", node)
            return nil
        }
        // Names reach every view (Markdown, HTML, SVG, the packet's CSS running head): a control
        // character there is ill-formed XML or a way out of a CSS string, and a bidi override
        // makes a board page read otherwise than it is written.
        if let bad = trimmed.unicodeScalars.first(where: Self.isForbiddenInName) {
            error("\(what) holds the control character U+\(String(format: "%04X", bad.value)); names are printed text — remove it", node)
            return nil
        }
        return trimmed
    }

    static func isForbiddenInName(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.properties.generalCategory == .control && scalar != "\n" && scalar != "\t")
            || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// An id: `[a-z0-9-]+`, used in file names and references.
    mutating func identifier(_ node: Node, _ what: String) -> String? {
        guard let t = text(node, what) else { return nil }
        let valid = !t.isEmpty && t.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
        if !valid {
            error("\(what) \(Quote.user(t)) must be lowercase letters, digits and '-' only ([a-z0-9-]+)", node)
            return nil
        }
        return t
    }

    /// A plain decimal: `12000000`, `0.12`, `2750000.50`. No `_`, exponents, hex, octal,
    /// leading zeros, `.inf`, `.nan`, and no quotes (a quoted number is text).
    mutating func number(_ node: Node, _ what: String, minimum: Decimal? = 0) -> Decimal? {
        guard case .scalar(let s) = node else {
            error("\(what) must be a number, found \(Self.describe(node))", node)
            return nil
        }
        let raw = s.string
        let digits = raw.hasPrefix("-") ? raw.dropFirst() : Substring(raw)
        let leadingZero = digits.count > 1 && digits.hasPrefix("0") && !digits.hasPrefix("0.")
        guard s.style == .plain, !leadingZero, let value = Decimal(strict: raw) else {
            let hint = s.style != .plain ? " (remove the quotes)" : raw.contains(",") || raw.contains("_") ? " (write digits only, e.g. 1234567.89)" : ""
            error("\(what) must be a plain decimal number like 12000000 or 0.12, found \(Self.describe(node))\(hint)", node)
            return nil
        }
        if let minimum, value < minimum {
            error("\(what) must be at least \(minimum), found \(raw)", node)
            return nil
        }
        return value
    }

    mutating func integer(_ node: Node, _ what: String) -> Int? {
        guard let value = number(node, what, minimum: nil) else { return nil }
        guard let int = Int(exactly: NSDecimalNumber(decimal: value).doubleValue), Decimal(int) == value else {
            error("\(what) must be a whole number, found \(value)", node)
            return nil
        }
        return int
    }

    /// Only plain `true` or `false` (no `yes`, `no`, `on`, `off`).
    mutating func flag(_ node: Node, _ what: String) -> Bool? {
        if case .scalar(let s) = node, s.style == .plain {
            if s.string == "true" { return true }
            if s.string == "false" { return false }
        }
        error("\(what) must be true or false, found \(Self.describe(node))", node)
        return nil
    }

    mutating func date(_ node: Node, _ what: String) -> Day? {
        guard let t = text(node, what) else { return nil }
        guard let day = Day(iso: t) else {
            error("\(what) must be a date written YYYY-MM-DD, found \(Self.describe(node))", node)
            return nil
        }
        return day
    }

    mutating func month(_ node: Node, _ what: String) -> YearMonth? {
        guard let t = text(node, what) else { return nil }
        guard let month = YearMonth(iso: t) else {
            error("\(what) must be a month written YYYY-MM, found \(Self.describe(node))", node)
            return nil
        }
        return month
    }

    mutating func list(_ node: Node, _ what: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            error("\(what) must be a list, found \(Self.describe(node))", node)
            return nil
        }
        return Array(sequence)
    }

    /// One of a fixed set of words.
    mutating func choice(_ node: Node, _ what: String, _ options: [String]) -> String? {
        guard let t = text(node, what) else { return nil }
        guard options.contains(t) else {
            let listed = options.map { "\(Quote.user($0))" }.joined(separator: ", ")
            error("\(what) must be one of \(listed), found \(Quote.user(t))\(Suggestion.hint(for: t, in: options))", node)
            return nil
        }
        return t
    }

    /// The leader's words: one text or a list of texts. Placeholders ("...", "…") count as none.
    mutating func words(_ node: Node, _ what: String) -> [String] {
        let items: [Node]
        if case .sequence(let seq) = node { items = Array(seq) } else { items = [node] }
        var result: [String] = []
        for item in items where !Self.isNull(item) {
            guard let t = text(item, what) else { continue }
            let trimmed = t.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed == "..." || trimmed == "…" { continue }
            result.append(trimmed)
        }
        return result
    }
}
