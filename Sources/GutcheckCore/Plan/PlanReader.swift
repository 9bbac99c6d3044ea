import Foundation
import Yams

extension Plan {
    /// Reads and validates a plan. Returns nil when it has errors; `diagnostics` holds every
    /// error and warning found (up to its limit), each with file, line and column.
    public static func read(yaml bytes: [UInt8], file: String, diagnostics: inout Diagnostics) -> Plan? {
        if let header = csvHeader(bytes) {
            diagnostics.error("this is a results CSV, not a plan: its first line is a header (\(Quote.user(header))); pass it as --results, and the plan's YAML file as --plan",
                              at: SourceLocation(file: file, line: 1, column: 1))
            return nil
        }
        guard let document = YAMLDocument.parse(bytes, file: file, diagnostics: &diagnostics) else { return nil }
        var reader = PlanReader(yaml: YAMLReader(file: file, diagnostics: diagnostics))
        let plan = reader.plan(document.root)
        diagnostics = reader.yaml.diagnostics
        for warning in placeholderWarnings(yaml: bytes, file: file) { diagnostics.append(warning) }
        return diagnostics.hasErrors ? nil : plan
    }
}

extension Plan {
    /// The first line of a CSV file given as the plan (SPEC §14.7): three or more fields split
    /// by one delimiter, and no `key:` a YAML mapping would start with.
    static func csvHeader(_ bytes: [UInt8]) -> String? {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let line = bytes[start...].prefix { $0 != 0x0A && $0 != 0x0D }.prefix(4096)
        guard let text = String(validating: line, as: UTF8.self) else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("#") || trimmed.hasPrefix("---") || trimmed.hasPrefix("{") || trimmed.hasPrefix("-") { return nil }
        if let colon = trimmed.firstIndex(of: ":"), !trimmed[..<colon].contains(where: { ",;\t|".contains($0) }) { return nil }
        for delimiter in [",", ";", "\t", "|"] where trimmed.components(separatedBy: delimiter).count >= 3 { return trimmed }
        return nil
    }
}

/// Walks the plan's YAML tree into a `Plan`, checking each key and reference.
struct PlanReader {
    var yaml: YAMLReader

    static let topKeys = ["gutcheck", "company", "fiscal_year", "fiscal_year_start", "as_of", "currency", "fx",
                          "thresholds", "metrics", "results", "regions", "pipeline", "funnel", "conversion_targets", "team", "revisions"]
    static let regionKeys = ["id", "name", "leader", "currency", "goals", "phasing", "sources", "kpis", "objectives",
                             "actions", "midyear", "funnel", "conversion_targets"]
    static let goalKeys = ["revenue", "profit", "relationships", "customer_success"]
    static let sourceKeys = ["id", "name", "owner", "revenue", "profit", "phasing"]
    static let kpiKeys = ["id", "name", "owner", "value", "target", "unit", "better", "canary"]
    static let objectiveKeys = ["id", "goal", "statement", "owner", "metric", "source", "target", "start", "due", "actions"]
    static let actionKeys = ["id", "name", "owner", "cost", "spent", "metric", "source", "target", "start", "due", "objective"]
    static let midyearKeys = ["working", "stop", "learned", "kpis", "market_shifts", "focus_areas", "the_one", "changes", "explanations"]

