/// A container marked for backup, as `baktainer list` shows it. Holds no secret.
package struct LabelledContainer: Sendable, Equatable, Codable {
    /// The container's name.
    package var name: String
    /// The container's ID, shortened to 12 characters.
    package var id: String
    /// The `baktainer.db.engine` label, or nil when missing.
    package var engine: String?
    /// The `baktainer.db.name` label, or nil when missing.
    package var database: String?
    /// The `baktainer.name` label, or the container name.
    package var backupName: String
    /// Docker's state word, e.g. "running".
    package var state: String
    /// The container's image.
    package var image: String
    /// "ok", or what is wrong with its labels and which to fix; nil when not checked (not running).
    package var validation: String?

    /// Reads the listing fields from a container's summary, skipping the password label.
    package init(_ summary: ContainerInfo) {
        name = summary.name
        id = String(summary.id.prefix(12))
        engine = summary.labels[BackupLabel.engine]
        database = summary.labels[BackupLabel.database]
        backupName = summary.labels[BackupLabel.name] ?? summary.name
        state = summary.state
        image = summary.image
    }
}
