import Foundation

/// Where a row's figures go: a region and one of its sources (or none), as one index.
/// Slot 0 of each region is "no source"; slot 1 + i is its i-th source.
struct SlotLayout: Sendable {
    let regionIds: [Region.ID]
    let sourceIds: [[Source.ID]]
    let base: [Int]
    let count: Int
    /// Per slot, the tally month (12–23) and day of its region's revision (SPEC §11.1), so the
    /// rows of that month dated on or before it can be kept apart: actual through the revision
    /// is exact even when it falls inside a month. −1: no revision.
    let cutMonth: [Int]
    let cutDay: [Int]

    init(plan: Plan, cutOff: Day) {
        regionIds = plan.regions.map(\.id)
        sourceIds = plan.regions.map { $0.sources.map(\.id) }
        var base: [Int] = []
        var n = 0
        for sources in sourceIds {
            base.append(n)
            n += 1 + sources.count
        }
        self.base = base
        count = n
        var months = [Int](repeating: -1, count: n), days = [Int](repeating: 0, count: n)
        for (r, region) in plan.regions.enumerated() {
            guard let revision = plan.revision(of: region, at: cutOff) else { continue }
            let month = 12 + revision.date.yearMonth.index - plan.fiscalYearStart.index
            for slot in base[r]..<(base[r] + 1 + region.sources.count) {
                months[slot] = month
                days[slot] = revision.date.day
            }
        }
        cutMonth = months
        cutDay = days
    }

    /// (region index, source index or nil) of a slot.
    func describe(_ slot: Int) -> (region: Int, source: Int?) {
        var r = 0
        while r + 1 < base.count && base[r + 1] <= slot { r += 1 }
        let s = slot - base[r]
        return (r, s == 0 ? nil : s - 1)
    }
}

/// The running sums while results are read, in flat arrays indexed by slot, metric and
/// month: adding a row is a few index computations and one 128-bit add. Amounts are in
/// billionths (exact for up to nine decimals); longer decimals go to `extra` as
/// `Decimal`. Memory grows with slots × metrics × 24 months, never with rows.
final class Tally {
    struct Cell {
        var sum: Int128 = 0
        /// For stock metrics: the day of month of the latest rows so far.
        var day: Int32 = 0
        var hasRows = false
    }

    /// Months 0–11 are the prior fiscal year, 12–23 this one.
    static let months = 24

    let layout: SlotLayout

    /// Distinct values a run keeps per dimension (SPEC §6: memory grows with regions ×
    /// sources × months, not with the rows). A column past these holds ids or free text,
    /// not metrics, stages, owners or reasons; rows with a value past the limit are not
    /// tallied, and the reader makes it one error naming the column (`overflowed`).
    enum Dimension: Int, CaseIterable, Sendable {
        case metric, stage, owner, lossReason
        var limit: Int { self == .metric || self == .stage ? 1_000 : 10_000 }
    }
    private(set) var overflowed: Set<Dimension> = []

    func distinctCount(_ dimension: Dimension) -> Int {
        switch dimension {
        case .metric: return metricNames.count
        case .stage: return stageNames.count
        case .owner: return labelNames[GroupKind.owner.rawValue].count
        case .lossReason: return labelNames[GroupKind.lossReason.rawValue].count
        }
    }

    /// Whether one more distinct value of `dimension` may be kept; if not, it is remembered.
    func admitsAnother(_ dimension: Dimension) -> Bool {
        if distinctCount(dimension) < dimension.limit { return true }
        overflowed.insert(dimension)
        return false
    }

    /// Past its limit in this tally, or in any tally merged into it.
    func isPastLimit(_ dimension: Dimension) -> Bool {
        overflowed.contains(dimension) || distinctCount(dimension) > dimension.limit
    }

