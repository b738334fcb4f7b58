import BaktainerCore
import Testing

@testable import BaktainerS3

/// `destinations:` in the configuration file: several named destinations, each read by its type's settings from
/// its own keys, errors naming the file and key, retention of its own.
@Suite struct NamedDestinationsTests {
    static let path = "/etc/baktainer.yml"

    static func values(_ text: String) throws -> ConfigurationValues {
        ConfigurationValues(environment: ["BT_S3_BUCKET": "from-variables"], file: try ConfigurationFile(path: path, text: text))
    }

    @Test func eachNamedDestinationHasItsOwnValuesAndRetention() throws {
        let values = try Self.values(
            """
            destinations:
              offsite:
                type: s3
                bucket: offsite-bucket
                endpoint: http://127.0.0.1:9000
                access_key_id: AKID
                secret_access_key: offsite-secret
                retention:
                  keep_daily: 30
              archive:
                type: s3
                bucket: archive-bucket
                access_key_id: AKID2
                secret_access_key_file: /run/secrets/archive
              nas:
                type: sftp
                host: nas.lan
            """)
        #expect(values.namedDestinations.map(\.name) == ["offsite", "archive", "nas"])
        #expect(values.string("BT_S3_BUCKET") == "from-variables")
        let offsite = try #require(values.namedDestinations.first)
        #expect(offsite.values.string("BT_S3_BUCKET") == "offsite-bucket")
        #expect(offsite.values.string("BT_OFFSITE_RETENTION_KEEP_DAILY") == "30")
        #expect(offsite.values.entry("BT_S3_SECRET_ACCESS_KEY")?.isSecret == true)
        var settings = try #require(try S3Settings(configuration: offsite.values))
        settings.name = offsite.name
        #expect(settings.bucket == "offsite-bucket" && settings.pathStyle)
        let retention = try RetentionSettings(global: RetentionPolicy()).forDestination("offsite", configuration: offsite.values)
        #expect(retention.destinationPolicy?.keepDaily == 30)
        // A key left out is named as the file's key, not as a variable the user never wrote.
        let archive = values.namedDestinations[1]
        #expect {
            try S3Settings(configuration: archive.values, readFile: { _ in "" })
        } throws: { error in
            "\(error)".contains("\(Self.path): destinations.archive.secret_access_key_file")
        }
        #expect(values.namedDestinations[2].values.origin("BT_SFTP_USER") == "\(Self.path): destinations.nas.user")
    }

    @Test(arguments: [
        ("destinations:\n  offsite:\n    bucket: x\n", "needs `type: s3` or `type: sftp`"),
        ("destinations:\n  offsite:\n    type: ftp\n", "needs `type: s3` or `type: sftp`"),
        ("destinations:\n  s3:\n    type: s3\n", "the name is taken"),
        ("destinations:\n  Off_Site:\n    type: s3\n", "lowercase letters"),
        ("destinations:\n  offsite:\n    type: s3\n    buckt: x\n", "destinations.offsite.buckt"),
        ("destinations:\n  offsite:\n    type: s3\n    host: x\n", "destinations.offsite.host"),
        ("destinations:\n  offsite:\n    type: s3\n    retention:\n      keep_forever: 1\n", "destinations.offsite.retention.keep_forever"),
        ("destinations: [a, b]\n", "a mapping of names"),
    ])
    func mistakesAreErrorsNamingTheKey(text: String, message: String) {
        #expect {
            try Self.values(text)
        } throws: { error in
            "\(error)".contains(message)
        }
    }
}
