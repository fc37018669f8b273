import GRDB
import ReliefDomain
import ReliefEngine

/// Booking many loans at once (an import): the same rules as `LoanLedger.add`, with the rows
/// written by multi-row statements, `chunkSize` loans at a time.
///
/// One INSERT per loan and per enterprise cost a statement, a statement journal and a
/// foreign-key check each, the main cost of an import once schedules were no longer stored.
extension LoanLedger {
    /// What booking the loans of a batch did.
    public struct BulkOutcome: Sendable {
        public var added = 0
        public var duplicates = 0
    }

    static let chunkSize = 256

    static let enterprisesInsert = BatchInsert("INSERT INTO enterprises(id, credit_code, name, size, county) VALUES", columns: 5)
    static let loansInsert = BatchInsert("""
        INSERT INTO loans(id, enterprise_id, bank, principal_fen, rate_units, start_date, term_months, method, day_count,
                          settlement, credit_line_fen, applied_on, schedule_stored) VALUES
        """, columns: 13)

    /// Books `loans` on their standard schedules; a loan that breaks a rule (other terms under
    /// a booked id, an enterprise registered under another name or size, terms that give no
    /// schedule) is passed to `problem` with its index and left out, the others are booked.
    public static func addAll(_ loans: [LoanRecord], journal: inout Journal, batch: Int64? = nil,
                              progress: ((Int) -> Void)? = nil, problem: (Int, LedgerError) -> Void) throws -> BulkOutcome {
        var booking = try Booking(journal.db, loans)
        var outcome = BulkOutcome()
        var start = 0
        while start < loans.count {
            progress?(start)
            let end = min(start + chunkSize, loans.count)
            var accepted: [(loan: LoanRecord, enterpriseID: Int64)] = []
            try booking.lookUp(start..<end, journal: journal)
            for index in start..<end {
                do {
                    if let enterpriseID = try booking.accept(index) {
                        accepted.append((loans[index], enterpriseID))
                    } else {
                        outcome.duplicates += 1
                    }
                } catch let error as LedgerError {
                    problem(index, error)
                }
            }
            try booking.writePending()
            try loansInsert.insert(journal.db, count: accepted.count) { statement, row, first in
                bind(accepted[row].loan, enterpriseID: accepted[row].enterpriseID, stored: false, statement, first)
            }
            for (loan, _) in accepted {
                _ = try journal.record(disbursement(of: loan), batch: batch, keyIsNew: true)
                outcome.added += 1
            }
            start = end
        }
        progress?(loans.count)
        return outcome
    }

    /// The key of loan `id`'s disbursement entry (or of the renewal that booked it): every
    /// booked loan has one.
    static func disbursementKey(of id: LoanID) -> String { EventKey.disbursement(id) }

    /// The disbursement entry of a newly booked loan: Dr loans: principal, Cr cash.
    static func disbursement(of loan: LoanRecord) throws -> JournalEntryDraft {
        try JournalEntryDraft(
            date: loan.terms.start, kind: .disbursement,
            description: "Disbursement of loan \(loan.id) to \(loan.enterprise.name) by \(loan.bank)",
            idempotencyKey: disbursementKey(of: loan.id), loanID: loan.id,
            postings: [.debit(ChartOfAccounts.loanPrincipal, loan.terms.principal, loan: loan.id),
                       .credit(ChartOfAccounts.cash, loan.terms.principal, loan: loan.id)])
    }

    /// Binds a `loans` row's 13 values from parameter `first` on.
    static func bind(_ loan: LoanRecord, enterpriseID: Int64, stored: Bool, _ statement: FastStatement, _ first: Int32) {
        let terms = loan.terms
        statement.bind(first, loan.id.rawValue)
        statement.bind(first + 1, enterpriseID)
        statement.bind(first + 2, loan.bank)
        statement.bind(first + 3, terms.principal.fen)
        statement.bind(first + 4, terms.annualRate.units)
        statement.bind(first + 5, terms.start.description)
        statement.bind(first + 6, terms.termMonths)
        statement.bind(first + 7, terms.method.rawValue)
        statement.bind(first + 8, terms.dayCount.rawValue)
        statement.bind(first + 9, terms.settlement.rawValue)
        statement.bind(first + 10, loan.creditLine?.fen)
        statement.bind(first + 11, loan.applied?.description)
        statement.bind(first + 12, stored ? 1 : 0)
    }

    /// The loans and enterprises of a bulk booking so far, and the statements it probes with.
    struct Booking {
        let db: Database
        let loans: [LoanRecord]
        /// Of the loans being accepted, those already booked and the credit codes already
        /// registered (one query each per chunk, not one per loan).
        var booked: Set<String> = []
        var registered: Set<String> = []
        /// Loans accepted by this booking: the index of each id's first loan (an id twice in
        /// one file). Indexes, not records, so that a million-loan import holds each once.
        var accepted: [LoanID: Int] = [:]
        /// Enterprises known to this booking: row id and the index of the loan that brought
        /// it (nil when it was registered before).
        var enterprises: [CreditCode: (id: Int64, loan: Int?)] = [:]
        var pendingEnterprises: [(id: Int64, loan: Int)] = []
        var nextEnterpriseID: Int64
        let scheduler = ScheduleCalculator(rounding: LoanLedger.standardRounding)

