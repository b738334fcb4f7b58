/// Gives memory back when the daemon falls idle. ``BackupDaemon`` calls ``trim()`` from its scheduler once
/// start-up's first discovery is done and again after each round of backups, whenever nothing runs and no backup
/// is due within ``BackupDaemon/trimHorizon``.
package protocol IdleTrimming: Sendable {
    /// Releases what the process no longer needs. Must be quick and must not fail: memory it gives back is
    /// faulted in again when used.
    func trim()
}
