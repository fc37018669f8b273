import GRDB
import ReliefDomain
import ReliefEngine

/// Records the bridge fund's movements within one write transaction, keeping the fund's
/// cash and latest date in memory so that each check is O(1) however long the register.
public struct BridgeLedger {
    public private(set) var settings: BridgeFund.Settings
    /// Fund cash now: capital paid in - withdrawn - outstanding advances + fees received.
    public private(set) var cash: Money
    /// The date of the latest capital movement, advance or repayment.
    public private(set) var latestDate: CivilDate?

    /// A recorded repayment: its days and fee, and how many days over the maximum it ran.
    public struct RepaymentOutcome: Equatable, Sendable {
        public let days: Int
        public let fee: Money
        public let daysOver: Int
        public let duplicate: Bool

        public init(days: Int, fee: Money, daysOver: Int, duplicate: Bool) {
            self.days = days
            self.fee = fee
            self.daysOver = daysOver
            self.duplicate = duplicate
        }
    }

    public init(_ db: LedgerTransaction) throws {
        let db = db.database
        settings = try BridgeFund.settings(LedgerTransaction(db))
        let capital = try Int64.fetchOne(db, sql: "SELECT coalesce(sum(amount_fen), 0) FROM bridge_capital") ?? 0
        let outstanding = try Int64.fetchOne(db, sql: """
            SELECT coalesce(sum(a.amount_fen), 0) FROM bridge_advances a
            WHERE NOT EXISTS (SELECT 1 FROM bridge_repayments r WHERE r.advance_id = a.id)
            """) ?? 0
        let fees = try Int64.fetchOne(db, sql: "SELECT coalesce(sum(fee_fen), 0) FROM bridge_repayments") ?? 0
        cash = Money(fen: capital - outstanding + fees)
        let latest = try String.fetchOne(db, sql: """
            SELECT max(d) FROM (SELECT max(movement_date) AS d FROM bridge_capital UNION ALL SELECT max(advance_date) FROM bridge_advances
                                UNION ALL SELECT max(repaid_on) FROM bridge_repayments)
            """)
        latestDate = try latest.map { try StoredValues.date($0, "latest bridge date") }
    }

    /// Capital paid in (`amount` > 0) or withdrawn (< 0). `reference` names the movement for
    /// idempotency; without one, the same date, direction and amount count as the same movement.
    public mutating func moveCapital(_ amount: Money, on date: CivilDate, reference: String?, journal: inout Journal) throws -> Journal.Outcome {
        guard !amount.isZero else { throw LedgerError.rule("a capital movement of 0.00 moves nothing") }
        let key = EventKey.bridgeCapital(reference: reference, date: date, amount: amount)
        if amount.isNegative {
            try requireChronological(date, what: "a withdrawal")
            guard cash >= -amount else {
                throw LedgerError.rule("withdrawing \((-amount).formatted(grouped: true)) would leave the fund's cash of \(cash.formatted(grouped: true)) below zero")
            }
        }
        let magnitude = amount.isNegative ? -amount : amount
        let draft = try JournalEntryDraft(
            date: date, kind: amount.isNegative ? .fundWithdrawal : .fundCapital,
            description: amount.isNegative ? "Bridge fund capital withdrawn" : "Bridge fund capital paid in", idempotencyKey: key,
            postings: amount.isNegative
                ? [.debit(ChartOfAccounts.fundCapital, magnitude), .credit(ChartOfAccounts.fundCash, magnitude)]
                : [.debit(ChartOfAccounts.fundCash, magnitude), .credit(ChartOfAccounts.fundCapital, magnitude)])
        let outcome = try journal.record(draft)
        if outcome.isDuplicate { return outcome }
        try journal.db.execute(sql: "INSERT INTO bridge_capital(movement_date, amount_fen, entry_id) VALUES (?, ?, ?)",
                               arguments: [date.description, amount.fen, outcome.entryID])
        cash += amount
        latestDate = max(latestDate ?? date, date)
        return outcome
    }

