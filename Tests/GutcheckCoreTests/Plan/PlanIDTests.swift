import Foundation
import Testing
@testable import GutcheckCore

/// A plan id is the plan's spelling, one type per kind: written and read as a plain string,
/// ordered and quoted as that string.
@Suite struct PlanIDTests {
    @Test func anIdIsItsSpellingInJSONAndInMessages() throws {
        let ids = [Region.ID("north-east"), Region.ID("apac")]
        let data = try JSONEncoder().encode(ids)
        #expect(String(decoding: data, as: UTF8.self) == #"["north-east","apac"]"#)
        #expect(try JSONDecoder().decode([Region.ID].self, from: data) == ids)
        #expect(ids.sorted().map(\.rawValue) == ["apac", "north-east"])
        #expect("regions/\(ids[0]).md" == "regions/north-east.md")
        #expect(Quote.user(ids[0]) == "'north-east'")
        #expect(Suggestion.hint(for: "north-eats", in: ids) == " (did you mean 'north-east'?)")
    }

    /// The plan's region, source and KPI ids come typed from the reader, and the results'
    /// values match to them (a source's id is looked up only among its region's sources).
    @Test func thePlansIdsAreTypedFromTheReaderOn() throws {
        let company = try Fixture.analyze()
        let region = company.plan.regions[0]
        #expect(company.plan.region(id: region.id)?.name == region.name)
        let source = try #require(region.sources.first)
        #expect(region.source(id: source.id)?.name == source.name)
        #expect(company.regions[0].sources.map(\.source.id) == region.sources.map(\.id))
    }
}
