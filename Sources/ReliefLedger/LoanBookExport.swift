import GRDB
import ReliefDomain
import ReliefEngine

/// The ledger as loan-book records (format revision 2), in the order an import replays them:
/// what `relief export loanbook` writes. Reads only; every query of the export lives here.
enum LoanBookExport {
    /// Everything the format carries, passed to `emit` in its order (so that an export streams): enterprises, the journal's events, the
    /// fund's settings, schedules that differ from their terms', the cultivation history, the
    /// imported bank statements with their entries, and the reconciliation matches.
    /// Nothing is held per loan or entry: loans are read when their events come.
    static func collect(_ db: Database, emit: (LoanBookRecord) throws -> Void) throws {
        let enterprises = try Row.fetchCursor(db, sql: "SELECT credit_code, name, size, county FROM enterprises ORDER BY id")
        while let row = try enterprises.next() {
            let code: String = row["credit_code"], size: String? = row["size"]
            do {
                let creditCode = try CreditCode(validating: code)
                if let size {
                    try emit(.enterprise(EnterpriseRecord(code: creditCode, name: row["name"], size: try EnterpriseSize(parsing: size), county: row["county"])))
                } else {
                    try emit(.unsizedEnterprise(code: creditCode, name: row["name"], county: row["county"]))
                }
            } catch {
                throw LedgerError.inconsistent("stored enterprise \(code) is invalid: \(error)")
            }
        }
        try events(db, emit: emit)
        if try Int.fetchOne(db, sql: "SELECT count(*) FROM bridge_settings") ?? 0 > 0 {
            let settings = try BridgeFund.settings(LedgerTransaction(db))
            try emit(.bridgeTerms(settings.terms))
            if settings.account != nil || settings.accountName != nil {
                try emit(.bridgeFund(account: settings.account, accountName: settings.accountName))
            }
        }
        try changedSchedules(db, emit: emit)
        try cultivation(db, emit: emit)
        try statements(db, emit: emit)
    }

    /// The imported statements in the order they were stored, each with the entries first
    /// stored from it (in row order, every column as stored), then the matches in the order
    /// reconciliation recorded them, each event by a reference that holds in any ledger the
    /// book is imported into.
    static func statements(_ db: Database, emit: (LoanBookRecord) throws -> Void) throws {
        do {
            let statements = try Row.fetchAll(db, sql: "SELECT id, source, digest, message_definition, message_id, entries FROM statements ORDER BY id")
            let entries = try db.cachedStatement(sql: "SELECT * FROM statement_entries WHERE statement_id = ? ORDER BY id")
            for row in statements {
                let id: Int64 = row["id"]
                try emit(.statement(LoanBookRecord.Statement(source: row["source"], digest: row["digest"], messageDefinition: row["message_definition"],
                                                             messageID: row["message_id"], entries: row["entries"])))
                let cursor = try Row.fetchCursor(entries, arguments: [id])
                while let entry = try cursor.next() {
                    let stored = try StatementLedger.entry(entry)
                    try emit(.statementEntry(key: stored.key, entry: stored.entry))
                }
            }
            let matches = try Row.fetchCursor(db, sql: """
                SELECT e.entry_key, m.event_kind, m.event_ref, m.method, m.difference_fen
                FROM statement_matches m JOIN statement_entries e ON e.id = m.statement_entry_id ORDER BY m.id
                """)
            while let row = try matches.next() {
                let kindText: String = row["event_kind"], reference: String = row["event_ref"], method: String = row["method"]
                guard let kind = Reconciliation.Event.Kind(rawValue: kindText) else {
                    throw LedgerError.inconsistent("a reconciliation match names an unknown event kind '\(kindText)'")
                }
                try emit(.match(LoanBookRecord.Match(entryKey: row["entry_key"], event: kindText,
                                                     reference: try Reconciliation.transferReference(kind: kind, reference: reference, LedgerTransaction(db)),
                                                     method: method, difference: Money(fen: row["difference_fen"]))))
            }
        } catch let error as LedgerError {
            if case .inconsistent = error { throw error }
            throw LedgerError.inconsistent("the ledger's statements cannot be exported: \(error)")
        }
    }

