#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What one backup will do, decided before anything runs: the command inside the container, the layers on
/// the way and the key it will be stored under. Pure; `backup --dry-run` prints it (``steps``, secrets masked).
package struct DumpPlan: Sendable {
    /// The target to dump.
    package var target: BackupTarget
    /// The stream's schedule name (``BackupSchedule/defaultName`` for the default stream).
    package var schedule: String
    /// The dump command (secrets in its environment only).
    package var command: ContainerCommand
    /// The compression applied.
    package var compression: Compression
    /// Whether the file is encrypted with age.
    package var encrypted: Bool
    /// Where it will be stored.
    package var key: BackupKey
    /// When the dump starts.
    package var date: Date

    /// Plans the backup of `target`'s stream `schedule` at `date` under `settings`; a ``BackupFailure`` with code
    /// ``BackupFailure/Code/invalidTarget`` when the target's labels do not make a command.
    package static func make(
        _ target: BackupTarget, schedule: String = BackupSchedule.defaultName, settings: PipelineSettings, date: Date
    ) throws(BackupFailure) -> DumpPlan {
        let command: ContainerCommand
        let compression: Compression
        do {
            command = try target.engine.dumpCommand(for: target)
        } catch {
            throw BackupFailure(container: target.containerName, code: .invalidTarget, message: error.message)
        }
        do {
            compression = try settings.compression.compression(forLabels: target.labels)
        } catch {
            throw BackupFailure(container: target.containerName, code: .invalidTarget, message: "\(error)")
        }
        let name = schedule == BackupSchedule.defaultName ? target.backupName : "\(target.backupName)-\(schedule)"
        let key = BackupKey(name: name, fileExtension: settings.fileExtension(of: target.engine, compression: compression), date: date)
        return DumpPlan(
            target: target, schedule: schedule, command: command, compression: compression, encrypted: settings.encryption.isEnabled, key: key,
            date: date)
    }

    /// The transforms the dump passes through, compression first, then encryption.
    package func makeTransforms(_ settings: PipelineSettings) throws -> TransformChain {
        var stages: [any ByteStreamTransform] = []
        if let compressor = try compression.makeCompressor() { stages.append(compressor) }
        if encrypted { stages.append(try AgeEncryptor(recipients: settings.encryption.recipients)) }
        return TransformChain(stages)
    }

    /// Two lines: the command (environment values masked) and where it goes.
    package func steps(location: String) -> [String] {
        ["\(target.containerName): \(RestorePlan.render(command))", "  → \(location)"]
    }
}
