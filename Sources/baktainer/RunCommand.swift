import ArgumentParser
import BaktainerCore
import BaktainerHTTP
import DockerEngineAPI
import Logging
import ServiceLifecycle
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `baktainer run`: the daemon. Backs up the labelled containers on their schedules, follows Docker events,
/// serves health, metrics and status, and drains running backups on SIGTERM/SIGINT.
struct RunCommand: ConfiguredCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the daemon: back up labelled containers on their schedules until stopped.",
        discussion: """
            Schedules: BT_CRON (default 0 0 * * *) in TZ (default UTC), per container baktainer.schedule and \
            baktainer.schedule.NAME. Serves /health, /ready, /metrics and /api/status on BT_HTTP_PORT (default 8080). \
            On SIGTERM/SIGINT it starts nothing new and lets running backups finish within BT_SHUTDOWN_TIMEOUT.
            """)

    @OptionGroup var output: OutputOptions

    func run(configuration: BaktainerConfiguration) async throws {
        let logger = output.logger(configuration)
        let metrics = DaemonMetrics()
        let record: @Sendable (String, String) -> Void = { metrics.recordNotification(channel: $0, result: $1) }
        try await ConfiguredNotifier.with(configuration, logger: logger, record: record) { notifier in
            try await ConfiguredDestinations.with(configuration) {
                try await run(configuration, destinations: $0, notifier: notifier, metrics: metrics, logger: logger)
            }
        }
    }

    private func run(
        _ configuration: BaktainerConfiguration, destinations: ConfiguredDestinations, notifier: Notifier, metrics: DaemonMetrics, logger: Logger
    ) async throws {
        let (backupSettings, pipeline, daemonSettings) = (configuration.backup, configuration.pipeline, configuration.daemon)
        // A daemon may start before Docker does: it reports not ready and connects when Docker answers. A
        // refusal (a bad certificate, no permission on the socket) still stops it here, naming the setting.
        let runtime: DockerRuntime
        do {
            runtime = try await DockerRuntime.connect(configuration.docker)
        } catch let error as RuntimeError where error.code == .unreachable {
            logger.warning("Docker does not answer yet; backups wait until it does: \(error.message)")
            runtime = DockerRuntime.deferred(configuration.docker)
        } catch let error as RuntimeError {
            throw CommandEnvironment.failure(error, values: configuration.values)
        }
        let storage = CommandEnvironment.storage(configuration)
        CommandEnvironment.prepare(storage, logger: logger)
        let runner = BackupRunner(runtime: runtime, storage: storage, settings: pipeline)
        let copier = destinations.copier(from: storage, timeZone: pipeline.timeZone)
        let daemon = BackupDaemon(
            runtime: runtime, labels: backupSettings.discoveryLabels, settings: daemonSettings, maximumConcurrent: backupSettings.maximumConcurrentBackups,
            logger: logger, observers: notifier.isEnabled ? [notifier] : [], metrics: metrics,
            restoreTest: RestoreTest(
                runtime: runtime, restorer: RestoreRunner(runtime: runtime, identities: pipeline.encryption.identities, logger: logger),
                storage: try destinations.storage(named: daemonSettings.verifySource, local: storage, setting: EnvironmentKey.verifyFrom), logger: logger),
            trimmer: ExecutablePageTrimmer(logger: logger)
        ) { observer in
            BackupJobRunner(
                runner: runner, storage: storage, settings: pipeline, observer: observer, attempts: daemonSettings.retryAttempts, copier: copier)
        }
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        if let port = daemonSettings.httpPort {
            let endpoint = "\(daemonSettings.httpBind):\(port)"
            let server = StatusServer.application(
                state: daemon.state, metrics: daemon.metrics, settings: daemonSettings, port: port, logger: logger.withLevel(.warning),
                onListening: { logger.info("status server on \(endpoint)") })
            services.append(.init(service: StatusServerService(server: server, address: daemonSettings.httpBind, port: port)))
        }
        // Shut down in reverse order: the daemon drains first while the status server still answers; the notifier
        // then delivers what the last runs said, within its own drain time.
        if notifier.isEnabled { services.append(.init(service: notifier)) }
        services.append(.init(service: daemon, successTerminationBehavior: .gracefullyShutdownGroup))
        var configuration = ServiceGroupConfiguration(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger.withLevel(.warning))
        // The daemon cancels its own runs at BT_SHUTDOWN_TIMEOUT; these limits only catch a service that hangs anyway.
        configuration.maximumGracefulShutdownDuration = daemonSettings.shutdownTimeout + .seconds(30)
        configuration.maximumCancellationDuration = .seconds(15)
        try await ServiceGroup(configuration: configuration).run()
    }
}

extension Logger {
    /// A copy at `level` or quieter, for libraries whose routine messages are not the user's business.
    func withLevel(_ level: Logger.Level) -> Logger {
        var copy = self
        copy.logLevel = Swift.max(copy.logLevel, level)
        return copy
    }
}
