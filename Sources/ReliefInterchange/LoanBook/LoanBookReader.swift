import CLibXML2
import Foundation
import ReliefDomain

/// Reads a loan book (`urn:creditrelief:loanbook:1`) as a stream, validating it against the
/// format's XSD while reading, and hands each record to a closure.
///
/// One pass: libxml2's SAX2 parser runs with the schema's validator plugged into its callbacks
/// (`xmlSchemaSAXPlug`), and records are delivered from the start-element callback as they
/// are read, each with its line; no tree and no reader nodes are built (measured: parse +
/// validation 54 MB/s through xmlTextReader, 77 MB/s through SAX2, in C on the same file).
/// Names are recognised by their interned pointers and values are parsed from the attribute
/// bytes, so no `String` is made per element; amounts, rates, dates and credit codes are
/// checked byte by byte here rather than by the XSD's patterns (`LoanBookLexical`). Memory
/// stays flat in the file's size: the file is fed to the parser a chunk at a time
/// (`chunkBytes`), and a loan's enterprise is either looked up by the caller
/// (`read(path:enterprise:_:)`, as the CLI does in the database where the enterprise was
/// recorded first) or, without a lookup, remembered compactly (`EnterpriseTable`). Problems
/// (XSD violations, a check character that fails, a loan naming an enterprise not above it)
/// are collected for the whole file and thrown at the end as one `ImportFailure`: the caller
/// writes the records in one transaction and rolls it back then, so a bad file imports
/// nothing. Parsing is hardened as for statements: no network, no entity substitution, no
/// DTD loading, and any DOCTYPE refused.
public final class LoanBookReader {
    /// No limit on a loan book's bytes by default: a book is limited per record (SPEC capability
    /// 9: each field's length by the XSD and libxml2, their number by `recordsMax`), so that every
    /// book relief writes (4 GB for a deferred million-loan ledger) imports with the defaults.
    public static let defaultMaximumBytes = Int.max
    /// Records (enterprises, loans, events) in one book: SPEC's scale is a few million loans, each
    /// with its events, far below this; a file past it is not a book this product wrote.
    public static let defaultRecordsMax = 500_000_000
    /// Problems collected before giving up on a file: enough to fix a file in one pass.
    static let problemsMaximum = 1000

    /// A loan's enterprise by its credit code, from wherever the caller recorded the
    /// enterprises delivered above it; nil when there is none.
    public typealias EnterpriseLookup = (CreditCode) throws -> EnterpriseRecord?

    let validator: XMLSchemaValidator
    public let maximumBytes: Int
    /// The format revision of the file read last (its root's `revision`; 1 when absent).
    /// Known before the first record is delivered.
    public internal(set) var revision = 1

    public let recordsMax: Int

    public init(maximumBytes: Int = LoanBookReader.defaultMaximumBytes, recordsMax: Int = LoanBookReader.defaultRecordsMax) {
        precondition(maximumBytes > 0, "maximumBytes \(maximumBytes) must be positive")
        precondition(recordsMax > 0, "recordsMax \(recordsMax) must be positive")
        self.maximumBytes = maximumBytes
        self.recordsMax = recordsMax
        validator = LoanBookSchema.validator
    }

    /// Reads the file at `path`; returns the number of records delivered.
    ///
    /// With `lookup`, a revision-2 file's loans get their enterprise from it and the reader
    /// keeps nothing per record (an enterprise listed twice is then the caller's to notice);
    /// without it, or for a revision-1 file, the enterprises are remembered.
    @discardableResult
    public func read(path: String, enterprise lookup: EnterpriseLookup? = nil, _ body: (LoanBookRecord, Int) throws -> Void) throws -> Int {
        let name = (path as NSString).lastPathComponent
        let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        try checkSize(size, file: name)
        guard let stream = fopen(path, "rb") else {
            throw ImportFailure(problems: [ImportProblem(file: name, line: 1, message: "cannot open the file for reading")])
        }
        defer { fclose(stream) }
        var chunk = [CChar](repeating: 0, count: LoanBookReader.chunkBytes)
        return try run(file: name, lookup: lookup, reopen: { xmlReaderForFile(path, nil, CamtStatementReader.options) }, body) { feed in
            while true {
                let count = chunk.withUnsafeMutableBufferPointer { fread($0.baseAddress, 1, $0.count, stream) }
                if count == 0 { break }
                guard try chunk.withUnsafeBufferPointer({ try feed(UnsafeBufferPointer(rebasing: $0[..<count])) }) else { return }
            }
            guard ferror(stream) == 0 else {
                throw ImportFailure(problems: [ImportProblem(file: name, line: 1, message: "the file could not be read to its end")])
            }
        }
    }

