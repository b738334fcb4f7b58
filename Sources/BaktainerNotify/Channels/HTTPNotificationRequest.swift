import AsyncHTTPClient
import BaktainerCore
import NIOCore
import NIOHTTP1

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One HTTP request a channel sends, and its delivery over AsyncHTTPClient: user and password in the URL become
/// basic authentication (never part of the sent URL), any 2xx counts as delivered, a 5xx, 429 or transport error
/// is worth a retry, other answers are not. Errors name the channel's ``displayName`` only.
package struct HTTPNotificationRequest: Sendable {
    /// Where to send it.
    package var url: URLComponents
    /// `POST` unless said otherwise.
    package var method: HTTPMethod = .POST
    /// Headers besides `User-Agent`, `Content-Length` and authorization.
    package var headers: [(String, String)] = []
    /// The body.
    package var body: [UInt8] = []

    /// A request to `url`.
    package init(url: URLComponents, method: HTTPMethod = .POST, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
    }

    /// A JSON body.
    package init(url: URLComponents, json: JSONValue) {
        self.init(url: url, headers: [("Content-Type", "application/json")], body: json.encoded)
    }

    /// `kind (host)`: how a channel at `url` is named in logs and errors.
    package static func displayName(_ name: String, _ kind: NotificationURL.Kind, _ url: URLComponents) -> String {
        let host = url.host.map { " \($0)" + (url.port.map { ":\($0)" } ?? "") } ?? ""
        return name == kind.rawValue ? "\(name) (\(kind.rawValue)\(host))" : "\(name) (\(kind.rawValue)\(host))"
    }

    /// Sends the request with `client`, within `timeout`; throws a ``NotificationError`` for `channel`.
    package func send(with client: HTTPClient, channel: String, timeout: Duration = .seconds(10)) async throws(NotificationError) {
        var target = url
        let user = target.user
        let password = target.password
        target.user = nil
        target.password = nil
        guard let address = target.string else { throw NotificationError(channel: channel, "the URL is not valid", isTransient: false) }
        var request = HTTPClientRequest(url: address)
        request.method = method
        request.headers.add(name: "User-Agent", value: "baktainer/\(BaktainerVersion.current)")
        if let user {
            let credentials = Data("\(user.removingPercentEncoding ?? user):\(password?.removingPercentEncoding ?? password ?? "")".utf8)
            request.headers.add(name: "Authorization", value: "Basic \(credentials.base64EncodedString())")
        }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if method != .GET && method != .HEAD { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .nanoseconds(Int64(timeout.timeInterval * 1e9)))
        } catch {
            throw NotificationError(channel: channel, "cannot reach the receiver: \(Self.describe(error))")
        }
        let answer = (try? await response.body.collect(upTo: 4096)).map { String(buffer: $0) } ?? ""
        let status = response.status.code
        guard (200..<300).contains(status) else {
            let detail = answer.split(whereSeparator: \.isNewline).first.map { ": \($0.prefix(200))" } ?? ""
            let advice =
                status == 401 || status == 403
                ? " — check the token or password in the channel's URL" : status == 404 ? " — check the URL's path (a deleted webhook?)" : ""
            throw NotificationError(
                channel: channel, "the receiver answered \(status) \(response.status.reasonPhrase)\(detail)\(advice)",
                isTransient: status >= 500 || status == 429 || status == 408)
        }
    }

    /// A transport error without the URL (AsyncHTTPClient's descriptions hold none, but a cause might).
    private static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout: return "the connection timed out"
            case .deadlineExceeded: return "no answer in time"
            case .remoteConnectionClosed: return "the receiver closed the connection"
            default: return "\(error)"
            }
        }
        if let error = error as? IOError { return error.description }
        return String(describing: type(of: error)) == "NIOConnectionError" ? "the connection was refused" : "\(error)"
    }
}
