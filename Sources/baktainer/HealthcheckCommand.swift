import ArgumentParser
import BaktainerCore
#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `baktainer healthcheck`: asks a running daemon's `/health` and exits 0 when it answers 200, 1 otherwise —
/// for a Docker `HEALTHCHECK` in images without curl.
struct HealthcheckCommand: ConfiguredCommand {
    static let configuration = CommandConfiguration(
        commandName: "healthcheck",
        abstract: "Exit 0 if the local daemon reports healthy (GET /health answers 200), else 1.")

    @Option(help: "Port of the daemon (default: BT_HTTP_PORT, BT_HEALTH_PORT, else 8080).")
    var port: Int?

    @Option(help: "Path to ask.")
    var path = "/health"

    func run(configuration: BaktainerConfiguration) async throws {
        guard let port = port ?? configuration.daemon.httpPort else { throw CommandFailure("the status server is off (BT_HTTP_PORT=0); nothing to ask") }
        let (status, body) = try Self.get(path: path, port: port)
        print(body.isEmpty ? "HTTP \(status)" : body, terminator: body.hasSuffix("\n") ? "" : "\n")
        if status != 200 { throw ExitCode(1) }
    }

    /// A plain HTTP/1.0 GET to 127.0.0.1:`port`, with a 5-second limit; returns the status and body.
    static func get(path: String, port: Int) throws -> (Int, String) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw CommandFailure("cannot create a socket") }
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw CommandFailure("no daemon answers on 127.0.0.1:\(port): \(String(cString: strerror(errno)))") }
        let request = Array("GET \(path) HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ send(descriptor, $0.baseAddress, $0.count, 0) }) == request.count else {
            throw CommandFailure("cannot send the request to 127.0.0.1:\(port)")
        }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while response.count < 1 << 20 {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            response.append(contentsOf: buffer[..<count])
        }
        let text = String(decoding: response, as: UTF8.self)
        let statusLine = text.prefix { $0 != "\r" && $0 != "\n" }.split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw CommandFailure("the daemon on 127.0.0.1:\(port) did not answer with HTTP")
        }
        let body = text.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        return (status, body)
    }
}
