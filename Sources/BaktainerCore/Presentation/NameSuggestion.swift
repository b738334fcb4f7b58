/// "Did you mean …" for a mistyped name (a setting, a label, an engine): the known name closest to it by edit
/// distance, when it is close enough to be a typo rather than another word.
package enum NameSuggestion {
    /// The candidate closest to `name` (case-insensitive), or nil when none is within the typo distance:
    /// one edit for names up to 7 characters, two up to 11, three beyond. Ties go to the earliest candidate.
    package static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
        let allowed = name.count <= 7 ? 1 : (name.count <= 11 ? 2 : 3)
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != name {
            let distance = distance(name.lowercased(), candidate.lowercased())
            if distance <= allowed && distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.name
    }

    /// `": did you mean CANDIDATE?"` for the ``closest(to:among:)`` candidate, or `""` when there is none.
    package static func didYouMean(_ name: String, among candidates: some Sequence<String>) -> String {
        closest(to: name, among: candidates).map { ": did you mean \($0)?" } ?? ""
    }

    /// The number of single-character insertions, deletions, substitutions and swaps of neighbours that turn
    /// `a` into `b` (optimal string alignment distance).
    package static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        // rows[i][j]: the distance between the first i characters of a and the first j of b.
        var rows = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { rows[i][0] = i }
        for j in 0...b.count { rows[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
                }
            }
        }
        return rows[a.count][b.count]
    }
}
