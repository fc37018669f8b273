import Foundation
import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger

/// The import side of `LoanBookTransfer`: a loan book replayed into the ledger.
extension LoanBookTransfer {
    /// Reads the loan book at `path` and records it in `journal`'s transaction. Revision 2:
    /// every record in file order, through the ledger's own APIs, checking deferral figures,
    /// renewal terms and written schedules against what the replay produced. Revision 1:
    /// loans and repayments as they stream in, the bridge fund's movements at the end in date
    /// order (the register refuses back-dated movements). Problems are located (file, line)
    /// and returned, never thrown one by one: the caller rolls back when there are any.
    static func record(path: String, journal: inout Journal, reader: LoanBookReader = LoanBookReader()) throws -> ImportSummary {
        var replay = Replay(file: (path as NSString).lastPathComponent)
        do {
            // Revision 2 lists the enterprises first and the replay registers them: a loan's
            // enterprise is then looked up in the ledger, so the reader keeps nothing per record.
            let db = journal.transaction
            try reader.read(path: path, enterprise: { code in try EnterpriseRegistry.record(of: code, db) }) { record, line in
                try replay.take(record, line: line, revision: reader.revision, journal: &journal)
            }
            try replay.finish(journal: &journal)
        } catch let failure as ImportFailure {
            replay.summary.problems += failure.problems
        }
        return replay.summary
    }

    /// The state of one loan book's replay.
    struct Replay {
        let file: String
        var summary = ImportSummary()
        var runs: [String: (programme: ReliefProgramme, rounding: Rounding)] = [:]
        /// Entry numbers of the file -> entries of this ledger (for reversals).
        var entries: [Int64: Int64] = [:]
        /// How many times the file has recorded each register event so far (by its first key):
        /// the n-th recording has key `Journal.eventKey(base, recording: n)`.
        var occurrences: [String: Int] = [:]
        var fund: (account: String?, name: String?)?
        var terms: BridgeTerms?
        var book: BridgeLedger?
        /// Revision 1: the fund's movements, recorded at the end in date order.
        var bridge: [(date: CivilDate, order: Int, line: Int, record: LoanBookRecord)] = []
        /// Revision-2 advances with a revision-1 `repaid`: recorded when the file reaches their date.
        var repaidLater: [(date: CivilDate, id: AdvanceID, line: Int)] = []
        /// The loan whose written schedule is being checked, its rows in the ledger and the periods met.
        var checking: (loan: LoanID, rows: [Int: StoredInstallment], count: Int, seen: Int, line: Int)?
        /// The statement whose entries come next (its row in this ledger).
        var statement: Int64?
        /// The import batches listed so far, by their number in the file, with their row in
        /// this ledger once a loan of theirs is booked here.
        var batches: [Int64: (batch: LoanBookRecord.ImportBatch, id: Int64?)] = [:]
        /// Rows of the loan being checked that differ from the replay.
        var mismatchedRows = 0
        /// Whether a revision-1 file was told that its revision-2 records need revision 2.
        var saidRevisionTwo = false
        /// The ledger's reconcilable events, read at the first match.
        var matchEvents: Reconciliation.EventIndex?

        init(file: String) { self.file = file }

        mutating func problem(_ line: Int, _ field: String? = nil, _ message: String) {
            summary.problems.append(ImportProblem(file: file, line: line, field: field, message: message))
        }

        mutating func count(_ duplicate: Bool) { if duplicate { summary.duplicates += 1 } else { summary.imported += 1 } }

        mutating func take(_ record: LoanBookRecord, line: Int, revision: Int, journal: inout Journal) throws {
            do {
                if case .installment = record {} else { try finishSchedule() }
                if revision >= 2 { try replay(record, line: line, journal: &journal) } else { try legacy(record, line: line, journal: &journal) }
            } catch let error as LedgerError {
                problem(line, nil, "\(error)")
            } catch let error as RuleViolation {
                problem(line, nil, error.message)
            }
        }

