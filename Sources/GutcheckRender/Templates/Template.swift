/// A Mustache template, parsed once into tokens.
///
/// Written by hand, in place of swift-mustache's engine, because the benchmark said so
/// (docs/benchmarks.md, 2026-12-07): rendering 50 regions spent a third of the run in
/// swift-mustache — its parser is quadratic in a template's length (17 ms for region.md, with
/// the other thread waiting on it), and every value it writes goes through four protocol
/// casts and `String(describing:)`. Here a template parses in one pass and renders a
/// `TemplateValue` tree with a `switch`.
///
/// It reads templates exactly as swift-mustache 2.1 does, quirks included, so a user's
/// copies under `--templates` render as before (a seeded differential test holds the two to
/// the same output): standalone lines, a standalone partial's indentation, set delimiters,
/// comments and the `{{% CONTENT_TYPE: … }}` pragma (`HTML`, the default, `TEXT` and
/// `MARKDOWN`). What gutcheck's models cannot feed — lambdas, transforms (`{{f(x)}}`),
/// inheritance (`{{< }}`, `{{$ }}`) and dynamic partials (`{{>* }}`) — is refused at load,
/// with the place.
struct Template: Sendable {
    enum ContentType: Sendable {
        case html, text, markdown

        func escape(_ text: String) -> String {
            switch self {
            case .html: HTMLEscaping.escape(text)
            case .text: text
            case .markdown: MarkdownEscaping.escape(text)
            }
        }
    }

    /// A tag's name: `.` (the current value), or a dotted path looked up from the top of the
    /// context stack down (`a.b`), or from the top only (`.a`).
    struct Name: Sendable, Equatable {
        let text: String
        let path: [Key]
        let fromTop: Bool

        /// One segment, with the property spelling a snake_case key stands for (`first_half_share`
        /// → `firstHalfShare`): a model's fields are keyed by their Swift names.
        struct Key: Sendable, Equatable {
            let name: String
            let property: String?
        }

        init(_ text: String) {
            self.text = text
            fromTop = text.first == "."
            path = text == "." ? [] : text.split(separator: ".").map {
                let name = String($0), property = TemplateKey.camelCase(name)
                return Key(name: name, property: property == name ? nil : property)
            }
        }
    }

    indirect enum Token: Sendable {
        case text(String)
        case variable(Name, escaped: Bool)
        case section(Name, [Token])
        case invertedSection(Name, [Token])
        /// A standalone partial carries the indentation it stands at (added to each of its lines).
        case partial(String, indentation: String?)
        case contentType(ContentType)
    }

    let tokens: [Token]

    struct ParseError: Error, Sendable {
        let line: Int
        let column: Int
        let reason: String
    }

    init(_ text: String) throws(ParseError) {
        var reader = Reader(Array(text))
        do {
            tokens = try Self.parse(&reader, state: State())
        } catch {
            let (line, column) = reader.place()
            throw ParseError(line: line, column: column, reason: error.reason)
        }
    }
}

// MARK: - Parsing (swift-mustache's algorithm, step for step)

extension Template {
    fileprivate struct Failure: Error {
        let reason: String
        static let overflow = Failure(reason: "ends inside a tag")
        static let unfinishedName = Failure(reason: "has a tag that is not closed, or a name with characters a name cannot hold")
        static let sectionCloseNameIncorrect = Failure(reason: "closes a section it did not open (the names differ)")
        static let expectedSectionEnd = Failure(reason: "leaves a section open (no {{/name}})")
        static let invalidSetDelimiter = Failure(reason: "has a malformed set-delimiter tag (expected {{=<% %>=}})")
        static let invalidConfigVariable = Failure(reason: "has a malformed or unknown pragma (expected {{% CONTENT_TYPE: MARKDOWN}}, HTML or TEXT)")
        static func unsupported(_ what: String) -> Failure {
            Failure(reason: "uses \(what), which gutcheck's templates do not support")
        }
    }

    fileprivate struct State {
        var sectionName: String?
        var newLine = true
        var startDelimiter: [Character] = ["{", "{"]
        var endDelimiter: [Character] = ["}", "}"]
    }