    /// Records an advance, or refuses it (the terms' rules, the fund's cash, date order) and
    /// writes nothing. An unknown enterprise is registered from its credit code.
    public mutating func advance(_ request: BridgeAdvanceRequest, journal: inout Journal) throws -> Journal.Outcome {
        try advance(request, under: settings.terms, journal: &journal)
    }

    /// Records an advance under `terms` instead of the fund's current ones: its tiers,
    /// minimum fee and maximum days are stored with it and price its repayment. Used to
    /// replay an advance as it was made (a loan book carries each advance's own terms, which
    /// the fund may have changed since); every other check applies as for a new advance.
    public mutating func advance(_ request: BridgeAdvanceRequest, under terms: BridgeTerms, journal: inout Journal) throws -> Journal.Outcome {
        let db = journal.db
        if let (_, violation) = request.ruleViolation() { throw LedgerError.rule(violation.message) }
        let rate = request.dailyRate ?? terms.dailyRateCap
        if let existing = try Row.fetchOne(db.cachedStatement(sql: "SELECT amount_fen, advance_date, entry_id FROM bridge_advances WHERE id = ?"),
                                           arguments: [request.id.rawValue]) {
            let sameAmount = (existing["amount_fen"] as Int64) == request.amount.fen
            let sameDate = (existing["advance_date"] as String) == request.date.description
            guard sameAmount && sameDate else {
                throw LedgerError.rule("advance \(request.id) is already recorded with other figures; an advance id names one advance")
            }
            return .duplicate(entryID: existing["entry_id"])
        }
        let enterpriseID = try registerEnterprise(request, db)
        let owed = try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT coalesce(sum(a.amount_fen), 0) FROM bridge_advances a
            WHERE a.enterprise_id = ? AND NOT EXISTS (SELECT 1 FROM bridge_repayments r WHERE r.advance_id = a.id)
            """), arguments: [enterpriseID]) ?? 0
        do {
            try BridgeFeeCalculator(terms: terms).checkAdvance(amount: request.amount, dailyRate: rate, commitment: request.commitment,
                                                               enterpriseOutstanding: Money(fen: owed))
        } catch {
            throw LedgerError.rule(error.message)
        }
        try requireChronological(request.date, what: "advance \(request.id)")
        guard cash >= request.amount else {
            throw LedgerError.rule("advance \(request.id) of \(request.amount.formatted(grouped: true)) would take the fund's available balance of \(cash.formatted(grouped: true)) below zero")
        }
        let draft = try JournalEntryDraft(
            date: request.date, kind: .advance,
            description: "Bridge advance \(request.id) to \(request.enterprise) via \(request.bank)" + (request.maturingLoan.map { " repaying loan \($0)" } ?? ""),
            idempotencyKey: try journal.eventKey(EventKey.bridgeAdvance(request.id)),
            postings: [.debit(ChartOfAccounts.advancesReceivable, request.amount), .credit(ChartOfAccounts.fundCash, request.amount)])
        // Not in the register: an entry already under its key is not this advance.
        let outcome = Journal.Outcome.recorded(entryID: try journal.recordEvent(draft))
        try db.cachedStatement(sql: """
            INSERT INTO bridge_advances(id, enterprise_id, bank, county, loan_ref, amount_fen, advance_date, daily_rate_units, tiers,
                                        minimum_fee_fen, max_days, commitment_fen, account, entry_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [request.id.rawValue, enterpriseID, request.bank, request.county, request.maturingLoan, request.amount.fen,
                                     request.date.description, rate.units, BridgeTerms.Tier.format(terms.tiers), terms.minimumFee?.fen,
                                     terms.maximumDays, request.commitment?.fen, request.account, outcome.entryID])
        cash -= request.amount
        latestDate = max(latestDate ?? request.date, request.date)
        return outcome
    }

