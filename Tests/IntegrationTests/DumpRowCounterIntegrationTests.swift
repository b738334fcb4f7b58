import BaktainerCore
import DockerEngineAPI
import Foundation
import Testing

/// The row counters on dumps made by the engines' own commands from live servers (a whole MariaDB server
/// too, whose dump is too large for a committed fixture), fed in random pieces and compared with
/// ``TableInventory`` on the same, idle server: the counts a backup records are what a restore test counts.
@Suite struct DumpRowCounterIntegrationTests {
    let runtime: DockerRuntime

    init() async throws {
        runtime = DockerRuntime(client: try await DockerClient.connect())
    }

    /// Runs the engine's dump command for `target` and returns the dump.
    private func dump(_ target: BackupTarget) async throws -> [UInt8] {
        let command = try target.engine.dumpCommand(for: target)
        var bytes: [UInt8] = []
        let termination = try await runtime.withExec(command, in: target.containerID) { exec in
            for try await buffer in exec.stdout { bytes.append(contentsOf: buffer.readableBytesView) }
            return try await exec.wait()
        }
        #expect(termination.exitCode == 0, "\(termination.stderrTail)")
        return bytes
    }

    /// The counts of `target`'s counter over `dump` in pieces of 1 to `maximum` bytes (seeded).
    private func counts(_ target: BackupTarget, _ dump: [UInt8], seed: UInt64, maximum: Int) throws -> [String: Int] {
        var counter = try #require(target.engine.rowCounter(for: target))
        var state = seed
        dump.withUnsafeBytes { all in
            var start = 0
            while start < all.count {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let end = min(all.count, start + Int((state >> 33) % UInt64(maximum)) + 1)
                counter.consume(UnsafeRawBufferPointer(rebasing: all[start..<end]))
                start = end
            }
        }
        return counter.counts()
    }

    @Test func postgresCountsEqualTheInventory() async throws {
        try await TestBed.withRun { run in
            let password = "pg-\(run)-secret"
            let name = try await TestBed.startContainer(
                fixture: "postgres", environment: ["POSTGRES_PASSWORD": password, "POSTGRES_USER": "app", "POSTGRES_DB": "shop"], runID: run)
            try await TestBed.waitReady(name, engine: "postgres")
            let seed = #"""
                create table items(id int primary key, body text); insert into items select g, repeat(md5(g::text), 3) || E'\\.\t\n' from generate_series(1, 20000) g;
                create schema "Odd Schema"; create table "Odd Schema"."Tab""le"(x text); insert into "Odd Schema"."Tab""le" values (E'\\.'), (''), (null);
                create table empty_one(x int); create table nocols(); insert into nocols default values;
                create table m(id int, v text) partition by range (id); create table m1 partition of m for values from (0) to (10);
                create table m2 partition of m for values from (10) to (100) partition by range (id); create table m2a partition of m2 for values from (10) to (50);
                insert into m select g, 'x' from generate_series(1, 40) g; create table m_empty(id int) partition by list (id);
                create table base(a int); create table derived(b int) inherits (base); insert into base values (1); insert into derived values (2, 3), (4, 5);
                """#
            try await TestBed.docker(["exec", "-e", "PGPASSWORD=\(password)", name, "psql", "-v", "ON_ERROR_STOP=1", "-U", "app", "-d", "shop", "-qc", seed])
            let target = BackupTarget(
                containerID: name, containerName: name, engine: PostgresEngine(), database: "shop", user: "app", password: Secret(password))
            let inventory = try #require(try await TableInventory.take(of: target, runtime: runtime))
            #expect(inventory["public.items"] == 20000 && inventory["public.m"] == 40 && inventory["public.base"] == 3 && inventory.count == 11)
            let dump = try await dump(target)
            for seed in 1...4 {
                #expect(try counts(target, dump, seed: UInt64(seed), maximum: seed % 2 == 0 ? 64 : 100_000) == inventory)
            }
        }
    }

    @Test(arguments: [("mariadb", false), ("mariadb", true), ("mysql", false)])
    func mysqlCountsEqualTheInventory(fixture: String, allDatabases: Bool) async throws {
        try await TestBed.withRun { run in
            let password = "root-\(run)-secret"
            let name = try await TestBed.startContainer(
                fixture: fixture, environment: ["MARIADB_ROOT_PASSWORD": password, "MARIADB_DATABASE": "shop"], runID: run)
            try await TestBed.waitReady(name, engine: fixture)
            let seed = #"""
                create table items(id int primary key, body text); insert into items select seq, concat(md5(seq), '\'),(\\', char(10), ';') from seq_1_to_20000;
                create table `Odd ``Tab``le`(b blob); insert into `Odd ``Tab``le` values (0x5c27), (0x00272829), (null), ('');
                create table empty_one(x int);
                create table p(id int) partition by range (id) (partition p0 values less than (10), partition p1 values less than maxvalue);
                insert into p values (1), (20);
                create database `second db`; create table `second db`.t(x int); insert into `second db`.t values (1), (2), (3);
                """#
            try await TestBed.docker(["exec", "-e", "MYSQL_PWD=\(password)", name, "mysql", "-uroot", "shop", "-e", seed])
            let target = BackupTarget(
                containerID: name, containerName: name, engine: MySQLEngine(identifier: fixture == "mysql" ? "mysql" : "mariadb"),
                database: allDatabases ? nil : "shop", user: "root",
                password: Secret(password), allDatabases: allDatabases)
            let inventory = try #require(try await TableInventory.take(of: target, runtime: runtime))
            #expect(inventory["shop.items"] == 20000 && inventory["shop.empty_one"] == 0 && inventory.count == (allDatabases ? 5 : 4))
            let dump = try await dump(target)
            for seed in 1...4 {
                #expect(try counts(target, dump, seed: UInt64(seed), maximum: seed % 2 == 0 ? 64 : 100_000) == inventory)
            }
        }
    }
}
