import BaktainerCore
import Foundation
import Testing

/// Which mappings the trimmer advises, and that it really gives this test process's code pages back.
@Suite struct ExecutablePageTrimmerTests {
    static let maps = """
        00400000-02bae000 r-xp 00000000 fd:01 123 /opt/bt/baktainer
        02bae000-02cf3000 r--p 027ae000 fd:01 123 /opt/bt/baktainer
        02cf3000-05290000 rw-p 028f3000 fd:01 123 /opt/bt/baktainer
        05290000-053e3000 rw-p 00000000 00:00 0 
        7f0000000000-7f0000010000 r-xp 00000000 fd:01 77                         /usr/lib/x86_64-linux-gnu/libc.so.6
        7f0000100000-7f0000180000 r-xp 00000000 fd:01 78                         /opt/bt/my backups/baktainer
        7f0000200000-7f0000280000 r-xp 00000000 fd:01 79                         /opt/bt/baktainer (deleted)
        7ffd00000000-7ffd00001000 r-xp 00000000 00:00 0                          [vdso]
        """

    @Test func onlyTheExecutablesOwnMappingsAreChosen() {
        #expect(
            ExecutablePageTrimmer.ranges(inMaps: Self.maps, executable: "/opt/bt/baktainer") == [
                0x40_0000..<0x2ba_e000, 0x2ba_e000..<0x2cf_3000, 0x2cf_3000..<0x529_0000,
            ])
        #expect(ExecutablePageTrimmer.ranges(inMaps: Self.maps, executable: "/opt/bt/my backups/baktainer") == [0x7f00_0010_0000..<0x7f00_0018_0000])
        // A binary replaced on disk while it runs is still found by the name the kernel gives it.
        #expect(ExecutablePageTrimmer.ranges(inMaps: Self.maps, executable: "/opt/bt/baktainer (deleted)") == [0x7f00_0020_0000..<0x7f00_0028_0000])
        #expect(ExecutablePageTrimmer.ranges(inMaps: Self.maps, executable: "/usr/bin/other").isEmpty)
        #expect(ExecutablePageTrimmer.Mapping(line: "Rss:                 132 kB") == nil)
        #expect(ExecutablePageTrimmer.Mapping(line: "05290000-053e3000 rw-p 00000000 00:00 0 ")?.path == "")
    }

    #if os(Linux)
    /// Resident KiB of this process's code mappings of its own executable, from /proc/self/smaps.
    static func residentCode() throws -> Int {
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let smaps = try String(contentsOfFile: "/proc/self/smaps", encoding: .utf8)
        var inCode = false
        var total = 0
        for line in smaps.split(separator: "\n") {
            if let mapping = ExecutablePageTrimmer.Mapping(line: line) {
                inCode = mapping.permissions == "r-xp" && mapping.path == executable
            } else if inCode, case let fields = line.split(separator: " "), fields.first == "Rss:", fields.count >= 2, let kib = Int(fields[1]) {
                total += kib
            }
        }
        return total
    }

    @Test func trimmingGivesThisProcesssCodePagesBack() throws {
        let before = try Self.residentCode()
        try #require(before > 1024, "the test binary's code should have more than 1 MiB resident, not \(before) KiB")
        ExecutablePageTrimmer().trim()
        let after = try Self.residentCode()
        // Other tests run meanwhile and fault some pages back in, but nowhere near half of them.
        #expect(after < before / 2, "resident code went from \(before) KiB to \(after) KiB")
    }
    #endif
}
