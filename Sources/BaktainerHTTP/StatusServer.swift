import BaktainerCore
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// The daemon's one HTTP port (`BT_HTTP_PORT`, default 8080):
///
/// - `GET /live` — 200 while the process serves requests.
/// - `GET /health` — 200 when every stream's last success (or the daemon's start) is younger than
///   `BT_MAX_BACKUP_AGE`, else three intervals of its schedule; 503 listing the stale streams otherwise. The
///   answer for a Docker `HEALTHCHECK` (`baktainer healthcheck`) or an uptime monitor.
/// - `GET /ready` — 200 when the Docker daemon answers, 503 with the reason otherwise.
/// - `GET /metrics` — Prometheus text format (see ``DaemonMetrics``).
/// - `GET /api/status` — every stream with its schedule, next run and last result, the containers whose labels
///   are invalid, and Docker's state, as JSON. With `BT_HTTP_TOKEN` set, `/api/*` needs
///   `Authorization: Bearer <token>`.
package struct StatusServer {
    /// The JSON `/api/status` returns.
    struct Status: Encodable {
        struct Docker: Encodable {
            var reachable: Bool
            var error: String?
        }

        struct Invalid: Encodable {
            var container: String
            var error: String
        }

        var startedAt: Date
        var docker: Docker
        var targets: [JobStatus]
        var invalid: [Invalid]
    }

    /// Builds the server, a service to run in the daemon's service group (tests drive its router directly);
    /// `onListening` runs once it listens, never when its port cannot be bound (see ``StatusServerService``).
    package static func application(
        state: DaemonState, metrics: DaemonMetrics, settings: DaemonSettings, port: Int, logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }, onListening: @escaping @Sendable () async -> Void = {}
    ) -> some ApplicationProtocol {
        let router = Router()
        router.get("/live") { _, _ in text(.ok, "ok\n") }
        router.get("/health") { _, _ in
            let stale = state.staleJobs(now: now(), maximumAge: settings.maximumBackupAge)
            guard stale.isEmpty else {
                let lines = stale.map { "stale: \($0.container)/\($0.schedule): last success \($0.lastSuccessAt.map { "\($0)" } ?? "never")" }
                return text(.serviceUnavailable, (["unhealthy: backups are overdue"] + lines).joined(separator: "\n") + "\n")
            }
            return text(.ok, "ok\n")
        }
        router.get("/ready") { _, _ in
            let docker = state.docker
            return docker.reachable ? text(.ok, "ok\n") : text(.serviceUnavailable, "Docker unreachable: \(docker.error ?? "not checked yet")\n")
        }
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: metrics.rendered())))
        }
        router.get("/api/status") { request, _ in
            guard authorized(request, token: settings.httpToken) else {
                return Response(
                    status: .unauthorized, headers: [.wwwAuthenticate: "Bearer"],
                    body: .init(byteBuffer: ByteBuffer(string: "a bearer token is required (BT_HTTP_TOKEN)\n")))
            }
            let snapshot = state.snapshot()
            let docker = state.docker
            let status = Status(
                startedAt: state.startedAt, docker: .init(reachable: docker.reachable, error: docker.error), targets: snapshot.jobs,
                invalid: snapshot.invalid.sorted { $0.key < $1.key }.map { Status.Invalid(container: $0.key, error: $0.value) })
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            let body = (try? encoder.encode(status)) ?? Data("{}".utf8)
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
        return Application(
            router: router, configuration: .init(address: .hostname(settings.httpBind, port: port)), onServerRunning: { _ in await onListening() },
            logger: logger)
    }

    private static func text(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// Whether `request` carries the bearer token (compared in constant time), or none is required.
    static func authorized(_ request: Request, token: Secret?) -> Bool {
        guard let token else { return true }
        let expected = Array("Bearer \(token.revealed)".utf8)
        let given = Array((request.headers[.authorization] ?? "").utf8)
        guard given.count == expected.count else { return false }
        return zip(given, expected).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