    fileprivate struct Reader {
        let chars: [Character]
        var position = 0

        init(_ chars: [Character]) { self.chars = chars }

        var atEnd: Bool { position == chars.count }
        /// The character at the reading position; NUL past the end.
        var current: Character { atEnd ? "\0" : chars[position] }

        mutating func advance() { position += 1 }

        @discardableResult
        mutating func read(while accept: (Character) -> Bool) -> String {
            let start = position
            while !atEnd, accept(chars[position]) { position += 1 }
            return String(chars[start..<position])
        }

        /// Up to (not including) the first character `stop` accepts; the rest when none does,
        /// or an overflow when `throwing`.
        mutating func read(until stop: (Character) -> Bool, throwing: Bool) throws(Failure) -> String {
            let start = position
            while !atEnd {
                if stop(chars[position]) { return String(chars[start..<position]) }
                position += 1
            }
            if throwing {
                position = start
                throw .overflow
            }
            return String(chars[start..<position])
        }

        /// Reads `string` if it is next; an overflow when fewer characters are left.
        mutating func read(_ string: [Character]) throws(Failure) -> Bool {
            guard chars.count - position >= string.count else { throw .overflow }
            guard chars[position..<position + string.count].elementsEqual(string) else { return false }
            position += string.count
            return true
        }

        /// Reads `char` if it is next; an overflow at the end.
        mutating func read(_ char: Character) throws(Failure) -> Bool {
            guard !atEnd else { throw .overflow }
            guard chars[position] == char else { return false }
            position += 1
            return true
        }

        /// Past the end delimiter, wherever it is (a comment's end).
        mutating func skip(past delimiter: [Character]) throws(Failure) {
            let start = position
            var matched = 0
            while !atEnd {
                if chars[position] == delimiter[matched] {
                    matched += 1
                    if matched == delimiter.count {
                        position += 1
                        return
                    }
                } else {
                    matched = 0
                }
                position += 1
            }
            position = start
            throw .overflow
        }

        /// Line and column (1-based) of the reading position, counted as swift-mustache counts them.
        func place() -> (line: Int, column: Int) {
            var column = 0, i = position
            while i > 0 {
                i -= 1
                if chars[i] == "\n" { break }
                column += 1
            }
            let lines = chars[..<position].reduce(0) { $0 + ($1.isNewline ? 1 : 0) }
            return (lines + 1, column + 1)
        }
    }

    private static let nameCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
    private static let partialNameCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")

    fileprivate static func parse(_ reader: inout Reader, state: State) throws(Failure) -> [Token] {
        var tokens: [Token] = []
        var state = state
        var whiteSpaceBefore = ""
        while !reader.atEnd {
            if state.newLine { whiteSpaceBefore = reader.read { $0 == " " || $0 == "\t" } }
            let text = try readUntilDelimiterOrNewline(&reader, state: state)
            if reader.current.isNewline {
                tokens.append(.text(whiteSpaceBefore + text + String(reader.current)))
                state.newLine = true
                reader.advance()
                continue
            }
            if !text.isEmpty {
                tokens.append(.text(whiteSpaceBefore + text))
                whiteSpaceBefore = ""
                state.newLine = false
            }
            if reader.atEnd { break }
            var setNewLine = false
            /// Whitespace before a tag that is not alone on its line is text.
            func keepWhiteSpace() {
                if !whiteSpaceBefore.isEmpty {
                    tokens.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = ""
                }
            }
            switch reader.current {
            case "#", "^":
                let inverted = reader.current == "^"
                reader.advance()
                let name = try parseName(&reader, state: state)
                if isStandalone(&reader, state: state) { setNewLine = true } else { keepWhiteSpace() }
                var inner = state
                inner.sectionName = name
                if !setNewLine { inner.newLine = false }
                let body = try parse(&reader, state: inner)
                tokens.append(inverted ? .invertedSection(Name(name), body) : .section(Name(name), body))
            case "/":
                reader.advance()
                let position = reader.position
                let name = try parseName(&reader, state: state)
                guard name == state.sectionName else {
                    reader.position = position
                    throw .sectionCloseNameIncorrect
                }
                if !isStandalone(&reader, state: state) { keepWhiteSpace() }
                return tokens
            case "!":
                reader.advance()
                try reader.skip(past: state.endDelimiter)
                setNewLine = isStandalone(&reader, state: state)
            case "{", "&":
                let triple = reader.current == "{"
                keepWhiteSpace()
                reader.advance()
                let name = try parseName(&reader, state: state)
                if triple { guard try reader.read("}") else { throw .unfinishedName } }
                tokens.append(.variable(Name(name), escaped: false))
            case ">":
                reader.advance()
                reader.read(while: \.isWhitespace)
                if reader.current == "*" { throw .unsupported("a dynamic partial ({{>*name}})") }
                let name = try parsePartialName(&reader, state: state)
                if !whiteSpaceBefore.isEmpty { tokens.append(.text(whiteSpaceBefore)) }
                if isStandalone(&reader, state: state) {
                    setNewLine = true
                    tokens.append(.partial(name, indentation: whiteSpaceBefore))
                } else {
                    tokens.append(.partial(name, indentation: nil))
                }
                whiteSpaceBefore = ""
            case "<", "$":
                throw .unsupported("template inheritance ({{<name}} and {{$block}})")
            case "=":
                reader.advance()
                state = try parseSetDelimiter(&reader, state: state)
                setNewLine = isStandalone(&reader, state: state)
            case "%":
                reader.advance()
                tokens.append(.contentType(try parseContentType(&reader, state: state)))
                setNewLine = isStandalone(&reader, state: state)
            default:
                keepWhiteSpace()
                tokens.append(.variable(Name(try parseName(&reader, state: state)), escaped: true))
            }
            state.newLine = setNewLine
        }
        guard state.sectionName == nil else { throw .expectedSectionEnd }
        return tokens
    }

