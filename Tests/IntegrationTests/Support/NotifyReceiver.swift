import Foundation

/// A real HTTP server for one notification test: `scripts/testbed-receiver.py` on 127.0.0.1 (`scripts/testbed-notify.sh`)
/// records every request it receives as one JSON line and answers 200 `ok`; a path under `/status/NNN/` answers NNN
/// (body `error NNN`), one under `/hang/` is recorded and never answered. The tests read back what Baktainer sent.
struct NotifyReceiver: TestServer, Sendable {
    let pid: String
    /// The base URL, `http://127.0.0.1:PORT`, without a trailing slash.
    let url: String
    /// The JSON-lines file of the requests received.
    let logPath: String

    private static let script = script("testbed-notify.sh")

    /// Starts a receiver that has recorded nothing yet (the start script's readiness polls of `/ready` are never recorded).
    static func start() async throws -> NotifyReceiver {
        let values = try await launch(script, requiring: ["NOTIFY_PID", "NOTIFY_URL", "NOTIFY_LOG"])
        return NotifyReceiver(pid: values["NOTIFY_PID"]!, url: values["NOTIFY_URL"]!, logPath: values["NOTIFY_LOG"]!)
    }

    /// Stops the receiver (hung requests too) and removes its files.
    func stop() async {
        _ = try? await TestBed.tool(Self.script, ["stop", pid])
    }

    /// The requests received so far, in the order they arrived; none before the first. A line the receiver is still
    /// writing (no newline yet) is left for a later call.
    func requests() throws -> [ReceivedRequest] {
        guard FileManager.default.fileExists(atPath: logPath) else { return [] }
        let data = try Data(contentsOf: URL(fileURLWithPath: logPath))
        var lines = data.split(separator: UInt8(ascii: "\n"))
        if data.last != UInt8(ascii: "\n"), !lines.isEmpty { lines.removeLast() }
        let decoder = JSONDecoder()
        return try lines.map { try decoder.decode(ReceivedRequest.self, from: Data($0)) }
    }

    /// The requests received so far whose path starts with `prefix`, in the order they arrived.
    func requests(path prefix: String) throws -> [ReceivedRequest] {
        try requests().filter { $0.path.hasPrefix(prefix) }
    }

    /// Polls every 100 ms until at least `count` requests whose path starts with `prefix` (and that `matches`) have
    /// arrived, and returns all of those (a hang guard of `timeout`, not a timing claim); throws with what did
    /// arrive when the time is up.
    func waitForRequests(
        count: Int, path prefix: String = "/", timeout: Duration = .seconds(20), where matches: (ReceivedRequest) -> Bool = { _ in true }
    ) async throws -> [ReceivedRequest] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let received = try requests(path: prefix).filter(matches)
            if received.count >= count { return received }
            guard ContinuousClock.now < deadline else {
                let all = try requests().map { "\($0.method) \($0.path)\($0.query.isEmpty ? "" : "?\($0.query)") \($0.body.prefix(200))" }
                let what = "\(count) request(s) under \(prefix) at \(url)"
                throw TestBedError("gave up after \(timeout) waiting for \(what): \(received.count) came; all received:\n\(all.joined(separator: "\n"))")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}

/// One request a `NotifyReceiver` recorded (a line of its JSON-lines file).
struct ReceivedRequest: Decodable, Sendable {
    /// When it arrived, in seconds since 1970.
    let time: Double
    let method: String
    /// The path, without the query.
    let path: String
    /// The raw query string (still percent-encoded), empty without one.
    let query: String
    /// The headers by lower-cased name; a repeated header's values are joined with ", ".
    let headers: [String: String]
    /// The body as UTF-8, invalid bytes replaced by U+FFFD.
    let body: String
    /// The raw body in Base64.
    let bodyBase64: String

    private enum CodingKeys: String, CodingKey {
        case time, method, path, query, headers, body
        case bodyBase64 = "body_base64"
    }

    /// The raw body.
    var rawBody: Data { Data(base64Encoded: bodyBase64) ?? Data() }
}
