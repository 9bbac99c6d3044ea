import Foundation

/// A sales plan for one fiscal year: the contract the results are measured against.
public struct Plan: Sendable {
    public var schemaVersion: Int
    public var company: String?
    public var fiscalYear: Int
    /// First month of the fiscal year.
    public var fiscalYearStart: YearMonth
    /// The plan's own cut-off (`as_of`); a run may give another (`--as-of`), so the run's
    /// cut-off is its calendar's, never this one changed.
    public let asOf: Day
    public var currency: Currency
    public var thresholds: Thresholds
    /// Metrics declared by the plan beyond the built-ins (or built-ins re-declared).
    public var metrics: [String: Metric.Aggregation]
    /// What the reports call a metric (`metrics: { qbrs_held: { name: QBRs held } }`); a metric
    /// without one reads as its id with spaces.
    public var metricNames: [String: String] = [:]
    /// Plan rates (SPEC §15.7): what one unit of a region's currency is worth in the plan's.
    public var fx: [String: Decimal] = [:]

    /// The run's calendar: the plan's fiscal year, to `cutOff` (`--as-of`) or the plan's own.
    public func calendar(cutOff: Day? = nil) -> FiscalCalendar { FiscalCalendar(start: fiscalYearStart, asOf: cutOff ?? asOf) }

    /// The currency a region's goals, results and report are in.
    public func currency(of region: Region) -> Currency { region.currency ?? currency }
    /// What one unit of the region's currency is worth in the plan's: 1 for the plan's own.
    public func rate(of region: Region) -> Decimal {
        guard let c = region.currency, c != currency else { return 1 }
        return fx[c.code] ?? 1
    }
    public var results: ResultsOptions
    public var regions: [Region]
    /// Win probabilities for the pipeline forecast (`pipeline.win_probability`).
    public var pipeline = PipelineAssumptions()
    /// The funnel every region uses unless it declares its own (SPEC §11.4).
    public var funnel: Funnel?
    /// Sellers with annual quotas (SPEC §11.3).
    public var team: [TeamMember] = []
    /// Re-plans after execution, oldest first (SPEC §11.1).
    public var revisions: [Revision] = []
    /// Where some keys are written (`fiscal_year`, `fiscal_year_start`, `as_of`, `results.deals`,
    /// `results.deals.won`), so a message about what they mean for the data can point there.
    public var keyLocations: [String: SourceLocation] = [:]

    /// The last day of the sixth fiscal month: the default mid-year cut-off.
    public static func defaultCutOff(start: YearMonth) -> Day { start.adding(months: 5).lastDay }

    public func region(id: Region.ID) -> Region? { regions.first { $0.id == id } }

    /// How a metric aggregates over time: flows are summed, stocks take the latest value.
    public func aggregation(of metric: String) -> Metric.Aggregation {
        metrics[metric] ?? Metric.builtIns[metric] ?? .sum
    }

    /// Metric names a KPI or objective may refer to.
    public var knownMetrics: Set<String> { Set(Metric.builtIns.keys).union(metrics.keys) }
}

/// Attainment bands (SPEC §7) and the market-shift threshold.
public struct Thresholds: Sendable {
    public var onTrack: Decimal = 1
    public var atRisk: Decimal = Decimal(string: "0.9")!
    /// A source's recent rate moving by more than this fraction is a market shift.
    public var shift: Decimal = Decimal(string: "0.2")!
    /// A source or KPI this far off plan needs the leader's explanation (board-pack convention).
    public var materiality: Decimal = Decimal(string: "0.1")!
    public init() {}
}

/// An ISO 4217 currency, for formatting money.
public struct Currency: Sendable, Hashable {
    public let code: String
    public init(code: String) { self.code = code }

    static let symbols = ["USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CAD": "CA$", "AUD": "A$", "NZD": "NZ$",
                          "INR": "₹", "CNY": "CN¥", "KRW": "₩", "BRL": "R$", "MXN": "MX$", "ILS": "₪"]
    public var symbol: String? { Self.symbols[code] }
    /// Every sign an amount may be written with: the symbols above and "US$", longest first
    /// (so "CA$" is found before "$"), then the codes most often written.
    static let signs: [String] = (["US$"] + symbols.values).sorted { ($0.count, $1) > ($1.count, $0) }
        + (Array(symbols.keys) + ["CHF", "SEK", "NOK", "DKK"]).sorted()
    /// The currencies with a symbol, in a stable order.
    static var withSymbols: [Currency] { symbols.keys.sorted().map(Currency.init(code:)) }

