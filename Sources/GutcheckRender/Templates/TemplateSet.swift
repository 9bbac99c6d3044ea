import Foundation
import Mustache

/// The Mustache templates a report is rendered with: the built-in defaults (embedded in the
/// binary, so an installed `gutcheck` needs no source tree) or a user's copies from
/// `--templates DIR`, where any file present replaces the default of the same name.
public struct TemplateSet: Sendable {
    public static let names = ["region.md", "index.md", "page.html", "leader_words", "job_summary.md", "packet.html",
                               "packet_summary.md", "packet_region.html", "methods.md", "owners_rollup"]

    let library: MustacheLibrary

    public struct LoadError: Error, CustomStringConvertible, Sendable {
        public let file: String
        public let line: Int
        public let column: Int
        public let reason: String
        public var description: String { "\(file):\(line):\(column): error: template \(reason)" }
    }

    /// - Parameter overrides: template name → source text (with the `.mustache` file name as given).
    public init(overrides: [String: (file: String, text: String)] = [:]) throws(LoadError) {
        _ = MarkdownEscaping.registered
        var library = MustacheLibrary()
        for name in Self.names {
            let (file, text) = overrides[name] ?? ("\(name).mustache (built in)", DefaultTemplates.all[name]!)
            do {
                library.register(try MustacheTemplate(string: text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                throw LoadError(file: file, line: error.context.lineNumber, column: error.context.columnNumber,
                                reason: "could not be parsed: \(error.error)")
            } catch {
                throw LoadError(file: file, line: 1, column: 1, reason: "could not be parsed: \(error)")
            }
        }
        self.library = library
    }

    func render(_ name: String, _ context: Any) -> String {
        library.render(context, withTemplate: name) ?? ""
    }
}
