#if canImport(Glibc)
import Glibc
#endif
import Hummingbird
import NIOCore
import ServiceLifecycle

/// The status server as one service of the daemon's group. A port it cannot listen on ends it with a
/// ``BindError`` naming the address and the setting to change (`BT_HTTP_PORT`, `BT_HEALTH_BIND`) instead of
/// the socket call's raw `errno`; that it is up is reported by ``StatusServer/application(state:metrics:settings:port:logger:now:onListening:)``'s
/// `onListening`, once it listens.
package struct StatusServerService<Server: ApplicationProtocol>: Service {
    /// A port the status server could not listen on.
    package struct BindError: Error, Sendable, CustomStringConvertible {
        /// What happened and what to set.
        package var description: String
    }

    private let server: Server
    private let address: String
    private let port: Int

    /// Wraps `server`, which listens on `address`:`port`.
    package init(server: Server, address: String, port: Int) {
        self.server = server
        self.address = address
        self.port = port
    }

    package func run() async throws {
        do {
            try await server.run()
        } catch let error as IOError where "\(error)".contains("bind(") {
            throw BindError(description: Self.message(errno: error.errnoCode, address: address, port: port))
        }
    }

    /// The message for a failed bind with `errno`.
    static func message(errno code: CInt, address: String, port: Int) -> String {
        let endpoint = "\(address):\(port)"
        switch code {
        case EADDRINUSE:
            return
                "the status server cannot listen on \(endpoint): the port is in use (another Baktainer or another service?): set BT_HTTP_PORT to a free port, or BT_HTTP_PORT=0 for no status server"
        case EACCES:
            return
                "the status server may not listen on \(endpoint): ports below 1024 need privileges: set BT_HTTP_PORT to a port above 1023, or BT_HTTP_PORT=0 for no status server"
        case EADDRNOTAVAIL:
            return
                "the status server cannot listen on \(endpoint): \(address) is not an address of this host: set BT_HEALTH_BIND to one of its addresses, or 0.0.0.0 for all"
        default:
            return
                "the status server cannot listen on \(endpoint): \(String(cString: strerror(code))): check BT_HTTP_PORT and BT_HEALTH_BIND, or set BT_HTTP_PORT=0 for no status server"
        }
    }
}
