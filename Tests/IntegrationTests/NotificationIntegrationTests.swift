import BaktainerCore
import Foundation
import Testing

/// Notifications as receivers see them: the real daemon backing up a real PostgreSQL whose database is missing
/// (pg_dump fails, with its stderr) until the test creates it, every channel kind pointed at a recording HTTP
/// receiver, and a hanging and a failing receiver that must not hold up backups or shutdown.
@Suite struct NotificationIntegrationTests {
    /// A postgres container labelled to dump database `shop`, which does not exist yet.
    private func brokenPostgres(_ run: String, password: String) async throws -> String {
        let name = try await TestBed.startContainer(
            fixture: "postgres", labels: ["baktainer.backup": "true", "baktainer.db.engine": "postgres", "baktainer.db.name": "shop"],
            environment: ["POSTGRES_PASSWORD": password], runID: run)
        try await TestBed.waitReady(name, engine: "postgres")
        return name
    }

    private func createDatabase(in container: String, password: String) async throws {
        try await TestBed.docker(["exec", "-e", "PGPASSWORD=\(password)", container, "psql", "-U", "postgres", "-qc", "CREATE DATABASE shop"])
    }

    /// `openssl dgst -sha256 -hmac`: an implementation of HMAC independent of Baktainer's.
    private func opensslHMAC(_ data: Data, secret: String) async throws -> String {
        let output = try await TestBed.tool("/usr/bin/openssl", ["dgst", "-sha256", "-hmac", secret, "-r"], stdin: data).output
        return String(output.prefix(64))
    }

