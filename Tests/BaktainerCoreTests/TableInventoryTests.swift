import BaktainerCore
import Testing

@Suite struct TableInventoryTests {
    private func inventory(_ target: BackupTarget) -> ContainerCommand? { target.engine.inventoryCommand(for: target) }

    private func target(_ engine: String, database: String? = "shop", all: Bool = false) -> BackupTarget {
        BackupTarget(
            containerID: "c", containerName: "db", engine: EngineRegistry().engine(named: engine)!, database: database, user: "app",
            password: Secret("s3cret-pw"), allDatabases: all)
    }

    @Test(arguments: ["postgres", "mysql", "mariadb"])
    func countsWithoutThePasswordInArguments(engine: String) throws {
        let command = try #require(inventory(target(engine)))
        #expect(!command.arguments.joined(separator: " ").contains("s3cret-pw"))
        #expect(command.environment.values.contains("s3cret-pw"))
    }

    @Test func enginesWithoutTablesHaveNoInventory() {
        #expect(inventory(target("redis", database: nil)) == nil)
        #expect(inventory(target("mongodb")) == nil)
        #expect(inventory(target("postgres", database: nil, all: true)) == nil)
    }

    @Test func aDatabaseNameIsQuotedAsSQLData() throws {
        let command = try #require(inventory(target("mariadb", database: "x'; drop table t; --")))
        #expect(command.arguments.contains { $0.contains("table_schema = 'x''; drop table t; --'") })
    }

    @Test func parsesTabSeparatedCounts() {
        #expect(TableInventory.parse("public.items\t5000\ns2.we ird\t2\n") == ["public.items": 5000, "s2.we ird": 2])
        #expect(TableInventory.parse("") == [:])
        #expect(TableInventory.parse("public.items\tmany\n") == nil)
        #expect(TableInventory.parse("no tab here\n") == nil)
    }
}
