import BaktainerCore
import Foundation
import Testing

/// `baktainer list` as a user runs it: the real binary against the real daemon.
@Suite struct ListCommandTests {
    private func runList(_ arguments: [String], environment: [String: String] = [:]) async throws -> BaktainerProcess.Outcome {
        try await BaktainerProcess.run(["list"] + arguments, environment: environment)
    }

    @Test func printsLabelledContainersAsTableAndJSONWithoutSecrets() async throws {
        try await TestBed.withRun { run in
            let name = try await TestBed.startContainer(
                fixture: "sqlite",
                labels: [
                    "baktainer.backup": "true", "baktainer.db.engine": "sqlite", "baktainer.db.name": "/data/\(run).db",
                    "baktainer.db.password": "never-print-\(run)",
                ], runID: run)
            let table = try await runList([])
            #expect(table.status == 0, "stderr: \(table.errors)")
            let row = try #require(table.output.split(separator: "\n").first { $0.hasPrefix(name) })
            #expect(row.split(separator: " ", omittingEmptySubsequences: true).map(String.init) == [name, "sqlite", "/data/\(run).db", name, "running", "ok"])
            #expect(table.output.hasPrefix("NAME"))

            let json = try await runList(["--format", "json"])
            #expect(json.status == 0)
            let decoded = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]]
            let entry = try #require(decoded?.first { $0["name"] as? String == name })
            #expect(entry["engine"] as? String == "sqlite")
            #expect(entry["database"] as? String == "/data/\(run).db")
            #expect(entry["validation"] as? String == "ok")
            #expect(!table.output.contains("never-print") && !json.output.contains("never-print"))
        }
    }

    @Test func listsCompressedAndEncryptedBackupsAlike() async throws {
        try await TestBed.withRun { run in
            let source = try await TestBed.startContainer(
                fixture: "mongo-standin", labels: ["baktainer.backup": "true", "baktainer.db.engine": "mongodb"],
                environment: ["MONGO_STANDIN_BYTES": "4096"], runID: run)
            let directory = "/var/tmp/bt-list-tests/\(run)"
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let recipient = AgeKeyPair.generate().recipientString
            for environment in [["BT_COMPRESS": "zstd", "BT_AGE_RECIPIENTS": recipient], ["BT_COMPRESS": "gzip"]] {
                let backup = try await BaktainerProcess.run(
                    ["backup", source, "--quiet"], environment: environment.merging(["BT_BACKUP_DIR": directory]) { $1 })
                #expect(backup.status == 0, "\(backup.output)")
                try await Task.sleep(for: .seconds(1))  // one file per second: names carry Unix seconds
            }
            let table = try await runList(["--backups"], environment: ["BT_BACKUP_DIR": directory])
            #expect(table.status == 0)
            let rows = table.output.split(separator: "\n").filter { $0.hasPrefix(source) }
            #expect(rows.count == 2)
            #expect(rows.first?.contains("gzip") == true && rows.first?.hasSuffix(".archive.gz") == true, "newest first: \(rows)")
            #expect(rows.last?.contains("zstd") == true && rows.last?.contains("age") == true && rows.last?.hasSuffix(".archive.zst.age") == true)
        }
    }

    @Test func wrongSocketIsAOneLineErrorNotACrash() async throws {
        let result = try await runList([], environment: ["BT_DOCKER_URL": "unix:///nonexistent/docker.sock"])
        #expect(result.status != 0)
        #expect(result.errors.contains("no Docker socket at unix:///nonexistent/docker.sock"))
        #expect(result.errors.contains("BT_DOCKER_URL"))
        #expect(result.errors.split(separator: "\n").count <= 2)
    }
}
