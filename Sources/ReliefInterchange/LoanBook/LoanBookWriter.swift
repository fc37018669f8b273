import CLibXML2
import ReliefDomain

/// Writes a loan book (`urn:creditrelief:loanbook:1`) with libxml2's xmlTextWriter, one
/// record at a time, to a file (memory flat in the book's size) or to memory.
///
/// Records must come in the format's order (enterprises, loans, repayments, bridge
/// advances), which the XSD's sequence requires; a record out of order is refused rather
/// than written into a file the reader would reject.
public final class LoanBookWriter {
    /// nil once finished: freeing the writer is what closes (and fully writes) a file.
    var writerPointer: xmlTextWriterPtr?
    let buffer: xmlBufferPtr?
    var rank = 0
    var finished = false
    public private(set) var recordCount = 0

    /// Why a book cannot be written.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Writes to the file at `path` (created or replaced).
    public convenience init(path: String) throws {
        LibXMLSetup.ready
        guard let writer = xmlNewTextWriterFilename(path, 0) else { throw Problem(description: "cannot write \(path)") }
        try self.init(writer: writer, buffer: nil)
    }

    /// Writes to memory; `finish()` returns the bytes.
    public convenience init() throws {
        LibXMLSetup.ready
        guard let buffer = xmlBufferCreate() else { throw Problem(description: "libxml2 could not allocate a buffer") }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw Problem(description: "libxml2 could not create a writer")
        }
        try self.init(writer: writer, buffer: buffer)
    }

    private init(writer: xmlTextWriterPtr, buffer: xmlBufferPtr?) throws {
        LibXMLSetup.ready
        self.writerPointer = writer
        self.buffer = buffer
        let output = XMLOutput(writer: writer)
        try output.check(xmlTextWriterSetIndent(writer, 1))
        try output.check(XMLOutput.bytes("  ") { xmlTextWriterSetIndentString(writer, $0) })
        try output.check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil))
        try output.start("LoanBook")
        try output.attribute("xmlns", LoanBookSchema.namespace)
        try output.attribute("version", "1")
    }

    deinit {
        if let writerPointer { xmlFreeTextWriter(writerPointer) }
        if let buffer { xmlBufferFree(buffer) }
    }

    public func write(_ record: LoanBookRecord) throws {
        guard !finished, let writer = writerPointer else { throw Problem(description: "the loan book is already finished") }
        let output = XMLOutput(writer: writer)
        let (recordRank, element, attributes): (Int, String, [(String, String?)])
        switch record {
        case .enterprise(let enterprise):
            (recordRank, element, attributes) = (0, "Enterprise", [
                ("creditCode", enterprise.code.value), ("name", enterprise.name), ("size", enterprise.size.rawValue), ("county", enterprise.county),
            ])
        case .loan(let loan):
            let terms = loan.terms
            (recordRank, element, attributes) = (1, "Loan", [
                ("id", loan.id.rawValue), ("enterprise", loan.enterprise.code.value), ("bank", loan.bank),
                ("principal", terms.principal.description), ("rate", terms.annualRate.fractionString()), ("start", terms.start.description),
                ("months", String(terms.termMonths)), ("method", terms.method.rawValue), ("dayCount", terms.dayCount.rawValue),
                ("settlement", terms.settlement.rawValue), ("creditLine", loan.creditLine?.description), ("applied", loan.applied?.description),
            ])
        case .repayment(let loan, let period, let date):
            (recordRank, element, attributes) = (2, "Repayment", [("loan", loan.rawValue), ("period", String(period)), ("date", date.description)])
        case .bridgeFund(let account, let accountName):
            (recordRank, element, attributes) = (3, "BridgeFund", [("account", account), ("accountName", accountName)])
        case .bridgeCapital(let date, let amount):
            (recordRank, element, attributes) = (4, "BridgeCapital", [
                ("date", date.description), ("amount", (amount.isNegative ? -amount : amount).description),
                ("withdrawal", amount.isNegative ? "true" : nil),
            ])
        case .bridgeAdvance(let advance):
            (recordRank, element, attributes) = (5, "BridgeAdvance", [
                ("id", advance.id.rawValue), ("enterprise", advance.enterprise.value), ("enterpriseName", advance.enterpriseName),
                ("bank", advance.bank), ("county", advance.county),
                ("amount", advance.amount.description), ("date", advance.date.description), ("account", advance.account),
                ("repaid", advance.repaid?.description),
            ])
        }
        guard recordRank >= rank, !(recordRank == 3 && rank == 3) else {
            throw Problem(description: "a \(element) record after later kinds: a loan book lists enterprises, loans, repayments, the bridge fund, capital, then advances")
        }
        rank = recordRank
        try output.start(element)
        for (name, value) in attributes { if let value { try output.attribute(name, value) } }
        try output.end()
        recordCount += 1
    }

    /// Closes the document; returns its bytes when writing to memory.
    @discardableResult
    public func finish() throws -> [UInt8]? {
        guard !finished, let writer = writerPointer else { throw Problem(description: "the loan book is already finished") }
        finished = true
        let output = XMLOutput(writer: writer)
        try output.check(xmlTextWriterEndDocument(writer))
        try output.check(xmlTextWriterFlush(writer))
        xmlFreeTextWriter(writer)
        writerPointer = nil
        guard let buffer else { return nil }
        guard let content = xmlBufferContent(buffer) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
    }
}
