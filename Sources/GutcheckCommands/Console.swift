import Foundation
import Synchronization

/// Where commands print, and the environment they read. Standard output and error and the
/// process's environment by default; tests install a capturing console (with their own
/// variables) with `Console.$current.withValue` and run commands in-process — no `setenv`.
public final class Console: Sendable {
    private let capture: Bool
    /// What a capturing console was given, on standard output and standard error.
    private let captured = Mutex((out: "", err: ""))

    /// The environment variables a command reads (`CI`, `GITHUB_STEP_SUMMARY`, `GUTCHECK_CHROMIUM`, `PATH`).
    public let environment: [String: String]

    public init(capture: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.capture = capture
        self.environment = environment
    }

    @TaskLocal public static var current = Console(capture: false)

    public var standardOutput: String { captured.withLock { $0.out } }
    public var standardError: String { captured.withLock { $0.err } }

    public func out(_ text: String, terminator: String = "\n") {
        if capture { captured.withLock { $0.out += text + terminator } } else { FileHandle.standardOutput.write(Data((text + terminator).utf8)) }
    }

    public func err(_ text: String) {
        if capture { captured.withLock { $0.err += text + "\n" } } else { FileHandle.standardError.write(Data((text + "\n").utf8)) }
    }
}