    @Test func aFailureThenARecoveryReachEveryChannelOnceInItsShape() async throws {
        try await NotifyReceiver.with { receiver in
            try await TestBed.withRun { run in
                let password = "pg-\(run)-secret"
                let source = try await brokenPostgres(run, password: password)
                let base = receiver.url.replacingOccurrences(of: "http://", with: "")
                let urls = [
                    "generic+http://\(base)/hook?name=hook", "slack+http://\(base)/slack", "discord+http://\(base)/discord",
                    "teams+http://\(base)/teams", "ntfy+http://\(base)/ntfy-topic", "gotify+http://\(base)/gotify/AppTok3n",
                    "generic+http://\(base)/after3?name=after3&after=3", "healthchecks+http://\(base)/hc/uuid1",
                ]
                let secret = "whsec-\(run)"
                let daemon = try DaemonIntegrationTests.Daemon(
                    run: run, environment: ["BT_NOTIFY_URLS": urls.joined(separator: ","), "BT_NOTIFY_WEBHOOK_SECRET": secret, "BT_RETRY_ATTEMPTS": "1"])
                defer { daemon.terminate() }
                // The threshold-3 channel hears of it at the third failed run; by then the others have heard once.
                let third = try await receiver.waitForRequests(count: 1, path: "/after3", timeout: .seconds(120))
                #expect(third.count == 1)
                let hooks = try receiver.requests(path: "/hook")
                #expect(hooks.count == 1, "one message per change of state, not one per failed run: \(hooks.map(\.body))")
                let hook = try #require(hooks.first)
                let body = try #require(try JSONSerialization.jsonObject(with: hook.rawBody) as? [String: Any])
                #expect(body["event"] as? String == "failure" && body["container"] as? String == source && body["engine"] as? String == "postgres")
                #expect((body["error"] as? String)?.contains(#"database "shop" does not exist"#) == true, "\(hook.body)")
                #expect((body["stderr_tail"] as? String)?.contains("does not exist") == true && body["database"] as? String == "shop")
                // The signature verifies with openssl's HMAC over "t.body".
                let signature = try #require(hook.headers["x-baktainer-signature"])
                let parts = Dictionary(
                    uniqueKeysWithValues: signature.split(separator: ",").map { $0.split(separator: "=", maxSplits: 1).map(String.init) }.map { ($0[0], $0[1]) }
                )
                let t = try #require(parts["t"])
                #expect(abs((Double(t) ?? 0) - hook.time) < 60)
                #expect(try await opensslHMAC(Data("\(t).".utf8) + hook.rawBody, secret: secret) == parts["v1"])
                // Each chat service got one request in its own shape.
                let slack = try #require(try receiver.requests(path: "/slack").first)
                #expect(slack.body.contains(#""blocks""#) && slack.body.contains("Backup of \(source) failed"))
                let discord = try #require(try receiver.requests(path: "/discord").first)
                #expect(discord.body.contains(#""embeds""#) && discord.body.contains(#""name":"Container""#))
                let teams = try #require(try receiver.requests(path: "/teams").first)
                #expect(teams.body.contains("application/vnd.microsoft.card.adaptive") && teams.body.contains("AdaptiveCard"))
                let ntfy = try #require(try receiver.requests(path: "/ntfy-topic").first)
                #expect(ntfy.headers["title"] == "Backup of \(source) failed" && ntfy.headers["priority"] == "high")
                let gotify = try #require(try receiver.requests(path: "/gotify/message").first)
                #expect(gotify.headers["x-gotify-key"] == "AppTok3n" && gotify.body.contains(#""priority":8"#))
                for path in ["/slack", "/discord", "/teams", "/ntfy-topic", "/gotify"] { #expect(try receiver.requests(path: path).count == 1, "\(path)") }
                // The monitor heard every run start and fail, with the error as the body of /fail.
                let fails = try receiver.requests(path: "/hc/uuid1/fail")
                #expect(fails.count >= 3 && fails[0].body.contains("does not exist"))
                #expect(try receiver.requests(path: "/hc/uuid1/start").count >= 3)

                try await createDatabase(in: source, password: password)
                let recovered = try await receiver.waitForRequests(count: 2, path: "/hook", timeout: .seconds(60))
                let recovery = try #require(try JSONSerialization.jsonObject(with: recovered[1].rawBody) as? [String: Any])
                #expect(recovery["event"] as? String == "recovery" && recovery["container"] as? String == source)
                _ = try await receiver.waitForRequests(count: 2, path: "/after3", timeout: .seconds(30))
                // The success ping itself (a prefix wait would be satisfied by the /start and /fail pings already there).
                _ = try await receiver.waitForRequests(count: 1, path: "/hc/uuid1", timeout: .seconds(30)) { $0.path == "/hc/uuid1" && $0.method == "POST" }
                let outcome = try await daemon.stop()
                #expect(outcome.status == 0, "\(outcome.errors.suffix(2000))")
                // No message and no log line carries the database password or the webhook secret.
                let everything = try receiver.requests().map { $0.body + $0.query + $0.headers.values.joined() }.joined()
                #expect(!everything.contains(password) && !everything.contains(secret))
                #expect(!outcome.errors.contains(password) && !outcome.errors.contains(secret) && !outcome.errors.contains("AppTok3n"))
            }
        }
    }

    @Test func aHangingOrFailingReceiverNeitherDelaysBackupsNorShutdownAndIsCounted() async throws {
        try await NotifyReceiver.with { receiver in
            try await TestBed.withRun { run in
                _ = try await TestBed.startContainer(
                    fixture: "mongo-standin", labels: ["baktainer.backup": "true", "baktainer.db.engine": "mongodb"],
                    environment: ["MONGO_STANDIN_BYTES": "2048"], runID: run)
                let urls = ["generic+\(receiver.url)/hang/x?name=hang", "generic+\(receiver.url)/status/500/y?name=broken"]
                let daemon = try DaemonIntegrationTests.Daemon(
                    run: run, environment: ["BT_NOTIFY_URLS": urls.joined(separator: ","), "BT_NOTIFY_LEVEL": "success", "BT_NOTIFY_TIMEOUT": "3s"])
                defer { daemon.terminate() }
                // Backups go on every two seconds while one receiver never answers and the other answers 500.
                try await daemon.wait(for: "three backups") { daemon.files().filter { $0.hasSuffix(".archive.gz") }.count >= 3 }
                _ = try await receiver.waitForRequests(count: 1, path: "/hang/", timeout: .seconds(30))
                try await daemon.wait(for: "a failed delivery counted") {
                    try await daemon.get("/metrics").body.contains(#"baktainer_notifications_total{channel="broken",result="failed"}"#)
                }
                // SIGTERM: the daemon stops within its drain times although a receiver still hangs (a hang guard).
                let stopping = ContinuousClock.now
                let outcome = try await daemon.stop()
                #expect(ContinuousClock.now - stopping < .seconds(60), "shutdown waited on a hanging receiver")
                #expect(outcome.status == 0, "\(outcome.errors.suffix(2000))")
                #expect(outcome.errors.contains("broken (generic 127.0.0.1") && outcome.errors.contains("answered 500"))
            }
        }
    }

    @Test func aFailedBackupIsMailedOverSTARTTLSToEveryRecipient() async throws {
        try await SMTPTestServer.with(mode: "starttls") { smtp in
            try await TestBed.withRun { run in
                let password = "pg-\(run)-secret"
                let source = try await brokenPostgres(run, password: password)
                let url =
                    "smtp://\(smtp.user):\(smtp.password)@127.0.0.1:\(smtp.port)/?from=baktainer@example.com&to=ops@example.com,dba@example.com&ca=\(smtp.ca)"
                let outcome = try await BaktainerProcess.run(
                    ["backup", source], environment: ["BT_BACKUP_DIR": "/var/tmp/bt-notify-tests/\(run)", "BT_NOTIFY_URLS": url])
                #expect(outcome.status == 1)
                let mails = try smtp.messages()
                #expect(mails.count == 1, "one failure, one mail: \(mails.map(\.data))")
                let mail = try #require(mails.first)
                #expect(Set(mail.recipients) == ["ops@example.com", "dba@example.com"] && mail.mailFrom == "baktainer@example.com")
                #expect(mail.header("Subject") == "[Baktainer] Backup of \(source) failed")
                #expect(mail.header("To") == "ops@example.com, dba@example.com")
                #expect(mail.subject == "[Baktainer] Backup of \(source) failed")
                #expect(mail.text.contains(#"database "shop" does not exist"#) && mail.text.contains("Container: \(source)"), "\(mail.text)")
                #expect(!mail.data.contains(password) && !outcome.errors.contains(smtp.password))
            }
        }
    }

    @Test func notifyTestNamesWrongSMTPCredentialsWithoutThePassword() async throws {
        try await SMTPTestServer.with(mode: "starttls") { smtp in
            try await NotifyReceiver.with { receiver in
                let wrong = "not-\(smtp.password)"
                let urls = [
                    "smtp://\(smtp.user):\(wrong)@127.0.0.1:\(smtp.port)/?from=bt@example.com&to=ops@example.com&ca=\(smtp.ca)&name=mail",
                    "generic+\(receiver.url)/hook?name=hook",
                ]
                let outcome = try await BaktainerProcess.run(["notify", "test"], environment: ["BT_NOTIFY_URLS": urls.joined(separator: ",")])
                #expect(outcome.status == 1)
                #expect(
                    outcome.output.contains("mail (smtp 127.0.0.1:\(smtp.port)): failed:") && outcome.output.contains("refused the login"), "\(outcome.output)")
                #expect(outcome.output.contains("hook (generic 127.0.0.1") && outcome.output.contains(": sent"), "\(outcome.output)")
                #expect(!(outcome.output + outcome.errors).contains(wrong))
                let test = try #require(try receiver.requests(path: "/hook").first)
                #expect(test.body.contains(#""event":"test""#))
                #expect(try smtp.messages().isEmpty)
                // The right password: the test mail arrives.
                let right = try await BaktainerProcess.run(
                    ["notify", "test", "mail"], environment: ["BT_NOTIFY_URLS": urls[0].replacingOccurrences(of: wrong, with: smtp.password)])
                #expect(right.status == 0, "\(right.output)\(right.errors)")
                #expect(try smtp.messages().first?.header("Subject") == "[Baktainer] Baktainer test message")
            }
        }
    }
}
