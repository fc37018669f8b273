import GRDB
import ReliefDomain

/// Statements, their entries and reconciliation matches written elsewhere (a loan book) and
/// stored again as they were: the statement's row as first stored, each entry under the
/// idempotency key it was stored with (never recomputed: a key that fell back to the file's
/// position must stay that key), each match as recorded. Every step is idempotent on the
/// tables' UNIQUE keys (digest, entry key, both sides of a match), so storing the same
/// history twice stores nothing twice.
extension StatementLedger {
    /// What restoring a statement's row did.
    public struct Restored: Sendable, Equatable {
        public let statementID: Int64
        public let isDuplicate: Bool
    }

    /// Stores a statement's row (as `store` did when it was first imported), or finds the
    /// statement with that digest: then nothing is written.
    public static func restoreStatement(source: String, digest: String, messageDefinition: String, messageID: String?, entries: Int,
                                        _ db: LedgerTransaction) throws -> Restored {
        let db = db.database
        guard digest.utf8.count == 64 else { throw LedgerError.rule("statement digest '\(digest)' is not 64 hex digits") }
        guard !source.isEmpty else { throw LedgerError.rule("a statement needs a source") }
        guard (0...maximumEntries).contains(entries) else { throw LedgerError.rule("a statement of \(entries) entries is outside 0...\(maximumEntries)") }
        if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM statements WHERE digest = ?", arguments: [digest]) {
            return Restored(statementID: existing, isDuplicate: true)
        }
        try db.execute(sql: "INSERT INTO statements(source, digest, message_definition, message_id, entries) VALUES (?, ?, ?, ?, ?)",
                       arguments: [source, digest, messageDefinition, messageID, entries])
        return Restored(statementID: db.lastInsertedRowID, isDuplicate: false)
    }

    /// Stores `entry` verbatim under `key` in statement `statementID`; false (nothing written)
    /// when an entry with that key is stored already, from this statement or another.
    @discardableResult
    public static func restoreEntry(_ entry: StatementEntry, key: String, statementID: Int64, _ db: LedgerTransaction) throws -> Bool {
        let db = db.database
        guard !key.isEmpty else { throw LedgerError.rule("a statement entry needs its key") }
        guard entry.amount.currency == entry.entryAmount.currency else {
            throw LedgerError.rule("statement entry '\(key)': its amount (\(entry.amount)) and its entry's (\(entry.entryAmount)) are in different currencies")
        }
        guard entry.line >= 1, entry.entryNumber >= 1, entry.detailNumber >= 1, entry.detailCount >= 0 else {
            throw LedgerError.rule("statement entry '\(key)': its line, entry and detail numbers must be positive, its detail count not negative")
        }
        if let stored = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT amount_mantissa, amount_scale, currency, direction, booking_date FROM statement_entries WHERE entry_key = ?
            """), arguments: [key]) {
            // A key names one movement: the same key with another amount, direction or day is
            // not a duplicate but a contradiction.
            let same = (stored["amount_mantissa"] as Int64) == entry.amount.mantissa && (stored["amount_scale"] as Int) == entry.amount.scale
                && (stored["currency"] as String) == entry.amount.currency && (stored["direction"] as String) == entry.direction.rawValue
                && (stored["booking_date"] as String?) == entry.bookingDate?.description
            guard same else {
                throw LedgerError.rule("statement entry '\(key)' is stored already with another amount, direction or booking date: a key names one movement")
            }
            return false
        }
        let values: [(any DatabaseValueConvertible)?] = [
            statementID, key, entry.account, entry.statementID, entry.entryNumber, entry.detailNumber, entry.detailCount,
            entry.bookingDate?.description, entry.valueDate?.description, entry.amount.mantissa, entry.amount.scale,
            entry.amount.currency, entry.entryAmount.mantissa, entry.entryAmount.scale, entry.amountIsShared ? 1 : 0,
            entry.direction.rawValue, entry.isReversal ? 1 : 0, entry.status, entry.accountServicerReference, entry.endToEndID,
            entry.instructionID, entry.messageID, entry.counterpartyName, entry.counterpartyAccount, entry.remittance, entry.line,
        ]
        try db.cachedStatement(sql: """
            INSERT INTO statement_entries(statement_id, entry_key, account, statement_ref, entry_number, detail_number, detail_count,
                booking_date, value_date, amount_mantissa, amount_scale, currency, entry_amount_mantissa, entry_amount_scale,
                amount_is_shared, direction, reversal, status, account_servicer_ref, end_to_end_id, instruction_id, message_id,
                counterparty_name, counterparty_account, remittance, source_line)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: StatementArguments(values))
        return true
    }

    /// A stored entry row as the domain value it was stored from, with its key (for export).
    static func entry(_ row: Row) throws -> (key: String, entry: StatementEntry) {
        let id: Int64 = row["id"]
        let currency: String = row["currency"]
        func amount(_ mantissa: String, _ scale: String) throws -> ExactAmount {
            let value: Int64 = row[mantissa], digits: Int = row[scale]
            guard value >= 0, (0...ExactAmount.maximumScale).contains(digits) else {
                throw LedgerError.rule("stored statement entry \(id) has an invalid amount")
            }
            return ExactAmount(mantissa: value, scale: digits, currency: currency)
        }
        let directionText: String = row["direction"]
        guard let direction = StatementEntry.Direction(rawValue: directionText) else {
            throw LedgerError.rule("stored statement entry \(id) has direction '\(directionText)'")
        }
        let booking: String? = row["booking_date"], value: String? = row["value_date"]
        let entry = StatementEntry(
            account: row["account"], statementID: row["statement_ref"], entryNumber: row["entry_number"], detailNumber: row["detail_number"],
            detailCount: row["detail_count"], bookingDate: try booking.map { try StoredValues.date($0, "booking_date") },
            valueDate: try value.map { try StoredValues.date($0, "value_date") }, amount: try amount("amount_mantissa", "amount_scale"),
            entryAmount: try amount("entry_amount_mantissa", "entry_amount_scale"), amountIsShared: (row["amount_is_shared"] as Int) == 1,
            direction: direction, isReversal: (row["reversal"] as Int) == 1, status: row["status"],
            accountServicerReference: row["account_servicer_ref"], endToEndID: row["end_to_end_id"], instructionID: row["instruction_id"],
            messageID: row["message_id"], counterpartyName: row["counterparty_name"], counterpartyAccount: row["counterparty_account"],
            remittance: row["remittance"], line: row["source_line"])
        return (row["entry_key"], entry)
    }
}

