import Foundation

/// Codable models to and from `JSONValue`, so summary.json's blocks are typed structs that
/// the writer encodes and every reader decodes — no string-keyed lookups.
///
/// Written by hand rather than through `JSONEncoder`/`JSONDecoder`: those lose key order
/// (the file's bytes must not change between runs) and format `Decimal` through `Double`.
/// Here keys come out in the order a model encodes them (declaration order for synthesized
/// conformances), `nil` is written as `null` (summary.json writes every key it knows), and
/// a `JSONScalar` (money to the cent, exact decimals, dates) writes its own JSON value.
enum JSONModel {
    /// Where a block is damaged or missing, as a path such as `regions[emea].rollup.revenue.goal`.
    struct Damaged: Error, Equatable {
        var path: String
    }

    static func encode<T: Encodable>(_ value: T) -> JSONValue {
        do {
            return try Encoding.slot(of: value).value
        } catch {
            // The models' conformances never throw; a failure here is a programming error.
            preconditionFailure("a summary model failed to encode: \(error)")
        }
    }

    /// Decodes `T` from `json`; a failure names its place under `path`.
    static func decode<T: Decodable>(_ type: T.Type, from json: JSONValue?, at path: String) throws(Damaged) -> T {
        guard let json else { throw Damaged(path: path) }
        do {
            return try T(from: Decoding.Decoder(value: json, codingPath: []))
        } catch let error as DecodingError {
            let context: DecodingError.Context?
            switch error {
            case .dataCorrupted(let c), .keyNotFound(_, let c), .typeMismatch(_, let c), .valueNotFound(_, let c): context = c
            @unknown default: context = nil
            }
            throw Damaged(path: Self.path(path, context?.codingPath ?? []))
        } catch let error as Damaged {
            throw error
        } catch {
            throw Damaged(path: path)
        }
    }

    static func path(_ base: String, _ codingPath: [any CodingKey]) -> String {
        codingPath.reduce(base) { path, key in
            if let i = key.intValue, key.stringValue == "Index \(i)" || key.stringValue == String(i) { return "\(path)[\(i)]" }
            return path.isEmpty ? key.stringValue : "\(path).\(key.stringValue)"
        }
    }
}

/// A value that is one JSON scalar of its own making: money rounded to the cent, an exact
/// decimal as a string, a date. Both directions: `init?(json:)` refuses what it would not write.
protocol JSONScalar: Codable {
    var json: JSONValue { get }
    init?(json: JSONValue)
}

extension JSONScalar {
    func encode(to encoder: any Encoder) throws {
        // summary.json's encoder takes the JSON value as it is.
        if let encoder = encoder as? Encoding.Encoder {
            encoder.ref.slot = .value(json)
            return
        }
        // Through any other encoder, as the nearest plain value.
        var c = encoder.singleValueContainer()
        switch json {
        case .string(let s): try c.encode(s)
        case .bool(let b): try c.encode(b)
        case .number(let n): try c.encode(Double(n) ?? 0)
        case .null: try c.encodeNil()
        case .object, .array: throw EncodingError.invalidValue(self, .init(codingPath: encoder.codingPath, debugDescription: "not a scalar"))
        }
    }

    init(from decoder: any Decoder) throws {
        guard let decoder = decoder as? Decoding.Decoder, let value = Self(json: decoder.value) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unexpected value"))
        }
        self = value
    }
}

extension JSONValue: Codable {
    public func encode(to encoder: any Encoder) throws {
        guard let encoder = encoder as? Encoding.Encoder else {
            throw EncodingError.invalidValue(self, .init(codingPath: encoder.codingPath, debugDescription: "only through JSONModel"))
        }
        encoder.ref.slot = .value(self)
    }

    public init(from decoder: any Decoder) throws {
        guard let decoder = decoder as? Decoding.Decoder else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "only through JSONModel"))
        }
        self = decoder.value
    }
}

/// A JSON object whose keys are data (unknown values, open stages, plan rates), in the
/// order given: a `Dictionary` would write them in hash order.
struct KeyedList<Value: Codable>: Codable {
    var pairs: [(key: String, value: Value)]

    init(_ pairs: [(key: String, value: Value)]) { self.pairs = pairs }

