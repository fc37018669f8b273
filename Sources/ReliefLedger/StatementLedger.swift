import GRDB
import ReliefDomain

/// Stores bank statement entries in the ledger database, idempotently.
///
/// A statement file is known by its digest; each entry by its idempotency key: the account,
/// the bank's own reference (`AcctSvcrRef`), the detail's position in its entry, the booking
/// date, direction and amount, when the bank gave a reference; otherwise the file's digest and
/// the entry's position. So importing the same file twice, or a later statement that repeats
/// movements of an earlier one, stores each movement once and reports the rest as duplicates.
/// An entry whose key repeats within one file (a bank reusing a reference) falls back to its
/// position, so nothing in a file is ever dropped. A reader may give an entry a key of its own
/// (`StatementEntry.contentKey`: a bank CSV row by its reference or running balance), which
/// then stands for the reference key.
public enum StatementLedger {
    /// What storing a statement did.
    public struct Outcome: Sendable {
        public let statementID: Int64
        /// The stored row of each entry given, in order (new or already present).
        public let entryIDs: [Int64]
        public let imported: Int
        public let duplicates: Int
    }

    /// The most entries one statement may store (matches the reader's limit).
    public static let maximumEntries = 5_000_000

    public static func store(_ entries: [StatementEntry], source: String, digest: String, messageDefinition: String, messageID: String?,
                             _ db: LedgerTransaction) throws -> Outcome {
        guard entries.count <= maximumEntries else { throw LedgerError.rule("a statement of \(entries.count) entries is over the limit of \(maximumEntries)") }
        let writer = try Writer(source: source, digest: digest, messageDefinition: messageDefinition, messageID: messageID, db)
        try writer.store(entries)
        return try writer.finish()
    }

    /// Stores one statement's entries as they arrive, a chunk at a time, inside the caller's
    /// transaction (a statement of a million entries is never held whole); `finish` records
    /// how many there were. Keeps the row id of each entry only when asked (`keepingIDs`, for
    /// reconciliation).
    public final class Writer {
        let db: Database
        let digest: String
        let statementID: Int64
        /// Whether the statement row was written by this writer (its entry count is then set at the end).
        let isNew: Bool
        let keepingIDs: Bool
        let lookup: Statement
        let insert: Statement
        /// Keys met in this file: a key repeated within one file falls back to the position.
        var seen: Set<String> = []
        var ids: [Int64] = []
        var count = 0
        var imported = 0
        var duplicates = 0

