/// A `baktainer.*` label that Baktainer does not read, on a container marked for backup: most likely a typo
/// (`baktainer.compres`, `baktainer.db.pasword`) whose setting silently does not apply. Reported by `validate`.
///
/// Known are the labels of ``BackupLabel`` (with compression and retention), `baktainer.schedule.NAME`, the
/// retention labels of the schedules the container declares, ``RestoreTest/label``, and the key of a
/// `BT_FILTER_LABEL` filter with the labels below it (`baktainer.instance`, `baktainer.instance.owner`): a
/// namespace the user chose for their own labels.
package struct UnknownLabel: Sendable, Equatable, CustomStringConvertible {
    /// The container carrying the label.
    package var containerName: String
    /// The label's name.
    package var label: String
    /// The known label it is most likely a typo of.
    package var suggestion: String?

    /// Creates a finding.
    package init(containerName: String, label: String, suggestion: String? = nil) {
        self.containerName = containerName
        self.label = label
        self.suggestion = suggestion
    }

    /// The labels of `container` under `baktainer.` that Baktainer does not read, sorted. `filters` are the
    /// discovery filters (``BackupSettings/discoveryLabels``, `key` or `key=value`). Pure.
    package static func find(in container: ContainerInfo, filters: [String] = []) -> [UnknownLabel] {
        let known = knownLabels(declaredIn: container.labels)
        let ownKeys = filters.compactMap { $0.split(separator: "=", maxSplits: 1).first.map(String.init) }.filter { !known.contains($0) }
        return container.labels.keys.sorted().compactMap { label in
            guard label.hasPrefix("baktainer."), !known.contains(label) else { return nil }
            if ownKeys.contains(where: { label == $0 || label.hasPrefix($0 + ".") }) { return nil }
            if isScheduleLabel(label) { return nil }
            return UnknownLabel(containerName: container.name, label: label, suggestion: NameSuggestion.closest(to: label, among: known.sorted()))
        }
    }

    /// `container 'C': label L is not one Baktainer reads: did you mean K?`.
    package var description: String {
        "container '\(containerName)': label \(label) is not one Baktainer reads" + (suggestion.map { ": did you mean \($0)?" } ?? "")
    }

    /// The fixed labels, and the retention labels of every schedule `labels` declare.
    private static func knownLabels(declaredIn labels: [String: String]) -> Set<String> {
        var known: Set<String> = [
            BackupLabel.backup, BackupLabel.engine, BackupLabel.database, BackupLabel.user, BackupLabel.password, BackupLabel.passwordFile,
            BackupLabel.allDatabases, BackupLabel.name, BackupLabel.command, BackupLabel.schedule, BackupLabel.compress,
            BackupLabel.compressLevel, RestoreTest.label, BackupLabel.notify, BackupLabel.notifyChannels,
        ]
        known.formUnion(BackupLabel.retentionRules.map { BackupLabel.retentionPrefix + $0 })
        for label in labels.keys where isScheduleLabel(label) {
            let schedule = String(label.dropFirst(BackupLabel.schedule.count + 1))
            known.formUnion(BackupLabel.retentionRules.map { BackupLabel.scheduleRetentionPrefix(schedule) + $0 })
        }
        return known
    }

    /// Whether `label` declares a named schedule, `baktainer.schedule.NAME` (NAME without dots).
    private static func isScheduleLabel(_ label: String) -> Bool {
        let prefix = BackupLabel.schedule + "."
        return label.hasPrefix(prefix) && label.count > prefix.count && !label.dropFirst(prefix.count).contains(".")
    }
}