    /// Sorted by key, the order summary.json writes such objects in.
    init(sorting dictionary: [String: Value]) { pairs = dictionary.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }

    var dictionary: [String: Value] { Dictionary(pairs, uniquingKeysWith: { first, _ in first }) }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyKey.self)
        for (key, value) in pairs { try c.encode(value, forKey: AnyKey(key)) }
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        pairs = try c.allKeys.map { ($0.stringValue, try c.decode(Value.self, forKey: $0)) }
    }
}

extension KeyedList: Sendable where Value: Sendable {}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ key: String) { stringValue = key }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}

private struct IndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { "Index \(intValue!)" }
    init(_ i: Int) { intValue = i }
    init?(stringValue: String) { return nil }
    init?(intValue: Int) { self.intValue = intValue }
}

// MARK: Encoding

// Encoding never fails on these models, so the encoder keeps no coding path (building one
// allocated an array per value written).
private enum Encoding {
    /// A value being built: finished, or a container still being filled.
    enum Slot {
        case value(JSONValue)
        case object(ObjectBox)
        case array(ArrayBox)

        var value: JSONValue {
            switch self {
            case .value(let v): return v
            case .object(let box): return .object(box.pairs.map { ($0.0, $0.1.value) })
            case .array(let box): return .array(box.items.map(\.value))
            }
        }
    }

    final class ObjectBox { var pairs: [(String, Slot)] = [] }
    final class ArrayBox { var items: [Slot] = [] }
    final class Ref { var slot: Slot? }

    static func slot<T: Encodable>(of value: T) throws -> Slot {
        // The common leaves by their type, compared as metadata: a protocol cast per value
        // (`as? any JSONScalar`) was a third of writing summary.json for 50 regions. Any other
        // scalar writes itself through `JSONScalar.encode(to:)`.
        if T.self == Cents.self { return .value((value as! Cents).json) }
        if T.self == String.self { return .value(.string(value as! String)) }
        if T.self == ExactDecimal.self { return .value((value as! ExactDecimal).json) }
        if T.self == Int.self { return .value(.int(value as! Int)) }
        if T.self == Bool.self { return .value(.bool(value as! Bool)) }
        if T.self == Double.self { return .value(.ratio(value as! Double)) }
        let ref = Ref()
        try value.encode(to: Encoder(ref: ref))
        return ref.slot ?? .value(.object([]))
    }

    struct Encoder: Swift.Encoder {
        let ref: Ref
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            let box: ObjectBox
            if case .object(let existing)? = ref.slot { box = existing } else { box = ObjectBox(); ref.slot = .object(box) }
            return KeyedEncodingContainer(Keyed(box: box))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            let box: ArrayBox
            if case .array(let existing)? = ref.slot { box = existing } else { box = ArrayBox(); ref.slot = .array(box) }
            return Unkeyed(box: box)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer { Single(ref: ref) }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let box: ObjectBox
        var codingPath: [any CodingKey] { [] }

        private func put(_ slot: Slot, _ key: Key) { box.pairs.append((key.stringValue, slot)) }

