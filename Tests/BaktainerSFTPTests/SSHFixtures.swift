/// Keys made with `ssh-keygen` for these tests only (they authorize nothing), with what OpenSSH prints for them.
enum SSHFixtures {
    /// `ssh-keygen -t ed25519 -N '' -C fixture`.
    static let ed25519Key = """
        -----BEGIN OPENSSH PRIVATE KEY-----
        b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
        QyNTUxOQAAACBXyW+iFNHsv5CMIS3iT1Gx1pYk/Q2ZiN6A8lXCVzFSQQAAAJA8aQWbPGkF
        mwAAAAtzc2gtZWQyNTUxOQAAACBXyW+iFNHsv5CMIS3iT1Gx1pYk/Q2ZiN6A8lXCVzFSQQ
        AAAECN2v/yjNgY1epU9S8cW+Q14RAtVAqqJV0BHX+Y0DrchFfJb6IU0ey/kIwhLeJPUbHW
        liT9DZmI3oDyVcJXMVJBAAAAB2ZpeHR1cmUBAgMEBQY=
        -----END OPENSSH PRIVATE KEY-----
        """
    static let ed25519PublicKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFfJb6IU0ey/kIwhLeJPUbHWliT9DZmI3oDyVcJXMVJB fixture"
    /// `ssh-keygen -lf` of the Ed25519 key.
    static let ed25519Fingerprint = "SHA256:N8BzRzoqBdMvXOKB8+0basTU42Cm4Ku3OJsbpvFz040"

    /// `ssh-keygen -t ecdsa -b 256 -N '' -C fixture`.
    static let ecdsaKey = """
        -----BEGIN OPENSSH PRIVATE KEY-----
        b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAaAAAABNlY2RzYS
        1zaGEyLW5pc3RwMjU2AAAACG5pc3RwMjU2AAAAQQQeTnlASpF1MCpGoDuza98N5bt4176S
        g4X9r93rzSwnNf5kGd+HqIH1Tht6G+YBJe3hOa3T/4wQehwSHBnECvD+AAAAoCMnNFIjJz
        RSAAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBB5OeUBKkXUwKkag
        O7Nr3w3lu3jXvpKDhf2v3evNLCc1/mQZ34eogfVOG3ob5gEl7eE5rdP/jBB6HBIcGcQK8P
        4AAAAgE6RvPKxnhEJBeO4WoBhxyIgc1LVjMtVFLp5dfyIQsY0AAAAHZml4dHVyZQE=
        -----END OPENSSH PRIVATE KEY-----
        """
    static let ecdsaPublicKey =
        "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBB5OeUBKkXUwKkagO7Nr3w3lu3jXvpKDhf2v3evNLCc1/mQZ34eogfVOG3ob5gEl7eE5rdP/jBB6HBIcGcQK8P4= fixture"
    static let ecdsaFingerprint = "SHA256:FLlVF+ytnlBvvSdJUWddP2ftr+9wwI8B+sJzCRSc7VU"

    /// An Ed25519 key with the passphrase `secret`.
    static let encryptedKey = """
        -----BEGIN OPENSSH PRIVATE KEY-----
        b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABBPFCH882
        VeQKZ7ZQQTXcf2AAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAIBRqaYTBIwF24lOU
        QWaS7HFkj3vv4LqKulMSiigPNVdSAAAAkI9ZpyAowpFKhCQejdhrkID4v0kcRB8dfth+J9
        nmczx+VbCvlhcuRJ829PlATR09/ghxQnv5K8uG2XZ79Gfmf8gf7+ccmmKQyhGMusFufNBk
        R92rpdnMBFs6BGZk5z7d5zy/3Z6BnTqJVu4FAbZ9LYxwk0pe7ssSd+3LmOduNYqAaMlTd2
        Rlc2sMuSjKZhuveQ==
        -----END OPENSSH PRIVATE KEY-----
        """

    /// `ssh-keygen -t rsa -b 1024 -N ''`.
    static let rsaKey = """
        -----BEGIN OPENSSH PRIVATE KEY-----
        b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAlwAAAAdzc2gtcn
        NhAAAAAwEAAQAAAIEA7HS9vLMBQS9ZnNmu73VKa/0TX2ZTZVWoOPAAcg/I0Oc8RN9l7qS8
        zEAHJ8eQbXENuIl1o2e6qcafhGAnvH34XPKjv+yg7l4D7gXfbr89wMyc5vGFiD6kurv3v5
        rkKx70guwpxwop/EysRrOKFMBBoNOwrPmzqyI+VFXAAakfoZcAAAIArpdw2q6XcNoAAAAH
        c3NoLXJzYQAAAIEA7HS9vLMBQS9ZnNmu73VKa/0TX2ZTZVWoOPAAcg/I0Oc8RN9l7qS8zE
        AHJ8eQbXENuIl1o2e6qcafhGAnvH34XPKjv+yg7l4D7gXfbr89wMyc5vGFiD6kurv3v5rk
        Kx70guwpxwop/EysRrOKFMBBoNOwrPmzqyI+VFXAAakfoZcAAAADAQABAAAAgHl84Z96OU
        LMmTZFgeP2V250cOerI14FTJE0foYcJglvRT/9p9mdOoOWwhZmKoaQd4RA2/hA618fdgYF
        gWUPM/NQtszKKqFu51BMywk+bnjR2T/MoAE54nxHhqpWdrHoSDZW+wwR+A9tOQhBhT9cOh
        tw7jXqvPXk084VMZQLTJlBAAAAQGcH5l5U0Xz+uv3xMhM6e7q424NtlFfsenHKoiFzRHkY
        kV+gEq+LKBs3C0E/rLq+ESw0+Uo9aAMQQFsbHS/5k70AAABBAPtAmEd1rBtdD4CVfkytj4
        JnU6K81LCKxMO7FK6f3T6I+BK5RCN64aa2Xcx4MBRaNol0cFPTfCtxorQhTb5sSOsAAABB
        APDskiMixvZgFBLbcMVYHswrlownqTNyxmQ8C5dKYjLwgoXcBYI8Qu7h+rQ93GN0KPGqdI
        lEeWWLKplKNikZXwUAAAAHZml4dHVyZQECAwQ=
        -----END OPENSSH PRIVATE KEY-----
        """

    /// The Ed25519 key listed for `[10.0.0.5]:2222`, hashed by `ssh-keygen -H`.
    static let hashedKnownHostsLine =
        "|1|Z13jqSK7LDbCT45Ckn9JiwdVAME=|ENHXWNu22cbjZYpV7dv3GwEo9oU= ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFfJb6IU0ey/kIwhLeJPUbHWliT9DZmI3oDyVcJXMVJB"
}
