/// One stream of backups of a target: a name and the cron expression that fires it.
///
/// A container without schedule labels follows the global `BT_CRON` under the name `default`.
/// `baktainer.schedule=EXPR` replaces the global expression for that container; `baktainer.schedule.NAME=EXPR`
/// adds a named stream (e.g. `hourly`) whose files are called `<backup name>-NAME-<unix seconds>.<ext>`.
/// Named schedules replace the default stream unless `baktainer.schedule` is set too.
package struct BackupSchedule: Sendable, Equatable {
    /// The name of the stream; `default` for the global or `baktainer.schedule` one.
    package var name: String
    /// The expression as written.
    package var text: String
    /// The parsed expression.
    package var expression: CronExpression

    /// The name of the unnamed stream.
    package static let defaultName = "default"

    /// Creates a schedule, parsing `text`.
    package init(name: String, text: String) throws(CronError) {
        self.name = name
        self.text = text
        self.expression = try CronExpression(text)
    }

    /// The schedules a container's labels declare, or the error naming the bad label. Empty when the
    /// container follows the global schedule.
    package static func schedules(fromLabels labels: [String: String]) -> Result<[BackupSchedule], ScheduleLabelError> {
        var schedules: [BackupSchedule] = []
        let prefix = BackupLabel.schedule + "."
        for (key, value) in labels.sorted(by: { $0.key < $1.key }) where key == BackupLabel.schedule || key.hasPrefix(prefix) {
            let name = key == BackupLabel.schedule ? defaultName : String(key.dropFirst(prefix.count))
            guard !name.contains(".") else { continue }  // per-schedule settings, e.g. baktainer.schedule.hourly.retention.keep-last
            guard isValidName(name) else {
                return .failure(ScheduleLabelError(label: key, message: "'\(name)' is not a schedule name: use 1 to 32 of a-z 0-9 _"))
            }
            let text = value.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            do {
                schedules.append(try BackupSchedule(name: name, text: text))
            } catch {
                return .failure(ScheduleLabelError(label: key, message: error.description))
            }
        }
        return .success(schedules)
    }

    private static func isValidName(_ name: String) -> Bool {
        (1...32).contains(name.utf8.count)
            && name.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
            }
    }
}
