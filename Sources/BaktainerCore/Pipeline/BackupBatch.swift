/// Backs up several targets now (`baktainer backup`), at most `maximumConcurrent` at once; one failing target
/// never stops the others.
package struct BackupBatch: Sendable {
    private let jobs: BackupJobRunner
    private let maximumConcurrent: Int

    /// Creates a batch running each target through `jobs`.
    package init(jobs: BackupJobRunner, maximumConcurrent: Int) {
        self.jobs = jobs
        self.maximumConcurrent = max(1, maximumConcurrent)
    }

    /// One outcome per target, in the order of `targets`.
    package func run(_ targets: [BackupTarget], progress: (@Sendable (BackupProgress) -> Void)? = nil) async -> [Result<BackupRecord, BackupFailure>] {
        await withTaskGroup(of: (Int, Result<BackupRecord, BackupFailure>).self) { group in
            var outcomes = [Result<BackupRecord, BackupFailure>?](repeating: nil, count: targets.count)
            var next = 0
            func addNext() {
                let index = next
                let target = targets[index]
                next += 1
                group.addTask { (index, await jobs.run(target, progress: progress)) }
            }
            while next < min(maximumConcurrent, targets.count) { addNext() }
            for await (index, outcome) in group {
                outcomes[index] = outcome
                if next < targets.count { addNext() }
            }
            // Every index gets its outcome above; a hole would be a bug here, reported as a failure, never a success.
            return zip(targets, outcomes).map { target, outcome in
                outcome ?? .failure(BackupFailure(container: target.containerName, code: .internal, message: "the backup ended without an outcome"))
            }
        }
    }
}
