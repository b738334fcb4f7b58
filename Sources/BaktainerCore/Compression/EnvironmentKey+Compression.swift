extension EnvironmentKey {
    /// Backup compression: `gzip` (default), `zstd` or `none`; the Ruby tool's `true` (gzip) and `false` (none).
    package static let compress = "BT_COMPRESS"
    /// Integer: the compression level, gzip 1…9 (default 6) or zstd 1…19 (default 3).
    package static let compressLevel = "BT_COMPRESS_LEVEL"
}
