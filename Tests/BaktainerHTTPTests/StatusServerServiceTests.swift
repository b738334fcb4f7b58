import BaktainerCore
import BaktainerHTTP
import Foundation
import Logging
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The status server as the daemon runs it: a port it cannot bind is an error naming `BT_HTTP_PORT`, and it is
/// reported up only once it listens.
@Suite struct StatusServerServiceTests {
    /// Whether the server said it listens.
    final class Flag: Sendable {
        private let value = Mutex(false)
        var isSet: Bool { value.withLock { $0 } }
        func set() { value.withLock { $0 = true } }
    }

    /// A TCP socket listening on 127.0.0.1 at a free port, and the port.
    static func occupyPort() throws -> (descriptor: Int32, port: Int) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EBADF) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
        guard bound == 0, listen(descriptor, 1) == 0 else { throw POSIXError(.EADDRINUSE) }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }

    @Test func aBusyPortIsAnErrorNamingTheSettingAndTheServerIsNeverReportedUp() async throws {
        let (descriptor, port) = try Self.occupyPort()
        defer { close(descriptor) }
        let settings = try DaemonSettings(configuration: ConfigurationValues(environment: ["BT_HEALTH_BIND": "127.0.0.1"]))
        let state = DaemonState(
            defaultSchedule: try BackupSchedule(name: "default", text: "0 * * * *"), timeZone: TimeZone(identifier: "UTC")!, startedAt: Date())
        let listening = Flag()
        let server = StatusServer.application(
            state: state, metrics: DaemonMetrics(), settings: settings, port: port, logger: Logger(label: "test"),
            onListening: { listening.set() })
        let service = StatusServerService(server: server, address: "127.0.0.1", port: port)
        do {
            try await service.run()
            Issue.record("the server ran on a busy port")
        } catch {
            let message = "\(error)"
            #expect(message.contains("127.0.0.1:\(port)") && message.contains("in use"), "\(message)")
            #expect(message.contains("BT_HTTP_PORT") && !message.contains("errno"), "\(message)")
        }
        #expect(!listening.isSet)
    }
}
