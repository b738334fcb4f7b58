extension BackupTarget {
    /// `text` with every occurrence of the target's password masked, for messages and logs.
    package func redacting(_ text: String) -> String {
        guard let secret = password?.revealed, !secret.isEmpty else { return text }
        return text.replacing(secret, with: "••••••")
    }
}

extension StringProtocol {
    /// The last `count` non-empty lines joined with " | ": a tool's stderr tail in a one-paragraph message.
    func lastLines(_ count: Int = 5) -> String {
        split(separator: "\n").suffix(count).joined(separator: " | ")
    }
}
