import Foundation
import GutcheckCore

/// `gutcheck init`'s first plan as YAML: every value taken from the data marked
/// `# PLACEHOLDER` with where it comes from; `check` warns at every marker left
/// (`Plan.placeholderWarnings`), so none is forgotten.
public enum PlanScaffoldYAML {
    public static func text(_ draft: PlanDraft) -> String {
        let marker = PlanScaffold.marker
        let calendar = draft.calendar
        var out = """
            # A first plan, drafted by `gutcheck init` from \(draft.files.joined(separator: ", ")).
            # Values taken from the data are only a starting point: each carries a PLACEHOLDER
            # comment. Set your own, delete the comment, and run `gutcheck check`, which lists
            # every one left. The plan format: docs/plan-format.md.
            gutcheck: 1

            """
        out += "company: \(quoted(draft.company ?? "Your company"))\(draft.company == nil ? "  \(marker): your company's name" : "")\n"
        out += "fiscal_year: \(calendar.start.year)\n"
        out += "fiscal_year_start: \(calendar.start)  \(marker): the first month of your fiscal year\n"
        out += "as_of: \(calendar.asOf)  \(marker): the cut-off; the data runs to here\n"
        out += "currency: \(draft.currency)\n"
        if !draft.fx.isEmpty {
            out += "fx:\n" + draft.fx.map { "  \($0): 1.00  \(marker): what 1 \($0) is worth in \(draft.currency) at your plan rate\n" }.joined()
        }
        out += "thresholds: { on_track: 1.00, at_risk: 0.90 }\n"
        if let block = draft.resultsBlock, !block.isEmpty {
            out += block.hasSuffix("\n") ? block : block + "\n"
        }
        out += "regions:\n"
        for region in draft.regions {
            out += "  - id: \(region.id)\n"
            out += "    name: \(quoted(region.name))\n"
            out += "    # leader: Name  \(marker): who leads the region (optional)\n"
            if let code = region.currency { out += "    currency: \(code)  \(marker): its amounts are written in \(code)\n" }
            out += "    goals:\n"
            out += "      revenue: \(region.revenue.value)  \(marker): \(goalBasis(region.revenue.basis))\n"
            if let profit = region.profit {
                out += "      profit: \(profit.value)  \(marker): \(goalBasis(profit.basis))\n"
            } else {
                // Profit is optional (SPEC §14.5): unplanned until someone sets it.
                out += "      # profit: 0  the data has no profit; set a profit goal if you plan one\n"
            }
            switch region.phasing {
            case .success(let weights):
                out += "    phasing: [\(weights.map(\.description).joined(separator: ", "))]  \(marker): last year's monthly shape, % of the year\n"
            case .failure(let why):
                // Said, not silent: the region is phased evenly until someone sets its shape.
                out += "    # phasing: not drafted: \(reason(why)); even until you set 12 weights\n"
            }
            if !region.sources.isEmpty {
                out += "    sources:\n"
                for source in region.sources {
                    var line = "      - { id: \(source.id), name: \(quoted(source.name)), revenue: \(source.revenue.value)"
                    if let profit = source.profit { line += ", profit: \(profit.value)" }
                    out += line + " }  \(marker): \(goalBasis(source.revenue.basis))\n"
                }
            }
            let kpis = region.kpis.map { k in
                switch k.kind {
                case .leadToClose:
                    "      - { id: lead-to-close, name: Lead-to-close rate, value: won_deals / leads, target: \(k.value), unit: percent, canary: true }  \(marker): \(ratioBasis(k.basis))\n"
                case .averageDealSize:
                    "      - { id: avg-deal, name: Average deal size, value: revenue / won_deals, target: \(k.value), unit: currency }  \(marker): \(ratioBasis(k.basis))\n"
                }
            }
            if !kpis.isEmpty { out += "    kpis:\n" + kpis.joined() }
            out += """
                    # objectives:          # the SMART objectives behind each goal, and their actions
                    #   - { id: example, goal: revenue, statement: "…", metric: revenue, target: 0, due: \(calendar.end) }
                    # midyear:             # the leader's own answers to the gut-check questions
                    #   learned: ["…"]

                """
        }
        return out
    }

    /// Where a goal comes from, after its marker.
    static func goalBasis(_ basis: PlanDraft.Basis) -> String {
        switch basis {
        case .unset: return "set the goal"
        case .lastYear(let year): return "last year's actual (FY\(year))"
        case .runRate(let day): return "this year's run rate to \(day)"
        case .missing(let metric): return "no \(metric) in the data; set the goal"
        }
    }

    /// Where a KPI's target (a ratio) comes from.
    static func ratioBasis(_ basis: PlanDraft.Basis) -> String {
        switch basis {
        case .lastYear(let year): return "last year's (FY\(year))"
        case .runRate(let day): return "this year's to \(day)"
        case .unset, .missing: return goalBasis(basis)
        }
    }

    static func reason(_ why: PlanDraft.NoPhasing) -> String {
        switch why {
        case .noRevenueLastYear: return "the data has no revenue for last year"
        case .monthsWithoutRevenue(let empty):
            let months = empty.prefix(3).map(\.description).joined(separator: ", ") + (empty.count > 3 ? " and \(empty.count - 3) more" : "")
            return "last year has no revenue rows for \(months), so its monthly shape is not known"
        case .negativeMonth: return "last year has a month with negative revenue"
        case .nothingLastYear: return "last year's revenue adds up to nothing"
        }
    }

    /// A YAML double-quoted string.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += String(format: "\\x%02X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
