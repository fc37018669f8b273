import GRDB
import ReliefDomain

/// Records journal entries inside a write transaction, idempotently.
///
/// Entries are numbered when recorded and written in batches (`flushThreshold` at a time,
/// and whatever is left when the transaction ends): the entries, then their transfers (the
/// postings paired debit to credit, which balance by construction; see
/// `LedgerSchema.v9Transfers`). A `Journal` is only made by
/// `LedgerStore.writeJournal`, which flushes it before committing, so no recorded entry can
/// be left behind.
public struct Journal {
    let db: Database
    /// The account the entries are recorded for (`user_name`); nil at the command line.
    let user: String?

    /// The transaction the journal writes in, for the ledger's other functions.
    public var transaction: LedgerTransaction { LedgerTransaction(db) }
    private var nextEntryID: Int64
    private let lookup: FastStatement
    private var pending: [(id: Int64, draft: JournalEntryDraft, batch: Int64?)] = []
    /// The hashes of the keys recorded in this transaction. A key whose hash is not here was
    /// not recorded in it; one whose hash is (a repeat, or a rare collision) is looked for
    /// among the buffered entries, then in the journal (`entry(withKey:)`).
    private var recordedKeyHashes: Set<Int> = []
    /// Whether the journal held no entry when this transaction began: every key in it is
    /// then one this `Journal` recorded, so a key missing from `recordedKeyHashes` is new
    /// without a query.
    private let startedEmpty: Bool

    /// Entries buffered before they are written.
    static let flushThreshold = 128

    static let transfersInsert = BatchInsert("""
        INSERT INTO transfers(entry_id, transfer_count, number, debit_line, credit_line, debit_account, credit_account, amount_fen,
                              debit_loan_id, credit_loan_id) VALUES
        """, columns: 10)
    static let entriesInsert = BatchInsert("""
        INSERT INTO journal_entries(id, entry_date, kind, description, idempotency_key, loan_id, reverses_entry_id, batch_id, transfer_count,
                                    user_name) VALUES
        """, columns: 10)

    /// Binds one row of `transfersInsert`.
    static func bind(_ transfer: JournalEntryDraft.Transfer, entryID: Int64, count: Int, number: Int, to statement: FastStatement, at first: Int32) {
        statement.bind(first, entryID)
        statement.bind(first + 1, count)
        statement.bind(first + 2, number)
        statement.bind(first + 3, transfer.debitLine)
        statement.bind(first + 4, transfer.creditLine)
        statement.bind(first + 5, transfer.debit.code)
        statement.bind(first + 6, transfer.credit.code)
        statement.bind(first + 7, transfer.amount.fen)
        statement.bind(first + 8, transfer.debitLoanID?.rawValue)
        statement.bind(first + 9, transfer.creditLoanID?.rawValue)
    }

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

