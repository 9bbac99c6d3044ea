import Foundation
import GutcheckCore

/// The `rollup` blocks of summary.json: the roll-up's inputs at full precision, so
/// `gutcheck rollup` can sum shard summaries into exactly the totals of a single run (the
/// figures above them are rounded to the cent, and sums of rounded figures drift).
/// Decimals are JSON strings so no JSON reader turns them into binary floating point.
enum RollupJSON {
    static let note = "Full-precision inputs for gutcheck rollup; use the rounded figures for anything else."

    static func company(_ rollup: Rollup, planRegions: [String]) -> JSONValue {
        .object([
            ("note", .string(note)),
            ("thresholds", .object([
                ("on_track", exact(rollup.thresholds.onTrack)), ("at_risk", exact(rollup.thresholds.atRisk)),
                ("shift", exact(rollup.thresholds.shift)),
            ])),
            ("plan_regions", .array(planRegions.map { .string($0) })),
        ])
    }

    static func cause(_ c: Cause) -> JSONValue {
        let source: JSONValue = c.source.map { .object([("id", .string($0.id)), ("gap", exact($0.gap))]) } ?? .null
        let driver: JSONValue = c.driver.map { .object([("factor", .string($0.factor)), ("effect", exact($0.effect))]) } ?? .null
        return .object([("source", source), ("driver", driver), ("unassigned_goal", .bool(c.isUnassignedGoal))])
    }

    static func region(_ r: RollupRegion) -> JSONValue {
        .object([
            ("revenue", figure(r.revenue)),
            ("profit", figure(r.profit)),
            ("canary", r.canary.map { c in
                .object([
                    ("name", .string(c.name)), ("unit", .string(c.unit.rawValue)), ("actual", exact(c.actual)),
                    ("target", exact(c.target)), ("status_to_date", .text(c.statusToDate?.rawValue)),
                    ("needed", exact(c.needed)), ("achieved", exact(c.achieved)),
                    ("status_rest_of_year", .text(c.statusRestOfYear?.rawValue)), ("state", .text(c.state?.rawValue)),
                    ("sounds", .bool(c.sounds)), ("lead_flow_basis", .text(c.leadFlowBasis?.rawValue)),
                ])
            } ?? .null),
            ("focus", .array(r.focus.map { f in
                .object([("kind", .string(f.key.kind.rawValue)), ("id", .string(f.key.id)), ("title", .string(f.title)),
                         ("at_stake", exact(f.atStake)), ("basis", .string(f.basis.rawValue))])
            })),
            ("leader_focus_areas", .array(r.leaderFocusAreas.map { .string($0) })),
            ("leader_the_one", .text(r.leaderTheOne)),
            ("the_one_agrees", r.theOneAgrees.map { .bool($0) } ?? .null),
            ("sources", .array(r.sources.map { s in
                .object([("id", .string(s.id)), ("name", .string(s.name)), ("revenue", figure(s.revenue))])
            })),
            ("open_pipeline", exact(r.openPipeline)),
            ("open_deals", r.openDeals.map(JSONValue.int) ?? .null), ("unvalued_open_deals", .int(r.unvaluedOpenDeals)),
            ("cause", cause(r.cause)),
            ("owed", .array(r.owed.map(owed))),
            ("revision", r.revision.map { v in
                .object([("id", .string(v.id)), ("date", .string(v.date.description)), ("goal", exact(v.goal)),
                         ("original_goal", exact(v.originalGoal)), ("plan_since", exact(v.planSince)),
                         ("actual_since", exact(v.actualSince)), ("status_since", .text(v.statusSince?.rawValue))])
            } ?? .null),
        ] + (r.currency.map { c in
            // Only for a region in another currency, so single-currency reports keep their bytes.
            [("currency", .string(c.code)), ("fx_rate", exact(r.rate))]
        } ?? []) + (r.categories.map { c in
            // Only with a forecast category column, so reports without one keep their bytes.
            [("categories", .object([("goal", exact(c.goal)), ("closed", exact(c.closed))] + ForecastCategory.allCases.map { k in
                (k.rawValue, .object([("deals", .int(c.deals(k))), ("amount", exact(c.amount(k)))]))
            }))]
        } ?? []))
    }

    static func owed(_ o: Owed) -> JSONValue {
        var owes: [(String, JSONValue)] = [("kind", .string(Narrative.owesCode(o.owes)))]
        switch o.owes {
        case .explanation(let v): owes.append(("variance", .ratio(v)))
        case .answers(let questions, let changes):
            owes.append(("questions", .array(questions.map { .int($0) })))
            owes.append(("changes", .bool(changes)))
        case .recovery, .measure: break
        }
        return .object([("owner", .text(o.owner)), ("kind", .string(o.kind.rawValue)), ("id", .string(o.id)),
                        ("title", .string(o.title)), ("target", exact(o.target)), ("due", .text(o.due?.description)),
                        ("status", .text(o.status?.rawValue)), ("owes", .object(owes))])
    }

