import BaktainerCore
import Crypto
import Foundation
import Testing

/// `BackupVerifier` on files written here: a good one, and each kind of damage with its own message.
@Suite struct BackupVerifierTests {
    let directory: String
    static let dump = Array(
        ("--\n-- PostgreSQL database dump\n--\n" + String(repeating: "INSERT INTO items VALUES (1, 'x');\n", count: 8000)
            + "--\n-- PostgreSQL database dump complete\n--\n").utf8)

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("bt-verify-\(UUID().uuidString.prefix(8))/2026-11-25").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// Writes a backup the way BackupRunner does: the file, `<file>.sha256`, `<file>.json`.
    private func write(_ bytes: [UInt8], name: String = "shop-1795583298.sql", engine: String = "postgres") throws -> String {
        let path = "\(directory)/\(name)"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let digest = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        try Data("\(digest)  \(name)\n".utf8).write(to: URL(fileURLWithPath: path + ".sha256"))
        let record = BackupRecord(
            container: "shop-db", engine: engine, database: "shop", file: path, size: bytes.count, sha256: digest, durationSeconds: 1,
            exitCode: 0, startedAt: 1_795_583_298, baktainerVersion: "test", backupName: "shop-db")
        try JSONEncoder().encode(record).write(to: URL(fileURLWithPath: path + ".json"))
        return path
    }

    private func failure(_ path: String, identities: [AgeIdentity] = []) async -> VerificationFailure? {
        switch await BackupVerifier(identities: identities).verify(path) {
        case .success: nil
        case .failure(let failure): failure
        }
    }

    @Test func goodPlainFilePasses() async throws {
        let path = try write(Self.dump)
        let result = try await BackupVerifier(identities: []).verify(path).get()
        #expect(result.dumpBytes == Self.dump.count && result.storedBytes == Self.dump.count && result.layers.isEmpty)
        #expect(result.record.engine == "postgres")
    }

    @Test func goodEncryptedFilePassesWithTheRightKey() async throws {
        let key = AgeKeyPair.generate()
        let path = try write(try AgeTestSupport.encrypt(Self.dump, to: [key.recipient]), name: "shop-1795583298.sql.age")
        let result = try await BackupVerifier(identities: [key.identity]).verify(path).get()
        #expect(result.dumpBytes == Self.dump.count && result.layers == [.age])
    }

    @Test func flippedByteIsAChecksumMismatch() async throws {
        let path = try write(Self.dump)
        var bytes = Self.dump
        bytes[bytes.count / 2] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let failure = try #require(await failure(path))
        #expect(failure.code == .checksumMismatch)
        #expect(failure.message.contains("checksum mismatch") && failure.message.contains("shop-1795583298.sql.sha256"))
        #expect(failure.description.hasPrefix(path))
    }

    @Test func cutFileIsTruncated() async throws {
        let path = try write(Self.dump)
        try Data(Self.dump.prefix(Self.dump.count / 2)).write(to: URL(fileURLWithPath: path))
        let failure = try #require(await failure(path))
        #expect(failure.code == .truncated)
        #expect(failure.message.contains("truncated") && failure.message.contains("\(Self.dump.count / 2) bytes"))
    }

    @Test func dumpWithoutItsTrailerIsTruncatedEvenWithAMatchingChecksum() async throws {
        let path = try write(Array(Self.dump.prefix(Self.dump.count / 2)))
        let failure = try #require(await failure(path))
        #expect(failure.code == .truncated)
        #expect(failure.message.contains("completeness check"))
    }

    @Test func cutEncryptedFileWithAMatchingChecksumIsTruncated() async throws {
        let key = AgeKeyPair.generate()
        let encrypted = try AgeTestSupport.encrypt(Self.dump, to: [key.recipient])
        let cut = AgeTestSupport.headerAndNonceLength(encrypted) + 2 * (64 * 1024 + 16)  // after two whole chunks
        let path = try write(Array(encrypted.prefix(cut)), name: "shop-1795583298.sql.age")
        let failure = try #require(await failure(path, identities: [key.identity]))
        #expect(failure.code == .truncated, "\(failure)")
        #expect(failure.message.contains("age layer ends early"))
    }

