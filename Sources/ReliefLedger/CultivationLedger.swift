import GRDB
import ReliefDomain
import ReliefEngine

/// First-loan cultivation in the ledger: enterprises registered for cultivation, counsellors
/// and their assignments, and the pipeline's dated transitions. Each call runs inside the
/// caller's write transaction; a refusal throws `LedgerError.rule` with the reason and, the
/// transaction being rolled back, writes nothing.
///
/// The first loan itself is never recorded here: it is read from the loan book (the
/// enterprise's earliest loan, when its credit report shows no loan record), so the KPIs
/// cannot disagree with the books.
public enum CultivationLedger {
    /// Longest name, county, industry or bank accepted: registered Chinese enterprise names
    /// run to about 60 characters; 200 leaves room and still refuses pasted garbage.
    public static let textLengthMax = 200

    /// An enterprise identified for cultivation, as a coordinator registers it.
    public struct Registration: Hashable, Sendable {
        public let code: CreditCode
        public let name: String
        public let size: EnterpriseSize
        public let county: String
        public let industry: String?
        /// Whether its central-bank credit report shows any loan record (then no loan to it
        /// can be a first loan).
        public let hasLoanRecord: Bool
        public let identifiedOn: CivilDate

        public init(code: CreditCode, name: String, size: EnterpriseSize, county: String, industry: String?, hasLoanRecord: Bool,
                    identifiedOn: CivilDate) {
            self.code = code
            self.name = name
            self.size = size
            self.county = county
            self.industry = industry
            self.hasLoanRecord = hasLoanRecord
            self.identifiedOn = identifiedOn
        }
    }

    /// What registering did.
    public enum RegisterOutcome: Equatable, Sendable {
        /// A new enterprise, or one known from a loan or bridge advance (`attached`) now under
        /// cultivation. `borrowedBefore` is its earliest loan in the ledger when dated before
        /// the identification: the firm already borrowed, worth a warning.
        case registered(attached: Bool, borrowedBefore: CultivationRegister.Loan?)
        /// Already registered with exactly these data: nothing was written.
        case duplicate
    }