    private(set) var metricNames: [String] = []
    private var metricIndex: [String: Int] = [:]
    private let aggregationState = RowState<[Metric.Aggregation]>([])
    private(set) var aggregation: [Metric.Aggregation] {
        unsafeAddress { aggregationState.address }
        unsafeMutableAddress { aggregationState.pointer }
    }
    private let cellsState = RowState<[UnsafeMutablePointer<Cell>]>([])
    private var cells: [UnsafeMutablePointer<Cell>] {
        unsafeAddress { cellsState.address }
        unsafeMutableAddress { cellsState.pointer }
    }
    private let extraState = RowState<[Int: Decimal]>([:])
    private(set) var extra: [Int: Decimal] {
        unsafeAddress { extraState.address }
        unsafeMutableAddress { extraState.pointer }
    }
    /// Flows of the revision month dated on or before the revision day, per metric and slot.
    private let cutCellsState = RowState<[UnsafeMutablePointer<Int128>]>([])
    private var cutCells: [UnsafeMutablePointer<Int128>] {
        unsafeAddress { cutCellsState.address }
        unsafeMutableAddress { cutCellsState.pointer }
    }
    private let cutExtraState = RowState<[Int: Decimal]>([:])
    private var cutExtra: [Int: Decimal] {
        unsafeAddress { cutExtraState.address }
        unsafeMutableAddress { cutExtraState.pointer }
    }
    /// Per slot, a bit per month (same numbering) that has any row at all.
    let monthsWithRows: UnsafeMutablePointer<UInt32>

    /// Fiscal years kept before the prior one, for revenue only: the forecast methods are
    /// tested on them (SPEC §13.1). Month h of `history` is fiscal month h % 12 of the year
    /// 2 + h / 12 years before this one.
    static let historyYears = 3
    static let historyMonths = historyYears * 12
    private let history: UnsafeMutablePointer<Int128>
    private let historyExtraState = RowState<[Int: Decimal]>([:])
    private var historyExtra: [Int: Decimal] {
        unsafeAddress { historyExtraState.address }
        unsafeMutableAddress { historyExtraState.pointer }
    }
    /// Per slot, a bit per history month with revenue rows.
    private let historyWithRows: UnsafeMutablePointer<UInt64>

    /// Whether a deal export with a stage column was read: then the open deals are known
    /// (possibly none), and pipeline coverage can be computed.
    var tracksOpenDeals = false

    /// Open deals (deal exports): per stage name, per slot, count and amount.
    private let stageNamesState = RowState<[String]>([])
    private(set) var stageNames: [String] {
        unsafeAddress { stageNamesState.address }
        unsafeMutableAddress { stageNamesState.pointer }
    }
    private var stageIndex: [String: Int] = [:]
    private let openCountsState = RowState<[UnsafeMutablePointer<Int>]>([])
    private var openCounts: [UnsafeMutablePointer<Int>] {
        unsafeAddress { openCountsState.address }
        unsafeMutableAddress { openCountsState.pointer }
    }
    private let openAmountsState = RowState<[UnsafeMutablePointer<Int128>]>([])
    private var openAmounts: [UnsafeMutablePointer<Int128>] {
        unsafeAddress { openAmountsState.address }
        unsafeMutableAddress { openAmountsState.pointer }
    }
    /// Of those, the deals exported with no amount (SPEC §13.6: deals, not zero dollars).
    private let openUnvaluedState = RowState<[UnsafeMutablePointer<Int>]>([])
    private var openUnvalued: [UnsafeMutablePointer<Int>] {
        unsafeAddress { openUnvaluedState.address }
        unsafeMutableAddress { openUnvaluedState.pointer }
    }
    /// Open deals whose close date is already past at the cut-off, per slot (SPEC §15.2:
    /// stale, not pipeline).
    private let staleCounts: UnsafeMutablePointer<Int>
    private let staleAmounts: UnsafeMutablePointer<Int128>
    private let staleUnvalued: UnsafeMutablePointer<Int>
    /// Open deals' ages at the cut-off in days, per region and stage: how many of each age
    /// (memory grows with the distinct ages, never with the rows).
    struct AgeKey: Hashable { var region: Int, stage: Int }
    private(set) var ages: [AgeKey: [Int32: Int]] = [:]
    var tracksCreated = false
    /// Open deals closing in the rest of the year by forecast category (SPEC §15.1): per slot
    /// × `ForecastCategory.allCases`.
    private let categoryCounts: UnsafeMutablePointer<Int>
    private let categoryAmounts: UnsafeMutablePointer<Int128>
    var tracksCategories = false
    /// The largest lost and open deals per region (SPEC §15.4), for deal exports.
    private let largestState: RowState<LargestDeals>
    var largest: LargestDeals {
        unsafeAddress { largestState.address }
        unsafeMutableAddress { largestState.pointer }
    }
    var tracksDeals = false

