import GRDB
import ReliefDomain
import ReliefEngine

/// The loans in the ledger: booking a loan (enterprise, terms, schedule, disbursement entry),
/// and reading loans back.
public enum LoanLedger {
    /// What booking a loan did.
    public enum AddOutcome: Equatable, Sendable {
        case added(entryID: Int64)
        /// The same loan with the same terms is already booked: nothing was written.
        case duplicate
    }

    /// The rounding of the standard schedule: the schedule recomputed from the terms for a
    /// loan that stores no installment rows (see `LedgerSchema.v5ScheduleStorage`).
    public static let standardRounding = Rounding.halfUp

    /// Books `loan`: registers the enterprise if new, stores the terms (and the installments
    /// when `rounding` is not the standard one), and posts the disbursement (Dr loans:
    /// principal, Cr cash) on the start date. Terms that give no valid schedule (negative
    /// amortization, say) are refused before anything is written.
    public static func add(_ loan: LoanRecord, rounding: Rounding = standardRounding, journal: inout Journal,
                           batch: Int64? = nil) throws -> AddOutcome {
        let db = journal.db
        if let (_, violation) = loan.ruleViolation() { throw LedgerError.rule(violation.message) }
        // A cheap existence probe first: most loans of an import are new.
        let exists = try FastStatement(db, "SELECT 1 FROM loans WHERE id = ?")
        exists.bind(1, loan.id.rawValue)
        if try exists.fetchInt64() != nil, let existing = try fetchRecord(loan.id, LedgerTransaction(db)) {
            guard existing == loan else {
                throw LedgerError.rule("loan \(loan.id) is already booked with other terms (\(describe(existing))); a loan id names one loan")
            }
            let booked = try self.rounding(of: loan.id, LedgerTransaction(db))
            guard booked == rounding else {
                throw LedgerError.rule("loan \(loan.id) is already booked with its schedule rounded \(booked.rawValue), not \(rounding.rawValue); a loan id names one loan")
            }
            return .duplicate
        }
        let terms = loan.terms
        if rounding == standardRounding {
            // Computed (and refused if invalid) but not kept: it is recomputed when read.
            try ScheduleCalculator(rounding: rounding).forEachInstallment(of: terms) { _ in }
            try insert(loan, schedule: nil, db)
        } else {
            try insert(loan, schedule: try ScheduleCalculator(rounding: rounding).schedule(for: terms), db)
            try db.execute(sql: "UPDATE loans SET rounding = ? WHERE id = ?", arguments: [rounding.rawValue, loan.id.rawValue])
        }
        // The loan was not booked: an entry already under its disbursement key is not its disbursement.
        return .added(entryID: try journal.recordEvent(disbursement(of: loan), batch: batch))
    }

    /// Stores the loan and its enterprise, and `schedule` as its installments; nil stores no
    /// rows: the loan's schedule is then the standard one of its terms.
    static func insert(_ loan: LoanRecord, schedule: Schedule?, _ db: Database) throws {
        precondition(schedule.map { $0.terms == loan.terms } ?? true, "schedule of other terms for loan \(loan.id)")
        let enterpriseID = try registerEnterprise(loan.enterprise, db)
        try loansInsert.insert(db, count: 1) { statement, _, first in
            bind(loan, enterpriseID: enterpriseID, stored: schedule != nil, statement, first)
        }
        if let schedule { try insertInstallments(schedule.installments, of: loan.id, db) }
    }

    /// Stores `rows` as the loan's installments, due on their own dates.
    static func insertInstallments(_ rows: [Installment], of id: LoanID, _ db: Database) throws {
        try installmentsInsert.insert(db, count: rows.count) { statement, index, first in
            let row = rows[index]
            let due = row.dueDate.description
            statement.bind(first, id.rawValue)
            statement.bind(first + 1, row.period)
            statement.bind(first + 2, due)
            statement.bind(first + 3, due)
            statement.bind(first + 4, row.days)
            statement.bind(first + 5, row.principal.fen)
            statement.bind(first + 6, row.interest.fen)
            statement.bind(first + 7, row.balance.fen)
        }
    }

    static let installmentsInsert = BatchInsert("""
        INSERT INTO installments(loan_id, period, due_date, original_due_date, days, principal_fen, interest_fen, balance_fen) VALUES
        """, columns: 8)

