import GRDB
import ReliefDomain

extension LedgerSchema {
    /// Journal entries stored as transfers (migration "v9-transfers").
    ///
    /// Until v8 an entry's lines were rows of `postings`, and two triggers kept entries
    /// balanced: inserting the entry summed and counted its postings, and inserting a posting
    /// looked for its entry. Those triggers were half of what recording cost (measured with the
    /// sqlite3 shell under callgrind: 25.2 k instructions a posting, 12.7 k without them).
    /// Now each entry is a set of transfers, one debit matched with one credit of the same
    /// positive amount (`JournalEntryDraft.pairing`), so:
    /// - a transfer balances by construction (`CHECK (amount_fen > 0)`, one amount for both
    ///   sides), hence so does every entry, with no trigger and one row for two postings;
    /// - an entry states how many transfers it has (`transfer_count`), and a transfer refers
    ///   to its entry by (id, transfer_count) with `number BETWEEN 1 AND transfer_count` and
    ///   the key (entry_id, number): no transfer can be added to an entry once it is recorded;
    /// - transfers cannot be updated or deleted (triggers, which cost nothing on insert).
    /// Each transfer keeps the entry's line numbers of its debit and its credit
    /// (`debit_line`, `credit_line`). The lines are read through the view `postings`: every
    /// balance and check reads it as before, and a line paired across several transfers
    /// (cash 112 against principal 100 and interest 12) is its pieces under one line number,
    /// summed where lines are shown (histories, the journal export, reversals).
    static func v9Transfers(_ db: Database) throws {
        try db.execute(sql: """
            DROP TRIGGER journal_entries_balance;
            DROP TRIGGER journal_entries_no_update;
            ALTER TABLE journal_entries ADD COLUMN transfer_count INTEGER NOT NULL DEFAULT 0;
            \(transfersTable)
            """)
        try convertPostingsToTransfers(db)
        try db.execute(sql: """
            UPDATE journal_entries SET transfer_count = (SELECT count(*) FROM transfers t WHERE t.entry_id = journal_entries.id);
            CREATE UNIQUE INDEX journal_entries_transfer_count ON journal_entries(id, transfer_count);
            CREATE TRIGGER journal_entries_no_update BEFORE UPDATE ON journal_entries
            BEGIN SELECT RAISE(ABORT, 'journal entries are immutable: post a reversing entry'); END;
            DROP TABLE postings;
            \(postingsView)
            """)
    }

    static let transfersTable = """
        CREATE TABLE transfers (
            entry_id INTEGER NOT NULL,
            transfer_count INTEGER NOT NULL,
            number INTEGER NOT NULL CHECK (number BETWEEN 1 AND transfer_count),
            debit_line INTEGER NOT NULL CHECK (debit_line >= 1),
            credit_line INTEGER NOT NULL CHECK (credit_line >= 1),
            debit_account TEXT NOT NULL REFERENCES accounts(code),
            credit_account TEXT NOT NULL REFERENCES accounts(code),
            amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
            debit_loan_id TEXT REFERENCES loans(id),
            credit_loan_id TEXT REFERENCES loans(id),
            PRIMARY KEY (entry_id, number),
            FOREIGN KEY (entry_id, transfer_count) REFERENCES journal_entries(id, transfer_count)
        ) STRICT, WITHOUT ROWID;
        CREATE TRIGGER transfers_no_update BEFORE UPDATE ON transfers
        BEGIN SELECT RAISE(ABORT, 'transfers are immutable: post a reversing entry'); END;
        CREATE TRIGGER transfers_no_delete BEFORE DELETE ON transfers
        BEGIN SELECT RAISE(ABORT, 'transfers are immutable: post a reversing entry'); END;
        """

    /// The double-entry lines: each transfer's debit (positive) and credit (negative) under
    /// the entry's line numbers; a line paired across transfers is several rows of one line.
    static let postingsView = """
        CREATE VIEW postings(entry_id, line, account_code, amount_fen, loan_id) AS
            SELECT entry_id, debit_line, debit_account, amount_fen, debit_loan_id FROM transfers
            UNION ALL
            SELECT entry_id, credit_line, credit_account, -amount_fen, credit_loan_id FROM transfers;
        """

    /// Pairs each recorded entry's postings (in the order written) into transfers, the same
    /// way the journal pairs a new entry's.
    private static func convertPostingsToTransfers(_ db: Database) throws {
        var entryID: Int64 = 0
        var lines: [JournalEntryDraft.Posting] = []
        var transfers: [(entryID: Int64, count: Int, number: Int, transfer: JournalEntryDraft.Transfer)] = []
        func pairEntry() throws {
            let paired = JournalEntryDraft.pairing(lines)
            guard !paired.isEmpty, lines.reduce(0, { $0 + $1.amount.fen }) == 0 else {
                throw LedgerError.inconsistent("journal entry \(entryID) does not balance (\(lines.count) postings): the ledger cannot move to this version's storage of transfers")
            }
            for (index, transfer) in paired.enumerated() { transfers.append((entryID, paired.count, index + 1, transfer)) }
            lines.removeAll(keepingCapacity: true)
            if transfers.count >= 4_096 { try writeTransfers() }
        }
        func writeTransfers() throws {
            try Journal.transfersInsert.insert(db, count: transfers.count) { statement, row, first in
                Journal.bind(transfers[row].transfer, entryID: transfers[row].entryID, count: transfers[row].count,
                             number: transfers[row].number, to: statement, at: first)
            }
            transfers.removeAll(keepingCapacity: true)
        }
        let rows = try Row.fetchCursor(db, sql: "SELECT entry_id, account_code, amount_fen, loan_id FROM postings ORDER BY entry_id, id")
        while let row = try rows.next() {
            let id: Int64 = row["entry_id"]
            if id != entryID, !lines.isEmpty { try pairEntry() }
            entryID = id
            let code: String = row["account_code"]
            guard let account = ChartOfAccounts.account(code: code) else { throw LedgerError.rule("unknown account \(code) in entry \(id)") }
            let loan: String? = row["loan_id"]
            lines.append(JournalEntryDraft.Posting(account: account, amount: Money(fen: row["amount_fen"]),
                                                   loanID: try loan.map { try LoanID(validating: $0) }))
        }
        if !lines.isEmpty { try pairEntry() }
        try writeTransfers()
    }
}
