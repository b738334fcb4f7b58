#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Crypto
#if canImport(Glibc)
import Glibc
#endif
import DockerEngineAPI
import Logging
import NIOCore

/// Dumps one target into one verified file: exec ─► demultiplex ─► compress ─► encrypt ─► SHA-256 ─►
/// `<file>.partial` ─► fsync ─► rename, then the `sha256sum -c` sidecar and the JSON record, then retention for
/// the target's stream.
///
/// Every stage pulls: a piece is compressed, encrypted and written before the next is read from the exec, so
/// memory stays flat and a slow disk slows the dump. The completeness checks look at the dump itself; the
/// checksum covers the file as stored.
///
/// A file is kept only if the tool exited 0, the stream ended cleanly and the engine's completeness check
/// passed; otherwise the partial file is removed and a ``BackupFailure`` says why, with the tool's stderr
/// tail (secrets redacted). Cancellation also removes the partial file and stops the tool in the container.
package struct BackupRunner: Sendable {
    private let client: DockerClient
    private let registry: EngineRegistry
    private let layout: BackupLayout
    private let settings: PipelineSettings
    private let logger: Logger
    /// The version written into records.
    package static let version = "0.1.0"

    /// Creates a runner writing under `layout`, logging each run's start and end to `logger`.
    package init(
        client: DockerClient, layout: BackupLayout, registry: EngineRegistry = EngineRegistry(), settings: PipelineSettings = PipelineSettings(),
        logger: Logger = Logger(label: "baktainer", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.client = client
        self.layout = layout
        self.registry = registry
        self.settings = settings
        self.logger = logger
    }

    /// Backs up `target` now for the stream `schedule`; returns the record of the kept file or the reason there
    /// is none. `progress`, when given, hears of every piece written and of the end.
    package func run(
        _ target: BackupTarget, schedule: String = BackupSchedule.defaultName, now: Date = Date(),
        progress: (@Sendable (BackupProgress) -> Void)? = nil
    ) async -> Result<BackupRecord, BackupFailure> {
        var logger = self.logger
        if schedule != BackupSchedule.defaultName { logger[metadataKey: "schedule"] = "\(schedule)" }
        logger[metadataKey: "container"] = "\(target.containerName)"
        logger[metadataKey: "engine"] = "\(target.engine)"
        logger[metadataKey: "run"] = "\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
        logger.info("backup started")
        let outcome = await attempt(target, schedule: schedule, now: now, progress: progress, logger: logger)
        progress?(BackupProgress(container: target.containerName, bytes: (try? outcome.get().size) ?? 0, isFinished: true))
        switch outcome {
        case .success(let record):
            logger.info(
                "backup finished",
                metadata: ["file": "\(record.file)", "bytes": "\(record.size)", "seconds": "\((record.durationSeconds * 1000).rounded() / 1000)", "sha256": "\(record.sha256)"])
            enforceRetention(for: target, schedule: schedule, now: now, logger: logger)
        case .failure(let failure) where failure.code == .cancelled:
            logger.warning("backup cancelled: \(failure.message)", metadata: ["code": "\(failure.code.rawValue)"])
        case .failure(let failure):
            logger.error("backup failed: \(failure.message)", metadata: ["code": "\(failure.code.rawValue)"])
        }
        return outcome
    }

    private func attempt(
        _ target: BackupTarget, schedule: String, now: Date, progress: (@Sendable (BackupProgress) -> Void)?, logger: Logger
    ) async -> Result<BackupRecord, BackupFailure> {
        let started = ContinuousClock.now
        let failure = { (code: BackupFailure.Code, message: String) in
            BackupFailure(container: target.containerName, code: code, message: target.redacting(message))
        }
        guard let engine = registry.engine(named: target.engine) else {
            return .failure(failure(.invalidTarget, "baktainer.db.engine '\(target.engine)' is not an engine; use one of \(registry.names.joined(separator: ", "))"))
        }
        let command: ExecCommand
        do {
            command = try engine.dumpCommand(for: target)
        } catch {
            return .failure(failure(.invalidTarget, error.message))
        }
        var chain: TransformChain
        let compression: Compression
        do {
            compression = try settings.compression.compression(forLabels: target.labels)
            var stages: [any ByteStreamTransform] = []
            if let compressor = try compression.makeCompressor() { stages.append(compressor) }
            if settings.encryption.isEnabled { stages.append(try AgeEncryptor(recipients: settings.encryption.recipients)) }
            chain = TransformChain(stages)
        } catch {
            return .failure(failure(.invalidTarget, "\(error)"))
        }
        let name = schedule == BackupSchedule.defaultName ? target.backupName : "\(target.backupName)-\(schedule)"
        let path = layout.path(name: name, fileExtension: settings.fileExtension(of: engine, compression: compression), date: now)
        let writer: AtomicFileWriter
        do {
            try Self.createDirectory(layout.directory(for: now), root: layout.root)
            try settings.minimumFreeSpace?.check(directory: layout.root)
            writer = try await AtomicFileWriter(path: path)
        } catch {
            rmdir(layout.directory(for: now))  // only if this left it empty
            return .failure(failure(.storage, "\(error)"))
        }
        do {
            var hasher = SHA256()
            var tail = [UInt8]()
            var head = [UInt8]()
            var dumped = 0
            var stored = 0
            var rowCounter = engine.rowCounter(for: target)
            func store(_ buffer: ByteBuffer) async throws {
                guard buffer.readableBytes > 0 else { return }
                buffer.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
                try await writer.write(buffer)
                stored += buffer.readableBytes
            }
            let termination = try await client.withExec(command, inContainer: target.containerID) { session in
                for try await buffer in session.stdout {
                    if head.count < 16 { head.append(contentsOf: buffer.readableBytesView.prefix(16 - head.count)) }
                    tail.append(contentsOf: buffer.readableBytesView.suffix(4096))
                    if tail.count > 8192 { tail.removeFirst(tail.count - 4096) }
                    buffer.withUnsafeReadableBytes { rowCounter?.consume($0) }
                    try await store(try chain.transform(buffer))
                    dumped += buffer.readableBytes
                    progress?(BackupProgress(container: target.containerName, bytes: dumped))
                }
                return try await session.wait()
            }
            guard termination.exitCode == 0 else {
                await writer.discard()
                return .failure(failure(.dumpFailed, "\(command.arguments.first ?? "dump") exited \(termination.exitCode): \(termination.stderrTail.lastLines())"))
            }
            guard termination.stdoutByteCount > 0, engine.acceptsHead(head), engine.isComplete(dumpTail: tail, size: termination.stdoutByteCount) else {
                await writer.discard()
                return .failure(failure(.incompleteDump, "the \(engine.identifier) dump failed its completeness check (format header or completion marker missing, \(termination.stdoutByteCount) bytes); nothing was kept. \(termination.stderrTail.lastLines())"))
            }
            try await store(try chain.finish())
            try await writer.commit()
            let digest = hasher.finalize().map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
            let elapsed = ContinuousClock.now - started
            var record = BackupRecord(
                container: target.containerName, engine: engine.identifier, database: target.database, file: path,
                size: stored, sha256: digest,
                durationSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                exitCode: 0, startedAt: now.timeIntervalSince1970, baktainerVersion: Self.version, backupName: target.backupName,
                schedule: schedule == BackupSchedule.defaultName ? nil : schedule)
            record.dumpSize = termination.stdoutByteCount
            record.compression = compression.name
            record.encrypted = settings.encryption.isEnabled
            record.tableCounts = rowCounter?.counts()
            try await Self.writeSidecars(record)
            return .success(record)
        } catch where Task.isCancelled {
            await writer.discard()
            return .failure(failure(.cancelled, "the backup was cancelled (shutdown); the partial file was removed and the dump stopped"))
        } catch let error as DockerError {
            await writer.discard()
            let code: BackupFailure.Code = [.noSuchContainer, .containerNotRunning, .streamTruncated].contains(error.code) ? .containerGone : .docker
            return .failure(failure(code, error.message))
        } catch let error as StorageError {
            await writer.discard()
            return .failure(failure(.storage, error.message))
        } catch let error as CompressionError {
            await writer.discard()
            return .failure(failure(.pipeline, "compression failed: \(error.message)"))
        } catch let error as AgeError {
            await writer.discard()
            return .failure(failure(.pipeline, "encryption failed: \(error.message)"))
        } catch {
            await writer.discard()
            return .failure(failure(.docker, "\(error)"))
        }
    }

    /// Applies the retention policy of `target`'s stream `schedule` after a successful backup. A failure to
    /// prune is logged and never turns the backup into a failure.
    private func enforceRetention(for target: BackupTarget, schedule: String, now: Date, logger: Logger) {
        let run = RetentionRun(root: layout.root, settings: settings.retention, timeZone: settings.timeZone)
        let stream = BackupStream(backupName: target.backupName, schedule: schedule == BackupSchedule.defaultName ? nil : schedule)
        do {
            let (plan, _) = try run.plan(labelsByBackupName: [target.backupName: target.labels], only: stream, now: now)
            guard !plan.delete.isEmpty else { return }
            let result = run.apply(plan)
            for entry in result.deleted {
                logger.info("retention: deleted \(entry.path)", metadata: ["why": "kept by no rule"])
            }
            for failure in result.failures {
                logger.warning("retention: cannot delete \(failure.path): \(failure.error.message)")
            }
        } catch {
            logger.warning("retention skipped: \(error)")
        }
    }

    /// Writes `<file>.sha256` (`sha256sum -c` format) and `<file>.json`, each atomically.
    private static func writeSidecars(_ record: BackupRecord) async throws {
        let fileName = record.file.split(separator: "/").last.map(String.init) ?? record.file
        let sum = try await AtomicFileWriter(path: record.file + ".sha256")
        do {
            try await sum.write(ByteBuffer(string: "\(record.sha256)  \(fileName)\n"))
            try await sum.commit()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let json = try await AtomicFileWriter(path: record.file + ".json")
            do {
                try await json.write(ByteBuffer(bytes: try encoder.encode(record)))
                try await json.commit()
            } catch {
                await json.discard()
                throw error
            }
        } catch {
            await sum.discard()
            throw error
        }
    }

    /// Creates `directory` (and `root`) with mode 0700 when missing.
    private static func createDirectory(_ directory: String, root: String) throws {
        for path in [root, directory] {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw StorageError(.permissionDenied, "cannot create backup directory \(path): check BT_BACKUP_DIR and its permissions")
            }
        }
    }
}
