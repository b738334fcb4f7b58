import BaktainerCore
import NIOSSH

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The SFTP destination (`sftp`) as configured by `BT_SFTP_*`: configured when `BT_SFTP_HOST` is set.
///
/// Errors name the variable (or file key) to fix; the password is a ``Secret`` and the private key never leaves
/// this value.
package struct SFTPSettings: Sendable {
    /// The destination's name in outcomes, events, metrics and `--destination`.
    package var name = "sftp"
    /// The server's name or address.
    package var host: String
    /// Its SSH port.
    package var port: Int
    /// The user to log in as.
    package var user: String
    /// The directory backups go under (`<path>/YYYY-MM-DD/<file>`); relative paths start at the user's home.
    package var path: String
    /// The key to log in with.
    package var privateKey: NIOSSHPrivateKey?
    /// The password to log in with (after the key, when both are set).
    package var password: Secret?
    /// Which host keys are accepted.
    package var hostKeys: HostKeyPolicy

    /// Variables read (see docs/configuration.md).
    package enum Key {
        package static let host = "BT_SFTP_HOST"
        package static let port = "BT_SFTP_PORT"
        package static let user = "BT_SFTP_USER"
        package static let path = "BT_SFTP_PATH"
        package static let privateKeyFile = "BT_SFTP_PRIVATE_KEY_FILE"
        package static let password = "BT_SFTP_PASSWORD"
        package static let passwordFile = "BT_SFTP_PASSWORD_FILE"
        package static let knownHostsFile = "BT_SFTP_KNOWN_HOSTS_FILE"
        package static let hostKeyFingerprint = "BT_SFTP_HOST_KEY_FINGERPRINT"
    }

    /// Creates settings directly (tests).
    package init(
        host: String, port: Int = 22, user: String, path: String, privateKey: NIOSSHPrivateKey? = nil, password: Secret? = nil, hostKeys: HostKeyPolicy
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.path = path
        self.privateKey = privateKey
        self.password = password
        self.hostKeys = hostKeys
    }

    /// The SFTP destination of `values`, nil when `BT_SFTP_HOST` is unset. `readFile` reads the key, password and
    /// known_hosts files.
    package init?(
        configuration values: ConfigurationValues, readFile: (String) throws -> String = { try String(contentsOfFile: $0, encoding: .utf8) }
    ) throws(ConfigurationError) {
        guard let host = values.string(Key.host)?.trimmingCharacters(in: .whitespaces) else { return nil }
        guard !host.isEmpty, !host.contains("/"), !host.contains("@") else {
            throw values.error(Key.host, "'\(host)' is not a host name: give the name or address alone (the user goes in \(Key.user), the port in \(Key.port))")
        }
        let port = try values.integer(Key.port, in: 1...65535) ?? 22
        guard let user = values.string(Key.user) else { throw values.error(Key.user, "is not set: the SFTP destination needs the user to log in as") }
        guard let path = values.string(Key.path) else {
            throw values.error(Key.path, "is not set: name the directory on the server that takes the backups (e.g. /srv/backups)")
        }
        var privateKey: NIOSSHPrivateKey?
        if let file = values.string(Key.privateKeyFile) {
            let text = try ConfigurationError.readFile(file, for: values.origin(Key.privateKeyFile), with: readFile)
            do {
                privateKey = try OpenSSHPrivateKey.parse(text)
            } catch {
                throw values.error(Key.privateKeyFile, "\(file) \(error.message)")
            }
        }
        let password = try values.secret(Key.password, file: Key.passwordFile, what: "the password", readFile: readFile)
        guard privateKey != nil || password != nil else {
            throw values.error(Key.privateKeyFile, "is not set: the SFTP destination needs a key (or \(Key.password) / \(Key.passwordFile))")
        }
        let hostKeys: HostKeyPolicy
        switch (values.string(Key.knownHostsFile), values.string(Key.hostKeyFingerprint)?.trimmingCharacters(in: .whitespaces)) {
        case (_?, _?):
            throw values.error(Key.hostKeyFingerprint, "cannot be combined with \(values.origin(Key.knownHostsFile)): set only one of them")
        case (let file?, nil):
            hostKeys = .knownHosts(text: try ConfigurationError.readFile(file, for: values.origin(Key.knownHostsFile), with: readFile), file: file)
        case (nil, let fingerprint?):
            guard fingerprint.hasPrefix("SHA256:"), fingerprint.count == 50 else {
                throw values.error(
                    Key.hostKeyFingerprint, "'\(fingerprint)' is not a SHA256 fingerprint: copy it from ssh-keyscan -p \(port) \(host) | ssh-keygen -lf -")
            }
            hostKeys = .fingerprint(fingerprint)
        case (nil, nil):
            throw values.error(
                Key.knownHostsFile,
                "is not set: Baktainer never trusts a server's host key blindly; give a known_hosts file or \(Key.hostKeyFingerprint) (ssh-keyscan -p \(port) \(host) | ssh-keygen -lf -)"
            )
        }
        self.init(host: host, port: port, user: user, path: path, privateKey: privateKey, password: password, hostKeys: hostKeys)
    }

    /// `sftp://user@host:port/path`, for people.
    package var displayName: String {
        "sftp://\(user)@\(host)\(port == 22 ? "" : ":\(port)")\(path.hasPrefix("/") ? "" : "/~/")\(path)"
    }
}