    mutating func plan(_ root: Node) -> Plan? {
        guard let top = yaml.fields(root, of: "the plan", allowed: Self.topKeys,
                                    required: ["gutcheck", "fiscal_year", "currency", "regions"])
        else { return nil }
        var schema = 1
        if let node = top["gutcheck"], let version = yaml.integer(node, "gutcheck (the schema version)") {
            schema = version
            if version != 1 {
                yaml.error("this gutcheck reads plan schema 1 ('gutcheck: 1'), found \(version)", node)
            }
        }
        var fiscalYear = 0
        if let node = top["fiscal_year"], let year = yaml.integer(node, "fiscal_year") {
            if (1900...2999).contains(year) { fiscalYear = year } else { yaml.error("fiscal_year must be a year like 2026, found \(year)", node) }
        }
        // A stand-in year keeps the calendar sound while the errors are collected.
        var start = YearMonth(year: fiscalYear > 0 ? fiscalYear : 2000, month: 1)
        if let node = top["fiscal_year_start"], let month = yaml.month(node, "fiscal_year_start") {
            if fiscalYear > 0 && !(fiscalYear - 1...fiscalYear).contains(month.year) {
                yaml.error("fiscal_year_start \(month) does not fit fiscal_year \(fiscalYear); expected a month in \(fiscalYear - 1) or \(fiscalYear)", node)
            } else if fiscalYear > 0 {
                start = month
            }
        }
        var asOf = Plan.defaultCutOff(start: start)
        if let node = top["as_of"], let day = yaml.date(node, "as_of") {
            asOf = day
            if day < start.firstDay || day > start.adding(months: 11).lastDay {
                yaml.error("as_of \(day) is \(day < start.firstDay ? "before" : "after") fiscal year \(fiscalYear) (\(start.firstDay) to \(start.adding(months: 11).lastDay)); the cut-off of a check lies within its year: set as_of within it, or fiscal_year to the year the date belongs to", node)
            }
        }
        var currency = Currency(code: "USD")
        if let node = top["currency"], let parsed = self.currency(node, "currency") { currency = parsed }
        var thresholds = Thresholds()
        if let node = top["thresholds"] { thresholds = self.thresholds(node) }
        var metrics: [String: Metric.Aggregation] = [:]
        var metricNames: [String: String] = [:]
        if let node = top["metrics"] { (metrics, metricNames) = self.metrics(node) }
        var results = ResultsOptions()
        if let node = top["results"] { results = self.results(node) }

        var plan = Plan(
            schemaVersion: schema, company: top["company"].flatMap { yaml.name($0, "company") },
            fiscalYear: fiscalYear, fiscalYearStart: start, asOf: asOf, currency: currency,
            thresholds: thresholds, metrics: metrics, results: results, regions: [])
        plan.metricNames = metricNames
        if let node = top["fx"] { plan.fx = fx(node, currency: currency) }
        if let node = top["funnel"] {
            plan.funnel = funnel(node, targets: top["conversion_targets"], plan: plan, in: "")
        } else if let node = top["conversion_targets"] {
            yaml.error("conversion_targets needs a funnel: beside it (the stages it converts between)", node)
        }
        if let node = top["regions"], let items = yaml.list(node, "regions") {
            if items.isEmpty { yaml.error("regions must list at least one region", node) }
            plan.regions = items.compactMap { region($0, plan: plan) }
            checkUnique(plan.regions.map { ($0.id.rawValue, $0.location) }, what: "region id")
            checkUnique(plan.regions.map { ($0.name, $0.location) }, what: "region name")
        }
        if let node = top["results"] { checkAliases(node, plan: plan) }
        for file in plan.results.files {
            if let region = file.region, !plan.regions.contains(where: { $0.id == region }) {
                yaml.diagnostics.error("results.files names region \(Quote.user(region)) for \(Quote.user(file.path)), which the plan does not have\(Suggestion.hint(for: region.rawValue, in: plan.regions.map(\.id)))", at: file.location)
            }
        }
        if let node = top["pipeline"] { plan.pipeline = pipeline(node) }
        if let node = top["team"] { plan.team = team(node, plan: plan) }
        if let node = top["revisions"] { plan.revisions = revisions(node, plan: plan, start: start) }
        for key in ["fiscal_year", "fiscal_year_start", "as_of", "currency", "results"] {
            if let node = top.keys[key] { plan.keyLocations[key] = yaml.location(node) }
        }
        if let results = top["results"], case .mapping(let m) = results {
            for (key, value) in m where key.scalar?.string == "deals" {
                plan.keyLocations["results.deals"] = yaml.location(key)
                if case .mapping(let d) = value {
                    for (k, _) in d where k.scalar?.string == "won" || k.scalar?.string == "lost" {
                        plan.keyLocations["results.deals.\(k.scalar!.string)"] = yaml.location(k)
                    }
                }
            }
        }
        return plan
    }

    // MARK: Top-level blocks

    mutating func thresholds(_ node: Node) -> Thresholds {
        var t = Thresholds()
        guard let f = yaml.fields(node, of: "thresholds", allowed: ["on_track", "at_risk", "shift", "materiality"]) else { return t }
        if let n = f["on_track"], let v = yaml.number(n, "thresholds.on_track") { t.onTrack = v }
        if let n = f["at_risk"], let v = yaml.number(n, "thresholds.at_risk") { t.atRisk = v }
        if let n = f["shift"], let v = yaml.number(n, "thresholds.shift") { t.shift = v }
        if let n = f["materiality"], let v = yaml.number(n, "thresholds.materiality") { t.materiality = v }
        if t.atRisk > t.onTrack {
            yaml.error("thresholds.on_track (\(t.onTrack)) must be at least thresholds.at_risk (\(t.atRisk))", node)
        }
        return t
    }

