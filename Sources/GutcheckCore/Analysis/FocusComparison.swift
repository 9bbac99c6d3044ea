import Foundation

/// The leader's own focus areas and pick (`midyear.focus_areas`, `the_one`) beside the data's
/// ranking (Q10, Q11), so a difference is said out loud rather than left for the board to spot.
///
/// The leader writes free text ("New-logo conversion") and the data names a candidate by what
/// the plan calls it — a source's or KPI's name ("New logos") and its id (`new-logos`) — or,
/// for what the plan names only by key, by its key and the words it is known by: a driver's
/// `Driver.vocabulary` ("lead to close conversion", "conversion from inquiries to leads"),
/// "unassigned goal", "profit". They match when every word of the name or id is among the
/// leader's words, or every one of the leader's words is among the name's — words compared
/// lower-cased, split at anything not a letter or digit, a trailing "s" dropped. The report's
/// titles play no part: rewording one cannot change an agreement. Nothing fuzzier: a
/// doubtful pair is shown as different, which only asks for a conversation.
public struct FocusComparison: Sendable {
    public struct LeaderItem: Sendable {
        public var text: String
        /// The data's candidate it names, anywhere in the ranking; else a source or KPI it names
        /// that is not behind plan (nothing at stake); nil when it names neither.
        public var match: FocusArea?
        /// Its rank in the data's list (1-based), when it names a candidate.
        public var dataRank: Int?
    }

    public var leaderFocusAreas: [LeaderItem]
    /// The leader's pick (`the_one`), matched like a focus area; nil when none was given.
    public var theOne: LeaderItem?
    /// The data's top three that the leader's list does not name (empty when the leader gave no list).
    public var dataOnly: [FocusArea]
    /// Whether the leader's pick names the data's first; nil without a pick or without a ranking.
    public var theOneAgrees: Bool?

    /// Whether both lists name the same areas (order aside).
    public var listsAgree: Bool {
        !leaderFocusAreas.isEmpty && dataOnly.isEmpty && leaderFocusAreas.allSatisfy { ($0.dataRank ?? 99) <= 3 }
    }

    /// `others` are the region's sources and KPIs that are not candidates (not behind plan).
    public init(candidates: [FocusArea], others: [FocusArea] = [], leaderFocusAreas: [String], leaderTheOne: String?) {
        let top = Array(candidates.prefix(3))
        func item(_ text: String) -> LeaderItem {
            if let index = candidates.firstIndex(where: { Self.names(text, $0) }) {
                return LeaderItem(text: text, match: candidates[index], dataRank: index + 1)
            }
            return LeaderItem(text: text, match: others.first { Self.names(text, $0) }, dataRank: nil)
        }
        let items = leaderFocusAreas.map(item)
        self.leaderFocusAreas = items
        theOne = leaderTheOne.map(item)
        dataOnly = items.isEmpty ? [] : top.filter { area in !items.contains { $0.match?.key == area.key } }
        if let pick = leaderTheOne, let first = candidates.first {
            theOneAgrees = Self.names(pick, first)
        } else {
            theOneAgrees = nil
        }
    }

    /// Whether the leader's text names this candidate (the rule in the type's comment).
    public static func names(_ text: String, _ area: FocusArea) -> Bool {
        let said = words(text)
        guard !said.isEmpty else { return false }
        let name = words(knownBy(area))
        let id = words(area.id)
        return (!name.isEmpty && name.isSubset(of: said)) || (!id.isEmpty && id.isSubset(of: said))
            || said.isSubset(of: name)
    }

    /// What a candidate is known by: the plan's name, else the words for what the core names by key.
    static func knownBy(_ area: FocusArea) -> String {
        switch area.kind {
        case .source where !area.key.isNamedByPlan: return "unassigned goal"
        case .source, .kpi: return area.name ?? ""
        case .driver: return Driver(key: area.id).vocabulary
        case .profit: return "profit"
        }
    }

    static func words(_ text: String) -> Set<String> {
        let parts = text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
        return Set(parts.map { $0.count > 3 && $0.hasSuffix("s") ? String($0.dropLast()) : $0 })
    }
}
