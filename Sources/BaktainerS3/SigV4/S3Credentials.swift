import BaktainerCore

/// An S3 access key pair. The secret half is a ``Secret``: it prints as a mask and is read only to sign.
package struct S3Credentials: Sendable, Equatable {
    /// The access key id (`BT_S3_ACCESS_KEY_ID`): not secret, it names the key in the `Authorization` header.
    package var accessKeyID: String
    /// The secret access key (`BT_S3_SECRET_ACCESS_KEY` or its `_FILE`).
    package var secretAccessKey: Secret

    /// Creates a key pair.
    package init(accessKeyID: String, secretAccessKey: Secret) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
    }
}
