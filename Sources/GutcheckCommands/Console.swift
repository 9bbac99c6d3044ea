import Foundation

/// Where commands print, and the environment they read. Standard output and error and the
/// process's environment by default; tests install a capturing console (with their own
/// variables) with `Console.$current.withValue` and run commands in-process — no `setenv`.
public final class Console: @unchecked Sendable {
    private let lock = NSLock()
    private let capture: Bool
    private var outText = ""
    private var errText = ""

    /// The environment variables a command reads (`CI`, `GITHUB_STEP_SUMMARY`, `GUTCHECK_CHROMIUM`, `PATH`).
    public let environment: [String: String]

    public init(capture: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.capture = capture
        self.environment = environment
    }

    @TaskLocal public static var current = Console(capture: false)

    public var standardOutput: String { lock.withLock { outText } }
    public var standardError: String { lock.withLock { errText } }

    public func out(_ text: String, terminator: String = "\n") {
        if capture { lock.withLock { outText += text + terminator } } else { FileHandle.standardOutput.write(Data((text + terminator).utf8)) }
    }

    public func err(_ text: String) {
        if capture { lock.withLock { errText += text + "\n" } } else { FileHandle.standardError.write(Data((text + "\n").utf8)) }
    }
}
