import Foundation
import Testing
@testable import GutcheckCore

/// Bad plans: each error's full text with file:line:column (SPEC §5, §8.8, §8.11).
@Suite struct PlanReaderTests {
    @Test func readsTheSpecExampleKeys() {
        var d = Diagnostics()
        let yaml = """
            gutcheck: 1
            company: Northwind Instruments
            fiscal_year: 2026
            fiscal_year_start: 2026-01
            as_of: 2026-06-30
            currency: USD
            thresholds: { on_track: 1.00, at_risk: 0.90 }
            regions:
              - id: northeast
                name: Northeast
                leader: Dana Whitfield
                goals:
                  revenue: 12000000
                  profit: 2400000
                  relationships: Quarterly business reviews with the top 20 accounts
                  customer_success: Net revenue retention of at least 105%
                phasing: [6, 7, 9, 8, 8, 9, 7, 7, 9, 9, 10, 11]
                sources:
                  - { id: new-logos, name: New logos, revenue: 3000000, profit: 450000 }
                  - { id: existing, name: Existing accounts, revenue: 7000000 }
                  - { id: channel, name: Channel partners, revenue: 2000000 }
                kpis:
                  - { id: lead-to-close, name: Lead-to-close rate, value: won_deals / leads, target: 0.12, unit: percent, better: higher, canary: true }
                  - { id: avg-deal, name: Average deal size, value: revenue / won_deals, target: 40000, unit: currency }
                objectives:
                  - id: channel-growth
                    goal: revenue
                    statement: Grow channel-partner revenue to $2.4M by year end
                    metric: revenue
                    source: channel
                    target: 2400000
                    due: 2026-12-31
                    actions:
                      - { id: partner-enablement, name: Partner enablement program, owner: J. Ortiz, cost: 120000, metric: leads, source: channel, target: 600, due: 2026-09-30 }
                midyear:
                  learned: [...]
                  market_shifts: [...]
                  focus_areas: [...]
                  the_one: ...
                  changes: [...]
            results:
              deals:
                columns:
                  date: Close Date
                  region: Sales Region
                  source: Lead Source
                  amount: Amount
                  profit: Gross Margin
                  stage: Stage
                won: [Closed Won]
                lost: [Closed Lost]
                date_format: M/D/YYYY
              encoding: windows-1252
              delimiter: ";"
              aliases:
                region: { NE: northeast }
                source: { Web: channel }
            """
        let plan = Plan.read(yaml: Array(yaml.utf8), file: "plan.yaml", diagnostics: &d)
        #expect(d.errors.isEmpty, "\(d.items.map(\.formatted))")
        #expect(plan?.regions.first?.kpis.first?.canary == true)
        #expect(plan?.regions.first?.midyear.learned == [])  // "..." is a placeholder
        #expect(plan?.results.delimiter == UInt8(ascii: ";"))
        #expect(plan?.asOf == Day(year: 2026, month: 6, day: 30))
    }

    @Test func elevenPhasingNumbers() {
        let errors = planErrors(minimalPlan + "\n    phasing: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n")
        #expect(errors == ["plan.yaml:10:14: error: phasing needs 12 numbers, found 11"])
    }

    /// "unassigned" is what the reports call the part of the goal no source carries (in the
    /// tables, the charts and summary.json): a source may not take it as its id.
    @Test func theUnassignedIdIsReserved() {
        let errors = planErrors(minimalPlan.replacingOccurrences(of: "id: channel,", with: "id: unassigned,"))
        #expect(errors == ["plan.yaml:9:15: error: source id 'unassigned' in region 'northeast' is reserved for the part of the goal no source carries; choose another id"])
    }

    @Test func duplicateKeyPointsAtTheDuplicate() {
        let errors = planErrors("gutcheck: 1\nfiscal_year: 2026\ncurrency: USD\nfiscal_year: 2027\nregions: []\n")
        #expect(errors == ["plan.yaml:4:1: error: duplicate key 'fiscal_year'; each key may appear once in a mapping"])
    }

    /// A name reaches Markdown, HTML, SVG and the packet's CSS: a control character or a bidi
    /// override is refused where it is written (issue 26, item 7).
    @Test(arguments: [("\\0", "0000"), ("\\f", "000C"), ("\\e", "001B"), ("\\u202E", "202E")])
    func aControlCharacterInANameIsRefused(_ escape: String, _ code: String) {
        let errors = planErrors(minimalPlan.replacingOccurrences(of: "name: Northeast", with: "name: \"North\(escape)east\""))
        #expect(errors == ["plan.yaml:6:11: error: region name holds the control character U+\(code); names are printed text — remove it"])
        let company = planErrors(minimalPlan.replacingOccurrences(of: "fiscal_year: 2026", with: "company: \"Ac\(escape)me\"\nfiscal_year: 2026"))
        #expect(company.first?.contains("company holds the control character U+\(code)") == true, "\(company)")
    }

