import BaktainerCore
import Testing

@Suite struct DiscoveryTests {
    let runtime = FakeRuntime(containers: [
        ContainerInfo(
            id: String(repeating: "a", count: 64), name: "shop-db", image: "postgres:16",
            labels: ["baktainer.backup": "true", "baktainer.db.engine": "postgres", "baktainer.db.name": "shop", "baktainer.db.password": "hunter2"],
            state: "running"),
        ContainerInfo(
            id: String(repeating: "b", count: 64), name: "cache", image: "redis:7",
            labels: ["baktainer.backup": "true", "baktainer.db.engine": "redis", "baktainer.name": "sessions"], state: "exited"),
        ContainerInfo(id: String(repeating: "c", count: 64), name: "web", image: "nginx", labels: [:], state: "running"),
        ContainerInfo(
            id: String(repeating: "d", count: 64), name: "opted-out", image: "mariadb", labels: ["baktainer.backup": "false"], state: "running"),
    ]) { _, _ in .output("") }

    @Test func findsOnlyContainersMarkedForBackup() async throws {
        let running = try await ContainerDiscovery(runtime: runtime).labelledContainers()
        #expect(running.map(\.name) == ["shop-db"])
        let all = try await ContainerDiscovery(runtime: runtime).labelledContainers(includeStopped: true)
        #expect(all.map(\.name) == ["cache", "shop-db"])
        #expect(all[0].backupName == "sessions")
        #expect(all[1].id == String(repeating: "a", count: 12))
    }

    @Test func tableShowsNameEngineDatabaseButNoSecret() async throws {
        var all = try await ContainerDiscovery(runtime: runtime).labelledContainers(includeStopped: true)
        all[1].validation = "ok"
        let text = all.table().rendered()
        #expect(
            text == """
                NAME     ENGINE    DATABASE  BACKUP NAME  STATE    VALIDATION
                cache    redis     -         sessions     exited   not checked (not running)
                shop-db  postgres  shop      shop-db      running  ok
                """)
        #expect(!text.contains("hunter2"))
    }
}
