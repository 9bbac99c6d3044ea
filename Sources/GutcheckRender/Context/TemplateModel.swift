/// A typed view model a template renders: presenters return plain structs; the template
/// sees their `Encodable` form as a `TemplateValue` (written by the compiler, no
/// reflection), where a key is the property's name in snake_case (`first_half_share` for
/// `firstHalfShare`); templates and docs/templates.md keep the snake_case names users write.
protocol TemplateModel: Encodable {}

/// A template's key as a property name and back: `first_half_share` ↔ `firstHalfShare`.
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
