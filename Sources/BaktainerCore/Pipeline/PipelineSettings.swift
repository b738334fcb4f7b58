#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What happens to a dump on its way to disk and after: compression, encryption and retention, read once at
/// start-up.
///
/// Reads (see each part for its keys): ``CompressionSettings`` (`BT_COMPRESS`, `BT_COMPRESS_LEVEL`),
/// ``EncryptionSettings`` (`BT_AGE_RECIPIENTS`, `BT_AGE_RECIPIENTS_FILE`, `BT_AGE_PASSPHRASE`,
/// `BT_AGE_PASSPHRASE_FILE`, `BT_AGE_IDENTITY_FILE`), ``RetentionSettings`` (`BT_RETENTION_*`), ``FreeSpaceGuard``
/// (`BT_MIN_FREE_SPACE`) and `TZ` (the zone in which retention counts days). The memberwise defaults (no compression, no encryption, keep
/// everything) suit tests; the environment's defaults compress with gzip.
package struct PipelineSettings: Sendable {
    /// The compression of targets without a `baktainer.compress` label.
    package var compression: CompressionSettings
    /// Whom backups are encrypted to and which keys open them.
    package var encryption: EncryptionSettings
    /// Which backups to keep.
    package var retention: RetentionSettings
    /// The zone for retention periods.
    package var timeZone: TimeZone
    /// The free space a backup needs before it starts; nil: no minimum.
    package var minimumFreeSpace: FreeSpaceGuard?

    /// Settings with explicit values.
    package init(
        compression: CompressionSettings = CompressionSettings(compression: .none), encryption: EncryptionSettings = EncryptionSettings(),
        retention: RetentionSettings = RetentionSettings(global: RetentionPolicy()), timeZone: TimeZone = .gmt,
        minimumFreeSpace: FreeSpaceGuard? = nil
    ) {
        self.compression = compression
        self.encryption = encryption
        self.retention = retention
        self.timeZone = timeZone
        self.minimumFreeSpace = minimumFreeSpace
    }

    /// The extension of a file of `engine` written with `compression`: `sql`, `sql.gz`, `sql.zst.age`, ….
    package func fileExtension(of engine: any DatabaseEngine, compression: Compression) -> String {
        compression.appendingExtension(to: engine.fileExtension) + (encryption.isEnabled ? ".age" : "")
    }

    /// Reads every part from `environment`; throws a ``ConfigurationError`` naming the first malformed variable.
    package init(configuration environment: ConfigurationValues) throws(ConfigurationError) {
        let timeZone = try environment.timeZone(EnvironmentKey.timeZone) ?? .gmt
        self.init(
            compression: try CompressionSettings(configuration: environment), encryption: try EncryptionSettings(configuration: environment),
            retention: try RetentionSettings(configuration: environment).forDestination("local", configuration: environment), timeZone: timeZone,
            minimumFreeSpace: try FreeSpaceGuard(configuration: environment))
    }
}
