import BaktainerCore
import Foundation
import Testing

/// The configuration built at start-up: variables over the YAML file over defaults, each value traced to its
/// source, secrets never shown, malformed values named with their key and source.
@Suite struct BaktainerConfigurationTests {
    static let path = "/etc/baktainer.yml"

    static func file(_ text: String) throws -> ConfigurationFile {
        try ConfigurationFile(path: path, text: text)
    }

    static func configuration(_ environment: [String: String], file text: String? = nil) throws -> BaktainerConfiguration {
        try BaktainerConfiguration(values: ConfigurationValues(environment: environment, file: text.map(Self.file)))
    }

    static func errors(_ environment: [String: String], file text: String? = nil) -> [ConfigurationError] {
        do {
            _ = try configuration(environment, file: text)
            return []
        } catch let error as ConfigurationErrors {
            return error.errors
        } catch {
            return [ConfigurationError(setting: "?", "\(error)")]
        }
    }

    @Test func environmentOnly() throws {
        let configuration = try Self.configuration([
            "BT_BACKUP_DIR": "/srv/backups", "BT_THREADS": "8", "BT_RETENTION_KEEP_DAILY": "7", "BT_COMPRESS": "zstd",
            "BT_CRON": "0 3 * * *", "BT_HTTP_PORT": "9090",
        ])
        #expect(configuration.backup.backupDirectory == "/srv/backups")
        #expect(configuration.backup.maximumConcurrentBackups == 8)
        #expect(configuration.pipeline.retention.global == RetentionPolicy(keepDaily: 7))
        #expect(configuration.pipeline.compression.compression == .zstd)
        #expect(configuration.daemon.httpPort == 9090)
        #expect(configuration.values.entry("BT_THREADS")?.source == .variable("BT_THREADS"))
    }

    @Test func creatingTheBackupDirectorysParentsIsAskedFor() throws {
        #expect(try Self.configuration([:]).backup.createsBackupDirectoryParents == false)
        #expect(try Self.configuration(["BT_BACKUP_DIR_CREATE_PARENTS": "yes"]).backup.createsBackupDirectoryParents == true)
        #expect(try Self.configuration([:], file: "backup_dir: /srv/b\nbackup_dir_create_parents: true\n").backup.createsBackupDirectoryParents == true)
        #expect(Self.errors(["BT_BACKUP_DIR_CREATE_PARENTS": "sure"]).map(\.description).contains { $0.contains("BT_BACKUP_DIR_CREATE_PARENTS") })
    }

    @Test func fileOnly() throws {
        let configuration = try Self.configuration(
            [:],
            file: """
                backup_dir: /srv/backups
                threads: 8
                compress: zstd
                compress_level: 5
                retention:
                  keep_daily: 7
                  keep_within: 30d
                http:
                  port: 9090
                run_on_start: yes
                """)
        #expect(configuration.backup.backupDirectory == "/srv/backups")
        #expect(configuration.backup.maximumConcurrentBackups == 8)
        #expect(configuration.pipeline.compression.compression == .zstd(level: 5))
        #expect(configuration.pipeline.retention.global == RetentionPolicy(keepDaily: 7, keepWithin: .seconds(30 * 86_400)))
        #expect(configuration.daemon.httpPort == 9090)
        #expect(configuration.daemon.runOnStart)
        #expect(configuration.values.entry("BT_RETENTION_KEEP_DAILY")?.source == .file(path: Self.path, key: "retention.keep_daily"))
    }

    @Test func environmentWinsOverTheFile() throws {
        let configuration = try Self.configuration(
            ["BT_THREADS": "2", "BT_RETENTION_KEEP_DAILY": "3"], file: "threads: 8\nretention: {keep_daily: 7, keep_weekly: 4}\n")
        #expect(configuration.backup.maximumConcurrentBackups == 2)
        #expect(configuration.pipeline.retention.global == RetentionPolicy(keepDaily: 3, keepWeekly: 4))
        #expect(configuration.values.entry("BT_THREADS")?.source == .variable("BT_THREADS"))
        #expect(configuration.values.entry("BT_RETENTION_KEEP_WEEKLY")?.source == .file(path: Self.path, key: "retention.keep_weekly"))
    }