extension Reconciliation {
    /// The reference of a matched event that holds in any ledger the same history is
    /// replayed into: a capital movement (`capital:<row>`) and a loan repayment
    /// (`entry:<journal entry>`) by their journal entry's idempotency key, an advance and its
    /// repayment by the advance id (as stored). Throws when the event's entry is not there.
    public static func transferReference(kind: Event.Kind, reference: String, _ db: LedgerTransaction) throws -> String {
        let db = db.database
        func number(_ prefix: String) throws -> Int64 {
            guard reference.hasPrefix(prefix), let value = Int64(reference.dropFirst(prefix.count)) else {
                throw LedgerError.rule("a \(kind.rawValue) match names '\(reference)', not \(prefix)<number>")
            }
            return value
        }
        let key: String?
        switch kind {
        case .advance, .advanceRepayment:
            return reference
        case .capital:
            key = try String.fetchOne(db, sql: """
                SELECT j.idempotency_key FROM bridge_capital c JOIN journal_entries j ON j.id = c.entry_id WHERE c.id = ?
                """, arguments: [try number("capital:")])
        case .loanRepayment:
            key = try String.fetchOne(db, sql: "SELECT idempotency_key FROM journal_entries WHERE id = ?", arguments: [try number("entry:")])
        }
        guard let key else { throw LedgerError.notFound("the \(kind.rawValue) \(reference) that a reconciliation match names is not in the ledger") }
        return key
    }

