/// How copying one backup to one destination ended.
package struct DestinationCopyResult: Sendable, Equatable {
    /// The destination's name (`s3`, `sftp`, or the name given in the file).
    package var destination: String
    /// The backup copied.
    package var key: BackupKey
    /// Where the copy is, for people.
    package var location: String
    /// Nil when the copy is stored and checked; otherwise why not.
    package var error: StorageError?
    /// How long it took.
    package var duration: Duration

    /// Creates a result.
    package init(destination: String, key: BackupKey, location: String, error: StorageError?, duration: Duration) {
        self.destination = destination
        self.key = key
        self.location = location
        self.error = error
        self.duration = duration
    }

    /// Whether the copy is stored and checked.
    package var succeeded: Bool { error == nil }
}
