extension EngineRegistry {
    /// What `container` runs, as far as it tells, and how that was told (for messages): its
    /// `baktainer.db.engine` label; else its image's name (`postgres:16`, `bitnami/mariadb`, `mariadb11`); else a
    /// variable of an engine's official image set in its environment (`POSTGRES_PASSWORD`). nil: it does not say.
    package func recognize(_ container: ContainerInfo) -> (engine: any DatabaseEngine, evidence: String)? {
        if let labelled = container.labels[BackupLabel.engine], !labelled.isEmpty, let engine = engine(named: labelled) {
            return (engine, "it is labelled \(BackupLabel.engine)=\(labelled)")
        }
        var repository = Substring(container.image.split(separator: "@").first ?? "")
        if let slash = repository.lastIndex(of: "/") { repository = repository[repository.index(after: slash)...] }
        if let word = repository.split(whereSeparator: { !$0.isLetter }).first, let engine = engine(named: String(word)) {
            return (engine, "it runs the image \(container.image)")
        }
        let engines = names.compactMap { engine(named: $0) }
        let set = Set(container.environment.compactMap { $0.split(separator: "=", maxSplits: 1).first.map(String.init) })
        for variable in set.sorted() {
            let name = variable.hasSuffix("_FILE") ? String(variable.dropLast(5)) : variable
            let owners = engines.filter { engine in
                let image = engine.imageEnvironment
                return (image.database + image.user + image.password + image.rootPassword).contains(name)
            }
            if let owner = owners.first(where: { name.hasPrefix($0.identifier.uppercased()) }) ?? owners.first {
                return (owner, "its environment sets \(variable)")
            }
        }
        return nil
    }
}