    /// The journal's events in entry order, with the deferrals that posted nothing placed
    /// after the deferral recorded before them.
    static func events(_ db: Database, emit: (LoanBookRecord) throws -> Void) throws {
        var runLabels: [String: String] = [:]
        // Deferrals are read with their entries; those that posted nothing (all amounts 0.00)
        // have no entry and are placed after the deferral recorded before them, and after
        // their loan's disbursement at the earliest.
        var silentAfter: [Int64: [Row]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT * FROM deferrals WHERE entry_id IS NULL ORDER BY id") {
            let loan: String = row["loan_id"]
            let id: Int64 = row["id"]
            let anchor = try Int64.fetchOne(db, sql: "SELECT entry_id FROM deferrals WHERE id < ? AND entry_id IS NOT NULL ORDER BY id DESC LIMIT 1", arguments: [id]) ?? 0
            let disbursed = try Int64.fetchOne(db, sql: "SELECT id FROM journal_entries WHERE idempotency_key = ?",
                                               arguments: [EventKey.disbursement(try loanID(loan))]) ?? 0
            silentAfter[max(anchor, disbursed), default: []].append(row)
        }
        func appendDeferral(_ row: Row) throws {
            let (label, run) = try runLabel(row, db, &runLabels)
            if let run { try emit(.programme(run: label, programme: run.programme, rounding: run.rounding)) }
            try emit(.deferral(LoanBookRecord.Deferral(
                loan: try loanID(row["loan_id"]), run: label, deferralDate: try date(row["deferral_date"]), installments: row["installments"],
                deferredPrincipal: Money(fen: row["deferred_principal_fen"]), deferredInterest: Money(fen: row["deferred_interest_fen"]),
                interestOnDeferredPrincipal: Money(fen: row["interest_on_deferred_principal_fen"]),
                compoundOnDeferredInterest: Money(fen: row["compound_on_deferred_interest_fen"]),
                penaltyWithoutRelief: Money(fen: row["penalty_without_relief_fen"]), compoundWithoutRelief: Money(fen: row["compound_without_relief_fen"]),
                relief: Money(fen: row["relief_fen"]))))
        }
        for row in silentAfter[0] ?? [] { try appendDeferral(row) }
        // A cursor, not an array: a journal of millions of entries is never held at once.
        let entries = try Row.fetchCursor(db, sql: """
            SELECT id, entry_date, kind, description, idempotency_key, loan_id, reverses_entry_id, batch_id FROM journal_entries ORDER BY id
            """)
        /// Import batches listed so far (ledger id -> number in the file): each goes out once,
        /// before the first loan it booked, numbered from 1 in the order listed so that the
        /// same loans give the same file whatever ids a ledger gave its runs.
        var batchNumbers: [Int64: Int64] = [:]
        var descriptions: [Int64: String] = [:]
        /// Entries of register events met so far: what a correction (a reversal of one) names.
        var corrected: [Int64: LoanBookRecord.Correction.Event] = [:]
        while let entry = try entries.next() {
            let id: Int64 = entry["id"]
            let key: String = entry["idempotency_key"]
            let kindText: String = entry["kind"]
            let entryDate = try date(entry["entry_date"])
            let loanText: String? = entry["loan_id"]
            let loan = try loanText.map(loanID)
            /// The event's key as first recorded (a correction's re-recording is `rN:<base>`).
            let base = Journal.eventBase(of: key).base
            /// The rest of the base key after `loan:<id>:<verb>:`, or nil.
            func suffix(_ verb: String) -> String? {
                guard let loanText else { return nil }
                let prefix = EventKey.loanEventPrefix(loanText, verb)
                return base.hasPrefix(prefix) ? String(base.dropFirst(prefix.count)) : nil
            }
            guard let kind = JournalEntryDraft.Kind(rawValue: kindText) else {
                throw LedgerError.inconsistent("journal entry \(id) has an unknown kind '\(kindText)'")
            }
            switch kind {
            case .disbursement:
                guard let loan, let record = try LoanLedger.fetchRecord(loan, LedgerTransaction(db)) else {
                    throw LedgerError.inconsistent("disbursement entry \(id) names no booked loan")
                }
                var number: Int64?
                if let batch = entry["batch_id"] as Int64? {
                    if let listed = batchNumbers[batch] {
                        number = listed
                    } else {
                        guard let logged = try ImportLog.batch(batch, LedgerTransaction(db)) else {
                            throw LedgerError.inconsistent("disbursement entry \(id) names no import batch \(batch)")
                        }
                        let next = Int64(batchNumbers.count + 1)
                        batchNumbers[batch] = next
                        number = next
                        try emit(.importBatch(LoanBookRecord.ImportBatch(number: next, source: logged.source, recordedOn: logged.recordedOn,
                                                                         records: logged.records, duplicates: logged.duplicates)))
                    }
                }
                try emit(.loan(record, rounding: try LoanLedger.rounding(of: loan, LedgerTransaction(db)), batch: number))
            case .renewal:
                guard let loan, let record = try LoanLedger.fetchRecord(loan, LedgerTransaction(db)),
                      let old = try String.fetchOne(db, sql: "SELECT loan_id FROM postings WHERE entry_id = ? AND loan_id <> ? LIMIT 1",
                                                    arguments: [id, loan.rawValue]) else {
                    throw LedgerError.inconsistent("renewal entry \(id) names no renewed loan")
                }
                try emit(.renewal(LoanBookRecord.Renewal(loan: try loanID(old), newLoan: loan, date: entryDate, terms: record.terms)))
            case .repayment:
                if let loan, let period = suffix("repayment").flatMap({ Int($0) }) {
                    try emit(.repayment(loan: loan, period: period, date: entryDate))
                    corrected[id] = .repayment(loan: loan, period: period)
                } else if let loan, base == EventKey.renewalInterest(loan) {
                    continue  // made by the renewal above
                } else {
                    throw LedgerError.inconsistent("repayment entry \(id) has an unrecognised key '\(key)'")
                }
            case .interestAccrual:
                guard let loan, let through = try suffix("accrual").map(date) else {
                    throw LedgerError.inconsistent("accrual entry \(id) has an unrecognised key '\(key)'")
                }
                try emit(.accrual(loan: loan, through: through))
                corrected[id] = .accrual(loan: loan, through: through)
            case .extension:
                guard let loan, let to = try suffix("extension").map(date) else {
                    throw LedgerError.inconsistent("extension entry \(id) has an unrecognised key '\(key)'")
                }
                try emit(.extension(loan: loan, to: to, agreed: entryDate))
            case .deferral:
                guard let row = try Row.fetchOne(db, sql: "SELECT * FROM deferrals WHERE entry_id = ?", arguments: [id]) else {
                    throw LedgerError.inconsistent("deferral entry \(id) has no deferral record")
                }
                try appendDeferral(row)
            case .fundCapital, .fundWithdrawal:
                guard let row = try Row.fetchOne(db, sql: "SELECT movement_date, amount_fen FROM bridge_capital WHERE entry_id = ?", arguments: [id]) else {
                    throw LedgerError.inconsistent("capital entry \(id) has no movement in the fund's register")
                }
                let movementDate = try date(row["movement_date"])
                let amount = Money(fen: row["amount_fen"])
                let reference = String(key.dropFirst(EventKey.bridgeCapitalPrefix.count))
                try emit(.bridgeCapital(date: movementDate, amount: amount, reference: reference == "\(movementDate):\(amount.fen)" ? nil : reference))
            case .advance:
                let advance = try advance(entry: id, db)
                try emit(.bridgeAdvance(advance))
                corrected[id] = .advance(advance.id)
            case .advanceRepayment:
                // Standing in the register, or undone since (kept in its history).
                guard let row = try Row.fetchOne(db, sql: """
                    SELECT advance_id, repaid_on FROM bridge_repayments WHERE entry_id = ?
                    UNION ALL SELECT advance_id, repaid_on FROM bridge_repayments_reversed WHERE entry_id = ?
                    """, arguments: [id, id]) else {
                    throw LedgerError.inconsistent("bridge repayment entry \(id) has no repayment in the fund's register")
                }
                let advanceText: String = row["advance_id"]
                do {
                    let advance = try AdvanceID(validating: advanceText)
                    try emit(.bridgeRepayment(advance: advance, date: try date(row["repaid_on"])))
                    corrected[id] = .bridgeRepayment(advance)
                } catch let error as ParseError {
                    throw LedgerError.inconsistent("stored advance id '\(advanceText)' is invalid: \(error.reason)")
                }
            case .manual:
                let description: String = entry["description"]
                let postings = try Row.fetchAll(db, sql: """
                    SELECT account_code, sum(amount_fen) AS amount_fen, loan_id FROM postings WHERE entry_id = ? GROUP BY line ORDER BY line
                    """,
                                                arguments: [id]).map { row in
                    LoanBookRecord.Entry.Posting(account: row["account_code"], amount: Money(fen: row["amount_fen"]),
                                                 loan: try (row["loan_id"] as String?).map(loanID))
                }
                descriptions[id] = description
                try emit(.entry(LoanBookRecord.Entry(number: id, date: entryDate, description: description, key: key, loan: loan, postings: postings)))
            case .reversal:
                let description: String = entry["description"]
                /// The reason the reversal gave, without the description of the entry it reverses.
                func reason(_ reversed: Int64) throws -> String {
                    guard let original = try String.fetchOne(db, sql: "SELECT description FROM journal_entries WHERE id = ?", arguments: [reversed]) else {
                        return description
                    }
                    let prefix = "Reversal of entry \(reversed) (\(original)): "
                    return description.hasPrefix(prefix) ? String(description.dropFirst(prefix.count)) : description
                }
                if let reversed = entry["reverses_entry_id"] as Int64?, descriptions[reversed] != nil {
                    try emit(.reversal(entry: reversed, date: entryDate, reason: try reason(reversed)))
                } else if let reversed = entry["reverses_entry_id"] as Int64?, let event = corrected[reversed] {
                    try emit(.correction(LoanBookRecord.Correction(event: event, date: entryDate, reason: try reason(reversed))))
                } else {
                    throw LedgerError.inconsistent("reversal entry \(id) reverses no entry the loan book carries")
                }
            }
            for row in silentAfter[id] ?? [] { try appendDeferral(row) }
        }
    }

