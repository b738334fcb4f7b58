import Crypto
import Foundation
import Testing

/// The SFTP destination against Debian's OpenSSH server with key authentication (`scripts/testbed-sftp.sh`) and a
/// real PostgreSQL: `baktainer backup` copies each backup there, OpenSSH's `sftp` reads back exactly the local
/// bytes, a restore streams from the server, remote retention keeps its own policy's set, a host key that is not
/// the pinned one is refused (destination failed, exit 1, local backup kept) and the next run catches up.
@Suite struct SFTPDestinationIntegrationTests {
    let fixture = DestinationFixture()

    @Test func backupsAreCopiedReadBackByteForByteKeptByTheirOwnPolicyAndRestoredFromTheServer() async throws {
        try await TestBed.withRun { run in
            try await SFTPTestServer.with { sftp in
                let (container, password) = try await fixture.startPostgres(run: run, rows: 3000)
                let query = "select count(*), md5(string_agg(name, ',' order by id)) from items"
                let original = try await fixture.psql(container, password, query)
                var environment = sftp.environment
                environment["BT_SFTP_RETENTION_KEEP_LAST"] = "1"
                var outcomes: [BaktainerProcess.Outcome] = []
                for _ in 0..<2 {
                    let backup = try await fixture.baktainer(["backup", container], environment)
                    #expect(backup.status == 0, "\(backup.output)\(backup.errors)")
                    outcomes.append(backup)
                }
                let keys = try fixture.localKeys()
                #expect(keys.count == 2)
                let newest = try #require(keys.last)
                // The server keeps the newest only (its own policy); no temporary file is left.
                #expect(try await sftp.files() == [newest, "\(newest).json", "\(newest).sha256"])
                let local = try Data(contentsOf: URL(fileURLWithPath: "\(fixture.directory)/\(newest)"))
                let remote = try await sftp.download(newest)
                #expect(remote == local)
                let digest = SHA256.hash(data: remote).map { String(format: "%02x", $0) }.joined()
                #expect(String(decoding: try await sftp.download("\(newest).sha256"), as: UTF8.self).hasPrefix(digest + "  "))
                // Listed, verified and restored from the server itself.
                let listed = try await fixture.baktainer(["list", "--backups", "--destination", "sftp"], environment)
                #expect(listed.status == 0 && listed.output.contains(newest), "\(listed.output)\(listed.errors)")
                let verified = try await fixture.baktainer(["verify", "--all", "--destination", "sftp"], environment)
                #expect(verified.status == 0 && verified.output.contains(" ok "), "\(verified.output)\(verified.errors)")
                _ = try await fixture.psql(container, password, "delete from items where id > 10; update items set name = 'changed'")
                let restored = try await fixture.baktainer(["restore", "shop-\(run)", "--latest", "--from", "sftp", "--yes"], environment)
                #expect(restored.status == 0, "\(restored.output)\(restored.errors)")
                #expect(try await fixture.psql(container, password, query) == original)
                // A restore test can take its backup from the server too.
                let tested = try await fixture.baktainer(["verify", "--restore-test", "shop-\(run)", "--destination", "sftp"], environment)
                #expect(tested.status == 0 && tested.output.contains(" ok "), "\(tested.output)\(tested.errors)")
                let key = try String(contentsOfFile: sftp.keyFile, encoding: .utf8).split(separator: "\n")[1]
                for outcome in outcomes + [listed, verified, restored, tested] {
                    #expect(!(outcome.output + outcome.errors).contains(key))
                }
            }
        }
    }

