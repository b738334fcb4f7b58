import Crypto
import Foundation
import Testing

/// The SFTP destination against Debian's OpenSSH server with key authentication (`scripts/testbed-sftp.sh`) and a
/// real PostgreSQL: `baktainer backup` copies each backup there, OpenSSH's `sftp` reads back exactly the local
/// bytes, a restore streams from the server, remote retention keeps its own policy's set, a host key that is not
/// the pinned one is refused (destination failed, exit 1, local backup kept) and the next run catches up.
@Suite struct SFTPDestinationIntegrationTests {
    let directory = "/var/tmp/bt-sftp-tests/\(UUID().uuidString.prefix(8))"

    private func start(run: String, rows: Int) async throws -> (container: String, password: String) {
        let password = "pg-\(run)-secret"
        let container = try await TestBed.startContainer(
            fixture: "postgres", labels: ["baktainer.backup": "true", "baktainer.db.engine": "postgres", "baktainer.name": "shop-\(run)"],
            environment: ["POSTGRES_PASSWORD": password, "POSTGRES_USER": "app", "POSTGRES_DB": "shop"], runID: run)
        try await TestBed.waitReady(container, engine: "postgres")
        _ = try await psql(
            container, password,
            "create table items(id int primary key, name text); insert into items select g, md5(g::text) || repeat('x', 60) from generate_series(1, \(rows)) g;"
        )
        return (container, password)
    }

    private func psql(_ container: String, _ password: String, _ sql: String) async throws -> String {
        try await TestBed.docker([
            "exec", "-e", "PGPASSWORD=\(password)", container, "psql", "-X", "-v", "ON_ERROR_STOP=1", "-U", "app", "-d", "shop", "-tAc", sql,
        ])
    }

    private func baktainer(_ arguments: [String], _ environment: [String: String]) async throws -> BaktainerProcess.Outcome {
        try await BaktainerProcess.run(arguments, environment: ["BT_BACKUP_DIR": directory].merging(environment) { $1 })
    }

