import Mustache

/// The one adapter between typed view models and Mustache: a template names a key in
/// snake_case (`first_half_share`), the model has the property in camelCase
/// (`firstHalfShare`). Presenters return plain structs; templates and docs/templates.md
/// keep the snake_case names users write.
protocol TemplateModel: MustacheParent {}

extension TemplateModel {
    func child(named name: String) -> Any? {
        let key = Self.camelCase(name)
        for child in Mirror(reflecting: self).children where child.label == key {
            return unwrapped(child.value)
        }
        return nil
    }

    static func camelCase(_ name: String) -> String { TemplateKey.camelCase(name) }
}

/// A template's key as a property name: `first_half_share` → `firstHalfShare`.
enum TemplateKey {
    static func camelCase(_ name: String) -> String {
        guard name.contains("_") else { return name }
        var out = ""
        var upper = false
        for ch in name {
            if ch == "_" {
                upper = true
            } else {
                out += upper ? ch.uppercased() : String(ch)
                upper = false
            }
        }
        return out
    }
}

/// A model's stored properties, read by reflection once, for rendering: Mustache asks for
/// a key many times, and a `Mirror` walk per question was most of the time spent turning
/// 50 regions into Markdown (docs/benchmarks.md). Keys are looked up exactly as
/// `TemplateModel.child(named:)` does (snake_case to the camelCase property).
final class TemplateFields: MustacheParent {
    private let fields: [String: Any]

    private init(_ model: any TemplateModel) {
        var fields: [String: Any] = [:]
        for child in Mirror(reflecting: model).children {
            guard let label = child.label, let value = unwrapped(child.value) else { continue }
            let field = Self.snapshot(value) ?? value
            fields[label] = field
            // Also under the template's snake_case spelling, so a lookup needs no conversion.
            if label.utf8.contains(where: { $0 >= 65 && $0 <= 90 }) { fields[Self.snakeCase(label)] = field }
        }
        self.fields = fields
    }

    func child(named name: String) -> Any? {
        if let field = fields[name] { return field }
        // A miss (Mustache asks every context up the stack) converts only a key its
        // snake_case entry cannot stand for: "_" before a digit, or capitals.
        return Self.needsConversion(name) ? fields[TemplateKey.camelCase(name)] : nil
    }

    static func needsConversion(_ name: String) -> Bool {
        var afterUnderscore = false, underscore = false, capital = false
        for b in name.utf8 {
            if afterUnderscore && !(b >= 97 && b <= 122) { return true }
            afterUnderscore = b == 95
            underscore = underscore || b == 95
            capital = capital || (b >= 65 && b <= 90)
        }
        return afterUnderscore || (underscore && capital)
    }

    /// A model (or a list holding models) as fields; nil for any other value.
    static func snapshot(_ value: Any) -> Any? {
        if let model = value as? any TemplateModel { return TemplateFields(model) }
        if let list = value as? any TemplateModelList { return list.fields }
        return nil
    }

    /// Every key a template could name in this model's tree (snake_case, nested models and
    /// lists of them included; what a nil optional would hold is not seen).
    static func keys(of model: any TemplateModel) -> Set<String> {
        var keys: Set<String> = []
        func walk(_ value: Any) {
            if let model = value as? any TemplateModel {
                for child in Mirror(reflecting: model).children {
                    guard let label = child.label else { continue }
                    keys.insert(snakeCase(label))
                    if let inner = unwrapped(child.value) { walk(inner) }
                }
            } else if let list = value as? [Any] {
                for element in list { walk(element) }
            } else if let table = value as? [String: Any] {
                // A lookup table (the charts by name): its keys are the template's.
                for (key, element) in table {
                    keys.insert(key)
                    walk(element)
                }
            }
        }
        walk(model)
        return keys
    }

    /// `firstHalfShare` → `first_half_share`: the key a template writes for the property.
    static func snakeCase(_ label: String) -> String {
        var out = ""
        for ch in label {
            if ch.isUppercase {
                out += "_" + ch.lowercased()
            } else {
                out.append(ch)
            }
        }
        return out
    }
}

/// A list of models, turned into fields element by element.
private protocol TemplateModelList {
    var fields: [TemplateFields] { get }
}

extension Array: TemplateModelList where Element: TemplateModel {
    fileprivate var fields: [TemplateFields] { map { TemplateFields.snapshot($0) as! TemplateFields } }
}

/// An optional, whatever it wraps: Mirror hands optionals over boxed.
private protocol OptionalValue {
    var wrappedValue: Any? { get }
}

extension Optional: OptionalValue {
    fileprivate var wrappedValue: Any? { self.map { $0 as Any } }
}

/// An optional's value, or nil (a protocol check: a `Mirror` per value was a third of the snapshot).
private func unwrapped(_ value: Any) -> Any? {
    guard let optional = value as? any OptionalValue else { return value }
    return optional.wrappedValue.flatMap(unwrapped)
}
