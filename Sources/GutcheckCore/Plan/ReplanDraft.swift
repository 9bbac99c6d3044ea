import Foundation

/// `gutcheck replan`'s draft (SPEC §11.2): the plan as the user wrote it, comments and all,
/// with one more revision appended, dated at the cut-off and drafted from today's gut check:
///
/// - each region's revenue goal kept (`keep`, the goal in force) or set to the forecast call;
/// - each source's goal = its actual to date + the region's new rest of the year × the
///   source's share of the original rest-of-year plan (sources keep their proportions);
/// - the region's phasing for the months after the cut-off (the weights in force);
/// - `changes` from the leader's `midyear.changes`.
///
/// Every drafted number carries `# PLACEHOLDER` (`check` warns at each one, as for `init`),
/// so none is adopted unread.
public enum ReplanDraft {
    public enum Goal: String, Sendable, CaseIterable { case keep, call }

    public static func draft(plan text: String, company: CompanyAnalysis, goal: Goal) -> String {
        let plan = company.plan
        let calendar = company.calendar
        let day = calendar.effectiveCutOff
        var id = "replan-\(day)"
        var n = 2
        while plan.revisions.contains(where: { $0.id == id }) {
            id = "replan-\(day)-\(n)"
            n += 1
        }
        let marker = PlanScaffold.marker
        var item: [String] = []
        item.append("- id: \(id)")
        item.append("  date: \(day)")
        let why = goal == .call ? "goals set to the forecast call" : "goals kept"
        item.append("  note: \(yamlText("Drafted by gutcheck replan from the gut check of \(day) (\(why)); say why the plan changes"))  \(marker): edit the note")
        item.append("  regions:")
        for a in company.regions {
            let region = a.region
            let revised = plan.revision(of: region, at: calendar.asOf)
            let inForce = revised?.revenue ?? region.goals.revenue
            let call = a.revenue.call?.value
            let newGoal = (goal == .call ? call.map { $0.rounded(places: 0) } : nil) ?? inForce
            let actual = a.revenue.actualToDate
            let rest = newGoal - actual
            let originalRest = a.revenue.goal - a.revenue.planToDate
            item.append("    \(region.id):")
            var basis = goal == .call
                ? (call == nil ? "kept at \(Self.plain(inForce)): no forecast call yet" : "the forecast call")
                : "kept"
            if goal == .keep, let call { basis += "; the forecast calls \(Self.plain(call.rounded(places: 0)))" }
            item.append("      goals: { revenue: \(Self.plain(newGoal)) }  \(marker): \(basis)")
            if !region.sources.isEmpty {
                item.append("      sources:")
                for s in a.sources {
                    let sourceRest = s.revenue.goal - s.revenue.planToDate
                    let share = originalRest > 0 ? sourceRest / originalRest : 0
                    let revisedGoal = (s.revenue.actualToDate + rest * share).rounded(places: 0)
                    item.append("        \(s.source.id): \(Self.plain(revisedGoal))  \(marker): \(Self.plain(s.revenue.actualToDate.rounded(places: 0))) to date + its share of the rest")
                }
            }
            let weights = (revised?.phasing ?? region.weights).weights.map { Self.plain($0) }
            item.append("      phasing: [\(weights.joined(separator: ", "))]  \(marker): the months after \(day) count")
            let changes = region.midyear.changes
            if changes.isEmpty {
                item.append("      changes: []  \(marker): what changes will get the plan achieved?")
            } else {
                item.append("      changes:")
                for c in changes { item.append("        - \(yamlText(c))") }
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
