/// The parts of a file name Baktainer writes: `<name>-<unix seconds>.<ext>` where the extension may be compound
/// (`sql.gz.age`). Sidecars (`.json`, `.sha256`) and unfinished files (`.partial`) are not backup file names.
package struct BackupFileName: Sendable, Equatable {
    /// Everything before the last `-<digits>.`: the backup name, plus `-<schedule>` for a named stream.
    package var name: String
    /// The unix seconds written into the name.
    package var seconds: Int
    /// The extension without the leading dot, e.g. `sql.zst`.
    package var fileExtension: String

    private static let excludedSuffixes = [".json", ".sha256", ".partial"]

    /// Parses `fileName` (no directory); nil when it is not a Baktainer backup file name.
    package init?(_ fileName: String) {
        guard !fileName.contains("/"), !Self.excludedSuffixes.contains(where: { fileName.hasSuffix($0) }) else { return nil }
        let characters = Array(fileName)
        for dash in characters.indices.reversed() where characters[dash] == "-" && dash > 0 {
            let rest = characters[(dash + 1)...]
            guard let dot = rest.firstIndex(of: "."), dot > dash + 1 else { continue }
            let digits = characters[(dash + 1)..<dot]
            let fileExtension = String(characters[(dot + 1)...])
            guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), let seconds = Int(String(digits)),
                Self.isExtension(fileExtension)
            else { continue }
            self.name = String(characters[..<dash])
            self.seconds = seconds
            self.fileExtension = fileExtension
            return
        }
        return nil
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
