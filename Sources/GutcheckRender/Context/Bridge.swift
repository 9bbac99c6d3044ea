import Foundation
import GutcheckCore

/// The revenue gap split by funnel driver as every view shows it (Q7's table, the waterfall):
/// over the declared funnel's stages when the plan declares one and it is computable (SPEC
/// §11.4), else leads × lead-to-close × deal size. The effects are the cent-rounded ones
/// summary.json carries, so they add up to the gap exactly.
struct Bridge {
    struct Step {
        /// "leads", "lead_to_close", "deal_size", or a funnel factor ("inquiries", "leads/inquiries").
        var key: String
        /// The name in a table: "Leads", "Inquiries → leads", "Average deal size".
        var name: String
        /// The label under its bar, in lines.
        var label: [String]
        /// The label for a narrow chart: no line longer than about nine characters.
        var shortLabel: [String] { label.map { $0.count > 9 ? Bridge.abbreviation($0) : $0 } }
        /// Words for a sentence: "lead volume", "conversion from inquiries to leads".
        var phrase: String
        var plan: String
        var actual: String
        var effect: Decimal
    }

    var steps: [Step]
    var gap: Decimal
    /// True: over the declared funnel.
    var isFunnel: Bool

    /// "opportunities" → "opps.", "won deals" → "won", else the first eight letters and a point.
    static func abbreviation(_ word: String) -> String {
        ["opportunities": "opps.", "won deals": "won", "Lead-to-close": "Conversion"][word] ?? String(word.prefix(8)) + "."
    }

    static func of(_ a: RegionAnalysis, money: CurrencyFormat) -> Bridge? {
        if let split = a.funnel, case .success(let factors) = split.factors {
            let cents = split.effectsInCents
            let steps = factors.enumerated().map { i, f -> Step in
                let key = f.driver.key
                if f.driver == .dealSize {
                    return Step(key: key, name: "Average deal size", label: ["Deal size"], phrase: "average deal size",
                                plan: money.whole(Decimal(exactly: f.plan, places: 2)), actual: money.whole(Decimal(exactly: f.actual, places: 2)),
                                effect: cents[i])
                }
                if let step = f.driver.step {
                    let (from, into) = (Wording.metricName(step.from), Wording.metricName(step.into))
                    return Step(key: key, name: "\(from.capitalizedFirst) → \(into)", label: ["to", into],
                                phrase: "conversion from \(from) to \(into)",
                                plan: Percent.format(f.plan), actual: Percent.format(f.actual), effect: cents[i])
                }
                let stage = Wording.metricName(key)
                return Step(key: key, name: stage.capitalizedFirst, label: [stage.capitalizedFirst], phrase: "\(stage) volume",
                            plan: Wording.count(Decimal(exactly: f.plan, places: 1)), actual: Wording.count(Decimal(exactly: f.actual, places: 1)),
                            effect: cents[i])
            }
            return Bridge(steps: steps, gap: split.gap, isFunnel: true)
        }
        guard case .success(let b) = a.drivers else { return nil }
        let cents = b.effectsInCents
        let conversion = a.region.kpis.first { $0.value == .ratio(numerator: "won_deals", denominator: "leads") }
        return Bridge(steps: [
            Step(key: Driver.leads.key, name: "Leads", label: ["Lead volume"], phrase: "lead volume",
                 plan: Wording.count(Decimal(exactly: b.leads.plan, places: 1)), actual: Wording.count(Decimal(exactly: b.leads.actual, places: 1)),
                 effect: cents.leads),
            Step(key: Driver.leadToClose.key, name: conversion?.name ?? "Lead-to-close", label: ["Lead-to-close"], phrase: "lead-to-close conversion",
                 plan: Percent.format(b.leadToClose.plan), actual: Percent.format(b.leadToClose.actual), effect: cents.leadToClose),
            Step(key: Driver.dealSize.key, name: "Average deal size", label: ["Deal size"], phrase: "average deal size",
                 plan: money.whole(Decimal(exactly: b.dealSize.plan, places: 2)), actual: money.whole(Decimal(exactly: b.dealSize.actual, places: 2)),
                 effect: cents.dealSize),
        ], gap: b.gap, isFunnel: false)
    }
}

extension String {
    /// "inquiries" → "Inquiries".
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
