import GRDB
import ReliefDomain
import Testing
import ReliefTestSupport
@testable import ReliefLedger

/// Entries are stored as transfers (one debit, one credit, one positive amount) since v9.
@Suite struct TransferTests {
    typealias Posting = JournalEntryDraft.Posting

    func pairs(_ lines: [Posting]) -> [String] {
        JournalEntryDraft.pairing(lines).map { "\($0.debit.code)<\($0.credit.code):\($0.amount.fen)" }
    }

    /// Worked by hand: debits and credits are each taken in order, each transfer moving what
    /// both the current debit and the current credit have left.
    @Test func linesPairIntoTransfersInOrder() throws {
        let cash = ChartOfAccounts.cash, principal = ChartOfAccounts.loanPrincipal, receivable = ChartOfAccounts.interestReceivable
        let income = ChartOfAccounts.interestIncome
        #expect(pairs([.debit(principal, Money(fen: 500)), .credit(cash, Money(fen: 500))]) == ["1301<1001:500"])
        // A repayment: cash 112 received for principal 100 and interest 12.
        #expect(pairs([.debit(cash, Money(fen: 112)), .credit(principal, Money(fen: 100)), .credit(receivable, Money(fen: 12))])
                == ["1001<1301:100", "1001<1132:12"])
        // Credits written first make no difference to the pairs.
        #expect(pairs([.credit(principal, Money(fen: 100)), .credit(receivable, Money(fen: 12)), .debit(cash, Money(fen: 112))])
                == ["1001<1301:100", "1001<1132:12"])
        // Two debits, two credits that do not line up: 70 + 30 against 50 + 50.
        #expect(pairs([.debit(cash, Money(fen: 70)), .debit(receivable, Money(fen: 30)),
                       .credit(principal, Money(fen: 50)), .credit(income, Money(fen: 50))])
                == ["1001<1301:50", "1001<6011:20", "1132<6011:30"])
        // Loans stay with their side.
        let loan = try LoanID(validating: "L-1")
        let transfer = try #require(JournalEntryDraft.pairing([.debit(principal, Money(fen: 9), loan: loan), .credit(cash, Money(fen: 9))]).first)
        #expect(transfer.debitLoanID == loan && transfer.creditLoanID == nil)
    }

    /// Against an independent reckoning over random balanced entries: per (account, loan),
    /// the transfers' debits less credits equal the lines'; every amount is positive; at
    /// most debits + credits - 1 transfers.
    @Test func pairingKeepsEveryAccountsAmount() throws {
        var generator = SeededGenerator(seed: 20200630)
        let accounts = ChartOfAccounts.all
        let loans = try [nil, LoanID(validating: "A"), LoanID(validating: "B")]
        for _ in 0..<2_000 {
            var lines: [Posting] = []
            var balance: Int64 = 0
            for _ in 0..<Int.random(in: 1...5, using: &generator) {
                let fen = Int64.random(in: 1...1_000_000, using: &generator)
                let account = accounts.randomElement(using: &generator)!, loan = loans.randomElement(using: &generator)!
                let debit = Bool.random(using: &generator)
                lines.append(debit ? .debit(account, Money(fen: fen), loan: loan) : .credit(account, Money(fen: fen), loan: loan))
                balance += debit ? fen : -fen
            }
            if balance != 0 {
                let account = accounts.randomElement(using: &generator)!
                lines.insert(balance > 0 ? .credit(account, Money(fen: balance)) : .debit(account, Money(fen: -balance)),
                             at: Int.random(in: 0...lines.count, using: &generator))
            }
            let transfers = JournalEntryDraft.pairing(lines)
            var expected: [String: Int64] = [:], actual: [String: Int64] = [:]
            for line in lines { expected["\(line.account.code)/\(line.loanID?.rawValue ?? "")", default: 0] += line.amount.fen }
            for transfer in transfers {
                #expect(transfer.amount.fen > 0)
                actual["\(transfer.debit.code)/\(transfer.debitLoanID?.rawValue ?? "")", default: 0] += transfer.amount.fen
                actual["\(transfer.credit.code)/\(transfer.creditLoanID?.rawValue ?? "")", default: 0] -= transfer.amount.fen
            }
            #expect(expected.filter { $0.value != 0 } == actual.filter { $0.value != 0 }, "\(lines)")
            // Line by line: each transfer names the lines it pays from and into, and a line's
            // pieces add up to it.
            var byLine: [Int: Int64] = [:]
            for transfer in transfers {
                byLine[transfer.debitLine, default: 0] += transfer.amount.fen
                byLine[transfer.creditLine, default: 0] -= transfer.amount.fen
                let debit = lines[transfer.debitLine - 1], credit = lines[transfer.creditLine - 1]
                #expect(debit.amount.fen > 0 && debit.account == transfer.debit && debit.loanID == transfer.debitLoanID)
                #expect(credit.amount.fen < 0 && credit.account == transfer.credit && credit.loanID == transfer.creditLoanID)
            }
            #expect(byLine == Dictionary(uniqueKeysWithValues: lines.enumerated().map { ($0.offset + 1, $0.element.amount.fen) }), "\(lines)")
            let debits = lines.filter { $0.amount.fen > 0 }.count
            #expect(transfers.count <= debits + (lines.count - debits) - 1)
        }
    }

    /// A ledger from before v9 (postings rows) keeps every entry, line for line by account,
    /// and passes `ledger check`.
    @Test func postingsRecordedBeforeV9BecomeTransfers() throws {
        let path = LedgerFixtures.temporaryPath()
        defer { LedgerFixtures.remove(path) }
        let queue = try DatabaseQueue(path: path)
        try LedgerSchema.migrator().migrate(queue, upTo: "v8-programme-run-scope")
        try queue.write { db in
            // As v8 wrote them: postings first, then their entry, whose trigger checks them.
            let entries: [(Int64, [(String, Int64)])] = [
                (1, [("1001", 50_000), ("6011", -50_000)]),
                (2, [("1001", 11_200), ("1301", -10_000), ("1132", -1_200)]),
                (3, [("1301", 7_000), ("1132", 3_000), ("1001", -5_000), ("6011", -5_000)]),
            ]
            for (id, lines) in entries {
                for (code, fen) in lines {
                    try db.execute(sql: "INSERT INTO postings(entry_id, account_code, amount_fen) VALUES (?, ?, ?)", arguments: [id, code, fen])
                }
                try db.execute(sql: "INSERT INTO journal_entries(id, entry_date, kind, description, idempotency_key) VALUES (?, '2020-03-01', 'manual', 'm', ?)",
                               arguments: [id, "manual:\(id)"])
            }
        }
        try LedgerSchema.migrator().migrate(queue)
        try queue.read { db in
            let transfers = try String.fetchAll(db, sql: """
                SELECT entry_id || ':' || number || '/' || transfer_count || ' ' || debit_account || '<' || credit_account || ' ' || amount_fen
                       || ' lines ' || debit_line || '<' || credit_line
                FROM transfers ORDER BY entry_id, number
                """)
            #expect(transfers == ["1:1/1 1001<6011 50000 lines 1<2", "2:1/2 1001<1301 10000 lines 1<2", "2:2/2 1001<1132 1200 lines 1<3",
                                  "3:1/3 1301<1001 5000 lines 1<3", "3:2/3 1301<6011 2000 lines 1<4", "3:3/3 1132<6011 3000 lines 2<4"])
            // Read back line by line (a line's pieces summed): the entries as written.
            let lines = try String.fetchAll(db, sql: """
                SELECT entry_id || ':' || line || ' ' || account_code || ' ' || sum(amount_fen) FROM postings GROUP BY entry_id, line ORDER BY entry_id, line
                """)
            #expect(lines == ["1:1 1001 50000", "1:2 6011 -50000", "2:1 1001 11200", "2:2 1301 -10000", "2:3 1132 -1200",
                              "3:1 1301 7000", "3:2 1132 3000", "3:3 1001 -5000", "3:4 6011 -5000"])
            let counts = try Int.fetchAll(db, sql: "SELECT transfer_count FROM journal_entries ORDER BY id")
            #expect(counts == [1, 2, 3])
            let net = try String.fetchAll(db, sql: "SELECT account_code || ' ' || sum(amount_fen) FROM postings GROUP BY account_code ORDER BY account_code")
            #expect(net == ["1001 56200", "1132 1800", "1301 -3000", "6011 -55000"])
            let check = try LedgerCheck.run(LedgerTransaction(db))
            #expect(check.isClean, "\(check.violations)")
        }
    }

    /// `ledger check` names an entry that does not hold the transfers it states (a damaged
    /// file, or raw SQL with foreign keys off).
    @Test func checkNamesAnEntryMissingATransfer() throws {
        let (store, path) = try LedgerFixtures.ledger(loans: 1)
        defer { LedgerFixtures.remove(path) }
        try store.write { db in
            try db.database.execute(sql: "INSERT INTO journal_entries(id, entry_date, kind, description, idempotency_key, transfer_count) VALUES (77, '2020-03-01', 'manual', 'm', 'manual:77', 2)")
            try db.database.execute(sql: "INSERT INTO transfers(entry_id, transfer_count, number, debit_line, credit_line, debit_account, credit_account, amount_fen) VALUES (77, 2, 1, 1, 2, '1001', '6011', 5)")
        }
        let report = try store.read { db in try LedgerCheck.run(db) }
        #expect(report.violations.contains { $0.contains("entry 77 states 2 transfers and holds 1") }, "\(report.violations)")
    }

    /// Even with SQLite's CHECK constraints bypassed, a transfer on a line beyond its entry's
    /// count (the totals agree: two stated, two held) is named.
    @Test func checkNamesATransferBeyondItsEntrysCount() throws {
        let (store, path) = try LedgerFixtures.ledger(loans: 1)
        defer { LedgerFixtures.remove(path) }
        let raw = try DatabaseQueue(path: path)
        try raw.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.inTransaction {
                try db.execute(sql: "INSERT INTO journal_entries(id, entry_date, kind, description, idempotency_key, transfer_count) VALUES (78, '2020-03-01', 'manual', 'm', 'manual:78', 2)")
                try db.execute(sql: """
                    INSERT INTO transfers(entry_id, transfer_count, number, debit_line, credit_line, debit_account, credit_account, amount_fen)
                    VALUES (78, 2, 1, 1, 2, '1001', '6011', 5), (78, 2, 5, 3, 4, '1001', '6011', 5)
                    """)
                return .commit
            }
        }
        try raw.close()
        let report = try store.read { db in try LedgerCheck.run(db) }
        #expect(report.violations.contains { $0.contains("entry 78 has a transfer numbered 5, outside its 2 transfers") }, "\(report.violations)")
    }

    /// A flush whose transfers are refused (a posting names a loan the ledger does not hold)
    /// leaves no entry without its transfers: the entries are undone with them.
    @Test func aRefusedFlushLeavesNoEntryBehind() throws {
        let (store, path) = try LedgerFixtures.ledger(loans: 1)
        defer { LedgerFixtures.remove(path) }
        struct Rollback: Error {}
        let before = try store.read { db in try Int.fetchOne(db.database, sql: "SELECT count(*) FROM journal_entries") }
        do {
            try store.writeJournal { journal in
                let day = try CivilDate(parsing: "2020-03-02")
                _ = try journal.record(try JournalEntryDraft(date: day, kind: .manual, description: "good", idempotencyKey: "manual:good",
                                                             postings: [.debit(ChartOfAccounts.cash, Money(fen: 5)), .credit(ChartOfAccounts.interestIncome, Money(fen: 5))]))
                _ = try journal.record(try JournalEntryDraft(date: day, kind: .manual, description: "bad", idempotencyKey: "manual:bad",
                                                             postings: [.debit(ChartOfAccounts.cash, Money(fen: 5), loan: try LoanID(validating: "NOPE")),
                                                                        .credit(ChartOfAccounts.interestIncome, Money(fen: 5))]))
                var refused = false
                do { try journal.flush() } catch is DatabaseError { refused = true }
                #expect(refused)
                let (entries, orphans) = try (Int.fetchOne(journal.db, sql: "SELECT count(*) FROM journal_entries"),
                                              Int.fetchOne(journal.db, sql: "SELECT count(*) FROM journal_entries e WHERE NOT EXISTS (SELECT 1 FROM transfers t WHERE t.entry_id = e.id)"))
                #expect(entries == before && orphans == 0)
                throw Rollback()
            }
            Issue.record("the transaction was not rolled back")
        } catch is Rollback {}
    }
}