    @Test func anyUnderscoreOfAKeyMayBeALevelOfNesting() throws {
        for text in ["retention_keep_daily: 7", "retention: {keep_daily: 7}", "retention: {keep: {daily: 7}}", "RETENTION:\n  KEEP_DAILY: 7"] {
            let values = ConfigurationValues(environment: [:], file: try Self.file(text))
            #expect(values.string("BT_RETENTION_KEEP_DAILY") == "7", "\(text)")
        }
        #expect(throws: ConfigurationError.self) { try Self.file("retention_keep_daily: 7\nretention: {keep_daily: 8}") }
    }

    @Test func everyKeyMapsToItsVariableByTheRule() {
        for key in ConfigurationKey.all {
            #expect(key.variable == "BT_" + key.name.replacingOccurrences(of: ".", with: "_").uppercased())
            // Read through swift-configuration's EnvironmentVariablesProvider: its key encoding agrees.
            #expect(ConfigurationValues(environment: [key.variable: "x"]).entry(key.variable)?.source == .variable(key.variable))
        }
        #expect(Set(ConfigurationKey.all.map(\.variable)).count == ConfigurationKey.all.count)
    }

    static let olderNames: [(String, String, String)] = [
        ("DOCKER_HOST", "BT_DOCKER_URL", "tcp://h:1"), ("DOCKER_TLS_VERIFY", "BT_SSL", "1"), ("DOCKER_CERT_PATH", "BT_DOCKER_CERT_PATH", "/certs"),
        ("LOG_LEVEL", "BT_LOG_LEVEL", "debug"), ("BT_HEALTH_PORT", "BT_HTTP_PORT", "9000"), ("TZ", "BT_TZ", "Europe/Berlin"),
    ]

    @Test(arguments: olderNames)
    func olderVariableNamesStillWorkAndLoseToTheNewOnes(old: String, new: String, value: String) throws {
        let alone = ConfigurationValues(environment: [old: value])
        #expect(alone.string(new) == value)
        #expect(alone.entry(new)?.source == .variable(old))
        #expect(alone.warnings.isEmpty)
        let file = ConfigurationValues(environment: [old: value], file: try Self.file("\(ConfigurationKey.named(new)!.name): other"))
        #expect(file.entry(new)?.source == .variable(old), "a variable, even an older name, wins over the file")
        let both = ConfigurationValues(environment: [old: value, new: "newer"])
        #expect(both.string(new) == "newer")
        #expect(both.warnings == ["\(old) is ignored: \(new) is set too and wins"])
    }