    mutating func pipeline(_ node: Node) -> PipelineAssumptions {
        var p = PipelineAssumptions()
        p.location = yaml.location(node)
        guard let f = yaml.fields(node, of: "pipeline", allowed: ["win_probability"], required: ["win_probability"]),
            let n = f["win_probability"]
        else { return p }
        guard case .mapping(let mapping) = n else {
            yaml.error("pipeline.win_probability must map each open stage to the chance it is won, e.g. { Proposal: 0.5 }", n)
            return p
        }
        for (key, value) in mapping {
            guard let stage = yaml.text(key, "stage"), let probability = yaml.number(value, "pipeline.win_probability") else { continue }
            if probability > 1 {
                yaml.error("a win probability is between 0 and 1, found \(probability)", value)
                continue
            }
            p.winProbability[ResultsForm.stageKey(stage)] = (stage, probability)
        }
        return p
    }

    /// An ISO 4217 code: three capital letters.
    mutating func currency(_ node: Node, _ what: String) -> Currency? {
        guard let code = yaml.text(node, what) else { return nil }
        guard code.count == 3 && code.utf8.allSatisfy({ $0 >= 65 && $0 <= 90 }) else {
            yaml.error("\(what) must be an ISO 4217 code like USD or EUR, found \(Quote.user(code))", node)
            return nil
        }
        return Currency(code: code)
    }

    /// `fx: { EUR: 1.08 }`: what one unit of each currency is worth in the plan's (SPEC §15.7).
    mutating func fx(_ node: Node, currency: Currency) -> [String: Decimal] {
        guard case .mapping(let mapping) = node else {
            yaml.error("fx must map each region's currency to its plan rate in \(currency.code), e.g. { EUR: 1.08 } (1 EUR = 1.08 \(currency.code))", node)
            return [:]
        }
        var rates: [String: Decimal] = [:]
        for (key, value) in mapping {
            guard let code = self.currency(key, "an fx currency"), let rate = yaml.number(value, "fx.\(code.code)") else { continue }
            if rate <= 0 {
                yaml.error("fx.\(code.code) is what 1 \(code.code) is worth in \(currency.code), a number above 0; found \(rate)", value)
            } else if code == currency && rate != 1 {
                yaml.error("fx.\(code.code) converts the plan's own currency, which is 1 by definition; remove it", value)
            } else {
                rates[code.code] = rate
            }
        }
        return rates
    }

    mutating func metrics(_ node: Node) -> ([String: Metric.Aggregation], [String: String]) {
        guard case .mapping(let mapping) = node else {
            yaml.error("metrics must be a mapping of metric names to { aggregate: sum | last, name: what the reports call it }", node)
            return ([:], [:])
        }
        var result: [String: Metric.Aggregation] = [:]
        var names: [String: String] = [:]
        for (key, value) in mapping {
            let name = key.scalar?.string ?? ""
            guard Metric.isValidName(name) else {
                yaml.error("metric name \(Quote.user(name)) must be lowercase letters, digits and '_' ([a-z0-9_]+)", key)
                continue
            }
            guard let f = yaml.fields(value, of: "metric \(Quote.user(name))", allowed: ["aggregate", "name"], required: []) else { continue }
            if f["aggregate"] == nil && f["name"] == nil {
                yaml.error("metric \(Quote.user(name)) needs aggregate: sum | last, or a name", value)
                continue
            }
            if let a = f["aggregate"] {
                guard let word = yaml.choice(a, "aggregate", ["sum", "last"]) else { continue }
                result[name] = Metric.Aggregation(rawValue: word)
            }
            if let n = f["name"], let label = yaml.name(n, "metric \(Quote.user(name)) name") { names[name] = label }
        }
        return (result, names)
    }

