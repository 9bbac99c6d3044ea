import Foundation

/// The attainment band (SPEC §7).
public enum Status: String, Sendable, Comparable {
    case onTrack = "on_track"
    case atRisk = "at_risk"
    case offTrack = "off_track"

    /// nil when the ratio is undefined.
    public init?(ratio: Double?, thresholds: Thresholds) {
        guard let ratio, ratio.isFinite else { return nil }
        if ratio >= thresholds.onTrack.double { self = .onTrack } else if ratio >= thresholds.atRisk.double {
            self = .atRisk
        } else { self = .offTrack }
    }

    private var rank: Int { self == .offTrack ? 0 : self == .atRisk ? 1 : 2 }
    public static func < (a: Status, b: Status) -> Bool { a.rank < b.rank }
}

/// a / b in decimal, converted once to a ratio; nil when b is 0.
public func ratio(_ a: Decimal, _ b: Decimal) -> Double? {
    b.isZero ? nil : (a / b).double
}
