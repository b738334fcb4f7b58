#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Logging
import NIOCore

/// Puts a backup back into a container: verify ─► resolve the destination ─► check it is empty (or `--yes`, which
/// leaves the check out unless the tool fails) ─► stream file ─► decrypt ─► decompress ─► the engine's restore
/// tool's stdin, inside the container.
///
/// Nothing is written before the file passed ``BackupVerifier`` (checksum, layers, completeness) and the
/// destination check — or, for an engine whose restore is one transaction (PostgreSQL, one database), nothing
/// is committed before it passed: the file is then checked as it streams (``VerificationPass``) and the
/// transaction's `COMMIT` fed only at the end, once it passed; a file that fails leaves the tool stopped
/// before the end of its input and the transaction rolled back. Stdout of the tool is drained while stdin is
/// fed, so neither side can block the other; memory stays flat. A failed tool is reported with its exit code
/// and the last lines of its stderr, which for psql and mariadb name the line where it stopped. Cancellation
/// stops the tool inside the container.
///
/// The scheduled restore tests reuse ``plan(_:)`` and ``execute(_:progress:)`` with a throw-away container.
package struct RestoreRunner: Sendable {
    private let runtime: any ContainerRuntime
    private let identities: [AgeIdentity]
    private let registry: EngineRegistry
    private let logger: Logger

    /// Creates a runner; `identities` open encrypted backups (``EncryptionSettings/identities``).
    package init(
        runtime: any ContainerRuntime, identities: [AgeIdentity], registry: EngineRegistry = EngineRegistry(),
        logger: Logger = Logger(label: "baktainer", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.runtime = runtime
        self.identities = identities
        self.registry = registry
        self.logger = logger
    }

    /// Verifies the file and resolves the destination; writes nothing. This is all `--dry-run` does.
    ///
    /// With `checkWhileStreaming`, a backup with its record whose engine restores it as one transaction
    /// (``DatabaseEngine/restoreTransaction(for:)``) is not read here: only its name and sidecars are checked,
    /// and ``execute(_:progress:)`` checks its bytes as it feeds them, committing only if they pass — one read
    /// of the file instead of two. Any other backup is verified whole before this returns.
    package func plan(_ request: RestoreRequest, checkWhileStreaming: Bool = false) async throws(RestoreFailure) -> RestorePlan {
        let verifier = BackupVerifier(identities: identities, registry: registry)
        let (storage, key) =
            request.storage.map { ($0, BackupKey(request.file)) }
            ?? {
                let (local, key) = LocalBackupStorage.locate(request.file)
                return (local as any BackupStorage, key)
            }()
        func failed(_ failure: VerificationFailure) async -> RestoreFailure {
            var message = "\(failure.description); nothing was restored"
            if request.engine == nil, failure.code == .notABackup, let sidecars = try? await storage.sidecars(of: key), sidecars.exists, sidecars.record == nil
            {
                message += ". " + ManualRestore(registry: registry).instructions(for: storage.location(of: key), container: request.container)
            }
            return RestoreFailure(container: request.container ?? "-", file: request.file, code: .verification, message: message)
        }
        let declared: (any DatabaseEngine)?
        if let name = request.engine {
            guard let engine = registry.engine(named: name) else {
                throw RestoreFailure(
                    container: request.container ?? "-", file: request.file, code: .invalidTarget,
                    message: "--engine '\(name)' is not an engine; use one of \(registry.names.joined(separator: ", "))")
            }
            declared = engine
        } else {
            declared = nil
        }
        let pending: PendingVerification
        do throws(VerificationFailure) {
            pending = try await verifier.inspect(key, in: storage, declaredEngine: declared, acceptIncomplete: request.force)
        } catch {
            throw await failed(error)
        }
        /// The whole file, read and checked now.
        func verifiedWhole() async throws(RestoreFailure) -> BackupVerification {
            do throws(VerificationFailure) {
                return try await verifier.complete(pending)
            } catch {
                throw await failed(error)
            }
        }
        var streamingCheck = checkWhileStreaming && pending.record != nil && !pending.lacksKey(identities) ? pending : nil
        var verification = streamingCheck == nil ? try await verifiedWhole() : pending.unread
        let record = verification.record
        guard verification.hasRecord || request.container != nil else {
            throw RestoreFailure(
                container: "-", file: request.file, code: .invalidTarget,
                message: "a dump without its record does not say where it came from: name the destination with --to CONTAINER")
        }
        let containerName = request.container ?? record.container
        func fail(_ code: RestoreFailure.Code, _ message: String) -> RestoreFailure {
            RestoreFailure(container: containerName, file: request.file, code: code, message: "container '\(containerName)': \(message)")
        }
        guard let engine = registry.engine(named: record.engine) else {
            throw fail(.invalidTarget, "the backup's engine '\(record.engine)' is unknown")
        }
        if engine.dumpSelectsItsDatabase, verification.hasRecord, let database = request.database, database != record.database {
            throw fail(
                .invalidTarget,
                "a \(engine.identifier) dump selects its own database ('\(record.database ?? "all databases")'), so it cannot be restored into '\(database)': leave out --database, or restore into a scratch container and copy the tables"
            )
        }
        let details: ContainerInfo
        do {
            details = try await runtime.inspect(containerName)
        } catch let error as RuntimeError where error.code == .notFound {
            throw fail(.invalidTarget, "\(error.message); name the destination with --to CONTAINER")
        } catch let error as RuntimeError {
            throw fail(.docker, error.message)
        } catch {
            throw fail(.docker, "\(error)")
        }
        guard details.isRunning else {
            throw fail(.invalidTarget, "the container is \(details.state), not running: start it first")
        }
        let target = try await destination(details, record: record, hasRecord: verification.hasRecord, engine: engine, request: request)
        let command: ContainerCommand
        do {
            command = try engine.restoreCommand(for: target, force: request.force)
        } catch {
            throw RestoreFailure(container: containerName, file: request.file, code: .refused, message: error.message)
        }
        if streamingCheck != nil && engine.restoreTransaction(for: target) == nil {  // nothing would hold the bytes back: verify them first
            streamingCheck = nil
            verification = try await verifiedWhole()
        }
        var plan = RestorePlan(
            verification: verification, target: target, command: command, probe: engine.contentProbeCommand(for: target),
            create: engine.createDatabaseCommand(for: target), restartsContainer: engine.restoreRestartsContainer)
        plan.streamingCheck = streamingCheck
        return plan
    }

    /// Plans and runs a restore. `progress` hears of the dump bytes fed so far.
    package func run(
        _ request: RestoreRequest, progress: (@Sendable (BackupProgress) -> Void)? = nil
    ) async -> Result<RestoreResult, RestoreFailure> {
        do throws(RestoreFailure) {
            let plan = try await plan(request, checkWhileStreaming: true)
            // With --yes and no --create, the check could only stop a restore into a database that does not exist,
            // which the tool then fails to open anyway: it is left out (one exec fewer) and asked only to explain a
            // failure.
            let checkOnlyOnFailure = request.overwrite && !request.create && plan.probe != nil
            if !checkOnlyOnFailure { try await prepare(plan, request: request) }
            do throws(RestoreFailure) {
                return .success(try await execute(plan, progress: progress))
            } catch let failure where checkOnlyOnFailure && failure.code == .toolFailed {
                throw await missingDatabase(plan) ?? failure
            }
        } catch {
            logger.error(
                "restore failed: \(error.message)", metadata: ["container": "\(error.container)", "file": "\(error.file)", "code": "\(error.code.rawValue)"])
            return .failure(error)
        }
    }

    /// Checks that the destination may be written (empty, or `--yes`) and creates the database for `--create`.
    package func prepare(_ plan: RestorePlan, request: RestoreRequest) async throws(RestoreFailure) {
        let target = plan.target
        let what = Self.subject(target)
        func fail(_ code: RestoreFailure.Code, _ message: String) -> RestoreFailure {
            RestoreFailure(
                container: target.containerName, file: plan.verification.path, code: code, message: "container '\(target.containerName)': \(message)")
        }
        /// A tool's failure: its name, exit status and stderr (redacted), and credential advice for a refused login.
        func toolFailure(_ command: ContainerCommand, _ status: Int, _ errors: String) -> String {
            let advice = target.credentialAdvice(forToolOutput: errors).map { ". \($0)" } ?? ""
            return "\(command.program) exited \(status): \(Self.lastLines(target.redacting(toolOutput: errors, command: command)))\(advice)"
        }
        guard let probe = plan.probe else {
            guard request.overwrite || request.force else {
                throw fail(
                    .refused,
                    "Baktainer cannot tell whether \(what) is empty (\(target.engine.identifier) has no count query here); restoring may overwrite data: add --yes to restore anyway. Nothing was written"
                )
            }
            return
        }
        let (status, output, errors) = try await runSmall(probe, in: target, fail: fail)
        guard status == 0 else {
            throw fail(
                .invalidTarget,
                "cannot check \(what) before restoring: \(toolFailure(probe, status, errors)). Nothing was written"
            )
        }
        let answer = Self.answer(output)
        if answer == "missing" {
            guard let create = plan.create else { return }  // the dump creates it
            guard request.create else { throw fail(.invalidTarget, Self.missing(what)) }
            let (status, _, errors) = try await runSmall(create, in: target, fail: fail)
            guard status == 0 else {
                throw fail(.toolFailed, "cannot create \(what): \(toolFailure(create, status, errors))")
            }
            logger.info("created \(what)", metadata: ["container": "\(target.containerName)"])
            return
        }
        guard let count = Int(answer) else {
            throw fail(.invalidTarget, "cannot check \(what) before restoring: unexpected answer '\(answer.prefix(80))'. Nothing was written")
        }
        if count > 0 && !request.overwrite {
            let item = target.database == nil || target.allDatabases ? "database" : "table"
            let items = count == 1 ? item : item + "s"
            throw fail(.refused, "\(what) already holds \(count) \(items); restoring would overwrite them: add --yes to restore anyway. Nothing was written")
        }
    }

    /// Streams the verified file into the restore tool and, for engines that need it, restarts the container.
    package func execute(_ plan: RestorePlan, progress: (@Sendable (BackupProgress) -> Void)? = nil) async throws(RestoreFailure) -> RestoreResult {
        let target = plan.target
        let path = plan.verification.path
        func fail(_ code: RestoreFailure.Code, _ message: String) -> RestoreFailure {
            RestoreFailure(container: target.containerName, file: path, code: code, message: "container '\(target.containerName)': \(message)")
        }
        logger.info("restore started", metadata: ["container": "\(target.containerName)", "file": "\(path)", "engine": "\(target.engine.identifier)"])
        let started = ContinuousClock.now
        var feeder = RestoreFeeder(
            key: plan.verification.key, storage: plan.verification.storage, layers: plan.verification.layers, identities: identities,
            container: target.containerName, progress: progress)
        feeder.transaction = plan.transaction
        feeder.check = plan.streamingCheck
        /// What a tool stopped before the end of its input left behind.
        let stoppedEarly =
            plan.transaction == nil
            ? "the tool was stopped before the end of its input, the database may be partly restored"
            : "the tool was stopped inside its transaction, which was never committed: nothing was restored"
        let outcome: RestoreStream.Outcome
        do {
            outcome = try await RestoreStream(runtime: runtime).run(plan.command, in: target.containerID, feeder: feeder)
        } catch  where Task.isCancelled {
            throw fail(.cancelled, "the restore was cancelled; the tool was stopped inside the container, the database may be partly restored")
        } catch let error as RuntimeError {
            throw fail(.docker, "\(error.message); the database may be partly restored")
        } catch let error as VerificationFailure {
            throw Self.uncommitted(error, container: target.containerName)
        } catch let error as StorageError {
            throw fail(.storage, "reading the backup failed: \(error.message); \(stoppedEarly)")
        } catch let error as LayeredDecoder.LayerError {
            throw fail(
                .storage, "the \(error.layer.displayName) layer of \(path) failed after it was verified (was the file changed?): \(error); \(stoppedEarly)")
        } catch {
            throw fail(.docker, "\(error); the database may be partly restored")
        }
        progress?(BackupProgress(container: target.containerName, bytes: outcome.fed ?? 0, isFinished: true))
        let tool = plan.command.program
        let errors = Self.lastLines(target.redacting(toolOutput: outcome.termination.stderrTail, command: plan.command))
        guard outcome.termination.exitCode == 0 else {
            if let pending = plan.streamingCheck {  // a damaged file, not the tool, may be why it failed: say so
                do throws(VerificationFailure) {
                    _ = try await BackupVerifier(identities: identities, registry: registry).complete(pending)
                } catch {
                    throw Self.uncommitted(error, container: target.containerName)
                }
            }
            let advice = target.credentialAdvice(forToolOutput: outcome.termination.stderrTail).map { ". \($0)" } ?? ""
            throw fail(
                .toolFailed,
                "\(tool) exited \(outcome.termination.exitCode) after \(outcome.fed ?? 0) bytes of \(plan.verification.dumpBytes): \(errors)\(advice)")
        }
        if outcome.termination.stderrTail.contains("ERROR:") {
            // A tool that does not stop at errors (psql for a pg_dumpall dump) exits 0 even when statements failed.
            logger.warning(
                "\(tool) reported errors and went on; check them: \(errors)",
                metadata: ["container": "\(target.containerName)", "file": "\(path)"])
        }
        if let error = outcome.feedError {
            throw fail(
                error is StorageError ? .storage : .toolFailed,
                "\(tool) exited 0 but the backup could not be fed to the end (\(error)); the database may be partly restored")
        }
        if plan.restartsContainer {
            do {
                try await runtime.restartContainer(target.containerID)
            } catch {
                throw fail(.docker, "the data was replaced but restarting the container failed: \(error); restart it by hand")
            }
        }
        let elapsed = ContinuousClock.now - started
        let seconds = elapsed.timeInterval
        logger.info("restore finished", metadata: ["container": "\(target.containerName)", "file": "\(path)", "bytes": "\(outcome.fed ?? 0)"])
        return RestoreResult(container: target.containerName, database: target.database, file: path, bytes: outcome.fed ?? 0, durationSeconds: seconds)
    }

    /// The destination as a ``BackupTarget``: the backup's engine and database (or `--database`), credentials
    /// from the container's labels, else from its image's environment (as for backups).
    private func destination(
        _ details: ContainerInfo, record: BackupRecord, hasRecord: Bool, engine: any DatabaseEngine, request: RestoreRequest
    ) async throws(RestoreFailure) -> BackupTarget {
        let name = details.name
        if let labelled = details.labels[BackupLabel.engine], !labelled.isEmpty, registry.engine(named: labelled) == nil {
            throw RestoreFailure(
                container: name, file: request.file, code: .invalidTarget,
                message:
                    "container '\(name)': it is labelled \(BackupLabel.engine)=\(labelled), which is not an engine, but the backup is a \(engine.identifier) dump: restore into a \(engine.identifier) container"
            )
        }
        if let recognized = registry.recognize(details), !engine.canRestore(into: recognized.engine) {
            throw RestoreFailure(
                container: name, file: request.file, code: .invalidTarget,
                message:
                    "container '\(name)' is a \(recognized.engine.identifier) container (\(recognized.evidence)) but the backup is a \(engine.identifier) dump: restore into a \(engine.identifier) container with --to. Nothing was run"
            )
        }
        var labels: [String: String] = [BackupLabel.engine: engine.identifier, BackupLabel.name: "restore"]
        for key in [BackupLabel.user, BackupLabel.password, BackupLabel.passwordFile] {
            if let value = details.labels[key] { labels[key] = value }
        }
        if let database = request.database ?? record.database {
            labels[BackupLabel.database] = database
        } else if engine.hasDatabases && hasRecord {
            labels[BackupLabel.allDatabases] = "true"
        }  // a dump without its record and no --database: the destination's own database (its image's variables)
        var resolvable = details
        resolvable.labels = labels
        let runtime = self.runtime
        let resolved = await TargetResolver(registry: registry).resolve(resolvable) { path in
            try await runtime.readSmallFile(path, in: details.id)
        }
        switch resolved {
        case .success(let target): return target
        case .failure(let error):
            throw RestoreFailure(
                container: name, file: request.file, code: .invalidTarget,
                message: "\(error.description); give the destination the labels it needs, or pass --database")
        }
    }

    /// After the tool failed with the check left out: the failure to report instead when the database it was to
    /// open does not exist (the content probe says so), else nil.
    private func missingDatabase(_ plan: RestorePlan) async -> RestoreFailure? {
        let (target, path) = (plan.target, plan.verification.path)
        // A probe that cannot run explains nothing: the tool's own failure stands.
        let unanswered = { (code: RestoreFailure.Code, message: String) in
            RestoreFailure(container: target.containerName, file: path, code: code, message: message)
        }
        guard let probe = plan.probe, plan.create != nil, let (status, output, _) = try? await runSmall(probe, in: target, fail: unanswered),
            status == 0, Self.answer(output) == "missing"
        else { return nil }
        return RestoreFailure(
            container: target.containerName, file: path, code: .invalidTarget,
            message: "container '\(target.containerName)': \(Self.missing(Self.subject(target)))")
    }

    /// What a restore writes into, for messages: `database 'shop'`, or `the server`.
    private static func subject(_ target: BackupTarget) -> String {
        target.database.map { "database '\($0)'" } ?? "the server"
    }

    /// The first word of a content probe's output: a table count, or `missing`.
    private static func answer(_ output: String) -> String {
        output.split(whereSeparator: \.isWhitespace).first.map(String.init) ?? ""
    }

    /// Why a restore into a database that does not exist did not happen, and what to do.
    private static func missing(_ what: String) -> String {
        "\(what) does not exist: add --create to create it, or name another with --database. Nothing was written"
    }

    /// Runs a short command and collects its exit status, output (at most 64 KiB) and stderr tail.
    private func runSmall(
        _ command: ContainerCommand, in target: BackupTarget, fail: (RestoreFailure.Code, String) -> RestoreFailure
    ) async throws(RestoreFailure) -> (Int, String, String) {
        do {
            let (exit, output) = try await runtime.runCollecting(command, in: target.containerID)
            return (exit.exitCode, output, exit.stderrTail)
        } catch let error as RuntimeError {
            throw fail(.docker, error.message)
        } catch {
            throw fail(.docker, "\(error)")
        }
    }

    /// A file that failed the check made as it streamed: its transaction was never committed.
    private static func uncommitted(_ failure: VerificationFailure, container: String) -> RestoreFailure {
        RestoreFailure(
            container: container, file: failure.path, code: .verification,
            message:
                "\(failure.description); it was checked as it streamed into one transaction, which was never committed and rolled back: nothing was restored"
        )
    }

    /// The last few lines of a stderr tail, for a one-paragraph message.
    static func lastLines(_ text: String) -> String {
        let lines = text.lastLines()
        return lines.isEmpty ? "(no error output)" : lines
    }
}
