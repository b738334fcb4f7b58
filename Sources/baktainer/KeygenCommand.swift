import ArgumentParser
import BaktainerCore

/// `baktainer keygen`: a new age identity and its recipient, in age-keygen's own text form.
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Print a new age identity (secret key) and its recipient (public key).",
        discussion: """
            Put the recipient (age1…) in BT_AGE_RECIPIENTS so backups are encrypted to it; keep the identity \
            (AGE-SECRET-KEY-1…) away from the backup host, in a file named by BT_AGE_IDENTITY_FILE only where you \
            verify or restore. Files decrypt with the standard tool too: age -d -i key.txt FILE.
            """)

    func run() throws {
        print(AgeKeyPair.generate().keygenText(), terminator: "")
    }
}