        init(_ db: Database, _ loans: [LoanRecord]) throws {
            self.db = db
            self.loans = loans
            accepted.reserveCapacity(loans.count)
            enterprises.reserveCapacity(loans.count)
            nextEnterpriseID = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) + 1 FROM enterprises") ?? 1
        }

        /// Finds which loans of `range` are booked and which of their enterprises registered.
        /// A loan whose disbursement key the journal cannot hold (`Journal.mayHold`: the
        /// first import into a new ledger) is not booked, so it is not looked for.
        mutating func lookUp(_ range: Range<Int>, journal: Journal) throws {
            let ids = range.filter { journal.mayHold(LoanLedger.disbursementKey(of: loans[$0].id)) }.map { loans[$0].id.rawValue }
            let codes = range.map { loans[$0].enterprise.code }.filter { enterprises[$0] == nil }.map(\.value)
            booked = try present(ids, "SELECT id FROM loans WHERE id IN")
            registered = try present(codes, "SELECT credit_code FROM enterprises WHERE credit_code IN")
        }

        /// Those of `keys` that `query` (`SELECT key FROM table WHERE key IN`) finds.
        func present(_ keys: [String], _ query: String) throws -> Set<String> {
            guard !keys.isEmpty else { return [] }
            let statement = try FastStatement(db, query + " (" + Array(repeating: "?", count: keys.count).joined(separator: ", ") + ")")
            for (offset, key) in keys.enumerated() { statement.bind(Int32(offset + 1), key) }
            var found: Set<String> = []
            try statement.forEachRow { row in found.insert(row.text(0)) }
            return found
        }

        /// The enterprise row id for a new loan, or nil when the loan is already booked with
        /// the same terms; throws when it breaks a rule.
        mutating func accept(_ index: Int) throws -> Int64? {
            let loan = loans[index]
            if let (_, violation) = loan.ruleViolation() { throw LedgerError.rule(violation.message) }
            if let earlierIndex = accepted[loan.id] {
                let earlier = loans[earlierIndex]
                guard earlier == loan else {
                    throw LedgerError.rule("loan \(loan.id) appears twice with other terms (\(LoanLedger.describe(earlier))); a loan id names one loan")
                }
                return nil
            }
            if booked.contains(loan.id.rawValue), let existing = try LoanLedger.fetchRecord(loan.id, LedgerTransaction(db)) {
                guard existing == loan else {
                    throw LedgerError.rule("loan \(loan.id) is already booked with other terms (\(LoanLedger.describe(existing))); a loan id names one loan")
                }
                let rounding = try LoanLedger.rounding(of: loan.id, LedgerTransaction(db))
                guard rounding == LoanLedger.standardRounding else {
                    throw LedgerError.rule("loan \(loan.id) is already booked with its schedule rounded \(rounding.rawValue), not \(LoanLedger.standardRounding.rawValue); a loan id names one loan")
                }
                return nil
            }
            do {
                try scheduler.forEachInstallment(of: loan.terms) { _ in }
            } catch {
                throw LedgerError.rule(error.message)
            }
            let enterpriseID = try register(index)
            accepted[loan.id] = index
            return enterpriseID
        }

        /// The row id of loan `index`'s enterprise, new ones numbered here and written by
        /// `writePending`.
        mutating func register(_ index: Int) throws -> Int64 {
            let enterprise = loans[index].enterprise
            if let known = enterprises[enterprise.code] {
                guard let first = known.loan else {
                    // Registered before this booking: its rules compare with the stored row.
                    return try LoanLedger.registerEnterprise(enterprise, db)
                }
                let record = loans[first].enterprise
                guard record.name == enterprise.name, record.size == enterprise.size else {
                    throw LedgerError.rule("credit code \(enterprise.code) is registered as \(record.name) (\(record.size.rawValue)), not \(enterprise.name) (\(enterprise.size.rawValue))")
                }
                return known.id
            }
            if registered.contains(enterprise.code.value) {
                // Registered before this booking: the one-by-one rules apply (and complete an
                // enterprise known only from a bridge advance).
                let id = try LoanLedger.registerEnterprise(enterprise, db)
                enterprises[enterprise.code] = (id, nil)
                return id
            }
            let id = nextEnterpriseID
            nextEnterpriseID += 1
            enterprises[enterprise.code] = (id, index)
            pendingEnterprises.append((id, index))
            return id
        }

        /// Writes the enterprises registered since the last call.
        mutating func writePending() throws {
            let rows = pendingEnterprises
            try LoanLedger.enterprisesInsert.insert(db, count: rows.count) { statement, row, first in
                let (id, loan) = rows[row]
                let enterprise = loans[loan].enterprise
                statement.bind(first, id)
                statement.bind(first + 1, enterprise.code.value)
                statement.bind(first + 2, enterprise.name)
                statement.bind(first + 3, enterprise.size.rawValue)
                statement.bind(first + 4, enterprise.county)
            }
            pendingEnterprises.removeAll(keepingCapacity: true)
        }
    }
}
