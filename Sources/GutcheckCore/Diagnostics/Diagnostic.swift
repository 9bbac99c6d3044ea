/// A place in an input file. Lines are 1-based physical lines; columns are 1-based
/// Unicode scalars of the decoded line, or bytes where the line is not valid text.
public struct SourceLocation: Hashable, Sendable, Comparable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// One finding about the inputs: an error (the run cannot go on) or a warning (the plan
/// or data is questionable but figures can be computed).
public struct Diagnostic: Hashable, Sendable {
    public enum Severity: String, Sendable { case error, warning }

    public var severity: Severity
    public var location: SourceLocation?
    public var message: String

    public init(_ severity: Severity, _ message: String, at location: SourceLocation?) {
        self.severity = severity
        self.message = message
        self.location = location
    }

    /// `file:line:column: error: message`, the shape compilers and editors understand.
    public var formatted: String {
        guard let location else { return "\(severity.rawValue): \(message)" }
        return "\(location.file):\(location.line):\(location.column): \(severity.rawValue): \(message)"
    }
}

/// Collects diagnostics up to a limit, so a bad file reports many problems at once
/// without flooding the terminal.
public struct Diagnostics: Sendable {
    public static let defaultLimit = 100

    public private(set) var items: [Diagnostic] = []
    /// Errors seen beyond the limit: counted, not kept.
    public private(set) var droppedErrors = 0
    public let limit: Int

    public init(limit: Int = Diagnostics.defaultLimit) { self.limit = limit }

    public var errorCount: Int { items.filter { $0.severity == .error }.count + droppedErrors }
    public var hasErrors: Bool { errorCount > 0 }
    public var isFull: Bool { items.count >= limit }
    public var errors: [Diagnostic] { items.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { items.filter { $0.severity == .warning } }

    public mutating func error(_ message: String, at location: SourceLocation?) {
        append(Diagnostic(.error, message, at: location))
    }

    public mutating func warning(_ message: String, at location: SourceLocation?) {
        append(Diagnostic(.warning, message, at: location))
    }

    public mutating func append(_ diagnostic: Diagnostic) {
        if items.count < limit {
            items.append(diagnostic)
        } else if diagnostic.severity == .error {
            droppedErrors += 1
        }
    }

    public mutating func append(contentsOf other: Diagnostics, shiftingLinesBy lines: Int = 0) {
        for var item in other.items {
            item.location?.line += lines
            append(item)
        }
        droppedErrors += other.droppedErrors
    }
}