        mutating func finish(journal: inout Journal) throws {
            try finishSchedule()
            try recordRepaidLater(through: nil, journal: &journal)
            if !bridge.isEmpty {
                var book = try BridgeLedger(journal.transaction)
                // Same day: capital in, then repayments, then advances (and repayments of advances made that day), then withdrawals.
                for item in bridge.sorted(by: { ($0.date, $0.order, $0.line) < ($1.date, $1.order, $1.line) }) {
                    do {
                        switch (item.record, item.order) {
                        case (.bridgeCapital(_, let amount, let reference), _):
                            count(try book.moveCapital(amount, on: item.date, reference: reference, journal: &journal).isDuplicate)
                        case (.bridgeAdvance(let advance), 2):
                            count(try book.advance(advance.request, journal: &journal).isDuplicate)
                        case (.bridgeAdvance(let advance), _):
                            count(try book.repay(advance.id, on: item.date, journal: &journal).duplicate)
                        default:
                            break
                        }
                    } catch let error as LedgerError {
                        problem(item.line, nil, "\(error)")
                    }
                }
            }
            if let terms { try BridgeFund.store(terms, journal.transaction) }
            if let fund, let account = fund.account { try BridgeFund.setAccount(account, name: fund.name, journal.transaction) }
        }

        /// Revision 1 (the format before events): as it always imported.
        mutating func legacy(_ record: LoanBookRecord, line: Int, journal: inout Journal) throws {
            switch record {
            case .loan(let loan, let rounding, _):
                try addLoan(loan, rounding: rounding, journal: &journal)
            case .repayment(let loan, let period, let date):
                count(try LoanEvents.repay(loan, period: period, on: date, journal: &journal).outcome.isDuplicate)
            case .bridgeFund(let account, let name):
                fund = (account, name)
            case .bridgeCapital(let date, let amount, _):
                bridge.append((date, amount.isNegative ? 4 : 0, line, record))
            case .bridgeAdvance(let advance):
                bridge.append((advance.date, 2, line, record))
                // An advance repaid the day it was made: after it (3), not with that day's other repayments (1).
                if let repaid = advance.repaid { bridge.append((repaid, repaid == advance.date ? 3 : 1, line, record)) }
            case .enterprise, .unsizedEnterprise:
                break  // recorded with its loans
            default:
                // Said once: every later record of the file would say the same.
                if !saidRevisionTwo { problem(line, nil, "this record (and any like it below) needs a revision 2 loan book (revision=\"2\" on <LoanBook>)") }
                saidRevisionTwo = true
            }
        }

        mutating func addLoan(_ loan: LoanRecord, rounding: Rounding, batch: Int64? = nil, journal: inout Journal) throws {
            switch try LoanLedger.add(loan, rounding: rounding, journal: &journal, batch: batch) {
            case .added: summary.imported += 1
            case .duplicate: summary.duplicates += 1
            }
        }

        /// The batch of this ledger that books `loan` for the file's batch `number`: logged the
        /// first time one of its loans is booked here, so importing a book again (every loan
        /// already booked) logs nothing twice; nil for a loan already booked.
        mutating func ledgerBatch(_ number: Int64, booking loan: LoanID, line: Int, _ db: LedgerTransaction) throws -> Int64? {
            guard let listed = batches[number] else {
                problem(line, "batch", "loan \(loan) names import batch \(number), which is not listed above it")
                return nil
            }
            if let id = listed.id { return id }
            if try LoanLedger.isBooked(loan, db) { return nil }
            let batch = listed.batch
            let id = try ImportLog.record(source: batch.source, on: batch.recordedOn, records: batch.records, duplicates: batch.duplicates, db)
            batches[number] = (batch, id)
            return id
        }

        mutating func bridgeBook(_ db: LedgerTransaction) throws -> BridgeLedger {
            if let book { return book }
            let made = try BridgeLedger(db)
            book = made
            return made
        }

        /// Records revision-1 style repayments of advances due by `date` (all when nil).
        mutating func recordRepaidLater(through date: CivilDate?, journal: inout Journal) throws {
            guard !repaidLater.isEmpty else { return }
            var book = try bridgeBook(journal.transaction)
            defer { self.book = book }
            while let first = repaidLater.first, date.map({ first.date <= $0 }) ?? true {
                repaidLater.removeFirst()
                do { count(try book.repay(first.id, on: first.date, journal: &journal).duplicate) } catch let error as LedgerError {
                    problem(first.line, "repaid", "\(error)")
                }
            }
        }

        /// Whether the journal already holds an entry with `key` (a replayed event seen before).
        func recorded(_ key: String, _ db: LedgerTransaction) throws -> Bool {
            try LedgerQueries.hasEntry(withKey: key, db)
        }