    @Test func unknownVariablesAreWarnedAbout() {
        let values = ConfigurationValues(
            environment: ["BT_THREADZ": "4", "BT_NOTHING_LIKE_IT": "1", "BT_CONFIG_FILE": "/x", "BT_AGE_PASSPHRASE_FILE": "/p", "PATH": "/bin"])
        #expect(
            values.warnings == [
                "BT_NOTHING_LIKE_IT is not a Baktainer setting and is ignored (`baktainer config` lists them)",
                "BT_THREADZ is not a Baktainer setting and is ignored; did you mean BT_THREADS?",
            ])
        #expect(values.unknownVariables == [UnknownVariable(name: "BT_NOTHING_LIKE_IT"), UnknownVariable(name: "BT_THREADZ", suggestion: "BT_THREADS")])
    }

    @Test func theReportNamesEverySourceAndEveryKey() throws {
        let values = ConfigurationValues(
            environment: ["BT_THREADS": "8", "DOCKER_HOST": "tcp://docker:2375"],
            file: try Self.file("backup_dir: /srv\nthreads: 2\nretention: {keep_daily: 7}"))
        let report = ConfigurationReport(values)
        #expect(report.file == Self.path)
        #expect(report.settings.map(\.key) == ConfigurationKey.all.map(\.name))
        func row(_ key: String) -> ConfigurationReport.Row? { report.settings.first { $0.key == key } }
        #expect(row("threads") == .init(key: "threads", variable: "BT_THREADS", value: "8", secret: false, source: "BT_THREADS"))
        #expect(row("docker.url")?.source == "DOCKER_HOST")
        #expect(row("backup_dir")?.source == "/etc/baktainer.yml: backup_dir")
        #expect(row("retention.keep_daily")?.source == "/etc/baktainer.yml: retention.keep_daily")
        #expect(row("cron") == .init(key: "cron", variable: "BT_CRON", value: "0 0 * * *", secret: false, source: "default"))
        #expect(row("max_backup_age")?.value == "(three schedule intervals)")
        #expect(row("verify_cron")?.value == nil && row("verify_cron")?.source == "default")
        let table = report.table().rendered()
        #expect(table.contains("/etc/baktainer.yml: retention.keep_daily"))
    }

    @Test func secretsNeverShowWhateverTheirSource() throws {
        let token = "token-\(UUID().uuidString)"
        let passphrase = "passphrase-\(UUID().uuidString)"
        let keyPEM = "-----BEGIN PRIVATE KEY-----\nkey-\(UUID().uuidString)\n-----END PRIVATE KEY-----"
        let values = ConfigurationValues(
            environment: ["BT_AGE_PASSPHRASE": passphrase, "BT_KEY": keyPEM],
            file: try Self.file("http:\n  token: \(token)\n"))
        let report = ConfigurationReport(values)
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        let shown = [report.table().rendered(), json, "\(report)", values.warnings.joined()]
        for secret in [token, passphrase, keyPEM, "key-"] {
            #expect(!shown.contains { $0.contains(secret) })
        }
        let rows = report.settings.filter(\.secret).map(\.key)
        #expect(rows == ["key", "age.passphrase", "http.token"])
        #expect(report.settings.filter(\.secret).allSatisfy { $0.value == ConfigurationReport.mask })
        // A key given as a file path is not secret and shows.
        #expect(
            ConfigurationReport(ConfigurationValues(environment: ["BT_KEY": "/certs/key.pem"])).settings.first { $0.key == "key" }?.value == "/certs/key.pem")
    }

    @Test func errorsAboutSecretsDoNotEchoThem() throws {
        let passphrase = "passphrase-\(UUID().uuidString)"
        let recipient = AgeKeyPair.generate().recipientString
        let messages = Self.errors(["BT_AGE_RECIPIENTS": recipient], file: "age: {passphrase: \(passphrase)}").map(\.description)
        #expect(messages.count == 1 && messages[0].hasPrefix("/etc/baktainer.yml: age.passphrase: cannot be combined with BT_AGE_RECIPIENTS"))
        #expect(!messages.joined().contains(passphrase))
        // Unknown keys and YAML errors name the key and line only: the line of a YAML error may be a secret.
        for text in ["http: {tokn: \(passphrase)}", "http:\n  token: \(passphrase)\n bad: [\n", "token: \"\(passphrase)"] {
            #expect { try Self.file(text) } throws: { error in
                let description = "\(error)"
                return description.hasPrefix(Self.path) && !description.contains(passphrase)
            }
        }
    }

    @Test func malformedValuesNameTheKeyAndWhereItCameFrom() {
        #expect(Self.errors(["BT_THREADS": "abc"]).map(\.description) == ["BT_THREADS: 'abc' is not a whole number from 1 to 64"])
        #expect(Self.errors([:], file: "threads: abc").map(\.description) == ["/etc/baktainer.yml: threads: 'abc' is not a whole number from 1 to 64"])
        #expect(Self.errors([:], file: "retention:\n  keep_daily: x").map(\.setting) == ["/etc/baktainer.yml: retention.keep_daily"])
        #expect(Self.errors(["DOCKER_TLS_VERIFY": "maybe"]).map(\.setting) == ["DOCKER_TLS_VERIFY"])
        #expect(Self.errors(["TZ": "Mars/Olympus"]).map(\.setting) == ["TZ"])
        // Every malformed setting is reported, not just the first.
        #expect(Self.errors(["BT_THREADS": "abc", "BT_CRON": "never", "BT_SSL": "maybe"]).map(\.setting).sorted() == ["BT_CRON", "BT_SSL", "BT_THREADS"])
    }

    @Test func unreadableMalformedOrUnknownFilesNameTheFile() {
        #expect { try ConfigurationValues.load(environment: ["BT_CONFIG_FILE": "/nonexistent/baktainer.yml"]) } throws: { error in
            "\(error)".hasPrefix("/nonexistent/baktainer.yml (BT_CONFIG_FILE): cannot read")
        }
        #expect { try Self.file("threads: [1, 2") } throws: { error in "\(error)".hasPrefix("/etc/baktainer.yml: is not valid YAML: line ") }
        #expect { try Self.file("- threads") } throws: { error in "\(error)".hasPrefix("/etc/baktainer.yml: is not a mapping") }
        #expect { try Self.file("threads: 4\nretention:\n  keep_daly: 7\n") } throws: { error in
            "\(error)" == "/etc/baktainer.yml: unknown key retention.keep_daly (line 3): `baktainer config` lists the known keys (BT_X_Y is x.y or x_y)"
        }
        #expect((try? Self.file(""))?.entries.isEmpty == true)
        #expect((try? Self.file("threads: ~\nretention: {keep_daily: }"))?.entries.isEmpty == true)
    }

    @Test func aListInTheFileIsItsItemsSeparatedByCommas() throws {
        let a = AgeKeyPair.generate().recipientString
        let b = AgeKeyPair.generate().recipientString
        let configuration = try Self.configuration([:], file: "age:\n  recipients:\n    - \(a)\n    - \(b)\n")
        #expect(configuration.pipeline.encryption.recipients.count == 2)
    }

    /// A literal default in the catalog must be what the settings apply when the key is unset.
    @Test func catalogDefaultsAreTheSettingsDefaults() throws {
        func rendered(_ environment: [String: String]) throws -> String {
            var text = ""
            let configuration = try Self.configuration(environment)
            dump((configuration.docker, configuration.backup, configuration.pipeline, configuration.daemon, configuration.log), to: &text)
            return text
        }
        let unset = try rendered([:])
        for key in ConfigurationKey.all {
            guard case .value(let text) = key.defaultValue else { continue }
            if key.variable == EnvironmentKey.timeZone {
                #expect(try Self.configuration([key.variable: text]).daemon.timeZone.secondsFromGMT() == 0)
                continue
            }
            #expect(try rendered([key.variable: text]) == unset, "\(key.variable)=\(text)")
        }
    }
}

