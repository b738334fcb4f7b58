/// What a restore will do, decided before anything is written: the verified file, the resolved destination
/// and the commands. `--dry-run` prints it (``steps``, secrets masked).
package struct RestorePlan: Sendable {
    /// The verified backup.
    package var verification: BackupVerification
    /// The destination: container, database and credentials.
    package var target: BackupTarget
    /// The restore command, reading the dump from stdin.
    package var command: ContainerCommand
    /// The content probe, if the engine has one.
    package var probe: ContainerCommand?
    /// The command creating the database for `--create`, if the engine needs one.
    package var create: ContainerCommand?
    /// Whether the container is restarted afterwards.
    package var restartsContainer: Bool
    /// The transaction fed around the dump, when the engine's restore of the target takes one: always the
    /// target engine's (``DatabaseEngine/restoreTransaction(for:)``), which its restore command relies on.
    package let transaction: RestoreTransaction?
    /// Set when the file is checked as it streams rather than before (``RestoreRunner/plan(_:checkWhileStreaming:)``):
    /// what its bytes must match; ``verification`` then holds the record's figures. Only with a ``transaction``.
    package var streamingCheck: PendingVerification?

    /// Creates a plan.
    package init(
        verification: BackupVerification, target: BackupTarget, command: ContainerCommand, probe: ContainerCommand?, create: ContainerCommand?,
        restartsContainer: Bool
    ) {
        self.verification = verification
        self.target = target
        self.command = command
        self.probe = probe
        self.create = create
        self.restartsContainer = restartsContainer
        self.transaction = target.engine.restoreTransaction(for: target)
    }

    /// One line per step, environment values masked: what `--dry-run` prints.
    package var steps: [String] {
        var lines = [
            "\(streamingCheck == nil ? "verified" : "to verify as it streams:") \(verification.path): \(verification.storedBytes) bytes, \(verification.layers.isEmpty ? "plain" : verification.layers.map(\.displayName).joined(separator: " → ")) → \(verification.record.engine) dump of \(verification.dumpBytes) bytes"
        ]
        if let probe { lines.append("check contents: \(Self.render(probe))") }
        if let create { lines.append("if missing and --create: \(Self.render(create))") }
        lines.append(
            "restore into container '\(target.containerName)'\(target.database.map { " database \($0)" } ?? ""): file → \(verification.layers.map { "\($0.displayName) decode → " }.joined())stdin of \(Self.render(command))"
        )
        if let transaction {
            lines.append(
                "fed as one transaction: \(transaction.begin) before the dump, \(transaction.commit) after it only if the whole file passed its checks")
        }
        if restartsContainer { lines.append("restart container '\(target.containerName)'") }
        return lines
    }

    /// `NAME=•••••• … argv`, shell-quoted, the script of `sh -c` shortened to its first line.
    package static func render(_ command: ContainerCommand) -> String {
        let environment = command.environment.keys.sorted().map { "\($0)=••••••" }
        var arguments = command.arguments
        if arguments.count > 2, arguments[0] == "sh", arguments[1] == "-c" {
            let firstLine = arguments[2].split(separator: "\n").first.map(String.init) ?? ""
            arguments[2] = "<script: \(firstLine) …>"
        }
        return (environment + arguments.map(quoted)).joined(separator: " ")
    }

    private static func quoted(_ argument: String) -> String {
        !argument.isEmpty && argument.allSatisfy { $0.isLetter || $0.isNumber || "-_=./:@".contains($0) }
            ? argument : "'\(argument.replacing("'", with: "'\\''"))'"
    }
}
