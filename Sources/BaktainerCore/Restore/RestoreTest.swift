#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Logging

/// Proves that a backup comes back: restores the latest backup of a target into a throw-away container started
/// from the source database's image, counts the rows of every table there and compares them with the counts
/// taken right after the dump (``BackupRecord/tableCounts``). The container is removed afterwards, on failure
/// too.
///
/// The throw-away container gets the source's environment (so the image initialises the same users,
/// passwords and database) and its `baktainer.db.*` labels, but never `baktainer.backup`, so no Baktainer
/// backs it up; it carries `baktainer.restore-test=<source>` and runs without network. Engines: postgres (one
/// database), mysql, mariadb. Password files mounted into the source (`/run/secrets/…`) are not mounted into
/// the copy: such targets cannot be restore-tested.
package struct RestoreTest: Sendable {
    /// The label that marks throw-away containers.
    package static let label = "baktainer.restore-test"

    private let runtime: any ContainerRuntime
    private let restorer: RestoreRunner
    private let storage: any BackupStorage
    private let registry: EngineRegistry
    private let readinessTimeout: Duration
    private let logger: Logger

    /// Creates a restore test of the backups in `storage`, restoring with `restorer` through `runtime`.
    package init(
        runtime: any ContainerRuntime, restorer: RestoreRunner, storage: any BackupStorage, registry: EngineRegistry = EngineRegistry(),
        readinessTimeout: Duration = .seconds(180),
        logger: Logger = Logger(label: "baktainer", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.runtime = runtime
        self.restorer = restorer
        self.storage = storage
        self.registry = registry
        self.readinessTimeout = readinessTimeout
        self.logger = logger
    }

    /// Restore-tests the newest backup of `name` (a backup name or the container it came from).
    package func run(name: String) async -> Result<RestoreTestReport, RestoreTestFailure> {
        let catalog: BackupCatalog
        do {
            catalog = try await storage.list()
        } catch {
            return .failure(RestoreTestFailure(target: name, file: nil, message: "cannot read the backups: \((error as? StorageError)?.message ?? "\(error)")"))
        }
        guard let entry = catalog.latest(named: name) else {
            return .failure(
                RestoreTestFailure(
                    target: name, file: nil,
                    message: "no backup of '\(name)' in \(storage.location(of: BackupKey("")))\(storage.name == "local" ? " (BT_BACKUP_DIR)" : "")"))
        }
        return await run(entry)
    }

    /// Restore-tests one backup.
    package func run(_ entry: CatalogEntry) async -> Result<RestoreTestReport, RestoreTestFailure> {
        let record = entry.record
        let target = entry.stream.backupName
        var logger = self.logger
        logger[metadataKey: "container"] = "\(record.container)"
        logger[metadataKey: "engine"] = "\(record.engine)"
        func fail(_ message: String) -> Result<RestoreTestReport, RestoreTestFailure> {
            logger.error("restore test failed: \(message)", metadata: ["file": "\(entry.location)"])
            return .failure(RestoreTestFailure(target: target, file: entry.location, message: message))
        }
        guard let engine = registry.engine(named: record.engine), engine.supportsRestoreTest else {
            let supported = registry.names.filter { registry.engine(named: $0)?.supportsRestoreTest == true }
            let message = "restore tests support \(supported.joined(separator: ", ")), not \(record.engine); its backups are checked by `baktainer verify`"
            logger.info("restore test unsupported: \(message)", metadata: ["file": "\(entry.location)"])
            return .failure(RestoreTestFailure(target: target, file: entry.location, message: message, isUnsupported: true))
        }
        let source: ContainerInfo
        do {
            source = try await runtime.inspect(record.container)
        } catch {
            return fail("the source container '\(record.container)' is needed for its image and environment: \(error)")
        }
        let name = "baktainer-restore-test-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
        var labels = source.labels.filter { $0.key.hasPrefix("baktainer.db.") }
        labels[Self.label] = source.name
        let started = ContinuousClock.now
        logger.info("restore test started", metadata: ["file": "\(entry.location)", "scratch": "\(name)"])
        let id: String
        do {
            id = try await runtime.runContainer(ThrowawayContainer(name: name, image: source.imageID, environment: source.environment, labels: labels))
        } catch {
            return fail("cannot start a throw-away container from the image of '\(source.name)': \(error)")
        }
        let outcome = await test(entry, engine: engine, in: id)
        do {
            try await runtime.removeContainer(id)
        } catch {
            logger.warning("cannot remove the throw-away container \(name): \(error); remove it by hand (label \(Self.label))")
        }
        switch outcome {
        case .success(let counts):
            let elapsed = ContinuousClock.now - started
            let report = RestoreTestReport(
                target: target, file: entry.location, tables: counts.count, rows: counts.values.reduce(0, +),
                compared: record.tableCounts != nil, durationSeconds: Double(elapsed.components.seconds))
            logger.info("restore test passed: \(report.summary)", metadata: ["file": "\(entry.location)"])
            return .success(report)
        case .failure(let reason):
            return fail(reason.message)
        }
    }

    /// Waits for the scratch server, restores into it and compares the counts: the counts, or why not.
    private func test(_ entry: CatalogEntry, engine: any DatabaseEngine, in id: String) async -> Result<[String: Int], Reason> {
        let record = entry.record
        guard await waitUntilReady(id, engine: engine) else {
            return .failure(Reason("the throw-away server did not answer within \(readinessTimeout)"))
        }
        var request = RestoreRequest(file: entry.key.rawValue, container: id, create: true)
        request.storage = storage
        let plan: RestorePlan
        do {
            plan = try await restorer.plan(request)
            try await restorer.prepare(plan, request: request)
            _ = try await restorer.execute(plan)
        } catch {
            return .failure(Reason("the restore failed: \(error.message)"))
        }
        let counts: [String: Int]
        do {
            counts = try await TableInventory.take(of: plan.target, in: id, runtime: runtime) ?? [:]
        } catch {
            return .failure(Reason("counting the restored tables failed: \(error)"))
        }
        // Every table the dump holds must come back with its rows. Tables the dump does not hold (an extension's
        // own, created by CREATE EXTENSION in the fresh server) are not the backup's to prove.
        if let expected = record.tableCounts, expected.contains(where: { counts[$0.key] != $0.value }) {
            let differences = expected.keys.sorted().filter { expected[$0] != counts[$0] }.prefix(5).map {
                "\($0): \(expected[$0].map(String.init) ?? "absent") at backup, \(counts[$0].map(String.init) ?? "absent") restored"
            }
            return .failure(Reason("the restored data differs from the backup's table counts: \(differences.joined(separator: "; "))"))
        }
        return .success(counts)
    }

    /// Why a restore test failed, before it is tied to a target and file.
    private struct Reason: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    /// Polls the server over TCP inside the container (the images' initialisation servers listen on the socket
    /// only, so an answer means the real server is up).
    private func waitUntilReady(_ id: String, engine: any DatabaseEngine) async -> Bool {
        guard let probe = engine.readinessProbe else { return true }
        let deadline = ContinuousClock.now + readinessTimeout
        while ContinuousClock.now < deadline {
            let answered = try? await runtime.withExec(probe, in: id) { exec in try await exec.wait().exitCode == 0 }
            if answered == true { return true }
            do { try await Task.sleep(for: .milliseconds(500)) } catch { return false }
        }
        return false
    }
}
