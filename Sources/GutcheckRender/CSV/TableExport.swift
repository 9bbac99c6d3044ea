import Foundation
import GutcheckCore

/// `--format csv` (SPEC §15.8): the reports' tables as CSV files for a spreadsheet —
/// `tables/<region id>/<table>.csv` for each region and `tables/company/<table>.csv` for the
/// roll-up — UTF-8, RFC 4180 (CRLF, fields quoted where they hold a comma, a quote or a line
/// break), with exact figures: money and counts unrounded as computed, ratios as fractions
/// (0.925, not "92.5 %"), ids beside names, an empty field where a figure is unknown.
enum TableExport {
    struct Table {
        var name: String
        var header: [String]
        var rows: [[Cell]]
    }

    enum Cell {
        case text(String?)
        case number(Decimal?)
        case ratio(Double?)
        case int(Int?)
        case bool(Bool)

        var field: String {
            switch self {
            case .text(let t): return TableExport.escaped(TableExport.defused(t ?? ""))
            case .number(let d): return d.map(\.plainDescription) ?? ""
            case .ratio(let r): return r.map { $0.isFinite ? String($0) : "" } ?? ""
            case .int(let i): return i.map(String.init) ?? ""
            case .bool(let b): return b ? "true" : "false"
            }
        }
    }