        /// Counts one more recording of event `base` in the file; true when the ledger already
        /// holds that recording from an earlier import of this book and it was corrected, or
        /// recorded again after a correction (replaying it would not reproduce the history).
        /// A first recording that still stands is left to the event's own duplicate check.
        mutating func recordedBefore(_ base: String, _ journal: Journal) throws -> Bool {
            let recording = (occurrences[base] ?? 0) + 1
            occurrences[base] = recording
            guard let id = try journal.entry(withKey: Journal.eventKey(base, recording: recording)) else { return false }
            return try recording > 1 || journal.reversal(of: id) != nil
        }

        /// Replays a correction of the latest recording of its event in the file.
        mutating func replayCorrection(_ correction: LoanBookRecord.Correction, line: Int, journal: inout Journal) throws {
            let base: String
            switch correction.event {
            case .repayment(let loan, let period): base = EventKey.repayment(loan, period: period)
            case .accrual(let loan, let through): base = EventKey.accrual(loan, through: through)
            case .advance(let id): base = EventKey.bridgeAdvance(id)
            case .bridgeRepayment(let id): base = EventKey.bridgeRepayment(id)
            }
            guard let recording = occurrences[base], let entry = try journal.entry(withKey: Journal.eventKey(base, recording: recording)) else {
                problem(line, "event", "no \(correction.event.name) above this correction for it to correct")
                return
            }
            if try journal.reversal(of: entry) != nil {
                summary.duplicates += 1
                return
            }
            _ = try Corrections.reverse(entryID: entry, on: correction.date, reason: correction.reason, journal: &journal)
            // The register changed under the cached fund: read it again when next needed.
            book = nil
            summary.imported += 1
        }

