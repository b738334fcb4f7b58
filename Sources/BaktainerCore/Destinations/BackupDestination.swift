/// A place off the host that keeps copies of local backups (S3, SFTP): the local backup directory stays the first
/// stage, where a dump is verified and committed; a destination receives a copy of each committed backup.
///
/// As a ``BackupStorage`` a destination lists, reads and deletes what is actually stored there (never a local
/// state file), so `list --backups`, `verify`, `restore` and retention work on it as on the local directory.
package protocol BackupDestination: BackupStorage {
    /// Stores `copy` under its key with both sidecars (the record last, so a half-copied backup is never listed),
    /// then checks what is stored (size and checksum sidecar) before returning. Throws a ``StorageError`` whose
    /// message names the destination and what to fix; whatever it had stored of a failed copy is removed.
    func store(_ copy: BackupCopy) async throws

    /// Checks that the destination answers, accepts the credentials and takes a write (`validate`): writes and
    /// deletes a small object of its own. Throws a ``StorageError`` naming the destination and what to fix.
    func probe() async throws
}