    /// The run label of a deferral row, and the run itself when it is met for the first time.
    /// Deferrals recorded before runs were stored (ledger migration v6) get their programme
    /// back from the preset of that name, else from what the deferral moved.
    static func runLabel(_ row: Row, _ db: Database, _ labels: inout [String: String]) throws -> (String, ProgrammeRun?) {
        let run: ProgrammeRun
        let identity: String
        if let runID = row["run_id"] as Int64? {
            identity = "stored:\(runID)"
            if let label = labels[identity] { return (label, nil) }
            guard let stored = try ProgrammeRun.fetch(runID, LedgerTransaction(db)) else { throw LedgerError.inconsistent("programme run \(runID) is missing") }
            run = stored
        } else {
            run = try legacyRun(row, db)
            identity = "legacy:\(run.programme.name):\(run.programme.window):\(run.programme.scope):\(run.programme.compoundOnDeferredInterest)"
            if let label = labels[identity] { return (label, nil) }
        }
        let label = "r\(labels.count + 1)"
        labels[identity] = label
        return (label, run)
    }

    /// The programme of a deferral recorded without its run's parameters.
    static func legacyRun(_ row: Row, _ db: Database) throws -> ProgrammeRun {
        let name: String = row["programme"]
        let deferralDate = try date(row["deferral_date"])
        var base = name
        var window: (CivilDate, CivilDate)?
        // `overriding` names a narrowed run `NAME[FROM..UNTIL->DATE]`.
        if name.hasSuffix("]"), let open = name.firstIndex(of: "[") {
            let inner = name[name.index(after: open)..<name.index(before: name.endIndex)]
            let parts = inner.components(separatedBy: "->").first?.components(separatedBy: "..") ?? []
            if parts.count == 2, let from = try? CivilDate(parsing: parts[0]), let until = try? CivilDate(parsing: parts[1]) {
                base = String(name[..<open])
                window = (from, until)
            }
        }
        do {
            if let preset = ReliefProgramme.preset(named: base) {
                let programme = try preset.overriding(from: window?.0, until: window?.1, deferralDate: deferralDate)
                return ProgrammeRun(programme: programme, rounding: .halfUp)
            }
            // A user's programme: the narrowest window that defers the same rows.
            let deferralID: Int64 = row["id"]
            let range = try Row.fetchOne(db, sql: "SELECT min(original_due_date) AS a, max(original_due_date) AS b FROM installments WHERE deferral_id = ?",
                                         arguments: [deferralID])
            let from = try (range?["a"] as String?).map(date) ?? deferralDate
            let until = try (range?["b"] as String?).map(date) ?? deferralDate
            let principal = (row["deferred_principal_fen"] as Int64) > 0
            let interest = (row["deferred_interest_fen"] as Int64) > 0
            let programme = try ReliefProgramme(
                name: name, title: "", window: from...until, deferralDate: deferralDate,
                scope: principal && !interest ? .principal : (interest && !principal ? .interest : .both),
                interestOnDeferredPrincipal: !principal || (row["interest_on_deferred_principal_fen"] as Int64) > 0,
                compoundOnDeferredInterest: (row["compound_on_deferred_interest_fen"] as Int64) > 0,
                eligibility: .init(sizes: Set(EnterpriseSize.allCases), applicationRequired: false))
            return ProgrammeRun(programme: programme, rounding: .halfUp)
        } catch let violation as RuleViolation {
            throw LedgerError.inconsistent("the programme of stored deferral \(name) cannot be rebuilt: \(violation.message)")
        }
    }

