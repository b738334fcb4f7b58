import BaktainerCore
import BaktainerHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

/// The status server's routes through Hummingbird's router test client, over the real ``DaemonState`` and
/// ``DaemonMetrics`` with an injected clock.
@Suite struct StatusServerTests {
    static let start = Date(timeIntervalSince1970: 1_795_000_000)
    static let hourly = try! BackupSchedule(name: "default", text: "0 * * * *")

    /// The clock the server reads; tests move it.
    final class Clock: Sendable {
        private let date = Mutex(StatusServerTests.start)
        var now: Date { date.withLock { $0 } }
        func set(_ value: Date) { date.withLock { $0 = value } }
    }

    let state = DaemonState(defaultSchedule: hourly, timeZone: TimeZone(identifier: "UTC")!, startedAt: start)
    let metrics = DaemonMetrics()
    let clock = Clock()

    /// The server as `baktainer run` builds it, with `environment` as its `BT_*` settings.
    func server(_ environment: [String: String] = [:]) throws -> some ApplicationProtocol {
        let settings = try DaemonSettings(configuration: ConfigurationValues(environment: environment))
        let clock = clock
        return StatusServer.application(
            state: state, metrics: metrics, settings: settings, port: 0, logger: Logger(label: "test"), now: { clock.now })
    }

    func target(_ name: String) -> BackupTarget {
        BackupTarget(containerID: name + "-id", containerName: name, engine: PostgresEngine(), database: "db")
    }

    func record(at date: Date) -> Result<BackupRecord, BackupFailure> {
        .success(
            BackupRecord(
                container: "shop-db", engine: "postgres", file: "/b/shop-db.sql", size: 2048, sha256: "00", durationSeconds: 3,
                exitCode: 0, startedAt: date.timeIntervalSince1970, baktainerVersion: "t"))
    }

    /// Runs every due job at `date` and finishes it successfully then.
    func backUpEverything(at date: Date) async throws {
        for job in state.takeDueJobs(now: date, slots: 8).start {
            let event = BackupEvent.succeeded(job.info, try record(at: date).get(), location: "/b/shop-db.sql", attempts: 1)
            await state.observe(event, at: date)
            await metrics.observe(event, at: date)
            state.finish(job)
        }
    }

    static func text(_ response: TestResponse) -> String { String(buffer: response.body) }