    /// Text up to the next start delimiter (read past it) or line end (not read).
    private static func readUntilDelimiterOrNewline(_ reader: inout Reader, state: State) throws(Failure) -> String {
        guard let first = state.startDelimiter.first else { return "" }
        var text = ""
        while !reader.atEnd {
            text += try reader.read(until: { $0 == "\n" || $0 == "\r\n" || $0 == first }, throwing: false)
            if reader.current.isNewline {
                break
            } else if reader.current == first {
                if try reader.read(state.startDelimiter) { break }
                text.append(first)
                reader.advance()
            }
        }
        return text
    }

    private static func parseName(_ reader: inout Reader, state: State) throws(Failure) -> String {
        reader.read(while: \.isWhitespace)
        let start = reader.position
        let text = reader.read { nameCharacters.contains($0) }
        reader.read(while: \.isWhitespace)
        guard try reader.read(state.endDelimiter) else { throw .unfinishedName }
        if text.contains("(") || text.contains(")") {
            reader.position = start
            throw .unsupported("a transform (name(…))")
        }
        return text
    }

    private static func parsePartialName(_ reader: inout Reader, state: State) throws(Failure) -> String {
        reader.read(while: \.isWhitespace)
        let text = reader.read { partialNameCharacters.contains($0) }
        reader.read(while: \.isWhitespace)
        guard try reader.read(state.endDelimiter) else { throw .unfinishedName }
        return text
    }

    private static func parseSetDelimiter(_ reader: inout Reader, state: State) throws(Failure) -> State {
        let start: String, end: String
        do {
            reader.read(while: \.isWhitespace)
            start = try reader.read(until: \.isWhitespace, throwing: true)
            reader.read(while: \.isWhitespace)
            end = try reader.read(until: { $0 == "=" || $0.isWhitespace }, throwing: true)
            reader.read(while: \.isWhitespace)
        } catch {
            throw .invalidSetDelimiter
        }
        guard try reader.read("=") else { throw .invalidSetDelimiter }
        guard try reader.read(state.endDelimiter) else { throw .invalidSetDelimiter }
        guard !start.isEmpty, !end.isEmpty else { throw .invalidSetDelimiter }
        var state = state
        state.startDelimiter = Array(start)
        state.endDelimiter = Array(end)
        return state
    }

    private static let configCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")

    private static func parseContentType(_ reader: inout Reader, state: State) throws(Failure) -> ContentType {
        let variable: String, value: String
        do {
            reader.read(while: \.isWhitespace)
            variable = reader.read { configCharacters.contains($0) }
            reader.read(while: \.isWhitespace)
            guard try reader.read(":") else { throw Failure.invalidConfigVariable }
            reader.read(while: \.isWhitespace)
            value = reader.read { configCharacters.contains($0) }
            reader.read(while: \.isWhitespace)
            guard try reader.read(state.endDelimiter) else { throw Failure.invalidConfigVariable }
        } catch {
            throw .invalidConfigVariable
        }
        guard variable == "CONTENT_TYPE" else { throw .invalidConfigVariable }
        switch value {
        case "HTML": return .html
        case "TEXT": return .text
        case "MARKDOWN": return .markdown
        default: throw .invalidConfigVariable
        }
    }