    /// Local backup keys (`YYYY-MM-DD/<file>`), oldest first.
    private func localKeys() throws -> [String] {
        let days = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.count == 10 }.sorted()
        return try days.flatMap { day in
            try FileManager.default.contentsOfDirectory(atPath: "\(directory)/\(day)").filter { !$0.hasSuffix(".json") && !$0.hasSuffix(".sha256") }
                .sorted().map { "\(day)/\($0)" }
        }
    }

    @Test func backupsAreCopiedReadBackByteForByteKeptByTheirOwnPolicyAndRestoredFromTheServer() async throws {
        try await TestBed.withRun { run in
            try await SFTPTestServer.with { sftp in
                let (container, password) = try await start(run: run, rows: 3000)
                let query = "select count(*), md5(string_agg(name, ',' order by id)) from items"
                let original = try await psql(container, password, query)
                var environment = sftp.environment
                environment["BT_SFTP_RETENTION_KEEP_LAST"] = "1"
                var outcomes: [BaktainerProcess.Outcome] = []
                for _ in 0..<2 {
                    let backup = try await baktainer(["backup", container], environment)
                    #expect(backup.status == 0, "\(backup.output)\(backup.errors)")
                    outcomes.append(backup)
                }
                let keys = try localKeys()
                #expect(keys.count == 2)
                let newest = try #require(keys.last)
                // The server keeps the newest only (its own policy); no temporary file is left.
                #expect(try await sftp.files() == [newest, "\(newest).json", "\(newest).sha256"])
                let local = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(newest)"))
                let remote = try await sftp.download(newest)
                #expect(remote == local)
                let digest = SHA256.hash(data: remote).map { String(format: "%02x", $0) }.joined()
                #expect(String(decoding: try await sftp.download("\(newest).sha256"), as: UTF8.self).hasPrefix(digest + "  "))
                // Listed, verified and restored from the server itself.
                let listed = try await baktainer(["list", "--backups", "--destination", "sftp"], environment)
                #expect(listed.status == 0 && listed.output.contains(newest), "\(listed.output)\(listed.errors)")
                let verified = try await baktainer(["verify", "--all", "--destination", "sftp"], environment)
                #expect(verified.status == 0 && verified.output.contains(" ok "), "\(verified.output)\(verified.errors)")
                _ = try await psql(container, password, "delete from items where id > 10; update items set name = 'changed'")
                let restored = try await baktainer(["restore", "shop-\(run)", "--latest", "--from", "sftp", "--yes"], environment)
                #expect(restored.status == 0, "\(restored.output)\(restored.errors)")
                #expect(try await psql(container, password, query) == original)
                // A restore test can take its backup from the server too.
                let tested = try await baktainer(["verify", "--restore-test", "shop-\(run)", "--destination", "sftp"], environment)
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
                let (container, _) = try await start(run: run, rows: 100)
                var wrong = sftp.environment
                wrong["BT_SFTP_KNOWN_HOSTS_FILE"] = nil
                wrong["BT_SFTP_HOST_KEY_FINGERPRINT"] = "SHA256:" + String(repeating: "A", count: 43)
                let invalid = try await baktainer(["validate"], wrong)
                #expect(invalid.status != 0)
                #expect(invalid.errors.contains("destination sftp") && invalid.errors.contains(sftp.fingerprint), "\(invalid.errors)")
                var pinned = sftp.environment
                pinned["BT_SFTP_KNOWN_HOSTS_FILE"] = nil
                pinned["BT_SFTP_HOST_KEY_FINGERPRINT"] = sftp.fingerprint
                let valid = try await baktainer(["validate"], pinned)
                #expect(valid.output.contains("destination sftp: answers, credentials accepted, writable"), "\(valid.output)\(valid.errors)")
                let refused = try await baktainer(["backup", container], wrong)
                #expect(refused.status == 1, "\(refused.output)\(refused.errors)")
                #expect(refused.output.contains("copy to sftp failed") && refused.output.contains("BT_SFTP_HOST_KEY_FINGERPRINT"), "\(refused.output)")
                let first = try #require(try localKeys().first)
                #expect(try await sftp.files().isEmpty)
                let next = try await baktainer(["backup", container], pinned)
                #expect(next.status == 0, "\(next.output)\(next.errors)")
                let keys = try localKeys()
                #expect(keys.count == 2 && keys.first == first)
                #expect(try await sftp.files() == keys.flatMap { [$0, "\($0).json", "\($0).sha256"] }.sorted())
            }
        }
    }

    @Test func namedDestinationsFromTheFileEachGetACopyUnderTheirOwnPolicy() async throws {
        try await TestBed.withRun { run in
            try await SFTPTestServer.with { sftp in
                try await S3TestServer.with { s3 in
                    let (container, _) = try await start(run: run, rows: 100)
                    let file = "\(directory)-config.yml"
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
                    let valid = try await baktainer(["validate"], environment)
                    #expect(valid.output.contains("destination offsite: answers") && valid.output.contains("destination nas: answers"), "\(valid.output)")
                    for _ in 0..<2 {
                        let backup = try await baktainer(["backup", container], environment)
                        #expect(backup.status == 0, "\(backup.output)\(backup.errors)")
                    }
                    let keys = try localKeys()
                    #expect(keys.count == 2)
                    // offsite keeps the newest (its own keep_last: 1), nas everything (no policy).
                    #expect(try await s3.keys() == [keys[1], "\(keys[1]).json", "\(keys[1]).sha256"])
                    #expect(try await sftp.files() == keys.flatMap { [$0, "\($0).json", "\($0).sha256"] }.sorted())
                    let listed = try await baktainer(["list", "--backups", "--destination", "nas"], environment)
                    #expect(listed.status == 0 && listed.output.contains(keys[0]), "\(listed.output)\(listed.errors)")
                    let config = try await baktainer(["config"], environment)
                    #expect(!(valid.output + valid.errors + config.output + config.errors).contains(s3.secretAccessKey))
                }
            }
        }
    }
}
