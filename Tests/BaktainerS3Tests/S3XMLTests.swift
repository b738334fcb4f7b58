import Testing

@testable import BaktainerS3

@Suite struct S3XMLTests {
    let listing = """
        <?xml version="1.0" encoding="UTF-8"?>
        <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name><Prefix>p/</Prefix><KeyCount>2</KeyCount>
        <IsTruncated>true</IsTruncated><NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>
        <Contents><Key>p/2026-12-01/a&amp;b-1.sql.gz</Key><LastModified>2026-12-01T00:00:00.000Z</LastModified><ETag>&quot;x&quot;</ETag><Size>42</Size></Contents>
        <Contents><Key>p/2026-12-01/a&amp;b-1.sql.gz.json</Key><Size>7</Size><StorageClass>STANDARD</StorageClass></Contents>
        </ListBucketResult>
        """

    @Test func readsAListing() {
        let contents = S3XML.elements("Contents", in: Substring(listing))
        #expect(contents.count == 2)
        #expect(S3XML.value("Key", in: contents[0]) == "p/2026-12-01/a&b-1.sql.gz")
        #expect(S3XML.value("Size", in: contents[0]) == "42")
        #expect(S3XML.value("ETag", in: contents[0]) == "\"x\"")
        #expect(S3XML.value("IsTruncated", in: Substring(listing)) == "true")
        #expect(S3XML.value("NextContinuationToken", in: Substring(listing)) == "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=")
        // A tag is matched whole: <KeyCount> is not <Key>.
        #expect(S3XML.values("Key", in: Substring(listing)).count == 2)
    }

    @Test func readsAnError() {
        let error = "<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>x</BucketName></Error>"
        #expect(S3XML.value("Code", in: Substring(error)) == "NoSuchBucket")
        #expect(S3XML.value("Message", in: Substring(error)) == "The specified bucket does not exist")
        #expect(S3XML.value("UploadId", in: Substring(error)) == nil)
    }

    @Test func entitiesRoundTrip() {
        #expect(S3XML.decodeEntities("a&lt;b&gt;&amp;&quot;&apos;&#233;&#x41;&bogus;") == "a<b>&\"'éA&bogus;")
        #expect(S3XML.escape("a<b>&c") == "a&lt;b&gt;&amp;c")
        #expect(S3XML.values("E", in: "<E/><E>x</E>") == ["", "x"])
    }
}
