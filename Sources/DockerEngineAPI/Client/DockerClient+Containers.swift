#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NIOCore

extension DockerClient {
    /// Lists containers carrying every label in `labels` (each `key` or `key=value`).
    ///
    /// `includeStopped` also lists containers that are not running (`docker ps -a`).
    package func listContainers(labels: [String] = [], includeStopped: Bool = false) async throws -> [ContainerSummary] {
        var query: [(name: String, value: String)] = []
        if includeStopped { query.append(("all", "1")) }
        if !labels.isEmpty { query.append(("filters", try Self.filtersJSON(["label": labels]))) }
        let answer = try await send(DockerRequest(method: "GET", path: "/containers/json", query: query))
        try answer.requireSuccess(resource: "container list", endpoint: configuration.endpoint)
        return try answer.decode([ContainerSummary].self, endpoint: configuration.endpoint)
    }

    /// Describes one container by ID or name; throws ``DockerError/Code/noSuchContainer`` if there is none.
    package func inspectContainer(_ idOrName: String) async throws -> ContainerDetails {
        let answer = try await send(DockerRequest(method: "GET", path: "/containers/\(Self.pathComponent(idOrName))/json"))
        try answer.requireSuccess(resource: "container '\(idOrName)'", endpoint: configuration.endpoint)
        return try answer.decode(ContainerDetails.self, endpoint: configuration.endpoint)
    }

    /// Encodes Docker's `filters` query value: a JSON object of string lists.
    static func filtersJSON(_ filters: [String: [String]]) throws -> String {
        let data = try JSONEncoder().encode(filters)
        return String(decoding: data, as: UTF8.self)
    }

    /// Percent-encodes an ID or name for use inside a URL path.
    static func pathComponent(_ text: String) -> String {
        DockerRequest.percentEncode(text)
    }
}
