/// A view model as a template sees it: text, a flag, a list or an object of named fields.
/// Built from the model's `Encodable` form (the compiler writes it; no reflection), with each
/// field under its Swift name (`firstHalfShare`); a template's snake_case key finds it
/// through `Template.Name.Key.property`. A nil optional is no field at all.
enum TemplateValue: Sendable {
    /// A string, or a number written as Swift writes it.
    case text(String)
    case flag(Bool)
    case list([TemplateValue])
    case object([String: TemplateValue])

    init(_ model: some Encodable) {
        let encoder = ValueEncoder()
        try? model.encode(to: encoder)  // ValueEncoder never throws
        self = encoder.value
    }

    /// The field a key names: its own spelling first, then the property it stands for.
    func field(_ key: Template.Name.Key) -> TemplateValue? {
        guard case .object(let fields) = self else { return nil }
        if let value = fields[key.name] { return value }
        return key.property.flatMap { fields[$0] }
    }
}

// MARK: - The encoder

/// Collects one value: a keyed container makes it an object, an unkeyed one a list, a
/// single-value container text or a flag.
private final class ValueEncoder: Encoder {
    /// A container's contents, turned into a value when the whole model is encoded.
    final class Fields { var values: [String: Part] = [:] }
    final class Items { var values: [Part] = [] }
    enum Part {
        case done(TemplateValue), fields(Fields), items(Items), encoder(ValueEncoder)

        var value: TemplateValue {
            switch self {
            case .done(let v): v
            case .fields(let f): .object(f.values.mapValues(\.value))
            case .items(let i): .list(i.values.map(\.value))
            case .encoder(let e): e.value
            }
        }
    }

    var storage = Part.done(.object([:]))
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    var value: TemplateValue { storage.value }

    static func encode<T: Encodable>(_ value: T) -> TemplateValue {
        if let text = value as? String { return .text(text) }  // the common leaf, without an encoder
        let encoder = ValueEncoder()
        try? value.encode(to: encoder)
        return encoder.value
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .fields(let f) = storage { return KeyedEncodingContainer(Keyed(fields: f)) }
        let f = Fields()
        storage = .fields(f)
        return KeyedEncodingContainer(Keyed(fields: f))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .items(let i) = storage { return Unkeyed(items: i) }
        let i = Items()
        storage = .items(i)
        return Unkeyed(items: i)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(encoder: self) }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let fields: Fields
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil(forKey key: Key) {}
        mutating func encode(_ value: Bool, forKey key: Key) { fields.values[key.stringValue] = .done(.flag(value)) }
        mutating func encode(_ value: String, forKey key: Key) { fields.values[key.stringValue] = .done(.text(value)) }
        mutating func encode(_ value: Int, forKey key: Key) { fields.values[key.stringValue] = .done(.text(String(value))) }
        mutating func encode(_ value: Double, forKey key: Key) { fields.values[key.stringValue] = .done(.text(String(describing: value))) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) { fields.values[key.stringValue] = .done(ValueEncoder.encode(value)) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let inner = Fields()
            fields.values[key.stringValue] = .fields(inner)
            return KeyedEncodingContainer(Keyed<NestedKey>(fields: inner))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let inner = Items()
            fields.values[key.stringValue] = .items(inner)
            return Unkeyed(items: inner)
        }
        mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }
        mutating func superEncoder(forKey key: Key) -> any Encoder {
            let inner = ValueEncoder()
            fields.values[key.stringValue] = .encoder(inner)
            return inner
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let items: Items
        var codingPath: [any CodingKey] { [] }
        var count: Int { items.values.count }

        mutating func encodeNil() {}
        mutating func encode(_ value: Bool) { items.values.append(.done(.flag(value))) }
        mutating func encode(_ value: String) { items.values.append(.done(.text(value))) }
        mutating func encode(_ value: Int) { items.values.append(.done(.text(String(value)))) }
        mutating func encode<T: Encodable>(_ value: T) { items.values.append(.done(ValueEncoder.encode(value))) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let inner = Fields()
            items.values.append(.fields(inner))
            return KeyedEncodingContainer(Keyed<NestedKey>(fields: inner))
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let inner = Items()
            items.values.append(.items(inner))
            return Unkeyed(items: inner)
        }
        mutating func superEncoder() -> any Encoder {
            let inner = ValueEncoder()
            items.values.append(.encoder(inner))
            return inner
        }
    }

    struct Single: SingleValueEncodingContainer {
        let encoder: ValueEncoder
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil() {}
        mutating func encode(_ value: Bool) { encoder.storage = .done(.flag(value)) }
        mutating func encode(_ value: String) { encoder.storage = .done(.text(value)) }
        mutating func encode(_ value: Int) { encoder.storage = .done(.text(String(value))) }
        mutating func encode(_ value: Double) { encoder.storage = .done(.text(String(describing: value))) }
        mutating func encode<T: Encodable>(_ value: T) { encoder.storage = .done(ValueEncoder.encode(value)) }
    }
}
