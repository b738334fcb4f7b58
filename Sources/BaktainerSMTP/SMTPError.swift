/// Why a message could not be sent, with a message that names the server (`host:port`) and what to fix.
///
/// Messages never contain the password, in any encoding.
package struct SMTPError: Error, CustomStringConvertible, Sendable {
    /// The kind of failure; the raw value is stable (logs, metrics).
    package enum Code: String, Sendable {
        /// The server could not be reached: no such host, connection refused, no route.
        case unreachable
        /// TLS failed: the server does not offer STARTTLS, the handshake failed, its certificate was not trusted.
        case tls
        /// The login was refused, or the server offers no login this client can do.
        case authentication
        /// The server refused the sender, a recipient or the message.
        case rejected
        /// The server said something unexpected, or closed the connection.
        case protocolError = "protocol"
        /// Connecting, or a reply, took longer than the settings' timeout.
        case timeout
    }

    /// The kind of failure.
    package var code: Code
    /// What happened and what to do about it.
    package var message: String
    /// The underlying error (a connection or TLS failure), when there is one.
    package var cause: (any Error & Sendable)?

    /// Creates an error; `message` must already be free of secrets.
    package init(_ code: Code, _ message: String, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    /// The message.
    package var description: String { message }
}
