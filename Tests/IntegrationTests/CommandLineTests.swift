import Foundation
import Testing

/// The command line as a user first meets it: no subcommand, a mistyped one, `keygen -o`. Needs no Docker engine.
@Suite struct CommandLineTests {
    @Test func noSubcommandPrintsTheHelpToStandardErrorAndFails() async throws {
        let outcome = try await BaktainerProcess.run([])
        #expect(outcome.status == 64)
        #expect(outcome.output.isEmpty)
        #expect(outcome.errors.contains("SUBCOMMANDS:"), "\(outcome.errors)")
    }

    @Test func aMistypedSubcommandGetsTheClosestOne() async throws {
        let outcome = try await BaktainerProcess.run(["bakup", "shop-db"])
        #expect(outcome.status == 64)
        #expect(outcome.errors.contains("'bakup' is not a baktainer command (did you mean backup?)"), "\(outcome.errors)")
        let far = try await BaktainerProcess.run(["zzzzzz"])
        #expect(far.status == 64)
        #expect(!far.errors.contains("did you mean"), "\(far.errors)")
        #expect(far.errors.contains("the commands are run, backup, restore"), "\(far.errors)")
    }

    @Test func keygenWritesTheIdentityToANewFileReadableByItsOwnerOnly() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bt-key-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let outcome = try await BaktainerProcess.run(["keygen", "-o", path])
        #expect(outcome.status == 0, "\(outcome.errors)")
        let key = try String(contentsOfFile: path, encoding: .utf8)
        #expect(key.contains("AGE-SECRET-KEY-1"))
        #expect(!outcome.output.contains("AGE-SECRET-KEY"), "the identity went to standard output")
        let recipient = try #require(outcome.output.split(separator: " ").last).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(recipient.hasPrefix("age1") && key.contains("# public key: \(recipient)"))
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)

        let again = try await BaktainerProcess.run(["keygen", "-o", path])
        #expect(again.status != 0)
        #expect(again.errors.contains("never overwrites a key"), "\(again.errors)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == key)
    }
}
