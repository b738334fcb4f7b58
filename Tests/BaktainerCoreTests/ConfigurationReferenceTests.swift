import BaktainerCore
import Foundation
import Testing

/// docs/configuration.md is what `baktainer config --reference` prints, and it documents everything the code reads.
@Suite struct ConfigurationReferenceTests {
    /// The repository's docs/configuration.md, found from this file's path.
    private static let page = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/configuration.md")

    @Test func theCheckedInPageIsWhatTheCodeGenerates() throws {
        let checkedIn = try String(contentsOf: Self.page, encoding: .utf8)
        #expect(
            checkedIn == ConfigurationReference.markdown(),
            "docs/configuration.md is out of date: run `baktainer config --reference > docs/configuration.md`")
    }

    @Test func everyVariableAndOlderNameIsOnThePage() {
        let page = ConfigurationReference.markdown()
        for key in ConfigurationKey.all {
            for variable in key.variables { #expect(page.contains("`\(variable)`"), "\(variable)") }
            #expect(page.contains("`\(key.name)`"))
            #expect(!key.summary.isEmpty && !key.example.isEmpty && !key.type.isEmpty, "\(key.name)")
        }
        #expect(page.contains("`\(EnvironmentKey.configFile)`"))
    }

    @Test func everyLabelBaktainerReadsIsOnThePage() {
        // Every label on the page is known to `validate` (no unknown-label warning), and the fixed labels
        // `validate` knows are all on the page.
        let concrete = LabelReference.all.map(\.label).filter { !$0.contains("NAME") && !$0.contains("RULE") }
        let container = ContainerInfo(
            id: "c1", name: "db", labels: Dictionary(uniqueKeysWithValues: concrete.map { ($0, "x") }).merging(["baktainer.schedule.hourly": "x"]) { $1 })
        #expect(UnknownLabel.find(in: container) == [])
        for label in [
            BackupLabel.backup, BackupLabel.engine, BackupLabel.database, BackupLabel.user, BackupLabel.password, BackupLabel.passwordFile,
            BackupLabel.allDatabases, BackupLabel.name, BackupLabel.command, BackupLabel.schedule, BackupLabel.compress, BackupLabel.compressLevel,
            RestoreTest.label,
        ] {
            #expect(concrete.contains(label), "\(label)")
        }
        #expect(LabelReference.all.contains { $0.label == BackupLabel.retentionPrefix + "RULE" })
    }

    @Test func secretsShowNoExampleValue() {
        for key in ConfigurationKey.all where key.secrecy == .always { #expect(key.example.hasPrefix("("), "\(key.name)") }
    }
}
