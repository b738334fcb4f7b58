import Foundation

/// A real S3 server for one test: moto on 127.0.0.1 with IAM authentication on (`scripts/testbed-s3.sh`), a bucket,
/// and an access key that must sign every request. awscli, an independent client, reads back what Baktainer stored.
struct S3TestServer: TestServer {
    let pid: String
    let endpoint: String
    let accessKeyID: String
    let secretAccessKey: String
    let bucket: String

    private static let script = script("testbed-s3.sh")

    /// Starts a server with a fresh bucket.
    static func start() async throws -> S3TestServer {
        let values = try await launch(script, requiring: ["S3_PID", "S3_ENDPOINT", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY", "S3_BUCKET"])
        return S3TestServer(
            pid: values["S3_PID"]!, endpoint: values["S3_ENDPOINT"]!, accessKeyID: values["S3_ACCESS_KEY_ID"]!,
            secretAccessKey: values["S3_SECRET_ACCESS_KEY"]!, bucket: values["S3_BUCKET"]!)
    }

    /// Stops the server.
    func stop() async {
        _ = try? await TestBed.tool(Self.script, ["stop", pid])
    }

    /// The settings that point Baktainer's destination `s3` at this server.
    var environment: [String: String] {
        [
            "BT_S3_BUCKET": bucket, "BT_S3_ENDPOINT": endpoint, "BT_S3_ACCESS_KEY_ID": accessKeyID, "BT_S3_SECRET_ACCESS_KEY": secretAccessKey,
            "BT_S3_REGION": "us-east-1",
        ]
    }

    /// Runs `aws ARGUMENTS` against the server with the test key; returns stdout, throwing with stderr on failure.
    @discardableResult
    func aws(_ arguments: [String]) async throws -> Data {
        let outcome = try await TestBed.tool(
            "/usr/bin/env",
            [
                "AWS_ACCESS_KEY_ID=\(accessKeyID)", "AWS_SECRET_ACCESS_KEY=\(secretAccessKey)", "AWS_DEFAULT_REGION=us-east-1", "aws", "--endpoint-url",
                endpoint,
            ] + arguments)
        guard outcome.status == 0 else { throw TestBedError("aws \(arguments.prefix(3).joined(separator: " ")) exited \(outcome.status): \(outcome.errors)") }
        return outcome.data
    }

    /// The keys in the bucket (moto refuses signed listings with a `/` in the prefix, getmoto/moto#5948: the whole
    /// bucket is listed).
    func keys() async throws -> [String] {
        let data = try await aws(["s3api", "list-objects-v2", "--bucket", bucket, "--output", "json"])
        guard !data.isEmpty, let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [] }
        return ((object["Contents"] as? [[String: Any]]) ?? []).compactMap { $0["Key"] as? String }.sorted()
    }

    /// `head-object` of `key` as JSON.
    func head(_ key: String) async throws -> [String: Any] {
        let data = try await aws(["s3api", "head-object", "--bucket", bucket, "--key", key, "--output", "json"])
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    /// The bytes of `key`, downloaded by awscli.
    func object(_ key: String) async throws -> Data {
        try await aws(["s3", "cp", "s3://\(bucket)/\(key)", "-", "--quiet"])
    }
}
