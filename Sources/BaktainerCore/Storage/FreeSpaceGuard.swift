#if canImport(Glibc)
import Glibc
#endif

/// `BT_MIN_FREE_SPACE`: the free space the backup volume must have before a backup starts.
///
/// Below it the backup is refused with a clear error instead of filling the disk; older backups are never
/// deleted to make room (retention alone decides what goes). Accepts bytes with an optional unit (`500M`,
/// `2G`, `1.5GiB`; `K`/`M`/`G`/`T` are powers of 1024 as `df -h` shows them) or a share of the volume (`10%`).
package struct FreeSpaceGuard: Sendable, Equatable {
    /// The requirement.
    package enum Minimum: Sendable, Equatable {
        /// At least this many bytes free.
        case bytes(UInt64)
        /// At least this share (0–100) of the volume free.
        case percent(Double)
    }

    /// What must be free.
    package var minimum: Minimum
    /// The setting's text, for messages.
    package var text: String

    /// Parses `text`; nil when it is not a size or a percentage.
    package init?(_ text: String) {
        let trimmed = text.trimmingWhitespace
        self.text = trimmed
        if trimmed.hasSuffix("%") {
            guard let share = Double(trimmed.dropLast()), share >= 0, share < 100 else { return nil }
            minimum = .percent(share)
            return
        }
        var number = Substring(trimmed)
        var multiplier: Double = 1
        let (kib, mib, gib, tib): (Double, Double, Double, Double) = (1024, 1024 * 1024, 1024 * 1024 * 1024, 1024 * 1024 * 1024 * 1024)
        let units: [(String, Double)] = [
            ("kib", kib), ("mib", mib), ("gib", gib), ("tib", tib), ("kb", kib), ("mb", mib), ("gb", gib), ("tb", tib), ("k", kib),
            ("m", mib), ("g", gib), ("t", tib), ("b", 1),
        ]
        for (unit, value) in units where number.lowercased().hasSuffix(unit) {
            number = number.dropLast(unit.count)
            multiplier = value
            break
        }
        guard let value = Double(number.trimmingWhitespace), value >= 0, value * multiplier < 1e19 else { return nil }
        minimum = .bytes(UInt64(value * multiplier))
    }

    /// Reads `BT_MIN_FREE_SPACE`; nil when unset.
    package init?(configuration environment: ConfigurationValues) throws(ConfigurationError) {
        guard let raw = environment.string(EnvironmentKey.minimumFreeSpace) else { return nil }
        guard let parsed = FreeSpaceGuard(raw) else {
            throw environment.error(
                EnvironmentKey.minimumFreeSpace, "'\(raw)' is not a size or share: use bytes with K, M, G or T (e.g. 2G) or a percentage (e.g. 10%)")
        }
        self = parsed
    }

    /// Whether a volume of `total` bytes with `available` free satisfies the requirement.
    package func isSatisfied(available: UInt64, total: UInt64) -> Bool {
        switch minimum {
        case .bytes(let bytes): available >= bytes
        case .percent(let share): total == 0 || Double(available) / Double(total) * 100 >= share
        }
    }

    /// Throws a ``StorageError`` (disk full) when the volume holding `directory` has less free space than required.
    package func check(directory: String) throws(StorageError) {
        var stats = statvfs()
        guard statvfs(directory, &stats) == 0 else { throw StorageError.posix(errno, "measure free space of", path: directory) }
        let available = UInt64(stats.f_bavail) * UInt64(stats.f_frsize)
        let total = UInt64(stats.f_blocks) * UInt64(stats.f_frsize)
        guard isSatisfied(available: available, total: total) else {
            throw StorageError(
                .diskFull,
                "only \(available / (1 << 20)) MiB of \(total / (1 << 20)) MiB free in \(directory), below \(EnvironmentKey.minimumFreeSpace)=\(text): "
                    + "the backup was not started and older backups were left alone; free space, add a retention policy or lower the setting")
        }
    }
}
