/// A backup name (`baktainer.name`, else the container name) that several targets share. Backup file names
/// start with it, so their backups land under the same names: reported by `validate`, `list` and the daemon.
package struct DuplicateBackupName: Sendable, Equatable, CustomStringConvertible {
    /// The shared name.
    package var backupName: String
    /// The containers sharing it, sorted (`host/name` for a container of another runtime than the local one).
    package var containers: [String]

    /// Creates a finding.
    package init(backupName: String, containers: [String]) {
        self.backupName = backupName
        self.containers = containers
    }

    /// Every backup name that more than one of `targets` uses, sorted by name. Pure.
    package static func find(in targets: [BackupTarget]) -> [DuplicateBackupName] {
        var containers: [String: Set<String>] = [:]
        for target in targets {
            containers[target.backupName, default: []].insert(target.runtime == .local ? target.containerName : target.key)
        }
        return containers.filter { $0.value.count > 1 }.keys.sorted().map { name in
            DuplicateBackupName(backupName: name, containers: containers[name, default: []].sorted())
        }
    }

    /// `backup name 'db' is shared by containers 'a' and 'b': …, naming the label to change.
    package var description: String {
        let quoted = containers.map { "'\($0)'" }
        let list = quoted.count == 2 ? "\(quoted[0]) and \(quoted[1])" : quoted.dropLast().joined(separator: ", ") + " and " + (quoted.last ?? "")
        return
            "backup name '\(backupName)' is shared by containers \(list): their backup files would have the same names; give each its own \(BackupLabel.name)"
    }
}
