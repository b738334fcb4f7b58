import ArgumentParser
import BaktainerCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `baktainer restore`: puts a backup back into a container, streaming it through decryption and decompression
/// into the engine's restore tool inside the container.
struct RestoreCommand: ConfiguredCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a backup file (or the latest backup of a target) into a container.",
        discussion: """
            Before writing anything the file is verified (checksum, layers, completeness) and the destination is \
            checked: a database that already holds tables needs --yes, a missing one --create. postgres: psql \
            (stops at the first error, one transaction); mysql/mariadb: the mariadb/mysql client; sqlite: a new \
            file swapped in atomically (refused while the database is open, unless --force); redis: needs --force \
            (replaces the RDB file and restarts the container); mongodb: mongorestore --archive --drop. \
            A dump without its .json record is restored only with --engine (and --to); its layers come from its \
            name or content, its checksum from a .sha256 beside it if there is one.
            """)

    @Argument(help: "A backup file, or a backup/container name with --latest or --date.")
    var source: String

    @Option(help: "The container to restore into (default: the one the backup came from).")
    var to: String?

    @Option(help: "The database to restore into (sqlite: the file path inside the container; default: the backup's).")
    var database: String?

    @Flag(help: "With a name: the newest backup.")
    var latest = false

    @Option(help: "With a name: the newest backup of that UTC day (YYYY-MM-DD).")
    var date: String?

    @Flag(help: "Create the database when it does not exist.")
    var create = false

    @Flag(help: "Restore even if the database already holds tables.")
    var yes = false

    @Flag(
        help: "Restore into an open SQLite database; replace a Redis RDB file and restart the container; with --engine, a dump without its completion marker.")
    var force = false

    @Option(
        help: "The engine of a dump without its .json record (copied alone, made by hand or by the Ruby Baktainer): postgres, mysql, mariadb, …; needs --to.")
    var engine: String?

    @Option(help: "With a name: take the backup from this destination (local, s3), streamed from there.")
    var from = "local"

    @Flag(help: "Verify and show what would run (secrets masked); write nothing.")
    var dryRun = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if latest && date != nil { throw ValidationError("use --latest or --date, not both") }
        if engine != nil && to == nil { throw ValidationError("--engine needs --to CONTAINER: a dump without its record does not say where it came from") }
        if let date, !BackupFileName.isDateDirectoryName(date) { throw ValidationError("--date '\(date)' is not a date: use YYYY-MM-DD") }
    }

    func run(configuration: BaktainerConfiguration) async throws {
        try await ConfiguredDestinations.with(configuration) { try await run(configuration, destinations: $0) }
    }

    private func run(_ configuration: BaktainerConfiguration, destinations: ConfiguredDestinations) async throws {
        let (storage, file) = try await resolveFile(configuration.backup, destinations: destinations)
        let logger = output.logger(configuration)
        let runtime = try await CommandEnvironment.connect(configuration)
        let runner = RestoreRunner(runtime: runtime, identities: configuration.pipeline.encryption.identities, logger: logger)
        var request = RestoreRequest(file: file, container: to, database: database, create: create, overwrite: yes, force: force)
        request.storage = storage
        request.engine = engine
        if dryRun {
            do {
                let plan = try await runner.plan(request)
                print("dry run, nothing is written:")
                for step in plan.steps { print("  \(step)") }
            } catch {
                throw CommandFailure(error.message)
            }
            return
        }
        let progress = ProgressLine(enabled: !output.quiet)
        switch await runner.run(request, progress: progress.report) {
        case .success(let result):
            if !output.quiet {
                print(
                    "restored \(result.file) into container '\(result.container)'\(result.database.map { " (\($0))" } ?? ""): \(result.bytes) bytes in \(String(format: "%.1f", result.durationSeconds)) s"
                )
            }
        case .failure(let failure):
            throw CommandFailure("restore failed: \(failure.message)")
        }
    }

    /// The backup: the file `source` itself, or the newest catalog entry of the name `source` in the backup
    /// directory or in the destination `--from` (then with that storage: the backup is streamed from there).
    private func resolveFile(_ settings: BackupSettings, destinations: ConfiguredDestinations) async throws -> ((any BackupStorage)?, String) {
        guard latest || date != nil else {
            guard from == "local" else { throw CommandFailure("--from \(from) takes a backup name with --latest or --date YYYY-MM-DD") }
            guard source.contains("/") || FileManager.default.fileExists(atPath: source) else {
                throw CommandFailure("'\(source)' is not a file: pass a backup file, or a backup name with --latest or --date YYYY-MM-DD")
            }
            return (nil, source)
        }
        let storage = try destinations.storage(named: from, local: LocalBackupStorage(root: settings.backupDirectory))
        let catalog: BackupCatalog
        do {
            catalog = try await storage.list()
        } catch {
            throw CommandFailure((error as? StorageError)?.message ?? "cannot read the backup directory: \(error)")
        }
        guard let entry = catalog.latest(named: source, onDay: date) else {
            let place = from == "local" ? "\(settings.backupDirectory) (BT_BACKUP_DIR)" : "destination \(from)"
            throw CommandFailure("no backup of '\(source)'\(date.map { " on \($0)" } ?? "") in \(place)")
        }
        return from == "local" ? (nil, entry.location) : (storage, entry.key.rawValue)
    }
}
