import BaktainerCore
import BaktainerSFTP
import Foundation
import NIOCore
import Testing

/// The SFTP destination's storage in this process against Debian's sshd (`scripts/testbed-sftp.sh`): a copy larger
/// than the window of requests in flight goes up and reads back equal, is listed with its record, deleted with its
/// day folder; a wrong host key and a missing directory are errors that say what to fix.
@Suite struct SFTPBackupStorageIntegrationTests {
    static let key = BackupKey("2026-12-02/shop-1796220000.sql")

    private func settings(_ sftp: SFTPTestServer, path: String? = nil, fingerprint: String? = nil) throws -> SFTPSettings {
        SFTPSettings(
            host: "127.0.0.1", port: Int(sftp.port) ?? 22, user: sftp.user, path: path ?? sftp.root,
            privateKey: try OpenSSHPrivateKey.parse(try String(contentsOfFile: sftp.keyFile, encoding: .utf8)),
            hostKeys: .fingerprint(fingerprint ?? sftp.fingerprint))
    }

    /// A committed local backup of `size` pseudo-random bytes.
    private func localBackup(size: Int) async throws -> (LocalBackupStorage, [UInt8], String) {
        let root = "/var/tmp/bt-sftp-storage-\(UUID().uuidString.prefix(8))"
        let local = LocalBackupStorage(root: root, createsParents: true)
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let writer = try await local.makeWriter(for: Self.key)
        for start in stride(from: 0, to: size, by: 300_000) {
            try await writer.write(ByteBuffer(bytes: bytes[start..<min(size, start + 300_000)]))
        }
        try await writer.commit(
            BackupRecord(
                container: "shop", engine: "postgres", file: Self.key.rawValue, size: size, sha256: String(repeating: "0", count: 64),
                durationSeconds: 1, exitCode: 0, startedAt: 1_796_220_000, baktainerVersion: "test", backupName: "shop"))
        return (local, bytes, root)
    }

    @Test func aCopyGoesUpReadsBackIsListedAndIsDeletedWithItsDayFolder() async throws {
        try await SFTPTestServer.with { sftp in
            let (local, bytes, root) = try await localBackup(size: 3_000_000)
            defer { try? FileManager.default.removeItem(atPath: root) }
            let storage = SFTPBackupStorage(settings: try settings(sftp))
            try await storage.probe()
            try await storage.store(try await local.copySource(of: Self.key))
            #expect(try await sftp.files() == [Self.key.rawValue, "\(Self.key.rawValue).json", "\(Self.key.rawValue).sha256"])
            let catalog = try await storage.list()
            #expect(catalog.entries.map(\.key) == [Self.key] && catalog.warnings.isEmpty)
            #expect(catalog.entries.first?.location.hasPrefix("sftp://\(sftp.user)@127.0.0.1:\(sftp.port)") == true)
            let sidecars = try await storage.sidecars(of: Self.key)
            let localSidecars = try await local.sidecars(of: Self.key)
            #expect(sidecars == localSidecars)
            var read: [UInt8] = []
            for try await buffer in try await storage.open(Self.key) { read += buffer.readableBytesView }
            #expect(read == bytes)
            #expect(Array(try await sftp.download(Self.key.rawValue)) == bytes)
            // Storing again replaces the copy (a retried copy), leaving no temporary file.
            try await storage.store(try await local.copySource(of: Self.key))
            #expect(try await sftp.files().count == 3)
            try await storage.delete(Self.key)
            #expect(try await storage.list().entries.isEmpty)
            #expect(try await sftp.sftp("ls -1 \(sftp.root)\n").split(separator: "\n").filter { !$0.hasPrefix("sftp>") }.isEmpty)
            await #expect(throws: StorageError.self) { try await storage.delete(BackupKey("not-a-backup")) }
        }
    }

    @Test func aWrongHostKeyOrAMissingDirectoryIsAnErrorThatSaysWhatToFix() async throws {
        try await SFTPTestServer.with { sftp in
            let wrong = SFTPBackupStorage(settings: try settings(sftp, fingerprint: "SHA256:" + String(repeating: "B", count: 43)))
            await #expect {
                try await wrong.probe()
            } throws: { error in
                "\(error)".contains("destination sftp") && "\(error)".contains(sftp.fingerprint)
            }
            let missing = SFTPBackupStorage(settings: try settings(sftp, path: "\(sftp.root)/nowhere"))
            for operation in [{ try await missing.probe() }, { _ = try await missing.list() }] as [@Sendable () async throws -> Void] {
                await #expect {
                    try await operation()
                } throws: { error in
                    "\(error)".contains("does not exist") && "\(error)".contains("BT_SFTP_PATH")
                }
            }
            let (local, _, root) = try await localBackup(size: 1000)
            defer { try? FileManager.default.removeItem(atPath: root) }
            await #expect(throws: StorageError.self) { try await missing.store(try await local.copySource(of: Self.key)) }
            #expect(try await missing.sidecars(of: Self.key) == BackupSidecars(exists: false, record: nil, checksum: nil))
            await #expect(throws: StorageError.self) { _ = try await missing.open(Self.key) }
        }
    }
}
