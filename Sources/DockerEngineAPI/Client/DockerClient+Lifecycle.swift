#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NIOCore

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

extension DockerClient {
    /// What ``runContainer(_:)`` starts: an image with environment and labels, no network, no restart.
    package struct ContainerSpecification: Sendable, Encodable {
        /// The container's name.
        package var name: String
        /// The image (name or ID).
        package var image: String
        /// `KEY=value` entries.
        package var environment: [String]
        /// Labels.
        package var labels: [String: String]

        /// Creates a specification.
        package init(name: String, image: String, environment: [String] = [], labels: [String: String] = [:]) {
            self.name = name
            self.image = image
            self.environment = environment
            self.labels = labels
        }

        private struct HostConfig: Encodable {
            var NetworkMode = "none"  // swiftlint:disable:this identifier_name
        }

        private enum CodingKeys: String, CodingKey {
            case image = "Image", environment = "Env", labels = "Labels", hostConfig = "HostConfig"
        }

        package func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(image, forKey: .image)
            try container.encode(environment, forKey: .environment)
            try container.encode(labels, forKey: .labels)
            try container.encode(HostConfig(), forKey: .hostConfig)
        }
    }

    /// Creates and starts a container (`docker run -d --network none`); returns its ID.
    package func runContainer(_ specification: ContainerSpecification) async throws -> String {
        struct Created: Decodable {
            var Id: String  // swiftlint:disable:this identifier_name
        }
        let body = ByteBuffer(bytes: try JSONEncoder().encode(specification))
        let created = try await send(DockerRequest(method: "POST", path: "/containers/create", query: [("name", specification.name)], body: body))
        try created.requireSuccess(resource: "image '\(specification.image)'", endpoint: configuration.endpoint)
        let id = try created.decode(Created.self, endpoint: configuration.endpoint).Id
        let started = try await send(DockerRequest(method: "POST", path: "/containers/\(Self.pathComponent(id))/start"))
        do {
            try started.requireSuccess(resource: "container '\(specification.name)'", endpoint: configuration.endpoint)
        } catch {
            try? await removeContainer(id)
            throw error
        }
        return id
    }

    /// Removes a container and its anonymous volumes, stopping it first (`docker rm -fv`).
    package func removeContainer(_ idOrName: String) async throws {
        let answer = try await send(
            DockerRequest(method: "DELETE", path: "/containers/\(Self.pathComponent(idOrName))", query: [("force", "1"), ("v", "1")]))
        try answer.requireSuccess(resource: "container '\(idOrName)'", endpoint: configuration.endpoint)
    }
}
