/// "Did you mean …?" hints: the candidate nearest by edit distance, when it is near enough
/// to be a plausible typo.
public enum Suggestion {
    public static func nearest(to word: String, in candidates: some Sequence<String>) -> String? {
        let target = Array(word.lowercased())
        let exact = Array(word)
        // Nearest ignoring case; of equals, the one nearest as written ("Europ" → "Europe", not "europe").
        var best: (String, Int, Int)?
        for candidate in candidates {
            let d = distance(target, Array(candidate.lowercased()))
            let e = distance(exact, Array(candidate))
            if best == nil || d < best!.1 || (d == best!.1 && e < best!.2) { best = (candidate, d, e) }
        }
        guard let (candidate, d, _) = best else { return nil }
        let allowed = max(2, min(target.count, candidate.count) / 3)
        return d <= allowed ? candidate : nil
    }

    /// " (did you mean 'x'?)" or "".
    public static func hint(for word: String, in candidates: some Sequence<String>) -> String {
        nearest(to: word, in: candidates).map { " (did you mean \(Quote.user($0))?)" } ?? ""
    }

    /// " (did you mean 'x'?)" or "", among a plan's ids.
    public static func hint<Entity>(for word: String, in ids: some Sequence<PlanID<Entity>>) -> String {
        hint(for: word, in: ids.map(\.rawValue))
    }

    private static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
