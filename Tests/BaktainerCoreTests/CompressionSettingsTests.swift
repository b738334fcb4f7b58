import BaktainerCore
import Testing

@Suite struct CompressionSettingsTests {
    private func settings(_ values: [String: String]) throws -> Compression {
        try CompressionSettings(configuration: ConfigurationValues(environment: values)).compression
    }

    @Test(arguments: [
        ([:], Compression.gzip(level: 6)),
        (["BT_COMPRESS": ""], .gzip(level: 6)),
        (["BT_COMPRESS": "gzip"], .gzip(level: 6)),
        (["BT_COMPRESS": "GZIP"], .gzip(level: 6)),
        (["BT_COMPRESS": "zstd"], .zstd(level: 3)),
        (["BT_COMPRESS": "Zstd"], .zstd(level: 3)),
        (["BT_COMPRESS": "none"], .none),
        (["BT_COMPRESS": "true"], .gzip(level: 6)),
        (["BT_COMPRESS": "TRUE"], .gzip(level: 6)),
        (["BT_COMPRESS": "false"], .none),
        (["BT_COMPRESS": "yes"], .gzip(level: 6)),
        (["BT_COMPRESS": "off"], .none),
        (["BT_COMPRESS_LEVEL": "9"], .gzip(level: 9)),
        (["BT_COMPRESS_LEVEL": "1"], .gzip(level: 1)),
        (["BT_COMPRESS": "gzip", "BT_COMPRESS_LEVEL": "4"], .gzip(level: 4)),
        (["BT_COMPRESS": "zstd", "BT_COMPRESS_LEVEL": "1"], .zstd(level: 1)),
        (["BT_COMPRESS": "zstd", "BT_COMPRESS_LEVEL": "19"], .zstd(level: 19)),
        (["BT_COMPRESS": "zstd", "BT_COMPRESS_LEVEL": "12"], .zstd(level: 12)),
        (["BT_COMPRESS": "none", "BT_COMPRESS_LEVEL": ""], .none),
    ])
    func acceptedEnvironmentValues(values: [String: String], expected: Compression) throws {
        #expect(try settings(values) == expected)
    }

    @Test(arguments: [
        (["BT_COMPRESS": "brotli"], "BT_COMPRESS"),
        (["BT_COMPRESS": "maybe"], "BT_COMPRESS"),
        (["BT_COMPRESS": "gz"], "BT_COMPRESS"),
        (["BT_COMPRESS_LEVEL": "0"], "BT_COMPRESS_LEVEL"),
        (["BT_COMPRESS_LEVEL": "10"], "BT_COMPRESS_LEVEL"),
        (["BT_COMPRESS": "gzip", "BT_COMPRESS_LEVEL": "12"], "BT_COMPRESS_LEVEL"),
        (["BT_COMPRESS": "zstd", "BT_COMPRESS_LEVEL": "0"], "BT_COMPRESS_LEVEL"),
        (["BT_COMPRESS": "zstd", "BT_COMPRESS_LEVEL": "20"], "BT_COMPRESS_LEVEL"),
        (["BT_COMPRESS": "zstd", "BT_COMPRESS_LEVEL": "-1"], "BT_COMPRESS_LEVEL"),
        (["BT_COMPRESS": "zstd", "BT_COMPRESS_LEVEL": "fast"], "BT_COMPRESS_LEVEL"),
        (["BT_COMPRESS": "none", "BT_COMPRESS_LEVEL": "5"], "BT_COMPRESS_LEVEL"),
    ])
    func malformedEnvironmentValuesNameTheVariable(values: [String: String], setting: String) {
        #expect { try settings(values) } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.setting == setting && !error.message.isEmpty && error.description.hasPrefix(setting)
        }
    }

    @Test func levelErrorSaysTheRange() {
        #expect(throws: ConfigurationError(setting: "BT_COMPRESS_LEVEL", "'20' is not a zstd level: use a whole number from 1 to 19")) {
            try settings(["BT_COMPRESS": "zstd", "BT_COMPRESS_LEVEL": "20"])
        }
        #expect(
            throws: ConfigurationError(
                setting: "BT_COMPRESS", "'lz4' is not a compression: use gzip, zstd or none (or a boolean: true for gzip, false for none)")
        ) {
            try settings(["BT_COMPRESS": "lz4"])
        }
    }

    @Test(arguments: [
        // (environment, labels, expected)
        ([:], [:], Compression.gzip(level: 6)),
        ([:], ["baktainer.compress": "zstd"], .zstd(level: 3)),
        ([:], ["baktainer.compress": "none"], .none),
        ([:], ["baktainer.compress": "false"], .none),
        ([:], ["baktainer.compress.level": "2"], .gzip(level: 2)),
        (["BT_COMPRESS": "none"], ["baktainer.compress": "true"], .gzip(level: 6)),
        (["BT_COMPRESS": "zstd", "BT_COMPRESS_LEVEL": "15"], [:], .zstd(level: 15)),
        (["BT_COMPRESS": "zstd", "BT_COMPRESS_LEVEL": "15"], ["baktainer.compress": "zstd"], .zstd(level: 15)),
        (["BT_COMPRESS": "zstd", "BT_COMPRESS_LEVEL": "15"], ["baktainer.compress": "gzip"], .gzip(level: 6)),
        (["BT_COMPRESS": "zstd", "BT_COMPRESS_LEVEL": "15"], ["baktainer.compress.level": "19"], .zstd(level: 19)),
        (["BT_COMPRESS": "zstd", "BT_COMPRESS_LEVEL": "15"], ["baktainer.compress": "gzip", "baktainer.compress.level": "9"], .gzip(level: 9)),
        (["BT_COMPRESS": "gzip", "BT_COMPRESS_LEVEL": "9"], ["baktainer.compress": "none"], .none),
        (["BT_COMPRESS": "gzip"], ["baktainer.compress": "", "baktainer.compress.level": ""], .gzip(level: 6)),
        (["BT_COMPRESS": "zstd"], ["baktainer.backup": "true", "baktainer.db.engine": "postgres"], .zstd(level: 3)),
    ])
    func labelsOverrideTheEnvironment(environment: [String: String], labels: [String: String], expected: Compression) throws {
        let settings = try CompressionSettings(configuration: ConfigurationValues(environment: environment))
        #expect(try settings.compression(forLabels: labels) == expected)
    }

    @Test(arguments: [
        (["baktainer.compress": "rar"], "baktainer.compress"),
        (["baktainer.compress": "2"], "baktainer.compress"),
        (["baktainer.compress.level": "0"], "baktainer.compress.level"),
        (["baktainer.compress.level": "10"], "baktainer.compress.level"),
        (["baktainer.compress": "zstd", "baktainer.compress.level": "20"], "baktainer.compress.level"),
        (["baktainer.compress": "none", "baktainer.compress.level": "3"], "baktainer.compress.level"),
        (["baktainer.compress.level": "high"], "baktainer.compress.level"),
    ])
    func malformedLabelsNameTheLabel(labels: [String: String], label: String) {
        #expect { try CompressionSettings().compression(forLabels: labels) } throws: { error in
            (error as? ConfigurationError)?.setting == label
        }
    }

    @Test func namesOfTheSettings() {
        #expect(EnvironmentKey.compress == "BT_COMPRESS")
        #expect(EnvironmentKey.compressLevel == "BT_COMPRESS_LEVEL")
        #expect(BackupLabel.compress == "baktainer.compress")
        #expect(BackupLabel.compressLevel == "baktainer.compress.level")
    }
}
