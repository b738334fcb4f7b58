import BaktainerCore
import NIOCore
import NIOSSH
import Synchronization

/// Offers the configured credentials to the server, the key first, each once; keeps what the server refused for
/// the error the connection reports.
final class UserAuthenticator: NIOSSHClientUserAuthenticationDelegate, Sendable {
    private struct State {
        var offeredKey = false
        var offeredPassword = false
        var refusal: String?
    }

    private let user: String
    private let key: NIOSSHPrivateKey?
    private let password: Secret?
    private let state = Mutex(State())

    init(user: String, key: NIOSSHPrivateKey?, password: Secret?) {
        self.user = user
        self.key = key
        self.password = password
    }

    /// Why authentication failed, if it did.
    var refused: String? { state.withLock { $0.refusal } }

    func nextAuthenticationType(
        availableMethods: NIOSSHAvailableUserAuthenticationMethods, nextChallengePromise: EventLoopPromise<NIOSSHUserAuthenticationOffer?>
    ) {
        let offer: NIOSSHUserAuthenticationOffer.Offer? = state.withLock { state in
            if let key, !state.offeredKey, availableMethods.contains(.publicKey) {
                state.offeredKey = true
                return .privateKey(.init(privateKey: key))
            }
            if let password, !state.offeredPassword, availableMethods.contains(.password) {
                state.offeredPassword = true
                return .password(.init(password: password.revealed))
            }
            let tried = [state.offeredKey ? "the key of BT_SFTP_PRIVATE_KEY_FILE" : nil, state.offeredPassword ? "BT_SFTP_PASSWORD" : nil]
                .compactMap { $0 }
            state.refusal =
                tried.isEmpty
                ? "the server accepts none of the configured ways to log in as \(user) (it offers: \(Self.describe(availableMethods)))"
                : "the server refused \(tried.joined(separator: " and ")) for user \(user): check BT_SFTP_USER and that the key is in the user's authorized_keys (or the password)"
            return nil
        }
        if let offer {
            nextChallengePromise.succeed(NIOSSHUserAuthenticationOffer(username: user, serviceName: "", offer: offer))
        } else {
            nextChallengePromise.succeed(nil)
        }
    }

    private static func describe(_ methods: NIOSSHAvailableUserAuthenticationMethods) -> String {
        let names = [methods.contains(.publicKey) ? "publickey" : nil, methods.contains(.password) ? "password" : nil].compactMap { $0 }
        return names.isEmpty ? "nothing Baktainer can use" : names.joined(separator: ", ")
    }
}
