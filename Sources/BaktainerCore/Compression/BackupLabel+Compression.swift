extension BackupLabel {
    /// This container's compression, overriding `BT_COMPRESS`: `gzip`, `zstd`, `none`, `true` or `false`.
    package static let compress = "baktainer.compress"
    /// This container's compression level, overriding `BT_COMPRESS_LEVEL`: gzip 1…9, zstd 1…19.
    package static let compressLevel = "baktainer.compress.level"
}