    static func describe(_ loan: LoanRecord) -> String {
        "\(loan.enterprise.name), \(loan.terms.principal.formatted(grouped: true)) at \(loan.terms.annualRate.percentString()) from \(loan.terms.start) for \(loan.terms.termMonths) months"
    }

    /// The enterprise's row id, inserting it if new; a credit code already registered with
    /// another name or size is refused (eligibility depends on the size).
    static func registerEnterprise(_ enterprise: EnterpriseRecord, _ db: Database) throws -> Int64 {
        let probe = try FastStatement(db, "SELECT id FROM enterprises WHERE credit_code = ?")
        probe.bind(1, enterprise.code.value)
        guard try probe.fetchInt64() != nil else {
            let insert = try FastStatement(db, "INSERT INTO enterprises(credit_code, name, size, county) VALUES (?, ?, ?, ?)")
            insert.bind(1, enterprise.code.value)
            insert.bind(2, enterprise.name)
            insert.bind(3, enterprise.size.rawValue)
            insert.bind(4, enterprise.county)
            try insert.execute()
            return db.lastInsertedRowID
        }
        if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, name, size, county FROM enterprises WHERE credit_code = ?"),
                                      arguments: [enterprise.code.value]) {
            let id: Int64 = row["id"]
            let name: String = row["name"]
            let size: String? = row["size"]
            guard let size else {
                // Known so far only from a bridge advance: the loan completes the record.
                try db.execute(sql: "UPDATE enterprises SET name = ?, size = ?, county = CASE WHEN county = '' THEN ? ELSE county END WHERE id = ?",
                               arguments: [enterprise.name, enterprise.size.rawValue, enterprise.county, id])
                return id
            }
            guard name == enterprise.name, size == enterprise.size.rawValue else {
                throw LedgerError.rule("credit code \(enterprise.code) is registered as \(name) (\(size)), not \(enterprise.name) (\(enterprise.size.rawValue))")
            }
            return id
        }
        try db.cachedStatement(sql: "INSERT INTO enterprises(credit_code, name, size, county) VALUES (?, ?, ?, ?)")
            .execute(arguments: [enterprise.code.value, enterprise.name, enterprise.size.rawValue, enterprise.county])
        return db.lastInsertedRowID
    }

    static let recordQuery = """
        SELECT l.id, l.bank, l.principal_fen, l.rate_units, l.start_date, l.term_months, l.method, l.day_count, l.settlement,
               l.credit_line_fen, l.applied_on, e.credit_code, e.name, e.size, e.county
        FROM loans l JOIN enterprises e ON e.id = l.enterprise_id
        """

    /// The booked loan `id`, or nil.
    /// The rounding `id`'s schedule was booked with (half-up, the standard, for a loan booked
    /// before the ledger stored it; see `LedgerSchema.v10LoanRounding`).
    public static func rounding(of id: LoanID, _ db: LedgerTransaction) throws -> Rounding {
        let db = db.database
        guard let text = try String.fetchOne(db, sql: "SELECT rounding FROM loans WHERE id = ?", arguments: [id.rawValue]) else {
            return standardRounding
        }
        return try storedRounding(text, of: id.rawValue)
    }

    /// A `loans.rounding` value (the table's CHECK allows only Rounding's raw values).
    private static func storedRounding(_ text: String, of id: String) throws -> Rounding {
        guard let rounding = Rounding(rawValue: text) else { throw LedgerError.rule("loan \(id) has an unknown rounding '\(text)'") }
        return rounding
    }

    /// The loans booked with another rounding than the standard one, by id (few, if any).
    public static func otherRoundings(_ db: LedgerTransaction) throws -> [String: Rounding] {
        let db = db.database
        var roundings: [String: Rounding] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, rounding FROM loans WHERE rounding IS NOT NULL") {
            let id: String = row["id"]
            roundings[id] = try storedRounding(row["rounding"], of: id)
        }
        return roundings
    }

    /// Whether loan `id` is booked (without reading it).
    public static func isBooked(_ id: LoanID, _ db: LedgerTransaction) throws -> Bool {
        let db = db.database
        return try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM loans WHERE id = ?)"), arguments: [id.rawValue]) ?? false
    }

    public static func fetchRecord(_ id: LoanID, _ db: LedgerTransaction) throws -> LoanRecord? {
        let db = db.database
        let query = try FastStatement(db, recordQuery + " WHERE l.id = ?")
        query.bind(1, id.rawValue)
        return try decodeAll(query).first
    }

    /// Every booked loan in id order, or those named.
    public static func fetchRecords(_ ids: [LoanID]? = nil, _ db: LedgerTransaction) throws -> [LoanRecord] {
        let db = db.database
        if let ids {
            return try ids.map { id in
                guard let record = try fetchRecord(id, LedgerTransaction(db)) else { throw LedgerError.unknownLoan(id) }
                return record
            }
        }
        // Every loan of a portfolio: read by column index through the C API (GRDB's rows look
        // columns up by name, which costs more than the rest of the decoding here).
        return try decodeAll(try FastStatement(db, recordQuery + " ORDER BY l.id"))
    }

    /// The loans a `recordQuery` statement returns.
    static func decodeAll(_ query: FastStatement) throws -> [LoanRecord] {
        var records: [LoanRecord] = []
        try query.forEachRow { row in
            let fields = (0..<15).map { row.isNull(Int32($0)) ? nil : row.text(Int32($0)) }
            records.append(try decode(columns: fields))
        }
        return records
    }

    /// A loan from the 15 text columns of `recordQuery`, in order.
    static func decode(columns: [String?]) throws -> LoanRecord {
        func text(_ index: Int) -> String { columns[index] ?? "" }
        func integer(_ index: Int) throws -> Int64 {
            guard let value = Int64(text(index)) else { throw LedgerError.rule("stored loan \(text(0)) has a non-integer column \(index)") }
            return value
        }
        let terms: LoanTerms
        do {
            terms = try LoanTerms(
                principal: Money(fen: try integer(2)), annualRate: Rate(units: try integer(3)), start: try StoredValues.date(text(4), "start_date"),
                termMonths: Int(try integer(5)), method: try StoredValues.parse(text(6), "method", RepaymentMethod.init(parsing:)),
                dayCount: try StoredValues.parse(text(7), "day_count", DayCount.init(parsing:)),
                settlement: try StoredValues.parse(text(8), "settlement", Settlement.init(parsing:)))
        } catch let violation as RuleViolation {
            throw LedgerError.rule("stored loan \(text(0)) breaks a limit: \(violation.message)")
        }
        let enterprise = EnterpriseRecord(code: try StoredValues.creditCode(text(11)), name: text(12),
                                          size: try StoredValues.parse(text(13), "size", EnterpriseSize.init(parsing:)), county: text(14))
        return LoanRecord(id: try StoredValues.loanID(text(0)), enterprise: enterprise, bank: text(1), terms: terms,
                          creditLine: try columns[9].map { _ in Money(fen: try integer(9)) },
                          applied: try columns[10].map { try StoredValues.date($0, "applied_on") })
    }

    /// The loan's schedule as originally agreed (rows at their original due dates).
    public static func originalSchedule(of loan: LoanRecord, _ db: LedgerTransaction) throws -> Schedule {
        let db = db.database
        let rows = try installments(of: loan, LedgerTransaction(db)).map { stored in
            Installment(period: stored.installment.period, dueDate: stored.originalDueDate, days: stored.installment.days,
                        principal: stored.installment.principal, interest: stored.installment.interest, balance: stored.installment.balance)
        }
        return Schedule(terms: loan.terms, installments: rows)
    }

    /// The deferrals applied to the loan, oldest first.
    public static func deferrals(of id: LoanID, _ db: LedgerTransaction) throws -> [StoredDeferral] {
        let db = db.database
        return try Row.fetchAll(db, sql: "SELECT * FROM deferrals WHERE loan_id = ? ORDER BY id", arguments: [id.rawValue]).map { row in
            StoredDeferral(loanID: id, programme: row["programme"], deferralDate: try StoredValues.date(row["deferral_date"], "deferral_date"),
                           installments: row["installments"], deferredPrincipal: Money(fen: row["deferred_principal_fen"]),
                           deferredInterest: Money(fen: row["deferred_interest_fen"]),
                           interestOnDeferredPrincipal: Money(fen: row["interest_on_deferred_principal_fen"]),
                           compoundOnDeferredInterest: Money(fen: row["compound_on_deferred_interest_fen"]),
                           penaltyWithoutRelief: Money(fen: row["penalty_without_relief_fen"]),
                           compoundWithoutRelief: Money(fen: row["compound_without_relief_fen"]), relief: Money(fen: row["relief_fen"]))
        }
    }
}
