import BaktainerCore
import Foundation
import Testing

/// Reading BT_AGE_* settings: good values, malformed values naming the variable, and no secret in errors.
@Suite struct EncryptionSettingsTests {
    static let recipientA = EncryptionSettingsFixture.recipientA
    static let identityA = EncryptionSettingsFixture.identityA
    static let passphrase = EncryptionSettingsFixture.passphrase

    struct MissingFile: Error {}

    static func settings(_ environment: [String: String], files: [String: String] = [:]) throws(ConfigurationError) -> EncryptionSettings {
        try EncryptionSettings(configuration: ConfigurationValues(environment: environment)) { path in
            guard let text = files[path] else { throw MissingFile() }
            return text
        }
    }

    static func error(_ environment: [String: String], files: [String: String] = [:]) -> ConfigurationError? {
        do {
            _ = try settings(environment, files: files)
            return nil
        } catch {
            return error
        }
    }

    @Test func unsetMeansNoEncryption() throws {
        let settings = try Self.settings([:])
        #expect(!settings.isEnabled)
        #expect(settings.recipients.isEmpty && settings.identities.isEmpty)
    }

    @Test func recipientsFromTheListAndTheFile() throws {
        let other = AgeKeyPair.generate().recipientString
        let third = AgeKeyPair.generate().recipientString
        let settings = try Self.settings(
            ["BT_AGE_RECIPIENTS": " \(Self.recipientA) , \(other)", "BT_AGE_RECIPIENTS_FILE": "/r.txt"],
            files: ["/r.txt": "# team keys\n\n\(third)\r\n  # old\n"])
        #expect(settings.isEnabled)
        #expect(settings.recipients.map(\.encoded) == [Self.recipientA, other, third])
        #expect(settings.identities.isEmpty)
    }

    @Test func identityFileForDecryption() throws {
        let settings = try Self.settings(
            ["BT_AGE_IDENTITY_FILE": "/k.txt"], files: ["/k.txt": "# created: x\n# public key: \(Self.recipientA)\n\(Self.identityA)\n"])
        #expect(!settings.isEnabled)
        #expect(settings.identities.map { $0.recipient?.encoded } == [Self.recipientA])
    }

    @Test(
        "passphrase, inline or from a file, encrypts and decrypts",
        arguments: [
            ["BT_AGE_PASSPHRASE": EncryptionSettingsFixture.passphrase],
            ["BT_AGE_PASSPHRASE_FILE": "/p.txt"],
        ])
    func passphrase(environment: [String: String]) throws {
        let settings = try Self.settings(environment, files: ["/p.txt": Self.passphrase + "\n"])
        #expect(settings.isEnabled)
        #expect(settings.recipients.count == 1 && settings.recipients[0].isPassphrase)
        #expect(settings.identities.count == 1 && settings.identities[0].isPassphrase)
        let file = try AgeTestSupport.encrypt([1, 2, 3], to: settings.recipients)
        // The trailing newline was trimmed: the bare passphrase opens the file.
        #expect(try AgeTestSupport.decrypt(file, with: [AgeIdentity.passphrase(Self.passphrase)]) == [1, 2, 3])
        #expect(try AgeTestSupport.decrypt(file, with: settings.identities) == [1, 2, 3])
    }

    /// A damaged identity: close to a real key, so it must never be echoed.
    static let damagedIdentity = "AGE-SECRET-KEY-18539LLWA3SPSHNSTLASGYQJ54A3QXEPW785ZH6U4KS64V5A6C3PSVYXRA7"