    static func owed(from item: JSONValue, path: String) throws(Damaged) -> Owed {
        guard case .string(let kindText)? = item["kind"], let kind = Owed.Kind(rawValue: kindText), case .string(let id)? = item["id"],
            case .string(let title)? = item["title"], let owes = item["owes"], case .string(let code)? = owes["kind"]
        else { throw Damaged(path: path) }
        let what: Owed.Owes
        switch code {
        case "recovery": what = .recovery
        case "measure": what = .measure
        case "explanation":
            guard case .number(let n)? = owes["variance"], let v = Double(n) else { throw Damaged(path: path) }
            what = .explanation(variance: v)
        case "answers":
            guard case .array(let items)? = owes["questions"], case .bool(let changes)? = owes["changes"] else { throw Damaged(path: path) }
            what = .answers(questions: items.compactMap { $0.double.map { Int($0) } }, changes: changes)
        default: throw Damaged(path: path)
        }
        return Owed(owner: item["owner"]?.string, kind: kind, id: id, title: title, target: try optionalDecimal(item["target"], path),
                    due: item["due"]?.string.flatMap { Day(iso: $0) }, status: item["status"]?.string.flatMap(Status.init(rawValue:)),
                    owes: what)
    }

    static func figure(_ f: Figure) -> JSONValue {
        .object([
            ("goal", exact(f.goal)), ("plan_to_date", exact(f.planToDate)),
            ("monthly_plan", .array(f.monthlyPlan.map(exact))),
            ("monthly_actual", .array(f.monthlyActual.map(exact))),
            ("monthly_prior", .array(f.monthlyPrior.map(exact))),
            ("pipeline_expected", exact(f.pipelineExpected)),
            ("measured", .bool(f.isMeasured)),
        ] + (f.isPlanned ? [] : [("planned", .bool(false))])
          + (f.monthlyEarlier.isEmpty ? [] : [("monthly_earlier", .array(f.monthlyEarlier.map { .array($0.map(exact)) }))])
          + (f.forecast.seasonalCompany.map { [("seasonal_company", exact($0))] } ?? [])
          + (f.forecast.tested.map { t in
              [("tested", .object([("method", .string(t.method.rawValue)), ("error_max", exact(t.errorMax)),
                                   ("years", .array(t.years.map(JSONValue.int))), ("years_back", .array(t.yearsBack.map(JSONValue.int))),
                                   ("mean_errors", .object(t.meanErrors.map { ($0.method.rawValue, exact($0.error)) }))]))]
          } ?? []))
    }

    static func exact(_ value: Decimal?) -> JSONValue { value.map { .string($0.plainDescription) } ?? .null }

    // MARK: Reading back

    /// Where in a shard summary the roll-up data is missing or damaged.
    struct Damaged: Error {
        var path: String
    }

    static func thresholds(_ block: JSONValue) throws(Damaged) -> Thresholds {
        guard let values = block["thresholds"] else { throw Damaged(path: "rollup.thresholds") }
        var t = Thresholds()
        t.onTrack = try decimal(values, "rollup.thresholds", "on_track")
        t.atRisk = try decimal(values, "rollup.thresholds", "at_risk")
        t.shift = try decimal(values, "rollup.thresholds", "shift")
        return t
    }

    static func planRegions(_ block: JSONValue) throws(Damaged) -> [String] {
        guard case .array(let items)? = block["plan_regions"] else { throw Damaged(path: "rollup.plan_regions") }
        var ids: [String] = []
        for item in items {
            guard case .string(let id) = item else { throw Damaged(path: "rollup.plan_regions") }
            ids.append(id)
        }
        return ids
    }

