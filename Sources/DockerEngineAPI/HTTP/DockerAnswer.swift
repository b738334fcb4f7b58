#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NIOCore

/// A complete answer to an ordinary API request: its head and its whole (small) body.
struct DockerAnswer: Sendable {
    var head: HTTPResponseHead
    var body: ByteBuffer

    init(head: HTTPResponseHead, body: ByteBuffer) {
        self.head = head
        self.body = body
    }

    /// Parses a complete response read until the connection closed.
    init(parsing raw: ByteBuffer, endpoint: DockerEndpoint) throws(DockerError) {
        var parser = HTTPResponseParser()
        parser.feed(raw)
        var head: HTTPResponseHead?
        var body = ByteBuffer()
        var finished = false
        while !finished {
            var event = try parser.nextEvent()
            if event == nil { event = try parser.finish() }
            switch event {
            case .head(let parsed)?: head = parsed
            case .body(var chunk)?: body.writeBuffer(&chunk)
            case .end?, nil: finished = true
            }
        }
        guard let head else {
            throw DockerError(.malformedResponse, "Docker daemon at \(endpoint) closed the connection without answering")
        }
        self.init(head: head, body: body)
    }

    /// The daemon's own explanation (`{"message": …}`), or the body as text, shortened.
    var daemonMessage: String {
        struct ErrorBody: Decodable { var message: String }
        if let decoded = try? JSONDecoder().decode(ErrorBody.self, from: Data(body.readableBytesView)) {
            return decoded.message
        }
        return String(String(buffer: body).prefix(300)).trimmingTrailingNewlines()
    }

    /// Throws an error saying what went wrong unless the status is 2xx.
    ///
    /// `resource` names what was asked for, e.g. "container 'shop-db'", so a 404 can say what is missing.
    func requireSuccess(resource: String, endpoint: DockerEndpoint, notFound: DockerError.Code = .noSuchContainer) throws(DockerError) {
        let status = head.status
        guard !(200..<300).contains(status) else { return }
        let message = daemonMessage
        switch status {
        case 400:
            throw DockerError(.badRequest, "Docker rejected the request for \(resource): \(message)", httpStatus: status)
        case 401, 403:
            throw DockerError(
                .permissionDenied,
                "Docker at \(endpoint) (or a socket proxy in front of it) refused access to \(resource) (\(status)): allow this API endpoint",
                httpStatus: status)
        case 404:
            throw DockerError(notFound, "no such \(resource) on the Docker daemon at \(endpoint): \(message)", httpStatus: status)
        case 409:
            throw DockerError(.containerNotRunning, "Docker cannot act on \(resource): \(message)", httpStatus: status)
        case 503:
            throw DockerError(.serviceUnavailable, "Docker daemon at \(endpoint) is unavailable (503): \(message)", httpStatus: status)
        default:
            throw DockerError(.serverError, "Docker daemon at \(endpoint) failed on \(resource) (\(status)): \(message)", httpStatus: status)
        }
    }

    /// Decodes the body as JSON.
    func decode<T: Decodable>(_ type: T.Type, endpoint: DockerEndpoint) throws(DockerError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(body.readableBytesView))
        } catch {
            throw DockerError(.malformedResponse, "Docker daemon at \(endpoint) sent JSON this client cannot read (\(T.self)): \(error)")
        }
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var result = self
        while let last = result.last, last.isNewline || last == " " { result.removeLast() }
        return result
    }
}
