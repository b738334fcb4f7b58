import Crypto
import Foundation
import Testing

/// The S3 destination against a real S3 server with authentication on (moto, `scripts/testbed-s3.sh`) and a real
/// PostgreSQL: `baktainer backup` copies each backup there, awscli reads back exactly the local bytes, a restore
/// streams from the bucket, a refused copy fails the destination (exit 1) but keeps the local backup and is caught
/// up by the next run, multipart uploads come out in equal parts with nothing left behind, remote retention keeps
/// its own policy's set, and the secret key appears nowhere.
@Suite struct S3DestinationIntegrationTests {
    let fixture = DestinationFixture()

    private static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    @Test func aBackupIsCopiedReadsBackByteForByteAndRestoresFromTheBucket() async throws {
        try await TestBed.withRun { run in
            try await S3TestServer.with { s3 in
                let (container, password) = try await fixture.startPostgres(run: run, rows: 2000)
                let query = "select count(*), md5(string_agg(name, ',' order by id)) from items"
                let original = try await fixture.psql(container, password, query)
                let backup = try await fixture.baktainer(["backup", container], s3.environment)
                #expect(backup.status == 0, "\(backup.output)\(backup.errors)")
                let key = try #require(try fixture.localKeys().last)
                #expect(try await s3.keys() == [key, "\(key).json", "\(key).sha256"])
                // awscli reads back exactly the local bytes, and the checksum sidecar travels with them.
                let local = try Data(contentsOf: URL(fileURLWithPath: "\(fixture.directory)/\(key)"))
                let remote = try await s3.object(key)
                #expect(remote == local)
                let sidecar = String(decoding: try await s3.object("\(key).sha256"), as: UTF8.self)
                #expect(sidecar.hasPrefix(Self.sha256(remote) + "  "))
                #expect((try await s3.head(key)["Metadata"] as? [String: String])?["sha256"] == Self.sha256(local))
                // Listed and verified from the bucket itself, then restored from it.
                let listed = try await fixture.baktainer(["list", "--backups", "--destination", "s3"], s3.environment)
                #expect(listed.status == 0 && listed.output.contains("s3://\(s3.bucket)/\(key)"), "\(listed.output)\(listed.errors)")
                let verified = try await fixture.baktainer(["verify", "--all", "--destination", "s3"], s3.environment)
                #expect(verified.status == 0 && verified.output.contains(" ok "), "\(verified.output)\(verified.errors)")
                _ = try await fixture.psql(container, password, "delete from items where id > 10; update items set name = 'changed'")
                let restored = try await fixture.baktainer(["restore", "shop-\(run)", "--latest", "--from", "s3", "--yes"], s3.environment)
                #expect(restored.status == 0, "\(restored.output)\(restored.errors)")
                #expect(try await fixture.psql(container, password, query) == original)
                for outcome in [backup, listed, verified, restored] {
                    #expect(!(outcome.output + outcome.errors).contains(s3.secretAccessKey))
                }
            }
        }
    }

    @Test func aRefusedCopyFailsTheDestinationKeepsTheBackupAndTheNextRunCatchesUp() async throws {
        try await TestBed.withRun { run in
            try await S3TestServer.with { s3 in
                let (container, _) = try await fixture.startPostgres(run: run, rows: 100)
                var wrong = s3.environment
                wrong["BT_S3_SECRET_ACCESS_KEY"] = "not-the-secret-\(run)"
                // validate probes the destination (a small write and delete): the wrong key is named, the right one accepted.
                let invalid = try await fixture.baktainer(["validate"], wrong)
                #expect(invalid.status != 0)
                #expect(invalid.errors.contains("destination s3") && invalid.errors.contains("BT_S3_SECRET_ACCESS_KEY"), "\(invalid.errors)")
                let valid = try await fixture.baktainer(["validate"], s3.environment)
                #expect(valid.output.contains("destination s3: answers, credentials accepted, writable"), "\(valid.output)\(valid.errors)")
                let refused = try await fixture.baktainer(["backup", container], wrong)
                #expect(refused.status == 1, "\(refused.output)\(refused.errors)")
                #expect(refused.output.contains("copy to s3 failed"), "\(refused.output)")
                #expect(refused.output.contains("BT_S3_SECRET_ACCESS_KEY"), "\(refused.output)")
                #expect(!(refused.output + refused.errors + invalid.output + invalid.errors).contains("not-the-secret"))
                let first = try #require(try fixture.localKeys().first)
                #expect(try await s3.keys().isEmpty)
                // Nothing half-written: the bucket holds no object and no upload of the failed copy.
                let next = try await fixture.baktainer(["backup", container], s3.environment)
                #expect(next.status == 0, "\(next.output)\(next.errors)")
                let keys = try fixture.localKeys()
                #expect(keys.count == 2 && keys.first == first)
                #expect(try await s3.keys() == keys.flatMap { [$0, "\($0).json", "\($0).sha256"] }.sorted())
            }
        }
    }

