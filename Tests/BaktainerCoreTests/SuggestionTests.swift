import BaktainerCore
import Testing

@Suite struct SuggestionTests {
    @Test(arguments: [
        ("bakup", "backup"), ("postgress", "postgres"), ("BT_RETENTON_KEEP_LAST", "BT_RETENTION_KEEP_LAST"),
        ("baktainer.compres", "baktainer.compress"), ("VERIFY", "verify"),
    ])
    func aTypoFindsTheKnownName(typo: String, expected: String) {
        let known = ["backup", "restore", "verify", "postgres", "mysql", "BT_RETENTION_KEEP_LAST", "BT_RETENTION_KEEP_DAILY", "baktainer.compress"]
        #expect(Suggestion.closest(to: typo, among: known) == expected)
        #expect(Suggestion.didYouMean(typo, among: known) == " (did you mean \(expected)?)")
    }

    @Test func aWordFarFromEveryNameGetsNoSuggestion() {
        #expect(Suggestion.closest(to: "zzzzzz", among: ["backup", "restore"]) == nil)
        #expect(Suggestion.closest(to: "ab", among: ["xy"]) == nil)
        #expect(Suggestion.didYouMean("zzzzzz", among: ["backup"]) == "")
    }

    @Test func theClosestOfSeveralCandidatesWins() {
        #expect(Suggestion.closest(to: "BT_RETENTION_KEEP_DAYLY", among: ["BT_RETENTION_KEEP_LAST", "BT_RETENTION_KEEP_DAILY"]) == "BT_RETENTION_KEEP_DAILY")
    }

    @Test func countsTakeTheRightNumber() {
        #expect(1.counted("table") == "1 table")
        #expect(2.counted("table") == "2 tables")
        #expect(0.counted("backup") == "0 backups")
    }
}