    /// Won and lost deals by owner and by loss reason, per region, this fiscal year to date.
    enum GroupKind: Int { case owner = 0, lossReason = 1 }
    struct GroupKey: Hashable { var kind: Int, region: Int, label: Int }
    struct GroupCell {
        var wonDeals = 0, lostDeals = 0
        var wonNanos: Int128 = 0, lostNanos: Int128 = 0
        var wonExtra: Decimal = 0, lostExtra: Decimal = 0
    }
    private let labelNamesState = RowState<[[String]]>([[], []])
    private(set) var labelNames: [[String]] {
        unsafeAddress { labelNamesState.address }
        unsafeMutableAddress { labelNamesState.pointer }
    }
    private let labelIndexState = RowState<[[String: Int]]>([[:], [:]])
    private var labelIndex: [[String: Int]] {
        unsafeAddress { labelIndexState.address }
        unsafeMutableAddress { labelIndexState.pointer }
    }
    private let groupsState = RowState<[GroupKey: GroupCell]>([:])
    private var groups: [GroupKey: GroupCell] {
        unsafeAddress { groupsState.address }
        unsafeMutableAddress { groupsState.pointer }
    }
    var tracksGroups = [false, false]

    func label(_ kind: GroupKind, _ name: String) -> Int {
        if let i = labelIndex[kind.rawValue][name] { return i }
        labelNames[kind.rawValue].append(name)
        labelIndex[kind.rawValue][name] = labelNames[kind.rawValue].count - 1
        return labelNames[kind.rawValue].count - 1
    }

    func addToGroup(_ kind: GroupKind, region: Int, label: Int, won: Bool, amount: FieldParsers.Amount) {
        let key = GroupKey(kind: kind.rawValue, region: region, label: label)
        var cell = groups[key] ?? GroupCell()
        switch (won, amount) {
        case (true, .nanos(let n)): cell.wonDeals += 1; cell.wonNanos &+= n
        case (true, .exact(let d)): cell.wonDeals += 1; cell.wonExtra += d
        case (false, .nanos(let n)): cell.lostDeals += 1; cell.lostNanos &+= n
        case (false, .exact(let d)): cell.lostDeals += 1; cell.lostExtra += d
        }
        groups[key] = cell
    }

    init(layout: SlotLayout) {
        self.layout = layout
        largestState = RowState(LargestDeals(regions: layout.regionIds.count))
        monthsWithRows = .allocate(capacity: max(layout.count, 1))
        monthsWithRows.initialize(repeating: 0, count: max(layout.count, 1))
        history = .allocate(capacity: max(layout.count, 1) * Self.historyMonths)
        history.initialize(repeating: 0, count: max(layout.count, 1) * Self.historyMonths)
        historyWithRows = .allocate(capacity: max(layout.count, 1))
        historyWithRows.initialize(repeating: 0, count: max(layout.count, 1))
        staleCounts = .allocate(capacity: max(layout.count, 1))
        staleCounts.initialize(repeating: 0, count: max(layout.count, 1))
        staleAmounts = .allocate(capacity: max(layout.count, 1))
        staleAmounts.initialize(repeating: 0, count: max(layout.count, 1))
        staleUnvalued = .allocate(capacity: max(layout.count, 1))
        staleUnvalued.initialize(repeating: 0, count: max(layout.count, 1))
        categoryCounts = .allocate(capacity: max(layout.count, 1) * 4)
        categoryCounts.initialize(repeating: 0, count: max(layout.count, 1) * 4)
        categoryAmounts = .allocate(capacity: max(layout.count, 1) * 4)
        categoryAmounts.initialize(repeating: 0, count: max(layout.count, 1) * 4)
    }

    deinit {
        for c in cells { c.deallocate() }
        for c in cutCells { c.deallocate() }
        for c in openCounts { c.deallocate() }
        for c in openAmounts { c.deallocate() }
        for c in openUnvalued { c.deallocate() }
        monthsWithRows.deallocate()
        history.deallocate()
        historyWithRows.deallocate()
        staleCounts.deallocate()
        staleAmounts.deallocate()
        staleUnvalued.deallocate()
        categoryCounts.deallocate()
        categoryAmounts.deallocate()
        aggregationState.release()
        cellsState.release()
        extraState.release()
        cutCellsState.release()
        cutExtraState.release()
        historyExtraState.release()
        stageNamesState.release()
        openCountsState.release()
        openAmountsState.release()
        openUnvaluedState.release()
        labelNamesState.release()
        labelIndexState.release()
        groupsState.release()
        largestState.release()
    }

