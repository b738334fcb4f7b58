/// Finds the containers marked for backup and resolves each into a ``BackupTarget`` or a ``TargetError``.
///
/// Password files (`baktainer.db.password_file`, `*_FILE`) are read inside the database container with
/// `cat`, so secrets mounted there (e.g. `/run/secrets/…`) never need to be mounted into Baktainer.
package struct TargetDiscovery: Sendable {
    private let runtime: any ContainerRuntime
    private let resolver: TargetResolver
    private let registry: EngineRegistry
    /// The label filters that select containers (``BackupSettings/discoveryLabels``).
    package let labels: [String]

    /// Creates a discovery over `runtime` of the containers carrying every one of `labels`.
    package init(runtime: any ContainerRuntime, labels: [String] = [BackupLabel.backupFilter], registry: EngineRegistry = EngineRegistry()) {
        self.runtime = runtime
        self.labels = labels
        self.registry = registry
        self.resolver = TargetResolver(registry: registry)
    }

    /// Every running container labelled `baktainer.backup=true`, resolved and checked by its engine (so a
    /// target here is one whose dump command can be built), sorted by container name. `names`, when not empty,
    /// keeps only containers whose name or `baktainer.name` is listed.
    package func targets(named names: [String] = []) async throws -> [Result<BackupTarget, TargetError>] {
        let summaries = try await runtime.containers(labels: labels, includeStopped: false)
            .filter { names.isEmpty || names.contains($0.name) || names.contains($0.labels[BackupLabel.name] ?? "") }
            .sorted { $0.name < $1.name }
        var results: [Result<BackupTarget, TargetError>] = []
        for summary in summaries {
            do {
                let details = try await runtime.inspect(summary.id)
                let resolved = await resolver.resolve(details) { path in try await runtime.readSmallFile(path, in: details.id) }
                results.append(
                    resolved.map { target in
                        var target = target
                        target.runtime = runtime.id
                        return target
                    }.flatMap(checked).mapError { error in
                        var error = error
                        error.backupName = summary.labels[BackupLabel.name]
                        return error
                    })
            } catch {
                results.append(
                    .failure(
                        TargetError(
                            containerName: summary.name, message: "cannot inspect the container: \(error)", backupName: summary.labels[BackupLabel.name])))
            }
        }
        return results
    }

    /// The target, if its engine can build its dump command; the engine's complaint otherwise.
    private func checked(_ target: BackupTarget) -> Result<BackupTarget, TargetError> {
        do {
            _ = try target.engine.dumpCommand(for: target)
            return .success(target)
        } catch {
            let prefix = "container '\(target.containerName)': "
            let message = error.message.hasPrefix(prefix) ? String(error.message.dropFirst(prefix.count)) : error.message
            return .failure(TargetError(containerName: target.containerName, message: message))
        }
    }
}
