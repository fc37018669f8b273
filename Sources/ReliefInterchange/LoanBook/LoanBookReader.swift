import CLibXML2
import Foundation
import ReliefDomain

/// Reads a loan book (`urn:creditrelief:loanbook:1`) as a stream, validating it against the
/// format's XSD while reading, and hands each record to a closure.
///
/// One pass: libxml2 parses and validates while the reader walks the nodes, and records are
/// delivered as they are read, each with its line. Names are recognised by their interned
/// pointers and values are parsed from the attribute bytes, so no `String` is made per node;
/// amounts, rates, dates and credit codes are checked byte by byte here rather than by the
/// XSD's patterns (`LoanBookLexical`). Memory stays flat in the file's size: xmlTextReader
/// holds one node at a time, and a loan's enterprise is either looked up by the caller
/// (`read(path:enterprise:_:)`, as the CLI does in the database where the enterprise was
/// recorded first) or, without a lookup, remembered compactly (`EnterpriseTable`). Problems
/// (XSD violations, a check character that fails, a loan naming an enterprise not above it)
/// are collected for the whole file and thrown at the end as one `ImportFailure`: the caller
/// writes the records in one transaction and rolls it back then, so a bad file imports
/// nothing. Parsing is hardened as for statements: no network, no entity substitution, no
/// DTD loading, and any DOCTYPE refused.
public final class LoanBookReader {
    public static let defaultMaximumBytes = 2 << 30
    /// Problems collected before giving up on a file: enough to fix a file in one pass.
    static let problemsMaximum = 1000

    /// A loan's enterprise by its credit code, from wherever the caller recorded the
    /// enterprises delivered above it; nil when there is none.
    public typealias EnterpriseLookup = (CreditCode) throws -> EnterpriseRecord?

    let validator: XMLSchemaValidator
    public let maximumBytes: Int
    /// The format revision of the file read last (its root's `revision`; 1 when absent).
    /// Known before the first record is delivered.
    public private(set) var revision = 1

    public init(maximumBytes: Int = LoanBookReader.defaultMaximumBytes) {
        precondition(maximumBytes > 0, "maximumBytes \(maximumBytes) must be positive")
        self.maximumBytes = maximumBytes
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
        let open = { xmlReaderForFile(path, nil, CamtStatementReader.options) }
        guard let reader = open() else {
            throw ImportFailure(problems: [ImportProblem(file: name, line: 1, message: "cannot open the file for reading")])
        }
        return try run(reader, file: name, lookup: lookup, reopen: open, body)
    }

