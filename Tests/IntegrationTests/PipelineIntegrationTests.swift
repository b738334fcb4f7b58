import BaktainerCore
import DockerEngineAPI
import Foundation
import NIOCore
import Testing

/// Compression, encryption and retention on real backups: files from a real exec must pass Debian's `gzip`,
/// `zstd` and `age` and give back exactly the dump; `baktainer prune` on 40 backups over simulated days must
/// leave exactly the set the policy names.
@Suite struct PipelineIntegrationTests {
    let client: DockerClient
    let directory: String

    init() async throws {
        client = try await DockerClient.connect()
        directory = "/var/tmp/bt-pipeline-tests/\(UUID().uuidString.prefix(8))"
    }

    /// The stand-in mongodump writes this header and then `bytes` zero bytes: a dump whose exact bytes are known.
    private static func expectedDump(bytes: Int) -> Data {
        Data("mongodump-standin-archive\n".utf8) + Data(count: bytes)
    }

    private func standin(_ run: String, bytes: Int, labels: [String: String] = [:]) async throws -> BackupTarget {
        let name = try await TestBed.startContainer(
            fixture: "mongo-standin", labels: ["baktainer.backup": "true", "baktainer.db.engine": "mongodb"].merging(labels) { $1 },
            environment: ["MONGO_STANDIN_BYTES": "\(bytes)"], runID: run)
        let details = try await DockerRuntime(client: client).inspect(name)
        return try await TargetResolver().resolve(details) { path in try await TestBed.docker(["exec", name, "cat", path]) }.get()
    }

    /// Runs a tool and returns its stdout; throws with its stderr when it exits non-zero.
    private static func tool(_ path: String, _ arguments: [String]) async throws -> Data {
        let outcome = try await TestBed.tool(path, arguments)
        guard outcome.status == 0 else {
            throw TestBedError("\(path) \(arguments.joined(separator: " ")) exited \(outcome.status): \(outcome.errors)")
        }
        return outcome.data
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var compression: Compression
        var encrypted: Bool
        var suffix: String
        var testDescription: String { "\(compression.name)\(encrypted ? "+age" : "")" }
    }

