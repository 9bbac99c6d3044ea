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

    /// The draft's figures. Without `actuals` every goal is 0 (`unset`): the draft that reads
    /// the files a second time for the figures. Render's `PlanScaffoldYAML` writes it.
    public func draft(_ census: ResultsCensus.Counts, actuals: Actuals?) -> PlanDraft {
        let calendar = calendar(census)
        let hasWonDeals = census.deals || census.metrics.contains("won_deals")
        let hasProfit = census.dealProfit || census.metrics.contains("profit")
        // A region whose amounts carry another currency sells in it (SPEC §15.7): it gets its
        // own, and the plan a rate to consolidate it at (the user's to set).
        let entries = Self.entries(census.regions, fallback: "region")
        func ownCurrency(_ values: [String]) -> String? {
            var counts: [String: Int] = [:]
            for v in values { for (code, n) in census.currencies[v] ?? [:] { counts[code, default: 0] += n } }
            let top = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
            return top == currency ? nil : top
        }
        var regions: [PlanDraft.Region] = []
        for region in entries {
            var goals = Goals(census: census, actuals: actuals, calendar: calendar, region: region.id, hasProfit: hasProfit)
            var sourceValues: [String] = []
            for member in region.values {
                for value in census.sources[member] ?? [] where !sourceValues.contains(value) { sourceValues.append(value) }
            }
            let sources = Self.entries(sourceValues, fallback: "source")
            // The region's goal is its sources' rounded goals plus what no source carries,
            // rounded: the draft's sources add up to its goal.
            func regionMoney(_ metric: String) -> PlanDraft.Amount {
                guard let total = goals.amount(metric), !sources.isEmpty else { return goals.money(metric) }
                var parts = goals
                var rounded = Decimal(0), exact = Decimal(0)
                for source in sources {
                    parts.source = source.id
                    let value = parts.amount(metric) ?? 0
                    exact += value
                    rounded += value.rounded(places: 0)
                }
                return PlanDraft.Amount(value: max(0, rounded + (total - exact).rounded(places: 0)), basis: goals.basis(metric))
            }
            let revenue = regionMoney("revenue"), profit = hasProfit ? regionMoney("profit") : nil
            let phasing = goals.phasing()
            var drafted: [PlanDraft.Source] = []
            for source in sources {
                goals.source = source.id
                drafted.append(PlanDraft.Source(id: source.id, name: source.name, revenue: goals.money("revenue"),
                                                profit: hasProfit ? goals.money("profit") : nil))
            }
            goals.source = nil
            var kpis: [PlanDraft.KPITarget] = []
            // A KPI only where the region has the figures for it.
            if census.metrics.contains("leads") && hasWonDeals, let target = goals.ratio("won_deals", "leads", places: 3) {
                kpis.append(PlanDraft.KPITarget(kind: .leadToClose, value: target.value, basis: target.basis))
            }
            if hasWonDeals, let target = goals.ratio("revenue", "won_deals", places: 0) {
                kpis.append(PlanDraft.KPITarget(kind: .averageDealSize, value: target.value, basis: target.basis))
            }
            regions.append(PlanDraft.Region(id: region.id, name: region.name, currency: ownCurrency(region.values), revenue: revenue,
                                            profit: profit, phasing: phasing, sources: drafted, kpis: kpis))
        }
        return PlanDraft(files: files, company: company, calendar: calendar, currency: currency,
                         fx: Array(Set(entries.compactMap { ownCurrency($0.values) })).sorted(), resultsBlock: resultsBlock,
                         regions: regions)
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
            return actuals.monthly(region: Region.ID(region), scope: Actuals.Scope(source.map { Source.ID($0) }), metric: metric, prior: prior)
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

        /// The amount in whole units (0 when the data has none), with where it comes from.
        func money(_ metric: String) -> PlanDraft.Amount {
            PlanDraft.Amount(value: amount(metric).map { max(0, $0).rounded(places: 0) } ?? 0, basis: basis(metric))
        }

        func basis(_ metric: String) -> PlanDraft.Basis {
            if actuals == nil { return .unset }
            if priorYear(metric) != nil { return .lastYear(fiscalYear: calendar.start.year - 1) }
            if runRate(metric) != nil { return .runRate(to: calendar.asOf) }
            return .missing(metric: metric)
        }

        /// Σa / Σb over last year, else over this year so far; nil when b is 0.
        func ratio(_ a: String, _ b: String, places: Int) -> (value: Decimal, basis: PlanDraft.Basis)? {
            func total(_ m: String, prior: Bool) -> Decimal { series(m, prior: prior).reduce(0) { $0 + ($1 ?? 0) } }
            for prior in [true, false] {
                let bottom = total(b, prior: prior)
                if !bottom.isZero {
                    return ((total(a, prior: prior) / bottom).rounded(places: places),
                            prior ? .lastYear(fiscalYear: calendar.start.year - 1) : .runRate(to: calendar.asOf))
                }
            }
            return nil
        }

        /// Last year's revenue by month as % of the year, when all twelve months are there and
        /// none is negative; else why not.
        func phasing() -> Result<[Decimal], PlanDraft.NoPhasing> {
            let values = series("revenue", prior: true)
            guard values.contains(where: { $0 != nil }) else { return .failure(.noRevenueLastYear) }
            let empty = values.indices.filter { values[$0] == nil }.map { calendar.month($0 - 12) }
            if !empty.isEmpty { return .failure(.monthsWithoutRevenue(empty)) }
            guard values.allSatisfy({ $0! >= 0 }) else { return .failure(.negativeMonth) }
            let total = values.reduce(Decimal(0)) { $0 + ($1 ?? 0) }
            guard total > 0 else { return .failure(.nothingLastYear) }
            return .success(values.map { ($0! * 100 / total).rounded(places: 1) })
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
