import Foundation

/// A one-line progress indicator on standard error, only when it is a terminal (never in
/// CI logs or pipes, never with --quiet). No colour is ever printed, so NO_COLOR holds.
enum Progress {
    nonisolated(unsafe) static var enabled = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["CI"] == nil

    static func show(_ text: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\(text)\u{1B}[K".utf8))
    }

    static func clear() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
