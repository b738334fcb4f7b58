import BaktainerCore
import BaktainerSFTP
import Testing

/// `BT_SFTP_*` read strictly: each malformed value names its variable, a host key policy is required, the password
/// and key never show, an unset host means no destination.
@Suite struct SFTPSettingsTests {
    static let files = [
        "/keys/id": SSHFixtures.ed25519Key, "/keys/rsa": SSHFixtures.rsaKey, "/keys/kh": "nas \(SSHFixtures.ed25519PublicKey)\n",
        "/keys/password": "pa55-from-file\n",
    ]
    static let minimal = [
        "BT_SFTP_HOST": "nas.lan", "BT_SFTP_USER": "backup", "BT_SFTP_PATH": "/srv/backups", "BT_SFTP_PRIVATE_KEY_FILE": "/keys/id",
        "BT_SFTP_KNOWN_HOSTS_FILE": "/keys/kh",
    ]

    struct Missing: Error {}

    func settings(_ extra: [String: String]) throws -> SFTPSettings? {
        let variables = Self.minimal.merging(extra) { $1 }.filter { !$0.value.isEmpty }
        return try SFTPSettings(
            configuration: ConfigurationValues(
                entries: Dictionary(uniqueKeysWithValues: variables.map { ($0.key, ConfigurationValues.Entry(value: $0.value, source: .variable($0.key))) })
            ),
            readFile: { path in
                guard let text = Self.files[path] else { throw Missing() }
                return text
            })
    }

    @Test func noHostNoDestination() throws {
        #expect(try SFTPSettings(configuration: ConfigurationValues(entries: [:])) == nil)
    }

    @Test func aKeyAndAKnownHostsFileMakeADestinationOnPort22() throws {
        let settings = try #require(try settings([:]))
        #expect(settings.port == 22 && settings.user == "backup" && settings.name == "sftp")
        #expect(settings.displayName == "sftp://backup@nas.lan/srv/backups")
        #expect(settings.privateKey != nil && settings.password == nil)
        guard case .knownHosts(_, let file) = settings.hostKeys else {
            Issue.record("expected a known_hosts policy")
            return
        }
        #expect(file == "/keys/kh")
    }

    @Test func aPasswordFromAFileAndAPinnedFingerprint() throws {
        let settings = try #require(
            try settings([
                "BT_SFTP_PRIVATE_KEY_FILE": "", "BT_SFTP_PASSWORD_FILE": "/keys/password", "BT_SFTP_KNOWN_HOSTS_FILE": "",
                "BT_SFTP_HOST_KEY_FINGERPRINT": SSHFixtures.ed25519Fingerprint, "BT_SFTP_PORT": "2222", "BT_SFTP_PATH": "backups",
            ]))
        #expect(settings.password?.revealed == "pa55-from-file")
        #expect(!"\(settings)".contains("pa55"))
        #expect(settings.hostKeys == .fingerprint(SSHFixtures.ed25519Fingerprint))
        #expect(settings.displayName == "sftp://backup@nas.lan:2222/~/backups")
    }

    @Test(arguments: [
        (["BT_SFTP_HOST": "backup@nas"], "BT_SFTP_HOST"),
        (["BT_SFTP_PORT": "70000"], "BT_SFTP_PORT"),
        (["BT_SFTP_USER": ""], "BT_SFTP_USER"),
        (["BT_SFTP_PATH": ""], "BT_SFTP_PATH"),
        (["BT_SFTP_PRIVATE_KEY_FILE": ""], "BT_SFTP_PRIVATE_KEY_FILE"),
        (["BT_SFTP_PRIVATE_KEY_FILE": "/keys/missing"], "BT_SFTP_PRIVATE_KEY_FILE"),
        (["BT_SFTP_PRIVATE_KEY_FILE": "/keys/rsa"], "BT_SFTP_PRIVATE_KEY_FILE"),
        (["BT_SFTP_PASSWORD": "x", "BT_SFTP_PASSWORD_FILE": "/keys/password"], "BT_SFTP_PASSWORD"),
        (["BT_SFTP_KNOWN_HOSTS_FILE": ""], "BT_SFTP_KNOWN_HOSTS_FILE"),
        (["BT_SFTP_KNOWN_HOSTS_FILE": "/keys/missing"], "BT_SFTP_KNOWN_HOSTS_FILE"),
        (["BT_SFTP_HOST_KEY_FINGERPRINT": SSHFixtures.ed25519Fingerprint], "BT_SFTP_HOST_KEY_FINGERPRINT"),
        (["BT_SFTP_KNOWN_HOSTS_FILE": "", "BT_SFTP_HOST_KEY_FINGERPRINT": "MD5:aa:bb"], "BT_SFTP_HOST_KEY_FINGERPRINT"),
    ])
    func aBadValueNamesItsVariable(extra: [String: String], variable: String) {
        #expect {
            try settings(extra)
        } throws: { error in
            "\(error)".contains(variable)
        }
    }

    @Test func theMissingHostKeyPolicyErrorSaysHowToGetOne() {
        #expect {
            try settings(["BT_SFTP_KNOWN_HOSTS_FILE": ""])
        } throws: { error in
            "\(error)".contains("never trusts") && "\(error)".contains("ssh-keyscan")
        }
    }
}
