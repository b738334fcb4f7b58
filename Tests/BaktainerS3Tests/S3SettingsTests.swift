import BaktainerCore
import Testing

@testable import BaktainerS3

/// `BT_S3_*` read strictly: each malformed value names its variable, the secret never shows, unset bucket means no
/// destination.
@Suite struct S3SettingsTests {
    static func values(_ variables: [String: String]) -> ConfigurationValues {
        ConfigurationValues(
            entries: Dictionary(uniqueKeysWithValues: variables.map { ($0.key, ConfigurationValues.Entry(value: $0.value, source: .variable($0.key))) }))
    }

    static let minimal = ["BT_S3_BUCKET": "db-backups", "BT_S3_ACCESS_KEY_ID": "AKIDEXAMPLE", "BT_S3_SECRET_ACCESS_KEY": "s3cr3t-value"]

    func settings(_ extra: [String: String]) throws -> S3Settings? {
        try S3Settings(
            configuration: Self.values(Self.minimal.merging(extra) { $1 }.filter { !$0.value.isEmpty }),
            readFile: { path in
                guard path == "/run/secrets/s3" else { throw CocoaLikeError() }
                return "from-file-secret\n"
            })
    }

    struct CocoaLikeError: Error {}

    @Test func noBucketNoDestination() throws {
        #expect(try S3Settings(configuration: Self.values([:])) == nil)
    }

    @Test func awsByDefaultVirtualHostAddressing() throws {
        let settings = try #require(try settings([:]))
        #expect(settings.endpoint.string == "https://s3.us-east-1.amazonaws.com")
        #expect(!settings.pathStyle)
        #expect(settings.region == "us-east-1")
        #expect(settings.displayName == "s3://db-backups/")
        #expect(!"\(settings.credentials)".contains("s3cr3t"))
    }

    @Test func aCustomEndpointIsPathStyleAndThePrefixIsNormalised() throws {
        let settings = try #require(try settings(["BT_S3_ENDPOINT": "http://127.0.0.1:9000", "BT_S3_PREFIX": "/prod//db/"]))
        #expect(settings.pathStyle)
        #expect(settings.prefix == "prod/db")
        #expect(try #require(try self.settings(["BT_S3_ENDPOINT": "http://minio:9000", "BT_S3_PATH_STYLE": "false"])).pathStyle == false)
    }

    @Test func objectLockTakesAModeAndARetention() throws {
        let settings = try #require(try settings(["BT_S3_OBJECT_LOCK_MODE": "compliance", "BT_S3_OBJECT_LOCK_RETAIN": "30d"]))
        #expect(settings.objectLockMode == "COMPLIANCE")
        #expect(settings.objectLockRetention == .seconds(30 * 86400))
        #expect(try #require(try self.settings([:])).objectLockMode == nil)
    }

    @Test func theSecretComesFromAFile() throws {
        let settings = try #require(try settings(["BT_S3_SECRET_ACCESS_KEY": "", "BT_S3_SECRET_ACCESS_KEY_FILE": "/run/secrets/s3"]))
        #expect(settings.credentials.secretAccessKey.revealed == "from-file-secret")
    }

    @Test(arguments: [
        (["BT_S3_BUCKET": "a/b"], "BT_S3_BUCKET"),
        (["BT_S3_ENDPOINT": "ftp://x"], "BT_S3_ENDPOINT"),
        (["BT_S3_ENDPOINT": "https://host/path"], "BT_S3_ENDPOINT"),
        (["BT_S3_ACCESS_KEY_ID": ""], "BT_S3_ACCESS_KEY_ID"),
        (["BT_S3_SECRET_ACCESS_KEY": ""], "BT_S3_SECRET_ACCESS_KEY"),
        (["BT_S3_SECRET_ACCESS_KEY_FILE": "/run/secrets/s3"], "BT_S3_SECRET_ACCESS_KEY"),
        (["BT_S3_SECRET_ACCESS_KEY": "", "BT_S3_SECRET_ACCESS_KEY_FILE": "/missing"], "BT_S3_SECRET_ACCESS_KEY_FILE"),
        (["BT_S3_SSE": "aes"], "BT_S3_SSE"),
        (["BT_S3_OBJECT_LOCK_MODE": "forever", "BT_S3_OBJECT_LOCK_RETAIN": "30d"], "BT_S3_OBJECT_LOCK_MODE"),
        (["BT_S3_OBJECT_LOCK_MODE": "COMPLIANCE"], "BT_S3_OBJECT_LOCK_RETAIN"),
        (["BT_S3_OBJECT_LOCK_RETAIN": "30d"], "BT_S3_OBJECT_LOCK_MODE"),
        (["BT_S3_OBJECT_LOCK_MODE": "COMPLIANCE", "BT_S3_OBJECT_LOCK_RETAIN": "soon"], "BT_S3_OBJECT_LOCK_RETAIN"),
        (["BT_S3_SSE_KMS_KEY_ID": "k"], "BT_S3_SSE_KMS_KEY_ID"),
        (["BT_S3_PART_SIZE": "1M"], "BT_S3_PART_SIZE"),
        (["BT_S3_PART_SIZE": "6G"], "BT_S3_PART_SIZE"),
        (["BT_S3_PATH_STYLE": "maybe"], "BT_S3_PATH_STYLE"),
    ])
    func malformedValuesNameTheirVariable(_ extra: [String: String], _ variable: String) {
        do {
            _ = try settings(extra)
            Issue.record("accepted \(extra)")
        } catch {
            #expect("\(error)".contains(variable), "\(error)")
            #expect(!"\(error)".contains("s3cr3t-value"))
        }
    }

    @Test func partSizeAndEncryptionAreRead() throws {
        let settings = try #require(
            try settings(["BT_S3_PART_SIZE": "64M", "BT_S3_SSE": "aws:kms", "BT_S3_SSE_KMS_KEY_ID": "alias/b", "BT_S3_STORAGE_CLASS": "STANDARD_IA"]))
        #expect(settings.partSize == 64 << 20)
        #expect(settings.serverSideEncryption == "aws:kms" && settings.kmsKeyID == "alias/b" && settings.storageClass == "STANDARD_IA")
    }

    @Test func errorsAdviseTheSettingToFix() {
        func advice(_ code: String, status: UInt = 403) -> String {
            S3Error(operation: "list", key: "", status: status, code: code, message: "").description
        }
        #expect(advice("SignatureDoesNotMatch").contains("BT_S3_SECRET_ACCESS_KEY"))
        #expect(advice("NoSuchBucket", status: 404).contains("BT_S3_BUCKET"))
        #expect(advice("AuthorizationHeaderMalformed", status: 400).contains("BT_S3_REGION"))
        #expect(S3Error(operation: "GET", key: "k", transport: CocoaLikeError(), endpoint: "http://h:1").description.contains("BT_S3_ENDPOINT"))
        #expect(S3Error(operation: "GET", key: "k", status: 503, code: "SlowDown", message: "").isTransient)
        #expect(!S3Error(operation: "GET", key: "k", status: 403, code: "AccessDenied", message: "").isTransient)
    }
}
