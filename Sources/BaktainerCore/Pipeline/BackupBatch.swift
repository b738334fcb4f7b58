#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Runs many backups with at most `maximumConcurrent` at once; one failing target never stops the others.
package struct BackupBatch: Sendable {
    private let runner: BackupRunner
    private let maximumConcurrent: Int

    /// Creates a batch over `runner`.
    package init(runner: BackupRunner, maximumConcurrent: Int) {
        self.runner = runner
        self.maximumConcurrent = max(1, maximumConcurrent)
    }

    /// Backs up every target and returns their outcomes in the order of `targets`; `progress` hears from
    /// every running dump.
    package func run(
        _ targets: [BackupTarget], now: Date = Date(), progress: (@Sendable (BackupProgress) -> Void)? = nil
    ) async -> [Result<BackupRecord, BackupFailure>] {
        await withTaskGroup(of: (Int, Result<BackupRecord, BackupFailure>).self) { group in
            var outcomes = [Result<BackupRecord, BackupFailure>?](repeating: nil, count: targets.count)
            var next = 0
            func addNext() {
                let index = next
                let target = targets[index]
                next += 1
                group.addTask { (index, await runner.run(target, now: now, progress: progress)) }
            }
            while next < min(maximumConcurrent, targets.count) { addNext() }
            for await (index, outcome) in group {
                outcomes[index] = outcome
                if next < targets.count { addNext() }
            }
            return outcomes.map { $0! }
        }
    }
}
