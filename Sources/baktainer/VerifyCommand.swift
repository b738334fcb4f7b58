import ArgumentParser
import BaktainerCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `baktainer verify`: proves that backup files come back — checksum, every layer, the engine's own check.
struct VerifyCommand: ConfiguredCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check backup files: checksum against <file>.sha256, decryption and decompression to the end, and the engine's completeness check.",
        discussion: """
            Encrypted (.age) files are opened with BT_AGE_IDENTITY_FILE (or BT_AGE_PASSPHRASE); without a key \
            they pass on their checksum, size and age header ("ok (checksum)"). Prints one row per \
            file and exits 1 naming each bad file. Reads the files only; talks to no container. \
            With --restore-test NAME: restores NAME's newest backup into a throw-away container started from the \
            source database's image, compares the row count of every table with the counts taken at backup time, \
            and removes the container (postgres, mysql, mariadb).
            """)

    @Flag(help: "Verify every backup in BT_BACKUP_DIR (or in --destination).")
    var all = false

    @Option(
        help: "With --all or --restore-test: the backups stored in this destination (local, s3, sftp), streamed, nothing written here.")
    var destination = "local"

    @Argument(help: "Backup files to verify.")
    var files: [String] = []

    @Option(name: .customLong("restore-test"), parsing: .upToNextOption, help: "Restore-test the newest backup of these targets (backup or container names).")
    var restoreTest: [String] = []

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if !restoreTest.isEmpty {
            if all || !files.isEmpty { throw ValidationError("--restore-test takes target names, not files or --all") }
            return
        }
        if all == !files.isEmpty { throw ValidationError("name backup files to verify, or pass --all (not both)") }
        if !all && destination != "local" { throw ValidationError("--destination goes with --all or --restore-test: files are local") }
    }

    func run(configuration: BaktainerConfiguration) async throws {
        if !restoreTest.isEmpty { return try await runRestoreTests(configuration) }
        try await ConfiguredDestinations.with(configuration) { try await verify(configuration, destinations: $0) }
    }

    /// `--all` or files: one row per backup; exits 1 when any is bad.
    private func verify(_ configuration: BaktainerConfiguration, destinations: ConfiguredDestinations) async throws {
        let encryption = configuration.pipeline.encryption
        var backups: [(any BackupStorage, BackupKey)] = files.map { path in
            let (storage, key) = LocalBackupStorage.locate(path)
            return (storage, key)
        }
        var problems: [String] = []
        do {
            if all {
                let settings = configuration.backup
                let storage = try destinations.storage(named: destination, local: LocalBackupStorage(root: settings.backupDirectory))
                let catalog = try await storage.list()
                backups = catalog.entries.map { (storage, $0.key) }
                problems += catalog.warnings.map { "\($0.path): \($0.message)" }
                // Not a bad backup, so not a failure of verify; but never silent.
                for stale in catalog.staleFiles { LineLogHandler.standardError("warning: \(stale)\n") }
                if backups.isEmpty && problems.isEmpty {
                    print(destination == "local" ? "no backups in \(settings.backupDirectory) (BT_BACKUP_DIR)" : "no backups in the destination \(destination)")
                }
            }
        } catch {
            throw error as? CommandFailure ?? CommandFailure((error as? StorageError)?.message ?? "cannot read the backup directory: \(error)")
        }
        // The backup host need not hold the key: without one, an encrypted file is checked as far as it can be.
        let verifier = BackupVerifier(identities: encryption.identities, requireKey: false)
        var rows: [[String]] = []
        for (storage, key) in backups {
            let path = storage.location(of: key)
            switch await verifier.verify(key, in: storage) {
            case .success(let result) where result.unopened != nil:
                rows.append([
                    path, "ok (checksum)",
                    "checksum ok, \(result.storedBytes) bytes as recorded, \(result.unopened ?? ""); encrypted layer not opened: no key (set BT_AGE_IDENTITY_FILE, or BT_AGE_PASSPHRASE, to check the dump inside)",
                ])
            case .success(let result):
                let layers = result.layers.isEmpty ? "" : result.layers.map(\.displayName).joined(separator: "+") + ", "
                rows.append([path, "ok", "checksum ok, \(layers)\(result.record.engine) dump complete (\(result.dumpBytes) bytes)"])
            case .failure(let failure):
                rows.append([path, failure.code.rawValue, failure.message])
                problems.append(failure.description)
            }
        }
        if !rows.isEmpty && (!output.quiet || !problems.isEmpty) {
            print(TextTable(header: ["FILE", "RESULT", "DETAIL"], rows: rows).rendered())
        }
        for problem in problems { LineLogHandler.standardError("bad: \(problem)\n") }
        if !problems.isEmpty { throw ExitCode(1) }
    }

    /// `--restore-test NAME…`: one row per target; exits 1 when any failed (an engine without restore tests is
    /// `unsupported`, not a failure).
    private func runRestoreTests(_ configuration: BaktainerConfiguration) async throws {
        try await ConfiguredDestinations.with(configuration) { try await runRestoreTests(configuration, destinations: $0) }
    }

    private func runRestoreTests(_ configuration: BaktainerConfiguration, destinations: ConfiguredDestinations) async throws {
        let pipeline = configuration.pipeline
        let logger = output.logger(configuration)
        let storage = try destinations.storage(named: destination, local: CommandEnvironment.storage(configuration))
        let runtime = try await CommandEnvironment.connect(configuration)
        let tester = RestoreTest(
            runtime: runtime, restorer: RestoreRunner(runtime: runtime, identities: pipeline.encryption.identities, logger: logger),
            storage: storage, logger: logger)
        var rows: [[String]] = []
        var failed = false
        for name in restoreTest {
            switch await tester.run(name: name) {
            case .success(let report):
                rows.append([name, "ok", report.file, report.summary])
            case .failure(let failure) where failure.isUnsupported:
                rows.append([name, "unsupported", failure.file ?? "-", failure.message])
            case .failure(let failure):
                rows.append([name, "failed", failure.file ?? "-", failure.message])
                failed = true
            }
        }
        if !output.quiet || failed { print(TextTable(header: ["TARGET", "RESULT", "FILE", "DETAIL"], rows: rows).rendered()) }
        if failed { throw ExitCode(1) }
    }
}
