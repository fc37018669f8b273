import CLibXML2
import ReliefDomain

/// Writes ISO 20022 pain.001.001.09 customer credit transfer initiations: the file a bank
/// takes to pay out the bridge fund's advances.
///
/// Written with libxml2's xmlTextWriter, which escapes text and encodes UTF-8 itself, so
/// Chinese names pass through as written. One payment information block (`PmtInf`) per
/// execution date, because the requested execution date belongs to the block; the debtor is
/// the fund's own account and every transfer carries its advance id as `EndToEndId`, which
/// the bank returns on the statement for reconciliation. Amounts are CNY with two decimals.
/// Chinese accounts are not IBANs, so they go in `Othr/Id`; the debtor's bank is not recorded,
/// so its agent is `NOTPROVIDED` (the schema requires the element, not a BIC).
public enum PaymentInitiationWriter {
    public static let namespace = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"
    /// ISO 20022 text limits the writer checks before writing (Max35Text, Max34Text, Max140Text).
    static let identifierLengthMaximum = 35
    static let accountLengthMaximum = 34
    static let textLengthMaximum = 140
    /// More transfers than this in one file is refused: banks cap batch files far lower.
    public static let transfersMaximum = 100_000

    public struct Party: Sendable {
        public let name: String
        public let account: String

        public init(name: String, account: String) {
            self.name = name
            self.account = account
        }
    }

    public struct Transfer: Sendable {
        /// The advance id, returned by the bank as the statement's EndToEndId.
        public let endToEndID: String
        public let amount: Money
        public let executionDate: CivilDate
        public let creditor: Party
        public let remittance: String?

        public init(endToEndID: String, amount: Money, executionDate: CivilDate, creditor: Party, remittance: String?) {
            self.endToEndID = endToEndID
            self.amount = amount
            self.executionDate = executionDate
            self.creditor = creditor
            self.remittance = remittance
        }
    }

    /// Why a payment file cannot be written: the value that breaks an ISO 20022 limit.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// The document's bytes (UTF-8). `createdAt` is the ISO date-time of creation (an input:
    /// the writer reads no clock), `messageID` at most 35 characters.
    public static func write(messageID: String, createdAt: String, debtor: Party, transfers: [Transfer]) throws -> [UInt8] {
        LibXMLSetup.ready
        try check(messageID, "message id", identifierLengthMaximum)
        try check(debtor.name, "debtor name", textLengthMaximum)
        try check(debtor.account, "debtor account", accountLengthMaximum)
        guard !transfers.isEmpty else { throw Problem(description: "no transfers to write: a payment file needs at least one") }
        guard transfers.count <= transfersMaximum else { throw Problem(description: "\(transfers.count) transfers exceed the limit of \(transfersMaximum)") }
        for transfer in transfers {
            try check(transfer.endToEndID, "end-to-end id", identifierLengthMaximum)
            try check(transfer.creditor.name, "creditor name of \(transfer.endToEndID)", textLengthMaximum)
            try check(transfer.creditor.account, "creditor account of \(transfer.endToEndID)", accountLengthMaximum)
            if let remittance = transfer.remittance { try check(remittance, "remittance of \(transfer.endToEndID)", textLengthMaximum) }
            guard transfer.amount > .zero else { throw Problem(description: "transfer \(transfer.endToEndID) of \(transfer.amount) is not positive") }
        }
        let total = transfers.reduce(Money.zero) { $0 + $1.amount }
        let dates = Array(Set(transfers.map(\.executionDate))).sorted()

        guard let buffer = xmlBufferCreate() else { throw Problem(description: "libxml2 could not allocate a buffer") }
        defer { xmlBufferFree(buffer) }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else { throw Problem(description: "libxml2 could not create a writer") }
        let output = XMLOutput(writer: writer)
        do {
            defer { xmlFreeTextWriter(writer) }
            try output.check(xmlTextWriterSetIndent(writer, 1))
            try output.check(XMLOutput.bytes("  ") { xmlTextWriterSetIndentString(writer, $0) })
            try output.check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil))
            try output.start("Document")
            try output.attribute("xmlns", namespace)
            try output.start("CstmrCdtTrfInitn")
            try output.start("GrpHdr")
            try output.element("MsgId", messageID)
            try output.element("CreDtTm", createdAt)
            try output.element("NbOfTxs", String(transfers.count))
            try output.element("CtrlSum", total.description)
            try output.start("InitgPty")
            try output.element("Nm", debtor.name)
            try output.end()
            try output.end()  // GrpHdr
            for (index, date) in dates.enumerated() {
                let block = transfers.filter { $0.executionDate == date }
                try output.start("PmtInf")
                try output.element("PmtInfId", String("\(messageID)-\(index + 1)".suffix(identifierLengthMaximum)))
                try output.element("PmtMtd", "TRF")
                try output.element("BtchBookg", "false")
                try output.element("NbOfTxs", String(block.count))
                try output.element("CtrlSum", block.reduce(Money.zero) { $0 + $1.amount }.description)
                try output.start("ReqdExctnDt")
                try output.element("Dt", date.description)
                try output.end()
                try output.start("Dbtr")
                try output.element("Nm", debtor.name)
                try output.end()
                try output.account("DbtrAcct", debtor.account)
                try output.start("DbtrAgt")
                try output.start("FinInstnId")
                try output.start("Othr")
                try output.element("Id", "NOTPROVIDED")
                try output.end()
                try output.end()
                try output.end()
                try output.element("ChrgBr", "SLEV")
                for transfer in block {
                    try output.start("CdtTrfTxInf")
                    try output.start("PmtId")
                    try output.element("InstrId", transfer.endToEndID)
                    try output.element("EndToEndId", transfer.endToEndID)
                    try output.end()
                    try output.start("Amt")
                    try output.start("InstdAmt")
                    try output.attribute("Ccy", "CNY")
                    try output.text(transfer.amount.description)
                    try output.end()
                    try output.end()
                    try output.start("Cdtr")
                    try output.element("Nm", transfer.creditor.name)
                    try output.end()
                    try output.account("CdtrAcct", transfer.creditor.account)
                    if let remittance = transfer.remittance {
                        try output.start("RmtInf")
                        try output.element("Ustrd", remittance)
                        try output.end()
                    }
                    try output.end()  // CdtTrfTxInf
                }
                try output.end()  // PmtInf
            }
            try output.check(xmlTextWriterEndDocument(writer))
            try output.check(xmlTextWriterFlush(writer))
        }
        guard let content = xmlBufferContent(buffer) else { throw Problem(description: "libxml2 produced no output") }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
    }

    static func check(_ text: String, _ what: String, _ limit: Int) throws {
        guard !text.isEmpty else { throw Problem(description: "the \(what) is empty") }
        guard text.count <= limit else { throw Problem(description: "the \(what) '\(text)' is longer than the \(limit) characters ISO 20022 allows") }
    }
}