    @Test func aLargeDumpGoesUpInEqualPartsAndRemoteRetentionKeepsItsOwnPolicy() async throws {
        try await TestBed.withRun { run in
            try await S3TestServer.with { s3 in
                let (container, _) = try await fixture.startPostgres(run: run, rows: 120_000)
                var environment = s3.environment
                environment["BT_COMPRESS"] = "none"
                environment["BT_S3_PART_SIZE"] = "5M"
                environment["BT_S3_RETENTION_KEEP_LAST"] = "1"
                for _ in 0..<2 {
                    let backup = try await fixture.baktainer(["backup", container], environment)
                    #expect(backup.status == 0, "\(backup.output)\(backup.errors)")
                }
                let keys = try fixture.localKeys()
                #expect(keys.count == 2)
                let newest = try #require(keys.last)
                // The destination keeps the newest only; the backup directory keeps both (no local policy).
                #expect(try await s3.keys() == [newest, "\(newest).json", "\(newest).sha256"])
                let local = try Data(contentsOf: URL(fileURLWithPath: "\(fixture.directory)/\(newest)"))
                #expect(local.count > 10 << 20)
                let head = try await s3.head(newest)
                let parts = (local.count + (5 << 20) - 1) / (5 << 20)
                #expect((head["ETag"] as? String)?.hasSuffix("-\(parts)\"") == true, "\(head)")
                #expect((head["ContentLength"] as? Int) == local.count)
                #expect(try await s3.object(newest) == local)
                let uploads = try await s3.aws(["s3api", "list-multipart-uploads", "--bucket", s3.bucket, "--output", "json"])
                #expect(!String(decoding: uploads, as: UTF8.self).contains("UploadId"))
            }
        }
    }

    @Test func aMariaDBBackupRestoresFromTheBucketIntoAFreshServer() async throws {
        try await TestBed.withRun { run in
            try await S3TestServer.with { s3 in
                let password = "root-\(run)-secret"
                let source = try await TestBed.startContainer(
                    fixture: "mariadb", labels: ["baktainer.backup": "true", "baktainer.db.engine": "mariadb", "baktainer.name": "wiki-\(run)"],
                    environment: ["MARIADB_ROOT_PASSWORD": password, "MARIADB_DATABASE": "shop"], runID: run)
                try await TestBed.waitReady(source, engine: "mariadb")
                func sql(_ container: String, _ statement: String) async throws -> String {
                    try await TestBed.docker(["exec", "-e", "MYSQL_PWD=\(password)", container, "mysql", "-uroot", "-N", "shop", "-e", statement])
                }
                _ = try await sql(
                    source, "create table items(id int primary key, name text); insert into items select seq, concat('item ', seq) from seq_1_to_3000;")
                let query = "select count(*), sum(id), md5(group_concat(name order by id)) from shop.items"
                let original = try await sql(source, query)
                let backup = try await fixture.baktainer(["backup", source], s3.environment)
                #expect(backup.status == 0, "\(backup.output)\(backup.errors)")
                // The local copy goes: the restore can only come from the bucket.
                try FileManager.default.removeItem(atPath: fixture.directory)
                let fresh = try await TestBed.startContainer(
                    fixture: "mariadb", environment: ["MARIADB_ROOT_PASSWORD": password, "MARIADB_DATABASE": "shop"], runID: run)
                try await TestBed.waitReady(fresh, engine: "mariadb")
                let restored = try await fixture.baktainer(["restore", "wiki-\(run)", "--latest", "--from", "s3", "--to", fresh, "--yes"], s3.environment)
                #expect(restored.status == 0, "\(restored.output)\(restored.errors)")
                #expect(try await sql(fresh, query) == original)
                // With no local copy, a restore test takes the backup from the bucket.
                let tested = try await fixture.baktainer(["verify", "--restore-test", "wiki-\(run)", "--destination", "s3"], s3.environment)
                #expect(tested.status == 0 && tested.output.contains(" ok "), "\(tested.output)\(tested.errors)")
                #expect(!(restored.output + restored.errors).contains(password) && !(restored.output + restored.errors).contains(s3.secretAccessKey))
            }
        }
    }

