/// One recipient stanza of an age header: a type, its arguments and a body (the wrapped file key).
struct AgeStanza: Sendable, Equatable {
    /// The stanza type, e.g. `X25519` or `scrypt`.
    var type: String
    /// The arguments following the type.
    var arguments: [String]
    /// The decoded body.
    var body: [UInt8]

    /// The stanza as header text: `-> type args…`, then the body in unpadded Base64 wrapped at 64 columns,
    /// the last line shorter than 64 (possibly empty).
    var encoded: String {
        var text = "-> " + ([type] + arguments).joined(separator: " ") + "\n"
        var body = Substring(AgeBase64.encode(body))
        while body.count >= 64 {
            text += body.prefix(64) + "\n"
            body = body.dropFirst(64)
        }
        return text + body + "\n"
    }
}
