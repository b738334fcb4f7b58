/// A label change that makes a container's labels say what its owner most likely meant: `baktainer validate
/// --suggest` prints one line per change. Found for the Ruby tool's labels that were never read
/// (`baktainer.backup.compress`, `baktainer.backup.retention.*`), misspelled label names, and an engine value
/// that is a typo of an engine.
package struct LabelSuggestion: Sendable, Equatable, CustomStringConvertible {
    /// The container to relabel.
    package var containerName: String
    /// The label to remove (`nil` when a value changes in place).
    package var remove: String?
    /// The label to set, and its value.
    package var set: (label: String, value: String)?
    /// Why, for the person reading it.
    package var reason: String

    /// Creates a suggestion.
    package init(containerName: String, remove: String?, set: (label: String, value: String)?, reason: String) {
        self.containerName = containerName
        self.remove = remove
        self.set = set
        self.reason = reason
    }

    /// The suggested changes for `container`, label by label in name order. `filters` as for
    /// ``UnknownLabel/find(in:filters:)``. Pure.
    package static func suggest(for container: ContainerInfo, filters: [String] = [], engines: EngineRegistry = EngineRegistry()) -> [LabelSuggestion] {
        var found: [LabelSuggestion] = []
        if let engine = container.labels[BackupLabel.engine]?.trimmingWhitespace, !engine.isEmpty, engines.engine(named: engine) == nil,
            let closest = NameSuggestion.closest(to: engine, among: engines.names)
        {
            found.append(
                LabelSuggestion(
                    containerName: container.name, remove: nil, set: (BackupLabel.engine, closest), reason: "'\(engine)' is not an engine"))
        }
        for unknown in UnknownLabel.find(in: container, filters: filters) {
            let value = container.labels[unknown.label] ?? ""
            if let legacy = legacy(unknown.label, value: value) {
                found.append(LabelSuggestion(containerName: container.name, remove: unknown.label, set: legacy.set, reason: legacy.reason))
            } else if let suggestion = unknown.suggestion {
                found.append(
                    LabelSuggestion(
                        containerName: container.name, remove: unknown.label, set: (suggestion, value),
                        reason: "\(unknown.label) is not a label Baktainer reads"))
            }
        }
        return found
    }

    /// `container 'C': set L=V instead of OLD (why)`, or `: set L=V (why)` for a value changed in place.
    package var description: String {
        var text = "container '\(containerName)': "
        if let set { text += "set \(set.label)=\(set.value)" }
        if let remove { text += set == nil ? "remove \(remove)" : " instead of \(remove)" }
        return text + " (\(reason))"
    }

    package static func == (lhs: LabelSuggestion, rhs: LabelSuggestion) -> Bool {
        lhs.containerName == rhs.containerName && lhs.remove == rhs.remove && lhs.set?.label == rhs.set?.label
            && lhs.set?.value == rhs.set?.value && lhs.reason == rhs.reason
    }

    /// The Ruby tool's labels under `baktainer.backup.`, which it documented but never read, and what does
    /// their job now.
    private static func legacy(_ label: String, value: String) -> (set: (label: String, value: String)?, reason: String)? {
        let prefix = "\(BackupLabel.backup)."
        guard label.hasPrefix(prefix) else { return nil }
        let rest = String(label.dropFirst(prefix.count))
        let reason = "the Ruby tool's \(label) was never read"
        switch rest {
        case "compress": return ((BackupLabel.compress, value), reason)
        case "compress.level", "compression.level": return ((BackupLabel.compressLevel, value), reason)
        case "retention.days": return ((BackupLabel.retentionPrefix + BackupLabel.retentionKeepWithin, "\(value)d"), reason)
        case "retention.count": return ((BackupLabel.retentionPrefix + BackupLabel.retentionKeepLast, value), reason)
        default:
            let rule = rest.hasPrefix("retention.") ? String(rest.dropFirst("retention.".count).map { $0 == "_" ? "-" : $0 }) : ""
            if BackupLabel.retentionRules.contains(rule) { return ((BackupLabel.retentionPrefix + rule, value), reason) }
            return nil
        }
    }
}
