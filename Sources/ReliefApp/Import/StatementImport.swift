import Foundation
import ReliefDomain
import ReliefInterchange
import ReliefLedger

/// Reading and storing ISO 20022 camt statements, shared by `relief reconcile` and (for the
/// lead to wire) `relief import`: kind detection, the read with every problem located, and
/// the idempotent store inside the caller's transaction.
enum StatementImport {
    /// How far into a file the namespace is looked for: the root element comes first.
    static let sniffBytes = 4096
    /// The most skipped lines of one statement listed one by one (the rest are counted).
    static let skippedNoticesMax = 100

    /// Whether `bytes` look like a camt.053/054 document (its namespace near the start).
    static func isCamt(_ bytes: [UInt8]) -> Bool {
        let head = String(decoding: bytes.prefix(sniffBytes), as: UTF8.self)
        return head.contains("urn:iso:std:iso:20022:tech:xsd:camt.053") || head.contains("urn:iso:std:iso:20022:tech:xsd:camt.054")
    }

    /// A statement file as read: its entries and the digest of its bytes (its identity in the
    /// ledger). A camt file is streamed, never held whole; a bank's CSV is decoded whole.
    struct Loaded {
        let file: String
        let digest: String
        let statement: CamtStatement
        /// Lines of a bank's CSV export that are not transactions (blank, totals), skipped with a notice.
        var skipped = 0
    }

