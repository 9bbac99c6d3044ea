import ArgumentParser
import Foundation
import GutcheckCore
import GutcheckRender

/// The `gutcheck` command line. `run(_:)` is the whole program, callable from tests.
public struct GutcheckCommand: ParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "gutcheck",
        abstract: "Mid-year gut-check reports from a sales plan (YAML) and results (CSV).",
        discussion: "Exit status: 0 success; 1 the inputs have errors (nothing written); 2 usage error; 3 a region is at or below the --fail-on status (reports are written).",
        version: version,
        subcommands: [Report.self, Check.self, RollupCommand.self, InitCommand.self, ReplanCommand.self, QuestionsCommand.self])

    public init() {}

    /// Parses and runs; returns the exit status.
    public static func run(_ arguments: [String]) -> Int32 {
        let console = Console.current
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let failure as InputFailure {
            return failure.status
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { console.out(message) }
                return 0
            }
            if !message.isEmpty { console.err(message) }
            // ArgumentParser says 64 for usage errors; the spec says 2.
            return code == .validationFailure || code.rawValue == 64 ? 2 : code.rawValue
        }
    }
}

/// The inputs had errors (already printed): exit 1.
struct InputFailure: Error {
    var status: Int32 = 1
}

/// Prints an error the one way every error is printed (`file:1:1: error: …`, through
/// `Diagnostic`, control characters escaped) and returns the exit to throw.
func inputFailure(_ message: String, file: String?, status: Int32 = 1) -> InputFailure {
    Console.current.err(Diagnostic(.error, message, at: file.map { SourceLocation(file: $0, line: 1, column: 1) }).formatted)
    return InputFailure(status: status)
}

/// `--fail-on`, shared by `report`, `check` and `rollup`.
struct Gating: ParsableArguments {
    @Option(name: .customLong("fail-on"), help: ArgumentHelp(
        "Exit with status 3 when any region's revenue is at this status or worse: off_track or at_risk. Default: results never fail the run.",
        valueName: "status"))
    var failOn: FailOn?

    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case offTrack = "off_track", atRisk = "at_risk"
    }

    /// Regions that trip `--fail-on`, printed; throws the distinct exit status 3.
    func gate(_ rollup: Rollup) throws {
        guard let failOn else { return }
        let failing = rollup.regions.filter {
            $0.revenue.status == .offTrack || (failOn == .atRisk && $0.revenue.status == .atRisk)
        }
        guard !failing.isEmpty else { return }
        let list = failing.map { "\($0.id) (\($0.revenue.status?.rawValue ?? "no plan to date"))" }.joined(separator: ", ")
        Console.current.err("gutcheck: --fail-on \(failOn.rawValue): \(list)")
        throw InputFailure(status: 3)
    }
}


enum GitHubAnnotation {
    static func line(_ d: Diagnostic) -> String {
        let kind = d.severity == .error ? "error" : "warning"
        guard let at = d.location else { return "::\(kind)::\(escapeData(d.message))" }
        return "::\(kind) file=\(escapeProperty(at.file)),line=\(at.line),col=\(at.column)::\(escapeData(d.message))"
    }

    static func escapeData(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}

struct QuestionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "questions", abstract: "List the gut-check questions and how each is answered.")

    func run() throws {
        for q in Questions.all {
            var line = "\(q.number). \(q.text)\n   From the data: \(q.answeredBy)."
            if let key = q.wordsKey { line += "\n   In the leader's words: midyear.\(key)" }
            Console.current.out(line)
        }
    }
}

extension Paper: ExpressibleByArgument {}
