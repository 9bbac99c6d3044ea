import Foundation
import GutcheckCore

// The scalars of summary.json's models: each writes itself and reads back only what it writes.

/// An exact decimal as a JSON string of all its digits (the roll-up's inputs), so no JSON
/// reader turns it into binary floating point.
struct ExactDecimal: JSONScalar, Equatable, Sendable {
    var value: Decimal
    init(_ value: Decimal) { self.value = value }
    init?(_ value: Decimal?) {
        guard let value else { return nil }
        self.value = value
    }

    var json: JSONValue { .string(value.plainDescription) }

    init?(json: JSONValue) {
        // Decimal's own description, all 38 digits (more than a plan may write).
        guard case .string(let text) = json else { return nil }
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }),
            let d = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
        else { return nil }
        value = d
    }
}

/// Money rounded once to the cent, half away from zero (SPEC §8.14), as a JSON number.
struct Cents: JSONScalar, Equatable, Sendable {
    var value: Decimal
    init(_ value: Decimal) { self.value = value }
    init?(_ value: Decimal?) {
        guard let value else { return nil }
        self.value = value
    }

    var json: JSONValue { .money(value) }

    init?(json: JSONValue) {
        guard case .number(let text) = json, let d = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        value = d
    }
}

/// A key written only when it has a value, so reports that never have one keep their
/// bytes (keys are only ever added within a schema version); read back as nil when absent.
struct OmittedIfNil<Wrapped> {
    var value: Wrapped?
    init(_ value: Wrapped?) { self.value = value }
}

extension OmittedIfNil: Encodable where Wrapped: Encodable {
    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        if let value { try c.encode(value) } else { try c.encodeNil() }
    }
}

extension OmittedIfNil: Decodable where Wrapped: Decodable {
    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        value = c.decodeNil() ? nil : try c.decode(Wrapped.self)
    }
}

extension KeyedEncodingContainer {
    mutating func encode<T: Encodable>(_ value: OmittedIfNil<T>, forKey key: Key) throws {
        if let v = value.value { try encode(v, forKey: key) }
    }
}

extension KeyedDecodingContainer {
    func decode<T: Decodable>(_ type: OmittedIfNil<T>.Type, forKey key: Key) throws -> OmittedIfNil<T> {
        OmittedIfNil(try decodeIfPresent(T.self, forKey: key))
    }
}

extension OmittedIfNil: Sendable where Wrapped: Sendable {}
