import Foundation

/// Where commands print. Standard output and error by default; tests install a capturing
/// console with `Console.$current.withValue` and run commands in-process.
public final class Console: @unchecked Sendable {
    private let lock = NSLock()
    private let capture: Bool
    private var outText = ""
    private var errText = ""

    public init(capture: Bool) { self.capture = capture }

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
