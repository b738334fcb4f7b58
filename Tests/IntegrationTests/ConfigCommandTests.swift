import BaktainerCore
import Foundation
import Testing

/// `baktainer config` and `--version` as a user runs them: the real binary, a YAML file and variables. Needs no
/// Docker engine.
@Suite struct ConfigCommandTests {
    /// Writes `text` to a temporary YAML file, runs `body` with its path, and removes it.
    private func withFile<T>(_ text: String, _ body: (String) async throws -> T) async throws -> T {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bt-config-\(UUID().uuidString).yml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try await body(path)
    }

    @Test func printsEveryKeyItsValueAndSourceWithSecretsMasked() async throws {
        let token = "token-\(UUID().uuidString)"
        let passphrase = "passphrase-\(UUID().uuidString)"
        try await withFile("backup_dir: /srv/backups\nthreads: 8\nretention:\n  keep_daily: 7\nhttp:\n  token: \(token)\n") { path in
            let environment = ["BT_CONFIG_FILE": path, "BT_THREADS": "2", "BT_AGE_PASSPHRASE": passphrase, "BT_THREDS": "1"]
            let table = try await BaktainerProcess.run(["config"], environment: environment)
            #expect(table.status == 0, "stderr: \(table.errors)")
            func row(_ key: String) -> [String]? {
                table.output.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
                    .first { $0.first == key }
            }
            #expect(table.output.hasPrefix("configuration file: \(path)\nKEY"))
            #expect(row("backup_dir") == ["backup_dir", "BT_BACKUP_DIR", "/srv/backups", "\(path):", "backup_dir"])
            #expect(row("threads") == ["threads", "BT_THREADS", "2", "BT_THREADS"])
            #expect(row("retention.keep_daily") == ["retention.keep_daily", "BT_RETENTION_KEEP_DAILY", "7", "\(path):", "retention.keep_daily"])
            #expect(row("http.token") == ["http.token", "BT_HTTP_TOKEN", "••••••", "\(path):", "http.token"])
            #expect(row("age.passphrase") == ["age.passphrase", "BT_AGE_PASSPHRASE", "••••••", "BT_AGE_PASSPHRASE"])
            #expect(row("cron") == ["cron", "BT_CRON", "0", "0", "*", "*", "*", "default"])
            #expect(table.errors.contains("warning: configuration: BT_THREDS is not a Baktainer setting"))

            let json = try await BaktainerProcess.run(["config", "--format", "json"], environment: environment)
            #expect(json.status == 0, "stderr: \(json.errors)")
            let decoded = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
            #expect(decoded["file"] as? String == path)
            let settings = try #require(decoded["settings"] as? [[String: Any]])
            let threads = try #require(settings.first { $0["key"] as? String == "threads" })
            #expect(threads["value"] as? String == "2" && threads["source"] as? String == "BT_THREADS")
            let tokenRow = try #require(settings.first { $0["key"] as? String == "http.token" })
            #expect(tokenRow["secret"] as? Bool == true && tokenRow["source"] as? String == "\(path): http.token")

            for output in [table.output, table.errors, json.output, json.errors] {
                #expect(!output.contains(token) && !output.contains(passphrase))
            }
        }
    }

    @Test func malformedValuesStopStartUpNamingTheKeyAndSource() async throws {
        try await withFile("threads: abc\nretention: {keep_daily: 7}\n") { path in
            let fromFile = try await BaktainerProcess.run(["config"], environment: ["BT_CONFIG_FILE": path])
            #expect(fromFile.status != 0)
            #expect(fromFile.errors.contains("\(path): threads: 'abc' is not a whole number from 1 to 64"), "\(fromFile.errors)")
            #expect(fromFile.output.contains("retention.keep_daily"), "the table is printed before the error")

            // Every other command refuses to start on it too.
            let prune = try await BaktainerProcess.run(["prune", "--dry-run"], environment: ["BT_CONFIG_FILE": path])
            #expect(prune.status != 0 && prune.errors.contains("\(path): threads:"), "\(prune.errors)")

            let fromVariable = try await BaktainerProcess.run(["config"], environment: ["BT_CONFIG_FILE": path, "BT_THREADS": "x"])
            #expect(fromVariable.errors.contains("BT_THREADS: 'x' is not a whole number"), "\(fromVariable.errors)")
        }
        try await withFile("threads: 4\nretention:\n  keep_daly: 7\n") { path in
            let unknown = try await BaktainerProcess.run(["config"], environment: ["BT_CONFIG_FILE": path])
            #expect(unknown.status != 0)
            #expect(unknown.errors.contains("\(path): unknown key retention.keep_daly (line 3)"), "\(unknown.errors)")
        }
        let missing = try await BaktainerProcess.run(["config"], environment: ["BT_CONFIG_FILE": "/nonexistent/bt.yml"])
        #expect(missing.status != 0 && missing.errors.contains("/nonexistent/bt.yml (BT_CONFIG_FILE): cannot read"), "\(missing.errors)")
    }

    @Test func printsTheVersion() async throws {
        let result = try await BaktainerProcess.run(["--version"])
        #expect(result.status == 0)
        #expect(result.output == BaktainerVersion.current + "\n")
    }
}
