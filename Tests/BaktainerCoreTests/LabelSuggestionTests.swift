import BaktainerCore
import Testing

/// `validate --suggest`: the labels to set instead of the Ruby tool's unread ones and misspelled ones.
@Suite struct LabelSuggestionTests {
    private static func container(_ labels: [String: String]) -> ContainerInfo {
        ContainerInfo(id: "c1", name: "old-db", labels: ["baktainer.backup": "true", "baktainer.db.engine": "postgres"].merging(labels) { $1 })
    }

    @Test func rubyToolLabelsBecomeTheLabelsThatWork() {
        let found = LabelSuggestion.suggest(
            for: Self.container([
                "baktainer.backup.compress": "true", "baktainer.backup.retention.days": "14", "baktainer.backup.retention.count": "5",
                "baktainer.backup.retention.keep_weekly": "4",
            ]))
        #expect(
            found.map(\.description) == [
                "container 'old-db': set baktainer.compress=true instead of baktainer.backup.compress (the Ruby tool's baktainer.backup.compress was never read)",
                "container 'old-db': set baktainer.retention.keep-last=5 instead of baktainer.backup.retention.count (the Ruby tool's baktainer.backup.retention.count was never read)",
                "container 'old-db': set baktainer.retention.keep-within=14d instead of baktainer.backup.retention.days (the Ruby tool's baktainer.backup.retention.days was never read)",
                "container 'old-db': set baktainer.retention.keep-weekly=4 instead of baktainer.backup.retention.keep_weekly (the Ruby tool's baktainer.backup.retention.keep_weekly was never read)",
            ])
    }

    @Test func typosInLabelNamesAndTheEngineAreCorrected() {
        let found = LabelSuggestion.suggest(for: Self.container(["baktainer.db.engine": "postgress", "baktainer.db.nmae": "shop", "baktainer.zzz": "1"]))
        #expect(
            found == [
                LabelSuggestion(containerName: "old-db", remove: nil, set: ("baktainer.db.engine", "postgres"), reason: "'postgress' is not an engine"),
                LabelSuggestion(
                    containerName: "old-db", remove: "baktainer.db.nmae", set: ("baktainer.db.name", "shop"),
                    reason: "baktainer.db.nmae is not a label Baktainer reads"),
            ])
        #expect(found[0].description == "container 'old-db': set baktainer.db.engine=postgres ('postgress' is not an engine)")
    }

    @Test func correctLabelsNeedNothing() {
        #expect(LabelSuggestion.suggest(for: Self.container(["baktainer.compress": "zstd", "baktainer.retention.keep-daily": "7"])).isEmpty)
    }
}
