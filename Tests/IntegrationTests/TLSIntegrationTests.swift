import BaktainerCore
import DockerEngineAPI
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The client against a real `dockerd --tlsverify` (started by `scripts/testbed-tls.sh` in a network namespace of
/// its own, at the address it exports as `BAKTAINER_TLS_HOST` and `BAKTAINER_TLS_PORT`),
/// configured the way users configure it: through the `BT_*` / `DOCKER_*` environment and ``DockerSettings``.
///
/// Every test fails (never skips) when the TLS daemon or its certificates are missing.
@Suite struct TLSIntegrationTests {
    /// Where `scripts/testbed-tls.sh` keeps the certificates, and where its daemon listens (`scripts/test.sh` exports
    /// what it printed; by hand: `eval "$(scripts/testbed-tls.sh start)"`).
    static let materialDirectory = ProcessInfo.processInfo.environment["BAKTAINER_TLS_DIR"] ?? "/var/tmp/baktainer-tls"
    static let host = ProcessInfo.processInfo.environment["BAKTAINER_TLS_HOST"] ?? ""
    static let port = Int(ProcessInfo.processInfo.environment["BAKTAINER_TLS_PORT"] ?? "") ?? 2376
    static let socketPath = ProcessInfo.processInfo.environment["BAKTAINER_TLS_SOCKET"] ?? ""
    static let url = "tcp://\(host):\(port)"
    /// A failure must come well before the client's own 30 s answer timeout: a hang is a bug.

    let scratch: URL

    init() throws {
        guard !Self.host.isEmpty, !Self.socketPath.isEmpty else {
            throw TestBedError(#"BAKTAINER_TLS_HOST/BAKTAINER_TLS_SOCKET are not set: run `eval "$(scripts/testbed-tls.sh start)"` (as root) first"#)
        }
        for file in ["ca.pem", "cert.pem", "key.pem", "other-ca.pem", "wrong-key.pem"] {
            guard FileManager.default.isReadableFile(atPath: Self.path(file)) else {
                throw TestBedError("TLS test material \(Self.path(file)) is missing: run scripts/testbed-tls.sh (as root) first")
            }
        }
        guard Self.somethingListens(port: Self.port) else {
            throw TestBedError("nothing listens on \(Self.host):\(Self.port): the TLS dockerd is not running; run scripts/testbed-tls.sh (as root) first")
        }
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("bt-tls-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    static func path(_ file: String) -> String { materialDirectory + "/" + file }

    static func pem(_ file: String) throws -> String { try String(contentsOfFile: path(file), encoding: .utf8) }

    /// The settings a user would give; one attempt only, so failures are fast and retries do not hide them.
    static func environment(_ values: [String: String]) -> [String: String] {
        ["BT_DOCKER_URL": url, "BT_SSL": "true", "BT_DOCKER_RETRIES": "1"].merging(values) { $1 }
    }

    /// Builds the client from `values` exactly as Baktainer does at start-up.
    static func connect(_ values: [String: String]) async throws -> DockerClient {
        let settings = try DockerSettings(configuration: ConfigurationValues(environment: environment(values)))
        return try await DockerClient.connect(configuration: settings.clientConfiguration)
    }

    /// Connects with `values` and returns the ``DockerError`` it fails with, recording a failure when it does not
    /// fail or fails with something else. (A hang would surface as `daemon_not_answering`, failing the code check;
    /// no wall-clock assertion, since CI machines are loaded.)
    static func connectionError(
        _ values: [String: String], sourceLocation: SourceLocation = #_sourceLocation
    ) async -> DockerError? {
        do {
            let client = try await connect(values)
            Issue.record("connected (API \(client.apiVersion)) but should have failed", sourceLocation: sourceLocation)
            return nil
        } catch let error as DockerError {
            return error
        } catch {
            Issue.record("failed with \(type(of: error)) instead of a DockerError: \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }

    /// The docker CLI, talking TLS to the same daemon, is the independent witness.
    static func witnessAPIVersion() async throws -> APIVersion {
        let text = try await TestBed.docker([
            "-H", url, "--tlsverify", "--tlscacert", path("ca.pem"), "--tlscert", path("cert.pem"), "--tlskey", path("key.pem"),
            "version", "--format", "{{.Server.APIVersion}}",
        ])
        guard let version = APIVersion(text) else { throw TestBedError("docker CLI reported an unreadable API version '\(text)'") }
        return version
    }

    /// A plain TCP connect: tells "the daemon is not running" apart from the client's behaviour.
    static func somethingListens(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr(host)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return result == 0
    }

    private func expectWorking(_ client: DockerClient) async throws {
        #expect(client.apiVersion == min(try await Self.witnessAPIVersion(), APIVersion.maximumSupported))
        if case .tcp(let host, let port, let tls) = client.configuration.endpoint {
            #expect(host == Self.host && port == Self.port && tls)
        } else {
            Issue.record("endpoint is \(client.configuration.endpoint), not TCP")
        }
        // The TLS daemon has no images and runs no containers of its own: an empty list is the right answer.
        let containers = try await client.listContainers(labels: [], includeStopped: true)
        let witness = try await TestBed.docker(["-H", "unix://\(Self.socketPath)", "ps", "-aq"])
        #expect(containers.count == witness.split(separator: "\n").count)
    }

    // MARK: - Working configurations

    @Test func filePathsInBTVariablesConnect() async throws {
        let client = try await Self.connect([
            "BT_CA": Self.path("ca.pem"), "BT_CERT": Self.path("cert.pem"), "BT_KEY": Self.path("key.pem"),
        ])
        try await expectWorking(client)
    }

    @Test func inlinePEMInBTVariablesConnects() async throws {
        let client = try await Self.connect([
            "BT_CA": try Self.pem("ca.pem"), "BT_CERT": try Self.pem("cert.pem"), "BT_KEY": try Self.pem("key.pem"),
        ])
        if case .inline = client.configuration.tls?.clientKey?.location {
        } else {
            Issue.record("BT_KEY was not read as inline PEM: \(String(describing: client.configuration.tls?.clientKey))")
        }
        try await expectWorking(client)
    }

    @Test func dockerCertPathDirectoryConnects() async throws {
        for file in ["ca.pem", "cert.pem", "key.pem"] {
            try FileManager.default.copyItem(atPath: Self.path(file), toPath: scratch.appendingPathComponent(file).path)
        }
        let client = try await Self.connect(["DOCKER_CERT_PATH": scratch.path, "BT_SSL": "true"])
        #expect(client.configuration.tls?.clientCertificate?.origin == "DOCKER_CERT_PATH")
        try await expectWorking(client)
    }

    // MARK: - Bad TLS material: caught before any connection, naming the setting and the file

    @Test func nonPEMCertificateAuthorityNamesBTCAAndThePath() async throws {
        let notPEM = scratch.appendingPathComponent("ca-not-pem.txt").path
        _ = FileManager.default.createFile(atPath: notPEM, contents: Data("this is not a certificate\n".utf8))
        let error = await Self.connectionError([
            "BT_CA": notPEM, "BT_CERT": Self.path("cert.pem"), "BT_KEY": Self.path("key.pem"),
        ])
        #expect(error?.code == .invalidTLSMaterial)
        #expect(error?.message.contains("BT_CA") == true, "\(String(describing: error))")
        #expect(error?.message.contains(notPEM) == true, "\(String(describing: error))")
    }

    @Test func missingClientCertificateFileNamesBTCert() async throws {
        let missing = scratch.appendingPathComponent("no-such-cert.pem").path
        let error = await Self.connectionError([
            "BT_CA": Self.path("ca.pem"), "BT_CERT": missing, "BT_KEY": Self.path("key.pem"),
        ])
        #expect(error?.code == .invalidTLSMaterial)
        #expect(error?.message.contains("BT_CERT") == true, "\(String(describing: error))")
        #expect(error?.message.contains(missing) == true, "\(String(describing: error))")
        #expect(error?.message.contains("does not exist") == true, "\(String(describing: error))")
    }

    @Test func keyThatDoesNotMatchTheCertificateNamesBTKey() async throws {
        let error = await Self.connectionError([
            "BT_CA": Self.path("ca.pem"), "BT_CERT": Self.path("cert.pem"), "BT_KEY": Self.path("wrong-key.pem"),
        ])
        #expect(error?.code == .invalidTLSMaterial)
        #expect(error?.message.contains("BT_KEY") == true, "\(String(describing: error))")
        #expect(error?.message.contains(Self.path("wrong-key.pem")) == true, "\(String(describing: error))")
        #expect(error?.message.contains("does not match") == true, "\(String(describing: error))")
    }

    // MARK: - Handshake failures against the real daemon: a clear error, never a crash or a hang

    @Test func unrelatedCertificateAuthorityFailsTheHandshake() async throws {
        let error = await Self.connectionError([
            "BT_CA": Self.path("other-ca.pem"), "BT_CERT": Self.path("cert.pem"), "BT_KEY": Self.path("key.pem"),
        ])
        #expect(error?.code == .tlsHandshakeFailed, "\(String(describing: error))")
        // Says why: the daemon's certificate is not signed by the CA we were given.
        #expect(error?.message.contains("daemon's certificate could not be verified") == true, "\(String(describing: error))")
        #expect(error?.message.contains("not signed by the configured CA") == true, "\(String(describing: error))")
        #expect(error?.message.contains("\(Self.host):\(Self.port)") == true, "\(String(describing: error))")
    }

    /// `--tlsverify` makes the daemon refuse a client without a certificate. With TLS 1.3 the refusal comes
    /// after the client's side of the handshake; it must still be a TLS error, not a (retried) reset.
    @Test func noClientCertificateIsAClearError() async throws {
        let error = await Self.connectionError(["BT_CA": Self.path("ca.pem"), "BT_DOCKER_RETRIES": "4"])
        #expect(error?.code == .tlsHandshakeFailed, "\(String(describing: error))")
        #expect(error?.message.contains("rejected the client certificate") == true, "\(String(describing: error))")
        #expect(error?.message.contains("\(Self.host):\(Self.port)") == true, "\(String(describing: error))")
    }

    /// TLS is off but the daemon only speaks TLS: it answers a fixed plain-text 400, which must read as a
    /// TLS setting to turn on, not as a request Docker rejected.
    @Test func plainHTTPAgainstTheTLSPortIsAClearError() async throws {
        let error = await Self.connectionError(["BT_SSL": "false"])
        #expect(error?.code == .tlsHandshakeFailed, "\(String(describing: error))")
        #expect(error?.message.contains("only speaks TLS") == true, "\(String(describing: error))")
        #expect(error?.message.contains("BT_SSL=true") == true, "\(String(describing: error))")
    }

    /// The opposite mistake: TLS on, but the port serves plain HTTP.
    @Test func tlsAgainstAPlainHTTPPortIsAClearError() async throws {
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = [
            "python3", "-c",
            """
            import http.server, os, sys, threading
            s = http.server.HTTPServer(('127.0.0.1', 0), http.server.BaseHTTPRequestHandler)
            print(s.server_address[1], flush=True)
            threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
            s.serve_forever()
            """,
        ]
        // `terminate()` would only reach `env` (or a pyenv shim), not python: the server instead exits when
        // its stdin closes, which also happens when this test process dies.
        let output = Pipe()
        let lifeline = Pipe()
        server.standardOutput = output
        server.standardInput = lifeline
        try server.run()
        defer {
            try? lifeline.fileHandleForWriting.close()
            server.waitUntilExit()
        }
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        guard let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw TestBedError("python3 plain HTTP server did not report its port: '\(line)'")
        }
        let error = await Self.connectionError([
            "BT_DOCKER_URL": "tcp://127.0.0.1:\(port)",
            "BT_CA": Self.path("ca.pem"), "BT_CERT": Self.path("cert.pem"), "BT_KEY": Self.path("key.pem"),
        ])
        #expect(error?.code == .tlsHandshakeFailed, "\(String(describing: error))")
        #expect(error?.message.contains("does not speak TLS") == true, "\(String(describing: error))")
    }
}
