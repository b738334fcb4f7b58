extension Secret {
    /// The mask that stands for a secret in messages.
    package static let mask = "••••••"
    /// The shortest secret that is masked.
    package static let minimumMaskedLength = 4

    /// `text` with the secret masked where it stands as a whole token: an occurrence counts only where it is
    /// bounded by the start or end of the text or by a non-word character (not a letter, digit or `_`), so a
    /// short or common password never punches holes into other words (`exited`, `/var/run/postgresql`).
    ///
    /// Occurrences inside one of `publicValues` — values the text shows anyway, such as the user, the database
    /// or the container's name — are left alone: masking them would tell the reader that the password equals a
    /// value they can read elsewhere. A secret shorter than ``minimumMaskedLength`` is never masked: such a
    /// token is everywhere (`.s.PGSQL`, `-x`), so its holes would tell more than they hide.
    package func masked(in text: String, sparing publicValues: [String] = []) -> String {
        let secret = revealed
        guard secret.count >= Self.minimumMaskedLength, text.contains(secret) else { return text }
        let spared = publicValues.filter { !$0.isEmpty && $0 != Self.mask }.flatMap { text.ranges(of: $0) }
        let needsBoundaryBefore = secret.first.map(Self.isWordCharacter) ?? false
        let needsBoundaryAfter = secret.last.map(Self.isWordCharacter) ?? false
        var result = ""
        var copied = text.startIndex
        for range in text.ranges(of: secret) {
            if needsBoundaryBefore, range.lowerBound > text.startIndex, Self.isWordCharacter(text[text.index(before: range.lowerBound)]) { continue }
            if needsBoundaryAfter, range.upperBound < text.endIndex, Self.isWordCharacter(text[range.upperBound]) { continue }
            if spared.contains(where: { $0.lowerBound <= range.lowerBound && range.upperBound <= $0.upperBound }) { continue }
            result += text[copied..<range.lowerBound]
            result += Self.mask
            copied = range.upperBound
        }
        result += text[copied...]
        return result
    }

    /// Whether `character` is part of a word (a letter, digit or `_`): what token boundaries are made of.
    package static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }
}
