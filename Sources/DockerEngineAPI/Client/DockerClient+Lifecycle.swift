extension DockerClient {
    /// Restarts a container (`docker restart`): SIGTERM, SIGKILL after `stopTimeoutSeconds`, then start.
    /// Throws ``DockerError/Code/noSuchContainer`` if there is none.
    package func restartContainer(_ idOrName: String, stopTimeoutSeconds: Int = 10) async throws {
        let answer = try await send(
            DockerRequest(
                method: "POST", path: "/containers/\(Self.pathComponent(idOrName))/restart", query: [("t", String(stopTimeoutSeconds))]))
        try answer.requireSuccess(resource: "container '\(idOrName)'", endpoint: configuration.endpoint)
    }
}