    /// Reads `bytes`, naming them `file` in problems.
    @discardableResult
    public func read(bytes: [UInt8], file: String, enterprise lookup: EnterpriseLookup? = nil,
                     _ body: (LoanBookRecord, Int) throws -> Void) throws -> Int {
        try checkSize(bytes.count, file: file)
        guard bytes.count <= Int(Int32.max) else {
            throw ImportFailure(problems: [ImportProblem(file: file, line: 1, message: "more than 2 GiB cannot be read from memory")])
        }
        guard !bytes.isEmpty else { throw ImportFailure(problems: [ImportProblem(file: file, line: 1, message: "empty input: expected a loan book")]) }
        return try bytes.withUnsafeBufferPointer { buffer in
            let reopen = {
                buffer.baseAddress.flatMap { base in
                    base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                        xmlReaderForMemory($0, Int32(buffer.count), file, nil, CamtStatementReader.options)
                    }
                }
            }
            return try run(file: file, lookup: lookup, reopen: reopen, body) { feed in
                var start = 0
                while start < buffer.count {
                    let end = min(buffer.count, start + LoanBookReader.chunkBytes)
                    let chunk = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[start..<end]).bindMemory(to: CChar.self)
                    guard try feed(chunk) else { return }
                    start = end
                }
            }
        }
    }

    /// The parser is fed this many bytes at a time.
    static let chunkBytes = 1 << 20

    /// Locates why the validating pass stopped, with a second, schema-free pass through the
    /// statement reader's hardened loop, which throws the located parse error (or the DOCTYPE
    /// or entity reference found). Needed because libxml2 2.9 passes a parse error met by a
    /// reader with a schema attached to the schema's SAX plug, which drops it ("Unimplemented
    /// block" on stderr with the plain handler, nothing with the structured one; seen with
    /// 2.9.14 here, and an earlier build crashed there): that pass then knows only that the
    /// parser stopped. Only a file that is not well-formed pays for this second parse.
    func locateParseError(file: String, _ open: () -> xmlTextReaderPtr?) throws {
        guard let reader = open() else { throw ImportFailure(problems: [ImportProblem(file: file, line: 1, message: "empty input: expected a loan book")]) }
        let parse = CamtParse(file: file)
        try parse.checkWellFormed(reader)
    }

    func checkSize(_ size: Int, file: String) throws {
        guard size <= maximumBytes else {
            throw ImportFailure(problems: [ImportProblem(file: file, line: 1, message: "the file is \(size) bytes, over the limit of \(maximumBytes) bytes; nothing was read")])
        }
    }

    /// Parses what `source` feeds (it calls `feed` with each chunk until `feed` returns false
    /// or the input ends), validating while parsing, and hands the records to `body`.
    func run(file: String, lookup: EnterpriseLookup?, reopen: () -> xmlTextReaderPtr?, _ body: (LoanBookRecord, Int) throws -> Void,
             source: ((UnsafeBufferPointer<CChar>) throws -> Bool) throws -> Void) throws -> Int {
        LibXMLSetup.ready
        let collector = XMLSchemaValidator.Collector(file: file)
        guard let validation = xmlSchemaNewValidCtxt(validator.schema) else {
            throw ImportFailure(problems: [ImportProblem(file: file, line: 1, message: "libxml2 could not make a validation context")])
        }
        defer { xmlSchemaFreeValidCtxt(validation) }
        // Validity errors, with their line, or the parser's line when they come without one.
        xmlSchemaSetValidStructuredErrors(validation, { context, error in
            guard let context, let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            let collector = Unmanaged<XMLSchemaValidator.Collector>.fromOpaque(context).takeUnretainedValue()
            var line = Int(error.pointee.line)
            if line <= 0, let parser = collector.parser { line = Int(parser.pointee.input.pointee.line) }
            let text = XMLLibrary.problemText(error.pointee.message) ?? "invalid"
            collector.problems.append(ImportProblem(file: collector.file, line: max(1, line),
                                                    message: text.trimmingCharacters(in: .whitespacesAndNewlines)))
        }, Unmanaged.passUnretained(collector).toOpaque())

        return try withoutActuallyEscaping(body) { body in
            let parse = SAXParse(reader: self, file: file, collector: collector, lookup: lookup, body: body)
            // Our callbacks, and the two slots the plug swaps for its own (and writes back
            // when unplugged): on the heap, since libxml2 keeps their addresses.
            let handler = UnsafeMutablePointer<xmlSAXHandler>.allocate(capacity: 1)
            handler.initialize(to: SAXParse.makeHandler())
            let handlerSlot = UnsafeMutablePointer<UnsafeMutablePointer<xmlSAXHandler>?>.allocate(capacity: 1)
            handlerSlot.initialize(to: handler)
            let contextSlot = UnsafeMutablePointer<UnsafeMutableRawPointer?>.allocate(capacity: 1)
            contextSlot.initialize(to: Unmanaged.passUnretained(parse).toOpaque())
            defer {
                handler.deallocate()
                handlerSlot.deallocate()
                contextSlot.deallocate()
            }
            return try withExtendedLifetime((parse, collector)) {
                    // The validator takes the callbacks and passes each on to ours.
                    guard let plug = xmlSchemaSAXPlug(validation, handlerSlot, contextSlot) else {
                        throw ImportFailure(problems: [ImportProblem(file: file, line: 1, message: "libxml2 could not attach the loan-book schema")])
                    }
                    defer { xmlSchemaSAXUnplug(plug) }
                    guard let parser = xmlCreatePushParserCtxt(handlerSlot.pointee, contextSlot.pointee, nil, 0, file) else {
                        throw ImportFailure(problems: [ImportProblem(file: file, line: 1, message: "libxml2 could not make a parser")])
                    }
                    defer {
                        collector.parser = nil
                        xmlFreeParserCtxt(parser)
                    }
                    xmlCtxtUseOptions(parser, CamtStatementReader.options)
                    collector.parser = parser
                    parse.begin(parser)
                    var ended = false
                    try source { chunk in
                        xmlParseChunk(parser, chunk.baseAddress, Int32(chunk.count), 0)
                        try parse.rethrow()
                        if parse.stopped || parser.pointee.wellFormed == 0 || collector.problems.count >= LoanBookReader.problemsMaximum {
                            ended = true
                            return false
                        }
                        return true
                    }
                    if !ended {
                        xmlParseChunk(parser, nil, 0, 1)
                        try parse.rethrow()
                    }
                    if let refusal = parse.refusal {
                        throw ImportFailure(problems: [ImportProblem(file: file, line: refusal.line, message: refusal.message)])
                    }
                    if parser.pointee.wellFormed == 0 {
                        // The schema-free pass says where (and what) the parser met.
                        try locateParseError(file: file, reopen)
                        collector.problems.append(ImportProblem(file: file, line: 1, message: "not well-formed XML"))
                        throw ImportFailure(problems: collector.problems)
                    }
                    if collector.problems.count >= LoanBookReader.problemsMaximum { throw ImportFailure(problems: collector.problems) }
                    return try parse.finish()
            }
        }
    }

    /// An `Entry` whose `Posting` children are still being read.
    struct PendingEntry {
        let number: Int64
        let date: CivilDate
        let description: String
        let key: String
        let loan: LoanID?
        let line: Int
        var postings: [LoanBookRecord.Entry.Posting] = []

        var record: LoanBookRecord.Entry {
            LoanBookRecord.Entry(number: number, date: date, description: description, key: key, loan: loan, postings: postings)
        }
    }
}
