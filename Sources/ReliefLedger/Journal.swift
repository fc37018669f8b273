import GRDB
import ReliefDomain

/// Records journal entries inside a write transaction, idempotently.
///
/// Postings are inserted before their entry (their foreign key is checked at commit), and
/// the entry's insert trigger proves they balance; statements are prepared once per
/// transaction and reused, so recording is a few bound inserts per entry.
public struct Journal {
    let db: Database
    private var nextEntryID: Int64

    /// What recording an entry did.
    public enum Outcome: Equatable, Sendable {
        case recorded(entryID: Int64)
        /// An entry with the same idempotency key exists: nothing was written.
        case duplicate(entryID: Int64)

        public var entryID: Int64 {
            switch self { case .recorded(let id), .duplicate(let id): return id }
        }
        public var isDuplicate: Bool { if case .duplicate = self { return true } else { return false } }
    }

    public init(_ db: Database) throws {
        self.db = db
        self.nextEntryID = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) + 1 FROM journal_entries") ?? 1
    }

    /// Records `draft` unless its idempotency key is already in the journal.
    public mutating func record(_ draft: JournalEntryDraft, batch: Int64? = nil) throws -> Outcome {
        let lookup = try db.cachedStatement(sql: "SELECT id FROM journal_entries WHERE idempotency_key = ?")
        if let existing = try Int64.fetchOne(lookup, arguments: [draft.idempotencyKey]) {
            return .duplicate(entryID: existing)
        }
        let entryID = nextEntryID
        let posting = try db.cachedStatement(sql: "INSERT INTO postings(entry_id, account_code, amount_fen, loan_id) VALUES (?, ?, ?, ?)")
        for line in draft.postings {
            posting.setUncheckedArguments([entryID, line.account.code, line.amount.fen, line.loanID?.rawValue])
            try posting.execute()
        }
        let entry = try db.cachedStatement(sql: """
            INSERT INTO journal_entries(id, entry_date, kind, description, idempotency_key, loan_id, reverses_entry_id, batch_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        entry.setUncheckedArguments([entryID, draft.date.description, draft.kind.rawValue, draft.description,
                                     draft.idempotencyKey, draft.loanID?.rawValue, draft.reverses, batch])
        try entry.execute()
        nextEntryID += 1
        return .recorded(entryID: entryID)
    }

    /// Posts the mirror image of entry `entryID` dated `date`: the correction of an
    /// immutable entry. An entry is reversed at most once; a reversal is not reversed.
    public mutating func reverse(entryID: Int64, on date: CivilDate, reason: String) throws -> Outcome {
        guard let row = try Row.fetchOne(db, sql: "SELECT kind, description, entry_date, loan_id FROM journal_entries WHERE id = ?",
                                         arguments: [entryID]) else {
            throw LedgerError.notFound("no journal entry \(entryID)")
        }
        let kind: String = row["kind"]
        if kind == JournalEntryDraft.Kind.reversal.rawValue {
            throw LedgerError.rule("entry \(entryID) is itself a reversal; record the event again instead")
        }
        let originalDate: String = row["entry_date"]
        if date.description < originalDate {
            throw LedgerError.rule("a reversal dated \(date) would precede the entry it corrects (\(originalDate))")
        }
        let postings = try Row.fetchAll(db, sql: "SELECT account_code, amount_fen, loan_id FROM postings WHERE entry_id = ? ORDER BY id",
                                        arguments: [entryID]).map { line -> JournalEntryDraft.Posting in
            let code: String = line["account_code"]
            guard let account = ChartOfAccounts.account(code: code) else { throw LedgerError.rule("unknown account \(code) in entry \(entryID)") }
            let loan: String? = line["loan_id"]
            return JournalEntryDraft.Posting(account: account, amount: Money(fen: -(line["amount_fen"] as Int64)),
                                             loanID: try loan.map { try LoanID(validating: $0) })
        }
        let description: String = row["description"]
        let loan: String? = row["loan_id"]
        let draft = try JournalEntryDraft(date: date, kind: .reversal, description: "Reversal of entry \(entryID) (\(description)): \(reason)",
                                          idempotencyKey: "reverse:\(entryID)", loanID: try loan.map { try LoanID(validating: $0) },
                                          postings: postings, reverses: entryID)
        return try record(draft)
    }
}
