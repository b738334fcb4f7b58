import BaktainerCore
import Crypto

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The generic webhook's signature header, `X-Baktainer-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>`, the
/// HMAC taken of `"<t>.<body>"` under the shared secret — so a receiver can check the sender and refuse replays
/// (an old `t`).
package struct WebhookSignature: Sendable {
    /// The header's name.
    package static let header = "X-Baktainer-Signature"

    private let key: SymmetricKey

    /// Signs with `secret`.
    package init(secret: Secret) {
        key = SymmetricKey(data: Data(secret.revealed.utf8))
    }

    /// The header value for `body` sent at `date`.
    package func value(for body: [UInt8], at date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970)
        var signed = Array("\(seconds).".utf8)
        signed += body
        let code = HMAC<SHA256>.authenticationCode(for: signed, using: key)
        return "t=\(seconds),v1=" + code.map { String(format: "%02x", $0) }.joined()
    }
}