    @Test func missingSidecarIsNamed() async throws {
        let path = try write(Self.dump)
        try FileManager.default.removeItem(atPath: path + ".sha256")
        let failure = try #require(await failure(path))
        #expect(failure.code == .missingSidecar)
        #expect(failure.message.contains("shop-1795583298.sql.sha256 is missing"))
    }

    @Test func wrongKeyIsNamed() async throws {
        let path = try write(try AgeTestSupport.encrypt(Self.dump, to: [AgeKeyPair.generate().recipient]), name: "shop-1795583298.sql.age")
        let failure = try #require(await failure(path, identities: [AgeKeyPair.generate().identity]))
        #expect(failure.code == .wrongKey)
        #expect(failure.message.contains("wrong key") && failure.message.contains("BT_AGE_IDENTITY_FILE"))
    }

    @Test func encryptedFileWithoutAConfiguredKeyNamesTheSetting() async throws {
        let path = try write(try AgeTestSupport.encrypt(Self.dump, to: [AgeKeyPair.generate().recipient]), name: "shop-1795583298.sql.age")
        let failure = try #require(await failure(path))
        #expect(failure.code == .noKey)
        #expect(failure.message.contains("set BT_AGE_IDENTITY_FILE"))
    }

    @Test func withoutAKeyAnEncryptedFilePassesOnWhatCanBeCheckedWhenNoKeyIsRequired() async throws {
        let key = AgeKeyPair.generate()
        let path = try write(try AgeTestSupport.encrypt(Self.dump, to: [key.recipient, AgeKeyPair.generate().recipient]), name: "shop-1795583298.sql.age")
        let result = try await BackupVerifier(identities: [], requireKey: false).verify(path).get()
        #expect(result.unopened == "age header names 2 recipients (2 X25519)", "\(result.unopened ?? "nil")")
        #expect(result.layers == [.age])
        // A flipped byte is still caught: the checksum covers the stored bytes.
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count - 10] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let failure = try #require(await BackupVerifier(identities: [], requireKey: false).verify(path).failure)
        #expect(failure.code == .checksumMismatch)
    }

    @Test func withoutAKeyAFileThatIsNotAgeInsideIsNotPassed() async throws {
        let path = try write(Array("age-encryption.org/v1\n-> X25519 abc\nnot base64!\n--- xyz\n".utf8) + Self.dump, name: "shop-1795583298.sql.age")
        let failure = try #require(await BackupVerifier(identities: [], requireKey: false).verify(path).failure)
        #expect(failure.code == .corrupt && failure.message.contains("age header is malformed"), "\(failure)")
    }

    @Test func aDumpWithoutItsRecordVerifiesAsTheDeclaredEngine() async throws {
        let gzip = try compress(Self.dump, .gzip(level: 6))
        let path = try write(gzip, name: "shop-db-20240101.sql")  // an old-style name, gzip inside, no .gz suffix
        try FileManager.default.removeItem(atPath: path + ".json")
        try FileManager.default.removeItem(atPath: path + ".sha256")
        let (storage, key) = LocalBackupStorage.locate(path)
        let result = try await BackupVerifier(identities: []).verify(key, in: storage, declaredEngine: PostgresEngine(), acceptIncomplete: false).get()
        #expect(!result.hasRecord && result.layers == [.gzip] && result.dumpBytes == Self.dump.count && result.record.engine == "postgres")
        #expect(await BackupVerifier(identities: []).verify(key, in: storage).failure?.code == .notABackup, "without --engine it is refused")

        let cut = try write(Array(Self.dump.prefix(1000)), name: "hand-made.sql")
        try FileManager.default.removeItem(atPath: cut + ".json")
        let (cutStorage, cutKey) = LocalBackupStorage.locate(cut)
        let incomplete = try #require(
            await BackupVerifier(identities: []).verify(cutKey, in: cutStorage, declaredEngine: PostgresEngine(), acceptIncomplete: false).failure)
        #expect(incomplete.code == .truncated && incomplete.message.contains("--force"), "\(incomplete)")
        #expect(
            try await BackupVerifier(identities: []).verify(cutKey, in: cutStorage, declaredEngine: PostgresEngine(), acceptIncomplete: true).get().dumpBytes
                == 1000)
        let redis = try #require(
            await BackupVerifier(identities: []).verify(cutKey, in: cutStorage, declaredEngine: RedisEngine(), acceptIncomplete: true).failure)
        #expect(redis.code == .notABackup && redis.message.contains("does not start like a redis backup"), "the engine's head check applies")
    }

    @Test func fileWithoutARecordIsNotABackup() async throws {
        let path = try write(Self.dump)
        try FileManager.default.removeItem(atPath: path + ".json")
        let failure = try #require(await failure(path))
        #expect(failure.code == .notABackup)
        #expect(failure.message.contains("no record shop-1795583298.sql.json"))
    }

    @Test func foreignFileNamesAndContentAreNotBackups() async throws {
        let path = "\(directory)/notes.txt"
        try Data("hello".utf8).write(to: URL(fileURLWithPath: path))
        #expect(await failure(path)?.code == .notABackup)
        let sqlite = try write(Array(repeating: 0x41, count: 4096), name: "app-1795583298.sqlite", engine: "sqlite")
        let wrongFormat = try #require(await failure(sqlite))
        #expect(wrongFormat.code == .notABackup && wrongFormat.message.contains("does not start like a sqlite backup"))
        let fakeAge = try write(Self.dump, name: "shop-1795583298.sql.age")
        #expect(await failure(fakeAge, identities: [AgeKeyPair.generate().identity])?.code == .notABackup)
    }

    private func compress(_ bytes: [UInt8], _ compression: Compression) throws -> [UInt8] {
        var compressor = try #require(try compression.makeCompressor())
        return try AgeTestSupport.run(&compressor, bytes, pieceSize: 64 * 1024)
    }

    @Test func goodCompressedAndEncryptedFilesPass() async throws {
        let key = AgeKeyPair.generate()
        let zstdAge = try write(try AgeTestSupport.encrypt(try compress(Self.dump, .zstd), to: [key.recipient]), name: "shop-1795583298.sql.zst.age")
        let result = try await BackupVerifier(identities: [key.identity]).verify(zstdAge).get()
        #expect(result.dumpBytes == Self.dump.count && result.layers == [.age, .zstd])
        let gzip = try write(try compress(Self.dump, .gzip), name: "shop-1795583299.sql.gz")
        #expect(try await BackupVerifier(identities: []).verify(gzip).get().dumpBytes == Self.dump.count)
    }

    @Test(arguments: [Compression.gzip(level: 6), Compression.zstd(level: 3)])
    func cutCompressedLayerWithAMatchingChecksumIsTruncated(compression: Compression) async throws {
        let compressed = try compress(Self.dump, compression)
        let path = try write(Array(compressed.prefix(compressed.count * 2 / 3)), name: "shop-1795583298.sql.\(compression.fileExtension)")
        let failure = try #require(await failure(path))
        #expect(failure.code == .truncated, "\(failure)")
        #expect(failure.message.contains("\(compression.name) layer ends early"), "\(failure)")
    }

    @Test func missingFileIsUnreadable() async throws {
        #expect(await failure("\(directory)/shop-1.sql")?.code == .unreadable)
    }

    @Test func layersComeFromTheFileNameOutermostFirst() {
        #expect(BackupLayer.layers(ofFileName: "shop-1795583298.sql.zst.age") == [.age, .zstd])
        #expect(BackupLayer.layers(ofFileName: "shop-1795583298.sql.gz") == [.gzip])
        #expect(BackupLayer.layers(ofFileName: "shop-1795583298.sql").isEmpty)
    }

    @Test func readerStreamsInBoundedChunks() async throws {
        let path = try write(Self.dump)
        let reader = try await StreamingFileReader(path: path, chunkSize: 4096)
        var total = 0
        var largest = 0
        while let chunk = try await reader.next() {
            total += chunk.readableBytes
            largest = max(largest, chunk.readableBytes)
        }
        #expect(total == Self.dump.count && largest == 4096)
        #expect(try await reader.next() == nil)
    }
}
