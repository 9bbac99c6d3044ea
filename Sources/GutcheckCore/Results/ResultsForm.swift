import Foundation

/// How a results file is laid out, told apart by its header (SPEC §2, §8.4).
enum ResultsForm {
    /// `date,region,source,metric,value`: one row per month × region × source × metric.
    case metric(MetricColumns)
    /// One row per deal, mapped by `results.deals` or by the default column names.
    case deal(DealColumns)
    /// The file could not be read at all (an error says why); its rows are skipped.
    case refused

    struct MetricColumns {
        var date = 0, region = 0, source = 0, metric = 0, value = 0
        var count = 0
    }

    struct DealColumns {
        var date = 0, region = 0, amount = 0
        var source: Int?, profit: Int?, stage: Int?
        /// Who owns the deal, and why a lost deal was lost (SPEC §11.3–4).
        var owner: Int?, lossReason: Int?
        /// The deal id, mapped as `columns.id`: a deal seen twice is caught (SPEC §14.1).
        var id: Int?
        /// When the deal was created, mapped as `columns.created`: open deals' age (SPEC §15.2).
        var created: Int?
        /// The CRM's forecast category, mapped as `columns.forecast_category` (SPEC §15.1).
        var category: Int?
        var count = 0
        var dateFormat = DateFormat.iso
    }

    /// Won and lost stage names, compared after trimming, NFC and lowercasing (SPEC §8.5).
    struct Stages {
        var won: Set<String> = []
        var lost: Set<String> = []
        /// Forecast category values by key (as stages match).
        var categories: [String: ForecastCategory] = [:]
    }

    static let metricHeader = ["date", "region", "source", "metric", "value"]
    /// Stages a deal export without a `results.deals` block counts as won and lost.
    static let defaultWon = ["closed won", "won"]
    static let defaultLost = ["closed lost", "lost"]

    static func stageKey(_ text: String) -> String { Names.normalized(text).lowercased() }

    /// Chooses the form from the header's names (trimmed, lowercased). Returns the form or
    /// an error message.
    /// `drafting`: read by `gutcheck init`, which has no plan yet (a CRM's own columns are
    /// mapped with `--results-options`).
    /// `regionGiven`: the file's region is named where it is given (`--results FILE@REGION`,
    /// `results.files`, SPEC §14.4), so no region column is needed (one there is not read);
    /// the column index is then -1.
    static func recognise(_ names: [String], plan: Plan, drafting: Bool = false, regionGiven: Bool = false) -> Result<(ResultsForm, used: Set<Int>, stages: Stages), HeaderProblem> {
        func index(_ name: String) -> Int? { names.firstIndex(of: name) }
        let required = regionGiven ? metricHeader.filter { $0 != "region" } : metricHeader
        if required.allSatisfy({ index($0) != nil }) {
            var c = MetricColumns()
            c.date = index("date")!
            c.region = regionGiven ? -1 : index("region")!
            c.source = index("source")!
            c.metric = index("metric")!
            c.value = index("value")!
            c.count = names.count
            return .success((.metric(c), Set([c.date, c.region, c.source, c.metric, c.value].filter { $0 >= 0 }), Stages()))
        }
        var headers: [String: String]
        var mapping = plan.results.deals
        if let deals = mapping {
            headers = deals.columns.mapValues { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        } else {
            headers = ["date": "date", "region": "region", "source": "source", "amount": "amount", "profit": "profit", "stage": "stage",
                       "owner": "owner", "loss_reason": "loss_reason", "created": "created",
                       "forecast_category": "forecast_category"]
            guard ["date", "source", "amount"].allSatisfy({ index($0) != nil }) && (regionGiven || index("region") != nil) else {
                let missing = required.filter { index($0) == nil }
                let map = drafting ? "or map a CRM's own columns with --results-options FILE holding a results: block" : "or map yours under results.deals.columns"
                return .failure(.missing("expected a header with the columns date,region,source,metric,value (metric form) or date,region,source,amount (deal export, \(map)); missing \(missing.joined(separator: ", "))"))
            }
            if index("profit") == nil { headers["profit"] = nil }
            if regionGiven { headers["region"] = nil }
            for optional in ["stage", "owner", "loss_reason", "created", "forecast_category"] where index(optional) == nil { headers[optional] = nil }
            mapping = DealMapping(columns: headers, won: defaultWon, lost: defaultLost, dateFormat: DateFormat.iso.rawValue)
        }
        if regionGiven { headers["region"] = nil }
        if headers["region"] == nil && !regionGiven {
            return .failure(.missing("results.deals.columns maps no region column; name each file's region: --results FILE@REGION, or results.files: [{ path, region }] in the plan"))
        }
        let missing = ["date", "region", "source", "amount", "profit", "stage", "owner", "loss_reason", "id", "created", "forecast_category"].compactMap { key -> String? in
            guard let h = headers[key] else { return nil }
            return index(h) == nil ? "\(key) ('\(plan.results.deals?.columns[key] ?? h)')" : nil
        }
        if !missing.isEmpty {
            return .failure(.missing("expected the deal export columns named in results.deals.columns; missing \(missing.joined(separator: ", "))"))
        }
        var c = DealColumns()
        c.date = index(headers["date"]!)!
        c.region = headers["region"].flatMap(index) ?? -1
        c.amount = index(headers["amount"]!)!
        c.source = headers["source"].flatMap(index)
        c.profit = headers["profit"].flatMap(index)
        c.stage = headers["stage"].flatMap(index)
        c.owner = headers["owner"].flatMap(index)
        c.lossReason = headers["loss_reason"].flatMap(index)
        c.id = headers["id"].flatMap(index)
        c.created = headers["created"].flatMap(index)
        c.category = headers["forecast_category"].flatMap(index)
        c.count = names.count
        c.dateFormat = DateFormat(rawValue: mapping!.dateFormat) ?? .iso
        var categories: [String: ForecastCategory] = [:]
        for (category, values) in mapping!.categories { for v in values { categories[stageKey(v)] = category } }
        let stages = Stages(won: Set(mapping!.won.map(stageKey)), lost: Set(mapping!.lost.map(stageKey)), categories: categories)
        let used = Set([c.date, c.amount] + [c.region].filter { $0 >= 0 } + [c.source, c.profit, c.stage, c.owner, c.lossReason, c.id, c.created, c.category].compactMap { $0 })
        return .success((.deal(c), used, stages))
    }

    enum HeaderProblem: Error {
        case missing(String)
    }
}