    /// Reads `path`: a missing file is `WorkflowError.missingInput`; a file over the limit, neither
    /// XML nor a bank's CSV, or with any problem in it throws `ImportFailure` with every
    /// problem located (exit 65; `relief import` lists them with those of its other files).
    static func load(_ path: String, maximumBytes: Int = CamtStatementReader.defaultMaximumBytes, encoding forced: TextEncoding? = nil) throws -> Loaded {
        let name = (path as NSString).lastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw WorkflowError.missingInput("no statement file at \(path)")
        }
        let reader = CamtStatementReader(maximumBytes: maximumBytes)
        let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        guard size <= reader.maximumBytes else {
            throw ImportFailure(problems: [ImportProblem(file: name, line: 1, message: "the file is \(size) bytes, over the limit of \(reader.maximumBytes) bytes; nothing was read")])
        }
        guard let head = head(of: path) else { throw WorkflowError.missingInput("cannot read \(path)") }
        guard looksLikeXML(head) else {
            guard let data = FileManager.default.contents(atPath: path) else { throw WorkflowError.missingInput("cannot read \(path)") }
            return try loadBankCSV(name: name, bytes: [UInt8](data), encoding: forced)
        }
        let statement = try reader.read(path: path)
        guard let digest = ContentDigest.sha256Hex(fileAt: path) else { throw WorkflowError.missingInput("cannot read \(path)") }
        return Loaded(file: name, digest: digest, statement: statement)
    }

    /// Whether `bytes` begin as XML does, in UTF-8 or in UTF-16 of either byte order, with or
    /// without a byte-order mark (libxml2 reads each of them; a camt file in UTF-16 with a BOM
    /// was taken for a CSV and refused).
    static func looksLikeXML(_ bytes: [UInt8]) -> Bool {
        var head = Array(bytes.prefix(1024))
        if TextEncoding.detect(head) == .utf16, let text = TextEncoding.utf16.decode(Array(head.prefix(head.count & ~1))) {
            head = Array(text.utf8)
        }
        return head.first(where: { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }) == UInt8(ascii: "<")
    }

    /// A Chinese bank's CSV statement export (GBK, UTF-16 or UTF-8, detected, or `forced`) as a statement.
    static func loadBankCSV(name: String, bytes: [UInt8], encoding forced: TextEncoding? = nil) throws -> Loaded {
        let encoding = forced ?? TextEncoding.detect(bytes)
        func refuse(_ message: String, line: Int = 1) -> ImportFailure { ImportFailure(problems: [ImportProblem(file: name, line: line, message: message)]) }
        guard let text = encoding.decode(bytes) else {
            throw refuse(forced == nil ? "neither XML nor text in UTF-8, GB18030 or UTF-16" : "neither XML nor \(encoding.rawValue) text")
        }
        let records: [CSVReader.Record]
        do { records = try CSVReader.records(text) } catch { throw refuse(error.message, line: error.line) }
        guard BankStatementCSV.recognizes(records) else {
            throw refuse("not a statement: ISO 20022 camt.053/054 XML, or a bank's CSV export with a date column (交易日期, 记账日期) and amount columns (交易金额, or 收入金额 and 支出金额)")
        }
        let (entries, skipped, problems) = BankStatementCSV.entries(records, file: name, account: "bank-csv:\(name)")
        guard problems.isEmpty else { throw ImportFailure(problems: problems) }
        // Each skipped line is a notice, up to a screenful: a file of a million blank lines says so once.
        var notices = skipped.prefix(StatementImport.skippedNoticesMax).map { "\(name): skipped \($0)" }
        if skipped.count > StatementImport.skippedNoticesMax {
            notices.append("\(name): skipped \(skipped.count - StatementImport.skippedNoticesMax) more lines that are not transactions")
        }
        if forced == nil && encoding != .utf8 { notices.append("\(name): read as \(encoding.rawValue)") }
        let statement = CamtStatement(messageDefinition: "bank-csv", messageID: nil, statementCount: 1, entries: entries, notices: notices)
        return Loaded(file: name, digest: ContentDigest.sha256Hex(bytes), statement: statement, skipped: skipped.count)
    }

    /// Stores the statement's entries (inside the caller's write transaction); entries already
    /// stored, from this file or an overlapping statement, count as duplicates.
    static func store(_ loaded: Loaded, _ db: LedgerTransaction) throws -> StatementLedger.Outcome {
        try StatementLedger.store(loaded.statement.entries, source: loaded.file, digest: loaded.digest,
                                messageDefinition: loaded.statement.messageDefinition, messageID: loaded.statement.messageID, db)
    }

    /// Reads the camt.053/054 file at `path` and stores its entries as they are read, a chunk at
    /// a time, inside the caller's write transaction: a statement of a million entries is never
    /// held whole. Problems are thrown (`ImportFailure`) once the whole file is read; the caller
    /// rolls back what was stored.
    static func storeStreaming(_ path: String, maximumBytes: Int, _ db: LedgerTransaction) throws -> ImportSummary {
        let (statement, outcome) = try storeStreaming(path, maximumBytes: maximumBytes, keepingIDs: false, db)
        var summary = ImportSummary()
        summary.imported = outcome.imported
        summary.duplicates = outcome.duplicates
        summary.notices = statement.notices
        return summary
    }

    /// Whether the regular file at `path` begins as a camt.053/054 document does.
    static func isCamtFile(_ path: String) -> Bool {
        guard let head = head(of: path) else { return false }
        return looksLikeXML(head) && isCamt(head)
    }

    /// The first `sniffBytes` of the file at `path` (fewer when it is shorter); nil when it cannot be read.
    static func head(of path: String) -> [UInt8]? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        do {
            // Foundation answers nil at the end of the file on Linux: an empty file has an empty head.
            return [UInt8](try handle.read(upToCount: sniffBytes) ?? Data())
        } catch {
            return nil
        }
    }

    /// As `storeStreaming(_:maximumBytes:_:)`, with the statement as read (its entries not
    /// kept) and what storing did (each entry's row when `keepingIDs`, for reconciliation).
    static func storeStreaming(_ path: String, maximumBytes: Int, keepingIDs: Bool, _ db: LedgerTransaction)
        throws -> (CamtStatement, StatementLedger.Outcome) {
        let name = (path as NSString).lastPathComponent
        // The file's digest (its identity in the ledger) is taken once its first chunk of entries
        // is read: a file refused early, however large, is not hashed first.
        func digest() throws -> String {
            guard let digest = ContentDigest.sha256Hex(fileAt: path) else { throw WorkflowError.missingInput("cannot read \(path)") }
            return digest
        }
        var writer: StatementLedger.Writer?
        let statement = try CamtStatementReader(maximumBytes: maximumBytes).read(path: path) { message, entries in
            if writer == nil {
                writer = try StatementLedger.Writer(source: name, digest: try digest(), messageDefinition: message.definition,
                                                    messageID: message.id, keepingIDs: keepingIDs, db)
            }
            try writer?.store(entries)
        }
        let outcome = try (writer ?? StatementLedger.Writer(source: name, digest: try digest(), messageDefinition: statement.messageDefinition,
                                                             messageID: statement.messageID, keepingIDs: keepingIDs, db)).finish()
        return (statement, outcome)
    }

    /// What storing did, in the import command's terms.
    static func summary(_ outcome: StatementLedger.Outcome, _ loaded: Loaded) -> ImportSummary {
        var summary = ImportSummary()
        summary.imported = outcome.imported
        summary.duplicates = outcome.duplicates
        summary.skipped = loaded.skipped
        summary.notices = loaded.statement.notices
        return summary
    }
}
