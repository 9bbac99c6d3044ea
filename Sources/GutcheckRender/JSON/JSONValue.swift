import Foundation

/// A JSON value with ordered keys, written by hand: `JSONEncoder` would sort keys
/// alphabetically at best and formats `Decimal` through `Double`, which can print
/// 1234.56 as 1234.5599999. Money must come out exact to the cent.
public indirect enum JSONValue: Sendable {
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
        let rounded = value.cents
        return .number(rounded.isZero ? "0" : rounded.description)
    }

    /// A ratio or other measure, unrounded; null when undefined or not finite.
    static func ratio(_ value: Double?) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        return .number(value == 0 ? "0" : "\(value)")
    }

    static func decimal(_ value: Decimal?) -> JSONValue { ratio(value?.double) }

    static func int(_ value: Int) -> JSONValue { .number(String(value)) }

    static func text(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }

    /// Pretty-printed with two-space indents and a final newline.
    public func serialized() -> String {
        var out = ""
        write(&out, indent: 0)
        return out + "\n"
    }

    private func write(_ out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1)
        let closePad = String(repeating: "  ", count: indent)
        switch self {
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{\n"
            for (i, (key, value)) in pairs.enumerated() {
                out += pad + JSONValue.quote(key) + ": "
                value.write(&out, indent: indent + 1)
                out += i + 1 < pairs.count ? ",\n" : "\n"
            }
            out += closePad + "}"
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            if items.allSatisfy({ $0.isScalar }) {
                out += "[" + items.map { v -> String in var s = ""; v.write(&s, indent: 0); return s }.joined(separator: ", ") + "]"
                return
            }
            out += "[\n"
            for (i, value) in items.enumerated() {
                out += pad
                value.write(&out, indent: indent + 1)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += closePad + "]"
        case .string(let s): out += JSONValue.quote(s)
        case .number(let n): out += n
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        }
    }

    private var isScalar: Bool {
        switch self {
        case .object, .array: return false
        default: return true
        }
    }

    static func quote(_ s: String) -> String {
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
