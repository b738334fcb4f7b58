#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NIOCore

/// Runs one ``DumpPlan``: exec ─► tap (head, tail, row counts) ─► compress ─► encrypt ─► tap (SHA-256) ─► storage writer ─►
/// commit with the checksum and the record.
///
/// Every stage pulls: a piece is compressed, encrypted and written before the next is read from the exec, so
/// memory stays flat and a slow destination slows the dump. A backup is committed only if the tool exited 0,
/// the stream ended cleanly and the engine's completeness check passed; otherwise the writer is discarded and a
/// ``BackupFailure`` says why, with the tool's stderr tail (the password masked there, the only place it could
/// appear) and, for a refused login, where the password comes from. Cancellation also discards and
/// stops the tool in the container. Retention and events are the caller's (``BackupJobRunner``).
package struct BackupRunner: Sendable {
    private let runtime: any ContainerRuntime
    private let storage: any WritableBackupStorage
    private let settings: PipelineSettings
    /// The version written into records.
    package static let version = BaktainerVersion.current

    /// Creates a runner dumping through `runtime` into `storage`.
    package init(runtime: any ContainerRuntime, storage: any WritableBackupStorage, settings: PipelineSettings = PipelineSettings()) {
        self.runtime = runtime
        self.storage = storage
        self.settings = settings
    }

    /// Runs `plan`; returns the record of the committed backup or why there is none. `progress` hears of every
    /// piece dumped and of the end.
    package func run(_ plan: DumpPlan, progress: (@Sendable (BackupProgress) -> Void)? = nil) async -> Result<BackupRecord, BackupFailure> {
        let target = plan.target
        let outcome = await attempt(plan, progress: progress)
        progress?(BackupProgress(container: target.containerName, bytes: (try? outcome.get().dumpSize ?? 0) ?? 0, isFinished: true))
        return outcome
    }

    private func attempt(_ plan: DumpPlan, progress: (@Sendable (BackupProgress) -> Void)?) async -> Result<BackupRecord, BackupFailure> {
        let target = plan.target
        let engine = target.engine
        let started = ContinuousClock.now
        func failure(_ code: BackupFailure.Code, _ message: String) -> Result<BackupRecord, BackupFailure> {
            .failure(BackupFailure(container: target.containerName, code: code, message: message))
        }
        var chain: TransformChain
        do {
            chain = try plan.makeTransforms(settings)
        } catch {
            return failure(.invalidTarget, "\(error)")
        }
        let writer: any BackupWriter
        do {
            writer = try await storage.makeWriter(for: plan.key)
        } catch {
            return failure(.storage, (error as? StorageError)?.message ?? "\(error)")
        }
        do {
            var dump = ByteTap()
            var stored = ByteTap(hashing: true)
            var rowCounter = engine.rowCounter(for: target)
            func store(_ buffer: ByteBuffer) async throws {
                guard buffer.readableBytes > 0 else { return }
                stored.observe(buffer)
                try await writer.write(buffer)
            }
            let exit = try await runtime.withExec(plan.command, in: target.containerID) { exec in
                for try await buffer in exec.stdout {
                    dump.observe(buffer)
                    buffer.withUnsafeReadableBytes { rowCounter?.consume($0) }
                    try await store(try chain.transform(buffer))
                    progress?(BackupProgress(container: target.containerName, bytes: dump.count))
                }
                return try await exec.wait()
            }
            // The tool's stderr is the only text here that can hold a secret: it alone is redacted.
            let errors = target.redacting(toolOutput: exit.stderrTail.lastLines(), command: plan.command)
            guard exit.exitCode == 0 else {
                await writer.discard()
                let advice = target.credentialAdvice(forToolOutput: exit.stderrTail).map { ". \($0)" } ?? ""
                var failed = BackupFailure(
                    container: target.containerName, code: .dumpFailed, message: "\(plan.command.program) exited \(exit.exitCode): \(errors)\(advice)")
                failed.stderrTail = errors
                return .failure(failed)
            }
            guard exit.stdoutByteCount > 0, engine.acceptsHead(dump.head), engine.isComplete(dumpTail: dump.tail, size: exit.stdoutByteCount) else {
                await writer.discard()
                return failure(
                    .incompleteDump,
                    "the \(engine.identifier) dump failed its completeness check (format header or completion marker missing, \(exit.stdoutByteCount) bytes); nothing was kept. \(errors)"
                )
            }
            try await store(try chain.finish())
            let elapsed = ContinuousClock.now - started
            var record = BackupRecord(
                container: target.containerName, engine: engine.identifier, database: target.database, file: writer.key.rawValue,
                size: stored.count, sha256: stored.finalizeDigest() ?? "",
                durationSeconds: elapsed.timeInterval,
                exitCode: 0, startedAt: plan.date.timeIntervalSince1970, baktainerVersion: Self.version, backupName: target.backupName,
                schedule: plan.schedule == BackupSchedule.defaultName ? nil : plan.schedule)
            record.dumpSize = dump.count
            record.compression = plan.compression.name
            record.encrypted = plan.encrypted
            record.tableCounts = rowCounter?.counts()
            try await writer.commit(record)
            return .success(record)
        } catch  where Task.isCancelled {
            await writer.discard()
            return failure(.cancelled, "the backup was cancelled (shutdown); the partial file was removed and the dump stopped")
        } catch let error as RuntimeError {
            await writer.discard()
            return failure(error.isContainerGone ? .containerGone : error.code == .unreachable ? .docker : .refused, error.message)
        } catch let error as StorageError {
            await writer.discard()
            return failure(.storage, error.message)
        } catch let error as CompressionError {
            await writer.discard()
            return failure(.pipeline, "compression failed: \(error.message)")
        } catch let error as AgeError {
            await writer.discard()
            return failure(.pipeline, "encryption failed: \(error.message)")
        } catch {
            await writer.discard()
            return failure(.internal, "\(error)")
        }
    }
}