        /// Revision 2: one event, replayed where it stands.
        mutating func replay(_ record: LoanBookRecord, line: Int, journal: inout Journal) throws {
            let db = journal.transaction
            switch record {
            case .enterprise(let enterprise):
                let outcome = try EnterpriseRegistry.register(code: enterprise.code, name: enterprise.name, size: enterprise.size,
                                                              county: enterprise.county, db)
                count(outcome == .duplicate)
            case .unsizedEnterprise(let code, let name, let county):
                count(try EnterpriseRegistry.register(code: code, name: name, size: nil, county: county, db) == .duplicate)
            case .importBatch(let batch):
                guard batches[batch.number] == nil else { return problem(line, "number", "import batch \(batch.number) is listed twice") }
                batches[batch.number] = (batch, nil)
            case .loan(let loan, let rounding, let batch):
                try addLoan(loan, rounding: rounding, batch: try batch.flatMap { try ledgerBatch($0, booking: loan.id, line: line, db) }, journal: &journal)
            case .repayment(let loan, let period, let date):
                if try recordedBefore(EventKey.repayment(loan, period: period), journal) {
                    summary.duplicates += 1
                    return
                }
                count(try LoanEvents.repay(loan, period: period, on: date, journal: &journal).outcome.isDuplicate)
            case .accrual(let loan, let through):
                // An accrual's key names its date, so the file's n-th accrual of the loan through
                // that date is the ledger's entry under the n-th key whenever there is one: a
                // duplicate, standing or corrected. (Accruing again would look at today's rows: a
                // repayment corrected since leaves an installment the original skipped as paid.)
                let base = EventKey.accrual(loan, through: through)
                let recording = (occurrences[base] ?? 0) + 1
                occurrences[base] = recording
                if try journal.entry(withKey: Journal.eventKey(base, recording: recording)) != nil {
                    summary.duplicates += 1
                    return
                }
                if let (outcome, _) = try LoanEvents.accrueInterest(loan, through: through, journal: &journal) {
                    count(outcome.isDuplicate)
                } else if try recorded(base, db) {
                    summary.duplicates += 1
                } else {
                    problem(line, "through", "loan \(loan) has no interest to accrue through \(through), but the book records an accrual")
                }
            case .programme(let run, let programme, let rounding):
                runs[run] = (programme, rounding)
            case .deferral(let deferral):
                try replayDeferral(deferral, line: line, journal: &journal)
            case .extension(let loan, let to, let agreed):
                if try recorded(EventKey.extensionTo(loan, maturity: to), db) {
                    summary.duplicates += 1
                } else {
                    _ = try LoanEvents.extend(loan, to: to, agreed: agreed, journal: &journal)
                    summary.imported += 1
                }
            case .renewal(let renewal):
                try replayRenewal(renewal, line: line, journal: &journal)
            case .bridgeTerms(let terms):
                self.terms = terms
            case .bridgeFund(let account, let name):
                fund = (account, name)
            case .bridgeCapital(let date, let amount, let reference):
                try recordRepaidLater(through: date, journal: &journal)
                var book = try bridgeBook(db)
                defer { self.book = book }
                count(try book.moveCapital(amount, on: date, reference: reference, journal: &journal).isDuplicate)
            case .bridgeAdvance(let advance):
                try recordRepaidLater(through: advance.date, journal: &journal)
                if try recordedBefore(EventKey.bridgeAdvance(advance.id), journal) {
                    summary.duplicates += 1
                    return
                }
                var book = try bridgeBook(db)
                defer { self.book = book }
                if let own = advance.terms {
                    // The terms the advance was made under; the fund's cap of that day was checked then.
                    let terms = try BridgeTerms(maximumDays: own.maximumDays, dailyRateCap: BridgeTerms.dailyRateCapLimit, tiers: own.tiers,
                                                minimumFee: own.minimumFee)
                    count(try book.advance(advance.request, under: terms, journal: &journal).isDuplicate)
                } else {
                    count(try book.advance(advance.request, journal: &journal).isDuplicate)
                }
                if let repaid = advance.repaid {
                    repaidLater.append((repaid, advance.id, line))
                    repaidLater.sort { $0.date < $1.date }
                }
            case .bridgeRepayment(let advance, let date):
                try recordRepaidLater(through: date, journal: &journal)
                if try recordedBefore(EventKey.bridgeRepayment(advance), journal) {
                    summary.duplicates += 1
                    return
                }
                var book = try bridgeBook(db)
                defer { self.book = book }
                count(try book.repay(advance, on: date, journal: &journal).duplicate)
            case .entry(let entry):
                if let namespace = Journal.reservedNamespace(of: entry.key) {
                    // It would stand for, or block, an event of the registers (a correction's reversal, say).
                    problem(line, "Entry/@key", "the key '\(entry.key)' is in the namespace \(namespace) that the ledger reserves for its own events; an Entry needs another key")
                    return
                }
                // A loan it names must be booked (the database would refuse it only at the
                // commit, as an internal error, and a dry run never gets there).
                for (field, loan) in [("Entry/@loan", entry.loan)] + entry.postings.map({ ("Posting/@loan", $0.loan) }) {
                    guard let loan else { continue }
                    if try !LoanLedger.isBooked(loan, db) {
                        problem(line, field, "no loan \(loan) in the ledger or above this entry")
                        return
                    }
                }
                var postings: [JournalEntryDraft.Posting] = []
                for posting in entry.postings {
                    guard let account = ChartOfAccounts.account(code: posting.account) else {
                        problem(line, "Posting/@account", "no account \(posting.account) in the chart of accounts")
                        return
                    }
                    postings.append(posting.amount.isNegative ? .credit(account, -posting.amount, loan: posting.loan) : .debit(account, posting.amount, loan: posting.loan))
                }
                let outcome = try journal.record(try JournalEntryDraft(date: entry.date, kind: .manual, description: entry.description,
                                                                      idempotencyKey: entry.key, loanID: entry.loan, postings: postings))
                entries[entry.number] = outcome.entryID
                count(outcome.isDuplicate)
            case .reversal(let number, let date, let reason):
                guard let entry = entries[number] else {
                    problem(line, "entry", "entry \(number) is not an Entry above this reversal")
                    return
                }
                count(try journal.reverse(entryID: entry, on: date, reason: reason).isDuplicate)
            case .correction(let correction):
                try replayCorrection(correction, line: line, journal: &journal)
            case .installment(let row):
                try check(row, line: line, db)
            case .cultivation(let cultivation):
                guard let enterprise = try EnterpriseRegistry.record(of: cultivation.enterprise, db) else {
                    problem(line, "enterprise", "enterprise \(cultivation.enterprise) is not listed above")
                    return
                }
                let outcome = try CultivationLedger.register(CultivationLedger.Registration(
                    code: enterprise.code, name: enterprise.name, size: enterprise.size, county: enterprise.county, industry: cultivation.industry,
                    hasLoanRecord: cultivation.hasLoanRecord, identifiedOn: cultivation.identified), db)
                count(outcome == .duplicate)
            case .counsellor(let id, let name):
                count(!(try CultivationLedger.addCounsellor(id, name: name, db)))
            case .assignment(let counsellor, let enterprise, let date):
                // Replayed twice, an older assignment would be back-dated: the same row is a duplicate.
                if try CultivationLedger.hasAssignment(counsellor, to: enterprise, on: date, db) {
                    summary.duplicates += 1
                } else {
                    _ = try CultivationLedger.assign(counsellor, to: enterprise, on: date, db)
                    summary.imported += 1
                }
            case .stage(let enterprise, let stage, let date, let bank):
                if try CultivationLedger.hasMove(enterprise, to: stage, on: date, db) {
                    summary.duplicates += 1
                } else {
                    _ = try CultivationLedger.move(enterprise, to: stage, on: date, bank: bank, db)
                    summary.imported += 1
                }
            case .statement(let written):
                statement = nil
                let restored = try StatementLedger.restoreStatement(source: written.source, digest: written.digest,
                                                                  messageDefinition: written.messageDefinition, messageID: written.messageID,
                                                                  entries: written.entries, db)
                statement = restored.statementID
                count(restored.isDuplicate)
            case .statementEntry(let key, let entry):
                guard let statement else {
                    problem(line, "StatementEntry/@key", "statement entry '\(key)' has no stored Statement above it")
                    return
                }
                count(!(try StatementLedger.restoreEntry(entry, key: key, statementID: statement, db)))
            case .match(let match):
                try replayMatch(match, line: line, journal: journal)
            }
        }

