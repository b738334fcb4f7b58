/// A failed SFTP request or session: the server's status code and message, or what went wrong on the way.
package struct SFTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The status codes of SFTP version 3 (`SSH_FX_*`), plus the client's own for a dropped connection.
    package enum Code: UInt32, Sendable {
        case ok = 0
        case endOfFile = 1
        case noSuchFile = 2
        case permissionDenied = 3
        case failure = 4
        case badMessage = 5
        case noConnection = 6
        case connectionLost = 7
        case unsupported = 8
    }

    /// The status code.
    package var code: Code
    /// What happened, with the server's message when it sent one.
    package var message: String

    /// Creates an error.
    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { message }
}
