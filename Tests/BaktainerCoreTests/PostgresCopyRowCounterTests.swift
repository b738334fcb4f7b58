import BaktainerCore
import Foundation
import Testing

/// The PostgreSQL counter on a real pg_dump of awkward tables, against `count(*)` from the server.
@Suite struct PostgresCopyRowCounterTests {
    let fixture: RowCountingFixture
    let expected: [String: Int]

    init() throws {
        fixture = try RowCountingFixture("postgres", counts: "postgres")
        expected = fixture.counts
    }

    @Test func theFixtureHasWhatTheTestsNeed() throws {
        let text = String(decoding: fixture.dump, as: UTF8.self)
        #expect(fixture.counts["public.nocols"] == 2 && text.contains("COPY public.nocols  FROM stdin;\n\n\n\\.\n"), "a row of no columns is an empty line")
        #expect(text.contains("ATTACH PARTITION") && text.contains("INHERITS (public.capitals, public.cities);"))
        #expect(text.contains("COPY public.\"new\nline\" (x) FROM stdin;"))
        #expect(fixture.counts.count == 18 && fixture.counts.values.reduce(0, +) > 300)
    }

    @Test func countsEveryTableOfTheDumpInOneBuffer() {
        #expect(RowCountingFixture.count(PostgresCopyRowCounter(), fixture.dump, pieces: [fixture.dump.count]) == expected)
    }

    @Test func countsTheSameFedOneByteAtATime() {
        #expect(RowCountingFixture.count(PostgresCopyRowCounter(), fixture.dump, pieces: Array(repeating: 1, count: fixture.dump.count)) == expected)
    }

    /// Split in two at every 29th byte (every byte is a boundary in the one-byte test above; this covers the fast
    /// paths on both sides of a boundary without hogging a test thread for minutes in a coverage build).
    @Test func countsTheSameSplitInTwoAtManyBytes() {
        var wrong: [Int] = []
        for split in stride(from: 0, through: fixture.dump.count, by: 29)
        where RowCountingFixture.count(PostgresCopyRowCounter(), fixture.dump, pieces: [split]) != expected {
            wrong.append(split)
        }
        #expect(wrong.count == 0, "wrong counts when split at \(wrong.prefix(10))")
    }

    @Test(arguments: 1...40)
    func countsTheSameInRandomPieces(seed: Int) {
        let pieces = RowCountingFixture.randomPieces(seed: UInt64(seed), total: fixture.dump.count, maximum: seed % 2 == 0 ? 16 : 700)
        #expect(RowCountingFixture.count(PostgresCopyRowCounter(), fixture.dump, pieces: pieces) == expected)
    }

    @Test func aTruncatedCopyBlockCountsOnlyWhatArrived() throws {
        let text = String(decoding: fixture.dump, as: UTF8.self)
        let start = try #require(text.range(of: "COPY public.items (id, name) FROM stdin;\n"))
        let cut = Array(text[..<start.upperBound].utf8) + Array("1\titem 1\n2\titem 2\n".utf8)
        let counts = RowCountingFixture.count(PostgresCopyRowCounter(), cut, pieces: [cut.count])
        #expect(counts["public.items"] == 0, "rows are added when the block ends")
        let ended = cut + Array("\\.\n".utf8)
        #expect(RowCountingFixture.count(PostgresCopyRowCounter(), ended, pieces: [ended.count])["public.items"] == 2)
    }
}
