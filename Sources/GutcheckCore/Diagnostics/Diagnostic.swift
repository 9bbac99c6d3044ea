/// A place in an input file. Lines are 1-based physical lines; columns are 1-based Unicode
/// scalars of the decoded line, or bytes where the line is not valid text.
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
    /// Problems of one kind in one column share a group, so a column where every row fails
    /// the same way prints ten lines and a count, not a screenful per row.
    public var group: Group?

    /// A repeated problem: its key (file, column, kind) and how the summary names the column.
    public struct Group: Hashable, Sendable {
        public var key: String
        public var column: String
        /// The options that would read this value, best first; "every value fails the same
        /// way" names the first that reads them all.
        public var fixes: [String]

        public init(key: String, column: String, fixes: [String] = []) {
            self.key = key
            self.column = column
            self.fixes = fixes
        }
    }

    public init(_ severity: Severity, _ message: String, at location: SourceLocation?, group: Group? = nil) {
        self.severity = severity
        self.message = message
        self.location = location
        self.group = group
    }

    /// `file:line:column: error: message`, the shape compilers and editors understand.
    /// Control characters are escaped, so no input can steer the terminal.
    public var formatted: String {
        let text = Quote.escaped(message)
        guard let location else { return "\(severity.rawValue): \(text)" }
        return "\(Quote.escaped(location.file)):\(location.line):\(location.column): \(severity.rawValue): \(text)"
    }

    public static func == (a: Diagnostic, b: Diagnostic) -> Bool {
        a.severity == b.severity && a.location == b.location && a.message == b.message
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(severity)
        hasher.combine(location)
        hasher.combine(message)
    }
}

/// Collects diagnostics up to a limit, so a bad file reports many problems at once
/// without flooding the terminal, and counts every error (SPEC §10.3: the closing count is
/// the true total). Problems of one group beyond the first ten are counted, not kept, and
/// `summarizeGroups` adds one line for them.
public struct Diagnostics: Sendable {
    public static let defaultLimit = 100
    public static let perGroup = 10

    public private(set) var items: [Diagnostic] = []
    /// Errors beyond the limit: counted, not kept.
    public private(set) var droppedErrors = 0
    public let limit: Int

    struct GroupCount: Sendable {
        var column: String
        var count = 0
        /// Beyond the first `perGroup`: how many, from which line to which.
        var suppressed = 0
        var first: SourceLocation?
        var lastLine = 0
        /// The fixes that read every value so far (an intersection, in the first value's order).
        var common: [String]?
    }

    private(set) var groups: [String: GroupCount] = [:]
    private var groupOrder: [String] = []

    public init(limit: Int = Diagnostics.defaultLimit) { self.limit = limit }

    public var errorCount: Int {
        items.filter { $0.severity == .error }.count + droppedErrors + groups.values.reduce(0) { $0 + $1.suppressed }
    }
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
        if let group = diagnostic.group {
            var count = groups[group.key] ?? { groupOrder.append(group.key); return GroupCount(column: group.column) }()
            count.count += 1
            count.common = count.common.map { $0.filter(group.fixes.contains) } ?? group.fixes
            defer { groups[group.key] = count }
            if count.count > Self.perGroup {
                count.suppressed += 1
                if count.first == nil { count.first = diagnostic.location }
                count.lastLine = diagnostic.location?.line ?? count.lastLine
                return
            }
        }
        if items.count < limit {
            items.append(diagnostic)
        } else if diagnostic.severity == .error {
            droppedErrors += 1
        }
    }

    /// Another reader's diagnostics (the second half of a file read on two threads), lines
    /// shifted: the result is the same as one reader seeing them in order.
    public mutating func append(contentsOf other: Diagnostics, shiftingLinesBy lines: Int = 0) {
        for var item in other.items {
            item.location?.line += lines
            append(item)
        }
        droppedErrors += other.droppedErrors
        // What the other reader kept was counted again above; what it suppressed, only here.
        for key in other.groupOrder {
            guard let theirs = other.groups[key], theirs.suppressed > 0 else { continue }
            var mine = groups[key] ?? { groupOrder.append(key); return GroupCount(column: theirs.column) }()
            mine.count += theirs.suppressed
            mine.suppressed += theirs.suppressed
            if mine.first == nil { mine.first = theirs.first.map { var l = $0; l.line += lines; return l } }
            mine.lastLine = theirs.lastLine + lines
            if let common = theirs.common { mine.common = mine.common.map { $0.filter(common.contains) } ?? common }
            groups[key] = mine
        }
    }

    /// How many problems a group has had so far.
    public func count(ofGroup key: String) -> Int { groups[key]?.count ?? 0 }

    /// The groups whose key starts with `prefix` (a file's: "file|"), in order of appearance.
    public func groupKeys(prefix: String) -> [String] { groupOrder.filter { $0.hasPrefix(prefix) } }

    /// How a group's messages name its column.
    public func column(ofGroup key: String) -> String { groups[key]?.column ?? "this column" }

    /// The fixes that read every value of a group, best first (empty when none does).
    public func commonFixes(ofGroup key: String) -> [String] { groups[key]?.common ?? [] }

    /// Rewrites the first kept message of a group (to say every value fails the same way).
    public mutating func amendFirst(ofGroup key: String, _ amend: (String) -> String) {
        guard let i = items.firstIndex(where: { $0.group?.key == key }) else { return }
        items[i].message = amend(items[i].message)
    }

    /// One line per group with problems beyond the first ten: how many more, and where.
    /// Call once, when reading is done.
    public mutating func summarizeGroups(prefix: String = "") {
        for key in groupOrder where key.hasPrefix(prefix) {
            guard var g = groups[key], g.suppressed > 0, let first = g.first else { continue }
            let lines = first.line == g.lastLine ? "line \(first.line)" : "lines \(first.line)–\(g.lastLine)"
            let more = g.suppressed == 1 ? "1 more row has" : "\(g.suppressed) more rows have"
            // The summary stands for the suppressed errors, which are already counted.
            let column = g.column.isEmpty ? "" : " in \(g.column)"
            items.append(Diagnostic(.error, "\(more) the same problem\(column) (\(lines)); \(g.count) rows in all", at: first))
            g.suppressed -= 1  // the summary line itself now counts one of them
            groups[key] = g
        }
    }
}

/// User text inside a message (SPEC §10.5): cut to 60 characters with its length in bytes,
/// control characters escaped, so a 100 KB field or an escape sequence never reaches the
/// terminal as it is.
public enum Quote {
    public static let maxCharacters = 60

    /// "'text'", shortened and escaped.
    public static func user(_ text: some StringProtocol) -> String { "'\(shortened(text))'" }
    /// A plan id, as the plan writes it.
    public static func user<Entity>(_ id: PlanID<Entity>) -> String { user(id.rawValue) }

    public static func shortened(_ text: some StringProtocol) -> String {
        let s = String(text)
        guard s.count > maxCharacters else { return escaped(s) }
        return escaped(String(s.prefix(maxCharacters))) + "… (\(s.utf8.count) bytes)"
    }

    /// Control characters (C0, DEL, C1) as `\u{1B}`; everything else as it is.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    public static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s == "\u{2028}" || s == "\u{2029}"
    }
}
