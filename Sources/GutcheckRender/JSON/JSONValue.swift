import Foundation
import Yams

/// A JSON value with ordered keys, written by hand: `JSONEncoder` would sort keys
/// alphabetically at best and formats `Decimal` through `Double`, which can print
/// 1234.56 as 1234.5599999. Money must come out exact to the cent.
public indirect enum JSONValue: Sendable, Equatable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    /// A number already in JSON syntax.
    case number(String)
    case bool(Bool)
    case null

    /// Money: rounded once to the cent, half away from zero (SPEC §8.14).
    static func money(_ value: Decimal?) -> JSONValue {
        guard let value else { return .null }
        return .number(value.centsDescription)
    }

    /// A ratio or other measure, unrounded; null when undefined or not finite.
    static func ratio(_ value: Double?) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        return .number(value == 0 ? "0" : "\(value)")
    }

    static func int(_ value: Int) -> JSONValue { .number(String(value)) }

    static func text(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }

    /// Pretty-printed with two-space indents and a final newline.
    public func serialized() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        write(&out, indent: 0)
        out.append(UInt8(ascii: "\n"))
        return String(decoding: out, as: UTF8.self)
    }

    // Written as UTF-8 bytes: appending to a `String` piece by piece was most of the time
    // summary.json took (2.9 MB for 50 regions; docs/benchmarks.md).
    private func write(_ out: inout [UInt8], indent: Int) {
        switch self {
        case .object(let pairs):
            if pairs.isEmpty { out.append(contentsOf: "{}".utf8); return }
            out.append(contentsOf: "{\n".utf8)
            for (i, (key, value)) in pairs.enumerated() {
                Self.pad(&out, indent + 1)
                JSONValue.quote(key, into: &out)
                out.append(contentsOf: ": ".utf8)
                value.write(&out, indent: indent + 1)
                if i + 1 < pairs.count { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "\n"))
            }
            Self.pad(&out, indent)
            out.append(UInt8(ascii: "}"))
        case .array(let items):
            if items.isEmpty { out.append(contentsOf: "[]".utf8); return }
            if items.allSatisfy({ $0.isScalar }) {
                out.append(UInt8(ascii: "["))
                for (i, v) in items.enumerated() {
                    if i > 0 { out.append(contentsOf: ", ".utf8) }
                    v.write(&out, indent: 0)
                }
                out.append(UInt8(ascii: "]"))
                return
            }
            out.append(contentsOf: "[\n".utf8)
            // A long list of large objects (summary.json's regions) is written on every core,
            // each element into its own bytes, then joined in order: the same bytes, sooner.
            let texts = items.count >= 16 && indent <= 1 ? JSONValue.writeConcurrently(items, indent: indent + 1) : nil
            for (i, value) in items.enumerated() {
                Self.pad(&out, indent + 1)
                if let texts { out.append(contentsOf: texts[i]) } else { value.write(&out, indent: indent + 1) }
                if i + 1 < items.count { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "\n"))
            }
            Self.pad(&out, indent)
            out.append(UInt8(ascii: "]"))
        case .string(let s): JSONValue.quote(s, into: &out)
        case .number(let n): out.append(contentsOf: n.utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        }
    }

    private static func pad(_ out: inout [UInt8], _ indent: Int) {
        for _ in 0..<(indent * 2) { out.append(UInt8(ascii: " ")) }
    }

    private static func writeConcurrently(_ items: [JSONValue], indent: Int) -> [[UInt8]] {
        items.concurrentMap { item in
            var bytes: [UInt8] = []
            item.write(&bytes, indent: indent)
            return bytes
        }
    }

    private var isScalar: Bool {
        switch self {
        case .object, .array: return false
        default: return true
        }
    }

    static func quote(_ s: String) -> String {
        var out: [UInt8] = []
        quote(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the string as a JSON string; most need no escape and are copied whole.
    static func quote(_ s: String, into out: inout [UInt8]) {
        let plain = s.utf8.allSatisfy { $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") && $0 != 0xE2 }
        if plain {
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: s.utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
        out.append(contentsOf: escaped(s).utf8)
    }

    private static func escaped(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension JSONValue {
    /// The value under `key` of an object (the first, if repeated).
    subscript(key: String) -> JSONValue? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// A number's value as a ratio.
    var double: Double? {
        if case .number(let n) = self { return Double(n) }
        return nil
    }

    /// A number's exact value (money is written exactly, to the cent).
    var decimal: Decimal? {
        if case .number(let n) = self { return Decimal(string: n, locale: Locale(identifier: "en_US_POSIX")) }
        return nil
    }

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case let (.object(x), .object(y)): return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case let (.array(x), .array(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.bool(x), .bool(y)): return x == y
        case (.null, .null): return true
        default: return false
        }
    }

    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    /// Reads JSON keeping key order and number text, so a summary read back and written
    /// again is byte-identical (Foundation's JSONSerialization keeps neither). JSON is
    /// YAML, so libyaml (through Yams) does the parsing; this only maps its tree and
    /// refuses what YAML allows and JSON does not.
    static func parse(_ bytes: [UInt8]) throws(ParseError) -> JSONValue {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw ParseError(description: "is not UTF-8 text") }
        // A flow collection at the root keeps everything inside it flow (YAML has no block
        // collections within flow ones); Yams does not report a collection's style reliably.
        guard let firstByte = bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }),
            firstByte == UInt8(ascii: "{") || firstByte == UInt8(ascii: "[")
        else { throw ParseError(description: "is not a JSON object or array") }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw ParseError(description: "is not valid JSON: \(error)")
        }
        guard let node else { throw ParseError(description: "is empty") }
        return try value(node)
    }

    private static func value(_ node: Node) throws(ParseError) -> JSONValue {
        switch node {
        case .mapping(let mapping):
            var pairs: [(String, JSONValue)] = []
            for (key, item) in mapping {
                guard case .scalar(let k) = key, k.style == .doubleQuoted else { throw ParseError(description: "is not JSON (a key that is not a string)") }
                pairs.append((k.string, try value(item)))
            }
            return .object(pairs)
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for item in sequence { items.append(try value(item)) }
            return .array(items)
        case .scalar(let scalar):
            if scalar.style == .doubleQuoted { return .string(scalar.string) }
            guard scalar.style == .plain else { throw ParseError(description: "is not JSON (a YAML scalar)") }
            switch scalar.string {
            case "null": return .null
            case "true": return .bool(true)
            case "false": return .bool(false)
            case let n where isNumber(n): return .number(n)
            default: throw ParseError(description: "is not JSON (the bare word '\(scalar.string.prefix(40))')")
            }
        case .alias:
            throw ParseError(description: "is not JSON (a YAML alias)")
        }
    }

    /// JSON's number grammar.
    private static func isNumber(_ text: String) -> Bool {
        text.range(of: #"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$"#, options: .regularExpression) != nil
    }
}
