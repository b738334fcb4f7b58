/// A failure of the container runtime, in Core's terms: a bounded code (what Core decides on) and a message
/// a person can act on. Messages hold no request body or environment value.
package struct RuntimeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The failure kinds Core tells apart.
    package enum Code: String, Sendable, Equatable {
        /// The runtime does not answer (socket missing, connection refused or reset, timeout).
        case unreachable
        /// No such container (or it went away).
        case notFound
        /// The container exists but is not running.
        case notRunning
        /// A stream ended in the middle (the container or the runtime went away mid-dump).
        case streamCut
        /// The runtime answered with an error that retrying will not fix (bad request, permission, TLS).
        case refused
    }

    /// What kind of failure.
    package var code: Code
    /// What happened and what to do.
    package var message: String

    /// Creates an error; `message` must be free of secrets.
    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// Whether the target's container is gone or stopped (or went away mid-stream): worth retrying later.
    package var isContainerGone: Bool { code == .notFound || code == .notRunning || code == .streamCut }

    package var description: String { message }
}