    @Test func aHostKeyThatIsNotThePinnedOneIsRefusedAndTheNextRunCatchesUp() async throws {
        try await TestBed.withRun { run in
            try await SFTPTestServer.with { sftp in
                let (container, _) = try await fixture.startPostgres(run: run, rows: 100)
                var wrong = sftp.environment
                wrong["BT_SFTP_KNOWN_HOSTS_FILE"] = nil
                wrong["BT_SFTP_HOST_KEY_FINGERPRINT"] = "SHA256:" + String(repeating: "A", count: 43)
                let invalid = try await fixture.baktainer(["validate"], wrong)
                #expect(invalid.status != 0)
                #expect(invalid.errors.contains("destination sftp") && invalid.errors.contains(sftp.fingerprint), "\(invalid.errors)")
                var pinned = sftp.environment
                pinned["BT_SFTP_KNOWN_HOSTS_FILE"] = nil
                pinned["BT_SFTP_HOST_KEY_FINGERPRINT"] = sftp.fingerprint
                let valid = try await fixture.baktainer(["validate"], pinned)
                #expect(valid.output.contains("destination sftp: answers, credentials accepted, writable"), "\(valid.output)\(valid.errors)")
                let refused = try await fixture.baktainer(["backup", container], wrong)
                #expect(refused.status == 1, "\(refused.output)\(refused.errors)")
                #expect(refused.output.contains("copy to sftp failed") && refused.output.contains("BT_SFTP_HOST_KEY_FINGERPRINT"), "\(refused.output)")
                let first = try #require(try fixture.localKeys().first)
                #expect(try await sftp.files().isEmpty)
                let next = try await fixture.baktainer(["backup", container], pinned)
                #expect(next.status == 0, "\(next.output)\(next.errors)")
                let keys = try fixture.localKeys()
                #expect(keys.count == 2 && keys.first == first)
                #expect(try await sftp.files() == keys.flatMap { [$0, "\($0).json", "\($0).sha256"] }.sorted())
            }
        }
    }

    @Test func namedDestinationsFromTheFileEachGetACopyUnderTheirOwnPolicy() async throws {
        try await TestBed.withRun { run in
            try await SFTPTestServer.with { sftp in
                try await S3TestServer.with { s3 in
                    let (container, _) = try await fixture.startPostgres(run: run, rows: 100)
                    let file = "\(fixture.directory)-config.yml"
                    try """
                    destinations:
                      offsite:
                        type: s3
                        bucket: \(s3.bucket)
                        endpoint: \(s3.endpoint)
                        access_key_id: \(s3.accessKeyID)
                        secret_access_key: \(s3.secretAccessKey)
                        retention:
                          keep_last: 1
                      nas:
                        type: sftp
                        host: 127.0.0.1
                        port: \(sftp.port)
                        user: \(sftp.user)
                        path: \(sftp.root)
                        private_key_file: \(sftp.keyFile)
                        host_key_fingerprint: \(sftp.fingerprint)
                    """.write(toFile: file, atomically: true, encoding: .utf8)
                    defer { try? FileManager.default.removeItem(atPath: file) }
                    let environment = ["BT_CONFIG_FILE": file]
                    let valid = try await fixture.baktainer(["validate"], environment)
                    #expect(valid.output.contains("destination offsite: answers") && valid.output.contains("destination nas: answers"), "\(valid.output)")
                    for _ in 0..<2 {
                        let backup = try await fixture.baktainer(["backup", container], environment)
                        #expect(backup.status == 0, "\(backup.output)\(backup.errors)")
                    }
                    let keys = try fixture.localKeys()
                    #expect(keys.count == 2)
                    // offsite keeps the newest (its own keep_last: 1), nas everything (no policy).
                    #expect(try await s3.keys() == [keys[1], "\(keys[1]).json", "\(keys[1]).sha256"])
                    #expect(try await sftp.files() == keys.flatMap { [$0, "\($0).json", "\($0).sha256"] }.sorted())
                    let listed = try await fixture.baktainer(["list", "--backups", "--destination", "nas"], environment)
                    #expect(listed.status == 0 && listed.output.contains(keys[0]), "\(listed.output)\(listed.errors)")
                    let config = try await fixture.baktainer(["config"], environment)
                    #expect(!(valid.output + valid.errors + config.output + config.errors).contains(s3.secretAccessKey))
                }
            }
        }
    }
}