    mutating func results(_ node: Node) -> ResultsOptions {
        var options = ResultsOptions()
        guard let f = yaml.fields(node, of: "results", allowed: ["deals", "encoding", "delimiter", "aliases", "unknown", "numbers", "files"])
        else { return options }
        if let n = f["files"], let items = yaml.list(n, "results.files") {
            for item in items {
                guard let g = yaml.fields(item, of: "a results.files entry", allowed: ["path", "region"], required: ["path"]),
                    let path = g["path"].flatMap({ yaml.name($0, "results.files path") })
                else { continue }
                options.files.append(ResultsFile(path: path, region: g["region"].flatMap { yaml.text($0, "results.files region") }.map { Region.ID($0) },
                                                 location: yaml.location(g["region"] ?? item)))
            }
        }
        if let n = f["encoding"], let e = yaml.choice(n, "results.encoding", ["utf-8", "windows-1252", "utf-16"]) {
            options.encoding = e
        }
        if let n = f["delimiter"], let d = yaml.text(n, "results.delimiter") {
            switch d {
            case ",": options.delimiter = UInt8(ascii: ",")
            case ";": options.delimiter = UInt8(ascii: ";")
            case "tab", "\t": options.delimiter = 9
            case "|": options.delimiter = UInt8(ascii: "|")
            default: yaml.error("results.delimiter must be \",\", \";\", \"|\", tab or \"\\t\", found \(Quote.user(d))", n)
            }
        }
        if let n = f["unknown"], let u = yaml.choice(n, "results.unknown", ["error", "note"]) {
            options.unknown = ResultsOptions.UnknownValues(rawValue: u)!
        }
        if let n = f["aliases"], let a = yaml.fields(n, of: "results.aliases", allowed: ["region", "source"]) {
            for kind in ["region", "source"] {
                guard let m = a[kind] else { continue }
                guard case .mapping(let mapping) = m else {
                    yaml.error("results.aliases.\(kind) must map exported values to plan ids", m)
                    continue
                }
                var map: [String: String] = [:]
                for (key, value) in mapping {
                    if let k = yaml.text(key, "alias"), let v = yaml.text(value, "alias target") { map[Names.normalized(k)] = v }
                }
                options.aliases[kind] = map
            }
        }
        if let n = f["numbers"] { options.numbers = numbers(n) }
        if let n = f["deals"] { options.deals = deals(n) }
        return options
    }

    /// `results.numbers`: the leniency options, each off by default.
    mutating func numbers(_ node: Node) -> NumberFormat {
        var format = NumberFormat()
        guard let f = yaml.fields(node, of: "results.numbers",
                                  allowed: ["decimal", "thousands", "currency_symbols", "negative_parentheses"])
        else { return format }
        if let n = f["decimal"], let d = yaml.choice(n, "results.numbers.decimal", [".", ","]) { format.decimal = Character(d) }
        if let n = f["thousands"], let t = yaml.choice(n, "results.numbers.thousands", [",", ".", " ", "'"]) {
            if Character(t) == format.decimal {
                yaml.error("results.numbers.thousands must differ from the decimal separator \(Quote.user(String(format.decimal)))", n)
            } else {
                format.thousands = Character(t)
            }
        }
        if let n = f["currency_symbols"], let b = yaml.flag(n, "results.numbers.currency_symbols") { format.currencySymbols = b }
        if let n = f["negative_parentheses"], let b = yaml.flag(n, "results.numbers.negative_parentheses") { format.negativeParentheses = b }
        return format
    }

    mutating func deals(_ node: Node) -> DealMapping? {
        guard let f = yaml.fields(node, of: "results.deals", allowed: ["columns", "won", "lost", "date_format", "duplicates", "categories"],
                                  required: ["columns"]) else { return nil }
        var columns: [String: String] = [:]
        if let n = f["columns"], let c = yaml.fields(n, of: "results.deals.columns",
            allowed: ["date", "region", "source", "amount", "profit", "stage", "owner", "loss_reason", "id", "created", "forecast_category"],
            required: ["date", "amount"]) {
            for (key, value) in c.values where !YAMLReader.isNull(value) {
                if let header = yaml.name(value, "column header for \(Quote.user(key))") { columns[key] = header }
            }
        }
        func stages(_ key: String) -> [String] {
            guard let n = f[key], let items = yaml.list(n, "results.deals.\(key)") else { return [] }
            return items.compactMap { yaml.name($0, "a stage name") }
        }
        var format = "YYYY-MM-DD"
        if let n = f["date_format"], let d = yaml.choice(n, "results.deals.date_format",
            ["YYYY-MM-DD", "M/D/YYYY", "D/M/YYYY", "YYYY-MM-DDThh:mm:ssZ"]) { format = d }
        var mapping = DealMapping(columns: columns, won: stages("won"), lost: stages("lost"), dateFormat: format)
        if let n = f["duplicates"], let d = yaml.choice(n, "results.deals.duplicates", ["error", "last"]) {
            mapping.duplicates = DealMapping.Duplicates(rawValue: d)!
            if columns["id"] == nil && mapping.duplicates == .last {
                yaml.error("results.deals.duplicates: last needs the deal id column: map it as results.deals.columns.id", n)
            }
        }
        if let n = f["categories"], let c = yaml.fields(n, of: "results.deals.categories",
                                                         allowed: ForecastCategory.allCases.map(\.rawValue), required: []) {
            mapping.categories = [:]
            for category in ForecastCategory.allCases {
                guard let values = c.values[category.rawValue], let items = yaml.list(values, "results.deals.categories.\(category.rawValue)") else { continue }
                mapping.categories[category] = items.compactMap { yaml.name($0, "a forecast category value") }
            }
            if columns["forecast_category"] == nil {
                yaml.error("results.deals.categories needs the forecast category column: map it as results.deals.columns.forecast_category", n)
            }
        }
        return mapping
    }