    /// Registers `registration`, attaching the cultivation data to an enterprise the ledger
    /// already knows (from a loan or a bridge advance). Refused: a credit code registered
    /// under another name, size, county or industry, or already identified on another date.
    public static func register(_ registration: Registration, _ db: LedgerTransaction) throws -> RegisterOutcome {
        let db = db.database
        try checkText(registration.name, "name")
        try checkText(registration.county, "county")
        if let industry = registration.industry { try checkText(industry, "industry") }
        let code = registration.code
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT id, name, size, county, industry, has_loan_record, identified_on FROM enterprises WHERE credit_code = ?
            """), arguments: [code.value]) else {
            try db.cachedStatement(sql: """
                INSERT INTO enterprises(credit_code, name, size, county, industry, has_loan_record, identified_on) VALUES (?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [code.value, registration.name, registration.size.rawValue, registration.county, registration.industry,
                                         registration.hasLoanRecord ? 1 : 0, registration.identifiedOn.description])
            return .registered(attached: false, borrowedBefore: nil)
        }
        let id: Int64 = row["id"]
        let storedSize: String? = row["size"]
        let storedName: String = row["name"]
        let storedCounty: String = row["county"]
        let storedIndustry: String? = row["industry"]
        let storedFlag = (row["has_loan_record"] as Int64) != 0
        if let identified = row["identified_on"] as String? {
            let same = identified == registration.identifiedOn.description && storedName == registration.name
                && storedSize == registration.size.rawValue && storedCounty == registration.county
                && storedIndustry == registration.industry && storedFlag == registration.hasLoanRecord
            guard same else {
                throw LedgerError.rule("""
                    enterprise \(code) is already under cultivation since \(identified) as \(storedName) (\(storedSize ?? "size unknown"), \
                    \(storedCounty.isEmpty ? "no county" : storedCounty)\(storedIndustry.map { ", \($0)" } ?? ""), \
                    \(storedFlag ? "with" : "no") loan record); a credit code names one enterprise, registered once
                    """)
            }
            return .duplicate
        }
        // Known from a bridge advance only (no size yet): the registration completes the record,
        // as booking a loan would.
        if let storedSize {
            guard storedName == registration.name, storedSize == registration.size.rawValue else {
                throw LedgerError.rule("credit code \(code) is registered as \(storedName) (\(storedSize)), not \(registration.name) (\(registration.size.rawValue))")
            }
        }
        guard storedCounty.isEmpty || storedCounty == registration.county else {
            throw LedgerError.rule("credit code \(code) is registered in county \(storedCounty), not \(registration.county)")
        }
        if let storedIndustry, let industry = registration.industry, storedIndustry != industry {
            throw LedgerError.rule("credit code \(code) is registered in industry \(storedIndustry), not \(industry)")
        }
        try db.cachedStatement(sql: """
            UPDATE enterprises SET name = ?, size = ?, county = ?, industry = coalesce(?, industry), has_loan_record = ?, identified_on = ?
            WHERE id = ?
            """).execute(arguments: [registration.name, registration.size.rawValue, storedCounty.isEmpty ? registration.county : storedCounty,
                                     registration.industry, registration.hasLoanRecord ? 1 : 0, registration.identifiedOn.description, id])
        let earliest = try earliestLoan(enterpriseID: id, db)
        return .registered(attached: true, borrowedBefore: earliest.flatMap { $0.date < registration.identifiedOn ? $0 : nil })
    }

    /// Adds a counsellor; the same id with the same name again changes nothing (returns
    /// false), with another name is refused.
    public static func addCounsellor(_ id: CounsellorID, name: String, _ db: LedgerTransaction) throws -> Bool {
        let db = db.database
        try checkText(name, "counsellor name")
        if let stored = try String.fetchOne(db, sql: "SELECT name FROM counsellors WHERE id = ?", arguments: [id.rawValue]) {
            guard stored == name else { throw LedgerError.rule("counsellor \(id) is already registered as \(stored), not \(name)") }
            return false
        }
        try db.execute(sql: "INSERT INTO counsellors(id, name) VALUES (?, ?)", arguments: [id.rawValue, name])
        return true
    }

    /// What an assignment did.
    public enum AssignOutcome: Equatable, Sendable {
        /// Recorded; `previous` is the counsellor it takes over from, if any.
        case assigned(previous: CounsellorID?)
        /// That counsellor already serves the enterprise (since `since`): nothing was written.
        case unchanged(since: CivilDate)
    }

    /// Whether `counsellor` was assigned to `code` on `date` already (a replayed assignment).
    public static func hasAssignment(_ counsellor: CounsellorID, to code: CreditCode, on date: CivilDate, _ db: LedgerTransaction) throws -> Bool {
        let db = db.database
        return try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM counsellor_assignments a JOIN enterprises e ON e.id = a.enterprise_id
                           WHERE a.counsellor_id = ? AND e.credit_code = ? AND a.assigned_on = ?)
            """, arguments: [counsellor.rawValue, code.value, date.description]) ?? false
    }

    /// Whether `code` was moved to `stage` on `date` already (a replayed stage move).
    public static func hasMove(_ code: CreditCode, to stage: CultivationStage, on date: CivilDate, _ db: LedgerTransaction) throws -> Bool {
        let db = db.database
        return try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM cultivation_stages s JOIN enterprises e ON e.id = s.enterprise_id
                           WHERE e.credit_code = ? AND s.stage = ? AND s.stage_date = ?)
            """, arguments: [code.value, stage.rawValue, date.description]) ?? false
    }

    /// Assigns `counsellor` to the enterprise under cultivation with `code` from `date`. The
    /// history stays in date order (so "the counsellor on day d" has one answer): refused
    /// before the enterprise's identification or its latest assignment.
    public static func assign(_ counsellor: CounsellorID, to code: CreditCode, on date: CivilDate, _ db: LedgerTransaction) throws -> AssignOutcome {
        let db = db.database
        guard try String.fetchOne(db, sql: "SELECT name FROM counsellors WHERE id = ?", arguments: [counsellor.rawValue]) != nil else {
            throw LedgerError.unknownCounsellor(counsellor)
        }
        let (id, identifiedOn) = try cultivated(code, db)
        guard date >= identifiedOn else {
            throw LedgerError.rule("the assignment on \(date) is before enterprise \(code) was identified for cultivation on \(identifiedOn)")
        }
        if let latest = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT counsellor_id, assigned_on FROM counsellor_assignments WHERE enterprise_id = ? ORDER BY assigned_on DESC, id DESC LIMIT 1
            """), arguments: [id]) {
            let previous = try storedCounsellorID(latest["counsellor_id"])
            let since = try StoredValues.date(latest["assigned_on"], "assigned_on")
            if previous == counsellor, date >= since { return .unchanged(since: since) }
            guard date >= since else {
                throw LedgerError.rule("the assignment on \(date) is before enterprise \(code)'s latest one (\(previous) on \(since)): assignments are kept in date order")
            }
            try insertAssignment(counsellor, id, date, db)
            return .assigned(previous: previous)
        }
        try insertAssignment(counsellor, id, date, db)
        return .assigned(previous: nil)
    }

    static func insertAssignment(_ counsellor: CounsellorID, _ enterpriseID: Int64, _ date: CivilDate, _ db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO counsellor_assignments(counsellor_id, enterprise_id, assigned_on) VALUES (?, ?, ?)")
            .execute(arguments: [counsellor.rawValue, enterpriseID, date.description])
    }

    /// What a transition did.
    public enum MoveOutcome: Equatable, Sendable {
        /// Recorded; the enterprise was at `from` since `since`. `loanInLedger` says, for a move
        /// to `disbursed`, whether the ledger holds a loan to it (the KPIs count only those).
        case moved(from: CultivationStage, since: CivilDate, loanInLedger: Bool)
        /// The same transition (stage, date and bank) is already recorded: nothing was written.
        case duplicate
    }

    /// Moves the enterprise with `code` to `stage` on `date` (`bank`: the bank involved), or
    /// refuses with the reason (`CultivationStage.checkMove`).
    public static func move(_ code: CreditCode, to stage: CultivationStage, on date: CivilDate, bank: String?, _ db: LedgerTransaction) throws -> MoveOutcome {
        let db = db.database
        if let bank { try checkText(bank, "bank") }
        let (id, identifiedOn) = try cultivated(code, db)
        var current = (stage: CultivationStage.identified, since: identifiedOn)
        if let latest = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT stage, stage_date, bank FROM cultivation_stages WHERE enterprise_id = ? ORDER BY stage_date DESC, id DESC LIMIT 1
            """), arguments: [id]) {
            let storedStage: String = latest["stage"]
            guard let parsed = CultivationStage(rawValue: storedStage) else {
                throw LedgerError.rule("stored cultivation stage '\(storedStage)' of enterprise \(code) is invalid")
            }
            current = (parsed, try StoredValues.date(latest["stage_date"], "stage_date"))
            if parsed == stage, current.since == date, (latest["bank"] as String?) == bank { return .duplicate }
        }
        do {
            try current.stage.checkMove(since: current.since, to: stage, on: date)
        } catch {
            throw LedgerError.rule("enterprise \(code): \(error.message)")
        }
        try db.cachedStatement(sql: "INSERT INTO cultivation_stages(enterprise_id, stage, stage_date, bank) VALUES (?, ?, ?, ?)")
            .execute(arguments: [id, stage.rawValue, date.description, bank])
        let loanInLedger = stage == .disbursed ? try earliestLoan(enterpriseID: id, db) != nil : false
        return .moved(from: current.stage, since: current.since, loanInLedger: loanInLedger)
    }

    /// The row id and identification date of the enterprise under cultivation with `code`.
    static func cultivated(_ code: CreditCode, _ db: Database) throws -> (Int64, CivilDate) {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, identified_on FROM enterprises WHERE credit_code = ?"),
                                         arguments: [code.value]) else {
            throw LedgerError.unknownEnterprise(code)
        }
        guard let identified = row["identified_on"] as String? else {
            throw LedgerError.notUnderCultivation(code)
        }
        return (row["id"], try StoredValues.date(identified, "identified_on"))
    }

    /// The enterprise's earliest loan in the ledger: by start date, then loan id, so that two
    /// loans disbursed on one day have one deterministic first.
    static func earliestLoan(enterpriseID: Int64, _ db: Database) throws -> CultivationRegister.Loan? {
        try Row.fetchOne(db.cachedStatement(sql: """
            SELECT id, bank, principal_fen, start_date FROM loans WHERE enterprise_id = ? ORDER BY start_date, id LIMIT 1
            """), arguments: [enterpriseID]).map { row in
            CultivationRegister.Loan(id: try StoredValues.loanID(row["id"]), bank: row["bank"], amount: Money(fen: row["principal_fen"]),
                                     date: try StoredValues.date(row["start_date"], "start_date"))
        }
    }

    static func storedCounsellorID(_ text: String) throws -> CounsellorID {
        do { return try CounsellorID(validating: text) } catch { throw LedgerError.rule("stored counsellor id '\(text)' is invalid: \(error.reason)") }
    }

    static func checkText(_ text: String, _ what: String) throws {
        if text.allSatisfy({ $0 == " " || $0 == "\t" }) || text.count > textLengthMax || text.contains(where: { $0.isNewline }) {
            throw LedgerError.rule("the \(what) must have 1 to \(textLengthMax) characters on one line")
        }
    }
}
