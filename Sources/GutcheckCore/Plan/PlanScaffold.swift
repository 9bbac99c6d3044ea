import Foundation

/// `gutcheck init`: a first plan drafted from results files — the regions and sources
/// found, the fiscal calendar the dates suggest, and last year's actuals as a starting point
/// for every goal and target. Each value taken from the data is marked `# PLACEHOLDER`;
/// `check` warns at every marker left (`Plan.placeholderWarnings`), so none is forgotten.
public struct PlanScaffold {
    public static let marker = "# PLACEHOLDER"

    public var files: [String]
    public var company: String?
    public var currency = "USD"
    /// The fiscal year's first month; default January of the latest row's year.
    public var fiscalYearStart: YearMonth?

    /// The plan's `results:` block as the user wrote it (how to read a CRM export), kept
    /// verbatim in the draft.
    public var resultsBlock: String?

    public init(files: [String]) { self.files = files }

    /// A plan that reads any region and source values into a census, with the user's
    /// `results:` block (read from `file`, whose positions errors keep). Nil, with the
    /// errors, when the block is not valid.
    public func censusPlan(file: String, diagnostics: inout Diagnostics) -> Plan? {
        var text = resultsBlock ?? ""
        if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let first = line.first, first != " ", first != "#", first != "\t", first != "\r" else { continue }
            if !line.hasPrefix("results:") {
                let key = line.prefix { $0 != ":" }
                let message = ["deals", "encoding", "delimiter", "aliases", "unknown", "numbers", "files"].contains(String(key))
                    ? "expected the plan's results: block, with results: as its first line; this file starts at \(Quote.user(key)): add a line results: above it and indent the rest by two spaces"
                    : "expected only the plan's results: block here (how to read the files), found \(Quote.user(key))"
                diagnostics.error(message, at: SourceLocation(file: file, line: i + 1, column: 1))
                return nil
            }
        }
        text += "gutcheck: 1\nfiscal_year: 2000\ncurrency: \(currency)\nregions: [{ id: x, name: x, goals: { revenue: 0, profit: 0 } }]\n"
        return Plan.read(yaml: Array(text.utf8), file: file, diagnostics: &diagnostics)
    }

    /// The fiscal year's first month and the cut-off the census suggests.
    public func calendar(_ census: ResultsCensus.Counts) -> FiscalCalendar {
        let last = census.last ?? Day(year: 2000, month: 1, day: 1)!
        let start = fiscalYearStart ?? YearMonth(year: last.year, month: 1)
        // Monthly rows are dated on any day of their month, so their month counts whole.
        var asOf = census.monthlyRows ? last.yearMonth.lastDay : last
        if asOf < start.firstDay { asOf = Plan.defaultCutOff(start: start) }
        // Data past the year's end: the cut-off stays within the year (SPEC §14.2).
        asOf = min(asOf, start.adding(months: 11).lastDay)
        return FiscalCalendar(start: start, asOf: asOf)
    }

    /// The plan as YAML text. Without `actuals` every goal is 0: the draft that reads the
    /// files a second time for the figures.
    public func yaml(_ census: ResultsCensus.Counts, actuals: Actuals?) -> String {
        let calendar = calendar(census)
        let hasWonDeals = census.deals || census.metrics.contains("won_deals")
        let hasProfit = census.dealProfit || census.metrics.contains("profit")
        var out = """
            # A first plan, drafted by `gutcheck init` from \(files.joined(separator: ", ")).
            # Values taken from the data are only a starting point: each carries a PLACEHOLDER
            # comment. Set your own, delete the comment, and run `gutcheck check`, which lists
            # every one left. The plan format: docs/plan-format.md.
            gutcheck: 1

            """
        out += "company: \(quoted(company ?? "Your company"))\(company == nil ? "  \(Self.marker): your company's name" : "")\n"
        out += "fiscal_year: \(calendar.start.year)\n"
        out += "fiscal_year_start: \(calendar.start)  \(Self.marker): the first month of your fiscal year\n"
        out += "as_of: \(calendar.asOf)  \(Self.marker): the cut-off; the data runs to here\n"
        out += "currency: \(currency)\n"
        // A region whose amounts carry another currency sells in it (SPEC §15.7): it gets its
        // own, and the plan a rate to consolidate it at (the user's to set).
        let entries = Self.entries(census.regions, fallback: "region")
        func ownCurrency(_ values: [String]) -> String? {
            var counts: [String: Int] = [:]
            for v in values { for (code, n) in census.currencies[v] ?? [:] { counts[code, default: 0] += n } }
            let top = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
            return top == currency ? nil : top
        }
        let others = Array(Set(entries.compactMap { ownCurrency($0.values) })).sorted()
        if !others.isEmpty {
            out += "fx:\n" + others.map { "  \($0): 1.00  \(Self.marker): what 1 \($0) is worth in \(currency) at your plan rate\n" }.joined()
        }
        out += "thresholds: { on_track: 1.00, at_risk: 0.90 }\n"
        if let resultsBlock, !resultsBlock.isEmpty {
            out += resultsBlock.hasSuffix("\n") ? resultsBlock : resultsBlock + "\n"
        }
        out += "regions:\n"
        for region in entries {
            let id = region.id
            var goals = Goals(census: census, actuals: actuals, calendar: calendar, region: id, hasProfit: hasProfit)
            out += "  - id: \(id)\n"
            out += "    name: \(quoted(region.name))\n"
            out += "    # leader: Name  \(Self.marker): who leads the region (optional)\n"
            if let code = ownCurrency(region.values) { out += "    currency: \(code)  \(Self.marker): its amounts are written in \(code)\n" }
            var sourceValues: [String] = []
            for member in region.values {
                for value in census.sources[member] ?? [] where !sourceValues.contains(value) { sourceValues.append(value) }
            }
            let sources = Self.entries(sourceValues, fallback: "source")
            // The region's goal is its sources' rounded goals plus what no source carries,
            // rounded: the draft's sources add up to its goal.
            func regionMoney(_ metric: String) -> String {
                guard let total = goals.amount(metric), !sources.isEmpty else { return goals.money(metric) }
                var parts = goals
                var rounded = Decimal(0), exact = Decimal(0)
                for source in sources {
                    parts.source = source.id
                    let value = parts.amount(metric) ?? 0
                    exact += value
                    rounded += value.rounded(places: 0)
                }
                return max(0, rounded + (total - exact).rounded(places: 0)).description
            }
            out += "    goals:\n"
            out += "      revenue: \(regionMoney("revenue"))  \(Self.marker): \(goals.basis("revenue"))\n"
            if hasProfit {
                out += "      profit: \(regionMoney("profit"))  \(Self.marker): \(goals.basis("profit"))\n"
            } else {
                // Profit is optional (SPEC §14.5): unplanned until someone sets it.
                out += "      # profit: 0  the data has no profit; set a profit goal if you plan one\n"
            }
            switch goals.phasing() {
            case .success(let phasing):
                out += "    phasing: [\(phasing)]  \(Self.marker): last year's monthly shape, % of the year\n"
            case .failure(let why):
                // Said, not silent: the region is phased evenly until someone sets its shape.
                out += "    # phasing: not drafted: \(why.reason); even until you set 12 weights\n"
            }
            if !sources.isEmpty {
                out += "    sources:\n"
                for source in sources {
                    goals.source = source.id
                    var line = "      - { id: \(source.id), name: \(quoted(source.name)), revenue: \(goals.money("revenue"))"
                    if hasProfit { line += ", profit: \(goals.money("profit"))" }
                    out += line + " }  \(Self.marker): \(goals.basis("revenue"))\n"
                }
                goals.source = nil
            }
            var kpis: [String] = []
            // A KPI only where the region has the figures for it.
            if census.metrics.contains("leads") && hasWonDeals, let target = goals.ratio("won_deals", "leads", places: 3) {
                kpis.append("      - { id: lead-to-close, name: Lead-to-close rate, value: won_deals / leads, target: \(target.value), unit: percent, canary: true }  \(Self.marker): \(target.basis)\n")
            }
            if hasWonDeals, let target = goals.ratio("revenue", "won_deals", places: 0) {
                kpis.append("      - { id: avg-deal, name: Average deal size, value: revenue / won_deals, target: \(target.value), unit: currency }  \(Self.marker): \(target.basis)\n")
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

    /// Goals and targets for one region (or one of its sources) from last year's actuals,
    /// else this year's run rate.
    struct Goals {
        let census: ResultsCensus.Counts
        let actuals: Actuals?
        let calendar: FiscalCalendar
        let region: String
        let hasProfit: Bool
        var source: String?

        init(census: ResultsCensus.Counts, actuals: Actuals?, calendar: FiscalCalendar, region: String, hasProfit: Bool) {
            self.census = census
            self.actuals = actuals
            self.calendar = calendar
            self.region = region
            self.hasProfit = hasProfit
        }

        func series(_ metric: String, prior: Bool) -> [Decimal?] {
            guard let actuals else { return [Decimal?](repeating: nil, count: 12) }
            return actuals.monthly(region: region, scope: Actuals.Scope(source), metric: metric, prior: prior)
        }

        /// Last fiscal year's total, when the data starts by that year's first month (a
        /// month without rows then had none) and holds some of it.
        func priorYear(_ metric: String) -> Decimal? {
            guard let first = census.first, first.yearMonth <= calendar.start.adding(months: -12) else { return nil }
            let values = series(metric, prior: true)
            return values.contains { $0 != nil } ? values.reduce(0) { $0 + ($1 ?? 0) } : nil
        }

        /// This year so far, scaled to twelve months.
        func runRate(_ metric: String) -> Decimal? {
            let values = series(metric, prior: false)
            guard values.contains(where: { $0 != nil }), calendar.elapsed > 0 else { return nil }
            return values.reduce(0) { $0 + ($1 ?? 0) } / calendar.elapsed * 12
        }

        /// Last year's actual, else this year's run rate; nil when the data has neither.
        func amount(_ metric: String) -> Decimal? {
            guard actuals != nil else { return nil }
            return priorYear(metric) ?? runRate(metric)
        }

        func money(_ metric: String) -> String {
            guard let value = amount(metric) else { return "0" }
            return max(0, value).rounded(places: 0).description
        }

        func basis(_ metric: String) -> String {
            if actuals == nil { return "set the goal" }
            if priorYear(metric) != nil { return "last year's actual (FY\(calendar.start.year - 1))" }
            if runRate(metric) != nil { return "this year's run rate to \(calendar.asOf)" }
            return "no \(metric) in the data; set the goal"
        }

        /// Σa / Σb over last year, else over this year so far; nil when b is 0.
        func ratio(_ a: String, _ b: String, places: Int) -> (value: String, basis: String)? {
            func total(_ m: String, prior: Bool) -> Decimal { series(m, prior: prior).reduce(0) { $0 + ($1 ?? 0) } }
            for prior in [true, false] {
                let bottom = total(b, prior: prior)
                if !bottom.isZero {
                    return ((total(a, prior: prior) / bottom).rounded(places: places).description,
                            prior ? "last year's (FY\(calendar.start.year - 1))" : "this year's to \(calendar.asOf)")
                }
            }
            return nil
        }

        struct NoPhasing: Error { var reason: String }

        /// Last year's revenue by month as % of the year, when all twelve months are there and
        /// none is negative; else why not.
        func phasing() -> Result<String, NoPhasing> {
            let values = series("revenue", prior: true)
            guard values.contains(where: { $0 != nil }) else { return .failure(NoPhasing(reason: "the data has no revenue for last year")) }
            let empty = values.indices.filter { values[$0] == nil }.map { calendar.month($0 - 12) }
            if !empty.isEmpty {
                let months = empty.prefix(3).map { $0.description }.joined(separator: ", ") + (empty.count > 3 ? " and \(empty.count - 3) more" : "")
                return .failure(NoPhasing(reason: "last year has no revenue rows for \(months), so its monthly shape is not known"))
            }
            guard values.allSatisfy({ $0! >= 0 }) else { return .failure(NoPhasing(reason: "last year has a month with negative revenue")) }
            let total = values.reduce(Decimal(0)) { $0 + ($1 ?? 0) }
            guard total > 0 else { return .failure(NoPhasing(reason: "last year's revenue adds up to nothing")) }
            return .success(values.map { ($0! * 100 / total).rounded(places: 1).description }.joined(separator: ", "))
        }
    }

    /// Plan entries for the values found. A value that already is an id ("emea") joins the
    /// entry of a name with that id ("EMEA"): one matches by id, the other by name, so
    /// both files land in one region. Otherwise each value is its own entry, named as the
    /// data has it so it matches by name; an id-only entry gets a readable name
    /// ("new-logos" → "New logos").
    static func entries(_ values: [String], fallback: String) -> [(id: String, name: String, values: [String])] {
        var result: [(id: String, name: String, values: [String])] = []
        var taken: Set<String> = []
        let idLike = values.filter { isId($0) }
        for value in values where !isId(value) {
            var id = uniqueId(value, taken: &taken, fallback: fallback)
            var members = [value]
            if let twin = idLike.first(where: { $0 == slug(value, fallback: fallback) }), !result.contains(where: { $0.values.contains(twin) }) {
                taken.remove(id)
                id = twin
                taken.insert(id)
                members.append(twin)
            }
            result.append((id, value, members))
        }
        for value in idLike where !result.contains(where: { $0.values.contains(value) }) {
            var id = value
            if taken.contains(id) { id = uniqueId(value, taken: &taken, fallback: fallback) } else { taken.insert(id) }
            let words = value.replacingOccurrences(of: "-", with: " ")
            result.append((id, words.prefix(1).uppercased() + words.dropFirst(), [value]))
        }
        return result
    }

    static func isId(_ value: String) -> Bool {
        !value.isEmpty && value.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// `[a-z0-9-]+` from a name ("North East" → north-east), unique among `taken`.
    static func uniqueId(_ name: String, taken: inout Set<String>, fallback: String) -> String {
        let id = slug(name, fallback: fallback)
        var candidate = id
        var n = 2
        while taken.contains(candidate) {
            candidate = "\(id)-\(n)"
            n += 1
        }
        taken.insert(candidate)
        return candidate
    }

    static func slug(_ name: String, fallback: String) -> String {
        var id = ""
        for scalar in name.lowercased().folding(options: .diacriticInsensitive, locale: Locale(identifier: "en_US_POSIX")).unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                id.unicodeScalars.append(scalar)
            } else if !id.isEmpty && !id.hasSuffix("-") {
                id += "-"
            }
        }
        while id.hasSuffix("-") { id.removeLast() }
        return id.isEmpty ? fallback : id
    }

    /// A YAML double-quoted string.
    func quoted(_ text: String) -> String {
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

extension Plan {
    /// A warning at every `# PLACEHOLDER` marker `gutcheck init` left in the plan's text.
    public static func placeholderWarnings(yaml bytes: [UInt8], file: String) -> [Diagnostic] {
        guard let text = String(validating: bytes, as: UTF8.self), text.contains(PlanScaffold.marker) else { return [] }
        var warnings: [Diagnostic] = []
        var more = 0
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            // A commented-out line sets nothing: its marker is no placeholder to fill.
            guard let range = line.range(of: PlanScaffold.marker), !line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("#") else { continue }
            // Ten are enough to point the way; more would crowd out real errors.
            if warnings.count == 10 {
                more += 1
                continue
            }
            let column = line[..<range.lowerBound].unicodeScalars.count + 1
            let what = line[range.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: ": \r"))
            warnings.append(Diagnostic(.warning, "placeholder drafted by gutcheck\(what.isEmpty ? "" : " (\(what))"): set your own value and delete the marker",
                                       at: SourceLocation(file: file, line: i + 1, column: column)))
        }
        if more > 0 {
            warnings.append(Diagnostic(.warning, "\(more) more placeholders drafted by gutcheck (search the plan for \(PlanScaffold.marker))",
                                       at: SourceLocation(file: file, line: 1, column: 1)))
        }
        return warnings
    }
}