    /// One region back from its summary object (`id`, `name`, `leader`, `plan_findings`
    /// and its `rollup` block).
    static func region(_ object: JSONValue, calendar: FiscalCalendar, thresholds: Thresholds) throws(Damaged) -> RollupRegion {
        guard case .string(let id)? = object["id"], case .string(let name)? = object["name"] else { throw Damaged(path: "regions[].id") }
        let at = "regions[\(id)]"
        guard let block = object["rollup"] else { throw Damaged(path: "\(at).rollup") }
        func figure(_ key: String, in container: JSONValue? = nil, at path: String? = nil) throws(Damaged) -> Figure {
            let path = path ?? "\(at).rollup.\(key)"
            guard let f = (container ?? block)[key] else { throw Damaged(path: path) }
            var figure = Figure(goal: try decimal(f, path, "goal"), planToDate: try decimal(f, path, "plan_to_date"),
                          monthlyPlan: try months(f, path, "monthly_plan").map { v throws(Damaged) in
                              guard let v else { throw Damaged(path: "\(path).monthly_plan") }
                              return v
                          },
                          monthlyActual: try months(f, path, "monthly_actual"), monthlyPrior: try months(f, path, "monthly_prior"),
                          calendar: calendar, thresholds: thresholds)
            figure.addPipeline(expected: try optionalDecimal(f["pipeline_expected"], "\(path).pipeline_expected"))
            if case .array(let years)? = f["monthly_earlier"] {
                figure.monthlyEarlier = try years.indices.map { i throws(Damaged) in
                    try months(.object([("m", years[i])]), "\(path).monthly_earlier[\(i)]", "m")
                }
            }
            if let v = f["seasonal_company"] { figure.forecast.seasonalCompany = try optionalDecimal(v, "\(path).seasonal_company") }
            if let t = f["tested"] {
                guard case .string(let m)? = t["method"], let method = Figure.Forecast.Method(rawValue: m),
                    case .array(let years)? = t["years"], case .array(let backs)? = t["years_back"], case .object(let means)? = t["mean_errors"]
                else { throw Damaged(path: "\(path).tested") }
                var meanErrors: [Figure.Forecast.MeanError] = []
                for (key, value) in means {
                    guard let m = Figure.Forecast.Method(rawValue: key), let e = try optionalDecimal(value, "\(path).tested.mean_errors") else {
                        throw Damaged(path: "\(path).tested.mean_errors")
                    }
                    meanErrors.append(.init(method: m, error: e))
                }
                figure.forecast.tested = .init(method: method, errorMax: try decimal(t, "\(path).tested", "error_max"),
                                               years: years.compactMap { $0.double.map { Int($0) } },
                                               yearsBack: backs.compactMap { $0.double.map { Int($0) } }, meanErrors: meanErrors)
            }
            guard case .bool(let measured)? = f["measured"] else { throw Damaged(path: "\(path).measured") }
            if !measured { figure.markNotMeasured() }
            if f["planned"] == .bool(false) { figure.markNotPlanned() }
            return figure
        }
        let revenue = try figure("revenue")
        let profit = try figure("profit")
        var canary: RollupRegion.Canary?
        if let c = block["canary"], c != .null {
            let path = "\(at).rollup.canary"
            guard case .string(let kpiName)? = c["name"], case .string(let unitText)? = c["unit"], let unit = KPI.Unit(rawValue: unitText),
                case .bool(let sounds)? = c["sounds"]
            else { throw Damaged(path: path) }
            func status(_ key: String) -> Status? { c[key]?.string.flatMap(Status.init(rawValue:)) }
            canary = .init(name: kpiName, unit: unit, actual: try optionalDecimal(c["actual"], path),
                           target: try optionalDecimal(c["target"], path), statusToDate: status("status_to_date"),
                           needed: try optionalDecimal(c["needed"], path), achieved: try optionalDecimal(c["achieved"], path),
                           statusRestOfYear: status("status_rest_of_year"), state: status("state"), sounds: sounds,
                           leadFlowBasis: c["lead_flow_basis"]?.string.flatMap(FunnelNeed.LeadFlowBasis.init(rawValue:)))
        }
        var findings: [String] = []
        if case .array(let items)? = object["plan_findings"] {
            for item in items { if let text = item["text"]?.string { findings.append(text) } }
        }
        guard case .array(let focusItems)? = block["focus"] else { throw Damaged(path: "\(at).rollup.focus") }
        var focus: [RollupRegion.Focus] = []
        for (i, item) in focusItems.enumerated() {
            let path = "\(at).rollup.focus[\(i)]"
            guard case .string(let kindText)? = item["kind"], let kind = FocusArea.Kind(rawValue: kindText),
                case .string(let fid)? = item["id"], case .string(let title)? = item["title"]
            else { throw Damaged(path: path) }
            guard case .string(let b)? = item["basis"], let basis = FocusArea.Basis(rawValue: b) else { throw Damaged(path: "\(path).basis") }
            focus.append(.init(key: .init(kind: kind, id: fid), title: title, atStake: try decimal(item, path, "at_stake"), basis: basis))
        }
        guard case .array(let leaderItems)? = block["leader_focus_areas"] else { throw Damaged(path: "\(at).rollup.leader_focus_areas") }
        let leaderFocusAreas = leaderItems.compactMap(\.string)
        var agrees: Bool?
        if case .bool(let b)? = block["the_one_agrees"] { agrees = b }
        guard case .array(let sourceItems)? = block["sources"] else { throw Damaged(path: "\(at).rollup.sources") }
        var sources: [RollupRegion.Source] = []
        for (i, item) in sourceItems.enumerated() {
            let path = "\(at).rollup.sources[\(i)]"
            guard case .string(let sid)? = item["id"], case .string(let sname)? = item["name"] else { throw Damaged(path: path) }
            sources.append(.init(id: sid, name: sname, revenue: try figure("revenue", in: item, at: "\(path).revenue")))
        }
        var region = RollupRegion(id: id, name: name, leader: object["leader"]?.string, revenue: revenue, profit: profit, canary: canary,
                                  focus: focus, leaderFocusAreas: leaderFocusAreas, leaderTheOne: block["leader_the_one"]?.string,
                                  theOneAgrees: agrees, sources: sources,
                                  openPipeline: try optionalDecimal(block["open_pipeline"], "\(at).rollup.open_pipeline"), findings: findings)
        if let c = block["cause"] {
            let path = "\(at).rollup.cause"
            var source: Cause.SourcePart?, driver: Cause.DriverPart?
            if let p = c["source"], p != .null {
                guard case .string(let sid)? = p["id"] else { throw Damaged(path: "\(path).source") }
                source = .init(id: sid, gap: try decimal(p, "\(path).source", "gap"))
            }
            if let p = c["driver"], p != .null {
                guard case .string(let factor)? = p["factor"] else { throw Damaged(path: "\(path).driver") }
                driver = .init(factor: factor, effect: try decimal(p, "\(path).driver", "effect"))
            }
            region.cause = Cause(source: source, driver: driver, isUnassignedGoal: c["unassigned_goal"] == .bool(true))
        }
        if let c = block["categories"], c != .null {
            let path = "\(at).rollup.categories"
            var open: [ForecastCategory: Actuals.OpenDeals] = [:]
            for k in ForecastCategory.allCases {
                guard let part = c[k.rawValue], let deals = part["deals"]?.double else { throw Damaged(path: "\(path).\(k.rawValue)") }
                open[k] = Actuals.OpenDeals(count: Int(deals), amount: try decimal(part, "\(path).\(k.rawValue)", "amount"))
            }
            region.categories = Categories(goal: try decimal(c, path, "goal"), closed: try decimal(c, path, "closed"), open: open)
        }
        if case .string(let code)? = block["currency"] {
            region.currency = Currency(code: code)
            region.rate = try decimal(block, "\(at).rollup", "fx_rate")
        }
        region.openDeals = block["open_deals"]?.double.map { Int($0) }
        region.unvaluedOpenDeals = block["unvalued_open_deals"]?.double.map { Int($0) } ?? 0
        guard case .array(let owedItems)? = block["owed"] else { throw Damaged(path: "\(at).rollup.owed") }
        for (i, item) in owedItems.enumerated() { region.owed.append(try owed(from: item, path: "\(at).rollup.owed[\(i)]")) }
        if let v = block["revision"], v != .null {
            let path = "\(at).rollup.revision"
            guard case .string(let rid)? = v["id"], let date = v["date"]?.string.flatMap({ Day(iso: $0) }) else { throw Damaged(path: path) }
            region.revision = .init(id: rid, date: date, goal: try decimal(v, path, "goal"), originalGoal: try decimal(v, path, "original_goal"),
                                    planSince: try decimal(v, path, "plan_since"), actualSince: try decimal(v, path, "actual_since"),
                                    statusSince: v["status_since"]?.string.flatMap(Status.init(rawValue:)))
        }
        return region
    }

    private static func decimal(_ object: JSONValue, _ path: String, _ key: String) throws(Damaged) -> Decimal {
        guard let value = try optionalDecimal(object[key], "\(path).\(key)") else { throw Damaged(path: "\(path).\(key)") }
        return value
    }

    private static func optionalDecimal(_ value: JSONValue?, _ path: String) throws(Damaged) -> Decimal? {
        switch value {
        case .null?: return nil
        case .string(let text)?:
            // Decimal's own description, all 38 digits (more than a plan may write).
            let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
            let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }),
                let d = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
            else { throw Damaged(path: path) }
            return d
        default: throw Damaged(path: path)
        }
    }

    private static func months(_ object: JSONValue, _ path: String, _ key: String) throws(Damaged) -> [Decimal?] {
        guard case .array(let items)? = object[key], items.count == 12 else { throw Damaged(path: "\(path).\(key)") }
        var values: [Decimal?] = []
        for item in items { values.append(try optionalDecimal(item, "\(path).\(key)")) }
        return values
    }
}
