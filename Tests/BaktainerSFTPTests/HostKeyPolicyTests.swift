import BaktainerSFTP
import NIOSSH
import Testing

@Suite struct HostKeyPolicyTests {
    private let key = try! NIOSSHPublicKey(openSSHPublicKey: SSHFixtures.ed25519PublicKey)
    private let otherKey = try! NIOSSHPublicKey(openSSHPublicKey: SSHFixtures.ecdsaPublicKey)
    private var keyLine: String { SSHFixtures.ed25519PublicKey.split(separator: " ").prefix(2).joined(separator: " ") }

    @Test func thePinnedFingerprintIsAcceptedAndAnyOtherKeyRefusedNamingBoth() {
        let policy = HostKeyPolicy.fingerprint(SSHFixtures.ed25519Fingerprint)
        #expect(policy.check(key, host: "nas", port: 22) == nil)
        let refusal = policy.check(otherKey, host: "nas", port: 22)
        #expect(refusal?.contains(SSHFixtures.ecdsaFingerprint) == true)
        #expect(refusal?.contains("BT_SFTP_HOST_KEY_FINGERPRINT") == true)
    }

    @Test func aKnownHostsLineMatchesItsHostAndPortOnly() {
        let policy = HostKeyPolicy.knownHosts(text: "# comment\n[10.0.0.5]:2222 \(keyLine)\n", file: "kh")
        #expect(policy.check(key, host: "10.0.0.5", port: 2222) == nil)
        #expect(policy.check(key, host: "10.0.0.5", port: 22)?.contains("lists no key for 10.0.0.5") == true)
        #expect(policy.check(key, host: "10.0.0.6", port: 2222)?.contains("lists no key") == true)
    }

    @Test func aChangedKeyIsRefusedAsChanged() {
        let policy = HostKeyPolicy.knownHosts(text: "nas,nas.lan \(keyLine)\n", file: "/etc/kh")
        #expect(policy.check(key, host: "nas.lan", port: 22) == nil)
        #expect(policy.check(otherKey, host: "nas.lan", port: 22)?.contains("CHANGED") == true)
    }

    @Test func aHashedNameAsSshKeygenWritesItMatches() {
        let policy = HostKeyPolicy.knownHosts(text: SSHFixtures.hashedKnownHostsLine, file: "kh")
        #expect(policy.check(key, host: "10.0.0.5", port: 2222) == nil)
        #expect(policy.check(key, host: "10.0.0.5", port: 2223) != nil)
    }

    @Test func patternsAndNegationsFollowOpenSSH() {
        let policy = HostKeyPolicy.knownHosts(text: "*.lan,!evil.lan \(keyLine)\n", file: "kh")
        #expect(policy.check(key, host: "NAS.lan", port: 22) == nil)
        #expect(policy.check(key, host: "evil.lan", port: 22) != nil)
        #expect(policy.check(key, host: "nas.example", port: 22) != nil)
    }

    @Test func aRevokedKeyIsRefusedEvenWhenAlsoListed() {
        let policy = HostKeyPolicy.knownHosts(text: "@revoked * \(keyLine)\nnas \(keyLine)\n", file: "kh")
        #expect(policy.check(key, host: "nas", port: 22)?.contains("@revoked") == true)
    }
}