    func metric(_ name: String, _ aggregation: Metric.Aggregation) -> Int {
        if let i = metricIndex[name] { return i }
        let cellsForMetric = UnsafeMutablePointer<Cell>.allocate(capacity: max(layout.count, 1) * Self.months)
        cellsForMetric.initialize(repeating: Cell(), count: max(layout.count, 1) * Self.months)
        cells.append(cellsForMetric)
        let cut = UnsafeMutablePointer<Int128>.allocate(capacity: max(layout.count, 1))
        cut.initialize(repeating: 0, count: max(layout.count, 1))
        cutCells.append(cut)
        metricNames.append(name)
        self.aggregation.append(aggregation)
        metricIndex[name] = metricNames.count - 1
        return metricNames.count - 1
    }

    func hasStage(_ name: String) -> Bool { stageIndex[name] != nil }
    func hasLabel(_ kind: GroupKind, _ name: String) -> Bool { labelIndex[kind.rawValue][name] != nil }

    func stage(_ name: String) -> Int {
        if let i = stageIndex[name] { return i }
        let n = max(layout.count, 1)
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: n)
        counts.initialize(repeating: 0, count: n)
        let amounts = UnsafeMutablePointer<Int128>.allocate(capacity: n)
        amounts.initialize(repeating: 0, count: n)
        openCounts.append(counts)
        openAmounts.append(amounts)
        let unvalued = UnsafeMutablePointer<Int>.allocate(capacity: n)
        unvalued.initialize(repeating: 0, count: n)
        openUnvalued.append(unvalued)
        stageNames.append(name)
        stageIndex[name] = stageNames.count - 1
        return stageNames.count - 1
    }

    @inline(__always)
    func markRow(slot: Int, month: Int) {
        monthsWithRows[slot] |= 1 << UInt32(month)
    }

    /// Adds an amount to a flow, or sets/adds a stock by its day (SPEC §2: stocks take
    /// the latest value; rows sharing the latest date add up).
    @inline(__always)
    func add(_ amount: FieldParsers.Amount, metric: Int, slot: Int, month: Int, day: Int) {
        let index = slot * Self.months + month
        let cell = cells[metric] + index
        if aggregation[metric] == .last {
            if Int32(day) > cell.pointee.day {
                cell.pointee.day = Int32(day)
                cell.pointee.sum = 0
                extra[(metric << 32) | index] = nil
            } else if Int32(day) < cell.pointee.day {
                return
            }
        }
        cell.pointee.hasRows = true
        switch amount {
        case .nanos(let n): cell.pointee.sum &+= n
        case .exact(let d): extra[(metric << 32) | index, default: 0] += d
        }
        if month == layout.cutMonth[slot] && day <= layout.cutDay[slot] && aggregation[metric] == .sum {
            switch amount {
            case .nanos(let n): cutCells[metric][slot] &+= n
            case .exact(let d): cutExtra[(metric << 32) | slot, default: 0] += d
            }
        }
    }

    /// Revenue of a year before the prior one (`month`: a history month).
    func addHistory(_ amount: FieldParsers.Amount, slot: Int, month: Int) {
        let index = slot * Self.historyMonths + month
        historyWithRows[slot] |= 1 << UInt64(month)
        switch amount {
        case .nanos(let n): history[index] &+= n
        case .exact(let d): historyExtra[index, default: 0] += d
        }
    }

    func addOpen(stage: Int, slot: Int, amount: Int128, valued: Bool) {
        openCounts[stage][slot] += 1
        openAmounts[stage][slot] &+= amount
        if !valued { openUnvalued[stage][slot] += 1 }
    }

    func addStale(slot: Int, amount: Int128, valued: Bool) {
        staleCounts[slot] += 1
        staleAmounts[slot] &+= amount
        if !valued { staleUnvalued[slot] += 1 }
    }

    func addCategory(_ category: Int, slot: Int, amount: Int128) {
        categoryCounts[slot * 4 + category] += 1
        categoryAmounts[slot * 4 + category] &+= amount
    }

    func addAge(region: Int, stage: Int, days: Int) {
        ages[AgeKey(region: region, stage: stage), default: [:]][Int32(clamping: days), default: 0] += 1
    }

    /// Adds another tally (a shard read on another thread) into this one.
    func merge(_ other: Tally) {
        tracksOpenDeals = tracksOpenDeals || other.tracksOpenDeals
        overflowed.formUnion(other.overflowed)
        for (m, name) in other.metricNames.enumerated() {
            let mine = metric(name, other.aggregation[m])
            for i in 0..<(max(layout.count, 1) * Self.months) {
                let theirs = other.cells[m][i]
                guard theirs.hasRows else { continue }
                let cell = cells[mine] + i
                if aggregation[mine] == .last {
                    if theirs.day > cell.pointee.day {
                        cell.pointee = theirs
                        extra[(mine << 32) | i] = nil
                        if let e = other.extra[(m << 32) | i] { extra[(mine << 32) | i] = e }
                        continue
                    } else if theirs.day < cell.pointee.day {
                        continue
                    }
                }
                cell.pointee.sum &+= theirs.sum
                cell.pointee.hasRows = true
                if let e = other.extra[(m << 32) | i] { extra[(mine << 32) | i, default: 0] += e }
            }
            for slot in 0..<layout.count {
                cutCells[mine][slot] &+= other.cutCells[m][slot]
                if let e = other.cutExtra[(m << 32) | slot] { cutExtra[(mine << 32) | slot, default: 0] += e }
            }
        }
        tracksCreated = tracksCreated || other.tracksCreated
        tracksCategories = tracksCategories || other.tracksCategories
        tracksDeals = tracksDeals || other.tracksDeals
        largest.merge(other.largest)
        for i in 0..<(layout.count * 4) {
            categoryCounts[i] += other.categoryCounts[i]
            categoryAmounts[i] &+= other.categoryAmounts[i]
        }
        for i in 0..<layout.count {
            staleCounts[i] += other.staleCounts[i]
            staleAmounts[i] &+= other.staleAmounts[i]
            staleUnvalued[i] += other.staleUnvalued[i]
        }
        for (key, theirs) in other.ages {
            let mine = AgeKey(region: key.region, stage: stage(other.stageNames[key.stage]))
            ages[mine, default: [:]].merge(theirs, uniquingKeysWith: +)
        }
        for (s, name) in other.stageNames.enumerated() {
            let mine = stage(name)
            for i in 0..<layout.count {
                openCounts[mine][i] += other.openCounts[s][i]
                openAmounts[mine][i] &+= other.openAmounts[s][i]
                openUnvalued[mine][i] += other.openUnvalued[s][i]
            }
        }
        for i in 0..<layout.count { monthsWithRows[i] |= other.monthsWithRows[i] }
        for i in 0..<layout.count { historyWithRows[i] |= other.historyWithRows[i] }
        for i in 0..<(layout.count * Self.historyMonths) { history[i] &+= other.history[i] }
        for (i, e) in other.historyExtra { historyExtra[i, default: 0] += e }
        for kind in 0..<2 { tracksGroups[kind] = tracksGroups[kind] || other.tracksGroups[kind] }
        for (key, theirs) in other.groups {
            let mine = GroupKey(kind: key.kind, region: key.region,
                                label: label(GroupKind(rawValue: key.kind)!, other.labelNames[key.kind][key.label]))
            var cell = groups[mine] ?? GroupCell()
            cell.wonDeals += theirs.wonDeals
            cell.lostDeals += theirs.lostDeals
            cell.wonNanos &+= theirs.wonNanos
            cell.lostNanos &+= theirs.lostNanos
            cell.wonExtra += theirs.wonExtra
            cell.lostExtra += theirs.lostExtra
            groups[mine] = cell
        }
    }

    /// Billionths as a Decimal, exactly (built from integers: parsing text was 6 % of a run).
    static func decimal(_ nanos: Int128) -> Decimal {
        let magnitude = nanos.magnitude
        let significand: Decimal
        if magnitude <= UInt128(UInt64.max) {
            significand = Decimal(UInt64(magnitude))
        } else {
            let unit: UInt128 = 1_000_000_000_000_000_000
            significand = Decimal(UInt64(magnitude / unit)) * Decimal(sign: .plus, exponent: 18, significand: 1) + Decimal(UInt64(magnitude % unit))
        }
        return Decimal(sign: nanos < 0 ? .minus : .plus, exponent: -9, significand: significand)
    }

    /// The sums as `Actuals`.
    func actuals() -> Actuals {
        var actuals = Actuals()
        var all: [Actuals.Key: Actuals.Series] = [:]
        for (m, name) in metricNames.enumerated() {
            for slot in 0..<layout.count {
                var series = Actuals.Series()
                var any = false
                for month in 0..<Self.months {
                    let index = slot * Self.months + month
                    let cell = cells[m][index]
                    guard cell.hasRows else { continue }
                    any = true
                    let value = Self.decimal(cell.sum) + (extra[(m << 32) | index] ?? 0)
                    if month < 12 {
                        series.prior[month] = value
                        series.priorDay[month] = Int(cell.day)
                    } else {
                        series.current[month - 12] = value
                        series.currentDay[month - 12] = Int(cell.day)
                    }
                }
                if name == "revenue" && historyWithRows[slot] != 0 {
                    any = true
                    series.earlier = (0..<Self.historyYears).map { year in
                        (0..<12).map { m in
                            let h = year * 12 + m
                            guard historyWithRows[slot] & (1 << UInt64(h)) != 0 else { return nil }
                            let index = slot * Self.historyMonths + h
                            return Self.decimal(history[index]) + (historyExtra[index] ?? 0)
                        }
                    }
                }
                guard any else { continue }
                let (r, s) = layout.describe(slot)
                let key = Actuals.Key(region: layout.regionIds[r], source: s.map { layout.sourceIds[r][$0] }, metric: name)
                if layout.cutMonth[slot] >= 12 {
                    series.throughRevision = Self.decimal(cutCells[m][slot]) + (cutExtra[(m << 32) | slot] ?? 0)
                }
                all[key] = series
            }
        }
        actuals.series = all  // once: setting it re-indexes
        actuals.tracksOpenDeals = tracksOpenDeals
        for (s, name) in stageNames.enumerated() {
            for slot in 0..<layout.count where openCounts[s][slot] > 0 {
                let (r, src) = layout.describe(slot)
                let key = Actuals.OpenDealsKey(region: layout.regionIds[r], source: src.map { layout.sourceIds[r][$0] }, stage: name)
                actuals.openDeals[key] = Actuals.OpenDeals(count: openCounts[s][slot], amount: Self.decimal(openAmounts[s][slot]),
                                                         unvalued: openUnvalued[s][slot])
            }
        }
        for slot in 0..<layout.count where staleCounts[slot] > 0 {
            let region = layout.regionIds[layout.describe(slot).region]
            var stale = actuals.staleDeals[region] ?? Actuals.OpenDeals(count: 0, amount: 0, unvalued: 0)
            stale.count += staleCounts[slot]
            stale.amount += Self.decimal(staleAmounts[slot])
            stale.unvalued += staleUnvalued[slot]
            actuals.staleDeals[region] = stale
        }
        actuals.tracksCreated = tracksCreated
        actuals.tracksCategories = tracksCategories
        actuals.tracksDeals = tracksDeals
        for (key, deals) in largest.lists {
            let region = layout.regionIds[key.region]
            if key.kind == LargestDeals.Kind.lost.rawValue { actuals.largestLost[region] = deals } else { actuals.largestOpen[region] = deals }
        }
        if tracksCategories {
            for slot in 0..<layout.count {
                let region = layout.regionIds[layout.describe(slot).region]
                for (c, category) in ForecastCategory.allCases.enumerated() {
                    var deals = actuals.openByCategory[region, default: [:]][category] ?? Actuals.OpenDeals(count: 0, amount: 0)
                    deals.count += categoryCounts[slot * 4 + c]
                    deals.amount += Self.decimal(categoryAmounts[slot * 4 + c])
                    actuals.openByCategory[region, default: [:]][category] = deals
                }
            }
        }
        for (key, histogram) in ages {
            actuals.openAges[Actuals.OpenAgeKey(region: layout.regionIds[key.region], stage: stageNames[key.stage])] =
                histogram.map { (days: Int($0.key), deals: $0.value) }.sorted { $0.days < $1.days }
        }
        actuals.tracksOwners = tracksGroups[GroupKind.owner.rawValue]
        actuals.tracksLossReasons = tracksGroups[GroupKind.lossReason.rawValue]
        for (key, cell) in groups {
            var group = Actuals.DealGroup()
            group.wonDeals = cell.wonDeals
            group.lostDeals = cell.lostDeals
            group.wonAmount = Self.decimal(cell.wonNanos) + cell.wonExtra
            group.lostAmount = Self.decimal(cell.lostNanos) + cell.lostExtra
            let k = Actuals.DealGroupKey(region: layout.regionIds[key.region], label: labelNames[key.kind][key.label])
            if key.kind == GroupKind.owner.rawValue { actuals.byOwner[k] = group } else { actuals.byLossReason[k] = group }
        }
        return actuals
    }
}
