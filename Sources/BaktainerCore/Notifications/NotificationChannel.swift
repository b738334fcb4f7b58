/// Where notifications go: a webhook, a chat service, an e-mail relay, an uptime monitor. Built from the
/// operator's configuration (`BT_NOTIFY_URLS`) by the BaktainerNotify module; the ``Notifier`` decides what each
/// channel gets and delivers it off the backup path.
package protocol NotificationChannel: Sendable {
    /// The channel's name (a URL's `name=`, else its kind): what `baktainer.notify.channels` selects and the
    /// `channel` label of `baktainer_notifications_total`.
    var name: String { get }
    /// What the channel gets.
    var rule: NotificationRule { get }
    /// The channel for people: its kind and host, never a token, password or path (`slack (hooks.slack.com)`).
    var displayName: String { get }
    /// Sends one message; throws a ``NotificationError`` naming the channel (never its secret) when the receiver
    /// refuses or cannot be reached. The ``Notifier`` bounds the time and retries.
    func deliver(_ notification: BackupNotification) async throws(NotificationError)
}

/// What one channel gets: its minimum level, its threshold and its reminders.
package struct NotificationRule: Sendable, Equatable {
    /// Which events a channel gets.
    package enum Level: String, Sendable, CaseIterable {
        /// Problems and their recoveries (the default).
        case failure
        /// Also every successful backup.
        case success
        /// Also passed restore tests and skipped runs.
        case all
    }

    /// The minimum level.
    package var level: Level
    /// Report a problem only after this many in a row (1: the first).
    package var after: Int
    /// While a problem lasts, repeat its message at most this often; nil: once.
    package var remind: Duration?
    /// An uptime monitor (Healthchecks, Uptime Kuma): it gets every run's start, success and failure as they happen,
    /// without thresholds, so that the monitor itself notices a run that never comes.
    package var isMonitor: Bool
    /// Whether it gets the periodic summary when `BT_NOTIFY_SUMMARY` schedules one (`summary=no` opts out).
    package var summary: Bool

    /// Creates a rule.
    package init(level: Level = .failure, after: Int = 1, remind: Duration? = nil, isMonitor: Bool = false, summary: Bool = true) {
        self.level = level
        self.after = max(1, after)
        self.remind = remind
        self.isMonitor = isMonitor
        self.summary = summary
    }
}

/// A notification that could not be delivered.
package struct NotificationError: Error, CustomStringConvertible, Sendable {
    /// The channel's ``NotificationChannel/displayName``.
    package var channel: String
    /// What happened and what to check; never a secret.
    package var message: String
    /// Whether trying again may help (a timeout, a 5xx, a refused connection) rather than not (a 4xx, bad credentials).
    package var isTransient: Bool

    /// Creates an error.
    package init(channel: String, _ message: String, isTransient: Bool = true) {
        self.channel = channel
        self.message = message
        self.isTransient = isTransient
    }

    package var description: String { "notification channel \(channel): \(message)" }
}
