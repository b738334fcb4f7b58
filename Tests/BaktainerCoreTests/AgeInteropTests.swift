import BaktainerCore
import Foundation
import Testing

/// Interoperability with the reference `age` and `age-keygen` binaries (Debian package `age`, v1.1).
///
/// Skipped when the binaries are missing; CI installs them. Passphrase cases drive `age` through a pty with
/// util-linux `script`, because age reads passphrases from the terminal only.
@Suite(.enabled(if: AgeBinaries.available, "age and age-keygen are not installed"))
struct AgeInteropTests {
    @Test("Baktainer encrypts, age -d decrypts", arguments: [0, 1, 65536, 200_000])
    func baktainerToAge(size: Int) throws {
        let directory = try AgeBinaries.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (keyFile, recipient) = try AgeBinaries.keygen(in: directory, name: "key.txt")
        let plaintext = AgeTestSupport.randomBytes(size)
        let encrypted = directory.appendingPathComponent("file.age")
        try Data(AgeTestSupport.encrypt(plaintext, to: [AgeRecipient(parsing: recipient)], pieceSize: 4099)).write(to: encrypted)
        // Standard output, not -o: age creates no output file for an empty plaintext.
        let decrypted = try AgeBinaries.run(AgeBinaries.age, ["-d", "-i", keyFile.path, encrypted.path])
        #expect([UInt8](decrypted) == plaintext)
    }

    @Test func twoRecipientsEitherKeyDecryptsWithAge() throws {
        let directory = try AgeBinaries.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (firstKey, first) = try AgeBinaries.keygen(in: directory, name: "first.txt")
        let (secondKey, second) = try AgeBinaries.keygen(in: directory, name: "second.txt")
        let plaintext = AgeTestSupport.randomBytes(150_000)
        let encrypted = directory.appendingPathComponent("file.age")
        try Data(AgeTestSupport.encrypt(plaintext, to: [AgeRecipient(parsing: first), AgeRecipient(parsing: second)])).write(to: encrypted)
        for key in [firstKey, secondKey] {
            let decrypted = try AgeBinaries.run(AgeBinaries.age, ["-d", "-i", key.path, encrypted.path])
            #expect([UInt8](decrypted) == plaintext)
        }
    }

    @Test("age encrypts, Baktainer decrypts", arguments: [0, 1, 65536, 3 * 65536, 200_000])
    func ageToBaktainer(size: Int) throws {
        let directory = try AgeBinaries.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (keyFile, recipient) = try AgeBinaries.keygen(in: directory, name: "key.txt")
        let other = AgeKeyPair.generate()
        let identities = try AgeIdentity.parseFile(String(contentsOf: keyFile, encoding: .utf8))
        let plaintext = AgeTestSupport.randomBytes(size)
        let input = directory.appendingPathComponent("in")
        try Data(plaintext).write(to: input)
        let byRecipient = directory.appendingPathComponent("r.age")
        try AgeBinaries.run(AgeBinaries.age, ["-r", other.recipientString, "-r", recipient, "-o", byRecipient.path, input.path])
        let byIdentity = directory.appendingPathComponent("i.age")
        try AgeBinaries.run(AgeBinaries.age, ["-e", "-i", keyFile.path, "-o", byIdentity.path, input.path])
        for file in [byRecipient, byIdentity] {
            let encrypted = try [UInt8](Data(contentsOf: file))
            #expect(try AgeTestSupport.decrypt(encrypted, with: identities, pieceSize: 1000) == plaintext)
            if file == byRecipient {
                #expect(try AgeTestSupport.decrypt(encrypted, with: [other.identity], pieceSize: 65552) == plaintext)
            } else {
                #expect(AgeTestSupport.ageErrorCode { _ = try AgeTestSupport.decrypt(encrypted, with: [other.identity]) } == .noMatchingIdentity)
            }
        }
    }

