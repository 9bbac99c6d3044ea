import Foundation

/// The context of `page.html`: a report's HTML body in the page.
struct HTMLPage: TemplateModel {
    var title: String
    var body: String
}

/// The context of `methods.md`: the board packet's note on methods.
struct MethodsPage: TemplateModel {
    var dataNotes: [String]
    var hasNotes: Bool
    var fiscalYear, fiscalStart, cutOff, elapsed: String
    var onTrack, atRisk, materiality, shift: String
}

/// The context of `packet.html`: the board packet around its summary and region sections.
struct PacketPage: TemplateModel {
    struct Region: TemplateModel {
        var id, name: String
        /// The one page (HTML from packet_region.html).
        var page: String
        /// The full report, its last two sections kept together.
        var html: String
    }
    var title, company, fiscalYear, fiscalSpan, cutOff, elapsed, currency, regionNames, dataLine, generator: String
    /// The paper's `@page` rules, and the running head as a CSS string.
    var paper, runningHead: String
    var summary, methods: String
    var regions: [Region]
    var briefStatus, brief: String
    var owners: String?
    var priorYear: String?
}
