import CLibXML2
import Foundation

/// The names of the loan-book format's elements and attributes as one parser's dictionary
/// holds them: libxml2 interns every name it parses, so an element's or attribute's name is
/// recognised by comparing pointers, without a `String` per element or attribute.
struct LoanBookNames {
    /// The record elements, each case named as its element.
    enum Element: Int, CaseIterable {
        case Enterprise, Loan, Repayment, BridgeFund, BridgeCapital, BridgeAdvance, Cultivation, Programme, Deferral, Accrual
        case Extension, Renewal, BridgeTerms, BridgeRepayment, Entry, Posting, Correction, Reversal, Installment, Counsellor
        case Assignment, Stage, Statement, StatementEntry, Match, ImportBatch
    }

    /// Every attribute of the format, each case named as its attribute.
    enum Attribute: Int, CaseIterable {
        case creditCode, name, size, county, id, enterprise, bank, principal, rate, start, months, method, dayCount, settlement
        case creditLine, applied, loan, period, date, account, accountName, amount, withdrawal, reference, enterpriseName, repaid
        case maturingLoan, commitment, dailyRate, tiers, minimumFee, maxDays, identified, industry, hasLoanRecord, run, title
        case from, until, deferralDate, scope, interestOnDeferredPrincipal, compoundOnDeferredInterest, penaltyUplift, sizes
        case creditLineCap, applicationRequired, rounding, installments, deferredPrincipal, deferredInterest, penaltyWithoutRelief
        case compoundWithoutRelief, relief, through, to, agreed, newLoan, rateCap, commitmentShare, enterpriseCap, advance, debit
        case credit, number, description, key, event, reason, entry, dueDate, originalDueDate, days, interest, balance, deferred
        case paid, counsellor, stage, revision, maturingFrom, maturingUntil
        case source, digest, messageDefinition, messageId, entries, statementRef, entryNumber, detailNumber, detailCount, bookingDate
        case valueDate, currency, entryAmount, amountShared, direction, reversal, status, servicerRef, endToEndId, instructionId
        case counterpartyName, counterpartyAccount, remittance, sourceLine, ref, difference, batch, records, duplicates

        /// The name as written in a file.
        var name: String { LoanBookNames.attributes[rawValue] }
    }

    static let elements = Element.allCases.map { "\($0)" }
    static let attributes = Attribute.allCases.map { "\($0)" }
    static let elementBytes = elements.map { Array($0.utf8) }
    static let attributeBytes = attributes.map { Array($0.utf8) }
    let elements: [UnsafePointer<xmlChar>?]
    let attributes: [UnsafePointer<xmlChar>?]
    /// `attributes` by pointer: an open-addressing table of (pointer, index + 1), so that an
    /// element's ten or so attributes are each found in about one probe rather than by a
    /// scan of the format's hundred-odd names.
    private let attributeTable: [(UnsafePointer<xmlChar>?, Int)]
    private static let attributeTableMask = 255

    /// The names as interned in `dictionary` (the parser's).
    init(_ dictionary: xmlDictPtr) {
        func intern(_ name: String) -> UnsafePointer<xmlChar>? { XMLOutput.bytes(name) { xmlDictLookup(dictionary, $0, -1) } }
        elements = LoanBookNames.elements.map(intern)
        attributes = LoanBookNames.attributes.map(intern)
        var table = [(UnsafePointer<xmlChar>?, Int)](repeating: (nil, 0), count: LoanBookNames.attributeTableMask + 1)
        for (index, pointer) in attributes.enumerated() {
            guard let pointer else { continue }
            var slot = LoanBookNames.slot(pointer)
            while table[slot].0 != nil { slot = (slot + 1) & LoanBookNames.attributeTableMask }
            table[slot] = (pointer, index + 1)
        }
        attributeTable = table
    }

    private static func slot(_ pointer: UnsafePointer<xmlChar>) -> Int {
        let bits = UInt(bitPattern: pointer)
        return Int(truncatingIfNeeded: (bits >> 3) ^ (bits >> 11)) & attributeTableMask
    }

    /// The index of `name` in `pointers` (by pointer, else by bytes), or nil.
    static func find(_ name: UnsafePointer<xmlChar>, _ pointers: [UnsafePointer<xmlChar>?], _ bytes: [[UInt8]]) -> Int? {
        if let index = pointers.firstIndex(where: { $0 == name }) { return index }
        let length = strlen(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self))
        return bytes.firstIndex { candidate in
            candidate.count == length && candidate.withUnsafeBufferPointer { $0.elementsEqual(UnsafeBufferPointer(start: name, count: length)) }
        }
    }

    func element(_ name: UnsafePointer<xmlChar>) -> Element? { LoanBookNames.find(name, elements, LoanBookNames.elementBytes).flatMap(Element.init) }
    func attribute(_ name: UnsafePointer<xmlChar>) -> Attribute? {
        var slot = LoanBookNames.slot(name)
        while let pointer = attributeTable[slot].0 {
            if pointer == name { return Attribute(rawValue: attributeTable[slot].1 - 1) }
            slot = (slot + 1) & LoanBookNames.attributeTableMask
        }
        // Not interned as ours (another dictionary): by bytes.
        return LoanBookNames.find(name, attributes, LoanBookNames.attributeBytes).flatMap(Attribute.init)
    }
}