    mutating func checkAliases(_ node: Node, plan: Plan) {
        guard case .mapping(let m) = node, let aliases = m["aliases"], case .mapping(let kinds) = aliases else { return }
        let regionIds = plan.regions.map(\.id.rawValue)
        let sourceIds = Set(plan.regions.flatMap { $0.sources.map(\.id.rawValue) })
        for (kindNode, map) in kinds {
            guard case .mapping(let pairs) = map else { continue }
            let kind = kindNode.scalar?.string ?? ""
            let ids = kind == "region" ? Set(regionIds) : sourceIds
            for (_, target) in pairs {
                let id = target.scalar?.string ?? ""
                if !ids.contains(id) {
                    yaml.error("alias target \(Quote.user(id)) is not a \(kind) id in this plan\(Suggestion.hint(for: id, in: ids))", target)
                }
            }
        }
    }

    // MARK: Regions

    mutating func region(_ node: Node, plan: Plan) -> Region? {
        guard let f = yaml.fields(node, of: Self.label(node, "region", "a region"), allowed: Self.regionKeys, required: ["id", "name", "goals"]) else { return nil }
        guard let id = f["id"].flatMap({ yaml.identifier($0, "region id") }).map({ Region.ID($0) }),
            let name = f["name"].flatMap({ yaml.name($0, "region name") })
        else { return nil }
        let what = "region \(Quote.user(id))"
        var goals = Goals(revenue: 0, profit: 0)
        if let n = f["goals"], let g = yaml.fields(n, of: "goals of \(what)", allowed: Self.goalKeys, required: ["revenue"]) {
            goals.revenue = g["revenue"].flatMap { yaml.number($0, "goals.revenue") } ?? 0
            goals.plansProfit = g["profit"] != nil
            goals.profit = g["profit"].flatMap { yaml.number($0, "goals.profit", minimum: nil) } ?? 0
            goals.relationships = g["relationships"].flatMap { yaml.name($0, "goals.relationships") }
            goals.customerSuccess = g["customer_success"].flatMap { yaml.name($0, "goals.customer_success") }
        }
        var region = Region(
            id: id, name: name, leader: f["leader"].flatMap { yaml.name($0, "leader") }, goals: goals,
            phasing: f["phasing"].flatMap { phasing($0) }, sources: [], kpis: [], objectives: [], actions: [],
            midyear: Midyear(), location: yaml.location(node))
        if let n = f["currency"], let c = currency(n, "currency of \(what)") {
            region.currency = c
            // Every region in another currency than the plan's needs its plan rate (SPEC §15.7).
            if c != plan.currency && plan.fx[c.code] == nil {
                yaml.error("\(what) is in \(c.code), and the plan's fx: gives no rate for it; add fx: { \(c.code): RATE } (what 1 \(c.code) is worth in \(plan.currency.code)), so the roll-up can consolidate at plan rates", n)
            }
        }
        if let n = f["sources"], let items = yaml.list(n, "sources") {
            let parsed = items.compactMap { node in source(node, in: id).map { ($0, node) } }
            region.sources = parsed.map(\.0)
            checkUnique(parsed.map { ($0.0.id.rawValue, yaml.location($0.1)) }, what: "source id in \(what)")
        }
        if let n = f["kpis"], let items = yaml.list(n, "kpis") {
            let parsed = items.compactMap { node in kpi(node, plan: plan, in: id).map { ($0, node) } }
            region.kpis = parsed.map(\.0)
            checkUnique(parsed.map { ($0.0.id.rawValue, yaml.location($0.1)) }, what: "KPI id in \(what)")
            // One canary per region (SPEC §9.1): two would give the board two early warnings to reconcile.
            let canaries = parsed.filter { $0.0.canary }
            for (kpi, item) in canaries.dropFirst() {
                yaml.error("KPI \(Quote.user(kpi.id)) is a second canary in \(what) (the first is \(Quote.user(canaries[0].0.id))); mark at most one KPI canary: true", item)
            }
        }
        if let n = f["objectives"], let items = yaml.list(n, "objectives") {
            region.objectives = items.compactMap { objective($0, region: region, plan: plan) }
        }
        if let n = f["actions"], let items = yaml.list(n, "actions") {
            region.actions = items.compactMap { action($0, objective: nil, region: region, plan: plan) }
        }
        let objectiveIds = region.objectives.map(\.id)
        checkUnique(region.objectives.map { ($0.id, $0.location) }, what: "objective id in \(what)")
        checkUnique(region.allActions.map { ($0.id, $0.location) }, what: "action id in \(what)")
        for action in region.actions {
            if let o = action.objective, !objectiveIds.contains(o) {
                yaml.diagnostics.error("action \(Quote.user(action.id)) names objective \(Quote.user(o)), which is not in \(what)\(Suggestion.hint(for: o, in: objectiveIds))", at: action.location)
            }
        }
        if let n = f["funnel"] {
            region.funnel = funnel(n, targets: f["conversion_targets"], plan: plan, in: " of \(what)")
        } else if let n = f["conversion_targets"] {
            yaml.error("conversion_targets of \(what) needs a funnel: beside it (the stages it converts between)", n)
        }
        if let n = f["midyear"] {
            region.midyear = midyear(n, in: id)
            // An explanation for an id that is not there would silently explain nothing.
            let ids = region.sources.map(\.id.rawValue) + region.kpis.map(\.id.rawValue)
            if case .mapping(let m) = n, let e = m["explanations"], case .mapping(let entries) = e {
                for (key, _) in entries where !ids.contains(key.scalar?.string ?? "") {
                    yaml.error("midyear.explanations names \(Quote.user(key.scalar?.string ?? "")), which is no source or KPI of \(what)\(Suggestion.hint(for: key.scalar?.string ?? "", in: ids))", key)
                }
            }
        }
        return region
    }