    /// A tag alone on its line (only blanks around it) vanishes with its line end.
    private static func isStandalone(_ reader: inout Reader, state: State) -> Bool {
        guard state.newLine else { return false }
        if reader.atEnd { return true }
        var ahead = reader
        ahead.read { $0 == " " || $0 == "\t" }
        guard ahead.current.isNewline else { return false }
        ahead.advance()
        reader.position = ahead.position
        return true
    }
}

/// `{{x}}` in an HTML template: the five characters swift-mustache escapes.
enum HTMLEscaping {
    static func escape(_ text: String) -> String {
        // Most values hold none of them: returned as they are, without a character walk.
        guard text.utf8.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for c in text {
            switch c {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}

// MARK: - Rendering (swift-mustache's semantics)

/// Templates by name, so each can include the others as partials.
struct TemplateLibrary: Sendable {
    let templates: [String: Template]

    /// Renders template `name` with `root` as the context; "" for a name the library lacks.
    func render(_ name: String, _ root: TemplateValue) -> String {
        guard let template = templates[name] else { return "" }
        var out = ""
        render(template.tokens, Context(stack: [root], contentType: .html, indentation: nil), into: &out)
        return out
    }

    private struct Context {
        var stack: [TemplateValue]
        var contentType: Template.ContentType
        var indentation: String?

        func pushing(_ value: TemplateValue) -> Context {
            var context = self
            context.stack.append(value)
            return context
        }

        /// The value a name stands for: the first value down the stack that has the name's
        /// first key (the top only for `.a`), then each further key inside it.
        func lookup(_ name: Template.Name) -> TemplateValue? {
            guard let first = name.path.first else { return stack.last }
            var value: TemplateValue?
            if name.fromTop {
                value = stack.last?.field(first)
            } else {
                for candidate in stack.reversed() {
                    if let found = candidate.field(first) {
                        value = found
                        break
                    }
                }
            }
            for key in name.path.dropFirst() {
                guard let inner = value?.field(key) else { return nil }
                value = inner
            }
            return value
        }
    }

    private func render(_ tokens: [Template.Token], _ context: Context, into out: inout String) {
        var context = context
        guard let indentation = context.indentation, !indentation.isEmpty else {
            for token in tokens { render(token, &context, into: &out) }
            return
        }
        // Inside an indented partial, each token that starts a line is indented (the
        // template's own text so far decides, as in swift-mustache).
        var text = ""
        for token in tokens {
            var piece = ""
            render(token, &context, into: &piece)
            if !piece.isEmpty, text.last == "\n" { text += indentation }
            text += piece
        }
        out += text
    }

    private func render(_ token: Template.Token, _ context: inout Context, into out: inout String) {
        switch token {
        case .text(let text):
            out += text
        case .variable(let name, let escaped):
            guard let value = context.lookup(name) else { return }
            let text = Self.text(of: value)
            out += escaped ? context.contentType.escape(text) : text
        case .section(let name, let body):
            switch context.lookup(name) {
            case .list(let items):
                for item in items { render(body, context.pushing(item), into: &out) }
            case .flag(let on):
                if on { render(body, context, into: &out) }
            case .some(let value):
                render(body, context.pushing(value), into: &out)
            case .none:
                break
            }
        case .invertedSection(let name, let body):
            switch context.lookup(name) {
            case .list(let items) where items.isEmpty: render(body, context.pushing(.list([])), into: &out)
            case .flag(false), .none: render(body, context, into: &out)
            default: break
            }
        case .partial(let name, let indented):
            guard let template = templates[name] else { return }
            // A partial starts in HTML, whatever the template including it set.
            let indentation = indented.map { (context.indentation ?? "") + $0 } ?? context.indentation
            render(template.tokens, Context(stack: context.stack, contentType: .html, indentation: indentation), into: &out)
        case .contentType(let type):
            context.contentType = type
        }
    }

    /// A value written into the text, as Swift describes it (a list as `["a", "b"]`).
    private static func text(of value: TemplateValue) -> String {
        switch value {
        case .text(let text): text
        case .flag(let on): on ? "true" : "false"
        case .list(let items): "[" + items.map { if case .text(let t) = $0 { t.debugDescription } else { text(of: $0) } }.joined(separator: ", ") + "]"
        case .object: ""
        }
    }
}
