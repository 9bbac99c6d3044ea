import Foundation
internal import CYaml
import Yams

/// A plan file as a YAML node tree, read strictly: one document, no anchors, aliases or
/// tags (a few bytes of aliases can expand to gigabytes), no duplicate keys, bounded nesting.
/// Those are refused in a pass over libyaml's event stream *before* Yams composes the tree,
/// because composing is where aliases explode; the pass also yields every position.
struct YAMLDocument {
    let root: Node
    let file: String

    static let maxDepth = 64

    /// nil when the text cannot be read; the reasons are in `diagnostics`.
    static func parse(_ bytes: [UInt8], file: String, diagnostics: inout Diagnostics) -> YAMLDocument? {
        var bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let (line, column) = TextPosition.firstInvalidUTF8(in: bytes)
            diagnostics.error(
                "the plan is not valid UTF-8 (byte column \(column)); save it as UTF-8",
                at: SourceLocation(file: file, line: line, column: column))
            return nil
        }
        guard scanEvents(bytes, file: file, diagnostics: &diagnostics) else { return nil }
        do {
            // The basic resolver: our readers take scalars as text (and the event pass already
            // refused duplicate keys), so resolving every scalar's tag by regular expression
            // — a fifth of a large plan's reading — is work thrown away.
            guard let root = try Yams.compose(yaml: text, .basic) else {
                diagnostics.error("the plan is empty; expected a mapping starting with 'gutcheck: 1'",
                                  at: SourceLocation(file: file, line: 1, column: 1))
                return nil
            }
            return YAMLDocument(root: root, file: file)
        } catch {
            // The event pass accepts what libyaml parses, so this is not expected.
            diagnostics.error("the plan could not be read as YAML: \(error)", at: SourceLocation(file: file, line: 1, column: 1))
            return nil
        }
    }

    private enum Frame {
        case mapping(keys: Set<String>, expectingKey: Bool)
        case sequence
    }

    /// Walks libyaml's events; returns false (with diagnostics) when the document must be refused.
    private static func scanEvents(_ bytes: [UInt8], file: String, diagnostics: inout Diagnostics) -> Bool {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return false }
        defer { yaml_parser_delete(&parser) }
        var ok = true
        func location(_ mark: yaml_mark_t) -> SourceLocation {
            SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
        }
        return bytes.withUnsafeBufferPointer { buffer -> Bool in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var stack: [Frame] = []
            var documents = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    let problem = parser.problem.map { String(cString: $0) } ?? "unreadable YAML"
                    let at: SourceLocation
                    if parser.error == YAML_READER_ERROR {
                        let (line, column) = TextPosition.lineColumn(ofByte: Int(parser.problem_offset), in: bytes)
                        at = SourceLocation(file: file, line: line, column: column)
                    } else {
                        at = location(parser.problem_mark)
                    }
                    diagnostics.error("YAML syntax: \(problem)", at: at)
                    return false
                }
                defer { yaml_event_delete(&event) }
                let at = location(event.start_mark)
                var anchor: UnsafeMutablePointer<yaml_char_t>? = nil
                var tag: UnsafeMutablePointer<yaml_char_t>? = nil
                var startsNode = false
                var scalarKey: String? = nil
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return ok
                case YAML_DOCUMENT_START_EVENT:
                    documents += 1
                    if documents > 1 {
                        diagnostics.error("a plan is one YAML document; found a second one", at: at)
                        return false
                    }
                case YAML_ALIAS_EVENT:
                    diagnostics.error("YAML aliases (*name) are not allowed in a plan; write the value out", at: at)
                    ok = false
                    startsNode = true
                case YAML_SCALAR_EVENT:
                    anchor = event.data.scalar.anchor
                    // An explicit tag only: plain and quoted scalars carry none unless written.
                    tag = event.data.scalar.tag
                    startsNode = true
                    let value = event.data.scalar.value.map {
                        String(decoding: UnsafeBufferPointer(start: $0, count: event.data.scalar.length), as: UTF8.self)
                    } ?? ""
                    scalarKey = value
                case YAML_MAPPING_START_EVENT:
                    anchor = event.data.mapping_start.anchor
                    tag = event.data.mapping_start.tag
                    startsNode = true
                case YAML_SEQUENCE_START_EVENT:
                    anchor = event.data.sequence_start.anchor
                    tag = event.data.sequence_start.tag
                    startsNode = true
                case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
                    _ = stack.popLast()
                default:
                    break
                }
                guard startsNode else { continue }
                if anchor != nil {
                    diagnostics.error("YAML anchors (&name) are not allowed in a plan; write each value out", at: at)
                    ok = false
                }
                if tag != nil {
                    let name = String(cString: tag!)
                    diagnostics.error("YAML tags (\(Quote.user(name))) are not allowed in a plan", at: at)
                    ok = false
                }
                if case .mapping(var keys, let expectingKey)? = stack.last {
                    if expectingKey {
                        if let key = scalarKey, event.type == YAML_SCALAR_EVENT {
                            if keys.contains(key) {
                                diagnostics.error("duplicate key \(Quote.user(key)); each key may appear once in a mapping", at: at)
                                ok = false
                            }
                            keys.insert(key)
                        } else {
                            diagnostics.error("a mapping key must be plain text", at: at)
                            ok = false
                        }
                    }
                    stack[stack.count - 1] = .mapping(keys: keys, expectingKey: !expectingKey)
                }
                if event.type == YAML_MAPPING_START_EVENT || event.type == YAML_SEQUENCE_START_EVENT {
                    if stack.count >= maxDepth {
                        diagnostics.error("the plan nests deeper than \(maxDepth) levels", at: at)
                        return false
                    }
                    stack.append(event.type == YAML_MAPPING_START_EVENT ? .mapping(keys: [], expectingKey: true) : .sequence)
                }
                if diagnostics.isFull { return false }
            }
        }
    }
}

