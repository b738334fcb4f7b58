/// How the connection to the SMTP server is secured.
package enum SMTPSecurity: Sendable {
    /// A plain connection upgraded with STARTTLS before anything else is said (RFC 3207, usually port 587). Required:
    /// a server that does not offer it is refused, never talked to in plain text.
    case startTLS
    /// TLS from the first byte (RFC 8314 "implicit TLS", usually port 465).
    case implicitTLS
    /// Plain text throughout, the login included: only for a relay on a trusted network.
    case none
}
