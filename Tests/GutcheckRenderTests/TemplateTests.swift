import Foundation
import Testing
@testable import GutcheckRender
import GutcheckCore

@Suite struct TemplateTests {
    /// The embedded defaults must be exactly the documented copies in Templates/.
    @Test func embeddedTemplatesMatchTheTemplatesFolder() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Templates").standardizedFileURL
        for name in TemplateSet.names {
            let file = try String(contentsOf: folder.appendingPathComponent("\(name).mustache"), encoding: .utf8)
            #expect(DefaultTemplates.all[name] == file, "run scripts/embed-templates.sh after editing Templates/\(name).mustache")
        }
    }

    @Test func everyQuestionIsAHeadingInOrder() {
        let template = DefaultTemplates.all["region.md"]!
        var cursor = template.startIndex
        for q in Questions.all {
            // Q2 names the plan's currency (SPEC §12.4): "dollars" is the template's `currency_name`.
            let heading = "## \(q.number). \(q.text.replacingOccurrences(of: "dollars", with: "{{{currency_name}}}"))"
            guard let range = template.range(of: heading, range: cursor..<template.endIndex) else {
                Issue.record("missing or out of order: \(heading)")
                return
            }
            cursor = range.upperBound
        }
    }

    @Test func jsonMoneyIsExactToTheCent() {
        #expect(JSONValue.money(Decimal(string: "1234.565")!).serialized() == "1234.57\n")
        #expect(JSONValue.money(Decimal(string: "-1234.565")!).serialized() == "-1234.57\n")
        #expect(JSONValue.money(Decimal(string: "0.004")!).serialized() == "0\n")
        #expect(JSONValue.ratio(.nan).serialized() == "null\n")
    }
}
