extension EnvironmentKey {
    /// Comma-separated `age1…` recipients: backups are encrypted to each (any one key decrypts).
    package static let ageRecipients = "BT_AGE_RECIPIENTS"
    /// Path of a file of `age1…` recipients, one per line; blank lines and `#` comments are ignored.
    package static let ageRecipientsFile = "BT_AGE_RECIPIENTS_FILE"
    /// Passphrase: backups are encrypted with age's scrypt mode instead of recipients (and decrypted with it).
    package static let agePassphrase = "BT_AGE_PASSPHRASE"
    /// Path of a file holding the passphrase (a trailing newline is ignored), e.g. a Docker secret.
    package static let agePassphraseFile = "BT_AGE_PASSPHRASE_FILE"
    /// Path of an age identity file (`AGE-SECRET-KEY-1…` lines) used to decrypt backups, e.g. for restores.
    package static let ageIdentityFile = "BT_AGE_IDENTITY_FILE"
}
