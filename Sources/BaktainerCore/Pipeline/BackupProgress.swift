/// How far a running dump has got: reported by ``BackupRunner`` after every piece written, so a terminal can
/// show bytes and rate. Receivers must be quick; they run on the dump's own task.
package struct BackupProgress: Sendable, Equatable {
    /// The container being dumped.
    package var container: String
    /// Bytes of dump written so far.
    package var bytes: Int
    /// Whether the dump has ended (successfully or not).
    package var isFinished: Bool

    /// Creates a report.
    package init(container: String, bytes: Int, isFinished: Bool = false) {
        self.container = container
        self.bytes = bytes
        self.isFinished = isFinished
    }
}