    /// The advance recorded by entry `entry`, with the terms it was made under.
    static func advance(entry: Int64, _ db: Database) throws -> LoanBookRecord.BridgeAdvance {
        // Standing in the register, or cancelled since (kept with every column in its history).
        guard let row = try Row.fetchOne(db, sql: """
            SELECT a.*, e.credit_code, e.name FROM bridge_advances a JOIN enterprises e ON e.id = a.enterprise_id WHERE a.entry_id = ?
            """, arguments: [entry]) ?? Row.fetchOne(db, sql: """
            SELECT c.advance_id AS id, c.enterprise_id, c.bank, c.county, c.loan_ref, c.amount_fen, c.advance_date, c.daily_rate_units, c.tiers,
                   c.minimum_fee_fen, c.max_days, c.commitment_fen, c.account, c.entry_id, e.credit_code, e.name FROM bridge_advances_cancelled c JOIN enterprises e ON e.id = c.enterprise_id
            WHERE c.entry_id = ?
            """, arguments: [entry]) else {
            throw LedgerError.inconsistent("advance entry \(entry) has no advance in the fund's register")
        }
        let idText: String = row["id"], codeText: String = row["credit_code"], tiersText: String = row["tiers"]
        do {
            let name: String = row["name"]
            let minimumFee: Int64? = row["minimum_fee_fen"], commitment: Int64? = row["commitment_fen"]
            return LoanBookRecord.BridgeAdvance(
                id: try AdvanceID(validating: idText), enterprise: try CreditCode(validating: codeText), enterpriseName: name == codeText ? nil : name,
                bank: row["bank"], county: row["county"], amount: Money(fen: row["amount_fen"]), date: try date(row["advance_date"]),
                account: row["account"], repaid: nil, maturingLoan: row["loan_ref"], commitment: commitment.map(Money.init(fen:)),
                terms: .init(dailyRate: Rate(units: row["daily_rate_units"]), tiers: tiersText.isEmpty ? [] : try BridgeTerms.Tier.parseList(tiersText),
                             minimumFee: minimumFee.map(Money.init(fen:)), maximumDays: row["max_days"]))
        } catch let error as ParseError {
            throw LedgerError.inconsistent("stored advance \(idText) is invalid: \(error)")
        } catch let error as CreditCode.Problem {
            throw LedgerError.inconsistent("stored advance \(idText) has an invalid credit code: \(error)")
        }
    }