    @Test func keygenOutputWorksWithAge() throws {
        let directory = try AgeBinaries.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pair = AgeKeyPair.generate()
        let keyFile = directory.appendingPathComponent("key.txt")
        try pair.keygenText().write(to: keyFile, atomically: true, encoding: .utf8)
        // age-keygen -y derives the recipient from our identity file.
        let derived = try AgeBinaries.run(AgeBinaries.ageKeygen, ["-y", keyFile.path])
        #expect(String(decoding: derived, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == pair.recipientString)
        let input = directory.appendingPathComponent("in")
        let plaintext = AgeTestSupport.randomBytes(70_000)
        try Data(plaintext).write(to: input)
        let encrypted = directory.appendingPathComponent("file.age")
        try AgeBinaries.run(AgeBinaries.age, ["-r", pair.recipientString, "-o", encrypted.path, input.path])
        // Standard output, not -o: age creates no output file for an empty plaintext.
        let decrypted = try AgeBinaries.run(AgeBinaries.age, ["-d", "-i", keyFile.path, encrypted.path])
        #expect([UInt8](decrypted) == plaintext)
        #expect(try AgeTestSupport.decrypt([UInt8](Data(contentsOf: encrypted)), with: [pair.identity]) == plaintext)
    }

    @Test(.enabled(if: AgeBinaries.script != nil, "util-linux script is not installed"))
    func passphraseBothWaysThroughAPty() throws {
        let directory = try AgeBinaries.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let passphrase = "interop passphrase 1"
        let plaintext = AgeTestSupport.randomBytes(100_000)
        // Baktainer → age -d (work factor 10: age accepts any up to 22).
        let ours = directory.appendingPathComponent("ours.age")
        try Data(AgeTestSupport.encrypt(plaintext, to: [AgeRecipient.passphrase(passphrase, workFactor: 10)])).write(to: ours)
        let output = directory.appendingPathComponent("out")
        try AgeBinaries.withTerminal("\(AgeBinaries.age) -d -o '\(output.path)' '\(ours.path)'", typing: passphrase + "\n")
        #expect(try [UInt8](Data(contentsOf: output)) == plaintext)
        // age -p → Baktainer (age asks twice: passphrase and confirmation).
        let input = directory.appendingPathComponent("in")
        try Data(plaintext).write(to: input)
        let theirs = directory.appendingPathComponent("theirs.age")
        try AgeBinaries.withTerminal("\(AgeBinaries.age) -p -o '\(theirs.path)' '\(input.path)'", typing: passphrase + "\n" + passphrase + "\n")
        let encrypted = try [UInt8](Data(contentsOf: theirs))
        #expect(try AgeTestSupport.decrypt(encrypted, with: [AgeIdentity.passphrase(passphrase)], pieceSize: 7) == plaintext)
    }

    @Test func ageRejectsWhatBaktainerRejects() throws {
        // A flipped chunk byte fails in age too: both sides authenticate the same bytes.
        let directory = try AgeBinaries.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (keyFile, recipient) = try AgeBinaries.keygen(in: directory, name: "key.txt")
        var file = try AgeTestSupport.encrypt(AgeTestSupport.randomBytes(1000), to: [AgeRecipient(parsing: recipient)])
        file[file.count - 20] ^= 1
        let encrypted = directory.appendingPathComponent("file.age")
        try Data(file).write(to: encrypted)
        #expect(throws: AgeBinaries.Failure.self) {
            try AgeBinaries.run(AgeBinaries.age, ["-d", "-i", keyFile.path, "-o", directory.appendingPathComponent("out").path, encrypted.path])
        }
    }
}

/// Locating and running the age binaries.
enum AgeBinaries {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static let agePath = find("age")
    static let ageKeygenPath = find("age-keygen")
    static let script = find("script")
    static let available = agePath != nil && ageKeygenPath != nil
    static var age: String { agePath ?? "age" }
    static var ageKeygen: String { ageKeygenPath ?? "age-keygen" }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("age-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `age-keygen -o <name>` and returns the key file and its public key.
    static func keygen(in directory: URL, name: String) throws -> (URL, String) {
        let file = directory.appendingPathComponent(name)
        try run(ageKeygen, ["-o", file.path])
        let text = try String(contentsOf: file, encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("# public key: ") })
        return (file, String(line.dropFirst("# public key: ".count)))
    }

    /// Runs `executable` with `arguments`, feeding `input` on standard input; returns standard output.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], input: String? = nil) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(
                description: "\(executable) \(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(String(decoding: errors, as: UTF8.self))"
            )
        }
        return output
    }

    /// Runs a shell command under a pseudo-terminal (util-linux `script`), typing `keys` into it.
    static func withTerminal(_ command: String, typing keys: String) throws {
        try run(script ?? "script", ["-qec", command, "/dev/null"], input: keys)
    }
}
