import NIOCore
import Testing

@testable import DockerEngineAPI

@Suite struct DockerEndpointTests {
    @Test(arguments: [
        ("unix:///var/run/docker.sock", false, DockerEndpoint.unixSocket(path: "/var/run/docker.sock")),
        ("/run/user/1000/docker.sock", false, .unixSocket(path: "/run/user/1000/docker.sock")),
        ("tcp://10.0.0.5:2375", false, .tcp(host: "10.0.0.5", port: 2375, tls: false)),
        ("tcp://docker.lan:2376", true, .tcp(host: "docker.lan", port: 2376, tls: true)),
        ("tcp://docker.lan", true, .tcp(host: "docker.lan", port: 2376, tls: true)),
        ("tcp://docker.lan", false, .tcp(host: "docker.lan", port: 2375, tls: false)),
        ("https://[::1]:3000", false, .tcp(host: "::1", port: 3000, tls: true)),
        ("  tcp://h:1  ", false, .tcp(host: "h", port: 1, tls: false)),
    ])
    func parses(text: String, tls: Bool, expected: DockerEndpoint) throws {
        #expect(try DockerEndpoint(parsing: text, tls: tls) == expected)
    }

    @Test(arguments: ["docker.sock", "ftp://x:1", "tcp://:2375", "tcp://h:notaport", "tcp://h:70000", "unix://relative"])
    func rejects(text: String) {
        #expect(throws: DockerError.self) { try DockerEndpoint(parsing: text) }
    }
}

@Suite struct APIVersionTests {
    @Test func comparesNumerically() {
        #expect(APIVersion("1.9")! < APIVersion("1.41")!)
        #expect(APIVersion("1.41")! < APIVersion("2.0")!)
        #expect(APIVersion("1.x") == nil)
        #expect(APIVersion("1") == nil)
    }

    @Test func negotiatesDownToTheDaemonAndRefusesAncientOnes() {
        #expect(APIVersion.negotiated(daemonVersion: APIVersion(1, 41)) == APIVersion(1, 41))
        #expect(APIVersion.negotiated(daemonVersion: APIVersion(1, 99)) == APIVersion.maximumSupported)
        #expect(APIVersion.negotiated(daemonVersion: APIVersion(1, 24)) == nil)
    }
}

@Suite struct RetryPolicyTests {
    @Test func delaysGrowExponentiallyUpToTheCeiling() {
        let policy = RetryPolicy(maximumAttempts: 10, initialDelay: .milliseconds(100), maximumDelay: .seconds(1))
        #expect(policy.delay(beforeRetry: 1, randomFraction: 1) == .milliseconds(100))
        #expect(policy.delay(beforeRetry: 2, randomFraction: 1) == .milliseconds(200))
        #expect(policy.delay(beforeRetry: 4, randomFraction: 1) == .milliseconds(800))
        #expect(policy.delay(beforeRetry: 5, randomFraction: 1) == .seconds(1))
        #expect(policy.delay(beforeRetry: 60, randomFraction: 1) == .seconds(1))
        #expect(policy.delay(beforeRetry: 3, randomFraction: 0.5) == .milliseconds(200))
        #expect(policy.delay(beforeRetry: 3, randomFraction: 0) == .zero)
    }

    @Test func retriesTransientFailuresOnly() async throws {
        let policy = RetryPolicy(maximumAttempts: 3, initialDelay: .milliseconds(1), maximumDelay: .milliseconds(2))
        var attempts = 0
        let value = try await policy.run {
            attempts += 1
            if attempts < 3 { throw DockerError(.connectionRefused, "refused") }
            return attempts
        }
        #expect(value == 3)

        attempts = 0
        await #expect(throws: DockerError.self) {
            try await policy.run {
                attempts += 1
                throw DockerError(.noSuchContainer, "404", httpStatus: 404)
            }
        }
        #expect(attempts == 1)

        attempts = 0
        await #expect(throws: DockerError.self) {
            try await policy.run {
                attempts += 1
                throw DockerError(.serviceUnavailable, "503", httpStatus: 503)
            }
        }
        #expect(attempts == 3)
    }
}

@Suite struct DockerRequestTests {
    @Test func encodesHeadBodyAndQuery() {
        let request = DockerRequest(
            method: "POST", path: "/containers/a b/exec", query: [("filters", #"{"label":["x=y"]}"#)],
            body: ByteBuffer(string: "{}"))
        let text = String(buffer: request.encoded(apiVersion: "1.41", host: "docker"))
        #expect(text.hasPrefix("POST /v1.41/containers/a b/exec?filters=%7B%22label%22%3A%5B%22x%3Dy%22%5D%7D HTTP/1.1\r\n"))
        #expect(text.contains("\r\nHost: docker\r\n"))
        #expect(text.contains("\r\nContent-Length: 2\r\n"))
        #expect(text.contains("\r\nConnection: close\r\n"))
        #expect(text.hasSuffix("\r\n\r\n{}"))
    }

    @Test func upgradeRequestAsksForARawStream() {
        let text = String(buffer: DockerRequest(method: "POST", path: "/exec/1/start", upgradeToRawStream: true).encoded(apiVersion: nil, host: "docker"))
        #expect(text.hasPrefix("POST /exec/1/start HTTP/1.1\r\n"))
        #expect(text.contains("Connection: Upgrade\r\nUpgrade: tcp\r\n"))
    }
}

@Suite struct LineSplitterAndTailTests {
    @Test func splitsLinesAcrossChunks() throws {
        var splitter = LineSplitter(maximumLineLength: 100)
        var lines: [String] = []
        for chunk in ["{\"a\":1}\n{\"b\"", ":2}\n", "\n{\"c\":3}"] {
            splitter.feed(ByteBuffer(string: chunk))
            while let line = try splitter.nextLine() { lines.append(String(buffer: line)) }
        }
        #expect(lines == [#"{"a":1}"#, #"{"b":2}"#, ""])
    }

    @Test func refusesEndlessLines() {
        var splitter = LineSplitter(maximumLineLength: 8)
        splitter.feed(ByteBuffer(string: "0123456789"))
        #expect(throws: DockerError.self) { _ = try splitter.nextLine() }
    }

    @Test func stderrTailKeepsTheLastBytes() {
        var tail = StderrTail(limit: 10)
        for index in 0..<100 { tail.append(ByteBuffer(string: "line \(index)\n")) }
        #expect(tail.text.utf8.count == 10)
        #expect(tail.text.hasSuffix("line 99\n"))
    }
}
