import AsyncHTTPClient
import BaktainerCore
import BaktainerNotify
import BaktainerSMTP
import Logging
import NIOPosix

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The notifier of the configuration (`BT_NOTIFY_URLS` and the Ruby tool's variables) with the HTTP client its
/// channels share. A command uses it inside ``with(_:logger:record:_:)``, which closes the client however the
/// command ends.
struct ConfiguredNotifier {
    /// Runs `body` with the configured notifier (one without channels when none is configured); `record` counts
    /// deliveries for the metrics.
    static func with<Result>(
        _ configuration: BaktainerConfiguration, logger: Logger, record: @escaping @Sendable (String, String) -> Void = { _, _ in },
        _ body: (Notifier) async throws -> Result
    ) async throws -> Result {
        let settings: NotifySettings
        do {
            settings = try NotifySettings(configuration: configuration.values)
        } catch {
            throw CommandFailure("configuration: \(error)")
        }
        for warning in settings.warnings { logger.warning("\(warning)") }
        var clientConfiguration = HTTPClient.Configuration()
        clientConfiguration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(10), read: .seconds(30))
        // A webhook that redirects could carry the message to a host the operator did not name.
        clientConfiguration.redirectConfiguration = .disallow
        let http = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: clientConfiguration)
        do {
            let channels: [any NotificationChannel]
            do {
                channels = try settings.channels(http: http, smtp: SMTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton))
            } catch {
                throw CommandFailure("configuration: \(error)")
            }
            let notifier = Notifier(
                channels: channels, timing: settings.timing, hostname: ProcessInfo.processInfo.hostName, logger: logger, record: record)
            let result = try await body(notifier)
            try? await http.shutdown()
            return result
        } catch {
            try? await http.shutdown()
            throw error
        }
    }
}
