import Foundation

/// A driver of revenue: a factor the gap to date is split over (Q7), a cause (SPEC §13.3)
/// and what a focus area can be about, in its one spelling (`key`, the id summary.json and
/// the focus list write):
/// - the three-factor bridge (revenue = leads × lead-to-close × deal size): `leads`,
///   `lead_to_close`, `deal_size`;
/// - a declared funnel (SPEC §11.4): its top stage's volume (`inquiries`), a step's
///   conversion into the next stage (`leads/inquiries`: inquiries into leads), `deal_size`.
public struct Driver: Hashable, Sendable, CustomStringConvertible {
    public let key: String

    /// A driver from its spelling (summary.json, a focus id).
    public init(key: String) { self.key = key }

    public static let leads = Driver(key: "leads")
    public static let leadToClose = Driver(key: "lead_to_close")
    public static let dealSize = Driver(key: "deal_size")

    /// A declared funnel's top stage, by its volume.
    public static func volume(of stage: String) -> Driver { Driver(key: stage) }

    /// A declared funnel's step: the conversion from one stage into the next.
    public static func conversion(from: String, into: String) -> Driver { Driver(key: "\(into)/\(from)") }

    /// The step's stages, when the driver is a funnel step.
    public var step: (from: String, into: String)? {
        let parts = key.split(separator: "/")
        return parts.count == 2 ? (String(parts[1]), String(parts[0])) : nil
    }

    public var description: String { key }

    /// The words a leader may name the driver by, for matching a leader's focus area to it
    /// (`FocusComparison`): recognition, not the report's wording, which may change freely.
    public var vocabulary: String {
        func words(_ metric: String) -> String { metric.replacingOccurrences(of: "_", with: " ") }
        switch self {
        case .leads: return "lead volume"
        case .leadToClose: return "lead to close conversion"
        case .dealSize: return "average deal size"
        default:
            if let step { return "conversion from \(words(step.from)) to \(words(step.into))" }
            return "volume of \(words(key))"
        }
    }
}
