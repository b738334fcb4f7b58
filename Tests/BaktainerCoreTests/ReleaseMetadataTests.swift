import BaktainerCore
import Foundation
import Testing

/// The version `--version` prints is the one the image is labelled with and the changelog describes; the licence
/// the image's label names is the one in the repository.
@Suite struct ReleaseMetadataTests {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    private func file(_ name: String) throws -> String {
        try String(contentsOf: Self.root.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func theDockerfileLabelsTheImageWithTheBinarysVersion() throws {
        let lines = try file("Dockerfile").split(separator: "\n")
        #expect(lines.contains("ARG VERSION=\(BaktainerVersion.current)"), "Dockerfile: set ARG VERSION=\(BaktainerVersion.current)")
    }

    @Test func theChangelogHasASectionForThisVersion() throws {
        #expect(try file("CHANGELOG.md").contains("## [\(BaktainerVersion.current)]"), "CHANGELOG.md has no section for \(BaktainerVersion.current)")
    }

    @Test func theLicenceTheImageNamesIsTheRepositorys() throws {
        #expect(try file("LICENSE").contains("Apache License\n                           Version 2.0, January 2004"))
        #expect(try file("Dockerfile").contains(#"org.opencontainers.image.licenses="Apache-2.0""#))
    }
}