    /// The currency an amount as written names, by its symbol or code ("€1,200", "EUR 1200";
    /// a bare "$" is USD); nil for a plain number.
    static func of(amount text: String) -> String? {
        var t = Substring(text.trimmingCharacters(in: .whitespaces))
        if t.hasPrefix("-") || t.hasPrefix("(") { t = t.dropFirst() }
        for end in [t.prefix(3), t.suffix(3)] where t.count > 3 && end.utf8.allSatisfy({ $0 >= 65 && $0 <= 90 }) { return String(end) }
        // Longest symbol first: "CA$" before "$".
        let bySize = symbols.sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }
        return bySize.first { t.hasPrefix($0.value) || t.hasSuffix($0.value) }?.key
    }

}

/// Metric names and how they aggregate (SPEC §8.9).
public enum Metric {
    public enum Aggregation: String, Sendable { case sum, last }

    public static let builtIns: [String: Aggregation] = [
        "revenue": .sum, "profit": .sum, "leads": .sum, "opportunities": .sum,
        "won_deals": .sum, "lost_deals": .sum, "spend": .sum, "pipeline": .last,
    ]

    /// `[a-z0-9_]+`
    public static func isValidName(_ name: some StringProtocol) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }
    }

    /// Metrics measured in money (so their figures are formatted and rounded as money).
    public static let money: Set<String> = ["revenue", "profit", "spend", "pipeline"]
}

/// How results files are read (SPEC §2 `results:`): options for every file, and the
/// deal-export mapping.
public struct ResultsOptions: Sendable {
    public enum UnknownValues: String, Sendable { case error, note }
    public var unknown: UnknownValues = .error
    public var encoding: String = "utf-8"
    public var delimiter: UInt8 = UInt8(ascii: ",")
    public var aliases: [String: [String: String]] = [:]
    public var numbers = NumberFormat()
    public var deals: DealMapping?
    /// `results.files`: files the plan names, each with the region its rows belong to when
    /// the export has no region column (SPEC §14.4); paths relative to the plan's folder.
    public var files: [ResultsFile] = []
    public init() {}
}

public struct ResultsFile: Sendable {
    public var path: String
    public var region: Region.ID?
    public var location: SourceLocation?
}

/// The `results.deals` block: how a CRM deal export maps to plan fields.
public struct DealMapping: Sendable {
    public var columns: [String: String]
    public var won: [String]
    public var lost: [String]
    public var dateFormat: String
    /// A deal id (`columns.id`) seen twice: an error, or — for snapshots of one export —
    /// the later file's row stands (SPEC §14.1).
    public enum Duplicates: String, Sendable { case error, last }
    public var duplicates = Duplicates.error
    /// Forecast category values by category, compared as stages are (SPEC §15.1); without a
    /// `categories` block, Salesforce's names.
    public var categories: [ForecastCategory: [String]] = ForecastCategory.salesforceNames
}

/// A CRM forecast category an open deal is in (SPEC §15.1); won and lost deals are closed
/// whatever their category says.
public enum ForecastCategory: String, CaseIterable, Sendable, Comparable {
    case commit, bestCase = "best_case", pipeline, omitted

    public static let salesforceNames: [ForecastCategory: [String]] = [
        .commit: ["Commit"], .bestCase: ["Best Case"], .pipeline: ["Pipeline"], .omitted: ["Omitted"],
    ]

    public static func < (a: Self, b: Self) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
}

/// The plan's pipeline assumptions: the chance an open deal in each stage is won.
public struct PipelineAssumptions: Sendable {
    /// By stage key (trimmed, NFC, lowercased, as stages match): the stage as written and its probability.
    public var winProbability: [String: (stage: String, probability: Decimal)] = [:]
    public var location: SourceLocation?
    public init() {}

    public var isEmpty: Bool { winProbability.isEmpty }
    public func probability(of stage: String) -> Decimal? { winProbability[ResultsForm.stageKey(stage)]?.probability }
}