        mutating func encodeNil(forKey key: Key) throws { put(.value(.null), key) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { put(.value(.bool(value)), key) }
        mutating func encode(_ value: String, forKey key: Key) throws { put(.value(.string(value)), key) }
        mutating func encode(_ value: Double, forKey key: Key) throws { put(.value(.ratio(value)), key) }
        mutating func encode(_ value: Float, forKey key: Key) throws { put(.value(.ratio(Double(value))), key) }
        mutating func encode(_ value: Int, forKey key: Key) throws { put(.value(.int(value)), key) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { put(.value(.int(Int(value))), key) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { put(.value(.int(Int(value))), key) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { put(.value(.int(Int(value))), key) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { put(.value(.int(Int(value))), key) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { put(.value(.number(String(value))), key) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { put(.value(.int(Int(value))), key) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { put(.value(.int(Int(value))), key) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { put(.value(.int(Int(value))), key) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { put(.value(.number(String(value))), key) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            put(try Encoding.slot(of: value), key)
        }

        // summary.json writes a key it knows even when it has no value: nil is null, not absent.
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try encodeOrNull(value, key) }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try encodeOrNull(value, key) }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try encodeOrNull(value, key) }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try encodeOrNull(value, key) }
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try encodeOrNull(value, key) }

        private mutating func encodeOrNull<T: Encodable>(_ value: T?, _ key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let nested = ObjectBox()
            put(.object(nested), key)
            return KeyedEncodingContainer(Keyed<NestedKey>(box: nested))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let nested = ArrayBox()
            put(.array(nested), key)
            return Unkeyed(box: nested)
        }

        mutating func superEncoder() -> any Swift.Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

        mutating func superEncoder(forKey key: Key) -> any Swift.Encoder {
            let ref = Ref()
            let object = ObjectBox()
            ref.slot = .object(object)
            put(.object(object), key)
            return Encoder(ref: ref)
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let box: ArrayBox
        var codingPath: [any CodingKey] { [] }
        var count: Int { box.items.count }

        mutating func encodeNil() throws { box.items.append(.value(.null)) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            box.items.append(try Encoding.slot(of: value))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let nested = ObjectBox()
            box.items.append(.object(nested))
            return KeyedEncodingContainer(Keyed<NestedKey>(box: nested))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let nested = ArrayBox()
            box.items.append(.array(nested))
            return Unkeyed(box: nested)
        }

        mutating func superEncoder() -> any Swift.Encoder {
            let ref = Ref()
            let object = ObjectBox()
            ref.slot = .object(object)
            box.items.append(.object(object))
            return Encoder(ref: ref)
        }
    }

    struct Single: SingleValueEncodingContainer {
        let ref: Ref
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil() throws { ref.slot = .value(.null) }
        mutating func encode(_ value: Bool) throws { ref.slot = .value(.bool(value)) }
        mutating func encode(_ value: String) throws { ref.slot = .value(.string(value)) }
        mutating func encode(_ value: Double) throws { ref.slot = .value(.ratio(value)) }
        mutating func encode(_ value: Float) throws { ref.slot = .value(.ratio(Double(value))) }
        mutating func encode(_ value: Int) throws { ref.slot = .value(.int(value)) }
        mutating func encode(_ value: Int8) throws { ref.slot = .value(.int(Int(value))) }
        mutating func encode(_ value: Int16) throws { ref.slot = .value(.int(Int(value))) }
        mutating func encode(_ value: Int32) throws { ref.slot = .value(.int(Int(value))) }
        mutating func encode(_ value: Int64) throws { ref.slot = .value(.int(Int(value))) }
        mutating func encode(_ value: UInt) throws { ref.slot = .value(.number(String(value))) }
        mutating func encode(_ value: UInt8) throws { ref.slot = .value(.int(Int(value))) }
        mutating func encode(_ value: UInt16) throws { ref.slot = .value(.int(Int(value))) }
        mutating func encode(_ value: UInt32) throws { ref.slot = .value(.int(Int(value))) }
        mutating func encode(_ value: UInt64) throws { ref.slot = .value(.number(String(value))) }
        mutating func encode<T: Encodable>(_ value: T) throws { ref.slot = try Encoding.slot(of: value) }
    }
}

// MARK: Decoding

enum Decoding {
    struct Decoder: Swift.Decoder {
        let value: JSONValue
        var codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            guard case .object(let pairs) = value else { throw mismatch("an object", codingPath) }
            return KeyedDecodingContainer(Keyed(pairs: pairs, codingPath: codingPath))
        }

        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            guard case .array(let items) = value else { throw mismatch("an array", codingPath) }
            return Unkeyed(items: items, codingPath: codingPath)
        }

        func singleValueContainer() throws -> any SingleValueDecodingContainer { Single(value: value, codingPath: codingPath) }
    }

    static func mismatch(_ expected: String, _ path: [any CodingKey]) -> DecodingError {
        .dataCorrupted(.init(codingPath: path, debugDescription: "expected \(expected)"))
    }

    static func scalar<T: Decodable>(_ type: T.Type, _ value: JSONValue, _ path: [any CodingKey]) throws -> T {
        switch (type, value) {
        case (is String.Type, .string(let s)): return s as! T
        case (is Bool.Type, .bool(let b)): return b as! T
        case (is Int.Type, .number(let n)):
            guard let i = Int(n) else { throw mismatch("a whole number", path) }
            return i as! T
        case (is Double.Type, .number(let n)):
            guard let d = Double(n) else { throw mismatch("a number", path) }
            return d as! T
        case (is String.Type, _), (is Bool.Type, _), (is Int.Type, _), (is Double.Type, _):
            throw mismatch("\(type)", path)
        // The other number types decode from a number's text too: through their own
        // `init(from:)` they would ask this decoder for themselves again, without end.
        case (let t as any FixedWidthInteger.Type, _):
            guard case .number(let n) = value, let i = integer(t, n) else { throw mismatch("a whole number", path) }
            return i as! T
        case (is Float.Type, .number(let n)):
            guard let f = Float(n) else { throw mismatch("a number", path) }
            return f as! T
        case (is Decimal.Type, .number(let n)):
            guard let d = Decimal(string: n, locale: Locale(identifier: "en_US_POSIX")) else { throw mismatch("a number", path) }
            return d as! T
        case (is Float.Type, _), (is Decimal.Type, _):
            throw mismatch("a number", path)
        default:
            return try T(from: Decoder(value: value, codingPath: path))
        }
    }

    private static func integer<I: FixedWidthInteger>(_ type: I.Type, _ text: String) -> I? { I(text) }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let pairs: [(String, JSONValue)]
        var codingPath: [any CodingKey]

        var allKeys: [Key] { pairs.compactMap { Key(stringValue: $0.0) } }
        func contains(_ key: Key) -> Bool { pairs.contains { $0.0 == key.stringValue } }

        private func value(_ key: Key) throws -> JSONValue {
            guard let v = pairs.first(where: { $0.0 == key.stringValue })?.1 else {
                throw DecodingError.keyNotFound(key, .init(codingPath: codingPath + [key], debugDescription: "missing"))
            }
            return v
        }

        func decodeNil(forKey key: Key) throws -> Bool { try value(key) == .null }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try Decoding.scalar(type, try value(key), codingPath + [key])
        }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try Decoding.scalar(type, try value(key), codingPath + [key]) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try Decoding.scalar(type, try value(key), codingPath + [key]) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try Decoding.scalar(type, try value(key), codingPath + [key]) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try Decoding.scalar(type, try value(key), codingPath + [key]) }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try Decoder(value: try value(key), codingPath: codingPath + [key]).container(keyedBy: type)
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try Decoder(value: try value(key), codingPath: codingPath + [key]).unkeyedContainer()
        }
        func superDecoder() throws -> any Swift.Decoder { Decoder(value: .object(pairs), codingPath: codingPath) }
        func superDecoder(forKey key: Key) throws -> any Swift.Decoder { Decoder(value: try value(key), codingPath: codingPath + [key]) }
    }

