import CLibXML2
import Foundation
import ReliefDomain

/// One parse: the reader's state machine and what it has collected. A class so that the C
/// error callback can reach it through an unmanaged pointer.
final class CamtParse {
    let file: String
    var problems: [ImportProblem] = []
    var notices: [String] = []
    var xmlErrors: [(line: Int, message: String)] = []

    var messageDefinition: String?
    var messageID: String?
    var messageLine = 1
    var statementCount = 0
    var entries: [StatementEntry] = []
    /// Where entries go as they are read, `chunkSize` at a time, when the caller streams them
    /// (nil: they are returned together). Once a problem is found nothing more is delivered.
    var deliver: (([StatementEntry]) throws -> Void)?
    var chunkSize = 8192
    /// Entries read in all (delivered or returned).
    var entryCount = 0

    /// Local names of the open elements below `Document`.
    var path: [String] = []
    var text: [UInt8] = []
    var textTooLong = false

    var statement: StatementContext?
    var entry: EntryBuilder?
    var entryNumber = 0
    /// `path.count` at which the open `Stmt`, `Ntry` and `TxDtls` were opened.
    var statementDepth = 0
    var entryDepth = 0
    var detailDepth = 0
    var pendingCurrency: String?

    struct StatementContext {
        var id: String?
        var account: String?
        var line: Int
    }

    struct DetailBuilder {
        var line: Int
        var messageID: String?
        var accountServicerReference: String?
        var instructionID: String?
        var endToEndID: String?
        var amount: (text: String, currency: String?, line: Int)?
        var direction: String?
        var debtorName: String?
        var creditorName: String?
        var debtorAccount: String?
        var creditorAccount: String?
        var remittance: [String] = []
    }

    struct EntryBuilder {
        var line: Int
        var amount: (text: String, currency: String?, line: Int)?
        var direction: (text: String, line: Int)?
        var reversal = false
        var status: String?
        var bookingDate: (text: String, line: Int)?
        var valueDate: (text: String, line: Int)?
        var accountServicerReference: String?
        var batchMessageID: String?
        var additionalInfo: String?
        var details: [DetailBuilder] = []
        var detail: DetailBuilder?
    }

    init(file: String) { self.file = file }

    func problem(_ line: Int, _ field: String?, _ message: String) {
        problems.append(ImportProblem(file: file, line: line, field: field, message: message))
    }