    /// Reads `bytes`, naming them `file` in problems.
    @discardableResult
    public func read(bytes: [UInt8], file: String, enterprise lookup: EnterpriseLookup? = nil,
                     _ body: (LoanBookRecord, Int) throws -> Void) throws -> Int {
        try checkSize(bytes.count, file: file)
        guard bytes.count <= Int(Int32.max) else {
            throw ImportFailure(problems: [ImportProblem(file: file, line: 1, message: "more than 2 GiB cannot be read from memory")])
        }
        return try bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else {
                throw ImportFailure(problems: [ImportProblem(file: file, line: 1, message: "empty input: expected a loan book")])
            }
            let open = {
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    xmlReaderForMemory($0, Int32(buffer.count), file, nil, CamtStatementReader.options)
                }
            }
            guard let reader = open() else { throw ImportFailure(problems: [ImportProblem(file: file, line: 1, message: "empty input: expected a loan book")]) }
            return try run(reader, file: file, lookup: lookup, reopen: open, body)
        }
    }

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

    func run(_ reader: xmlTextReaderPtr, file: String, lookup: EnterpriseLookup?, reopen: () -> xmlTextReaderPtr?,
             _ body: (LoanBookRecord, Int) throws -> Void) throws -> Int {
        let collector = XMLSchemaValidator.Collector(file: file)
        defer {
            collector.reader = nil
            xmlFreeTextReader(reader)
        }
        // The structured handler: validity errors come with their line. Parse errors never
        // reach it while the schema is attached (see `locateParseError`).
        collector.reader = reader
        xmlTextReaderSetStructuredErrorHandler(reader, { context, error in
            guard let context, let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            let collector = Unmanaged<XMLSchemaValidator.Collector>.fromOpaque(context).takeUnretainedValue()
            var line = Int(error.pointee.line)
            if line <= 0, let reader = collector.reader { line = Int(xmlTextReaderGetParserLineNumber(reader)) }
            let text = error.pointee.message.map { String(cString: $0) } ?? "invalid"
            collector.problems.append(ImportProblem(file: collector.file, line: max(1, line),
                                                    message: text.trimmingCharacters(in: .whitespacesAndNewlines)))
        }, Unmanaged.passUnretained(collector).toOpaque())
        // After the handler: attaching the schema passes the handler on to its validator.
        guard xmlTextReaderSetSchema(reader, validator.schema) == 0 else {
            throw ImportFailure(problems: [ImportProblem(file: file, line: 1, message: "libxml2 could not attach the loan-book schema")])
        }
        let fields = RecordFields(reader: reader, file: file, collector: collector)
        var delivered = 0
        var sawRoot = false
        revision = 1
        var pendingEntry: PendingEntry?
        try withExtendedLifetime(collector) {
            while true {
                let status = xmlTextReaderRead(reader)
                if status == 0 { break }
                if status < 0 {
                    try locateParseError(file: file, reopen)
                    if collector.problems.isEmpty { collector.problems.append(ImportProblem(file: file, line: 1, message: "not well-formed XML")) }
                    throw ImportFailure(problems: collector.problems)
                }
                if collector.problems.count >= LoanBookReader.problemsMaximum { throw ImportFailure(problems: collector.problems) }
                let type = xmlTextReaderNodeType(reader)
                if type == Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue) || type == Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue) {
                    // The schema-free pass says it as it always did (and where).
                    try locateParseError(file: file, reopen)
                    collector.problems.append(ImportProblem(file: file, line: 1, message: "a document type declaration (DOCTYPE) is not allowed in a loan book"))
                    throw ImportFailure(problems: collector.problems)
                }
                guard type == Int32(XML_READER_TYPE_ELEMENT.rawValue) else { continue }
                let line = xmlTextReaderCurrentNode(reader).map { Int(xmlGetLineNo($0)) } ?? 1
                guard let localName = xmlTextReaderConstLocalName(reader) else { continue }
                if !sawRoot {
                    sawRoot = true
                    let name = String(cString: localName)
                    let namespace = xmlTextReaderConstNamespaceUri(reader).map { String(cString: $0) } ?? ""
                    guard name == "LoanBook", namespace == LoanBookSchema.namespace else {
                        collector.problems.insert(ImportProblem(file: file, line: line, field: name,
                                                                message: "not a loan book: expected <LoanBook> in namespace \(LoanBookSchema.namespace)"), at: 0)
                        throw ImportFailure(problems: collector.problems)
                    }
                    fields.load(line: line, element: .Enterprise, name: "LoanBook")
                    revision = fields.integer(.revision) ?? 1
                    if revision > LoanBookSchema.revision {
                        fields.problem(.revision, "revision \(revision) is newer than this tool reads (\(LoanBookSchema.revision)); update relief")
                    }
                    // Revision 1 lists loans with whole enterprises the caller has not recorded: remember them.
                    fields.lookup = revision >= 2 ? lookup : nil
                    continue
                }
                // A known record element by its interned name; any other is the schema's to report.
                guard let element = fields.names.element(localName) else { continue }
                fields.load(line: line, element: element)
                if element == .Posting {
                    // A child of the Entry above: completes it rather than being a record.
                    if let posting = fields.posting() { pendingEntry?.postings.append(posting) }
                    continue
                }
                if let entry = pendingEntry {
                    pendingEntry = nil
                    try body(.entry(entry.record), entry.line)
                    delivered += 1
                }
                if element == .Entry {
                    if let header = fields.entryHeader() { pendingEntry = header }
                    continue
                }
                guard let parsed = fields.parse() else { continue }
                if case .enterprise(let enterprise) = parsed, fields.lookup == nil, !fields.remember(enterprise) {
                    collector.problems.append(ImportProblem(file: file, line: line, field: "creditCode", message: "enterprise \(enterprise.code) appears twice"))
                    continue
                }
                try body(parsed, line)
                delivered += 1
            }
        }
        if let entry = pendingEntry {
            try body(.entry(entry.record), entry.line)
            delivered += 1
        }
        if !sawRoot { collector.problems.append(ImportProblem(file: file, line: 1, message: "empty document: expected a loan book")) }
        guard collector.problems.isEmpty else { throw ImportFailure(problems: collector.problems) }
        return delivered
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
