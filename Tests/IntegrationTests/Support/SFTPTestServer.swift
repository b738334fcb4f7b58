import Foundation

/// A real SSH server for one test: Debian's sshd on 127.0.0.1 with its own configuration and host key, key
/// authentication only (`scripts/testbed-sftp.sh`). OpenSSH's `sftp`, an independent client, reads back what
/// Baktainer stored.
struct SFTPTestServer {
    let pid: String
    let port: String
    let user: String
    let keyFile: String
    let knownHostsFile: String
    let fingerprint: String
    let root: String

    private static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scripts/testbed-sftp.sh").path

    /// Starts a server with an empty backup directory.
    static func start() async throws -> SFTPTestServer {
        let outcome = try await TestBed.tool(script, ["start"])
        guard outcome.status == 0 else { throw TestBedError("testbed-sftp.sh start exited \(outcome.status): \(outcome.errors)") }
        var values: [String: String] = [:]
        for line in outcome.output.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { values[parts[0]] = parts[1] }
        }
        guard let pid = values["SFTP_PID"], let port = values["SFTP_PORT"], let user = values["SFTP_USER"], let key = values["SFTP_KEY_FILE"],
            let knownHosts = values["SFTP_KNOWN_HOSTS_FILE"], let fingerprint = values["SFTP_FINGERPRINT"], let root = values["SFTP_ROOT"]
        else { throw TestBedError("testbed-sftp.sh start printed no server: \(outcome.output)") }
        return SFTPTestServer(pid: pid, port: port, user: user, keyFile: key, knownHostsFile: knownHosts, fingerprint: fingerprint, root: root)
    }

    /// Runs `body` with a server, stopping it afterwards, also on failure.
    static func with<Result>(_ body: (SFTPTestServer) async throws -> Result) async throws -> Result {
        let server = try await start()
        do {
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    /// Stops the server and removes its files.
    func stop() async {
        _ = try? await TestBed.tool(Self.script, ["stop", pid])
    }

    /// The settings that point Baktainer's destination `sftp` at this server, the host key checked by known_hosts.
    var environment: [String: String] {
        [
            "BT_SFTP_HOST": "127.0.0.1", "BT_SFTP_PORT": port, "BT_SFTP_USER": user, "BT_SFTP_PATH": root, "BT_SFTP_PRIVATE_KEY_FILE": keyFile,
            "BT_SFTP_KNOWN_HOSTS_FILE": knownHostsFile,
        ]
    }

    /// Runs OpenSSH's `sftp` with `commands` in batch mode; returns stdout, throwing with stderr on failure.
    @discardableResult
    func sftp(_ commands: String) async throws -> String {
        let outcome = try await TestBed.tool(
            "/usr/bin/sftp",
            [
                "-q", "-i", keyFile, "-o", "UserKnownHostsFile=\(knownHostsFile)", "-o", "BatchMode=yes", "-P", port, "-b", "-", "\(user)@127.0.0.1",
            ], stdin: Data(commands.utf8))
        guard outcome.status == 0 else { throw TestBedError("sftp exited \(outcome.status): \(outcome.errors)") }
        return outcome.output
    }

    /// The files under the backup directory (`YYYY-MM-DD/<file>`), as `sftp` lists them, sorted.
    func files() async throws -> [String] {
        let days = try await listing("ls -1 \(root)\n").filter { $0.count == 10 }
        var files: [String] = []
        for day in days {
            files += try await listing("ls -1a \(root)/\(day)\n").filter { $0 != "." && $0 != ".." }.map { "\(day)/\($0)" }
        }
        return files.sorted()
    }

    /// The names `command` lists (sftp prints each path whole, after echoing the command).
    private func listing(_ command: String) async throws -> [String] {
        try await sftp(command).split(separator: "\n").filter { !$0.hasPrefix("sftp>") }.compactMap { $0.split(separator: "/").last.map(String.init) }
    }

    /// The bytes of `key`, downloaded by `sftp`.
    func download(_ key: String) async throws -> Data {
        let local = FileManager.default.temporaryDirectory.appendingPathComponent("bt-sftp-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: local) }
        try await sftp("get \(root)/\(key) \(local.path)\n")
        return try Data(contentsOf: local)
    }
}
