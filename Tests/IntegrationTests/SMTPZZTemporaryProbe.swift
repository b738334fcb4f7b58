import BaktainerSMTP
import Foundation
import NIOPosix
import Testing

@Suite struct SMTPZZTemporaryProbe {
    @Test func printMessages() async throws {
        let client = SMTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton)
        let message = SMTPMessage(from: "bt@example.com", recipients: ["ops@example.com"], subject: "t", body: "b")
        func probe(_ label: String, _ settings: SMTPSettings) async {
            do { try await client.send(message, with: settings); print("PROBE \(label): ok") } catch { print("PROBE \(label): [\(error.code.rawValue)] \(error.message)") }
        }
        try await SMTPTestServer.with(mode: "starttls") { s in
            await probe("wrong password", s.settings { $0.password = "x" })
            await probe("untrusted starttls", s.settings { $0.trustRootsFile = nil })
            await probe("implicit vs starttls", s.settings { $0.security = .implicitTLS })
            await probe("none with user", s.settings { $0.security = .none })
            await probe("no user", s.settings { $0.username = nil })
            await probe("missing CA file", s.settings { $0.trustRootsFile = "/nonexistent.pem" })
            await probe("localhost starttls", s.settings { $0.host = "localhost" })
            await probe("wrong name", s.settings { $0.host = "127.0.0.2" })
        }
        try await SMTPTestServer.with(mode: "tls") { s in
            await probe("untrusted tls", s.settings { $0.trustRootsFile = nil })
            await probe("starttls vs implicit", s.settings { ($0.security, $0.timeout) = (.startTLS, .seconds(2)) })
            await probe("none vs implicit", s.settings { ($0.security, $0.timeout) = (.none, .seconds(2)) })
        }
        await probe("closed", SMTPSettings(host: "127.0.0.1", port: 1, security: .startTLS))
        await probe("dns", SMTPSettings(host: "no-such-host.invalid", port: 25, security: .startTLS))
        await probe("blackhole", SMTPSettings(host: "10.255.255.1", port: 25, security: .startTLS, timeout: .seconds(2)))
    }
}
