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

/// An optional's value, or nil: Mirror hands optionals over boxed.
private func unwrapped(_ value: Any) -> Any? {
    let mirror = Mirror(reflecting: value)
    guard mirror.displayStyle == .optional else { return value }
    return mirror.children.first.map { unwrapped($0.value) } ?? nil
}
