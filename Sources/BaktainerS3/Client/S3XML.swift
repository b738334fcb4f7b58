/// The few elements Baktainer reads from S3's XML answers (`UploadId`, `Contents`/`Key`/`Size`, `IsTruncated`,
/// `NextContinuationToken`, `Error`/`Code`/`Message`): S3's answers are flat and namespaced only at the root, so
/// a small scanner does without an XML library (FoundationXML would bring libxml2 into the image).
enum S3XML {
    /// The text of every `<tag>…</tag>` in `xml`, in order, entities decoded.
    static func values(_ tag: String, in xml: Substring) -> [String] {
        elements(tag, in: xml).map { decodeEntities($0) }
    }

    /// The first value of `tag`, if any.
    static func value(_ tag: String, in xml: Substring) -> String? {
        values(tag, in: xml).first
    }

    /// The raw inner text of every `<tag>…</tag>` (also `<tag attr="…">`), in order.
    static func elements(_ tag: String, in xml: Substring) -> [Substring] {
        var found: [Substring] = []
        var rest = xml
        let close = "</\(tag)>"
        while let open = rest.firstRange(of: "<\(tag)") {
            guard let end = rest[open.upperBound...].firstIndex(of: ">") else { break }
            let next = rest[open.upperBound]
            guard next == ">" || next == " " || next == "/" else {
                rest = rest[open.upperBound...]
                continue
            }
            if rest[rest.index(before: end)] == "/" {  // <tag/>
                found.append(rest[end..<end])
                rest = rest[rest.index(after: end)...]
                continue
            }
            let contentStart = rest.index(after: end)
            guard let closing = rest[contentStart...].firstRange(of: close) else { break }
            found.append(rest[contentStart..<closing.lowerBound])
            rest = rest[closing.upperBound...]
        }
        return found
    }

    /// Decodes the five predefined entities and numeric character references.
    static func decodeEntities<Text: StringProtocol>(_ text: Text) -> String {
        guard text.contains("&") else { return String(text) }
        var decoded = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            decoded += rest[..<ampersand]
            guard let semicolon = rest[ampersand...].firstIndex(of: ";") else { break }
            let name = rest[rest.index(after: ampersand)..<semicolon]
            switch name {
            case "amp": decoded += "&"
            case "lt": decoded += "<"
            case "gt": decoded += ">"
            case "quot": decoded += "\""
            case "apos": decoded += "'"
            default:
                let scalar: Unicode.Scalar?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if name.hasPrefix("#") {
                    scalar = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init)
                } else {
                    scalar = nil
                }
                if let scalar { decoded.unicodeScalars.append(scalar) } else { decoded += rest[ampersand...semicolon] }
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return decoded + rest
    }

    /// `text` with `&`, `<`, `>` escaped, for request bodies.
    static func escape(_ text: String) -> String {
        text.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;")
    }
}