        /// Stores a reconciliation match, its event found in this ledger by its portable reference.
        mutating func replayMatch(_ match: LoanBookRecord.Match, line: Int, journal: Journal) throws {
            guard let kind = Reconciliation.Event.Kind(rawValue: match.event) else {
                problem(line, "Match/@event", "'\(match.event)' is not an event reconciliation matches")
                return
            }
            guard let method = Reconciliation.Method(rawValue: match.method) else {
                problem(line, "Match/@method", "'\(match.method)' is not a reconciliation method")
                return
            }
            guard let reference = try Reconciliation.ledgerReference(kind: kind, transferReference: match.reference, journal: journal) else {
                problem(line, "Match/@ref", "no \(kind.rawValue) '\(match.reference)' in the ledger for statement entry '\(match.entryKey)' to be matched to")
                return
            }
            // Matches come last in a book, after every event: the ledger's events are read once.
            let events = try matchEvents ?? Reconciliation.EventIndex(journal.transaction)
            matchEvents = events
            count(!(try Reconciliation.restoreMatch(entryKey: match.entryKey, kind: kind, reference: reference, method: method,
                                                    differenceFen: match.difference.fen, events: events, journal.transaction)))
        }

        mutating func replayDeferral(_ deferral: LoanBookRecord.Deferral, line: Int, journal: inout Journal) throws {
            guard let run = runs[deferral.run] else {
                problem(line, "Deferral/@run", "no Programme with run=\"\(deferral.run)\" above this deferral")
                return
            }
            let result = try PortfolioDeferral.apply(run.programme, to: [deferral.loan], journal: &journal, rounding: run.rounding)
            if let refusal = result.refusals.first {
                problem(line, "Deferral/@loan", "loan \(deferral.loan) is refused by programme \(run.programme.name): \(refusal.reason)")
                return
            }
            if result.loansAlreadyDeferred > 0 {
                summary.duplicates += 1
                return
            }
            guard result.loansDeferred == 1 else {
                problem(line, "Deferral/@loan", "programme \(run.programme.name) defers nothing of loan \(deferral.loan) here, but the book records a deferral")
                return
            }
            summary.imported += 1
            guard let stored = try LoanLedger.deferrals(of: deferral.loan, journal.transaction).last(where: { $0.programme == run.programme.name }) else {
                problem(line, "Deferral/@loan", "the deferral of loan \(deferral.loan) was not stored")
                return
            }
            let figures: [(String, String, String)] = [
                ("deferralDate", deferral.deferralDate.description, stored.deferralDate.description),
                ("installments", String(deferral.installments), String(stored.installments)),
                ("deferredPrincipal", deferral.deferredPrincipal.description, stored.deferredPrincipal.description),
                ("deferredInterest", deferral.deferredInterest.description, stored.deferredInterest.description),
                ("interestOnDeferredPrincipal", deferral.interestOnDeferredPrincipal.description, stored.interestOnDeferredPrincipal.description),
                ("compoundOnDeferredInterest", deferral.compoundOnDeferredInterest.description, stored.compoundOnDeferredInterest.description),
                ("penaltyWithoutRelief", deferral.penaltyWithoutRelief.description, stored.penaltyWithoutRelief.description),
                ("compoundWithoutRelief", deferral.compoundWithoutRelief.description, stored.compoundWithoutRelief.description),
                ("relief", deferral.relief.description, stored.relief.description),
            ]
            for (field, written, replayed) in figures where written != replayed {
                problem(line, "Deferral/@\(field)", "the book says \(written), replaying programme \(run.programme.name) gives \(replayed)")
            }
        }

