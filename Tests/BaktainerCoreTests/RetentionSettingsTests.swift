import BaktainerCore
import Testing

@Suite struct RetentionSettingsTests {
    static let environmentCases: [([String: String], RetentionPolicy)] = [
        ([:], RetentionPolicy()),
        (["BT_RETENTION_KEEP_LAST": "5"], RetentionPolicy(keepLast: 5)),
        (
            [
                "BT_RETENTION_KEEP_HOURLY": "24", "BT_RETENTION_KEEP_DAILY": "7", "BT_RETENTION_KEEP_WEEKLY": "4",
                "BT_RETENTION_KEEP_MONTHLY": "12", "BT_RETENTION_KEEP_YEARLY": "3",
            ],
            RetentionPolicy(keepHourly: 24, keepDaily: 7, keepWeekly: 4, keepMonthly: 12, keepYearly: 3)
        ),
        (["BT_RETENTION_KEEP_WITHIN": "30d"], RetentionPolicy(keepWithin: .seconds(30 * 86_400))),
        (["BT_RETENTION_KEEP_WITHIN": "1d12h"], RetentionPolicy(keepWithin: .seconds(129_600))),
        (["BT_RETENTION_DAYS": "7"], RetentionPolicy(keepWithin: .seconds(7 * 86_400))),
        (["BT_RETENTION_COUNT": "10"], RetentionPolicy(keepLast: 10)),
        (["BT_RETENTION_DAYS": "7", "BT_RETENTION_COUNT": "10"], RetentionPolicy(keepLast: 10, keepWithin: .seconds(7 * 86_400))),
        (["BT_RETENTION_COUNT": "10", "BT_RETENTION_KEEP_LAST": "3"], RetentionPolicy(keepLast: 3)),
        (["BT_RETENTION_DAYS": "7", "BT_RETENTION_KEEP_WITHIN": "12h"], RetentionPolicy(keepWithin: .seconds(43_200))),
        (["BT_RETENTION_DAYS": "0", "BT_RETENTION_COUNT": "0", "BT_RETENTION_KEEP_DAILY": "0"], RetentionPolicy()),
        (["BT_RETENTION_KEEP_DAILY": ""], RetentionPolicy()),
    ]

    @Test(arguments: environmentCases)
    func readsTheGlobalPolicy(_ environment: [String: String], _ expected: RetentionPolicy) throws {
        #expect(try RetentionSettings(configuration: ConfigurationValues(environment: environment)).global == expected)
    }