    static func csv(_ table: Table) -> String {
        ([table.header.map(escaped)] + table.rows.map { $0.map(\.field) }).map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled.
    static func escaped(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Text a spreadsheet would run as a formula (=, +, −, @ first) is written with a leading
    /// apostrophe, as spreadsheets themselves mark text (numbers are never text cells here).
    static func defused(_ text: String) -> String {
        guard let first = text.first, "=+-@\t\r".contains(first) else { return text }
        return "'" + text
    }

    /// Every table's file, for each region and the company.
    /// `company`: nil for `gutcheck rollup`, which has the company's tables only.
    static func files(company: CompanyAnalysis?, rollup: Rollup) -> [(path: String, contents: String)] {
        var files: [(String, String)] = []
        for region in company?.regions ?? [] {
            for table in tables(region, calendar: rollup.calendar) where !table.rows.isEmpty {
                files.append(("tables/\(region.region.id)/\(table.name).csv", csv(table)))
            }
        }
        for table in tables(rollup) where !table.rows.isEmpty {
            files.append(("tables/company/\(table.name).csv", csv(table)))
        }
        return files
    }

    static func figureRow(_ name: String, _ f: Figure) -> [Cell] {
        [.text(name), .number(f.goal), .number(f.planToDate), .number(f.isMeasured ? f.actualToDate : nil), .ratio(f.attainment),
         .number(f.isMeasured && f.isPlanned ? f.gap : nil), .text(f.status?.rawValue)]
    }

    static let figureHeader = ["goal", "plan_to_date", "actual_to_date", "attainment", "gap", "status"]

    static func quarters(_ f: Figure, calendar: FiscalCalendar) -> Table {
        Table(name: "quarters", header: ["quarter", "plan", "actual", "attainment", "gap", "to_date"],
              rows: Quarter.split(f, calendar: calendar).map { q in
                  [.text(q.label), .number(q.plan), .number(q.actual), .ratio(q.attainment), .number(q.gap), .bool(q.isToDate)]
              })
    }

    static func categories(_ c: Categories?) -> Table {
        Table(name: "categories", header: ["category", "deals", "amount", "running_total", "of_goal"], rows: c.map { c in
            var running = c.closed
            return [[.text("closed"), .int(nil), .number(c.closed), .number(running), .ratio(ratio(running, c.goal))]]
                + ForecastCategory.allCases.map { k in
                    if k != .omitted { running += c.amount(k) }
                    return [.text(k.rawValue), .int(c.deals(k)), .number(c.amount(k)), .number(k == .omitted ? nil : running),
                            .ratio(k == .omitted ? nil : ratio(running, c.goal))]
                }
        } ?? [])
    }

    static func tables(_ r: RegionAnalysis, calendar: FiscalCalendar) -> [Table] {
        var tables: [Table] = []
        tables.append(Table(name: "performance", header: ["figure"] + figureHeader,
                            rows: [figureRow("revenue", r.revenue), figureRow("profit", r.profit)]))
        tables.append(quarters(r.revenue, calendar: calendar))
        var sources = r.sources.map { s in [Cell.text(s.source.id.rawValue)] + figureRow(s.source.name, s.revenue) }
        if r.unassigned.isShown {
            let u = r.unassigned
            sources.append([.text(FocusArea.unassignedId), .text(Narrative.unassignedRow), .number(u.goal), .number(u.planToDate), .number(u.actualToDate),
                            .ratio(ratio(u.actualToDate, u.planToDate)), .number(u.gap), .text(nil)])
        }
        tables.append(Table(name: "sources", header: ["source_id", "source"] + figureHeader, rows: sources))
        if case .success(let b) = r.drivers {
            let cents = b.effectsInCents
            tables.append(Table(name: "drivers", header: ["driver", "plan", "actual", "effect"], rows: [
                [.text(Driver.leads.key), .ratio(b.leads.plan), .ratio(b.leads.actual), .number(cents.leads)],
                [.text(Driver.leadToClose.key), .ratio(b.leadToClose.plan), .ratio(b.leadToClose.actual), .number(cents.leadToClose)],
                [.text(Driver.dealSize.key), .ratio(b.dealSize.plan), .ratio(b.dealSize.actual), .number(cents.dealSize)],
            ]))
        }
        tables.append(Table(name: "kpis", header: ["kpi_id", "kpi", "target", "target_to_date", "actual", "attainment", "status", "canary"],
                            rows: r.kpis.map { k in
                                [.text(k.kpi.id.rawValue), .text(k.kpi.name), .number(k.kpi.target), .number(k.targetToDate), .number(k.actual),
                                 .ratio(k.attainment), .text(k.status?.rawValue), .bool(k.kpi.canary)]
                            }))
        tables.append(categories(r.categories))
        tables.append(Table(name: "path_to_plan", header: ["factor", "needed", "so_far"], rows: (r.pathToPlan?.steps ?? []).map { s in
            [.text(s.factor.rawValue), .number(s.needed), .number(s.soFar)]
        }))
        tables.append(Table(name: "pipeline_stages", header: ["stage", "deals", "amount", "unvalued_deals", "median_age_days", "oldest_age_days"],
                            rows: r.pipeline.stages.map { s in
                                [.text(s.name), .int(s.deals), .number(s.deals > 0 && s.unvalued == s.deals ? nil : s.amount), .int(s.unvalued),
                                 .number(s.medianAgeDays), .int(s.oldestAgeDays)]
                            } + (r.pipeline.stale.map { s in
                                [[.text("stale (past the cut-off)"), .int(s.count), .number(s.count > 0 && s.unvalued == s.count ? nil : s.amount),
                                  .int(s.unvalued), .number(nil), .int(nil)]]
                            } ?? [])))
        // Each step signed as it moves the pipeline, so the column adds up to open_now.
        tables.append(Table(name: "pipeline_movement", header: ["step", "deals", "amount"], rows: r.pipelineMovement.map { m in
            PipelineMovement.Kind.allCases.map { kind -> [Cell] in
                let s = m[kind], sign = kind.sign == 0 ? 1 : kind.sign
                return [.text(kind.rawValue), .int(kind == .valueChanged ? s.deals : sign * s.deals), .number(Decimal(sign) * s.amount)]
            }
        } ?? []))
        tables.append(Table(name: "owners", header: ["owner", "won_revenue", "won_deals", "lost_deals", "win_rate", "deal_size", "quota_to_date", "attainment", "status"],
                            rows: r.owners.map { o in
                                [.text(Narrative.owner(o.name)), .number(o.wonRevenue), .int(o.wonDeals), .int(o.lostDeals), .ratio(o.winRate), .number(o.dealSize),
                                 .number(o.quotaToDate), .ratio(o.attainment), .text(o.status?.rawValue)]
                            }))
        tables.append(Table(name: "loss_reasons", header: ["reason", "lost_deals", "lost_value"],
                            rows: r.lossReasons.map { [.text(Narrative.lossReason($0.reason)), .int($0.lostDeals), .number($0.lostValue)] }))
        tables.append(Table(name: "focus_areas", header: ["rank", "kind", "id", "title", "at_stake", "at_stake_basis"],
                            rows: r.focusAreas.enumerated().map { i, f in
                                [.int(i + 1), .text(f.key.kind.rawValue), .text(f.key.id), .text(f.title), .number(f.atStake), .text(f.basis.rawValue)]
                            }))
        func deals(_ name: String, _ list: [Deal]?) -> Table {
            Table(name: name, header: ["id", "close_date", "owner", "source_id", "amount", "detail"], rows: (list ?? []).map { d in
                [.text(d.id), .text(d.date.description), .text(d.owner), .text(d.source?.rawValue), .number(d.amount), .text(d.detail)]
            })
        }
        tables.append(deals("largest_lost_deals", r.largestDeals?.lost))
        tables.append(deals("largest_open_deals", r.largestDeals?.open))
        return tables
    }

    static func tables(_ rollup: Rollup) -> [Table] {
        [
            Table(name: "totals", header: ["figure"] + figureHeader, rows: [figureRow("revenue", rollup.revenue), figureRow("profit", rollup.profit)]),
            quarters(rollup.revenue, calendar: rollup.calendar),
            Table(name: "regions", header: ["rank", "region_id", "region", "revenue_attainment", "revenue_gap", "profit_attainment", "profit_gap", "status"],
                  rows: rollup.ranked.enumerated().map { i, r in
                      [.int(i + 1), .text(r.id.rawValue), .text(r.name), .ratio(r.revenue.attainment), .number(r.revenue.isMeasured ? r.revenue.gap : nil),
                       .ratio(r.profit.attainment), .number(r.profit.isMeasured && r.profit.isPlanned ? r.profit.gap : nil), .text(r.revenue.status?.rawValue)]
                  }),
            Table(name: "sources", header: ["source_id", "source"] + figureHeader,
                  rows: rollup.sources.map { s in [.text(s.id.rawValue)] + figureRow(s.name, s.revenue) }),
            categories(rollup.categories),
        ]
    }
}
