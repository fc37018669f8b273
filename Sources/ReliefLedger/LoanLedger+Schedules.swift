import GRDB
import ReliefDomain
import ReliefEngine

/// Loans' current schedules: the rows `installments` keeps, or the standard schedule of the
/// terms with the kept rows in place of their periods (`LedgerSchema.v5ScheduleStorage`).
extension LoanLedger {
    /// The schedule a loan's terms give when it keeps no rows of its own.
    public static func standardSchedule(of loan: LoanRecord) throws -> Schedule {
        do {
            return try ScheduleCalculator(rounding: standardRounding).schedule(for: loan.terms)
        } catch {
            throw LedgerError.rule("stored loan \(loan.id): its terms give no schedule: \(error.message)")
        }
    }

    /// The loan's current installments in period order.
    public static func installments(of loan: LoanRecord, _ db: LedgerTransaction) throws -> [StoredInstallment] {
        let db = db.database
        return try ScheduleReader(LedgerTransaction(db)).installments(of: loan)
    }

    /// The current installments of the booked loan `id`.
    public static func installments(of id: LoanID, _ db: LedgerTransaction) throws -> [StoredInstallment] {
        let db = db.database
        guard let loan = try fetchRecord(id, LedgerTransaction(db)) else { throw LedgerError.unknownLoan(id) }
        return try installments(of: loan, LedgerTransaction(db))
    }

    /// Reads current schedules with statements prepared once (a portfolio reads one per loan).
    public struct ScheduleReader {
        let keptRows: FastStatement
        let storage: FastStatement

        public init(_ db: LedgerTransaction) throws {
            let db = db.database
            keptRows = try FastStatement(db, """
                SELECT period, due_date, original_due_date, days, principal_fen, interest_fen, balance_fen, deferral_id, paid_on
                FROM installments WHERE loan_id = ? ORDER BY period
                """)
            storage = try FastStatement(db, "SELECT schedule_stored FROM loans WHERE id = ?")
        }

        /// Whether the loan keeps its whole schedule in `installments`.
        public func keepsWholeSchedule(_ id: LoanID) throws -> Bool {
            storage.bind(1, id.rawValue)
            guard let flag = try storage.fetchInt64() else { throw LedgerError.unknownLoan(id) }
            return flag == 1
        }

        /// The rows the loan keeps, in period order.
        public func keptInstallments(of id: LoanID) throws -> [StoredInstallment] {
            keptRows.bind(1, id.rawValue)
            var rows: [StoredInstallment] = []
            try keptRows.forEachRow { row in
                rows.append(StoredInstallment(
                    installment: Installment(period: row.int(0), dueDate: try StoredValues.date(row.text(1), "due_date"), days: row.int(3),
                                             principal: Money(fen: row.int64(4)), interest: Money(fen: row.int64(5)),
                                             balance: Money(fen: row.int64(6))),
                    originalDueDate: try StoredValues.date(row.text(2), "original_due_date"),
                    isDeferred: !row.isNull(7), isPaid: !row.isNull(8)))
            }
            return rows
        }

        /// The loan's current installments in period order.
        public func installments(of loan: LoanRecord) throws -> [StoredInstallment] {
            let kept = try keptInstallments(of: loan.id)
            if try keepsWholeSchedule(loan.id) { return kept }
            return try LoanLedger.merge(kept, into: try standardSchedule(of: loan), of: loan.id)
        }
    }

    /// The standard schedule with `kept` rows in place of the rows of their periods.
    static func merge(_ kept: [StoredInstallment], into standard: Schedule, of id: LoanID) throws -> [StoredInstallment] {
        var rows = standard.installments.map(StoredInstallment.init(standard:))
        for row in kept {
            let index = row.installment.period - 1
            guard rows.indices.contains(index) else {
                throw LedgerError.rule("stored loan \(id): kept installment \(row.installment.period) is outside its standard schedule of \(rows.count)")
            }
            rows[index] = row
        }
        return rows
    }

    /// Stores the loan's whole current schedule if it keeps only some rows, so that an event
    /// about to change rows (a repayment, accrual, extension, renewal) finds them all.
    static func keepWholeSchedule(of loan: LoanRecord, _ db: Database) throws {
        let reader = try ScheduleReader(LedgerTransaction(db))
        guard !(try reader.keepsWholeSchedule(loan.id)) else { return }
        let kept = Set(try reader.keptInstallments(of: loan.id).map(\.installment.period))
        let missing = try standardSchedule(of: loan).installments.filter { !kept.contains($0.period) }
        try insertInstallments(missing, of: loan.id, db)
        let mark = try FastStatement(db, "UPDATE loans SET schedule_stored = 1 WHERE id = ?")
        mark.bind(1, loan.id.rawValue)
        try mark.execute()
    }
}