    mutating func phasing(_ node: Node) -> [Decimal]? {
        guard let items = yaml.list(node, "phasing") else { return nil }
        guard items.count == 12 else {
            yaml.error("phasing needs 12 numbers, found \(items.count)", node)
            return nil
        }
        let weights = items.compactMap { yaml.number($0, "a phasing weight") }
        guard weights.count == 12 else { return nil }
        guard weights.reduce(0, +) > 0 else {
            yaml.error("phasing weights must add up to more than 0", node)
            return nil
        }
        return weights
    }

    mutating func source(_ node: Node, in region: Region.ID) -> Source? {
        let inRegion = " in region \(Quote.user(region))"
        guard let f = yaml.fields(node, of: Self.label(node, "source", "a source") + inRegion, allowed: Self.sourceKeys, required: ["id", "revenue"]),
            let id = f["id"].flatMap({ yaml.identifier($0, "source id") })
        else { return nil }
        if id == FocusArea.unassignedId, let node = f["id"] {
            // The reports' name for the part of the goal no source carries (tables, charts, summary.json).
            yaml.error("source id 'unassigned'\(inRegion) is reserved for the part of the goal no source carries; choose another id", node)
            return nil
        }
        return Source(
            id: Source.ID(id), name: f["name"].flatMap { yaml.name($0, "source name") } ?? id,
            owner: f["owner"].flatMap { yaml.name($0, "owner") },
            revenue: f["revenue"].flatMap { yaml.number($0, "revenue of source \(Quote.user(id))") } ?? 0,
            profit: f["profit"].flatMap { yaml.number($0, "profit of source \(Quote.user(id))", minimum: nil) },
            phasing: f["phasing"].flatMap { phasing($0) }, location: yaml.location(node))
    }

