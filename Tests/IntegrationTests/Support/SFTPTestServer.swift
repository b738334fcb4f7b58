import Foundation

/// A real SSH server for one test: Debian's sshd on 127.0.0.1 with its own configuration and host key, key
/// authentication only (`scripts/testbed-sftp.sh`). OpenSSH's `sftp`, an independent client, reads back what
/// Baktainer stored.
struct SFTPTestServer: TestServer {
    let pid: String
    let port: String
    let user: String
    let keyFile: String
    let knownHostsFile: String
    let fingerprint: String
    let root: String

    private static let script = script("testbed-sftp.sh")

    /// Starts a server with an empty backup directory.
    static func start() async throws -> SFTPTestServer {
        let names = ["SFTP_PID", "SFTP_PORT", "SFTP_USER", "SFTP_KEY_FILE", "SFTP_KNOWN_HOSTS_FILE", "SFTP_FINGERPRINT", "SFTP_ROOT"]
        let values = try await launch(script, requiring: names)
        return SFTPTestServer(
            pid: values["SFTP_PID"]!, port: values["SFTP_PORT"]!, user: values["SFTP_USER"]!, keyFile: values["SFTP_KEY_FILE"]!,
            knownHostsFile: values["SFTP_KNOWN_HOSTS_FILE"]!, fingerprint: values["SFTP_FINGERPRINT"]!, root: values["SFTP_ROOT"]!)
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
