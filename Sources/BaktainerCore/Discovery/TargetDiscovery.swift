import DockerEngineAPI
import NIOCore

/// Finds the containers marked for backup and resolves each into a ``BackupTarget`` or a ``TargetError``.
///
/// Password files (`baktainer.db.password_file`, `*_FILE`) are read inside the database container with
/// `cat`, so secrets mounted there (e.g. `/run/secrets/…`) never need to be mounted into Baktainer.
package struct TargetDiscovery: Sendable {
    private let client: DockerClient
    private let resolver: TargetResolver

    /// Creates a discovery over `client`.
    package init(client: DockerClient, resolver: TargetResolver = TargetResolver()) {
        self.client = client
        self.resolver = resolver
    }

    /// Every running container labelled `baktainer.backup=true`, resolved, sorted by container name.
    /// `names`, when not empty, keeps only containers whose name or `baktainer.name` is listed.
    package func targets(named names: [String] = []) async throws -> [Result<BackupTarget, TargetError>] {
        let summaries = try await client.listContainers(labels: [BackupLabel.backupFilter])
            .filter { names.isEmpty || names.contains($0.name) || names.contains($0.labels[BackupLabel.name] ?? "") }
            .sorted { $0.name < $1.name }
        var results: [Result<BackupTarget, TargetError>] = []
        for summary in summaries {
            do {
                let details = try await client.inspectContainer(summary.id)
                results.append(await resolver.resolve(details) { path in try await readFile(path, in: details.id) })
            } catch {
                results.append(.failure(TargetError(containerName: summary.name, message: "cannot inspect the container: \(error)")))
            }
        }
        return results
    }

    /// Reads a small file inside a container with `cat`.
    private func readFile(_ path: String, in container: String) async throws -> String {
        try await client.withExec(ExecCommand(["cat", "--", path]), inContainer: container) { session in
            var contents = ByteBuffer()
            for try await var buffer in session.stdout {
                guard contents.readableBytes + buffer.readableBytes <= 64 * 1024 else {
                    throw EngineError("\(path) is larger than 64 KiB")
                }
                contents.writeBuffer(&buffer)
            }
            guard try await session.wait().exitCode == 0 else { throw EngineError("cannot read \(path)") }
            return String(buffer: contents)
        }
    }
}