    mutating func kpi(_ node: Node, plan: Plan, in region: Region.ID) -> KPI? {
        let inRegion = " in region \(Quote.user(region))"
        guard let f = yaml.fields(node, of: Self.label(node, "KPI", "a KPI") + inRegion, allowed: Self.kpiKeys, required: ["id", "value"]),
            let id = f["id"].flatMap({ yaml.identifier($0, "KPI id") }),
            let valueNode = f["value"], let value = kpiValue(valueNode, plan: plan)
        else { return nil }
        let unit = f["unit"].flatMap { yaml.choice($0, "unit", KPI.Unit.allCases.map(\.rawValue)) }.flatMap(KPI.Unit.init) ?? .count
        return KPI(
            id: KPI.ID(id), name: f["name"].flatMap { yaml.name($0, "KPI name") } ?? id, owner: f["owner"].flatMap { yaml.name($0, "owner") },
            value: value,
            target: f["target"].flatMap { yaml.number($0, "target of KPI \(Quote.user(id))") }, unit: unit,
            better: f["better"].flatMap { yaml.choice($0, "better", ["higher", "lower"]) }.flatMap(KPI.Direction.init) ?? .higher,
            canary: f["canary"].flatMap { yaml.flag($0, "canary") } ?? false, location: yaml.location(node))
    }

    /// `metric` or `a / b`, each a known metric.
    mutating func kpiValue(_ node: Node, plan: Plan) -> KPI.Value? {
        guard let text = yaml.text(node, "KPI value") else { return nil }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard (1...2).contains(parts.count), parts.allSatisfy({ Metric.isValidName($0) }) else {
            yaml.error("KPI value must be a metric name or 'a / b' (e.g. won_deals / leads), found \(Quote.user(text))", node)
            return nil
        }
        let known = plan.knownMetrics
        // A metric not declared under metrics: is a flow metric of the results (SPEC §14.9).
        for name in parts where !known.contains(name) { yaml.warnOfUndeclared(name, in: "KPI value", known: known, node) }
        return parts.count == 1 ? .metric(parts[0]) : .ratio(numerator: parts[0], denominator: parts[1])
    }

    mutating func objective(_ node: Node, region: Region, plan: Plan) -> Objective? {
        guard let f = yaml.fields(node, of: Self.label(node, "objective", "an objective") + " in region \(Quote.user(region.id))", allowed: Self.objectiveKeys, required: ["id"]),
            let id = f["id"].flatMap({ yaml.identifier($0, "objective id") })
        else { return nil }
        let goal = goal(f["goal"], region: region)
        var objective = Objective(
            id: id, goal: goal,
            statement: f["statement"].flatMap { yaml.name($0, "statement") } ?? id,
            owner: f["owner"].flatMap { yaml.name($0, "owner") },
            metric: metric(f["metric"], region: region, plan: plan, anyFlow: goal == .relationships || goal == .customerSuccess),
            source: sourceRef(f["source"], region: region),
            target: f["target"].flatMap { yaml.number($0, "target of objective \(Quote.user(id))") },
            start: nil, due: nil, actions: [], location: yaml.location(node))
        (objective.start, objective.due) = period(f, of: "objective \(Quote.user(id))")
        if let n = f["actions"], let items = yaml.list(n, "actions") {
            objective.actions = items.compactMap { action($0, objective: id, region: region, plan: plan) }
        }
        return objective
    }

    mutating func action(_ node: Node, objective: String?, region: Region, plan: Plan) -> Action? {
        guard let f = yaml.fields(node, of: Self.label(node, "action", "an action") + " in region \(Quote.user(region.id))", allowed: Self.actionKeys, required: ["id"]),
            let id = f["id"].flatMap({ yaml.identifier($0, "action id") })
        else { return nil }
        var owner = objective
        if let n = f["objective"] {
            if objective != nil {
                yaml.error("action \(Quote.user(id)) is listed under objective \(Quote.user(objective!)); remove 'objective:' or move the action", n)
            } else {
                owner = yaml.identifier(n, "objective")
            }
        }
        let (start, due) = period(f, of: "action \(Quote.user(id))")
        return Action(
            id: id, name: f["name"].flatMap { yaml.name($0, "action name") } ?? id,
            owner: f["owner"].flatMap { yaml.name($0, "owner") },
            cost: f["cost"].flatMap { yaml.number($0, "cost of action \(Quote.user(id))") },
            spent: f["spent"].flatMap { yaml.number($0, "spent of action \(Quote.user(id))") },
            metric: metric(f["metric"], region: region, plan: plan), source: sourceRef(f["source"], region: region),
            target: f["target"].flatMap { yaml.number($0, "target of action \(Quote.user(id))") },
            start: start, due: due, objective: owner, location: yaml.location(node))
    }

