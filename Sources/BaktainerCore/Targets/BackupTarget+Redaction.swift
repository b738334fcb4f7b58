extension BackupTarget {
    /// What a tool wrote (its stderr tail), fit for a message or a log: the target's password masked where it
    /// stands as a whole token (``Secret/masked(in:sparing:)``).
    ///
    /// Only a tool's own output can hold a secret: Baktainer's words never do (commands are shown with their
    /// environment masked, resolution errors never quote a password or a file's content), so that is the only
    /// text to mask, and the message around it stays whole. Values the message shows anyway — the container,
    /// backup name, user, database, engine, and the words of `command` (shown by `--dry-run`, so the tool's own
    /// vocabulary such as `password` in `--no-password`) — are spared.
    package func redacting(toolOutput text: String, command: ContainerCommand? = nil) -> String {
        guard let password else { return text }
        var shown = [containerName, backupName, engine.identifier] + [user, database].compactMap { $0 }
        for argument in command?.arguments ?? [] {
            shown += argument.split { !Secret.isWordCharacter($0) }.map(String.init)
        }
        return password.masked(in: text, sparing: shown)
    }
}

extension StringProtocol {
    /// The last `count` non-empty lines joined with " | ": a tool's stderr tail in a one-paragraph message.
    func lastLines(_ count: Int = 5) -> String {
        split(separator: "\n").suffix(count).joined(separator: " | ")
    }
}