    /// Records the repayment of advance `id` on `date` with its fee for the days used; a
    /// repayment after the maximum days is recorded (it happened) and flagged.
    public mutating func repay(_ id: AdvanceID, on date: CivilDate, journal: inout Journal) throws -> RepaymentOutcome {
        let db = journal.db
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT a.amount_fen, a.advance_date, a.daily_rate_units, a.tiers, a.minimum_fee_fen, a.max_days, r.repaid_on, r.days, r.fee_fen, r.days_over
            FROM bridge_advances a LEFT JOIN bridge_repayments r ON r.advance_id = a.id WHERE a.id = ?
            """), arguments: [id.rawValue]) else {
            throw LedgerError.unknownAdvance(id)
        }
        if let repaidOn = row["repaid_on"] as String? {
            guard repaidOn == date.description else {
                throw LedgerError.rule("advance \(id) was already repaid on \(repaidOn)")
            }
            return RepaymentOutcome(days: row["days"], fee: Money(fen: row["fee_fen"]), daysOver: row["days_over"], duplicate: true)
        }
        let amount = Money(fen: row["amount_fen"])
        let advanced = try StoredValues.date(row["advance_date"], "advance_date")
        guard let days = BridgeFeeCalculator.days(from: advanced, to: date) else {
            throw LedgerError.rule("repayment on \(date) is before advance \(id) was made on \(advanced)")
        }
        let tiersText: String = row["tiers"]
        let minimumFee: Int64? = row["minimum_fee_fen"]
        let maximumDays: Int = row["max_days"]
        let terms: BridgeTerms
        do {
            // The terms the advance was made under, not today's; its rate and tiers were checked
            // against the cap of that day, so here only the absolute limit applies.
            terms = try BridgeTerms(maximumDays: maximumDays, dailyRateCap: BridgeTerms.dailyRateCapLimit,
                                    tiers: tiersText.isEmpty ? [] : try BridgeTerms.Tier.parseList(tiersText),
                                    minimumFee: minimumFee.map(Money.init(fen:)))
        } catch {
            throw LedgerError.rule("advance \(id) carries invalid terms: \(error)")
        }
        let fee = BridgeFeeCalculator(terms: terms).fee(amount: amount, days: days, dailyRate: Rate(units: row["daily_rate_units"]))
        let draft = try JournalEntryDraft(
            date: date, kind: .advanceRepayment, description: "Repayment of bridge advance \(id) after \(days) days, fee \(fee.formatted(grouped: true))",
            idempotencyKey: try journal.eventKey(EventKey.bridgeRepayment(id)),
            postings: [.debit(ChartOfAccounts.fundCash, amount + fee), .credit(ChartOfAccounts.advancesReceivable, amount),
                       .credit(ChartOfAccounts.feeIncome, fee)])
        // Not repaid in the register: an entry already under its key is not this repayment.
        let outcome = Journal.Outcome.recorded(entryID: try journal.recordEvent(draft))
        let daysOver = max(0, days - maximumDays)
        try db.cachedStatement(sql: "INSERT INTO bridge_repayments(advance_id, repaid_on, days, fee_fen, days_over, entry_id) VALUES (?, ?, ?, ?, ?, ?)")
            .execute(arguments: [id.rawValue, date.description, days, fee.fen, daysOver, outcome.entryID])
        cash += amount + fee
        latestDate = max(latestDate ?? date, date)
        return RepaymentOutcome(days: days, fee: fee, daysOver: daysOver, duplicate: false)
    }

    func requireChronological(_ date: CivilDate, what: String) throws {
        if let latestDate, date < latestDate {
            throw LedgerError.rule("\(what) is dated \(date), before the fund's latest movement on \(latestDate): the register is kept in date order")
        }
    }

    func registerEnterprise(_ request: BridgeAdvanceRequest, _ db: Database) throws -> Int64 {
        if let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM enterprises WHERE credit_code = ?"), arguments: [request.enterprise.value]) {
            return id
        }
        try db.cachedStatement(sql: "INSERT INTO enterprises(credit_code, name, size, county) VALUES (?, ?, NULL, ?)")
            .execute(arguments: [request.enterprise.value, request.enterpriseName ?? request.enterprise.value, request.county])
        return db.lastInsertedRowID
    }
}