    @Test func aServerLostMidUploadFailsTheDestinationAndTheNextRunLeavesNoUploadAndCatchesUp() async throws {
        try await TestBed.withRun { run in
            try await S3TestServer.with { s3 in
                let (container, _) = try await fixture.startPostgres(run: run, rows: 120_000)
                // The line to the server is cut once 7 MB went up: in the middle of the 5 MiB parts of a 12 MB dump.
                let port = try TestBed.freePort()
                let serverPort = try #require(s3.endpoint.split(separator: ":").last.map(String.init))
                async let proxy = TestBed.tool("/usr/bin/python3", [Self.cutProxy, "\(port)", serverPort, "\(7 << 20)", "180"])
                // The proxy must be listening before the backup starts (on a loaded host python takes seconds to start):
                // a backup refused at the door would fail for the wrong reason, leaving the proxy waiting for its cut.
                var listening = false
                for _ in 0..<300 where !listening {
                    listening = try await TestBed.tool("/usr/bin/curl", ["-fsS", "-o", "/dev/null", "http://127.0.0.1:\(port)/moto-api/"]).status == 0
                    if !listening { try await Task.sleep(for: .milliseconds(200)) }
                }
                try #require(listening, "the cut proxy on port \(port) did not answer within a minute")
                var environment = s3.environment
                environment["BT_COMPRESS"] = "none"
                environment["BT_S3_PART_SIZE"] = "5M"
                var cutOff = environment
                cutOff["BT_S3_ENDPOINT"] = "http://127.0.0.1:\(port)"
                let failed = try await fixture.baktainer(["backup", container], cutOff)
                let cut = try await proxy
                #expect(cut.output.contains("cut after"), "proxy: \(cut.output)\(cut.errors); backup: \(failed.output)\(failed.errors)")
                #expect(failed.status == 1, "\(failed.output)\(failed.errors)")
                #expect(failed.output.contains("copy to s3 failed"), "\(failed.output)")
                let first = try #require(try fixture.localKeys().first)
                // The server never heard the abort: the unfinished upload is there, as after a crash.
                #expect(try await uploads(s3).contains(first))
                #expect(try await s3.keys().isEmpty)
                let next = try await fixture.baktainer(["backup", container], environment)
                #expect(next.status == 0, "\(next.output)\(next.errors)")
                let keys = try fixture.localKeys()
                #expect(keys.count == 2 && keys.first == first)
                #expect(try await s3.keys() == keys.flatMap { [$0, "\($0).json", "\($0).sha256"] }.sorted())
                let left = try await uploads(s3)
                #expect(!left.contains("UploadId"), "\(left)")
                #expect(try await s3.object(first) == (try Data(contentsOf: URL(fileURLWithPath: "\(fixture.directory)/\(first)"))))
            }
        }
    }

    private static let cutProxy = S3TestServer.script("testbed-cutproxy.py")

    /// `list-multipart-uploads` of the bucket, as text.
    private func uploads(_ s3: S3TestServer) async throws -> String {
        String(decoding: try await s3.aws(["s3api", "list-multipart-uploads", "--bucket", s3.bucket, "--output", "json"]), as: UTF8.self)
    }

    @Test func objectLockLocksEveryObjectOfACopyUntilItsRetainDate() async throws {
        try await TestBed.withRun { run in
            try await S3TestServer.with { s3 in
                let (container, _) = try await fixture.startPostgres(run: run, rows: 120_000)
                let bucket = "locked-\(run.lowercased())"
                try await s3.aws(["s3api", "create-bucket", "--bucket", bucket, "--object-lock-enabled-for-bucket"])
                var environment = s3.environment
                environment["BT_S3_BUCKET"] = bucket
                environment["BT_COMPRESS"] = "none"
                environment["BT_S3_OBJECT_LOCK_MODE"] = "GOVERNANCE"
                environment["BT_S3_OBJECT_LOCK_RETAIN"] = "2d"
                let formatter = ISO8601DateFormatter()
                formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
                // One PUT (12 MB under the 16 MiB part size), then in parts: each part goes up with its Content-MD5,
                // which S3 requires for locked objects. moto ignores the lock headers of CreateMultipartUpload (AWS
                // honours them), so the data object's lock is checked on the single PUT only.
                for (partSize, lockedObjects) in [("16M", ["", ".sha256", ".json"]), ("5M", [".sha256", ".json"])] {
                    environment["BT_S3_PART_SIZE"] = partSize
                    let backup = try await fixture.baktainer(["backup", container], environment)
                    #expect(backup.status == 0, "\(backup.output)\(backup.errors)")
                    let key = try #require(try fixture.localKeys().last)
                    for object in lockedObjects.map({ key + $0 }) {
                        let head = try await s3.aws(["s3api", "head-object", "--bucket", bucket, "--key", object, "--output", "json"])
                        let fields = try JSONSerialization.jsonObject(with: head) as? [String: Any] ?? [:]
                        #expect(fields["ObjectLockMode"] as? String == "GOVERNANCE", "\(object): \(fields)")
                        let until = (fields["ObjectLockRetainUntilDate"] as? String).flatMap { text in
                            formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text)
                        }
                        let expected = Date().addingTimeInterval(2 * 86400)
                        #expect(until.map { abs($0.timeIntervalSince(expected)) < 3600 } == true, "\(object): \(fields)")
                    }
                }
                #expect(try fixture.localKeys().count == 2)
            }
        }
    }
}
