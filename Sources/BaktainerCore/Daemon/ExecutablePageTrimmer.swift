#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import Logging

/// Asks the kernel to reclaim the pages of the program's own file (`madvise(MADV_PAGEOUT)` on every mapping of
/// the executable: code, read-only data, data), the way Android compacts a background app.
///
/// Start-up and a backup touch code and type metadata spread over the whole 180 MB binary, and the kernel maps
/// 64 KiB around each first touch: about 20 MiB of clean file pages stay resident afterwards although an idle
/// daemon uses little of them. Reclaimed, they are faulted back in when used — from the page cache, where the
/// binary stays (measured: no major faults afterwards), or from the file when memory is short: a few MiB when a
/// backup next runs; what the idle daemon does use (its timers, the event stream, the status server) simply comes
/// back. Reclaim never loses data: a page the program wrote is anonymous memory, which the kernel keeps (or, with
/// swap, swaps). The heap and the libraries are left alone. Kernels before 5.4 (no `MADV_PAGEOUT`) refuse the
/// advice, and nothing changes.
package struct ExecutablePageTrimmer: IdleTrimming {
    private let logger: Logger

    /// A trimmer for this process.
    package init(logger: Logger = Logger(label: "baktainer", factory: { _ in SwiftLogNoOpLogHandler() })) {
        self.logger = logger
    }

    package func trim() {
        #if os(Linux)
        guard let text = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8),
            let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")  // the running binary's file
        else { return }
        let pageOut: Int32 = 21  // MADV_PAGEOUT (Linux 5.4)
        var advised = 0
        for range in Self.ranges(inMaps: text, executable: path) {
            guard let start = UnsafeMutableRawPointer(bitPattern: range.lowerBound) else { continue }
            if madvise(start, range.count, pageOut) == 0 { advised += range.count }
        }
        logger.debug("the executable's pages handed back to the kernel", metadata: ["mappedKiB": "\(advised / 1024)"])
        #endif
    }

    /// The address ranges of `executable`'s mappings in a `/proc/PID/maps` text.
    package static func ranges(inMaps text: String, executable: String) -> [Range<UInt>] {
        text.split(separator: "\n").compactMap(Mapping.init(line:)).filter { $0.path == executable }.map(\.range)
    }

    /// One line of `/proc/PID/maps` (or a header line of `smaps`): `start-end perms offset dev inode [path]`.
    package struct Mapping: Equatable, Sendable {
        /// The addresses it covers.
        package var range: Range<UInt>
        /// `r-xp` and the like.
        package var permissions: Substring
        /// The mapped file (which may hold spaces, or end in ` (deleted)`), or `[heap]`-like names; empty for none.
        package var path: Substring

        /// Parses `line`; nil when it is not a mapping line.
        package init?(line: Substring) {
            var rest = line
            var fields: [Substring] = []
            while fields.count < 5 {
                rest = rest.drop(while: { $0 == " " })
                guard !rest.isEmpty else { return nil }
                let end = rest.firstIndex(of: " ") ?? rest.endIndex
                fields.append(rest[..<end])
                rest = rest[end...]
            }
            let bounds = fields[0].split(separator: "-")
            guard bounds.count == 2, let start = UInt(bounds[0], radix: 16), let end = UInt(bounds[1], radix: 16), start < end else { return nil }
            range = start..<end
            permissions = fields[1]
            path = rest.drop(while: { $0 == " " })
        }
    }
}