    init(_ db: Database, user: String? = nil) throws {
        self.db = db
        self.user = user
        self.nextEntryID = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) + 1 FROM journal_entries") ?? 1
        self.startedEmpty = nextEntryID == 1
        self.lookup = try FastStatement(db, "SELECT id FROM journal_entries WHERE idempotency_key = ?")
    }

    /// Records `draft` unless its idempotency key is already in the journal (or pending).
    public mutating func record(_ draft: JournalEntryDraft, batch: Int64? = nil) throws -> Outcome {
        try record(draft, batch: batch, keyIsNew: false)
    }

    /// `keyIsNew`: the caller has proved the key unused (the disbursement of a loan it has
    /// just found unbooked), so the journal is not searched for it; the key's UNIQUE index
    /// still refuses a duplicate, failing the whole command.
    mutating func record(_ draft: JournalEntryDraft, batch: Int64?, keyIsNew: Bool) throws -> Outcome {
        let keyHash = draft.idempotencyKey.hashValue
        if recordedKeyHashes.contains(keyHash) || (!keyIsNew && !startedEmpty) {
            if let existing = try entry(withKey: draft.idempotencyKey) { return .duplicate(entryID: existing) }
        }
        let entryID = nextEntryID
        nextEntryID += 1
        pending.append((entryID, draft, batch))
        recordedKeyHashes.insert(keyHash)
        if pending.count >= Journal.flushThreshold { try flush() }
        return .recorded(entryID: entryID)
    }

    /// Records `draft` for an event its caller has found unrecorded (its register holds no
    /// trace of it), returning the new entry. A duplicate key then means another entry holds
    /// the event's key (an entry under a reserved key, or a register disagreeing with the
    /// journal): that is thrown, so the caller never updates its register as if the event
    /// were recorded.
    public mutating func recordEvent(_ draft: JournalEntryDraft, batch: Int64? = nil) throws -> Int64 {
        try recordEvent(draft, batch: batch, keyIsNew: false)
    }

    mutating func recordEvent(_ draft: JournalEntryDraft, batch: Int64?, keyIsNew: Bool) throws -> Int64 {
        let outcome = try record(draft, batch: batch, keyIsNew: keyIsNew)
        if case .duplicate(let existing) = outcome {
            throw LedgerError.inconsistent("the journal already holds key '\(draft.idempotencyKey)' (entry \(existing)), yet the \(draft.kind.register) does not record this event (\(draft.description)); nothing is recorded")
        }
        return outcome.entryID
    }

    // MARK: Reserved keys

    /// The namespaces of the keys the ledger gives its own events: loan events
    /// (`loan:<id>:...`), the bridge fund's (`bridge:...`), deferrals (`deferral:...`),
    /// reversals (`reverse:<entry>`), and an event recorded again after its correction
    /// (`r<n>:<base>`). An entry recorded by a caller for its own event (kind manual) may not
    /// take a key in them: it would stand for, or block, an event of the registers.
    public static let reservedKeyPrefixes = ["loan:", "bridge:", "deferral:", "reverse:", "r<n>:"]

    /// The reserved namespace (one of `reservedKeyPrefixes`) that `key` is in, or nil.
    public static func reservedNamespace(of key: String) -> String? {
        if let prefix = reservedKeyPrefixes.dropLast().first(where: { key.hasPrefix($0) }) { return prefix }
        let utf8 = key.utf8
        guard utf8.first == UInt8(ascii: "r"), let colon = utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let digits = utf8[utf8.index(after: utf8.startIndex)..<colon]
        return !digits.isEmpty && digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) ? "r<n>:" : nil
    }

    /// Writes the buffered entries, then their transfers (which refer to them), in one
    /// savepoint: if the transfers are refused (a posting naming an unknown loan, say), the
    /// entries are undone with them and stay buffered, so no entry is left without its
    /// transfers for a caller that catches the error and commits the rest.
    public mutating func flush() throws {
        guard !pending.isEmpty else { return }
        let pending = self.pending
        try db.inSavepoint {
            try Journal.write(pending, user: user, db)
            return .commit
        }
        self.pending.removeAll(keepingCapacity: true)
    }

    private static func write(_ pending: [(id: Int64, draft: JournalEntryDraft, batch: Int64?)], user: String?, _ db: Database) throws {
        try Journal.entriesInsert.insert(db, count: pending.count) { statement, row, first in
            let draft = pending[row].draft, batch = pending[row].batch
            statement.bind(first, pending[row].id)
            statement.bind(first + 1, draft.date.description)
            statement.bind(first + 2, draft.kind.rawValue)
            statement.bind(first + 3, draft.description)
            statement.bind(first + 4, draft.idempotencyKey)
            statement.bind(first + 5, draft.loanID?.rawValue)
            statement.bind(first + 6, draft.reverses)
            statement.bind(first + 7, batch)
            statement.bind(first + 8, draft.transfers.count)
            statement.bind(first + 9, user)
        }
        // (entry, transfer) index pairs, so that no draft is copied.
        var lines: [(entry: Int32, transfer: Int32)] = []
        lines.reserveCapacity(pending.count * 2)
        for (entry, pendingEntry) in pending.enumerated() {
            for transfer in pendingEntry.draft.transfers.indices { lines.append((Int32(entry), Int32(transfer))) }
        }
        try Journal.transfersInsert.insert(db, count: lines.count) { statement, row, first in
            let line = lines[row], entry = pending[Int(line.entry)]
            Journal.bind(entry.draft.transfers[Int(line.transfer)], entryID: entry.id, count: entry.draft.transfers.count,
                         number: Int(line.transfer) + 1, to: statement, at: first)
        }
    }

    /// Writes the buffered entries when one of them touches `loan`: for code that reads the
    /// loan's postings back with SQL (which sees only what is written), so that an event
    /// recorded in the same transaction as the loan's earlier ones still sees them.
    public mutating func flush(ifPendingFor loan: LoanID) throws {
        if pending.contains(where: { $0.draft.loanID == loan || $0.draft.postings.contains { $0.loanID == loan } }) { try flush() }
    }

    /// Posts the mirror image of entry `entryID` dated `date`: the correction of an
    /// immutable entry with no register behind it. An entry is reversed at most once; a
    /// reversal is not reversed. An entry whose event the loan book or the bridge register
    /// also holds is refused here: `Corrections.reverse` corrects the register with it.
    public mutating func reverse(entryID: Int64, on date: CivilDate, reason: String) throws -> Outcome {
        try flush()
        guard let kindText = try String.fetchOne(db, sql: "SELECT kind FROM journal_entries WHERE id = ?", arguments: [entryID]) else {
            throw LedgerError.unknownEntry(entryID)
        }
        // An entry that the loan book or the bridge register also records cannot be reversed
        // on its own: the books would then disagree with the register that `ledger check` and
        // the reports read.
        if let linked = JournalEntryDraft.Kind(rawValue: kindText), JournalEntryDraft.Kind.registerLinked.contains(linked) {
            throw LedgerError.rule("entry \(entryID) records a \(kindText) that the \(linked.register) also holds; reversing the posting alone would leave the books disagreeing with it, so it is refused (correct the event itself)")
        }
        return try postReversal(of: entryID, on: date, reason: reason)
    }

    /// Posts the mirror image of entry `entryID` dated `date`, whatever its kind: the register
    /// behind it is the caller's to correct in the same transaction.
    mutating func postReversal(of entryID: Int64, on date: CivilDate, reason: String) throws -> Outcome {
        try flush()
        guard let row = try Row.fetchOne(db, sql: "SELECT kind, description, entry_date, loan_id FROM journal_entries WHERE id = ?",
                                         arguments: [entryID]) else {
            throw LedgerError.unknownEntry(entryID)
        }
        let kind: String = row["kind"]
        if kind == JournalEntryDraft.Kind.reversal.rawValue {
            throw LedgerError.rule("entry \(entryID) is itself a reversal; record the event again instead")
        }
        let originalDate: String = row["entry_date"]
        if date.description < originalDate {
            throw LedgerError.rule("a reversal dated \(date) would precede the entry it corrects (\(originalDate))")
        }
        guard !reason.allSatisfy(\.isWhitespace) else { throw LedgerError.reasonRequired }
        let postings = try Row.fetchAll(db, sql: """
            SELECT account_code, sum(amount_fen) AS amount_fen, loan_id FROM postings WHERE entry_id = ? GROUP BY line ORDER BY line
            """,
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
                                          idempotencyKey: EventKey.reversal(of: entryID), loanID: try loan.map { try LoanID(validating: $0) },
                                          postings: postings, reverses: entryID)
        let outcome = try record(draft)
        if case .duplicate(let existing) = outcome, try reversal(of: entryID) != existing {
            throw LedgerError.inconsistent("the key \(EventKey.reversal(of: entryID)) of the reversal of entry \(entryID) is held by entry \(existing), which does not reverse it; nothing is recorded")
        }
        return outcome
    }

    // MARK: Events recorded again after a correction

    /// The entry that reverses `entryID`, if any (buffered reversals included).
    public func reversal(of entryID: Int64) throws -> Int64? {
        if let pendingReversal = pending.first(where: { $0.draft.reverses == entryID }) { return pendingReversal.id }
        return try Int64.fetchOne(db, sql: "SELECT id FROM journal_entries WHERE reverses_entry_id = ?", arguments: [entryID])
    }

    /// The key an event whose first recording used `base` is recorded under now.
    ///
    /// An event is recorded once under `base`; once that entry is reversed (corrected), the
    /// event may be recorded again, under `r2:<base>`, then `r3:<base>`, and so on. The key
    /// returned is the first of these that is free or whose entry still stands, so
    /// recording the same event twice stays a duplicate, while recording it again after its
    /// correction records it. Register events' base keys begin with `loan:` or `bridge:`,
    /// so the `rN:` prefix cannot collide with another event's first key; manual entries may
    /// not take keys in these namespaces (`reservedNamespace(of:)`).
    public func eventKey(_ base: String) throws -> String {
        var key = base
        var recording = 1
        while let existing = try entry(withKey: key), try reversal(of: existing) != nil {
            recording += 1
            guard recording <= Journal.recordingsMax else {
                throw LedgerError.rule("event \(base) has been corrected \(Journal.recordingsMax - 1) times; record it under another reference")
            }
            key = Journal.eventKey(base, recording: recording)
        }
        return key
    }

    /// The key of the `recording`-th recording of event `base` (1 for the first).
    public static func eventKey(_ base: String, recording: Int) -> String {
        recording <= 1 ? base : "r\(recording):\(base)"
    }

    /// Whether the journal may hold an entry with `key`; false proves it does not, without a
    /// query (the journal was empty when the transaction began and no key recorded since has
    /// the key's hash).
    func mayHold(_ key: String) -> Bool { !startedEmpty || recordedKeyHashes.contains(key.hashValue) }

    /// The entry recorded with `key` (buffered entries included), or nil.
    public func entry(withKey key: String) throws -> Int64? {
        if recordedKeyHashes.contains(key.hashValue), let buffered = pending.first(where: { $0.draft.idempotencyKey == key }) {
            return buffered.id
        }
        lookup.bind(1, key)
        return try lookup.fetchInt64()
    }

    /// The entry that records the event `base` now and has not been reversed, or nil.
    public func standingEntry(_ base: String) throws -> Int64? {
        let key = try eventKey(base)
        guard let id = try entry(withKey: key), try reversal(of: id) == nil else { return nil }
        return id
    }

    /// The base key and recording number (1 for the first) of an event key.
    public static func eventBase(of key: String) -> (base: String, recording: Int) {
        guard key.hasPrefix("r"), let colon = key.firstIndex(of: ":"),
              let number = Int(key[key.index(after: key.startIndex)..<colon]), number >= 2 else {
            return (key, 1)
        }
        return (String(key[key.index(after: colon)...]), number)
    }

    /// How many times one event may be recorded in all (a limit on a correction loop).
    static let recordingsMax = 1000
}
