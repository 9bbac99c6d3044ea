import Foundation

/// A one-line progress indicator on standard error, only when it is a terminal (never in
/// CI logs or pipes, never with --quiet). No colour is ever printed, so NO_COLOR holds.
/// A value each command makes and passes down: no process-wide switch.
struct Progress: Sendable {
    let enabled: Bool

    /// On a terminal outside CI, unless `quiet`.
    init(quiet: Bool) {
        enabled = !quiet && isatty(STDERR_FILENO) == 1 && Console.current.environment["CI"] == nil
    }

    func show(_ text: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\(text)\u{1B}[K".utf8))
    }

    func clear() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
