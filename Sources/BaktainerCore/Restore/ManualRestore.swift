/// How to restore a backup file without Baktainer's help, for the refusal of a file it cannot vouch for (a
/// dump without its record): how to name its engine to Baktainer, and the shell pipeline that does it by hand —
/// the file's layers decoded by their own tools (`age -d`, `gunzip -c`, `zstd -dc`), then the engine's client
/// reading stdin inside the container.
package struct ManualRestore: Sendable {
    private let registry: EngineRegistry

    /// Instructions for the engines of `registry`.
    package init(registry: EngineRegistry = EngineRegistry()) {
        self.registry = registry
    }

    /// The instructions for the file at `path`, into `container` when known. Engines are those whose file
    /// extension the name carries (`.sql`: postgres, mysql, mariadb), else every engine with a one-liner.
    package func instructions(for path: String, container: String?) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let layers = BackupLayer.layers(ofFileName: name)
        let stem = name.split(separator: ".").dropLast(layers.count)
        let extensionName = stem.count > 1 ? stem.last.map(String.init) : nil
        var engines: [any DatabaseEngine] = []
        for engine in registry.names.compactMap(registry.engine(named:)) where !engines.contains(where: { $0.identifier == engine.identifier }) {
            engines.append(engine)
        }
        let matching = engines.filter { $0.fileExtension == extensionName }
        let shown = matching.isEmpty ? engines.filter { $0.manualRestoreCommand != nil } : matching
        let decode = layers.map { layer in
            switch layer {
            case .age: "age -d -i KEY.txt"
            case .gzip: "gunzip -c"
            case .zstd: "zstd -dc"
            }
        }
        let destination = container ?? "CONTAINER"
        let quotedPath = path.allSatisfy { $0.isLetter || $0.isNumber || "-_./:@+".contains($0) } ? path : "'\(path.replacing("'", with: "'\\''"))'"
        let lines = shown.compactMap { engine -> String? in
            guard let client = engine.manualRestoreCommand?.replacing("CONTAINER", with: destination) else { return nil }
            let pipeline =
                decode.isEmpty ? "\(client) < \(quotedPath)" : "\(decode[0]) \(quotedPath)" + decode.dropFirst().map { " | \($0)" }.joined() + " | \(client)"
            return "\(engine.identifier): \(pipeline)"
        }
        let names = shown.map(\.identifier).joined(separator: "|")
        let byHand = lines.isEmpty ? "" : ". By hand: " + lines.joined(separator: "; ")
        return "To restore it anyway, name its engine: baktainer restore \(quotedPath) --engine \(names) --to \(destination) [--database NAME]\(byHand)"
    }
}
