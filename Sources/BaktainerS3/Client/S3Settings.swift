import BaktainerCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The S3 destination (`s3`) as configured by `BT_S3_*`: configured when `BT_S3_BUCKET` is set.
///
/// Errors name the variable (or file key) to fix; the secret key is a ``Secret`` and never printed.
package struct S3Settings: Sendable {
    /// The destination's name in outcomes, events, metrics and `--destination`.
    package var name = "s3"
    /// The bucket.
    package var bucket: String
    /// Where S3 answers, e.g. `https://s3.eu-central-1.amazonaws.com` or `http://127.0.0.1:9000`.
    package var endpoint: URLComponents
    /// The signing region.
    package var region: String
    /// Objects go under this prefix (no leading or trailing slash; empty: the bucket's root).
    package var prefix: String
    /// The key pair.
    package var credentials: S3Credentials
    /// Path-style addressing (`endpoint/bucket/key`) instead of virtual-host (`bucket.endpoint/key`).
    package var pathStyle: Bool
    /// `AES256` or `aws:kms`, sent as `x-amz-server-side-encryption`.
    package var serverSideEncryption: String?
    /// The KMS key for `aws:kms`.
    package var kmsKeyID: String?
    /// `STANDARD_IA`, `GLACIER_IR`, …
    package var storageClass: String?
    /// A fixed part size in bytes; nil: computed from each file's size (``MultipartPlan``).
    package var partSize: Int?
    /// Parts uploaded at the same time.
    package var partConcurrency = 8
    /// S3 Object Lock on every object: `GOVERNANCE` or `COMPLIANCE`, with ``objectLockRetention``.
    package var objectLockMode: String?
    /// How long each object stays locked from its upload.
    package var objectLockRetention: Duration?

    /// Variables read (see docs/configuration.md).
    package enum Key {
        package static let bucket = "BT_S3_BUCKET"
        package static let endpoint = "BT_S3_ENDPOINT"
        package static let region = "BT_S3_REGION"
        package static let prefix = "BT_S3_PREFIX"
        package static let accessKeyID = "BT_S3_ACCESS_KEY_ID"
        package static let secretAccessKey = "BT_S3_SECRET_ACCESS_KEY"
        package static let secretAccessKeyFile = "BT_S3_SECRET_ACCESS_KEY_FILE"
        package static let pathStyle = "BT_S3_PATH_STYLE"
        package static let serverSideEncryption = "BT_S3_SSE"
        package static let kmsKeyID = "BT_S3_SSE_KMS_KEY_ID"
        package static let storageClass = "BT_S3_STORAGE_CLASS"
        package static let partSize = "BT_S3_PART_SIZE"
        package static let objectLockMode = "BT_S3_OBJECT_LOCK_MODE"
        package static let objectLockRetain = "BT_S3_OBJECT_LOCK_RETAIN"
    }

    /// Creates settings directly (tests).
    package init(
        bucket: String, endpoint: URLComponents, region: String, prefix: String = "", credentials: S3Credentials, pathStyle: Bool,
        serverSideEncryption: String? = nil, kmsKeyID: String? = nil, storageClass: String? = nil, partSize: Int? = nil
    ) {
        self.bucket = bucket
        self.endpoint = endpoint
        self.region = region
        self.prefix = prefix
        self.credentials = credentials
        self.pathStyle = pathStyle
        self.serverSideEncryption = serverSideEncryption
        self.kmsKeyID = kmsKeyID
        self.storageClass = storageClass
        self.partSize = partSize
    }

    /// The S3 destination of `values`, nil when `BT_S3_BUCKET` is unset. `readFile` reads `BT_S3_SECRET_ACCESS_KEY_FILE`.
    package init?(
        configuration values: ConfigurationValues, readFile: (String) throws -> String = { try String(contentsOfFile: $0, encoding: .utf8) }
    ) throws(ConfigurationError) {
        guard let bucket = values.string(Key.bucket)?.trimmingCharacters(in: .whitespaces) else { return nil }
        guard !bucket.isEmpty, !bucket.contains("/") else {
            throw values.error(Key.bucket, "'\(bucket)' is not a bucket name: give the bucket alone, without slashes (use \(Key.prefix) for a folder)")
        }
        let region = values.string(Key.region) ?? "us-east-1"
        let endpointText = values.string(Key.endpoint) ?? "https://s3.\(region).amazonaws.com"
        guard let endpoint = URLComponents(string: endpointText), let scheme = endpoint.scheme, ["http", "https"].contains(scheme),
            let host = endpoint.host, !host.isEmpty, endpoint.path.isEmpty || endpoint.path == "/"
        else {
            throw values.error(Key.endpoint, "'\(endpointText)' is not an endpoint URL: use https://host[:port] (empty: AWS in \(Key.region))")
        }
        guard let accessKeyID = values.string(Key.accessKeyID) else {
            throw values.error(
                Key.accessKeyID, "is not set: the S3 destination needs an access key id (and \(Key.secretAccessKey) or \(Key.secretAccessKeyFile))")
        }
        guard let secret = try values.secret(Key.secretAccessKey, file: Key.secretAccessKeyFile, what: "the secret access key", readFile: readFile)
        else {
            throw values.error(Key.secretAccessKey, "is not set: the S3 destination needs the secret access key (or \(Key.secretAccessKeyFile))")
        }
        let sse = values.string(Key.serverSideEncryption)
        if let sse, !["AES256", "aws:kms"].contains(sse) {
            throw values.error(Key.serverSideEncryption, "'\(sse)' is not a server-side encryption: use AES256 or aws:kms")
        }
        let kmsKeyID = values.string(Key.kmsKeyID)
        if kmsKeyID != nil, sse != "aws:kms" {
            throw values.error(Key.kmsKeyID, "needs \(Key.serverSideEncryption)=aws:kms")
        }
        var partSize: Int?
        if let text = values.string(Key.partSize) {
            // Sizes read as BT_MIN_FREE_SPACE's: K, M, G are powers of 1024.
            guard case .bytes(let bytes)? = FreeSpaceGuard(text)?.minimum, let size = Int(exactly: bytes),
                size >= MultipartPlan.minimumPartSize, size <= MultipartPlan.maximumPartSize
            else {
                throw values.error(Key.partSize, "'\(text)' is not a part size from 5M to 5G (e.g. 16M)")
            }
            partSize = size
        }
        let lockMode = values.string(Key.objectLockMode)?.uppercased()
        if let lockMode, !["GOVERNANCE", "COMPLIANCE"].contains(lockMode) {
            throw values.error(Key.objectLockMode, "'\(lockMode)' is not an Object Lock mode: use GOVERNANCE or COMPLIANCE")
        }
        let lockRetention = try values.duration(Key.objectLockRetain)
        guard (lockMode == nil) == (lockRetention == nil) else {
            throw values.error(
                lockMode == nil ? Key.objectLockMode : Key.objectLockRetain,
                "is not set: Object Lock needs both \(Key.objectLockMode) and \(Key.objectLockRetain) (e.g. COMPLIANCE and 30d)")
        }
        self.init(
            bucket: bucket, endpoint: endpoint, region: region,
            prefix: (values.string(Key.prefix) ?? "").split(separator: "/").joined(separator: "/"),
            credentials: S3Credentials(accessKeyID: accessKeyID, secretAccessKey: secret),
            pathStyle: try values.bool(Key.pathStyle) ?? (values.string(Key.endpoint) != nil),
            serverSideEncryption: sse, kmsKeyID: kmsKeyID, storageClass: values.string(Key.storageClass), partSize: partSize)
        objectLockMode = lockMode
        objectLockRetention = lockRetention
    }

    /// `s3://bucket/prefix/`, for people.
    package var displayName: String { "s3://\(bucket)/\(prefix.isEmpty ? "" : prefix + "/")" }
}
