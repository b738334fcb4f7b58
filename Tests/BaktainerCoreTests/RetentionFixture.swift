import BaktainerCore
import Foundation

/// Builders for retention tests: dates written as `YYYY-MM-DD HH:MM[:SS]` (UTC) and backups written as tokens
/// `[name[/schedule]|]YYYY-MM-DD HH:MM[:SS][#ext]` (default stream `db`, extension `sql`).
enum RetentionFixture {
    /// The UTC instant `text` names.
    static func date(_ text: String) -> Date {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" }).compactMap { Int($0) }
        precondition(parts.count >= 5, "bad date \(text)")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let components = DateComponents(
            year: parts[0], month: parts[1], day: parts[2], hour: parts[3], minute: parts[4], second: parts.count > 5 ? parts[5] : 0)
        guard let date = calendar.date(from: components) else { preconditionFailure("bad date \(text)") }
        return date
    }

    /// The record Baktainer writes for a backup of `backupName` on `schedule` at `date` in `root`.
    static func record(backupName: String, schedule: String?, date: Date, fileExtension: String = "sql", root: String = "/backups") -> BackupRecord {
        let name = schedule.map { "\(backupName)-\($0)" } ?? backupName
        let path = "\(root)/\(BackupKey(name: name, fileExtension: fileExtension, date: date).rawValue)"
        return BackupRecord(
            container: backupName, engine: "postgres", file: path, size: 100, sha256: String(repeating: "0", count: 64),
            durationSeconds: 1, exitCode: 0, startedAt: date.timeIntervalSince1970, baktainerVersion: "test",
            backupName: backupName, schedule: schedule)
    }

    /// The catalog entry a token describes.
    static func entry(_ token: String) -> CatalogEntry {
        var rest = Substring(token)
        var stream = "db"
        if let bar = rest.firstIndex(of: "|") {
            stream = String(rest[..<bar])
            rest = rest[rest.index(after: bar)...]
        }
        var fileExtension = "sql"
        if let hash = rest.firstIndex(of: "#") {
            fileExtension = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        let names = stream.split(separator: "/").map(String.init)
        let record = record(backupName: names[0], schedule: names.count > 1 ? names[1] : nil, date: date(String(rest)), fileExtension: fileExtension)
        return CatalogEntry(key: key(record.file), location: record.file, record: record)
    }

    /// The key of a backup at `path` (its day folder and file name).
    static func key(_ path: String) -> BackupKey {
        BackupKey(path.split(separator: "/").suffix(2).joined(separator: "/"))
    }

    /// The catalog of the backup directory `root`.
    static func scan(_ root: String) async throws -> BackupCatalog {
        try await LocalBackupStorage(root: root).list()
    }

    /// A fresh empty directory; the caller removes it.
    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("baktainer-retention-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes a backup file with its `.sha256` and `.json` sidecars under `root`, as the runner does.
    @discardableResult
    static func writeBackup(root: String, backupName: String = "db", schedule: String? = nil, at text: String, fileExtension: String = "sql") throws
        -> BackupRecord
    {
        let record = record(backupName: backupName, schedule: schedule, date: date(text), fileExtension: fileExtension, root: root)
        let directory = (record.file as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try write("dump", to: record.file)
        try write("\(record.sha256)  x\n", to: record.file + ".sha256")
        try JSONEncoder().encode(record).write(to: URL(fileURLWithPath: record.file + ".json"))
        return record
    }

    /// Writes `text` to `path`.
    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Every path under `root`, relative to it, sorted.
    static func tree(_ root: String) throws -> [String] {
        (FileManager.default.subpaths(atPath: root) ?? []).sorted()
    }
}
