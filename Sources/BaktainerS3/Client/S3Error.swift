import AsyncHTTPClient
import BaktainerCore
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#endif

/// A failed S3 request: S3's error code and message, or the transport's failure, with what was being done. Its
/// ``advice`` names the setting to fix. Never holds a credential: S3's answers do not echo the secret, and the
/// signature is not kept.
package struct S3Error: Error, Sendable, CustomStringConvertible {
    /// What was being done (`upload part 3 of`, `list`, …).
    package var operation: String
    /// The key (relative to the prefix) or list prefix.
    package var key: String
    /// The HTTP status; 0 for a transport failure.
    package var status: UInt
    /// S3's error code (`NoSuchBucket`, `SignatureDoesNotMatch`, …), or `Transport`.
    package var code: String
    /// S3's message, or the transport's.
    package var message: String
    /// The bucket's region, when S3 named it (a wrong `BT_S3_REGION`).
    package var region: String?

    /// An error S3 answered.
    package init(operation: String, key: String, status: UInt, code: String, message: String, region: String? = nil) {
        self.operation = operation
        self.key = key
        self.status = status
        self.code = code
        self.message = message
        self.region = region
    }

    /// A request that got no answer.
    package init(operation: String, key: String, transport error: any Error, endpoint: String) {
        self.init(operation: operation, key: key, status: 0, code: "Transport", message: "no answer from \(endpoint): \(Self.describe(error))")
    }

    /// Whether trying again may help: no answer, a timeout, throttling or a server error.
    package var isTransient: Bool {
        status == 0 || status == 429 || status >= 500 || code == "SlowDown" || code == "RequestTimeout" || code == "InternalError"
    }

    /// What to fix, naming the setting.
    package var advice: String {
        switch code {
        case "InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied", "InvalidToken", "ExpiredToken":
            "the credentials were refused: check \(S3Settings.Key.accessKeyID) and \(S3Settings.Key.secretAccessKey) (or its _FILE), and that the key may write to the bucket"
        case "NoSuchBucket":
            "the bucket does not exist: create it or fix \(S3Settings.Key.bucket)"
        case "AuthorizationHeaderMalformed", "PermanentRedirect", "IllegalLocationConstraintException":
            "the bucket is in another region\(region.map { " (\($0))" } ?? ""): set \(S3Settings.Key.region)"
        case "Transport":
            "check \(S3Settings.Key.endpoint) and that the server is reachable from this host"
        case "InvalidRequest" where message.lowercased().contains("part"), "EntityTooSmall", "EntityTooLarge":
            "the provider refused the part size: set \(S3Settings.Key.partSize)"
        default:
            status == 301 || status == 400 && region != nil
                ? "the bucket is in another region\(region.map { " (\($0))" } ?? ""): set \(S3Settings.Key.region)" : "see the provider's message"
        }
    }

    package var description: String {
        let what = code == "Transport" ? message : "HTTP \(status) \(code)\(message.isEmpty ? "" : ": \(message)")"
        return "cannot \(operation) \(key.isEmpty ? "the bucket" : key): \(what); \(advice)"
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout: return "connection timed out"
            case .readTimeout: return "no answer in time (read timeout)"
            case .deadlineExceeded: return "the request took too long"
            case .remoteConnectionClosed: return "the server closed the connection"
            default: return "\(error)"
            }
        }
        if let error = error as? NIOConnectionError, let first = error.connectionErrors.first {
            if let io = first.error as? IOError { return String(cString: strerror(io.errnoCode)).lowercased() }
            return "\(first.error)"
        }
        if let io = error as? IOError { return String(cString: strerror(io.errnoCode)).lowercased() }
        return "\(error)"
    }
}
