#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import Logging

/// A swift-log handler writing one line per event to a sink (standard error by default): `text` as
/// `TIME LEVEL message key=value …`, or `json` as one object per line with `time`, `level`, `message` and the
/// metadata as fields (numbers and booleans given as `.stringConvertible` stay typed: see ``LogValue``). Each line is handed to the sink whole, so concurrent runs never interleave mid-line.
package struct LineLogHandler: LogHandler {
    package var metadata: Logger.Metadata = [:]
    package var logLevel: Logger.Level
    private let format: LogSettings.Format
    private let sink: @Sendable (String) -> Void

    /// Creates a handler at `settings.level` writing to `sink` (default: standard error).
    package init(settings: LogSettings, sink: @escaping @Sendable (String) -> Void = LineLogHandler.standardError) {
        logLevel = settings.level
        format = settings.format
        self.sink = sink
    }

    /// A logger labelled `label` using this handler.
    package static func logger(label: String, settings: LogSettings, sink: @escaping @Sendable (String) -> Void = standardError) -> Logger {
        Logger(label: label) { _ in LineLogHandler(settings: settings, sink: sink) }
    }

    /// Writes a line to the process's standard error.
    package static let standardError: @Sendable (String) -> Void = { line in
        var bytes = Array(line.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        var fields = metadata
        if let extra = event.metadata { fields.merge(extra) { $1 } }
        let time = Date().formatted(.iso8601)
        switch format {
        case .text:
            let pairs = fields.keys.sorted().map { "\($0)=\(Self.quotedIfNeeded("\(fields[$0]!)"))" }
            sink(([time, event.level.rawValue, "\(event.message)"] + pairs).joined(separator: " ") + "\n")
        case .json:
            var object: [String: LogValue] = fields.mapValues(LogValue.init)
            object["time"] = .string(time)
            object["level"] = .string(event.level.rawValue)
            object["message"] = .string("\(event.message)")
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let data = (try? encoder.encode(object)) ?? Data("{}".utf8)
            sink(String(decoding: data, as: UTF8.self) + "\n")
        }
    }

    private static func quotedIfNeeded(_ value: String) -> String {
        value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) || value.isEmpty
            ? "\"" + value.replacing("\"", with: "\\\"") + "\"" : value
    }
}
