import GRDB
import ReliefDomain
import ReliefEngine

extension CultivationLedger {
    /// The cultivation register as the report reads it: every enterprise under cultivation or
    /// with a loan, in the order the ledger first knew them, with its transitions,
    /// assignments and earliest loan.
    ///
    /// Five sequential scans, each ordered by enterprise row id and merged in one pass (no
    /// per-enterprise query and no dictionary of histories). Stored values are checked as
    /// they are read; a few hundred distinct dates and the counsellors' ids recur hundreds of
    /// thousands of times, so each distinct text is parsed once (parsing was most of the
    /// read's time).
    public static func cultivationRegister(_ db: LedgerTransaction) throws -> CultivationRegister {
        let db = db.database
        var counsellors: [CounsellorID: String] = [:]
        var counsellorIDs: [String: CounsellorID] = [:]
        try FastStatement(db, "SELECT id, name FROM counsellors").forEachRow { row in
            let text = row.text(0)
            let id = try storedCounsellorID(text)
            counsellors[id] = row.text(1)
            counsellorIDs[text] = id
        }
        var dates: [String: CivilDate] = [:]
        func date(_ text: String, _ column: String) throws -> CivilDate {
            if let known = dates[text] { return known }
            let parsed = try StoredValues.date(text, column)
            dates[text] = parsed
            return parsed
        }
        let loans = try keyed(db, "SELECT enterprise_id, id, bank, principal_fen, start_date FROM loans ORDER BY enterprise_id, start_date, id") { row in
            CultivationRegister.Loan(id: try StoredValues.loanID(row.text(1)), bank: row.text(2), amount: Money(fen: row.int64(3)),
                                     date: try date(row.text(4), "start_date"))
        }
        let transitions = try keyed(db, "SELECT enterprise_id, stage, stage_date, bank FROM cultivation_stages ORDER BY enterprise_id, stage_date, id") { row in
            let text = row.text(1)
            guard let stage = CultivationStage(rawValue: text) else { throw LedgerError.rule("stored cultivation stage '\(text)' is invalid") }
            return CultivationRegister.Transition(stage: stage, date: try date(row.text(2), "stage_date"),
                                                  bank: row.isNull(3) ? nil : row.text(3))
        }
        let assignments = try keyed(db, """
            SELECT enterprise_id, counsellor_id, assigned_on FROM counsellor_assignments ORDER BY enterprise_id, assigned_on, id
            """) { row in
            let text = row.text(1)
            return CultivationRegister.Assignment(counsellor: try counsellorIDs[text] ?? storedCounsellorID(text), date: try date(row.text(2), "assigned_on"))
        }
        var loanIndex = 0
        var transitionIndex = 0
        var assignmentIndex = 0
        /// The run of `items` (sorted by key) whose key is `id`, advancing `index` past it.
        func take<T>(_ items: [(Int64, T)], _ index: inout Int, _ id: Int64) -> ArraySlice<(Int64, T)> {
            while index < items.count && items[index].0 < id { index += 1 }
            let start = index
            while index < items.count && items[index].0 == id { index += 1 }
            return items[start..<index]
        }
        var enterprises: [CultivationRegister.Enterprise] = []
        try FastStatement(db, """
            SELECT e.id, e.credit_code, e.name, e.size, e.county, e.industry, e.has_loan_record, e.identified_on FROM enterprises e
            WHERE e.identified_on IS NOT NULL OR EXISTS (SELECT 1 FROM loans l WHERE l.enterprise_id = e.id) ORDER BY e.id
            """).forEachRow { row in
            let id = row.int64(0)
            var size: EnterpriseSize?
            if !row.isNull(3) {
                let text = row.text(3)
                guard let stored = EnterpriseSize(rawValue: text) else { throw LedgerError.rule("stored size '\(text)' is invalid") }
                size = stored
            }
            enterprises.append(CultivationRegister.Enterprise(
                code: try StoredValues.creditCode(row.text(1)), name: row.text(2), size: size, county: row.text(4),
                industry: row.isNull(5) ? nil : row.text(5), hasLoanRecord: row.int64(6) != 0,
                identifiedOn: row.isNull(7) ? nil : try date(row.text(7), "identified_on"),
                transitions: take(transitions, &transitionIndex, id).map(\.1),
                assignments: take(assignments, &assignmentIndex, id).map(\.1),
                earliestLoan: take(loans, &loanIndex, id).first?.1))
        }
        return CultivationRegister(enterprises: enterprises, counsellors: counsellors)
    }

    /// Rows of `sql` (first column: the enterprise row id, ascending) decoded by `decode`.
    static func keyed<T>(_ db: Database, _ sql: String, _ decode: (FastStatement.Row) throws -> T) throws -> [(Int64, T)] {
        var items: [(Int64, T)] = []
        try FastStatement(db, sql).forEachRow { row in items.append((row.int64(0), try decode(row))) }
        return items
    }
}
