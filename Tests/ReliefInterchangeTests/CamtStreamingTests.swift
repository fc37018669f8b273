import Foundation
import ReliefDomain
import ReliefInterchange
import Testing

/// The camt reader handing its entries out in chunks as it reads (issue: statements stream
/// like loan books): the same entries as a whole read, in order, with the message named first.
@Suite struct CamtStreamingTests {
    static func entries(_ count: Int, badAt: Int? = nil) -> String {
        (1...count).map { index in
            let amount = index == badAt ? "12.3.4" : "\(index).00"
            return "<Ntry><Amt Ccy=\"CNY\">\(amount)</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2020-03-02</Dt></BookgDt>"
                + "<AcctSvcrRef>R\(index)</AcctSvcrRef></Ntry>\n"
        }.joined()
    }

    static func file(_ bytes: [UInt8]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("camt-stream-\(UUID().uuidString).xml")
        try Data(bytes).write(to: url)
        return url
    }

    @Test func chunksJoinedAreTheWholeReadInOrder() throws {
        let url = try Self.file(CamtReaderTests.document(Self.entries(7)))
        defer { try? FileManager.default.removeItem(at: url) }
        let whole = try CamtStatementReader().read(path: url.path)
        var chunks: [[StatementEntry]] = []
        var messages: [String] = []
        let streamed = try CamtStatementReader().read(path: url.path, chunkSize: 3) { message, entries in
            messages.append("\(message.definition) \(message.id ?? "-")")
            chunks.append(entries)
        }
        #expect(chunks.map(\.count) == [3, 3, 1])
        #expect(chunks.flatMap { $0 } == whole.entries)
        #expect(whole.entries.map(\.amount.mantissa) == [100, 200, 300, 400, 500, 600, 700])
        #expect(messages == Array(repeating: "camt.053.001.04 MSG-1", count: 3))
        #expect(streamed.entries.isEmpty && streamed.entryCount == 7 && whole.entryCount == 7)
        #expect(streamed.messageDefinition == "camt.053.001.04" && streamed.messageID == "MSG-1")
    }

    @Test func aProblemAfterSomeChunksStopsTheChunksAndIsThrownAtTheEnd() throws {
        let url = try Self.file(CamtReaderTests.document(Self.entries(9, badAt: 5)))
        defer { try? FileManager.default.removeItem(at: url) }
        var delivered = 0
        let failure = #expect(throws: ImportFailure.self) {
            _ = try CamtStatementReader().read(path: url.path, chunkSize: 2) { _, entries in delivered += entries.count }
        }
        // The first two chunks went out before entry 5 was read; nothing after it.
        #expect(delivered == 4)
        #expect(failure?.problems.count == 1)
        #expect(failure?.problems.first?.line == 12)  // entries begin on line 8 of the document
        #expect(failure?.problems.first?.field == "Ntry/Amt")
    }
}
