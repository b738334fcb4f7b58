import BaktainerCore
import Testing

/// Mistyped names — settings, labels, engines — are flagged with the name most likely meant.
@Suite struct DidYouMeanTests {
    @Test func distanceCountsInsertionsDeletionsSubstitutionsAndSwaps() {
        #expect(NameSuggestion.distance("postgres", "postgres") == 0)
        #expect(NameSuggestion.distance("postgress", "postgres") == 1)
        #expect(NameSuggestion.distance("pasword", "password") == 1)
        #expect(NameSuggestion.distance("postgers", "postgres") == 1)  // a swap is one edit
        #expect(NameSuggestion.distance("redis", "mysql") == 5)
        #expect(NameSuggestion.distance("", "abc") == 3)
        #expect(NameSuggestion.distance("abc", "") == 3)
    }

    @Test func suggestsOnlyWhatIsCloseEnoughToBeATypo() {
        let engines = EngineRegistry().names
        #expect(NameSuggestion.closest(to: "postgress", among: engines) == "postgres")
        #expect(NameSuggestion.closest(to: "PostGress", among: engines) == "postgres")
        #expect(NameSuggestion.closest(to: "mariadn", among: engines) == "mariadb")
        #expect(NameSuggestion.closest(to: "oracle", among: engines) == nil)
        #expect(NameSuggestion.closest(to: "pg", among: engines) == nil)
        #expect(NameSuggestion.didYouMean("sqlite3", among: engines) == ": did you mean sqlite?")
        #expect(NameSuggestion.didYouMean("oracle", among: engines) == "")
    }

    @Test func unknownVariablesNameTheSettingMeant() {
        let environment = [
            "BT_RETENTON_KEEP_LAST": "3", "BT_COMPRES": "zstd", "BT_COMPRESS": "gzip", "BT_CONFIG_FILE": "/c.yml", "BT_AGE_PASSPHRASE_FILE": "/p",
            "BT_AGE_RECIPIENTS_FILE": "/r", "BT_AGE_IDENTITY_FILE": "/i", "BT_HEALTH_PORT": "8081", "BT_RETENTION_DAYS": "7", "BT_HEALTH_BIND": "::",
            "BT_WHATEVER_THIS_IS": "1", "POSTGRES_PASSWORD": "x", "TZ": "UTC",
        ]
        let unknown = UnknownVariable.find(in: environment)
        #expect(
            unknown == [
                UnknownVariable(name: "BT_COMPRES", suggestion: "BT_COMPRESS"),
                UnknownVariable(name: "BT_RETENTON_KEEP_LAST", suggestion: "BT_RETENTION_KEEP_LAST"),
                UnknownVariable(name: "BT_WHATEVER_THIS_IS"),
            ])
        #expect(unknown[1].description == "BT_RETENTON_KEEP_LAST is not a Baktainer setting: did you mean BT_RETENTION_KEEP_LAST?")
        #expect(unknown[2].description == "BT_WHATEVER_THIS_IS is not a Baktainer setting (`baktainer config` lists them)")
        #expect(unknown[0].warning == "BT_COMPRES is not a Baktainer setting and is ignored; did you mean BT_COMPRESS?")
    }

    @Test func everyCatalogVariableIsKnown() {
        let environment = Dictionary(uniqueKeysWithValues: UnknownVariable.known.map { ($0, "1") })
        #expect(UnknownVariable.find(in: environment).isEmpty)
        #expect(UnknownVariable.known.contains("BT_CONFIG_FILE") && UnknownVariable.known.contains("BT_AGE_PASSPHRASE_FILE"))
        for key in ConfigurationKey.all { #expect(UnknownVariable.known.contains(key.variable)) }
    }

    static func container(_ labels: [String: String]) -> ContainerInfo {
        ContainerInfo(id: "c1", name: "shop-db", labels: ["baktainer.backup": "true", "baktainer.db.engine": "postgres"].merging(labels) { $1 })
    }

    @Test func unknownLabelsNameTheLabelMeant() {
        let found = UnknownLabel.find(
            in: Self.container(["baktainer.compres": "zstd", "baktainer.db.pasword": "secret", "baktainer.nonsense.entirely": "1", "com.example": "x"]))
        #expect(
            found == [
                UnknownLabel(containerName: "shop-db", label: "baktainer.compres", suggestion: "baktainer.compress"),
                UnknownLabel(containerName: "shop-db", label: "baktainer.db.pasword", suggestion: "baktainer.db.password"),
                UnknownLabel(containerName: "shop-db", label: "baktainer.nonsense.entirely"),
            ])
        #expect(found[1].description == "container 'shop-db': label baktainer.db.pasword is not one Baktainer reads: did you mean baktainer.db.password?")
        #expect(!found.map(\.description).joined().contains("secret"))
        #expect(found[2].description == "container 'shop-db': label baktainer.nonsense.entirely is not one Baktainer reads")
    }

    @Test func everyLabelBaktainerReadsIsKnown() {
        let labels = [
            "baktainer.db.name": "shop", "baktainer.db.user": "u", "baktainer.db.password": "p", "baktainer.db.password_file": "/p",
            "baktainer.db.all": "false", "baktainer.name": "n", "baktainer.command": "pg_dump", "baktainer.schedule": "0 * * * *",
            "baktainer.schedule.hourly": "0 * * * *", "baktainer.schedule.hourly.retention.keep-last": "3", "baktainer.compress": "zstd",
            "baktainer.compress.level": "3", "baktainer.retention.keep-daily": "7", "baktainer.retention.keep-within": "2d",
            "baktainer.restore-test": "x",
        ]
        #expect(UnknownLabel.find(in: Self.container(labels)) == [])
    }

    @Test func retentionLabelsOfAnUndeclaredScheduleOrRuleAreFlagged() {
        let found = UnknownLabel.find(
            in: Self.container([
                "baktainer.schedule.hourly": "0 * * * *", "baktainer.schedule.hourly.retention.keep-dayly": "3",
                "baktainer.schedule.nightly.retention.keep-last": "3",
            ]))
        #expect(found.map(\.label) == ["baktainer.schedule.hourly.retention.keep-dayly", "baktainer.schedule.nightly.retention.keep-last"])
        #expect(found.first?.suggestion == "baktainer.schedule.hourly.retention.keep-daily")
    }

    @Test func aFilterLabelKeyIsTheUsersOwnNamespace() {
        let container = Self.container(["baktainer.instance": "prod", "baktainer.instance.owner": "ops", "baktainer.backup.extra": "x"])
        let found = UnknownLabel.find(in: container, filters: ["baktainer.backup=true", "baktainer.instance=prod"])
        #expect(found.map(\.label) == ["baktainer.backup.extra"])
        #expect(UnknownLabel.find(in: container).map(\.label) == ["baktainer.backup.extra", "baktainer.instance", "baktainer.instance.owner"])
    }
}
