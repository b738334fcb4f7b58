/// "Did you mean …?" for a mistyped name: the closest of the known names by edit distance (Levenshtein), when it
/// is close enough to be a typo rather than another word.
package enum Suggestion {
    /// The known name closest to `word`, or nil when none is within `maximumDistance(for:)` edits. Case is ignored.
    package static func closest(to word: String, among known: some Sequence<String>) -> String? {
        let target = Array(word.lowercased().unicodeScalars)
        var best: (name: String, distance: Int)?
        for name in known {
            let distance = editDistance(target, Array(name.lowercased().unicodeScalars))
            guard distance <= maximumDistance(for: target.count), distance < (best?.distance ?? .max) else { continue }
            best = (name, distance)
        }
        return best?.name
    }

    /// ` (did you mean X?)` for `word`, or the empty string when no known name is close.
    package static func didYouMean(_ word: String, among known: some Sequence<String>) -> String {
        closest(to: word, among: known).map { " (did you mean \($0)?)" } ?? ""
    }

    /// How many edits still count as a typo: one for short words, up to three for long ones.
    static func maximumDistance(for length: Int) -> Int {
        switch length {
        case ..<4: 1
        case ..<10: 2
        default: 3
        }
    }

    /// The Levenshtein distance: insertions, deletions and substitutions needed to turn `a` into `b`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