        public init(source: String, digest: String, messageDefinition: String, messageID: String?, keepingIDs: Bool = true,
                    _ transaction: LedgerTransaction) throws {
            db = transaction.database
            guard digest.utf8.count == 64 else { throw LedgerError.rule("statement digest '\(digest)' is not 64 hex digits") }
            self.digest = digest
            self.keepingIDs = keepingIDs
            if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM statements WHERE digest = ?", arguments: [digest]) {
                statementID = existing
                isNew = false
            } else {
                try db.execute(sql: "INSERT INTO statements(source, digest, message_definition, message_id, entries) VALUES (?, ?, ?, ?, 0)",
                               arguments: [source.isEmpty ? "statement" : source, digest, messageDefinition, messageID])
                statementID = db.lastInsertedRowID
                isNew = true
            }
            lookup = try db.cachedStatement(sql: "SELECT id FROM statement_entries WHERE entry_key = ?")
            insert = try db.cachedStatement(sql: """
                INSERT INTO statement_entries(statement_id, entry_key, account, statement_ref, entry_number, detail_number, detail_count,
                    booking_date, value_date, amount_mantissa, amount_scale, currency, entry_amount_mantissa, entry_amount_scale,
                    amount_is_shared, direction, reversal, status, account_servicer_ref, end_to_end_id, instruction_id, message_id,
                    counterparty_name, counterparty_account, remittance, source_line)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        }

        public func store(_ entries: [StatementEntry]) throws {
            count += entries.count
            guard count <= maximumEntries else { throw LedgerError.rule("a statement of more than \(maximumEntries) entries is over the limit") }
            if keepingIDs { ids.reserveCapacity(count) }
            for entry in entries {
                var key = entry.contentKey ?? referenceKey(entry)
                if key == nil || seen.contains(key ?? "") {
                    key = "file:\(digest):\(entry.entryNumber):\(entry.detailNumber)"
                }
                let entryKey = key ?? ""
                seen.insert(entryKey)
                if let existing = try Int64.fetchOne(lookup, arguments: [entryKey]) {
                    if keepingIDs { ids.append(existing) }
                    duplicates += 1
                    continue
                }
                let values: [(any DatabaseValueConvertible)?] = [
                    statementID, entryKey, entry.account, entry.statementID, entry.entryNumber, entry.detailNumber, entry.detailCount,
                    entry.bookingDate?.description, entry.valueDate?.description, entry.amount.mantissa, entry.amount.scale,
                    entry.amount.currency, entry.entryAmount.mantissa, entry.entryAmount.scale, entry.amountIsShared ? 1 : 0,
                    entry.direction.rawValue, entry.isReversal ? 1 : 0, entry.status, entry.accountServicerReference, entry.endToEndID,
                    entry.instructionID, entry.messageID, entry.counterpartyName, entry.counterpartyAccount, entry.remittance, max(1, entry.line),
                ]
                try insert.execute(arguments: StatementArguments(values))
                if keepingIDs { ids.append(db.lastInsertedRowID) }
                imported += 1
            }
        }

        /// Records the number of entries on a statement stored for the first time.
        public func finish() throws -> Outcome {
            if isNew { try db.execute(sql: "UPDATE statements SET entries = ? WHERE id = ?", arguments: [count, statementID]) }
            return Outcome(statementID: statementID, entryIDs: ids, imported: imported, duplicates: duplicates)
        }
    }

    /// The key of an entry the bank gave a reference to; nil without one.
    static func referenceKey(_ entry: StatementEntry) -> String? {
        guard let reference = entry.accountServicerReference, !reference.isEmpty else { return nil }
        return ["ref", entry.account, reference, String(entry.detailNumber), entry.bookingDate?.description ?? "",
                entry.direction.rawValue, entry.amount.description].joined(separator: "|")
    }

    /// The stored entries with these row ids, in the order given.
    public static func entries(_ ids: [Int64], _ db: LedgerTransaction) throws -> [StoredStatementEntry] {
        let db = db.database
        let query = try db.cachedStatement(sql: """
            SELECT id, account, booking_date, value_date, amount_mantissa, amount_scale, currency, direction, reversal, status,
                   end_to_end_id, instruction_id, counterparty_name, counterparty_account, source_line, entry_number, detail_number,
                   statement_id, amount_is_shared
            FROM statement_entries WHERE id = ?
            """)
        return try ids.map { id in
            guard let row = try Row.fetchOne(query, arguments: [id]) else { throw LedgerError.unknownStatementEntry(String(id)) }
            let booking: String? = row["booking_date"]
            let value: String? = row["value_date"]
            let scale: Int = row["amount_scale"]
            let mantissa: Int64 = row["amount_mantissa"]
            let currency: String = row["currency"]
            guard (0...ExactAmount.maximumScale).contains(scale), mantissa >= 0 else {
                throw LedgerError.rule("stored statement entry \(id) has an invalid amount")
            }
            let directionText: String = row["direction"]
            guard let direction = StatementEntry.Direction(rawValue: directionText) else {
                throw LedgerError.rule("stored statement entry \(id) has direction '\(directionText)'")
            }
            return StoredStatementEntry(
                id: id, account: row["account"], bookingDate: try booking.map { try StoredValues.date($0, "booking_date") },
                valueDate: try value.map { try StoredValues.date($0, "value_date") },
                amount: ExactAmount(mantissa: mantissa, scale: scale, currency: currency), direction: direction,
                isReversal: (row["reversal"] as Int) == 1, status: row["status"], endToEndID: row["end_to_end_id"],
                instructionID: row["instruction_id"], counterpartyName: row["counterparty_name"],
                counterpartyAccount: row["counterparty_account"], line: row["source_line"], entryNumber: row["entry_number"],
                detailNumber: row["detail_number"], statementRowID: row["statement_id"], amountIsShared: (row["amount_is_shared"] as Int) == 1)
        }
    }
}