    /// The ledger's reference (`event_ref`) of an event named by `transferReference`; nil
    /// when this ledger holds no such event.
    public static func ledgerReference(kind: Event.Kind, transferReference reference: String, journal: Journal) throws -> String? {
        switch kind {
        case .advance, .advanceRepayment:
            return reference
        case .capital:
            guard let entry = try journal.entry(withKey: reference) else { return nil }
            return try Int64.fetchOne(journal.db, sql: "SELECT id FROM bridge_capital WHERE entry_id = ?", arguments: [entry]).map { "capital:\($0)" }
        case .loanRepayment:
            guard let entry = try journal.entry(withKey: reference) else { return nil }
            let kind = try String.fetchOne(journal.db, sql: "SELECT kind FROM journal_entries WHERE id = ?", arguments: [entry])
            // Still buffered (no row yet), or a repayment: anything else is not a loan repayment's entry.
            if let kind, kind != JournalEntryDraft.Kind.repayment.rawValue { return nil }
            return "entry:\(entry)"
        }
    }

    /// Stores a match as recorded elsewhere: the entry with key `entryKey` matched to event
    /// `kind` `reference` (the ledger's) by `method`, `differenceFen` apart. False (nothing
    /// written) when exactly this match is stored already; a match of either side to
    /// something else is refused.
    @discardableResult
    public static func restoreMatch(entryKey: String, kind: Event.Kind, reference: String, method: Method, differenceFen: Int64,
                                    events: EventIndex, _ db: LedgerTransaction) throws -> Bool {
        let db = db.database
        guard let entry = try Row.fetchOne(db, sql: """
            SELECT id, amount_mantissa, amount_scale, currency, amount_is_shared FROM statement_entries WHERE entry_key = ?
            """, arguments: [entryKey]) else {
            throw LedgerError.unknownStatementEntry("with key '\(entryKey)'")
        }
        let entryID: Int64 = entry["id"]
        // The difference is the entry's amount less the event's, as reconciliation recorded it
        // (a batch entry's details share one amount: their differences are checked by no one
        // detail, so they are taken as written).
        if (entry["amount_is_shared"] as Int) == 0,
           let fen = ExactAmount(mantissa: entry["amount_mantissa"], scale: entry["amount_scale"], currency: entry["currency"]).fen,
           let event = events.amount(of: kind, reference), fen - event.fen != differenceFen {
            throw LedgerError.rule("the match of statement entry '\(entryKey)' to \(kind.rawValue) \(reference) states a difference of \(Money(fen: differenceFen)), but the entry's amount less the event's is \(Money(fen: fen - event.fen))")
        }
        if let row = try Row.fetchOne(db, sql: "SELECT event_kind, event_ref FROM statement_matches WHERE statement_entry_id = ?", arguments: [entryID]) {
            let storedKind: String = row["event_kind"], storedReference: String = row["event_ref"]
            if storedKind == kind.rawValue && storedReference == reference { return false }
            throw LedgerError.rule("statement entry '\(entryKey)' is already matched to \(storedKind) \(storedReference), not \(kind.rawValue) \(reference)")
        }
        if let other = try String.fetchOne(db, sql: """
            SELECT e.entry_key FROM statement_matches m JOIN statement_entries e ON e.id = m.statement_entry_id WHERE m.event_kind = ? AND m.event_ref = ?
            """, arguments: [kind.rawValue, reference]) {
            throw LedgerError.rule("\(kind.rawValue) \(reference) is already matched to statement entry '\(other)'")
        }
        try db.execute(sql: """
            INSERT INTO statement_matches(statement_entry_id, event_kind, event_ref, method, difference_fen) VALUES (?, ?, ?, ?, ?)
            """, arguments: [entryID, kind.rawValue, reference, method.rawValue, differenceFen])
        return true
    }
}