    @Test func liveAnswersWhateverTheDaemonsState() async throws {
        try await server().test(.router) { client in
            try await client.execute(uri: "/live", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Self.text(response) == "ok\n")
            }
        }
    }

    @Test func readyFollowsDockerAndSaysWhyNot() async throws {
        let state = state
        try await server().test(.router) { client in
            try await client.execute(uri: "/ready", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(Self.text(response) == "Docker unreachable: not checked yet\n")
            }
            state.setDockerReachable(false, error: "connection refused on /var/run/docker.sock")
            try await client.execute(uri: "/ready", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(Self.text(response) == "Docker unreachable: connection refused on /var/run/docker.sock\n")
            }
            state.setDockerReachable(true)
            try await client.execute(uri: "/ready", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Self.text(response) == "ok\n")
            }
        }
    }

    /// Hourly schedule: a stream is stale three hours after its last success (or the daemon's start).
    @Test func healthListsTheStaleStreamsUntilTheyBackUpAgain() async throws {
        state.setDockerReachable(true)
        state.synchronize(with: [.success(target("shop-db")), .success(target("cache"))], now: Self.start)
        let clock = clock
        try await server().test(.router) { client in
            clock.set(Self.start.addingTimeInterval(3 * 3600 - 1))
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Self.text(response) == "ok\n")
            }
            clock.set(Self.start.addingTimeInterval(3 * 3600 + 1))
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(
                    Self.text(response) == """
                        unhealthy: backups are overdue
                        stale: cache/default: last success never
                        stale: shop-db/default: last success never

                        """)
            }
        }
        try await backUpEverything(at: Self.start.addingTimeInterval(3 * 3600))
        try await server().test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok, "\(Self.text(response))")
            }
        }
    }

    @Test func healthUsesTheConfiguredMaximumAge() async throws {
        state.synchronize(with: [.success(target("shop-db"))], now: Self.start)
        clock.set(Self.start.addingTimeInterval(11 * 60))
        try await server(["BT_MAX_BACKUP_AGE": "10m"]).test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(Self.text(response).contains("stale: shop-db/default: last success never"))
            }
        }
    }

    @Test func metricsArePrometheusText() async throws {
        state.setDockerReachable(true)
        state.synchronize(with: [.success(target("shop-db"))], now: Self.start)
        metrics.recordDocker(reachable: true)
        try await backUpEverything(at: Self.start.addingTimeInterval(3600))
        try await server().test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
                let body = Self.text(response)
                #expect(body.contains(#"baktainer_backups_total{engine="postgres",result="ok"} 1"#), "\(body)")
                #expect(body.contains("baktainer_docker_up 1.0"), "\(body)")
                #expect(body.contains(#"baktainer_last_success_timestamp_seconds{target="shop-db",schedule="default",host="local"} "#), "\(body)")
            }
        }
    }

    @Test func apiStatusIsJSONWithEveryStreamTheInvalidContainersAndDocker() async throws {
        state.setDockerReachable(true)
        state.synchronize(
            with: [.success(target("shop-db")), .failure(TargetError(containerName: "old-db", message: "unknown engine 'postgress'"))],
            now: Self.start)
        try await backUpEverything(at: Self.start.addingTimeInterval(3600))
        try await server().test(.router) { client in
            try await client.execute(uri: "/api/status", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                let json = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                #expect(Set(json.keys) == ["startedAt", "docker", "targets", "invalid"])
                #expect(json["startedAt"] as? String == "2026-11-18T11:06:40Z")
                let docker = try #require(json["docker"] as? [String: Any])
                #expect(docker["reachable"] as? Bool == true && docker["error"] == nil)
                let targets = try #require(json["targets"] as? [[String: Any]])
                #expect(targets.count == 1)
                #expect(targets.first?["target"] as? String == "shop-db")
                #expect(targets.first?["schedule"] as? String == "default")
                #expect(targets.first?["cron"] as? String == "0 * * * *")
                #expect(targets.first?["lastResult"] as? String == "ok")
                #expect(targets.first?["lastSize"] as? Int == 2048)
                #expect(targets.first?["lastSuccessAt"] as? String == "2026-11-18T12:06:40Z")
                #expect(targets.first?["nextRun"] as? String == "2026-11-18T13:00:00Z")
                let invalid = try #require(json["invalid"] as? [[String: String]])
                #expect(invalid == [["container": "old-db", "error": "unknown engine 'postgress'"]])
            }
        }
    }

    @Test func apiNeedsTheBearerTokenWhenOneIsSet() async throws {
        try await server(["BT_HTTP_TOKEN": "s3cret-token"]).test(.router) { client in
            try await client.execute(uri: "/api/status", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
                #expect(!Self.text(response).contains("s3cret"))
            }
            for wrong in ["Bearer s3cret-tokeN", "Bearer s3cret-token2", "Basic s3cret-token", "s3cret-token", "Bearer "] {
                try await client.execute(uri: "/api/status", method: .get, headers: [.authorization: wrong]) { response in
                    #expect(response.status == .unauthorized, "\(wrong)")
                }
            }
            try await client.execute(uri: "/api/status", method: .get, headers: [.authorization: "Bearer s3cret-token"]) { response in
                #expect(response.status == .ok)
            }
            // The probes stay open: a container health check carries no token.
            for uri in ["/live", "/ready", "/health", "/metrics"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status != .unauthorized, "\(uri)")
                }
            }
        }
    }

    @Test func apiNeedsNoTokenWhenNoneIsSet() async throws {
        try await server().test(.router) { client in
            try await client.execute(uri: "/api/status", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }
}
