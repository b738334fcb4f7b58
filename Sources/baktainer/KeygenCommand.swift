import ArgumentParser
import BaktainerCore
#if canImport(Glibc)
import Glibc
#endif

/// `baktainer keygen`: a new age identity and its recipient, in age-keygen's own text form.
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Print a new age identity (secret key) and its recipient (public key).",
        discussion: """
            Put the recipient (age1…) in BT_AGE_RECIPIENTS so backups are encrypted to it; keep the identity \
            (AGE-SECRET-KEY-1…) away from the backup host, in a file named by BT_AGE_IDENTITY_FILE only where you \
            verify or restore. Files decrypt with the standard tool too: age -d -i key.txt FILE. With -o the key is \
            written to a new file readable by its owner only (mode 0600) and the recipient is printed.
            """)

    @Option(name: [.short, .customLong("output")], help: "Write the identity to this new file (mode 0600) instead of standard output.")
    var output: String?

    func run() throws {
        let pair = AgeKeyPair.generate()
        guard let output else {
            print(pair.keygenText(), terminator: "")
            return
        }
        let descriptor = open(output, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw CommandFailure("cannot create \(output): \(reason)\(errno == EEXIST ? " (keygen never overwrites a key: choose another name)" : "")")
        }
        defer { close(descriptor) }
        var bytes = Array(pair.keygenText().utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                unlink(output)
                throw CommandFailure("cannot write \(output): \(String(cString: strerror(errno)))")
            }
            bytes = bytes.dropFirst(written)
        }
        guard fsync(descriptor) == 0 else {
            unlink(output)
            throw CommandFailure("cannot write \(output): \(String(cString: strerror(errno)))")
        }
        print("Public key: \(pair.recipientString)")
    }
}
