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

/// The destinations off the host that the configuration names (`BT_S3_*`, `BT_SFTP_*`, the file's `destinations:`),
/// with the HTTP client the S3 ones share.
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
        var s3: [S3Settings] = []
        var sftp: [SFTPSettings] = []
        var retention: [String: RetentionSettings] = [:]
        do {
            if let settings = try S3Settings(configuration: values) { s3.append(settings) }
            if let settings = try SFTPSettings(configuration: values) { sftp.append(settings) }
            for name in s3.map(\.name) + sftp.map(\.name) {
                retention[name] = try configuration.pipeline.retention.forDestination(name, configuration: values)
            }
            // The file's named destinations: each read by its type's settings from its own values.
            for named in values.namedDestinations {
                switch named.type {
                case "s3":
                    guard var settings = try S3Settings(configuration: named.values) else {
                        throw named.values.error(S3Settings.Key.bucket, "is not set: an S3 destination needs its bucket")
                    }
                    settings.name = named.name
                    s3.append(settings)
                default:
                    guard var settings = try SFTPSettings(configuration: named.values) else {
                        throw named.values.error(SFTPSettings.Key.host, "is not set: an SFTP destination needs its host")
                    }
                    settings.name = named.name
                    sftp.append(settings)
                }
                retention[named.name] = try configuration.pipeline.retention.forDestination(named.name, configuration: named.values)
            }
        } catch {
            throw CommandFailure("configuration: \(error)")
        }
        var all: [any BackupDestination] = []
        var http: HTTPClient?
        if !s3.isEmpty {
            var clientConfiguration = HTTPClient.Configuration()
            clientConfiguration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(10), read: .seconds(120))
            clientConfiguration.redirectConfiguration = .disallow
            // A refused or failed connection fails the request at once, for S3BackupStorage's own retries (1 s, 2 s):
            // AsyncHTTPClient would otherwise retry connecting until the request's deadline (30 minutes for a part).
            clientConfiguration.connectionPool.retryConnectionEstablishment = false
            let client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: clientConfiguration)
            http = client
            all += s3.map { S3BackupStorage(client: S3Client(settings: $0, http: client)) }
        }
        all += sftp.map { SFTPBackupStorage(settings: $0) }
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
