import BaktainerCore
import Foundation

/// A real dump from Tests/Fixtures/RowCounting (made by scripts/rowcount-fixtures.sh) and the `count(*)` of
/// every table the server gave right after it, fed to a row counter split in the ways a stream can split it.
struct RowCountingFixture {
    /// The dump's bytes.
    let dump: [UInt8]
    /// `schema.table` → rows, from the server.
    let counts: [String: Int]

    /// Loads `NAME.sql` and the counts file `COUNTS.counts.json`.
    init(_ name: String, counts: String) throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/RowCounting")
        dump = Array(try Data(contentsOf: directory.appendingPathComponent("\(name).sql")))
        let json = try Data(contentsOf: directory.appendingPathComponent("\(counts).counts.json"))
        self.counts = try JSONDecoder().decode([String: Int].self, from: json)
    }

    /// The counts of `counter` after reading `bytes` in pieces of the given lengths (the last piece takes the
    /// rest).
    static func count<Counter: DumpRowCounter>(_ counter: Counter, _ bytes: [UInt8], pieces: [Int]) -> [String: Int] {
        var counter = counter
        bytes.withUnsafeBytes { all in
            var start = 0
            for length in pieces where start < all.count {
                let end = min(all.count, start + length)
                counter.consume(UnsafeRawBufferPointer(rebasing: all[start..<end]))
                start = end
            }
            if start < all.count { counter.consume(UnsafeRawBufferPointer(rebasing: all[start...])) }
        }
        return counter.counts()
    }

    /// Piece lengths from a seeded generator (1 to `maximum` bytes), so that a failure can be replayed.
    static func randomPieces(seed: UInt64, total: Int, maximum: Int) -> [Int] {
        var state = seed
        var pieces: [Int] = []
        var sum = 0
        while sum < total {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407  // an LCG: same seed, same split
            let length = Int((state >> 33) % UInt64(maximum)) + 1
            pieces.append(length)
            sum += length
        }
        return pieces
    }
}
