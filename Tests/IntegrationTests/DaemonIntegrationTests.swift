import BaktainerCore
import Foundation
import Testing

/// `baktainer run` as a user runs it: the real binary on a fast schedule against real engines. Each test
/// confines its daemon to its own containers with `BT_FILTER_LABEL=baktainer.test=<run>`.
@Suite struct DaemonIntegrationTests {
    /// A running daemon with its port and backup directory.
    struct Daemon {
        let process: BaktainerProcess
        let port: Int
        let directory: String

        init(run: String, environment: [String: String]) throws {
            port = Int.random(in: 20_000...40_000)
            directory = "/var/tmp/bt-daemon-tests/\(run)-\(UUID().uuidString.prefix(4))"
            process = try BaktainerProcess(
                ["run", "--log-format", "json"],
                environment: [
                    "BT_BACKUP_DIR": directory, "BT_HTTP_PORT": "\(port)", "BT_FILTER_LABEL": "\(TestBed.testLabel)=\(run)",
                    "BT_CRON": "*/2 * * * * *",
                ].merging(environment) { $1 })
        }

        /// `curl` against the daemon: the status code and body.
        func get(_ path: String, token: String? = nil) async throws -> (status: Int, body: String) {
            let arguments =
                ["-s", "-m", "5", "-w", "\n%{http_code}"] + (token.map { ["-H", "Authorization: Bearer \($0)"] } ?? [])
                + ["http://127.0.0.1:\(port)\(path)"]
            let text = try await TestBed.tool("/usr/bin/curl", arguments).output
            let status = Int(text.split(separator: "\n").last ?? "") ?? 0
            return (status, String(text.dropLast(String(status).count)))
        }

        /// The `targets` of `/api/status` (empty while the server is not up yet).
        func targets(token: String? = nil) async throws -> [[String: Any]] {
            let answer = try await get("/api/status", token: token)
            guard answer.status == 200, let object = try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any] else { return [] }
            return object["targets"] as? [[String: Any]] ?? []
        }

        /// Polls `condition` every 200 ms until it holds or `limit` passes (a hang guard, not a timing claim).
        func wait(for what: String, limit: Duration = .seconds(90), _ condition: () async throws -> Bool) async throws {
            let deadline = ContinuousClock.now + limit
            while try await !condition() {
                guard ContinuousClock.now < deadline, process.process.isRunning else {
                    let outcome = try? await stop()
                    throw TestBedError("gave up waiting for \(what); daemon log:\n\(outcome?.errors.suffix(3000) ?? "")")
                }
                try await Task.sleep(for: .milliseconds(200))
            }
        }

        /// SIGTERM, then everything it printed.
        @discardableResult
        func stop() async throws -> BaktainerProcess.Outcome {
            if process.process.isRunning { process.process.terminate() }
            return try await process.finish()
        }

        /// SIGTERM without waiting (for `defer`, when a test fails before its own `stop()`).
        func terminate() {
            if process.process.isRunning { process.process.terminate() }
        }

