import CLibXML2
import ReliefDomain

/// Writes a loan book (`urn:creditrelief:loanbook:1`) with libxml2's xmlTextWriter, one
/// record at a time, to a file (memory flat in the book's size) or to memory.
///
/// Writes format revision 2: every enterprise first, then the records in the order given
/// (which an import replays as they come), then the statements, each `statementEntry` inside
/// the `statement` above it, then the matches. The XSD's sequence requires that order: a
/// record out of it is refused rather than written into a file the reader would reject.
public final class LoanBookWriter {
    /// nil once finished: freeing the writer is what closes (and fully writes) a file.
    var writerPointer: xmlTextWriterPtr?
    let buffer: xmlBufferPtr?
    var rank = 0
    /// A <Statement> is open: its entries are written inside it until another record comes.
    var statementOpen = false
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
        try output.attribute("revision", String(LoanBookSchema.revision))
    }

    deinit {
        if let writerPointer { xmlFreeTextWriter(writerPointer) }
        if let buffer { xmlBufferFree(buffer) }
    }

    public func write(_ record: LoanBookRecord) throws {
        guard !finished, let writer = writerPointer else { throw Problem(description: "the loan book is already finished") }
        let output = XMLOutput(writer: writer)
        let (element, attributes) = LoanBookWriter.element(record)
        let recordRank: Int
        switch record {
        case .enterprise, .unsizedEnterprise: recordRank = 0
        case .statement, .statementEntry: recordRank = 2
        case .match: recordRank = 3
        default: recordRank = 1
        }
        guard recordRank >= rank else {
            throw Problem(description: "a \(element) record after later kinds: a loan book lists every enterprise, then the loans and events, then the statements, then the matches")
        }
        if case .statementEntry = record {
            guard statementOpen else { throw Problem(description: "a StatementEntry record with no Statement above it") }
        } else if statementOpen {
            try output.end()
            statementOpen = false
        }
        rank = recordRank
        try output.start(element)
        for (name, value) in attributes { if let value { try output.attribute(name, value) } }
        if case .entry(let entry) = record {
            for posting in entry.postings {
                try output.start("Posting")
                try output.attribute("account", posting.account)
                try output.attribute(posting.amount.isNegative ? "credit" : "debit", (posting.amount.isNegative ? -posting.amount : posting.amount).description)
                if let loan = posting.loan { try output.attribute("loan", loan.rawValue) }
                try output.end()
            }
        }
        if case .statement = record {
            statementOpen = true  // closed by the next record that is not one of its entries
        } else {
            try output.end()
        }
        recordCount += 1
    }

    /// The element name and attributes of `record` (nil attributes are left out).
    static func element(_ record: LoanBookRecord) -> (String, [(String, String?)]) {
        func flag(_ value: Bool) -> String { value ? "true" : "false" }
        func rate(_ value: Rate) -> String { value.fractionString() }
        switch record {
        case .enterprise(let enterprise):
            return ("Enterprise", [
                ("creditCode", enterprise.code.value), ("name", enterprise.name), ("size", enterprise.size.rawValue), ("county", enterprise.county),
            ])
        case .unsizedEnterprise(let code, let name, let county):
            return ("Enterprise", [("creditCode", code.value), ("name", name), ("county", county)])
        case .loan(let loan, let rounding, let batch):
            let terms = loan.terms
            return ("Loan", [
                ("id", loan.id.rawValue), ("enterprise", loan.enterprise.code.value), ("bank", loan.bank),
                ("principal", terms.principal.description), ("rate", rate(terms.annualRate)), ("start", terms.start.description),
                ("months", String(terms.termMonths)), ("method", terms.method.rawValue), ("dayCount", terms.dayCount.rawValue),
                ("settlement", terms.settlement.rawValue), ("creditLine", loan.creditLine?.description), ("applied", loan.applied?.description),
                ("rounding", rounding == .halfUp ? nil : rounding.rawValue), ("batch", batch.map(String.init)),
            ])
        case .importBatch(let batch):
            return ("ImportBatch", [
                ("number", String(batch.number)), ("source", batch.source), ("date", batch.recordedOn.description),
                ("records", String(batch.records)), ("duplicates", String(batch.duplicates)),
            ])
        case .repayment(let loan, let period, let date):
            return ("Repayment", [("loan", loan.rawValue), ("period", String(period)), ("date", date.description)])
        case .bridgeFund(let account, let accountName):
            return ("BridgeFund", [("account", account), ("accountName", accountName)])
        case .bridgeCapital(let date, let amount, let reference):
            return ("BridgeCapital", [
                ("date", date.description), ("amount", (amount.isNegative ? -amount : amount).description),
                ("withdrawal", amount.isNegative ? "true" : nil), ("reference", reference),
            ])
        case .bridgeAdvance(let advance):
            return ("BridgeAdvance", [
                ("id", advance.id.rawValue), ("enterprise", advance.enterprise.value), ("enterpriseName", advance.enterpriseName),
                ("bank", advance.bank), ("county", advance.county),
                ("amount", advance.amount.description), ("date", advance.date.description), ("account", advance.account),
                ("repaid", advance.repaid?.description), ("maturingLoan", advance.maturingLoan), ("commitment", advance.commitment?.description),
                ("dailyRate", advance.terms.map { rate($0.dailyRate) }),
                ("tiers", advance.terms.flatMap { $0.tiers.isEmpty ? nil : BridgeTerms.Tier.format($0.tiers) }),
                ("minimumFee", advance.terms?.minimumFee?.description), ("maxDays", advance.terms.map { String($0.maximumDays) }),
            ])
        case .cultivation(let cultivation):
            return ("Cultivation", [
                ("enterprise", cultivation.enterprise.value), ("identified", cultivation.identified.description), ("industry", cultivation.industry),
                ("hasLoanRecord", flag(cultivation.hasLoanRecord)),
            ])
        case .programme(let run, let programme, let rounding):
            let eligibility = programme.eligibility
            return ("Programme", [
                ("run", run), ("name", programme.name), ("title", programme.title.isEmpty ? nil : programme.title),
                ("from", programme.window.lowerBound.description), ("until", programme.window.upperBound.description),
                ("deferralDate", programme.deferralDate.description), ("scope", programme.scope.rawValue),
                ("interestOnDeferredPrincipal", flag(programme.interestOnDeferredPrincipal)),
                ("compoundOnDeferredInterest", flag(programme.compoundOnDeferredInterest)), ("penaltyUplift", rate(programme.penaltyUplift)),
                ("sizes", eligibility.sizes.sorted().map(\.rawValue).joined(separator: " ")), ("creditLineCap", eligibility.creditLineCap?.description),
                ("applicationRequired", flag(eligibility.applicationRequired)), ("rounding", rounding.rawValue),
                ("maturingFrom", eligibility.maturing?.lowerBound.description), ("maturingUntil", eligibility.maturing?.upperBound.description),
            ])
        case .deferral(let deferral):
            return ("Deferral", [
                ("loan", deferral.loan.rawValue), ("run", deferral.run), ("deferralDate", deferral.deferralDate.description),
                ("installments", String(deferral.installments)), ("deferredPrincipal", deferral.deferredPrincipal.description),
                ("deferredInterest", deferral.deferredInterest.description),
                ("interestOnDeferredPrincipal", deferral.interestOnDeferredPrincipal.description),
                ("compoundOnDeferredInterest", deferral.compoundOnDeferredInterest.description),
                ("penaltyWithoutRelief", deferral.penaltyWithoutRelief.description),
                ("compoundWithoutRelief", deferral.compoundWithoutRelief.description), ("relief", deferral.relief.description),
            ])
        case .accrual(let loan, let through):
            return ("Accrual", [("loan", loan.rawValue), ("through", through.description)])
        case .extension(let loan, let to, let agreed):
            return ("Extension", [("loan", loan.rawValue), ("to", to.description), ("agreed", agreed.description)])
        case .renewal(let renewal):
            let terms = renewal.terms
            return ("Renewal", [
                ("loan", renewal.loan.rawValue), ("newLoan", renewal.newLoan.rawValue), ("date", renewal.date.description),
                ("principal", terms.principal.description), ("rate", rate(terms.annualRate)), ("months", String(terms.termMonths)),
                ("method", terms.method.rawValue), ("dayCount", terms.dayCount.rawValue), ("settlement", terms.settlement.rawValue),
            ])
        case .bridgeTerms(let terms):
            return ("BridgeTerms", [
                ("maxDays", String(terms.maximumDays)), ("rateCap", rate(terms.dailyRateCap)),
                ("tiers", terms.tiers.isEmpty ? nil : BridgeTerms.Tier.format(terms.tiers)), ("minimumFee", terms.minimumFee?.description),
                ("commitmentShare", terms.commitmentShare.map(rate)), ("enterpriseCap", terms.enterpriseCap?.description),
            ])
        case .bridgeRepayment(let advance, let date):
            return ("BridgeRepayment", [("advance", advance.rawValue), ("date", date.description)])
        case .entry(let entry):
            return ("Entry", [
                ("number", String(entry.number)), ("date", entry.date.description), ("description", entry.description), ("key", entry.key),
                ("loan", entry.loan?.rawValue),
            ])
        case .reversal(let entry, let date, let reason):
            return ("Reversal", [("entry", String(entry)), ("date", date.description), ("reason", reason)])
        case .correction(let correction):
            var attributes: [(String, String?)] = [("event", correction.event.name)]
            switch correction.event {
            case .repayment(let loan, let period): attributes += [("loan", loan.rawValue), ("period", String(period))]
            case .accrual(let loan, let through): attributes += [("loan", loan.rawValue), ("through", through.description)]
            case .advance(let id), .bridgeRepayment(let id): attributes += [("advance", id.rawValue)]
            }
            return ("Correction", attributes + [("date", correction.date.description), ("reason", correction.reason)])
        case .installment(let row):
            return ("Installment", [
                ("loan", row.loan.rawValue), ("period", String(row.period)), ("dueDate", row.dueDate.description),
                ("originalDueDate", row.originalDueDate == row.dueDate ? nil : row.originalDueDate.description), ("days", String(row.days)),
                ("principal", row.principal.description), ("interest", row.interest.description), ("balance", row.balance.description),
                ("deferred", row.deferred ? "true" : nil), ("paid", row.paid ? "true" : nil),
            ])
        case .counsellor(let id, let name):
            return ("Counsellor", [("id", id.rawValue), ("name", name)])
        case .assignment(let counsellor, let enterprise, let date):
            return ("Assignment", [("counsellor", counsellor.rawValue), ("enterprise", enterprise.value), ("date", date.description)])
        case .stage(let enterprise, let stage, let date, let bank):
            return ("Stage", [("enterprise", enterprise.value), ("stage", stage.rawValue), ("date", date.description), ("bank", bank)])
        case .statement(let statement):
            return ("Statement", [
                ("source", statement.source), ("digest", statement.digest), ("messageDefinition", statement.messageDefinition),
                ("messageId", statement.messageID), ("entries", String(statement.entries)),
            ])
        case .statementEntry(let key, let entry):
            return ("StatementEntry", [
                ("key", key), ("account", entry.account), ("statementRef", entry.statementID), ("entryNumber", String(entry.entryNumber)),
                ("detailNumber", String(entry.detailNumber)), ("detailCount", String(entry.detailCount)),
                ("bookingDate", entry.bookingDate?.description), ("valueDate", entry.valueDate?.description),
                ("amount", entry.amount.decimalText), ("entryAmount", entry.entryAmount.decimalText), ("currency", entry.amount.currency),
                ("amountShared", entry.amountIsShared ? "true" : nil), ("direction", entry.direction.rawValue),
                ("reversal", entry.isReversal ? "true" : nil), ("status", entry.status), ("servicerRef", entry.accountServicerReference),
                ("endToEndId", entry.endToEndID), ("instructionId", entry.instructionID), ("messageId", entry.messageID),
                ("counterpartyName", entry.counterpartyName), ("counterpartyAccount", entry.counterpartyAccount),
                ("remittance", entry.remittance), ("sourceLine", String(entry.line)),
            ])
        case .match(let match):
            return ("Match", [
                ("entry", match.entryKey), ("event", match.event), ("ref", match.reference), ("method", match.method),
                ("difference", match.difference.description),
            ])
        }
    }

    /// Closes the document; returns its bytes when writing to memory.
    @discardableResult
    public func finish() throws -> [UInt8]? {
        guard !finished, let writer = writerPointer else { throw Problem(description: "the loan book is already finished") }
        finished = true
        let output = XMLOutput(writer: writer)
        if statementOpen {
            try output.end()
            statementOpen = false
        }
        try output.check(xmlTextWriterEndDocument(writer))
        try output.check(xmlTextWriterFlush(writer))
        xmlFreeTextWriter(writer)
        writerPointer = nil
        guard let buffer else { return nil }
        guard let content = xmlBufferContent(buffer) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
    }
}
