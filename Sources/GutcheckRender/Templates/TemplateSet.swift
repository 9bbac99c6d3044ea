import Foundation
import Synchronization

/// The Mustache templates a report is rendered with: the built-in defaults (embedded in the
/// binary, so an installed `gutcheck` needs no source tree) or a user's copies from
/// `--templates DIR`, where any file present replaces the default of the same name.
public struct TemplateSet: Sendable {
    public static let names = ["region.md", "index.md", "page.html", "leader_words", "job_summary.md", "packet.html",
                               "packet_summary.md", "packet_region.html", "methods.md", "owners_rollup", "base_css"]

    private let box: Box
    /// Notes the keys each template's context offers (tests check every key a template
    /// names is one its model has: Mustache renders a misspelt key as nothing).
    var recorder: KeyRecorder?

    final class KeyRecorder: Sendable {
        let keys = Mutex<[String: Set<String>]>([:])
        func record(_ name: String, _ model: some TemplateModel) {
            let found = Self.keys(of: model)
            keys.withLock { $0[name, default: []].formUnion(found) }
        }

        /// Every key a template could name in this model's tree (snake_case, nested models and
        /// lists of them included). By reflection, unlike rendering, so that an optional that is
        /// nil in this run still counts; what it would hold is not seen.
        static func keys(of model: Any) -> Set<String> {
            var keys: Set<String> = []
            func walk(_ value: Any) {
                if value is any TemplateModel {
                    for child in Mirror(reflecting: value).children {
                        guard let label = child.label else { continue }
                        keys.insert(TemplateKey.snakeCase(label))
                        walk(child.value)
                    }
                } else if Mirror(reflecting: value).displayStyle == .optional {
                    Mirror(reflecting: value).children.first.map { walk($0.value) }
                } else if let list = value as? [Any] {
                    list.forEach(walk)
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
    }

    public struct LoadError: Error, CustomStringConvertible, Sendable {
        public let file: String
        public let line: Int
        public let column: Int
        public let reason: String
        public var description: String { "\(file):\(line):\(column): error: template \(reason)" }
    }

    /// The parsed library, made on first use: a run that writes only summary.json parses no template.
    private final class Box: Sendable {
        let sources: [String: String]
        private let parsed = Mutex<TemplateLibrary?>(nil)

        init(sources: [String: String]) { self.sources = sources }

        var library: TemplateLibrary {
            parsed.withLock { parsed in
                if let parsed { return parsed }
                // Every source was parsed once already (user templates in init, the built-in ones
                // by the tests), so a failure here cannot happen.
                let library = TemplateLibrary(templates: sources.compactMapValues { try? Template($0) })
                parsed = library
                return library
            }
        }
    }

    /// - Parameter overrides: template name → source text (with the `.mustache` file name as given).
    public init(overrides: [String: (file: String, text: String)] = [:]) throws(LoadError) {
        var sources: [String: String] = [:]
        for name in Self.names {
            if let (file, text) = overrides[name] {
                // A user's template is checked now, so a mistake stops the run before any work.
                do {
                    _ = try Template(text)
                } catch {
                    throw LoadError(file: file, line: error.line, column: error.column, reason: error.reason)
                }
                sources[name] = text
            } else {
                sources[name] = DefaultTemplates.all[name]!
            }
        }
        try Self.refuseCycles(sources, overrides: overrides)
        box = Box(sources: sources)
    }

    /// The partials a template includes (`{{> name}}`), with where each is written.
    static func partials(in text: String) -> [(name: String, line: Int, column: Int)] {
        var result: [(String, Int, Int)] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                let after = rest[open.upperBound...].drop { $0 == " " }
                guard after.first == ">", let close = after.range(of: "}}") else { rest = rest[open.upperBound...]; continue }
                let name = after[after.index(after: after.startIndex)..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                result.append((name, index + 1, line.distance(from: line.startIndex, to: open.lowerBound) + 1))
                rest = after[close.upperBound...]
            }
        }
        return result
    }

    /// A partial that includes itself, directly or through others, would recurse until the
    /// stack runs out (gutcheck's data has no end to recurse towards): refused at load, at the
    /// include that closes the loop.
    static func refuseCycles(_ sources: [String: String], overrides: [String: (file: String, text: String)]) throws(LoadError) {
        var done: Set<String> = []
        func visit(_ name: String, _ path: [String]) throws(LoadError) {
            guard !done.contains(name), let text = sources[name] else { return }
            for include in partials(in: text) {
                if include.name == name || path.contains(include.name) {
                    let loop = (path + [name, include.name]).drop { $0 != include.name }.joined(separator: " → ")
                    throw LoadError(file: overrides[name]?.file ?? "\(name).mustache", line: include.line, column: include.column,
                                    reason: "includes itself (\(loop)); a partial may not include itself, directly or through others")
                }
                try visit(include.name, path + [name])
            }
            done.insert(name)
        }
        for name in names { try visit(name, []) }
    }

    /// Renders template `name` (one of `names`, so always in the library) with a typed context.
    func render(_ name: String, _ context: some TemplateModel) -> String {
        recorder?.record(name, context)
        return box.library.render(name, TemplateValue(context))
    }
}
