extension BackupTarget {
    /// When `toolOutput` (a tool's stderr) says the server refused the login: which label or variable supplies
    /// the password, and where the one used came from; nil for any other failure.
    package func credentialAdvice(forToolOutput toolOutput: String) -> String? {
        guard engine.authenticationFailureMarkers.contains(where: { toolOutput.contains($0) }) else { return nil }
        let image = engine.imageEnvironment
        let variables = image.rootUser != nil && user == image.rootUser ? image.rootPassword : image.password
        var sources = "the label \(BackupLabel.password) (or \(BackupLabel.passwordFile), a file inside the container)"
        if !variables.isEmpty {
            sources += ", or \(variables.joined(separator: " or ")) (or \(variables.count == 1 ? "its" : "their") _FILE form) in the container's environment"
        }
        let who = user.map { "user '\($0)'" } ?? "the default user"
        guard password != nil else {
            return "The server refused \(who) without a password, and none was found: set \(sources)"
        }
        return
            "the server refused \(who) with the password from \(passwordOrigin ?? "the target"): check it, or the user (\(BackupLabel.user)); the password comes from \(sources)"
    }
}
