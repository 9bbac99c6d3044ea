/// Fits a region's packet page on one printed sheet (SPEC §12.1: one page per region). A
/// browser cannot shrink content to fit a page, so the page's open-ended parts are bounded
/// here: the leader's words are clipped at a word (the full report in the appendix has them
/// whole), the leader's list shows three items, and who owes what shows as many items as the
/// estimated room allows, counting the rest. The estimate counts text lines at the page's
/// print type (8.8 pt) on the shorter paper, Letter; scripts/check-pages.sh checks the result
/// on real prints, and the constants were set from those prints with a margin to spare.
struct PageFit {
    /// Characters per line across the page, in the facts' text column, in one bottom column,
    /// and in one cell of the leader's two-column table.
    static let page = 112, factsWidth = 98, column = 60, cell = 26
    /// Text lines a Letter page holds at the region page's type, less a safety margin.
    static let budget = 55.0
    /// The two charts side by side, with their captions, in text lines.
    static let charts = 18.5
    /// Clipping lengths, in characters.
    static let commitment = 95
    /// The leader's learned and changes items on the region's page.
    static let leaderWords = 110
    /// How long the leader's list items and pick may be, from the fullest page to the tightest.
    static let clipLevels = [(item: 90, pick: 120), (item: 60, pick: 80), (item: 40, pick: 50)]
    static let leaderItems = 3

    static func lines(_ text: String, _ width: Int) -> Double {
        Double(max(1, (text.count + width - 1) / width))
    }

    /// Lines above the two columns: heading, meta, verdict, the box, the figures, the facts.
    static func top(name: String, verdict: String, unanswered: String?, facts: [String]) -> Double {
        var n = lines(name, 48) * 2 + 1 + lines(verdict, page)
        if let unanswered { n += lines(unanswered, page - 10) + 0.6 }
        n += 4.2
        n += facts.reduce(0) { $0 + lines($1, factsWidth) + 0.2 }
        return n + charts
    }

    /// The one, wherever it goes.
    static func one(_ text: String) -> Double { lines(text, column) + 0.8 }

    /// The left column: the focus areas (the one is placed by the caller).
    static func left(leaderRows: [(String, String)], more: Bool, ranking: String?, dataRows: Int) -> Double {
        var n = 2.0 + 1
        if leaderRows.isEmpty {
            n += 1.4 + Double(max(dataRows, 1)) * 1.3
        } else {
            n += 1.4 + leaderRows.reduce(0) { $0 + max(lines($1.0, cell), lines($1.1, cell)) + 0.3 }
            if more { n += 1 }
            if let ranking { n += lines(ranking, column) + 0.8 }
        }
        return n
    }

    /// The right column: who owes what, owner by owner.
    static func right(_ groups: [PacketRegionPage.OwedGroup], more: Bool) -> Double {
        var n = 2.0
        for group in groups {
            n += 1.4
            n += group.items.reduce(0) { $0 + lines("\($1.commitment) · \($1.status) — owes \($1.owes)", column - 4) + 0.15 }
        }
        return n + (more ? 1.2 : 0)
    }
}

/// The executive summary on one page (SPEC §12.1): its parts are bounded (at most fourteen
/// region rows, the leader's pick clipped in its cell), and the company chart is left out
/// when the estimate says the page would not hold it. Lines at the summary's 10 pt type.
struct SummaryFit {
    static let budget = 48.0
    /// The company chart with its margins.
    static let chart = 15.5
    static let page = 95

    static func lines(_ text: String, _ width: Int) -> Double { PageFit.lines(text, width) }

    /// The summary without the chart.
    static func height(headline: String, board: String?, rows: [IndexPage.RegionRow], notes: [String]) -> Double {
        var n = 2.5 + lines(headline, page) + 0.7
        if let board { n += lines(board, page) + 0.7 }
        n += 5 + 3.2
        for row in rows {
            n += max(lines(row.name, 14), lines(row.canary, 18), lines(row.theOne, 22)) + 0.6
        }
        return n + notes.reduce(0) { $0 + lines($1, page) + 0.7 }
    }
}
