/// A calendar date without time or zone: the business date of a row or a cut-off.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// nil when the date does not exist (e.g. 2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Day.daysIn(year: year, month: month)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(iso text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let y = Day.digits(bytes[0..<4]), let m = Day.digits(bytes[5..<7]),
            let d = Day.digits(bytes[8..<10])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    static func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for b in bytes {
            guard b >= 48, b <= 57 else { return nil }
            value = value * 10 + Int(b - 48)
        }
        return value
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public var daysInMonth: Int { Day.daysIn(year: year, month: month) }
    public var yearMonth: YearMonth { YearMonth(year: year, month: month) }

    public var description: String {
        "\(Day.pad(year, 4))-\(Day.pad(month, 2))-\(Day.pad(day, 2))"
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    /// Days since 0001-01-01 (proleptic Gregorian), for counting days between dates.
    public var ordinal: Int {
        let y = year - 1
        var days = y * 365 + y / 4 - y / 100 + y / 400
        for m in 1..<month { days += Day.daysIn(year: year, month: m) }
        return days + day - 1
    }

    public static func < (a: Day, b: Day) -> Bool { a.key < b.key }

    /// The day as one integer in the same order (year, month, day): one comparison instead
    /// of three, which the reader makes several times a row.
    @inline(__always)
    public var key: Int { year &<< 9 | month &<< 5 | day }

    /// The day of a `key`.
    public init(key: Int) {
        self.year = key >> 9
        self.month = (key >> 5) & 15
        self.day = key & 31
    }
}

/// A calendar month, e.g. the first month of a fiscal year.
public struct YearMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// Parses exactly `YYYY-MM`.
    public init?(iso text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"),
            let y = Day.digits(bytes[0..<4]), let m = Day.digits(bytes[5..<7]),
            (1...9999).contains(y), (1...12).contains(m)
        else { return nil }
        self.init(year: y, month: m)
    }

    /// Months since year 0, so month arithmetic is integer arithmetic.
    public var index: Int { year * 12 + (month - 1) }
    public init(index: Int) { self.init(year: index / 12, month: index % 12 + 1) }
    public func adding(months: Int) -> YearMonth { YearMonth(index: index + months) }

    public var firstDay: Day { Day(year: year, month: month, day: 1)! }
    public var lastDay: Day { Day(year: year, month: month, day: Day.daysIn(year: year, month: month))! }

    public var description: String { "\(Day.pad(year, 4))-\(Day.pad(month, 2))" }

    public static func < (a: YearMonth, b: YearMonth) -> Bool { a.index < b.index }
}
