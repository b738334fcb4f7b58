import NIOCore

/// One request to the Docker Engine API, before the API version prefix is applied.
package struct DockerRequest: Sendable {
    /// The HTTP method, e.g. "GET".
    package var method: String
    /// The path without version prefix, e.g. "/containers/json".
    package var path: String
    /// Query items, percent-encoded when the request is written.
    package var query: [(name: String, value: String)]
    /// A JSON body, if any.
    package var body: ByteBuffer?
    /// Whether to ask for a raw-stream connection upgrade (used to attach to an exec's stdin).
    package var upgradeToRawStream: Bool

    /// Creates a request.
    package init(
        method: String, path: String, query: [(name: String, value: String)] = [], body: ByteBuffer? = nil,
        upgradeToRawStream: Bool = false
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.upgradeToRawStream = upgradeToRawStream
    }

    /// Writes the request (head and body) as HTTP/1.1 bytes.
    ///
    /// `apiVersion` like "1.41" prefixes the path with `/v1.41`; `nil` sends the unversioned path (used for
    /// `/_ping` before negotiation).
    package func encoded(apiVersion: String?, host: String) -> ByteBuffer {
        var target = (apiVersion.map { "/v\($0)" } ?? "") + path
        if !query.isEmpty {
            target += "?" + query.map { "\(Self.percentEncode($0.name))=\(Self.percentEncode($0.value))" }.joined(separator: "&")
        }
        var head = "\(method) \(target) HTTP/1.1\r\nHost: \(host)\r\nUser-Agent: baktainer\r\n"
        if upgradeToRawStream {
            head += "Connection: Upgrade\r\nUpgrade: tcp\r\n"
        } else {
            head += "Connection: close\r\n"
        }
        if let body {
            head += "Content-Type: application/json\r\nContent-Length: \(body.readableBytes)\r\n"
        } else if method == "POST" || method == "PUT" {
            head += "Content-Length: 0\r\n"
        }
        head += "\r\n"
        var buffer = ByteBuffer(string: head)
        if var body {
            buffer.writeBuffer(&body)
        }
        return buffer
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters.
    static func percentEncode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                result.unicodeScalars.append("%")
                result.unicodeScalars.append(hex[Int(byte >> 4)])
                result.unicodeScalars.append(hex[Int(byte & 0xF)])
            }
        }
        return result
    }
}