    /// `start` and `due` of an objective or action; a start after the due date is an error.
    mutating func period(_ f: YAMLReader.Fields, of what: String) -> (Day?, Day?) {
        let start = f["start"].flatMap { yaml.date($0, "start") }
        let due = f["due"].flatMap { yaml.date($0, "due") }
        if let start, let due, start > due, let node = f["start"] {
            yaml.error("start \(start) of \(what) is after its due date \(due); expected a start on or before it", node)
        }
        return (start, due)
    }

    mutating func goal(_ node: Node?, region: Region) -> Goals.Kind? {
        guard let node, let word = yaml.choice(node, "goal", Goals.Kind.allCases.map(\.rawValue)),
            let kind = Goals.Kind(rawValue: word)
        else { return nil }
        if (kind == .relationships && region.goals.relationships == nil)
            || (kind == .customerSuccess && region.goals.customerSuccess == nil) {
            yaml.error("goal \(Quote.user(word)) is not set in the goals of region \(Quote.user(region.id))", node)
        }
        return kind
    }

    /// A metric name, or a KPI id (then the target is the KPI's own unit). `anyFlow`: an
    /// objective on relationships or customer success may count any metric the results carry
    /// (SPEC §11.5: `qbrs_held`), summed unless `metrics:` declares it a stock.
    mutating func metric(_ node: Node?, region: Region, plan: Plan, anyFlow: Bool = false) -> String? {
        guard let node, let name = yaml.text(node, "metric") else { return nil }
        let known = plan.knownMetrics.union(region.kpis.map(\.id.rawValue))
        if known.contains(name) { return name }
        guard Metric.isValidName(name) else {
            yaml.error("metric \(Quote.user(name)) is neither a metric name (lowercase letters, digits and '_') nor a KPI of region \(Quote.user(region.id))\(Suggestion.hint(for: name, in: known))", node)
            return nil
        }
        // Any other metric is a flow metric of the results (SPEC §8.9, §14.9).
        if !anyFlow { yaml.warnOfUndeclared(name, in: "objective metric", known: known, node) }
        return name
    }

    mutating func sourceRef(_ node: Node?, region: Region) -> Source.ID? {
        guard let node, let text = yaml.text(node, "source") else { return nil }
        let ids = region.sources.map(\.id), id = Source.ID(text)
        guard ids.contains(id) else {
            yaml.error("source \(Quote.user(id)) is not a source of region \(Quote.user(region.id))\(Suggestion.hint(for: text, in: ids))", node)
            return nil
        }
        return id
    }

    mutating func midyear(_ node: Node, in region: Region.ID) -> Midyear {
        let inRegion = " of region \(Quote.user(region))"
        var m = Midyear()
        guard let f = yaml.fields(node, of: "midyear" + inRegion, allowed: Self.midyearKeys) else { return m }
        func words(_ key: String) -> [String] { f[key].map { yaml.words($0, "midyear.\(key)") } ?? [] }
        m.working = words("working")
        m.stop = words("stop")
        m.learned = words("learned")
        m.kpis = words("kpis")
        m.marketShifts = words("market_shifts")
        m.focusAreas = words("focus_areas")
        m.theOne = words("the_one").first
        m.changes = words("changes")
        if let n = f["explanations"] {
            if case .mapping(let mapping) = n {
                for (key, value) in mapping {
                    if let id = yaml.text(key, "explanation id"), let text = yaml.name(value, "midyear.explanations.\(id)") { m.explanations[id] = text }
                }
            } else {
                yaml.error("midyear.explanations must map source or KPI ids to the leader's explanation", n)
            }
        }
        return m
    }

    /// "region 'northeast'" when the mapping names its id (so a typo in one of its keys says
    /// which), else the fallback ("a region").
    static func label(_ node: Node, _ kind: String, _ fallback: String) -> String {
        guard case .mapping(let mapping) = node else { return fallback }
        for (key, value) in mapping where key.scalar?.string == "id" {
            if let id = value.scalar?.string, !id.isEmpty { return "\(kind) \(Quote.user(id))" }
        }
        return fallback
    }

    mutating func checkUnique(_ items: [(String, SourceLocation)], what: String) {
        var seen: [String: SourceLocation] = [:]
        for (key, location) in items {
            if let first = seen[key] {
                yaml.diagnostics.error("duplicate \(what) \(Quote.user(key)) (first at line \(first.line))", at: location)
            } else {
                seen[key] = location
            }
        }
    }
}