    @Test("malformed settings name the variable and hide secrets", arguments: EncryptionSettingsFixture.bad)
    func malformed(_ bad: EncryptionSettingsFixture.Bad) throws {
        let files = [
            "/p.txt": Self.passphrase + "\n", "/r.txt": Self.recipientA + "\n", "/empty": "\n",
            "/bad-recipients": "# keys\n\(Self.passphrase)\n", "/comments": "# nothing here\n\n",
            "/bad-identity": "# key\n\(Self.damagedIdentity)\n",
        ]
        let error = try #require(Self.error(bad.environment, files: files))
        #expect(error.setting == bad.setting)
        if let mentions = bad.mentions { #expect(error.message.contains(mentions)) }
        for secret in [Self.passphrase, Self.damagedIdentity, Self.identityA] {
            #expect(!error.description.contains(secret))
        }
    }
}

/// Values shared by the settings tests.
enum EncryptionSettingsFixture {
    static let recipientA = "age1nfjlr28300fh6wwj0uz7a480my2u7e2gc9ht9sxknd35el0mdcqqesu766"
    static let identityA = "AGE-SECRET-KEY-18539LLWA3SPSHNSTLASGYQJ54A3QXEPW785ZH6U4KS64V5A6C3PSVYXRA6"
    static let passphrase = "s3cret-Passphrase!"

    /// An environment that must fail, the variable the error must name, and the other name it must mention.
    struct Bad: Sendable, CustomStringConvertible {
        var environment: [String: String]
        var setting: String
        var mentions: String?
        var description: String { setting + " " + (mentions ?? "") }
    }

    static let bad: [Bad] = [
        Bad(environment: ["BT_AGE_RECIPIENTS": "\(recipientA),nope"], setting: "BT_AGE_RECIPIENTS", mentions: "entry 2"),
        Bad(environment: ["BT_AGE_RECIPIENTS": "\(recipientA),"], setting: "BT_AGE_RECIPIENTS", mentions: "entry 2"),
        Bad(environment: ["BT_AGE_RECIPIENTS": identityA], setting: "BT_AGE_RECIPIENTS", mentions: nil),
        Bad(environment: ["BT_AGE_RECIPIENTS_FILE": "/missing"], setting: "BT_AGE_RECIPIENTS_FILE", mentions: "/missing"),
        Bad(environment: ["BT_AGE_RECIPIENTS_FILE": "/bad-recipients"], setting: "BT_AGE_RECIPIENTS_FILE", mentions: "line 2"),
        Bad(environment: ["BT_AGE_RECIPIENTS_FILE": "/comments"], setting: "BT_AGE_RECIPIENTS_FILE", mentions: "no"),
        Bad(environment: ["BT_AGE_PASSPHRASE": passphrase, "BT_AGE_RECIPIENTS": recipientA], setting: "BT_AGE_PASSPHRASE", mentions: "BT_AGE_RECIPIENTS"),
        Bad(
            environment: ["BT_AGE_PASSPHRASE_FILE": "/p.txt", "BT_AGE_RECIPIENTS_FILE": "/r.txt"], setting: "BT_AGE_PASSPHRASE_FILE",
            mentions: "BT_AGE_RECIPIENTS_FILE"),
        Bad(
            environment: ["BT_AGE_PASSPHRASE": passphrase, "BT_AGE_PASSPHRASE_FILE": "/p.txt"], setting: "BT_AGE_PASSPHRASE", mentions: "BT_AGE_PASSPHRASE_FILE"
        ),
        Bad(environment: ["BT_AGE_PASSPHRASE_FILE": "/empty"], setting: "BT_AGE_PASSPHRASE_FILE", mentions: "empty"),
        Bad(environment: ["BT_AGE_PASSPHRASE_FILE": "/missing"], setting: "BT_AGE_PASSPHRASE_FILE", mentions: "/missing"),
        Bad(environment: ["BT_AGE_IDENTITY_FILE": "/bad-identity"], setting: "BT_AGE_IDENTITY_FILE", mentions: "line 2"),
        Bad(environment: ["BT_AGE_IDENTITY_FILE": "/comments"], setting: "BT_AGE_IDENTITY_FILE", mentions: nil),
        Bad(environment: ["BT_AGE_IDENTITY_FILE": "/missing"], setting: "BT_AGE_IDENTITY_FILE", mentions: "/missing"),
    ]
}
