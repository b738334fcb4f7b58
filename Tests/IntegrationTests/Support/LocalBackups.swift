import BaktainerCore
import DockerEngineAPI
import Foundation

/// Backups into a directory the way `baktainer backup` makes them (``BackupJobRunner`` over the real engine and
/// the local storage), with each record's `file` turned into the file's path for the tests to read.
struct LocalBackups {
    let runtime: DockerRuntime
    let storage: LocalBackupStorage
    let settings: PipelineSettings

    init(client: DockerClient, root: String, settings: PipelineSettings = PipelineSettings()) {
        runtime = DockerRuntime(client: client)
        storage = LocalBackupStorage(root: root, createsParents: true)
        self.settings = settings
    }

    /// Backs up `target` as of `now`.
    func run(_ target: BackupTarget, now: Date = Date()) async -> Result<BackupRecord, BackupFailure> {
        let jobs = BackupJobRunner(
            runner: BackupRunner(runtime: runtime, storage: storage, settings: settings), storage: storage, settings: settings,
            observer: BackupObservers([]), now: { now })
        return await jobs.run(target).map { record in
            var record = record
            record.file = storage.location(of: BackupKey(record.file))
            return record
        }
    }
}
