import Foundation
import GutcheckCore

/// `gutcheck replan`'s draft as text: the plan as the user wrote it, comments and all, with
/// the drafted revision (`Replan`) appended. Every drafted number carries `# PLACEHOLDER`
/// (`check` warns at each one, as for `init`), so none is adopted unread.
public enum ReplanYAML {
    public static func draft(plan text: String, _ replan: Replan) -> String {
        let marker = PlanScaffold.marker
        let day = replan.date
        var item: [String] = []
        item.append("- id: \(replan.id)")
        item.append("  date: \(day)")
        let why = replan.goal == .call ? "goals set to the forecast call" : "goals kept"
        item.append("  note: \(yamlText("Drafted by gutcheck replan from the gut check of \(day) (\(why)); say why the plan changes"))  \(marker): edit the note")
        item.append("  regions:")
        for region in replan.regions {
            item.append("    \(region.id):")
            var basis = replan.goal == .call
                ? (region.call == nil ? "kept at \(plain(region.inForce)): no forecast call yet" : "the forecast call")
                : "kept"
            if replan.goal == .keep, let call = region.call { basis += "; the forecast calls \(plain(call))" }
            item.append("      goals: { revenue: \(plain(region.goal)) }  \(marker): \(basis)")
            if region.hasSources {
                item.append("      sources:")
                for s in region.sources {
                    item.append("        \(s.id): \(plain(s.goal))  \(marker): \(plain(s.actualToDate)) to date + its share of the rest")
                }
            }
            item.append("      phasing: [\(region.weights.map(plain).joined(separator: ", "))]  \(marker): the months after \(day) count")
            if region.changes.isEmpty {
                item.append("      changes: []  \(marker): what changes will get the plan achieved?")
            } else {
                item.append("      changes:")
                for c in region.changes { item.append("        - \(yamlText(c))") }
            }
        }
        return insert(item, into: text)
    }

    /// Appends the item to a top-level `revisions:` list (same indentation as its items), or
    /// adds the list at the end.
    static func insert(_ item: [String], into text: String) -> String {
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        guard let start = lines.firstIndex(where: { $0.hasPrefix("revisions:") }) else {
            return (lines + ["", "# Re-plans after execution, oldest first (docs/plan-format.md, \"Revisions\").", "revisions:"]
                    + item.map { "  " + $0 }).joined(separator: "\n") + "\n"
        }
        let rest = lines[start].dropFirst("revisions:".count).trimmingCharacters(in: .whitespaces)
        if rest.hasPrefix("[]") {
            lines[start] = "revisions:"
            lines.insert(contentsOf: item.map { "  " + $0 }, at: start + 1)
            return lines.joined(separator: "\n") + "\n"
        }
        // The block runs to the next line that starts a top-level key.
        var end = start + 1
        var indent: String?
        while end < lines.count {
            let line = lines[end]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if !line.isEmpty, !line.hasPrefix(" "), !line.hasPrefix("#"), !line.hasPrefix("-") { break }
            if indent == nil, trimmed.hasPrefix("- ") { indent = String(line.prefix { $0 == " " }) }
            end += 1
        }
        // After the list's last line; blank lines and comments at the margin after it stay after.
        var last = end - 1
        while last > start && (lines[last].trimmingCharacters(in: .whitespaces).isEmpty || lines[last].hasPrefix("#")) { last -= 1 }
        lines.insert(contentsOf: item.map { (indent ?? "  ") + $0 }, at: last + 1)
        return lines.joined(separator: "\n") + "\n"
    }

    /// A YAML double-quoted scalar.
    static func yamlText(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// A plain decimal for YAML: no grouping, trailing zeros dropped (1200000, 0.35).
    static func plain(_ d: Decimal) -> String {
        var s = d.rounded(places: 6).description
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }
}
