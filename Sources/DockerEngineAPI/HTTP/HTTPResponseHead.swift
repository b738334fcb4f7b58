/// The status line and headers of an HTTP/1.1 response.
package struct HTTPResponseHead: Sendable, Equatable {
    /// The numeric status, e.g. 200 or 101.
    package var status: Int
    /// The reason phrase after the status, e.g. "OK".
    package var reason: String
    /// Header fields in the order received; names keep their case.
    package var headers: [(name: String, value: String)]

    /// Creates a head from its parts.
    package init(status: Int, reason: String, headers: [(name: String, value: String)]) {
        self.status = status
        self.reason = reason
        self.headers = headers
    }

    /// The first value of the header `name`, compared case-insensitively.
    package subscript(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }

    package static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.status == rhs.status && lhs.reason == rhs.reason
            && lhs.headers.map { "\($0.name):\($0.value)" } == rhs.headers.map { "\($0.name):\($0.value)" }
    }
}
