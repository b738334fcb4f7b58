/// Counts the rows of every table of a target's database, exactly (`count(*)`), for restore tests: the counts of
/// a restored copy, compared with those a ``DumpRowCounter`` took from the dump as it streamed.
///
/// The command comes from the engine (``DatabaseEngine/inventoryCommand(for:)``): it runs inside the database
/// container, credentials as the dump passes them (never in argv), and prints one `schema.table<TAB>rows` line
/// per table. Engines without one have no inventory: nil.
package enum TableInventory {
    /// Takes the inventory of `target` in `container` (default: the target's own container) with its engine's
    /// ``DatabaseEngine/inventoryCommand(for:)``: nil when the engine has none. Throws an ``EngineError`` with the
    /// tool's stderr (redacted) when the query fails.
    package static func take(of target: BackupTarget, in container: String? = nil, runtime: any ContainerRuntime) async throws -> [String: Int]? {
        guard let command = target.engine.inventoryCommand(for: target) else { return nil }
        let (exit, output) = try await runtime.runCollecting(command, in: container ?? target.containerID, limit: 4 << 20)
        guard exit.exitCode == 0 else {
            let advice = target.credentialAdvice(forToolOutput: exit.stderrTail).map { ". \($0)" } ?? ""
            throw EngineError(
                "counting the tables exited \(exit.exitCode): \(target.redacting(toolOutput: exit.stderrTail.lastLines(3), command: command))\(advice)")
        }
        guard let counts = parse(output) else { throw EngineError("the table inventory has an unexpected shape") }
        return counts
    }

    /// Parses `table<TAB>rows` lines; nil when a line is not of that shape.
    package static func parse(_ output: String) -> [String: Int]? {
        var counts: [String: Int] = [:]
        for line in output.split(separator: "\n") where !line.isEmpty {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 2, let rows = Int(fields[1]) else { return nil }
            counts[String(fields[0])] = rows
        }
        return counts
    }
}
