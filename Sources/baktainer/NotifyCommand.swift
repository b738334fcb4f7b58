import ArgumentParser
import BaktainerCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `baktainer notify`: the notification channels.
struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract: "Work with the notification channels (BT_NOTIFY_URLS).",
        subcommands: [NotifyTestCommand.self])
}

/// `baktainer notify test [CHANNEL]`: sends a test message to every channel (or one) and prints each result.
struct NotifyTestCommand: ConfiguredCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Send a test message to every notification channel, or to the one named, and print each result.",
        discussion: "Exits 0 only if every channel took the message. Uptime monitors get a log entry (Healthchecks) or an up ping (Uptime Kuma).")

    @Argument(help: "A channel's name (a URL's name=, else its kind: slack, smtp, …).")
    var channel: String?

    @OptionGroup var output: OutputOptions

    func run(configuration: BaktainerConfiguration) async throws {
        let logger = output.logger(configuration)
        try await ConfiguredNotifier.with(configuration, logger: logger) { notifier in
            let channels = notifier.channels.filter { channel == nil || $0.name == channel }
            guard !channels.isEmpty else {
                let known = notifier.channels.map(\.name)
                throw CommandFailure(
                    known.isEmpty
                        ? "no notification channel is configured: set BT_NOTIFY_URLS (docs/notifications.md)"
                        : "no notification channel is named '\(channel ?? "")': the channels are \(known.joined(separator: ", "))")
            }
            let host = ProcessInfo.processInfo.hostName
            var message = BackupNotification(
                .test, title: "Baktainer test message", text: "This is a test message from Baktainer on \(host): this channel works.", at: Date())
            message.hostname = host
            var failed = false
            for (channel, error) in await notifier.send(message, to: channels) {
                if let error {
                    failed = true
                    print("\(channel.displayName): failed: \(error.message)")
                } else {
                    print("\(channel.displayName): sent")
                }
            }
            if failed { throw ExitCode(1) }
        }
    }
}
