/// The parts of a file name Baktainer writes: `<name>-<unix seconds>.<ext>`, or `<name>-<unix seconds>_<n>.<ext>`
/// (n ≥ 2) for the n-th backup of the same name in the same second, where the extension may be compound
/// (`sql.gz.age`). Sidecars (`.json`, `.sha256`) and unfinished files (`.partial`) are not backup file names.
///
/// Names order by name, seconds, then `n` (a name without `_n` is the first of its second), then extension.
package struct BackupFileName: Sendable, Equatable, Comparable {
    /// Everything before the last `-<digits>.`: the backup name, plus `-<schedule>` for a named stream.
    package var name: String
    /// The unix seconds written into the name.
    package var seconds: Int
    /// Which backup of `name` in that second: 1 for the first (no suffix), 2 for `_2`, and so on.
    package var sequence: Int
    /// The extension without the leading dot, e.g. `sql.zst`.
    package var fileExtension: String

    private static let excludedSuffixes = [".json", ".sha256", ".partial"]

    /// A name from its parts; `sequence` 1 writes no `_n`.
    package init(name: String, seconds: Int, sequence: Int = 1, fileExtension: String) {
        self.name = name
        self.seconds = seconds
        self.sequence = sequence
        self.fileExtension = fileExtension
    }

    /// Parses `fileName` (no directory); nil when it is not a Baktainer backup file name.
    package init?(_ fileName: String) {
        guard !fileName.contains("/"), !Self.excludedSuffixes.contains(where: { fileName.hasSuffix($0) }) else { return nil }
        let characters = Array(fileName)
        for dash in characters.indices.reversed() where characters[dash] == "-" && dash > 0 {
            let rest = characters[(dash + 1)...]
            guard let dot = rest.firstIndex(of: "."), dot > dash + 1 else { continue }
            let stamp = characters[(dash + 1)..<dot].split(separator: "_", maxSplits: 1, omittingEmptySubsequences: false)
            let fileExtension = String(characters[(dot + 1)...])
            guard stamp.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }), let seconds = Int(String(stamp[0])),
                Self.isExtension(fileExtension)
            else { continue }
            let sequence = stamp.count == 2 && stamp[1].first != "0" ? Int(String(stamp[1])) : stamp.count == 1 ? 1 : nil
            guard let sequence, stamp.count == 1 || sequence >= 2 else { continue }
            self.init(name: String(characters[..<dash]), seconds: seconds, sequence: sequence, fileExtension: fileExtension)
            return
        }
        return nil
    }

    /// The file name: `<name>-<seconds>.<ext>`, or `<name>-<seconds>_<n>.<ext>` from the second backup of a second on.
    package var fileName: String {
        "\(name)-\(seconds)\(sequence > 1 ? "_\(sequence)" : "").\(fileExtension)"
    }

    package static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.name, lhs.seconds, lhs.sequence, lhs.fileExtension) < (rhs.name, rhs.seconds, rhs.sequence, rhs.fileExtension)
    }

    /// True for a day directory name `YYYY-MM-DD` as ``LocalBackupStorage`` writes them.
    package static func isDateDirectoryName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        guard [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy({ isDigit(bytes[$0]) }) else { return false }
        let month = Int(bytes[5] - UInt8(ascii: "0")) * 10 + Int(bytes[6] - UInt8(ascii: "0"))
        let day = Int(bytes[8] - UInt8(ascii: "0")) * 10 + Int(bytes[9] - UInt8(ascii: "0"))
        return (1...12).contains(month) && (1...31).contains(day)
    }

    /// Dot-separated, non-empty ASCII letter/digit components: `sql`, `sql.gz.age`, `rdb.zst.age`.
    private static func isExtension(_ text: String) -> Bool {
        let components = text.split(separator: ".", omittingEmptySubsequences: false)
        return !components.isEmpty
            && components.allSatisfy { component in
                !component.isEmpty && component.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
            }
    }
}
