import Foundation
import Mustache
import Testing
@testable import GutcheckRender

/// gutcheck's template engine reads and renders templates as swift-mustache 2.1 does, so a
/// user's copies under `--templates` keep their output: a seeded differential test over
/// generated templates (standalone lines, indentation, partials, pragmas, set delimiters,
/// dotted names, truncated and so malformed templates) holds the two to the same text and
/// to the same refusals.
@Suite struct TemplateEngineTests {
    /// One context, in both engines' terms.
    indirect enum Value {
        case text(String), flag(Bool), list([Value]), object([(String, Value)])

        var ours: TemplateValue {
            switch self {
            case .text(let t): .text(t)
            case .flag(let b): .flag(b)
            case .list(let items): .list(items.map(\.ours))
            case .object(let fields): .object(Dictionary(uniqueKeysWithValues: fields.map { ($0.0, $0.1.ours) }))
            }
        }

        var theirs: Any {
            switch self {
            case .text(let t): t
            case .flag(let b): b
            case .list(let items): items.map(\.theirs)
            case .object(let fields): Dictionary(uniqueKeysWithValues: fields.map { ($0.0, $0.1.theirs) }) as [String: Any]
            }
        }
    }

    static let context = Value.object([
        ("name", .text("Ann & <Bob> \"q\" 'a'")),
        ("flag", .flag(true)),
        ("off", .flag(false)),
        ("blank", .text("")),
        ("md", .text("*star* _u_ | # 1. [x](y)")),
        ("items", .list([.object([("name", .text("x")), ("v", .text("1"))]), .object([("name", .text("y")), ("flag", .flag(false))])])),
        ("empty", .list([])),
        ("words", .list([.text("p"), .text("q\nr")])),
        ("obj", .object([("name", .text("inner")), ("deep", .object([("v", .text("d"))]))])),
    ])

    static let partials = [
        "p": "[{{name}}]\n{{#items}}\n  - {{name}}\n{{/items}}\n",
        "q": "{{% CONTENT_TYPE: MARKDOWN}}\n{{md}} {{{md}}}\n  {{> p}}\n",
        "r": "{{name}}",
    ]

    static let pieces = [
        "a", " ", "  ", "\t", "\n", "\n", "\n", "\r\n", "x y", "{", "}", "<b>", "&", "{{name}}", "{{{name}}}", "{{& name }}",
        "{{ v }}", "{{#words}}<{{.}}>{{/words}}", "{{#name}}({{.}}){{/name}}", "{{obj.name}}", "{{obj.deep.v}}", "{{.name}}", "{{missing}}", "{{flag}}", "{{words}}", "{{md}}",
        "{{! a comment }}", "{{!\nmulti }}", "{{> p}}", "  {{> p}}\n", "{{>q}}", " {{> r }} ", "{{> none}}",
        "{{% CONTENT_TYPE: TEXT}}", "{{% CONTENT_TYPE: MARKDOWN}}\n", "{{%CONTENT_TYPE:HTML}}",
        "{{=<% %>=}}<% name %><%={{ }}=%>", "\n{{=| |=}}\n|#flag|x|/flag|\n|={{ }}=|\n",
    ]
    static let sectionKeys = ["flag", "off", "items", "empty", "obj", "blank", "missing", "words", "name", "obj.deep"]

