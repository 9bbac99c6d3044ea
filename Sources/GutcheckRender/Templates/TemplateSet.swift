import Foundation
import Mustache

/// The Mustache templates a report is rendered with: the built-in defaults (embedded in the
/// binary, so an installed `gutcheck` needs no source tree) or a user's copies from
/// `--templates DIR`, where any file present replaces the default of the same name.
public struct TemplateSet: Sendable {
    public static let names = ["region.md", "index.md", "page.html", "leader_words", "job_summary.md", "packet.html",
                               "packet_summary.md", "packet_region.html", "methods.md", "owners_rollup"]

    private let box: Box

    public struct LoadError: Error, CustomStringConvertible, Sendable {
        public let file: String
        public let line: Int
        public let column: Int
        public let reason: String
        public var description: String { "\(file):\(line):\(column): error: template \(reason)" }
    }

    /// The parsed library, made on first use: a run that writes only summary.json parses no
    /// template (parsing them all was 3 % of a 1M-row `report --format json`).
    private final class Box: @unchecked Sendable {
        let sources: [String: String]
        private let lock = NSLock()
        private var parsed: MustacheLibrary?

        init(sources: [String: String]) { self.sources = sources }

        var library: MustacheLibrary {
            lock.lock()
            defer { lock.unlock() }
            if let parsed { return parsed }
            var library = MustacheLibrary()
            // Every source was parsed once already (user templates in init, the built-in ones
            // by the tests), so a failure here cannot happen.
            for (name, text) in sources { if let t = try? MustacheTemplate(string: text) { library.register(t, named: name) } }
            parsed = library
            return library
        }
    }

    /// - Parameter overrides: template name → source text (with the `.mustache` file name as given).
    public init(overrides: [String: (file: String, text: String)] = [:]) throws(LoadError) {
        _ = MarkdownEscaping.registered
        var sources: [String: String] = [:]
        for name in Self.names {
            if let (file, text) = overrides[name] {
                // A user's template is checked now, so a mistake stops the run before any work.
                do {
                    _ = try MustacheTemplate(string: text)
                } catch let error as MustacheTemplate.ParserError {
                    throw LoadError(file: file, line: error.context.lineNumber, column: error.context.columnNumber,
                                    reason: "could not be parsed: \(error.error)")
                } catch {
                    throw LoadError(file: file, line: 1, column: 1, reason: "could not be parsed: \(error)")
                }
                sources[name] = text
            } else {
                sources[name] = DefaultTemplates.all[name]!
            }
        }
        box = Box(sources: sources)
    }

    func render(_ name: String, _ context: Any) -> String {
        box.library.render(TemplateFields.snapshot(context) ?? context, withTemplate: name) ?? ""
    }
}