    /// The current schedule of each loan whose rows differ from the ones its terms give
    /// (deferred, extended, renewed), as read through the loan book. Only loans that keep
    /// installment rows can differ: the others are on their terms' standard schedule.
    static func changedSchedules(_ db: Database, emit: (LoanBookRecord) throws -> Void) throws {
        let calculator = ScheduleCalculator()
        let keeping = try String.fetchCursor(db, sql: "SELECT DISTINCT loan_id FROM installments ORDER BY loan_id")
        while let text = try keeping.next() {
            guard let loan = try LoanLedger.fetchRecord(try loanID(text), LedgerTransaction(db)) else {
                throw LedgerError.inconsistent("installments kept for loan \(text), which is not booked")
            }
            let stored = try LoanLedger.installments(of: loan, LedgerTransaction(db))
            let terms: [Installment]
            do { terms = try calculator.schedule(for: loan.terms).installments } catch { terms = [] }
            let same = stored.count == terms.count && zip(stored, terms).allSatisfy { row, computed in
                row.installment == computed && row.originalDueDate == computed.dueDate && !row.isDeferred
            }
            if same { continue }
            for row in stored {
                let installment = row.installment
                try emit(.installment(LoanBookRecord.Installment(
                    loan: loan.id, period: installment.period, dueDate: installment.dueDate, originalDueDate: row.originalDueDate, days: installment.days,
                    principal: installment.principal, interest: installment.interest, balance: installment.balance, deferred: row.isDeferred,
                    paid: row.isPaid)))
            }
        }
    }

