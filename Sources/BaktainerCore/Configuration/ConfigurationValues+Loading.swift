import Configuration

extension ConfigurationValues {
    /// The process configuration, read once at start-up from `environment` (the process environment) and the
    /// YAML file named by `BT_CONFIG_FILE`, if set. Throws when the file cannot be read, is not YAML, or holds
    /// an unknown key; values themselves are checked when the settings are built (``BaktainerConfiguration``).
    package static func load(environment: [String: String]) throws(ConfigurationError) -> ConfigurationValues {
        guard let path = environment[EnvironmentKey.configFile], !path.isEmpty else {
            return ConfigurationValues(environment: environment)
        }
        return ConfigurationValues(environment: environment, file: try ConfigurationFile.load(path: path))
    }

    /// Every key of ``ConfigurationKey/all`` from, in order: its variable, its older variables, `file`; unset
    /// otherwise (the settings apply their defaults). Any variable wins over the file.
    ///
    /// Both layers are swift-configuration providers, asked one after the other like a `ConfigReader` asks its
    /// providers, but one by one so as to know which answered: the variables an `EnvironmentVariablesProvider`
    /// (whose key encoding is the mapping rule: `bt.retention.keep_daily` → `BT_RETENTION_KEEP_DAILY`), the file an
    /// `InMemoryProvider`. Both mark secret values.
    package init(environment: [String: String], file: ConfigurationFile? = nil) {
        let variables = EnvironmentVariablesProvider(
            environmentVariables: environment,
            secretsSpecifier: .dynamic { name, value in
                ConfigurationKey.all.first { $0.variables.contains(name) }?.isSecret(value) ?? false
            })
        var fileValues: [AbsoluteConfigKey: ConfigValue] = [:]
        for key in ConfigurationKey.all {
            guard let entry = file?.entries[key.variable] else { continue }
            fileValues[AbsoluteConfigKey(key.components)] = ConfigValue(.string(entry.value), isSecret: key.isSecret(entry.value))
        }
        let fileProvider = InMemoryProvider(name: file?.path, values: fileValues)

        var entries: [String: Entry] = [:]
        var warnings: [String] = []
        for key in ConfigurationKey.all {
            var found: Entry?
            for variable in key.variables {
                // The key's own variable is the key under `bt`; an older name (DOCKER_HOST, TZ) is its own words.
                let words = variable == key.variable ? ["bt"] + key.components : variable.lowercased().split(separator: "_").map(String.init)
                guard let (text, name, isSecret) = Self.string(in: variables, at: AbsoluteConfigKey(words)) else { continue }
                if let found {
                    warnings.append("\(name) is ignored: \(found.source) is set too and wins")
                } else {
                    found = Entry(value: text, source: .variable(name), isSecret: isSecret)
                }
            }
            if found == nil, let file, let written = file.entries[key.variable],
                let (text, _, isSecret) = Self.string(in: fileProvider, at: AbsoluteConfigKey(key.components))
            {
                found = Entry(value: text, source: .file(path: file.path, key: written.writtenKey), isSecret: isSecret)
            }
            for variable in key.variables { entries[variable] = found }
        }
        let unknown = UnknownVariable.find(in: environment)
        warnings += unknown.map(\.warning)
        self.init(
            entries: entries, filePath: file?.path, warnings: warnings, unknownVariables: unknown,
            namedDestinations: file.map { file in file.destinations.map { NamedDestinationValues($0, path: file.path) } } ?? [])
    }

    /// The non-empty text `provider` holds at `key`, the name it holds it under, and whether it is secret.
    private static func string(in provider: some ConfigProvider, at key: AbsoluteConfigKey) -> (String, String, Bool)? {
        guard let result = try? provider.value(forKey: key, type: .string), let value = result.value,
            case .string(let text) = value.content, !text.isEmpty
        else { return nil }
        return (text, result.encodedKey, value.isSecret)
    }
}