/// One boolean grammar, for variables, file values and labels alike.
@Suite struct BooleanGrammarTests {
    static let table: [(String, Bool?)] = [
        ("true", true), ("TRUE", true), ("yes", true), ("Yes", true), ("on", true), ("1", true), (" true ", true),
        ("false", false), ("False", false), ("no", false), ("NO", false), ("off", false), ("0", false),
        ("maybe", nil), ("", nil), ("2", nil), ("y", nil), ("enabled", nil), ("-1", nil),
    ]

    @Test(arguments: table)
    func theGrammar(text: String, expected: Bool?) {
        #expect(Bool(settingText: text) == expected)
    }

    @Test(arguments: table.filter { !$0.0.isEmpty })
    func variablesFileValuesAndLabelsShareIt(text: String, expected: Bool?) throws {
        let sources = [
            (ConfigurationValues(environment: ["BT_RUN_ON_START": text]), "BT_RUN_ON_START"),
            (ConfigurationValues(environment: [:], file: try ConfigurationFile(path: "/c.yml", text: "run_on_start: '\(text)'")), "BT_RUN_ON_START"),
            (ConfigurationValues(labels: ["baktainer.db.all": text]), "baktainer.db.all"),
        ]
        for (values, name) in sources {
            if let expected {
                #expect(try values.bool(name) == expected)
            } else {
                #expect(throws: ConfigurationError.self) { try values.bool(name) }
            }
        }
        let compression = try? CompressionSettings().compression(forLabels: ["baktainer.compress": text])
        #expect(compression == expected.map { $0 ? .gzip : Compression.none })
    }
}
