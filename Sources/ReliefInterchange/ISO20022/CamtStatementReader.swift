import CLibXML2
import Foundation
import ReliefDomain

/// Reads ISO 20022 bank statements (camt.053) and debit/credit notifications (camt.054),
/// versions .001.02 through .001.08, into `StatementEntry` values with their source lines.
///
/// Streams with libxml2's xmlTextReader, so memory stays flat in the file's size. Safe on
/// hostile input: no network (`XML_PARSE_NONET`), no entity substitution, no DTD loading, and
/// a document type declaration is refused outright (ISO 20022 messages never carry one, and
/// refusing it defeats entity bombs before any expansion). The namespace decides the message
/// kind; a document in any other namespace is refused. Problems of meaning (a bad amount, a
/// missing indicator) are collected over the whole file, each with its line and field, and
/// refused together; a file that is not well-formed XML stops at its first error.
///
/// The entry-level `CdtDbtInd` is authoritative: a detail that disagrees is reported as a
/// notice. A batch entry with several `TxDtls` yields one record per detail, with the
/// detail's own amount (`TxDtls/Amt`, else `AmtDtls/TxAmt/Amt`) when it has one; an entry
/// with a single detail keeps the entry's amount (a lone detail's amount may be the
/// instructed one, in another currency).
public struct CamtStatementReader: Sendable {
    /// Files above this size are refused before parsing (2 GiB, SPEC.md capability 9).
    public static let defaultMaximumBytes = 2 << 30
    /// Statements with more entries than this are refused: far above any real daily
    /// statement, low enough that the records fit in memory.
    public static let maximumEntries = 5_000_000
    /// Text longer than this in one element is refused (ISO 20022's longest text is 140).
    static let maximumTextBytes = 64 * 1024

    public let maximumBytes: Int

    public init(maximumBytes: Int = CamtStatementReader.defaultMaximumBytes) {
        precondition(maximumBytes > 0, "maximumBytes \(maximumBytes) must be positive")
        self.maximumBytes = maximumBytes
    }

    /// The ISO message definitions read, by namespace suffix.
    static let accepted: [String: String] = {
        var table: [String: String] = [:]
        for kind in ["camt.053", "camt.054"] {
            for version in 2...8 { table["urn:iso:std:iso:20022:tech:xsd:\(kind).001.0\(version)"] = "\(kind).001.0\(version)" }
        }
        return table
    }()

    /// Reads the file at `path`; throws `ImportFailure` naming the file and lines.
    public func read(path: String) throws -> CamtStatement { try read(path: path, streamingTo: nil) }

    /// As `read(path:)`, handing the entries to `body` `chunkSize` at a time as they are read,
    /// each chunk with the message's definition and id (known before the first entry); the
    /// statement returned holds none, so memory stays flat in the number of entries. Problems
    /// are still collected over the whole file and thrown at the end: the caller writes the
    /// chunks in one transaction and rolls it back then. Rethrows `body`'s error.
    public func read(path: String, chunkSize: Int = 8192,
                     _ body: (_ message: (definition: String, id: String?), _ entries: [StatementEntry]) throws -> Void) throws -> CamtStatement {
        try withoutActuallyEscaping(body) { body in
            try read(path: path, streamingTo: ({ parse, entries in try body((parse.messageDefinition ?? "", parse.messageID), entries) }, chunkSize))
        }
    }

    private func read(path: String, streamingTo stream: ((CamtParse, [StatementEntry]) throws -> Void, Int)?) throws -> CamtStatement {
        LibXMLSetup.ready
        let name = (path as NSString).lastPathComponent
        let size: Int
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        } catch {
            throw ImportFailure(problems: [ImportProblem(file: name, line: 1, message: "cannot read the file")])
        }
        try checkSize(size, file: name)
        let parse = CamtParse(file: name)
        if let (deliver, chunkSize) = stream {
            parse.chunkSize = max(1, chunkSize)
            parse.deliver = { [unowned parse] entries in try deliver(parse, entries) }
        }
        guard let reader = xmlReaderForFile(path, nil, CamtStatementReader.options) else {
            throw ImportFailure(problems: [ImportProblem(file: name, line: 1, message: "cannot open the file for reading")])
        }
        return try parse.run(reader)
    }

    /// Reads `bytes`, naming them `file` in problems.
    public func read(bytes: [UInt8], file: String) throws -> CamtStatement {
        LibXMLSetup.ready
        try checkSize(bytes.count, file: file)
        guard bytes.count <= Int(Int32.max) else {
            throw ImportFailure(problems: [ImportProblem(file: file, line: 1, message: "more than 2 GiB cannot be read from memory")])
        }
        let parse = CamtParse(file: file)
        let reader = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                    xmlReaderForMemory(pointer, Int32(buffer.count), file, nil, CamtStatementReader.options)
                }
            }
        }
        guard let reader else {
            throw ImportFailure(problems: [ImportProblem(file: file, line: 1, message: "empty input: expected a camt.053 or camt.054 XML document")])
        }
        // xmlReaderForMemory does not copy: the bytes must outlive the reader, which `run`
        // frees before returning.
        return try withExtendedLifetime(bytes) { try parse.run(reader) }
    }

    func checkSize(_ size: Int, file: String) throws {
        guard size <= maximumBytes else {
            throw ImportFailure(problems: [ImportProblem(
                file: file, line: 1, message: "the file is \(size) bytes, over the limit of \(maximumBytes) bytes; nothing was read")])
        }
    }

    /// No network, line numbers past 65535, and neither entity substitution (`XML_PARSE_NOENT`)
    /// nor DTD loading (`XML_PARSE_DTDLOAD`), which are off unless asked for.
    static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NOCDATA.rawValue)
}