    /// Routes libxml2's errors for `reader` into `xmlErrors` (C callbacks cannot capture Swift
    /// context, so this parse travels as an unretained pointer; it outlives the reader).
    func collectErrors(of reader: xmlTextReaderPtr) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        xmlTextReaderSetStructuredErrorHandler(reader, { context, error in
            guard let context, let error else { return }
            let parse = Unmanaged<CamtParse>.fromOpaque(context).takeUnretainedValue()
            guard error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            let message = XMLLibrary.problemText(error.pointee.message) ?? "malformed XML"
            parse.xmlErrors.append((Int(error.pointee.line), message.trimmingCharacters(in: .whitespacesAndNewlines)))
        }, context)
    }

    /// Runs the reader to the end and frees it.
    func run(_ reader: xmlTextReaderPtr) throws -> CamtStatement {
        defer { xmlFreeTextReader(reader) }
        collectErrors(of: reader)
        var sawRoot = false
        while true {
            if let deliver, entries.count >= chunkSize {
                if problems.isEmpty { try deliver(entries) }
                entryCount += entries.count
                entries.removeAll(keepingCapacity: true)
            }
            if problems.count >= ProblemList.maximum {
                var list = ProblemList()
                list += problems
                throw ImportFailure(problems: list.closed())
            }
            let status = xmlTextReaderRead(reader)
            if status == 0 { break }
            if status < 0 || !xmlErrors.isEmpty {
                let first = xmlErrors.first
                problem(first?.line ?? max(1, lineOf(reader)), nil,
                        "not well-formed XML: \(first?.message ?? "the parser stopped")")
                throw ImportFailure(problems: problems)
            }
            let type = xmlTextReaderNodeType(reader)
            switch type {
            case Int32(XML_READER_TYPE_ELEMENT.rawValue):
                let line = lineOf(reader)
                let name = string(xmlTextReaderConstLocalName(reader))
                if !sawRoot {
                    sawRoot = true
                    try checkRoot(name: name, namespace: string(xmlTextReaderConstNamespaceUri(reader)), line: line)
                    continue
                }
                let namespace = string(xmlTextReaderConstNamespaceUri(reader))
                // Elements of another namespace (supplementary data) are kept on the path
                // under a name no rule matches, so their content is ignored.
                let isOwn = messageNamespace == namespace
                path.append(isOwn ? name : "{}" + name)
                text.removeAll(keepingCapacity: true)
                textTooLong = false
                if isOwn { try open(name, line: line, reader: reader) }
                if xmlTextReaderIsEmptyElement(reader) == 1 { close(line: line) }
            case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
                if path.isEmpty { continue }  // </Document>
                close(line: lineOf(reader))
            case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue):
                if let value = xmlTextReaderConstValue(reader) {
                    let count = strlen(UnsafeRawPointer(value).assumingMemoryBound(to: CChar.self))
                    if text.count + count > CamtStatementReader.maximumTextBytes {
                        textTooLong = true
                    } else {
                        text.append(contentsOf: UnsafeBufferPointer(start: value, count: count))
                    }
                }
            case Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue):
                problem(lineOf(reader), nil, "a document type declaration (DOCTYPE) is not allowed in an ISO 20022 message; nothing was read")
                throw ImportFailure(problems: problems)
            case Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue):
                problem(lineOf(reader), path.last, "entity references are not allowed in an ISO 20022 message")
                throw ImportFailure(problems: problems)
            default:
                continue
            }
        }
        guard sawRoot, let messageDefinition else {
            problem(1, nil, "empty document: expected a camt.053 or camt.054 XML document")
            throw ImportFailure(problems: problems)
        }
        if statementCount == 0 {
            let kind = messageDefinition.hasPrefix("camt.054") ? "notification (Ntfctn)" : "statement (Stmt)"
            problem(messageLine, messageDefinition.hasPrefix("camt.054") ? "Ntfctn" : "Stmt",
                    "a \(messageDefinition) message must hold at least one \(kind); this one has none")
        }
        guard problems.isEmpty else { throw ImportFailure(problems: problems) }
        entryCount += entries.count
        if let deliver, !entries.isEmpty {
            try deliver(entries)
            entries.removeAll()
        }
        return CamtStatement(messageDefinition: messageDefinition, messageID: messageID, statementCount: statementCount,
                             entries: entries, entryCount: entryCount, notices: notices)
    }

    var messageNamespace: String?

    /// Reads to the end only to prove the document well-formed and free of a DOCTYPE or
    /// entity reference; frees the reader. Used before a validating pass (see LoanBookReader).
    func checkWellFormed(_ reader: xmlTextReaderPtr) throws {
        defer { xmlFreeTextReader(reader) }
        collectErrors(of: reader)
        while true {
            let status = xmlTextReaderRead(reader)
            if status == 0 && xmlErrors.isEmpty { return }
            if status <= 0 || !xmlErrors.isEmpty {
                let first = xmlErrors.first
                problem(first?.line ?? max(1, lineOf(reader)), nil, "not well-formed XML: \(first?.message ?? "the parser stopped")")
                throw ImportFailure(problems: problems)
            }
            let type = xmlTextReaderNodeType(reader)
            if type == Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue) || type == Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue) {
                problem(lineOf(reader), nil, "a document type declaration (DOCTYPE) or entity reference is not allowed; nothing was read")
                throw ImportFailure(problems: problems)
            }
        }
    }

    func checkRoot(name: String, namespace: String, line: Int) throws {
        guard name == "Document", let definition = CamtStatementReader.accepted[namespace] else {
            let shown = namespace.isEmpty ? "no namespace" : "namespace \(namespace)"
            problem(line, name, "not an ISO 20022 statement: expected <Document> in the camt.053 or camt.054 namespace (versions 02 to 08), found <\(name)> in \(shown)")
            throw ImportFailure(problems: problems)
        }
        messageDefinition = definition
        messageNamespace = namespace
    }

    // MARK: - Element start and end

    func open(_ name: String, line: Int, reader: xmlTextReaderPtr) throws {
        let depth = path.count
        if depth == 1 {
            let expected = messageDefinition?.hasPrefix("camt.054") == true ? "BkToCstmrDbtCdtNtfctn" : "BkToCstmrStmt"
            guard name == expected else {
                problem(line, name, "expected <\(expected)> as the message of a \(messageDefinition ?? "camt") document")
                throw ImportFailure(problems: problems)
            }
            messageLine = line
            return
        }
        if depth == 2 && (name == "Stmt" || name == "Ntfctn") {
            statement = StatementContext(line: line)
            statementDepth = depth
            statementCount += 1
            return
        }
        if name == "Ntry", statement != nil, depth == statementDepth + 1 {
            entryNumber += 1
            guard entryNumber <= CamtStatementReader.maximumEntries else {
                problem(line, "Ntry", "more than \(CamtStatementReader.maximumEntries) entries in one file")
                throw ImportFailure(problems: problems)
            }
            entry = EntryBuilder(line: line)
            entryDepth = depth
            return
        }
        if name == "TxDtls", entry != nil, depth == entryDepth + 2, path[depth - 2] == "NtryDtls" {
            entry?.detail = DetailBuilder(line: line)
            detailDepth = depth
            return
        }
        if name == "Amt" {
            pendingCurrency = attribute(reader, CamtParse.currencyAttribute)
        }
    }

    static let currencyAttribute: [UInt8] = Array("Ccy".utf8) + [0]

    /// Handles the end of the innermost open element, then pops it.
    func close(line: Int) {
        defer {
            path.removeLast()
            text.removeAll(keepingCapacity: true)
        }
        let depth = path.count
        let value = String(decoding: text, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if textTooLong {
            problem(line, path.last, "text longer than \(CamtStatementReader.maximumTextBytes) bytes")
            return
        }
        if var builder = entry {
            if var detail = builder.detail {
                if depth == detailDepth {
                    builder.details.append(detail)
                    builder.detail = nil
                    entry = builder
                    return
                }
                readDetail(relative(from: detailDepth), value, line: line, into: &detail)
                builder.detail = detail
                entry = builder
                return
            }
            if depth == entryDepth {
                finish(builder)
                entry = nil
                return
            }
            readEntry(relative(from: entryDepth), value, line: line, into: &builder)
            entry = builder
            return
        }
        if var current = statement {
            if depth == statementDepth {
                if current.account == nil { problem(current.line, "Acct/Id", "the statement names no account (IBAN or Othr/Id)") }
                statement = nil
                return
            }
            switch relative(from: statementDepth) {
            case "Id": current.id = value
            case "Acct/Id/IBAN", "Acct/Id/Othr/Id": current.account = value
            default: break
            }
            statement = current
            return
        }
        if depth == 3 && path[1] == "GrpHdr" && path[2] == "MsgId" { messageID = value }
    }

    /// The open path below the element opened at `depth`, e.g. `Refs/EndToEndId`.
    func relative(from depth: Int) -> String {
        path[depth...].joined(separator: "/")
    }

    func readEntry(_ field: String, _ value: String, line: Int, into builder: inout EntryBuilder) {
        switch field {
        case "Amt": builder.amount = (value, pendingCurrency, line)
        case "CdtDbtInd": builder.direction = (value, line)
        case "RvslInd": builder.reversal = value == "true" || value == "1"
        case "Sts", "Sts/Cd": if !value.isEmpty { builder.status = value }
        case "BookgDt/Dt", "BookgDt/DtTm": builder.bookingDate = (value, line)
        case "ValDt/Dt", "ValDt/DtTm": builder.valueDate = (value, line)
        case "AcctSvcrRef": builder.accountServicerReference = value
        case "NtryDtls/Btch/MsgId": builder.batchMessageID = value
        case "AddtlNtryInf": builder.additionalInfo = value
        default: break
        }
    }

    func readDetail(_ field: String, _ value: String, line: Int, into detail: inout DetailBuilder) {
        switch field {
        case "Refs/MsgId": detail.messageID = value
        case "Refs/AcctSvcrRef": detail.accountServicerReference = value
        case "Refs/InstrId": detail.instructionID = value
        case "Refs/EndToEndId": detail.endToEndID = value
        case "Amt", "AmtDtls/TxAmt/Amt":
            if field == "Amt" || detail.amount == nil { detail.amount = (value, pendingCurrency, line) }
        case "CdtDbtInd": detail.direction = value
        case "RltdPties/Dbtr/Nm", "RltdPties/Dbtr/Pty/Nm": detail.debtorName = value
        case "RltdPties/Cdtr/Nm", "RltdPties/Cdtr/Pty/Nm": detail.creditorName = value
        case "RltdPties/DbtrAcct/Id/IBAN", "RltdPties/DbtrAcct/Id/Othr/Id": detail.debtorAccount = value
        case "RltdPties/CdtrAcct/Id/IBAN", "RltdPties/CdtrAcct/Id/Othr/Id": detail.creditorAccount = value
        case "RmtInf/Ustrd", "RmtInf/Strd/CdtrRefInf/Ref":
            if !value.isEmpty { detail.remittance.append(value) }
        default: break
        }
    }

    // MARK: - Records

    /// Checks a finished entry and appends its records (one per transaction detail).
    func finish(_ builder: EntryBuilder) {
        let problemsBefore = problems.count
        let account = statement?.account ?? ""
        var entryAmount: ExactAmount?
        if let amount = builder.amount {
            entryAmount = exactAmount(amount, field: "Ntry/Amt")
        } else {
            problem(builder.line, "Ntry/Amt", "the entry has no amount")
        }
        var direction: StatementEntry.Direction?
        if let indicator = builder.direction {
            direction = StatementEntry.Direction(rawValue: indicator.text)
            if direction == nil { problem(indicator.line, "Ntry/CdtDbtInd", "'\(indicator.text)' is not CRDT or DBIT") }
        } else {
            problem(builder.line, "Ntry/CdtDbtInd", "the entry has no credit/debit indicator")
        }
        let bookingDate = builder.bookingDate.flatMap { date(from: $0, field: "Ntry/BookgDt") }
        let valueDate = builder.valueDate.flatMap { date(from: $0, field: "Ntry/ValDt") }
        guard problems.count == problemsBefore, let entryAmount, let direction else { return }
        let details = builder.details.isEmpty ? [DetailBuilder(line: builder.line)] : builder.details
        for (index, detail) in details.enumerated() {
            if let own = detail.direction, own != direction.rawValue {
                notices.append("\(file):\(detail.line): transaction detail says \(own) but its entry says \(direction.rawValue); the entry's indicator is used")
            }
            var amount = entryAmount
            var shared = false
            if details.count > 1 {
                if let own = detail.amount {
                    guard let parsed = exactAmount(own, field: "TxDtls/Amt") else { continue }
                    amount = parsed
                } else {
                    shared = true
                }
            }
            let counterpartyName = direction == .credit ? detail.debtorName : detail.creditorName
            let counterpartyAccount = direction == .credit ? detail.debtorAccount : detail.creditorAccount
            let remittance = detail.remittance.isEmpty ? builder.additionalInfo : detail.remittance.joined(separator: "; ")
            entries.append(StatementEntry(
                account: account, statementID: statement?.id, entryNumber: entryNumber, detailNumber: index + 1,
                detailCount: builder.details.count, bookingDate: bookingDate, valueDate: valueDate, amount: amount,
                entryAmount: entryAmount, amountIsShared: shared, direction: direction, isReversal: builder.reversal,
                status: builder.status, accountServicerReference: builder.accountServicerReference ?? detail.accountServicerReference,
                endToEndID: detail.endToEndID, instructionID: detail.instructionID, messageID: detail.messageID ?? builder.batchMessageID,
                counterpartyName: counterpartyName, counterpartyAccount: counterpartyAccount, remittance: remittance,
                line: builder.details.count > 1 ? detail.line : builder.line))
        }
    }

    func exactAmount(_ amount: (text: String, currency: String?, line: Int), field: String) -> ExactAmount? {
        guard let currency = amount.currency else {
            problem(amount.line, field, "the amount has no Ccy attribute")
            return nil
        }
        do {
            return try ExactAmount(parsing: amount.text, currency: currency)
        } catch {
            problem(amount.line, field, error.description)
            return nil
        }
    }

    /// `YYYY-MM-DD`, or the date part of an ISO date-time (`2014-12-31T13:15:00+01:00`,
    /// nanoseconds allowed): the bank's local booking date as written.
    func date(from value: (text: String, line: Int), field: String) -> CivilDate? {
        var text = value.text
        if text.count > 10 {
            let bytes = Array(text.utf8)
            guard bytes.count > 10, bytes[10] == UInt8(ascii: "T") else {
                problem(value.line, field, "'\(value.text)' is not a date (YYYY-MM-DD) or date-time (YYYY-MM-DDThh:mm:ss)")
                return nil
            }
            text = String(decoding: bytes[0..<10], as: UTF8.self)
        }
        do {
            return try CivilDate(parsing: text)
        } catch {
            problem(value.line, field, error.description)
            return nil
        }
    }

    // MARK: - libxml2 access

    /// The line of the reader's node, else the parser's (a DOCTYPE node has none of its own).
    func lineOf(_ reader: xmlTextReaderPtr) -> Int {
        if let node = xmlTextReaderCurrentNode(reader), case let line = Int(xmlGetLineNo(node)), line > 0 { return line }
        return max(1, Int(xmlTextReaderGetParserLineNumber(reader)))
    }

    func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    func attribute(_ reader: xmlTextReaderPtr, _ name: [UInt8]) -> String? {
        let value = name.withUnsafeBufferPointer { buffer in xmlTextReaderGetAttribute(reader, buffer.baseAddress) }
        guard let value else { return nil }
        defer { clibxml2_free(value) }
        return String(cString: value)
    }
}