    struct Unkeyed: UnkeyedDecodingContainer {
        let items: [JSONValue]
        var codingPath: [any CodingKey]
        var currentIndex = 0
        var count: Int? { items.count }
        var isAtEnd: Bool { currentIndex >= items.count }

        init(items: [JSONValue], codingPath: [any CodingKey]) {
            self.items = items
            self.codingPath = codingPath
        }

        private mutating func next() throws -> (JSONValue, [any CodingKey]) {
            let path = codingPath + [IndexKey(currentIndex)]
            guard !isAtEnd else { throw DecodingError.valueNotFound(Any.self, .init(codingPath: path, debugDescription: "past the end")) }
            defer { currentIndex += 1 }
            return (items[currentIndex], path)
        }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd, items[currentIndex] == .null else { return false }
            currentIndex += 1
            return true
        }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let (value, path) = try next()
            return try Decoding.scalar(type, value, path)
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            let (value, path) = try next()
            return try Decoder(value: value, codingPath: path).container(keyedBy: type)
        }
        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            let (value, path) = try next()
            return try Decoder(value: value, codingPath: path).unkeyedContainer()
        }
        mutating func superDecoder() throws -> any Swift.Decoder {
            let (value, path) = try next()
            return Decoder(value: value, codingPath: path)
        }
    }

    struct Single: SingleValueDecodingContainer {
        let value: JSONValue
        var codingPath: [any CodingKey]
        func decodeNil() -> Bool { value == .null }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try Decoding.scalar(type, value, codingPath) }
    }
}