    @Test(arguments: [
        Case(compression: .gzip, encrypted: false, suffix: ".archive.gz"),
        Case(compression: .zstd, encrypted: false, suffix: ".archive.zst"),
        Case(compression: .none, encrypted: true, suffix: ".archive.age"),
        Case(compression: .zstd(level: 19), encrypted: true, suffix: ".archive.zst.age"),
        Case(compression: .gzip(level: 1), encrypted: true, suffix: ".archive.gz.age"),
    ])
    func filesPassTheStandardToolsAndGiveBackTheExactDump(_ example: Case) async throws {
        try await TestBed.withRun { run in
            let size = 3 * 1024 * 1024 + 17
            let target = try await standin(run, bytes: size)
            let keys = AgeKeyPair.generate()
            let keyFile = directory + "-key.txt"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try keys.keygenText().write(toFile: keyFile, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: keyFile) }
            let settings = PipelineSettings(
                compression: CompressionSettings(compression: example.compression),
                encryption: EncryptionSettings(recipients: example.encrypted ? [keys.recipient] : []))
            let record = try await LocalBackups(client: client, root: directory, settings: settings).run(target).get()
            #expect(record.file.hasSuffix(example.suffix), "\(record.file)")
            #expect(record.dumpSize == size + 26 && record.compression == example.compression.name && record.encrypted == example.encrypted)
            let folder = (record.file as NSString).deletingLastPathComponent
            _ = try await Self.tool(
                "/usr/bin/env", ["sh", "-c", "cd \"$1\" && sha256sum -c --quiet \"$2\"", "-", folder, (record.file as NSString).lastPathComponent + ".sha256"])

            var layer = record.file
            if example.encrypted {
                let decrypted = record.file + ".decrypted"
                _ = try await Self.tool("/usr/bin/age", ["-d", "-i", keyFile, "-o", decrypted, record.file])
                layer = decrypted
            }
            let dump: Data
            switch example.compression {
            case .gzip:
                _ = try await Self.tool("/bin/gzip", ["-t", layer])
                dump = try await Self.tool("/bin/gzip", ["-dc", layer])
            case .zstd:
                _ = try await Self.tool("/usr/bin/zstd", ["-q", "-t", layer])
                dump = try await Self.tool("/usr/bin/zstd", ["-q", "-dc", layer])
            case .none:
                dump = try Data(contentsOf: URL(fileURLWithPath: layer))
            }
            #expect(dump == Self.expectedDump(bytes: size))
            if example.compression != .none { #expect(record.size < size / 10, "compressed \(record.size) of \(size) zero-filled bytes") }
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    @Test func aFileEncryptedByTheAgeToolToABaktainerKeyDecryptsInBaktainer() async throws {
        let keys = AgeKeyPair.generate()
        let plain = FileManager.default.temporaryDirectory.appendingPathComponent("bt-age-\(UUID().uuidString)")
        let payload = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try payload.write(to: plain)
        defer { try? FileManager.default.removeItem(at: plain) }
        let encrypted = try await Self.tool("/usr/bin/age", ["-r", keys.recipientString, plain.path])
        var decryptor = AgeDecryptor(identities: [keys.identity])
        var output = try decryptor.transform(ByteBuffer(bytes: encrypted))
        var rest = try decryptor.finish()
        output.writeBuffer(&rest)
        #expect(Data(output.readableBytesView) == payload)

        var wrong = AgeDecryptor(identities: [AgeKeyPair.generate().identity])
        #expect {
            _ = try wrong.transform(ByteBuffer(bytes: encrypted))
            _ = try wrong.finish()
        } throws: { error in
            (error as? AgeError)?.code == .noMatchingIdentity
        }
    }

    @Test func pruneOfFortyBackupsOverSimulatedDaysLeavesExactlyThePolicysSet() async throws {
        try await TestBed.withRun { run in
            let target = try await standin(run, bytes: 64, labels: ["baktainer.retention.keep-daily": "5", "baktainer.retention.keep-weekly": "3"])
            let runner = LocalBackups(client: client, root: directory)
            // 40 backups, one a day at 12:00 UTC from Monday 2026-09-07 to Friday 2026-10-16.
            let first = try Date("2026-09-07T12:00:00Z", strategy: .iso8601)
            var files: [String] = []
            for day in 0..<40 {
                files.append(try await runner.run(target, now: first.addingTimeInterval(Double(day) * 86_400)).get().file)
            }
            // Another stream with no label policy (global: keep-last 2) and a file Baktainer did not write.
            let other = try await standin(run, bytes: 64, labels: ["baktainer.name": "other-\(run)"])
            var others: [String] = []
            for day in 0..<4 { others.append(try await runner.run(other, now: first.addingTimeInterval(Double(day) * 86_400)).get().file) }
            let foreign = directory + "/2026-09-07/notes.txt"
            try "mine".write(toFile: foreign, atomically: true, encoding: .utf8)

            let outcome = try await BaktainerProcess.run(
                ["prune"],
                environment: ["BT_BACKUP_DIR": directory, "BT_FILTER_LABEL": "\(TestBed.testLabel)=\(run)", "BT_RETENTION_KEEP_LAST": "2"])
            #expect(outcome.status == 0, "\(outcome.errors)")
            // Daily 5: the last five days (Mon 12 – Fri 16 Oct). Weekly 3 (ISO weeks, newest of each): Fri 16 Oct
            // (already kept), Sun 11 Oct, Sun 4 Oct.
            let kept = Set([35, 36, 37, 38, 39, 34, 27].map { files[$0] })
            let remaining = Set(
                (FileManager.default.enumerator(atPath: directory)?.allObjects as? [String] ?? []).map { directory + "/" + $0 })
            for (index, file) in files.enumerated() {
                let present = remaining.contains(file) && remaining.contains(file + ".sha256") && remaining.contains(file + ".json")
                let gone = !remaining.contains(file) && !remaining.contains(file + ".sha256") && !remaining.contains(file + ".json")
                #expect(kept.contains(file) ? present : gone, "day \(index): \(file)")
            }
            #expect(Set(others.filter(remaining.contains)) == Set(others.suffix(2)))
            #expect(remaining.contains(foreign), "a file Baktainer did not write is never deleted")
            #expect(!remaining.contains(directory + "/2026-09-08"), "emptied day folders are removed")
            #expect(outcome.output.contains("daily #1") && outcome.output.contains("weekly #3"), "\(outcome.output)")
            try? FileManager.default.removeItem(atPath: directory)
        }
    }
}