/// Line and column arithmetic over raw bytes, for errors found before text is decoded.
enum TextPosition {
    /// 1-based line and 1-based column in Unicode scalars of the byte at `offset`.
    static func lineColumn(ofByte offset: Int, in bytes: [UInt8]) -> (Int, Int) {
        var line = 1
        var column = 1
        var i = 0
        let end = min(offset, bytes.count)
        while i < end {
            let b = bytes[i]
            if b == 0x0A || (b == 0x0D && (i + 1 >= bytes.count || bytes[i + 1] != 0x0A)) {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 && b != 0x0D {
                column += 1
            }
            i += 1
        }
        return (line, column)
    }

    /// Line and byte column of the first byte that is not valid UTF-8.
    static func firstInvalidUTF8(in bytes: [UInt8]) -> (Int, Int) {
        var line = 1
        var lineStart = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A { line += 1; lineStart = i + 1; i += 1; continue }
            let length = UTF8Validation.sequenceLength(bytes, at: i)
            if length == 0 { return (line, i - lineStart + 1) }
            i += length
        }
        return (line, i - lineStart + 1)
    }
}

enum UTF8Validation {
    /// Length of the valid UTF-8 sequence starting at `i`, or 0 if it is invalid.
    static func sequenceLength(_ bytes: some RandomAccessCollection<UInt8>, at i: Int) -> Int {
        let start = bytes.startIndex
        func byte(_ k: Int) -> UInt8? {
            let idx = bytes.index(start, offsetBy: i + k)
            return idx < bytes.endIndex ? bytes[idx] : nil
        }
        guard let b0 = byte(0) else { return 0 }
        if b0 < 0x80 { return 1 }
        let (length, low, high): (Int, UInt8, UInt8)
        switch b0 {
        case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
        case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (length, low, high) = (3, 0x80, 0xBF)
        case 0xED: (length, low, high) = (3, 0x80, 0x9F)
        case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
        case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
        case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
        default: return 0
        }
        guard let b1 = byte(1), b1 >= low, b1 <= high else { return 0 }
        for k in 2..<length {
            guard let b = byte(k), b & 0xC0 == 0x80 else { return 0 }
        }
        return length
    }
}