    /// First-loan cultivation: registrations, counsellors, assignments and stage moves in the
    /// order they were recorded.
    static func cultivation(_ db: Database, emit: (LoanBookRecord) throws -> Void) throws {
        func code(_ text: String) throws -> CreditCode {
            do { return try CreditCode(validating: text) } catch { throw LedgerError.inconsistent("stored credit code '\(text)' is invalid") }
        }
        func counsellor(_ text: String) throws -> CounsellorID {
            do { return try CounsellorID(validating: text) } catch { throw LedgerError.inconsistent("stored counsellor id '\(text)' is invalid") }
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT credit_code, identified_on, industry, has_loan_record FROM enterprises WHERE identified_on IS NOT NULL ORDER BY id
            """) {
            try emit(.cultivation(LoanBookRecord.Cultivation(enterprise: try code(row["credit_code"]), identified: try date(row["identified_on"]),
                                                                   industry: row["industry"], hasLoanRecord: row["has_loan_record"])))
        }
        for row in try Row.fetchAll(db, sql: "SELECT id, name FROM counsellors ORDER BY rowid") {
            try emit(.counsellor(id: try counsellor(row["id"]), name: row["name"]))
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT a.counsellor_id, e.credit_code, a.assigned_on FROM counsellor_assignments a JOIN enterprises e ON e.id = a.enterprise_id ORDER BY a.id
            """) {
            try emit(.assignment(counsellor: try counsellor(row["counsellor_id"]), enterprise: try code(row["credit_code"]),
                                       date: try date(row["assigned_on"])))
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT e.credit_code, s.stage, s.stage_date, s.bank FROM cultivation_stages s JOIN enterprises e ON e.id = s.enterprise_id ORDER BY s.id
            """) {
            let stageText: String = row["stage"]
            guard let stage = CultivationStage(rawValue: stageText) else { throw LedgerError.inconsistent("stored stage '\(stageText)' is invalid") }
            try emit(.stage(enterprise: try code(row["credit_code"]), stage: stage, date: try date(row["stage_date"]), bank: row["bank"]))
        }
    }

    static func date(_ text: String) throws -> CivilDate {
        do { return try CivilDate(parsing: text) } catch { throw LedgerError.inconsistent("stored date '\(text)' is not a date") }
    }

    static func loanID(_ text: String) throws -> LoanID {
        do { return try LoanID(validating: text) } catch { throw LedgerError.inconsistent("stored loan id '\(text)' is invalid") }
    }
}

extension LedgerStore {
    /// Passes every record of the ledger, as a loan book holds it, to `emit` in file order,
    /// from one consistent snapshot; nothing is held per loan or entry, so memory stays flat
    /// in the ledger's size.
    public func exportLoanBook(emit: (LoanBookRecord) throws -> Void) throws {
        try readDatabase { db in try LoanBookExport.collect(db, emit: emit) }
    }
}
