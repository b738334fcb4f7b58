import NIOCore
import NIOSSH
import Synchronization

/// Checks the server's host key against a ``HostKeyPolicy`` during the handshake, and keeps the reason of a refusal
/// for the error the connection reports.
final class HostKeyVerifier: NIOSSHClientServerAuthenticationDelegate, Sendable {
    private let policy: HostKeyPolicy
    private let host: String
    private let port: Int
    private let refusal = Mutex<String?>(nil)

    init(policy: HostKeyPolicy, host: String, port: Int) {
        self.policy = policy
        self.host = host
        self.port = port
    }

    /// Why the host key was refused, if it was.
    var refused: String? { refusal.withLock { $0 } }

    func validateHostKey(hostKey: NIOSSHPublicKey, validationCompletePromise: EventLoopPromise<Void>) {
        if let reason = policy.check(hostKey, host: host, port: port) {
            refusal.withLock { $0 = reason }
            validationCompletePromise.fail(SFTPError(.noConnection, reason))
        } else {
            validationCompletePromise.succeed()
        }
    }
}
