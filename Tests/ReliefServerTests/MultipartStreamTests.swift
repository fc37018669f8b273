@testable import ReliefServer
import Testing

/// The upload parser: what a browser sends, in chunks of any size, and each way a body can be
/// wrong. Expected parts are written out by hand from the bodies.
@Suite struct MultipartStreamTests {
    /// A part as the events gave it: headers, then the content joined.
    struct Part: Equatable {
        var headers: [String: String]
        var content: [UInt8]
    }

    /// The parts of `body` fed `chunkSize` bytes at a time, and whether the stream was complete
    /// and inside a part at its end.
    static func parts(_ body: [UInt8], chunkSize: Int, boundary: String = "XyZ") throws -> (parts: [Part], complete: Bool, inside: Bool) {
        var stream = MultipartStream(boundary: boundary)
        var parts: [Part] = []
        var open = false
        var offset = 0
        repeat {
            let chunk = body[offset..<min(offset + chunkSize, body.count)]
            try stream.feed(chunk) { event in
                switch event {
                case .headers(let headers):
                    #expect(!open, "a part began inside another")
                    parts.append(Part(headers: headers, content: []))
                    open = true
                case .content(let bytes):
                    #expect(open, "content outside a part")
                    parts[parts.count - 1].content += bytes
                case .end:
                    #expect(open, "an end without a part")
                    open = false
                }
            }
            offset += chunkSize
        } while offset < body.count
        return (parts, stream.isComplete, stream.isInsidePart)
    }

    static let browserBody = Array(("--XyZ\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\ntok123\r\n"
        + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"济宁 loans.csv\"\r\nContent-Type: text/csv\r\n\r\n"
        + "loan_id,borrower\r\n--XyQ\r\n\r\n--Xy\r\n-\r\nL1,Acme\r\n"
        + "--XyZ--\r\nan epilogue, ignored").utf8)

    @Test func aBrowsersBodyGivesTheSamePartsInChunksOfAnySize() throws {
        let expected = [
            Part(headers: ["content-disposition": "form-data; name=\"csrf_token\""], content: Array("tok123".utf8)),
            Part(headers: ["content-disposition": "form-data; name=\"file\"; filename=\"济宁 loans.csv\"", "content-type": "text/csv"],
                 content: Array("loan_id,borrower\r\n--XyQ\r\n\r\n--Xy\r\n-\r\nL1,Acme".utf8)),
        ]
        for chunkSize in [1, 2, 3, 5, 7, 8, 13, 64, Self.browserBody.count] {
            let read = try Self.parts(Self.browserBody, chunkSize: chunkSize)
            #expect(read.parts == expected, "chunks of \(chunkSize)")
            #expect(read.complete && !read.inside, "chunks of \(chunkSize)")
        }
    }

    @Test func aPreambleIsSkippedAndAnEmptyPartIsAPart() throws {
        let body = Array("a preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"e\"\r\n\r\n\r\n--XyZ--".utf8)
        let read = try Self.parts(body, chunkSize: 4)
        #expect(read.parts == [Part(headers: ["content-disposition": "form-data; name=\"e\""], content: [])])
        #expect(read.complete)
    }

    @Test func aBodyCutShortIsInsideAPart() throws {
        for cut in [10, 60, Self.browserBody.count - 40, Self.browserBody.count - 29] {
            let read = try Self.parts(Array(Self.browserBody.prefix(cut)), chunkSize: 16)
            #expect(!read.complete && read.inside, "cut at \(cut)")
        }
        // No delimiter at all: neither complete nor inside a part.
        let none = try Self.parts(Array("just text".utf8), chunkSize: 3)
        #expect(none.parts.isEmpty && !none.complete && !none.inside)
    }

    @Test func aHeaderNameWithANonASCIIByteIsMalformedNotACrash() {
        // multipart-kit 4.7.1 trapped on this (a byte of 0x80 or more where a header name is read).
        let body: [UInt8] = Array("--XyZ\r\n".utf8) + [0xC3, 0xA9] + Array(": x\r\n\r\nbody\r\n--XyZ--".utf8)
        for chunkSize in [1, body.count] {
            #expect(throws: MultipartStream.Malformed(reason: "a header name with a character a name cannot hold")) {
                _ = try Self.parts(body, chunkSize: chunkSize)
            }
        }
    }

    @Test func eachMalformedBodyIsRefusedWithItsReason() {
        let cases: [(String, String)] = [
            ("--XyZ\r\n: no name\r\n\r\n", "a header line without a name"),
            ("--XyZ\r\nno colon\r\n\r\n", "a header line without a name"),
            ("--XyZ\r\nName: a\rb\r\n\r\n", "a control character in a header"),
            ("--XyZ\r\nName: a\nb\r\n\r\n", "a control character in a header"),
            ("--XyZjunk\r\n", "a delimiter is followed by neither -- nor a line break"),
            ("--XyZ" + String(repeating: " ", count: 70) + "\r\n", "a delimiter is followed by neither -- nor a line break"),
            ("--XyZ\r\nName: " + String(repeating: "v", count: MultipartStream.headerBytesMax) + "\r\n\r\n", "a part's headers are too long"),
            ("--XyZ\r\nName: " + String(repeating: "v", count: MultipartStream.headerBytesMax), "a part's headers are too long"),
        ]
        for (body, reason) in cases {
            for chunkSize in [1, 9, body.utf8.count] {
                #expect(throws: MultipartStream.Malformed(reason: reason), "\(body.prefix(30)) in chunks of \(chunkSize)") {
                    _ = try Self.parts(Array(body.utf8), chunkSize: chunkSize)
                }
            }
        }
    }

    @Test func spacesAfterADelimiterAreTransportPadding() throws {
        let body = Array("--XyZ  \r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--".utf8)
        let read = try Self.parts(body, chunkSize: 2)
        #expect(read.parts == [Part(headers: ["content-disposition": "form-data; name=\"a\""], content: Array("1".utf8))])
    }
}
