import BaktainerSMTP
import Foundation

/// A real SMTP server for one test: aiosmtpd on 127.0.0.1 with a certificate from a test CA and AUTH PLAIN/LOGIN for
/// one random user (`scripts/testbed-smtp.sh`). Each message it receives is one JSON file in its maildir.
struct SMTPTestServer: TestServer {
    /// How the server expects TLS: `starttls` (plain connect, STARTTLS before AUTH) or `tls` (from the first byte).
    let mode: String
    let pid: String
    let port: Int
    /// The PEM file of the CA that signed the server's certificate.
    let ca: String
    let user: String
    let password: String
    let maildir: String

    private static let script = script("testbed-smtp.sh")

    /// A message as the server received it.
    struct ReceivedMail: Decodable {
        /// The envelope's sender (MAIL FROM).
        let mailFrom: String
        /// The envelope's recipients (RCPT TO).
        let recipients: [String]
        /// The raw message (headers and body), as sent after DATA without the dot-stuffing.
        let data: String
        /// The Subject header decoded (RFC 2047) by Python's email package.
        let subject: String
        /// The body with its transfer encoding undone by Python's email package.
        let text: String

        enum CodingKeys: String, CodingKey {
            case mailFrom = "mail_from"
            case recipients = "rcpt_tos"
            case data, subject, text
        }

        /// The value of header `name` (unfolded), nil when absent.
        func header(_ name: String) -> String? {
            let head = data.components(separatedBy: "\r\n\r\n").first ?? ""
            let unfolded = head.replacingOccurrences(of: "\r\n ", with: " ")
            return unfolded.components(separatedBy: "\r\n").first { $0.lowercased().hasPrefix(name.lowercased() + ": ") }
                .map { String($0.dropFirst(name.count + 2)) }
        }

        /// The body after the blank line, still encoded.
        var body: String {
            guard let range = data.range(of: "\r\n\r\n") else { return "" }
            return String(data[range.upperBound...])
        }
    }

    /// Starts a STARTTLS server.
    static func start() async throws -> SMTPTestServer {
        try await start(mode: "starttls")
    }

    /// Starts a server in `mode` (`starttls` or `tls`).
    static func start(mode: String) async throws -> SMTPTestServer {
        let values = try await launch(
            script, [mode], requiring: ["SMTP_PID", "SMTP_PORT", "SMTP_CA", "SMTP_USER", "SMTP_PASSWORD", "SMTP_MAILDIR"])
        guard let port = Int(values["SMTP_PORT"]!) else { throw TestBedError("testbed-smtp.sh printed no port: \(values)") }
        return SMTPTestServer(
            mode: mode, pid: values["SMTP_PID"]!, port: port, ca: values["SMTP_CA"]!, user: values["SMTP_USER"]!,
            password: values["SMTP_PASSWORD"]!, maildir: values["SMTP_MAILDIR"]!)
    }

    /// Runs `body` with a server in `mode`, stopping it afterwards, also on failure.
    static func with<Result>(mode: String, _ body: (SMTPTestServer) async throws -> Result) async throws -> Result {
        try await with(starting: { try await start(mode: mode) }, body)
    }

    /// Stops the server and removes its maildir.
    func stop() async {
        _ = try? await TestBed.tool(Self.script, ["stop", pid])
    }

    /// Settings that reach this server as its user, the test CA trusted; `change` adjusts them.
    func settings(_ change: (inout SMTPSettings) -> Void = { _ in }) -> SMTPSettings {
        var settings = SMTPSettings(
            host: "127.0.0.1", port: port, security: mode == "tls" ? .implicitTLS : .startTLS, username: user, password: password,
            trustRootsFile: ca, timeout: .seconds(10))
        change(&settings)
        return settings
    }

    /// The messages received so far, oldest first.
    func messages() throws -> [ReceivedMail] {
        let names = try FileManager.default.contentsOfDirectory(atPath: maildir).filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
        // Named <nanoseconds>-<count>.json: in order of arrival as text.
        return try names.sorted().map {
            try JSONDecoder().decode(ReceivedMail.self, from: Data(contentsOf: URL(fileURLWithPath: "\(maildir)/\($0)")))
        }
    }
}
