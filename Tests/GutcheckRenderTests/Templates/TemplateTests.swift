import Foundation
import Testing
@testable import GutcheckRender
import GutcheckCore

@Suite struct TemplateTests {
    /// A user's partial that includes itself, directly or through another, is an error at
    /// load with the include's place, not a stack overflow at render (issue 26, item 8).
    @Test func aPartialThatIncludesItselfIsRefusedAtLoad() {
        func error(_ overrides: [String: String]) -> String? {
            do {
                _ = try TemplateSet(overrides: Dictionary(uniqueKeysWithValues: overrides.map { ($0.key, ("t/\($0.key).mustache", $0.value)) }))
                return nil
            } catch {
                return error.description
            }
        }
        #expect(error(["leader_words": "x\n  {{> leader_words}}\n"])
            == "t/leader_words.mustache:2:3: error: template includes itself (leader_words → leader_words); a partial may not include itself, directly or through others")
        #expect(error(["leader_words": "{{> owners_rollup}}", "owners_rollup": "{{#a}}{{> leader_words }}{{/a}}"])
            == "t/owners_rollup.mustache:1:7: error: template includes itself (leader_words → owners_rollup → leader_words); a partial may not include itself, directly or through others")
        #expect(error(["leader_words": "{{> owners_rollup}} {{> owners_rollup}}"]) == nil)
    }

    /// The embedded defaults must be exactly the documented copies in Templates/.
    @Test func embeddedTemplatesMatchTheTemplatesFolder() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../Templates").standardizedFileURL
        for name in TemplateSet.names {
            let file = try String(contentsOf: folder.appendingPathComponent("\(name).mustache"), encoding: .utf8)
            #expect(DefaultTemplates.all[name] == file, "run scripts/embed-templates.sh after editing Templates/\(name).mustache")
        }
    }

    /// The built-in templates are parsed only when first used; each must parse.
    @Test func everyBuiltInTemplateParses() throws {
        for name in TemplateSet.names {
            #expect(throws: Never.self, "\(name)") { _ = try Template(DefaultTemplates.all[name]!) }
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

/// summary.json's long lists are written on several threads; the text is the same as one
/// thread's, element for element, in order.
@Suite struct JSONWritingTests {
    @Test func aLongListIsWrittenInOrder() {
        let items = (0..<40).map { JSONValue.object([("id", .string("r\($0)")), ("n", .number(String($0))), ("x", .array([.null, .bool(true)]))]) }
        let text = JSONValue.object([("regions", .array(items))]).serialized()
        var expected = "{\n  \"regions\": [\n"
        for i in 0..<40 {
            expected += "    {\n      \"id\": \"r\(i)\",\n      \"n\": \(i),\n      \"x\": [null, true]\n    }" + (i < 39 ? ",\n" : "\n")
        }
        expected += "  ]\n}\n"
        #expect(text == expected)
        #expect(JSONValue.quote("a\"b\\c\u{2028}\n") == "\"a\\\"b\\\\c\\u2028\\n\"")
    }

    /// A template's snake_case key finds the property it names, and a key that already is
    /// the property's spelling finds it too.
    @Test(arguments: ["firstHalfShare", "name", "top3", "q4Text", "anyFocus", "theOneHtml", "a"])
    func aKeyFindsItsProperty(_ label: String) throws {
        let object = TemplateValue.object([label: .text("found")])
        for key in [TemplateKey.snakeCase(label), label] {
            let name = Template.Name(key)
            guard case .text(let found)? = object.field(try #require(name.path.first)) else {
                Issue.record("\(key) does not find \(label)")
                continue
            }
            #expect(found == "found")
        }
    }
}