        mutating func replayRenewal(_ renewal: LoanBookRecord.Renewal, line: Int, journal: inout Journal) throws {
            let db = journal.transaction
            if try recorded(EventKey.disbursement(renewal.newLoan), db) {
                guard let existing = try LoanLedger.fetchRecord(renewal.newLoan, db), existing.terms == renewal.terms else {
                    problem(line, "Renewal/@newLoan", "loan \(renewal.newLoan) is already booked with other terms")
                    return
                }
                summary.duplicates += 1
                return
            }
            let terms = renewal.terms
            _ = try LoanEvents.renew(renewal.loan, as: renewal.newLoan, on: renewal.date,
                                     with: RenewalCalculator.NewTerms(annualRate: terms.annualRate, termMonths: terms.termMonths, method: terms.method,
                                                                      dayCount: terms.dayCount), journal: &journal)
            summary.imported += 1
            if let booked = try LoanLedger.fetchRecord(renewal.newLoan, db), booked.terms != terms {
                problem(line, "Renewal/@principal", "the book renews with \(terms.principal) from \(terms.start) (\(terms.settlement.rawValue)), replaying gives \(booked.terms.principal) from \(booked.terms.start) (\(booked.terms.settlement.rawValue))")
            }
        }

        /// Checks one written schedule row against the replayed ledger.
        mutating func check(_ row: LoanBookRecord.Installment, line: Int, _ db: LedgerTransaction) throws {
            if checking?.loan != row.loan {
                try finishSchedule()
                guard try LoanLedger.isBooked(row.loan, db) else {
                    problem(line, "Installment/@loan", "no loan \(row.loan) in the book")
                    return
                }
                let stored = try LoanLedger.installments(of: row.loan, db)
                checking = (row.loan, Dictionary(stored.map { ($0.installment.period, $0) }, uniquingKeysWith: { first, _ in first }), stored.count, 0, line)
            }
            guard var current = checking else { return }
            current.seen += 1
            current.line = line
            checking = current
            guard let stored = current.rows[row.period] else {
                problem(line, "Installment/@period", "the replayed schedule of loan \(row.loan) has no installment \(row.period)")
                return
            }
            let installment = stored.installment
            let fields: [(String, String, String)] = [
                ("dueDate", row.dueDate.description, installment.dueDate.description),
                ("originalDueDate", row.originalDueDate.description, stored.originalDueDate.description),
                ("days", String(row.days), String(installment.days)),
                ("principal", row.principal.description, installment.principal.description),
                ("interest", row.interest.description, installment.interest.description),
                ("balance", row.balance.description, installment.balance.description),
                ("deferred", String(row.deferred), String(stored.isDeferred)),
                ("paid", String(row.paid), String(stored.isPaid)),
            ]
            // An original due date left out of the book is the due date: not a difference of its own.
            let differing = fields.filter { $0.1 != $0.2 }.filter { !($0.0 == "originalDueDate" && row.originalDueDate == row.dueDate) }
            guard let first = differing.first else { return }
            // The first row of the loan that differs, with every field that does; later rows
            // of the same loan are counted (one change upstream moves them all).
            mismatchedRows += 1
            guard mismatchedRows == 1 else { return }
            let others = differing.dropFirst().map { "\($0.0) \($0.1) in the book, \($0.2) when replayed" }
            problem(line, "Installment/@\(first.0)", "schedule mismatch: installment \(row.period) of loan \(row.loan) is \(first.1) in the book, \(first.2) when replayed"
                    + (others.isEmpty ? "" : "; " + others.joined(separator: "; ")))
        }

        /// Ends the check of the loan being checked: the book must list every replayed row.
        mutating func finishSchedule() throws {
            guard let current = checking else { return }
            checking = nil
            if mismatchedRows > 1 {
                problem(current.line, "Installment/@loan", "schedule mismatch: \(mismatchedRows - 1) more installment\(mismatchedRows == 2 ? "" : "s") of loan \(current.loan) differ")
            }
            mismatchedRows = 0
            if current.seen != current.count {
                problem(current.line, "Installment/@loan", "schedule mismatch: the book lists \(current.seen) installments of loan \(current.loan), the replay has \(current.count)")
            }
        }
    }
}