    /// A metric may carry the name the reports use for it; a declaration needs one of the two.
    @Test func aMetricMayBeNamed() {
        var d = Diagnostics()
        let named = minimalPlan.replacingOccurrences(of: "currency: USD", with: "currency: USD\nmetrics: { qbrs_held: { name: QBRs held }, nrr: { aggregate: last, name: Net revenue retention } }")
        let plan = Plan.read(yaml: Array(named.utf8), file: "plan.yaml", diagnostics: &d)
        #expect(d.errors.isEmpty, "\(d.items.map(\.formatted))")
        #expect(plan?.metricNames == ["qbrs_held": "QBRs held", "nrr": "Net revenue retention"])
        #expect(plan?.aggregation(of: "qbrs_held") == .sum && plan?.aggregation(of: "nrr") == .last)
        let empty = planErrors(minimalPlan.replacingOccurrences(of: "currency: USD", with: "currency: USD\nmetrics: { qbrs_held: {} }"))
        #expect(empty == ["plan.yaml:4:23: error: metric 'qbrs_held' needs aggregate: sum | last, or a name"])
    }

    @Test func noIsNotANumberOrBoolean() {
        let errors = planErrors(minimalPlan.replacingOccurrences(of: "profit: 120", with: "profit: NO"))
        #expect(errors == ["plan.yaml:7:37: error: goals.profit must be a plain decimal number like 12000000 or 0.12, found 'NO'"])
    }

    @Test(arguments: ["02400", "1_000", "0x1F", "1e6", ".inf", ".nan", "\"1200\""])
    func yaml11NumbersAreRefused(_ literal: String) {
        let errors = planErrors(minimalPlan.replacingOccurrences(of: "revenue: 1200, profit", with: "revenue: \(literal), profit"))
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("plan.yaml:7:") == true)
        #expect(errors.first?.contains("must be a plain decimal number") == true)
    }

    @Test func onlyTrueAndFalseAreBooleans() {
        let yaml = minimalPlan + "\n    kpis:\n      - { id: k, value: leads, target: 1, canary: yes }\n"
        #expect(planErrors(yaml) == ["plan.yaml:11:51: error: canary must be true or false, found 'yes'"])
    }

    @Test func unknownKeyHasAHint() {
        let errors = planErrors(minimalPlan.replacingOccurrences(of: "goals:", with: "goal:"))
        #expect(errors.contains("plan.yaml:7:5: error: unknown key 'goal' in region 'northeast' (did you mean 'goals'?)"))
        #expect(errors.contains("plan.yaml:5:5: error: region 'northeast' is missing the required key 'goals'"))
    }

    @Test func aliasesAndAnchorsAreRefusedBeforeExpansion() {
        let bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        let start = Date()
        let errors = planErrors(bomb)
        #expect(Date().timeIntervalSince(start) < 1)
        #expect(errors.first == "plan.yaml:1:4: error: YAML anchors (&name) are not allowed in a plan; write each value out")
        #expect(errors.contains { $0.contains("aliases (*name) are not allowed") })
    }

    @Test func referencesMustExist() {
        let yaml = minimalPlan + """

                kpis:
                  - { id: k, value: won_deal / leads }
                objectives:
                  - { id: o, goal: relationships, metric: revenue, source: chanel }
            """
        let errors = planErrors(yaml)
        // SPEC §14.9: an undeclared metric is a flow; a near miss of a known one is a warning.
        #expect(!errors.contains { $0.contains("won_deal") })
        var d = Diagnostics()
        _ = Plan.read(yaml: Array(yaml.utf8), file: "plan.yaml", diagnostics: &d)
        #expect(d.warnings.map(\.formatted).contains("plan.yaml:11:25: warning: KPI value 'won_deal' is not a declared metric, so it is read as a flow metric of the results; did you mean 'won_deals'?"))
        #expect(errors.contains("plan.yaml:13:24: error: goal 'relationships' is not set in the goals of region 'northeast'"))
        #expect(errors.contains("plan.yaml:13:64: error: source 'chanel' is not a source of region 'northeast' (did you mean 'channel'?)"))
    }

    @Test func idsAreCheckedAndUnique() {
        let yaml = minimalPlan + "\n  - id: Northeast\n    name: Northeast\n    goals: { revenue: 1, profit: 1 }\n"
        let errors = planErrors(yaml)
        #expect(errors.contains("plan.yaml:10:9: error: region id 'Northeast' must be lowercase letters, digits and '-' only ([a-z0-9-]+)"))
    }

    @Test func thresholdsMustBeOrdered() {
        let yaml = minimalPlan.replacingOccurrences(of: "currency: USD", with: "currency: USD\nthresholds: { on_track: 0.8, at_risk: 0.9 }")
        #expect(planErrors(yaml) == ["plan.yaml:4:13: error: thresholds.on_track (0.8) must be at least thresholds.at_risk (0.9)"])
    }

    @Test func syntaxErrorsHavePositions() {
        let errors = planErrors("gutcheck: 1\nregions: [\n")
        #expect(errors.count == 1)
        #expect(errors[0].hasPrefix("plan.yaml:3:1: error: YAML syntax:"))
    }

    @Test func invalidUTF8IsAnError() {
        var d = Diagnostics()
        _ = Plan.read(yaml: Array("gutcheck: 1\ncompany: Caf".utf8) + [0xE9, 0x0A], file: "plan.yaml", diagnostics: &d)
        #expect(d.errors.map(\.formatted) == ["plan.yaml:2:13: error: the plan is not valid UTF-8 (byte column 13); save it as UTF-8"])
    }
}