    @Test(arguments: [
        ("BT_RETENTION_KEEP_LAST", "ten"), ("BT_RETENTION_KEEP_DAILY", "-1"), ("BT_RETENTION_KEEP_YEARLY", "1.5"),
        ("BT_RETENTION_KEEP_WITHIN", "30x"), ("BT_RETENTION_KEEP_WITHIN", "0"), ("BT_RETENTION_DAYS", "a week"),
        ("BT_RETENTION_DAYS", "99999"), ("BT_RETENTION_COUNT", "-3"),
    ])
    func malformedVariablesAreNamed(_ key: String, _ value: String) {
        #expect { try RetentionSettings(configuration: ConfigurationValues(environment: [key: value])) } throws: { error in
            (error as? ConfigurationError)?.setting == key && (error as? ConfigurationError)?.message.contains(value) == true
        }
    }

    @Test func malformedLegacyVariableIsAnErrorEvenWhenTheNewOneIsSet() {
        #expect {
            try RetentionSettings(configuration: ConfigurationValues(environment: ["BT_RETENTION_KEEP_LAST": "3", "BT_RETENTION_COUNT": "x"]))
        } throws: { error in
            (error as? ConfigurationError)?.setting == "BT_RETENTION_COUNT"
        }
    }

    static let global = RetentionPolicy(keepDaily: 7)
    static let labelCases: [([String: String], String?, RetentionPolicy)] = [
        ([:], nil, global),
        ([:], "hourly", global),
        (["baktainer.backup": "true", "baktainer.schedule.hourly": "0 * * * *"], "hourly", global),
        (["baktainer.retention.keep-last": "3"], nil, RetentionPolicy(keepLast: 3)),
        (["baktainer.retention.keep-last": "3"], "default", RetentionPolicy(keepLast: 3)),
        (["baktainer.retention.keep-last": "3"], "hourly", RetentionPolicy(keepLast: 3)),
        (
            ["baktainer.retention.keep-daily": "14", "baktainer.retention.keep-monthly": "6", "baktainer.retention.keep-within": "12h"], nil,
            RetentionPolicy(keepDaily: 14, keepMonthly: 6, keepWithin: .seconds(43_200))
        ),
        (
            ["baktainer.retention.keep-hourly": "1", "baktainer.retention.keep-weekly": "2", "baktainer.retention.keep-yearly": "3"], nil,
            RetentionPolicy(keepHourly: 1, keepWeekly: 2, keepYearly: 3)
        ),
        (["baktainer.retention.keep-daily": "14", "baktainer.schedule.hourly.retention.keep-last": "24"], "hourly", RetentionPolicy(keepLast: 24)),
        (["baktainer.retention.keep-daily": "14", "baktainer.schedule.hourly.retention.keep-last": "24"], nil, RetentionPolicy(keepDaily: 14)),
        (["baktainer.schedule.hourly.retention.keep-last": "24"], "weekly", global),
        (["baktainer.schedule.hourly.retention.keep-last": "24"], nil, global),
        (["baktainer.retention.keep-last": "0"], nil, RetentionPolicy()),
    ]

    @Test(arguments: labelCases)
    func labelsReplaceTheGlobalPolicy(_ labels: [String: String], _ schedule: String?, _ expected: RetentionPolicy) throws {
        #expect(try RetentionSettings(global: Self.global).policy(forLabels: labels, schedule: schedule) == expected)
    }

    @Test(
        arguments: [
            (["baktainer.retention.keep-last": "many"], nil, "baktainer.retention.keep-last"),
            (["baktainer.retention.keep-within": "soon"], nil, "baktainer.retention.keep-within"),
            (["baktainer.retention.keep-dayly": "7"], nil, "baktainer.retention.keep-dayly"),
            (["baktainer.schedule.hourly.retention.keep-last": "-1"], "hourly", "baktainer.schedule.hourly.retention.keep-last"),
            (["baktainer.schedule.hourly.retention.keep-lats": "1"], "hourly", "baktainer.schedule.hourly.retention.keep-lats"),
        ] as [([String: String], String?, String)])
    func malformedLabelsAreNamed(_ labels: [String: String], _ schedule: String?, _ label: String) {
        #expect { try RetentionSettings(global: Self.global).policy(forLabels: labels, schedule: schedule) } throws: { error in
            (error as? ConfigurationError)?.setting == label
        }
    }

    @Test func retentionLabelsDoNotBecomeSchedules() throws {
        let labels = ["baktainer.schedule.hourly": "0 * * * *", "baktainer.schedule.hourly.retention.keep-last": "24"]
        let schedules = try BackupSchedule.schedules(fromLabels: labels).get()
        #expect(schedules.map(\.name) == ["hourly"])
    }
}

/// `BT_<DESTINATION>_RETENTION_*`: one destination's own policy, never another's.
@Suite struct DestinationRetentionTests {
    @Test func eachDestinationGetsOnlyItsOwnPolicy() throws {
        let values = ConfigurationValues(environment: [
            "BT_RETENTION_KEEP_LAST": "5", "BT_LOCAL_RETENTION_KEEP_WITHIN": "3d", "BT_S3_RETENTION_KEEP_DAILY": "30",
        ])
        let global = try RetentionSettings(configuration: values)
        let local = try global.forDestination("local", configuration: values)
        #expect(try local.policy(forLabels: [:], schedule: nil) == RetentionPolicy(keepWithin: .seconds(3 * 86_400)))
        // Built from the local settings (as the executable does), S3 must not inherit the local override.
        #expect(try local.forDestination("s3", configuration: values).policy(forLabels: [:], schedule: nil) == RetentionPolicy(keepDaily: 30))
        let unset = ConfigurationValues(environment: ["BT_RETENTION_KEEP_LAST": "5", "BT_LOCAL_RETENTION_KEEP_LAST": "1"])
        let localOnly = try RetentionSettings(configuration: unset).forDestination("local", configuration: unset)
        #expect(try localOnly.forDestination("s3", configuration: unset).policy(forLabels: [:], schedule: nil) == RetentionPolicy(keepLast: 5))
    }
}
