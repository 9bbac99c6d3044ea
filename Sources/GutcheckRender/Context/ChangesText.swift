import Foundation
import GutcheckCore

/// The changes as sentences for the templates (`changes` in the context).
enum ChangesText {
    struct Region: TemplateModel {
        var since: String
        var lines: [String]
        /// The previous review's focus areas, with how their figures moved.
        var focus: [String]
        var anyFocus: Bool
        var previousTheOne: String?
        var newNotes: [String]
        var resolvedNotes: [String]
        var anyNotes: Bool
    }

    struct RegionRow: TemplateModel { var name, attainment, change, status: String }

    struct Company: TemplateModel {
        var since: String
        var lines: [String]
        var regions: [RegionRow]
        var newNotes: [String]
        var resolvedNotes: [String]
        var anyNotes: Bool
    }

    static func points(_ d: Changes.Delta) -> String {
        d.attainmentChange.map { String(format: "%+.1f pts", $0).replacingOccurrences(of: "-", with: "−") } ?? "—"
    }

    static func line(_ label: String, _ d: Changes.Delta) -> String {
        let gap = d.gapChange.map { "\(Money.signed($0))" } ?? "—"
        let status = d.statusChanged
            ? "status \(Narrative.status(d.previousStatus.flatMap(Status.init))) → \(Narrative.status(d.status.flatMap(Status.init)))"
            : "status unchanged (\(Narrative.status(d.status.flatMap(Status.init))))"
        return "\(label): attainment \(Wording.percent(d.attainment)), was \(Wording.percent(d.previousAttainment)) (\(points(d))); gap \(d.gap.map { Money.signed($0) } ?? "—"), \(gap) since; \(status)."
    }

    static func since(_ changes: Changes) -> String {
        changes.previousAsOf.flatMap { Day(iso: $0) }.map(Wording.date) ?? "the previous report"
    }

    static func region(_ changes: Changes, id: GutcheckCore.Region.ID) -> Region? {
        guard let r = changes.regions.first(where: { $0.id == id }) else { return nil }
        var lines: [String] = []
        if let d = r.revenue { lines.append(line("Revenue", d)) }
        if let d = r.profit { lines.append(line("Profit", d)) }
        if r.revenue == nil { lines.append("This region was not in the previous report.") }
        // The previous review's focus areas and how their figures moved (SPEC §11.3).
        let money = CurrencyFormat(Currency(code: changes.currency ?? "USD"))
        var focus: [String] = []
        for f in r.focus {
            var parts: [String] = []
            switch (f.previousAtStake, f.atStake) {
            case let (then?, now?): parts.append("at stake \(money.compact(then)) then, \(money.compact(now)) now")
            case let (then?, nil): parts.append("at stake \(money.compact(then)) then, no longer in the data's top three")
            default: break
            }
            if let then = f.previousAttainment, let now = f.attainment {
                parts.append("attainment \(Percent.format(then)) → \(Percent.format(now))")
            }
            focus.append("\(f.title): \(parts.joined(separator: "; ")).")
        }
        return .init(since: since(changes), lines: lines, focus: focus, anyFocus: !focus.isEmpty, previousTheOne: r.previousTheOne, newNotes: changes.newNotes, resolvedNotes: changes.resolvedNotes,
                     anyNotes: !(changes.newNotes.isEmpty && changes.resolvedNotes.isEmpty))
    }

    static func company(_ changes: Changes) -> Company {
        var lines: [String] = []
        if let d = changes.revenue { lines.append(line("Revenue", d)) }
        if let d = changes.profit { lines.append(line("Profit", d)) }
        let regions = changes.regions.map { r -> RegionRow in
            guard let d = r.revenue else { return .init(name: r.name, attainment: "new", change: "—", status: "new region") }
            return .init(name: r.name, attainment: Wording.percent(d.attainment), change: points(d),
                         status: d.statusChanged ? "\(Narrative.status(d.previousStatus.flatMap(Status.init))) → \(Narrative.status(d.status.flatMap(Status.init)))" : "unchanged")
        }
        return .init(since: since(changes), lines: lines, regions: regions, newNotes: changes.newNotes,
                     resolvedNotes: changes.resolvedNotes, anyNotes: !(changes.newNotes.isEmpty && changes.resolvedNotes.isEmpty))
    }
}
