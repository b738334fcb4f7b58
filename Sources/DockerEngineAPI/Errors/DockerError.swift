/// An error from the Docker Engine API client, with a bounded `code` and a message a person can act on.
///
/// Messages never contain request bodies or environment values, so they are safe to log.
package struct DockerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bounded set of failure kinds; the raw value is stable and usable as a metric label.
    package enum Code: String, Sendable, Equatable, CaseIterable {
        case invalidEndpoint = "invalid_endpoint"
        case socketMissing = "socket_missing"
        case permissionDenied = "permission_denied"
        case connectionRefused = "connection_refused"
        case connectionReset = "connection_reset"
        case daemonNotAnswering = "daemon_not_answering"
        case invalidTLSMaterial = "invalid_tls_material"
        case tlsHandshakeFailed = "tls_handshake_failed"
        case apiTooOld = "api_too_old"
        case noSuchContainer = "no_such_container"
        case noSuchExec = "no_such_exec"
        case containerNotRunning = "container_not_running"
        case badRequest = "bad_request"
        case serviceUnavailable = "service_unavailable"
        case serverError = "server_error"
        case malformedResponse = "malformed_response"
        case responseTooLarge = "response_too_large"
        case streamTruncated = "stream_truncated"
    }

    /// What kind of failure this is.
    package var code: Code
    /// What happened and what to do about it.
    package var message: String
    /// The HTTP status the daemon answered with, when it answered.
    package var httpStatus: Int?

    /// Creates an error; `message` must already be free of secrets.
    package init(_ code: Code, _ message: String, httpStatus: Int? = nil) {
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
    }

    /// Whether retrying the same request later may succeed: connection refused or reset before an answer,
    /// or a 503 from the daemon. Never true for a 4xx answer.
    package var isTransient: Bool {
        switch code {
        case .connectionRefused, .connectionReset, .serviceUnavailable: true
        default: false
        }
    }

    package var description: String { message }
}
