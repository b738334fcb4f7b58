import Foundation

/// Backup encryption settings, read once at start-up: whom backups are encrypted to and which keys open them.
///
/// Recipients (`BT_AGE_RECIPIENTS`, `BT_AGE_RECIPIENTS_FILE`) and a passphrase (`BT_AGE_PASSPHRASE`,
/// `BT_AGE_PASSPHRASE_FILE`) exclude each other, as in age. Errors name the setting and its source (variable or
/// configuration file) and never echo a secret.
package struct EncryptionSettings: Sendable {
    /// Whom new backups are encrypted to; empty means backups are not encrypted.
    package var recipients: [AgeRecipient]
    /// Keys that open encrypted backups: the identity file's keys and the passphrase, if set.
    package var identities: [AgeIdentity]

    /// Whether new backups are encrypted.
    package var isEnabled: Bool { !recipients.isEmpty }

    /// Settings with explicit values (tests, or no encryption with the defaults).
    package init(recipients: [AgeRecipient] = [], identities: [AgeIdentity] = []) {
        self.recipients = recipients
        self.identities = identities
    }

    /// Reads the settings from `environment`; `readFile` returns a file's text (tests may stub it).
    package init(
        configuration environment: ConfigurationValues,
        readFile: (String) throws -> String = { try String(contentsOfFile: $0, encoding: .utf8) }
    ) throws(ConfigurationError) {
        var recipients: [AgeRecipient] = []
        if let list = environment.string(EnvironmentKey.ageRecipients) {
            for (index, item) in list.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
                let entry = String(item).trimmingAgeWhitespace()
                guard let recipient = try? AgeRecipient(parsing: entry) else {
                    throw environment.error(
                        EnvironmentKey.ageRecipients,
                        "entry \(index + 1) is not an age recipient: use comma-separated 'age1…' public keys from age-keygen or baktainer keygen")
                }
                recipients.append(recipient)
            }
        }
        if let path = environment.string(EnvironmentKey.ageRecipientsFile) {
            let text = try ConfigurationError.readFile(path, for: environment.origin(EnvironmentKey.ageRecipientsFile), with: readFile)
            var found = 0
            for (number, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
                let entry = String(line).trimmingAgeWhitespace()
                if entry.isEmpty || entry.hasPrefix("#") { continue }
                guard let recipient = try? AgeRecipient(parsing: entry) else {
                    throw environment.error(
                        EnvironmentKey.ageRecipientsFile,
                        "line \(number + 1) of \(path) is not an age recipient: use one 'age1…' public key per line ('#' starts a comment)")
                }
                recipients.append(recipient)
                found += 1
            }
            guard found > 0 else {
                throw environment.error(EnvironmentKey.ageRecipientsFile, "\(path) holds no 'age1…' recipient")
            }
        }

        let passphrase = try Self.passphrase(environment, readFile)
        if let passphrase {
            guard recipients.isEmpty else {
                let recipientSource = environment.origin(
                    environment.string(EnvironmentKey.ageRecipients) != nil ? EnvironmentKey.ageRecipients : EnvironmentKey.ageRecipientsFile)
                let passphraseKey = environment.string(EnvironmentKey.agePassphrase) != nil ? EnvironmentKey.agePassphrase : EnvironmentKey.agePassphraseFile
                throw environment.error(
                    passphraseKey, "cannot be combined with \(recipientSource): age encrypts either to recipients or with one passphrase; unset one of them")
            }
            do throws(AgeError) {
                recipients = [try AgeRecipient.passphrase(passphrase)]
            } catch {
                throw environment.error(EnvironmentKey.agePassphrase, error.message)
            }
        }

        var identities: [AgeIdentity] = []
        if let path = environment.string(EnvironmentKey.ageIdentityFile) {
            let text = try ConfigurationError.readFile(path, for: environment.origin(EnvironmentKey.ageIdentityFile), with: readFile)
            do throws(AgeError) {
                identities = try AgeIdentity.parseFile(text)
            } catch {
                throw environment.error(EnvironmentKey.ageIdentityFile, "\(path): \(error.message)")
            }
        }
        if let passphrase, let identity = try? AgeIdentity.passphrase(passphrase) {
            identities.append(identity)
        }
        self.init(recipients: recipients, identities: identities)
    }

    /// The passphrase from `BT_AGE_PASSPHRASE` or `BT_AGE_PASSPHRASE_FILE` (one trailing newline trimmed).
    private static func passphrase(_ environment: ConfigurationValues, _ readFile: (String) throws -> String) throws(ConfigurationError) -> String? {
        try environment.secret(EnvironmentKey.agePassphrase, file: EnvironmentKey.agePassphraseFile, what: "the passphrase", readFile: readFile)?
            .revealed
    }
}
