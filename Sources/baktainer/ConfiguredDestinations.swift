import AsyncHTTPClient
import BaktainerCore
import BaktainerS3
import BaktainerSFTP
import NIOPosix

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The destinations off the host that the configuration names (`BT_S3_*`, `BT_SFTP_*`), with the HTTP client S3 uses.
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
        let s3: S3Settings?
        let sftp: SFTPSettings?
        var retention: [String: RetentionSettings] = [:]
        do {
            s3 = try S3Settings(configuration: values)
            sftp = try SFTPSettings(configuration: values)
            for name in [s3?.name, sftp?.name].compactMap({ $0 }) {
                retention[name] = try configuration.pipeline.retention.forDestination(name, configuration: values)
            }
        } catch {
            throw CommandFailure("configuration: \(error)")
        }
        var all: [any BackupDestination] = []
        var http: HTTPClient?
        if let s3 {
            var clientConfiguration = HTTPClient.Configuration()
            clientConfiguration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(10), read: .seconds(120))
            clientConfiguration.redirectConfiguration = .disallow
            // A refused or failed connection fails the request at once, for S3BackupStorage's own retries (1 s, 2 s):
            // AsyncHTTPClient would otherwise retry connecting until the request's deadline (30 minutes for a part).
            clientConfiguration.connectionPool.retryConnectionEstablishment = false
            let client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: clientConfiguration)
            http = client
            all.append(S3BackupStorage(client: S3Client(settings: s3, http: client)))
        }
        if let sftp { all.append(SFTPBackupStorage(settings: sftp)) }
        (self.all, self.retention, self.http) = (all, retention, http)
    }

    /// The copier from `source` to every destination; nil when there is none.
    func copier(from source: LocalBackupStorage, timeZone: TimeZone) -> DestinationCopier? {
        all.isEmpty ? nil : DestinationCopier(source: source, destinations: all, retention: retention, timeZone: timeZone)
    }

    /// The storage called `name`: `local` (the backup directory) or a configured destination; `setting` names
    /// where `name` came from in the error.
    func storage(named name: String, local: LocalBackupStorage, setting: String = "--destination") throws -> any BackupStorage {
        if name == local.name { return local }
        if let destination = all.first(where: { $0.name == name }) { return destination }
        let known = ([local.name] + all.map(\.name)).joined(separator: ", ")
        throw CommandFailure("\(setting): no destination is named '\(name)': the configured ones are \(known) (S3 needs BT_S3_BUCKET, SFTP BT_SFTP_HOST)")
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