        /// Files (not directories) under the backup directory.
        func files() -> [String] {
            (FileManager.default.enumerator(atPath: directory)?.allObjects as? [String] ?? []).filter { $0.contains(".") && !$0.hasSuffix("/") }
        }
    }

    private func standin(_ run: String, bytes: Int = 2048, sleep: Int? = nil) async throws -> String {
        var environment = ["MONGO_STANDIN_BYTES": "\(bytes)"]
        if let sleep { environment["MONGO_STANDIN_SLEEP"] = "\(sleep)" }
        return try await TestBed.startContainer(
            fixture: "mongo-standin", labels: ["baktainer.backup": "true", "baktainer.db.engine": "mongodb"], environment: environment,
            runID: run)
    }

    private static func ok(_ target: [String: Any]) -> Bool { target["lastResult"] as? String == "ok" }

    @Test func backsUpOnScheduleFollowsNewContainersAndReportsThem() async throws {
        try await TestBed.withRun { run in
            let first = try await standin(run)
            let second = try await standin(run)
            let token = "token-\(run)"
            // A stale limit of three 2-second intervals would make /health a timing test on a loaded machine; the
            // freshness rule itself is covered with an injected clock in DaemonStateTests.
            let daemon = try Daemon(run: run, environment: ["BT_HTTP_TOKEN": token, "BT_COMPRESS": "none", "BT_MAX_BACKUP_AGE": "10m"])
            defer { daemon.terminate() }
            try await daemon.wait(for: "two targets backed up") { try await daemon.targets(token: token).filter(Self.ok).count == 2 }
            let third = try await standin(run)
            try await daemon.wait(for: "the third container, started later, backed up") {
                try await daemon.targets(token: token).contains { $0["container"] as? String == third && Self.ok($0) }
            }
            let targets = try await daemon.targets(token: token)
            #expect(Set(targets.compactMap { $0["container"] as? String }) == [first, second, third])
            #expect(targets.allSatisfy { $0["cron"] as? String == "*/2 * * * * *" && $0["nextRun"] != nil && ($0["lastSize"] as? Int ?? 0) > 2048 })

            #expect(try await daemon.get("/api/status").status == 401)
            #expect(try await daemon.get("/api/status", token: "wrong").status == 401)
            let metrics = try await daemon.get("/metrics")
            #expect(metrics.status == 200)
            #expect(metrics.body.contains("baktainer_targets 3.0"))
            #expect(metrics.body.contains(#"baktainer_backups_total{engine="mongodb",result="ok"}"#))
            #expect(metrics.body.contains("baktainer_docker_up 1.0"))
            for name in [first, second, third] {
                #expect(metrics.body.contains(#"baktainer_last_success_timestamp_seconds{target="\#(name)",schedule="default",host="local"}"#))
            }
            #expect(try await daemon.get("/health").status == 200)
            #expect(try await daemon.get("/ready").status == 200)

            try await TestBed.docker(["rm", "-f", second])
            try await daemon.wait(for: "the removed container dropped") {
                try await !(daemon.targets(token: token).contains { $0["container"] as? String == second })
            }
            let outcome = try await daemon.stop()
            #expect(outcome.status == 0, "\(outcome.errors.suffix(2000))")
            #expect(!daemon.files().contains { $0.hasSuffix(".partial") })
            try? FileManager.default.removeItem(atPath: daemon.directory)
        }
    }

    @Test func restoreTestsOnBTVerifyCronReportInStatusAndMetrics() async throws {
        try await TestBed.withRun { run in
            let password = "pg-\(run)-secret"
            let source = try await TestBed.startContainer(
                fixture: "postgres", labels: ["baktainer.backup": "true", "baktainer.db.engine": "postgres"],
                environment: ["POSTGRES_PASSWORD": password, "POSTGRES_USER": "app", "POSTGRES_DB": "shop"], runID: run)
            try await TestBed.waitReady(source, engine: "postgres")
            try await TestBed.docker([
                "exec", "-e", "PGPASSWORD=\(password)", source, "psql", "-U", "app", "-d", "shop", "-qc",
                "create table items(id int); insert into items select generate_series(1, 321);",
            ])
            let daemon = try Daemon(run: run, environment: ["BT_CRON": "0 0 1 1 *", "BT_RUN_ON_START": "true", "BT_VERIFY_CRON": "*/3 * * * * *"])
            defer { daemon.terminate() }
            try await daemon.wait(for: "a passed restore test", limit: .seconds(180)) {
                try await daemon.targets().contains { $0["lastRestoreTest"] as? String == "ok" }
            }
            let target = try #require(try await daemon.targets().first)
            #expect(
                (target["lastRestoreTestDetail"] as? String)?.contains("1 table, 321 rows restored, equal to the counts at backup time") == true, "\(target)")
            let metrics = try await daemon.get("/metrics").body
            #expect(metrics.contains(#"baktainer_restore_tests_total{engine="postgres",result="ok"}"#), "\(metrics)")
            #expect(metrics.contains(#"baktainer_last_restore_test_success_timestamp_seconds{target="\#(source)"}"#))
            let outcome = try await daemon.stop()
            #expect(outcome.status == 0, "\(outcome.errors.suffix(2000))")
            #expect(outcome.errors.contains("restore test passed"))
            #expect(!outcome.errors.contains(password))
            #expect(try await TestBed.docker(["ps", "-aq", "--filter", "label=\(RestoreTest.label)=\(source)"]).isEmpty)
            try? FileManager.default.removeItem(atPath: daemon.directory)
        }
    }

    @Test func keepsRunningWhileDockerIsDownAndResumesWhenItReturns() async throws {
        try await TestBed.withRun { run in
            let engine = "/var/tmp/bt-extra-\(run)"
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("scripts/testbed-dockerd.sh").path
            func dockerd(_ action: String) async throws {
                let outcome = try await TestBed.tool(script, [action, engine])
                guard outcome.status == 0 else { throw TestBedError("testbed-dockerd.sh \(action) failed: \(outcome.errors)") }
            }
            try await dockerd("start")
            defer { _ = try? Process.run(URL(fileURLWithPath: script), arguments: ["remove", engine]).waitUntilExit() }
            try await TestBed.docker([
                "-H", "unix://\(engine)/docker.sock", "run", "-d", "--network", "none", "--restart", "always", "--stop-timeout", "1",
                "--label", "baktainer.backup=true", "--label", "baktainer.db.engine=mongodb", "--label", "\(TestBed.testLabel)=\(run)",
                "-e", "MONGO_STANDIN_BYTES=4096", "baktainer-fixture/tiny:current",
            ])
            let daemon = try Daemon(run: run, environment: ["BT_DOCKER_URL": "unix://\(engine)/docker.sock"])
            defer { daemon.terminate() }
            try await daemon.wait(for: "a first backup") { try await daemon.targets().contains(where: Self.ok) }

            try await dockerd("stop")
            try await daemon.wait(for: "/ready to report Docker down") { try await daemon.get("/ready").status == 503 }
            #expect(daemon.process.process.isRunning)
            #expect(try await daemon.get("/live").status == 200)
            #expect(try await daemon.get("/metrics").body.contains("baktainer_docker_up 0.0"))

            let restarted = Date()
            try await dockerd("start")
            try await daemon.wait(for: "backups to resume after dockerd returned") {
                guard try await daemon.get("/ready").status == 200 else { return false }
                return try await daemon.targets().contains { target in
                    guard let text = target["lastSuccessAt"] as? String, let date = try? Date(text, strategy: .iso8601) else { return false }
                    return date > restarted
                }
            }
            let outcome = try await daemon.stop()
            #expect(outcome.status == 0)
            #expect(outcome.errors.contains("Docker is unreachable"))
            try? FileManager.default.removeItem(atPath: daemon.directory)
        }
    }

    @Test func startsBeforeDockerAnswersReportsNotReadyAndStopsCleanly() async throws {
        try await TestBed.withRun { run in
            let daemon = try Daemon(run: run, environment: ["BT_DOCKER_URL": "unix:///var/tmp/bt-daemon-tests/no-docker-\(run).sock"])
            // A hang guard only: a loaded test process may not poll for a while.
            try await daemon.wait(for: "the status server", limit: .seconds(300)) { try await daemon.get("/live").status == 200 }
            let ready = try await daemon.get("/ready")
            #expect(ready.status == 503 && ready.body.contains("no Docker socket"), "\(ready)")
            let outcome = try await daemon.stop()
            #expect(outcome.status == 0, "\(outcome.errors.suffix(2000))")
            #expect(outcome.errors.contains("Docker does not answer yet"))
        }
    }

    @Test func sigtermDuringALongDumpCancelsItAfterTheTimeoutAndLeavesNothing() async throws {
        try await TestBed.withRun { run in
            let source = try await standin(run, bytes: 1 << 20, sleep: 300)
            let daemon = try Daemon(
                run: run, environment: ["BT_CRON": "0 0 1 1 *", "BT_RUN_ON_START": "true", "BT_SHUTDOWN_TIMEOUT": "2s"])
            try await daemon.wait(for: "the dump to be under way") { daemon.files().contains { $0.hasSuffix(".partial") } }
            let outcome = try await daemon.stop()
            #expect(outcome.status != 0, "a drain cut short is not a clean exit")
            #expect(outcome.errors.contains("backup cancelled") && outcome.errors.contains(#""container":"\#(source)""#), "\(outcome.errors.suffix(2000))")
            #expect(outcome.errors.contains("shutdown timeout reached"))
            #expect(daemon.files().isEmpty, "left behind: \(daemon.files())")
            let processes = try await TestBed.processCommandLines(in: source)
            #expect(!processes.contains { $0.contains("mongodump") || $0.hasPrefix("sleep 300") }, "\(processes)")
            try? FileManager.default.removeItem(atPath: daemon.directory)
        }
    }

    @Test func sigtermLetsARunningDumpFinishWithinTheTimeoutAndExitsZero() async throws {
        try await TestBed.withRun { run in
            // A dump of half a minute: a loaded test process may not poll for many seconds, and the SIGTERM must land
            // while the dump runs.
            _ = try await standin(run, bytes: 1 << 20, sleep: 30)
            let daemon = try Daemon(run: run, environment: ["BT_CRON": "0 0 1 1 *", "BT_RUN_ON_START": "true", "BT_SHUTDOWN_TIMEOUT": "120"])
            try await daemon.wait(for: "the dump to be under way") { daemon.files().contains { $0.hasSuffix(".partial") } }
            let outcome = try await daemon.stop()
            #expect(outcome.status == 0, "\(outcome.errors.suffix(2000))")
            #expect(outcome.errors.contains("backup finished"))
            #expect(outcome.errors.contains(#""timezone":"UTC""#) || outcome.errors.contains("timezone=UTC"), "\(outcome.errors.prefix(500))")
            let kept = daemon.files()
            #expect(kept.filter { $0.hasSuffix(".archive.gz") }.count == 1 && !kept.contains { $0.hasSuffix(".partial") }, "\(kept)")
            try? FileManager.default.removeItem(atPath: daemon.directory)
        }
    }
}
