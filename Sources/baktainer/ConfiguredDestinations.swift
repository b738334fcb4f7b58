import AsyncHTTPClient
import BaktainerCore
import BaktainerS3
import NIOPosix

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The destinations off the host that the configuration names (`BT_S3_*` today), with the HTTP client they share.
/// A command uses them inside ``with(_:_:)``, which closes the client however the command ends.
struct ConfiguredDestinations {
    /// Every configured destination, in copy order.
    let all: [any BackupDestination]
    /// Each destination's retention settings, by name.
    let retention: [String: RetentionSettings]
    private let http: HTTPClient?

    /// Reads the destinations of `configuration`; a malformed setting is a ``CommandFailure`` naming it.
    init(_ configuration: BaktainerConfiguration) throws {
        let values = configuration.values
        let settings: S3Settings?
        var retention: [String: RetentionSettings] = [:]
        do {
            settings = try S3Settings(configuration: values)
            if let settings {
                retention[settings.name] = try configuration.pipeline.retention.forDestination(settings.name, configuration: values)
            }
        } catch {
            throw CommandFailure("configuration: \(error)")
        }
        guard let settings else {
            (all, self.retention, http) = ([], retention, nil)
            return
        }
        var clientConfiguration = HTTPClient.Configuration()
        clientConfiguration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(10), read: .seconds(120))
        clientConfiguration.redirectConfiguration = .disallow
        let http = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: clientConfiguration)
        self.http = http
        self.all = [S3BackupStorage(client: S3Client(settings: settings, http: http))]
        self.retention = retention
    }

    /// The copier from `source` to every destination; nil when there is none.
    func copier(from source: LocalBackupStorage, timeZone: TimeZone) -> DestinationCopier? {
        all.isEmpty ? nil : DestinationCopier(source: source, destinations: all, retention: retention, timeZone: timeZone)
    }

    /// The storage called `name`: `local` (the backup directory) or a configured destination.
    func storage(named name: String, local: LocalBackupStorage) throws -> any BackupStorage {
        if name == local.name { return local }
        if let destination = all.first(where: { $0.name == name }) { return destination }
        let known = ([local.name] + all.map(\.name)).joined(separator: ", ")
        throw CommandFailure("no destination is named '\(name)': the configured ones are \(known) (S3 needs BT_S3_BUCKET)")
    }

    /// Runs `body` with the destinations of `configuration`, then closes their connections, also when `body` throws.
    static func with<Result>(_ configuration: BaktainerConfiguration, _ body: (ConfiguredDestinations) async throws -> Result) async throws -> Result {
        let destinations = try ConfiguredDestinations(configuration)
        do {
            let result = try await body(destinations)
            await destinations.shutdown()
            return result
        } catch {
            await destinations.shutdown()
            throw error
        }
    }

    /// Closes the HTTP client's connections.
    private func shutdown() async {
        try? await http?.shutdown()
    }
}
