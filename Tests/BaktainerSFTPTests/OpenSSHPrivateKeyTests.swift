import BaktainerSFTP
import NIOSSH
import Testing

@Suite struct OpenSSHPrivateKeyTests {
    @Test func anEd25519KeyReadsToTheKeyWhosePublicHalfSshKeygenPrinted() throws {
        let key = try OpenSSHPrivateKey.parse(SSHFixtures.ed25519Key)
        #expect(String(openSSHPublicKey: key.publicKey) == SSHFixtures.ed25519PublicKey.split(separator: " ").prefix(2).joined(separator: " "))
        #expect(HostKeyPolicy.fingerprint(of: key.publicKey) == SSHFixtures.ed25519Fingerprint)
    }

    @Test func anECDSAKeyReadsToTheKeyWhosePublicHalfSshKeygenPrinted() throws {
        let key = try OpenSSHPrivateKey.parse(SSHFixtures.ecdsaKey)
        #expect(String(openSSHPublicKey: key.publicKey) == SSHFixtures.ecdsaPublicKey.split(separator: " ").prefix(2).joined(separator: " "))
        #expect(HostKeyPolicy.fingerprint(of: key.publicKey) == SSHFixtures.ecdsaFingerprint)
    }

    @Test func aPassphraseProtectedKeyIsRefusedWithHowToRemoveThePassphrase() {
        #expect {
            try OpenSSHPrivateKey.parse(SSHFixtures.encryptedKey)
        } throws: { error in
            "\(error)".contains("passphrase") && "\(error)".contains("ssh-keygen -p -N ''")
        }
    }

    @Test func anRSAKeyIsRefusedWithWhatToUseInstead() {
        #expect {
            try OpenSSHPrivateKey.parse(SSHFixtures.rsaKey)
        } throws: { error in
            "\(error)".contains("RSA") && "\(error)".contains("ssh-keygen -t ed25519")
        }
    }

    @Test(arguments: ["", "not a key", "-----BEGIN OPENSSH PRIVATE KEY-----\n!!!!\n-----END OPENSSH PRIVATE KEY-----\n"])
    func somethingElseIsRefused(text: String) {
        #expect(throws: OpenSSHPrivateKey.Failure.self) { try OpenSSHPrivateKey.parse(text) }
    }

    @Test func aTruncatedKeyIsRefusedNotCrashedOn() {
        let lines = SSHFixtures.ed25519Key.split(separator: "\n")
        let truncated = ([lines[0], lines[1]] + [lines[lines.count - 1]]).joined(separator: "\n")
        #expect(throws: OpenSSHPrivateKey.Failure.self) { try OpenSSHPrivateKey.parse(truncated) }
    }
}