    struct Random {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(n))
        }
    }

    static func template(_ random: inout Random, depth: Int = 0) -> String {
        var text = ""
        for _ in 0..<(1 + random.next(8)) {
            if depth < 3, random.next(4) == 0 {
                let key = sectionKeys[random.next(sectionKeys.count)]
                let sigil = random.next(3) == 0 ? "^" : "#"
                let lineStart = random.next(2) == 0 ? "\n" + String(repeating: " ", count: random.next(3)) : ""
                let lineEnd = random.next(2) == 0 ? "\n" : ""
                text += "\(lineStart){{\(sigil)\(key)}}\(lineEnd)" + template(&random, depth: depth + 1) + "\(lineStart){{/\(key)}}\(lineEnd)"
            } else {
                text += pieces[random.next(pieces.count)]
            }
        }
        return text
    }

    /// Each engine's output, or nil where it refuses the template.
    static func both(_ text: String) -> (ours: String?, theirs: String?) {
        var ours: String?
        if let template = try? Template(text) {
            var templates = try! partials.mapValues { try Template($0) }
            templates["t"] = template
            ours = TemplateLibrary(templates: templates).render("t", context.ours)
        }
        var theirs: String?
        if let template = try? MustacheTemplate(string: text) {
            var library = MustacheLibrary()
            for (name, partial) in partials { library.register(try! MustacheTemplate(string: partial), named: name) }
            library.register(template, named: "t")
            theirs = library.render(context.theirs, withTemplate: "t")
        }
        return (ours, theirs)
    }

    @Test func generatedTemplatesRenderAsSwiftMustacheRendersThem() {
        MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
        var random = Random(state: 0x9E37_79B9_7F4A_7C15)
        var compared = 0, refused = 0
        for _ in 0..<4000 {
            var text = Self.template(&random)
            // A quarter are cut short at a random character, to compare the refusals too.
            if random.next(4) == 0 {
                let characters = Array(text)
                text = String(characters.prefix(random.next(characters.count + 1)))
            }
            let (ours, theirs) = Self.both(text)
            #expect(ours == theirs, "template: \(text.debugDescription)")
            if ours == nil { refused += 1 } else { compared += 1 }
            if ours != theirs { break }
        }
        #expect(compared > 2000 && refused > 200, "\(compared) compared, \(refused) refused")
    }

    @Test func everyBuiltInTemplateRendersAsSwiftMustacheRendersIt() {
        MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
        // leader_words writes `{{.}}` for each of its items, which here are objects (no text to compare).
        for name in TemplateSet.names where name != "leader_words" {
            let (ours, theirs) = Self.both(DefaultTemplates.all[name]!)
            #expect(ours != nil && ours == theirs, "\(name)")
        }
    }

    struct MarkdownContentType: MustacheContentType {
        func escapeText(_ text: String) -> String { MarkdownEscaping.escape(text) }
    }

    /// What swift-mustache reads but gutcheck's models could never feed is refused at load, with the place.
    @Test func lambdasTransformsAndInheritanceAreRefusedWithThePlace() {
        func refusal(_ text: String) -> String? {
            do {
                _ = try Template(text)
                return nil
            } catch {
                return "\(error.line):\(error.column): \(error.reason)"
            }
        }
        #expect(refusal("a\n  {{uppercased(name)}}") == "2:5: uses a transform (name(…)), which gutcheck's templates do not support")
        #expect(refusal("{{<base}}{{/base}}") == "1:3: uses template inheritance ({{<name}} and {{$block}}), which gutcheck's templates do not support")
        #expect(refusal("{{>*name}}") == "1:4: uses a dynamic partial ({{>*name}}), which gutcheck's templates do not support")
        #expect(refusal("{{#a}}\n{{/b}}") == "2:4: closes a section it did not open (the names differ)")
        #expect(refusal("{{#a}}\nx") == "2:2: leaves a section open (no {{/name}})")
    }

    /// A model's template value is its Encodable form: fields under their Swift names, a nil
    /// optional absent, nested models and lists of them as objects and lists.
    @Test func aModelBecomesItsFields() {
        struct Row: TemplateModel { var name: String; var note: String? }
        struct Page: TemplateModel { var title: String; var shown: Bool; var rows: [Row]; var count: Int; var charts: [String: String] }
        let value = TemplateValue(Page(title: "T", shown: true, rows: [Row(name: "a", note: nil), Row(name: "b", note: "n")], count: 3, charts: ["x_y": "<svg/>"]))
        let library = TemplateLibrary(templates: ["t": try! Template("{{title}} {{shown}} {{count}}{{#rows}} {{name}}{{#note}}({{.}}){{/note}}{{/rows}} {{{charts.x_y}}}")])
        #expect(library.render("t", value) == "T true 3 a b(n) <svg/>")
    }
}

/// Markdown escaping's shortcut for plain text changes nothing the full walk would not.
@Suite struct MarkdownEscapingShortcutTests {
    @Test func plainTextIsExactlyWhatTheWalkLeavesAlone() {
        var state: UInt64 = 0xDEAD_BEEF_CAFE_F00D
        func next(_ n: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(n))
        }
        let alphabet = Array("aZ09 .)&#;+-=*_`[]<>|~\\!,:é\t\n\u{7}")
        var plain = 0
        for _ in 0..<50_000 {
            let text = String((0..<next(8)).map { _ in alphabet[next(alphabet.count)] })
            if MarkdownEscaping.isPlain(text) {
                plain += 1
                #expect(MarkdownEscaping.escapedByWalking(text) == text, "\(text.debugDescription)")
            }
        }
        #expect(plain > 2_000)
        for text in ["1,234", "& co", "Region 1. East", "Q3", "12"] { #expect(MarkdownEscaping.isPlain(text), "\(text)") }
        for text in ["1. x", "12) y", "1.", "&amp;", "&#38;", " lead", "#1", "a_b", "x\ty"] { #expect(!MarkdownEscaping.isPlain(text), "\(text)") }
    }
}
