extension LedgerSchema {
    /// Bank statements and their reconciliation (migration "v4-statements").
    ///
    /// Statement amounts are in any currency with up to five decimals, so they are stored
    /// exactly as the bank wrote them (`amount_mantissa` + `amount_scale` + `currency`), never
    /// as fen. Each entry carries an idempotency key (`entry_key`: the account and the bank's
    /// reference, else the file's digest and the entry's position), so a statement imported
    /// twice, or two overlapping statements, store each movement once. A match ties one
    /// statement entry to one ledger event; both sides are UNIQUE, so reconciling twice
    /// matches nothing twice. Entries and matches are append-only history.
    static let v4Statements = """
        CREATE TABLE statements (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL CHECK (length(source) > 0),
            digest TEXT NOT NULL UNIQUE CHECK (length(digest) = 64),
            message_definition TEXT NOT NULL,
            message_id TEXT,
            entries INTEGER NOT NULL CHECK (entries >= 0)
        ) STRICT;

        CREATE TABLE statement_entries (
            id INTEGER PRIMARY KEY,
            statement_id INTEGER NOT NULL REFERENCES statements(id),
            entry_key TEXT NOT NULL UNIQUE,
            account TEXT NOT NULL,
            statement_ref TEXT,
            entry_number INTEGER NOT NULL CHECK (entry_number >= 1),
            detail_number INTEGER NOT NULL CHECK (detail_number >= 1),
            detail_count INTEGER NOT NULL CHECK (detail_count >= 0),
            booking_date TEXT CHECK (booking_date IS NULL OR booking_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            value_date TEXT CHECK (value_date IS NULL OR value_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            amount_mantissa INTEGER NOT NULL CHECK (amount_mantissa >= 0),
            amount_scale INTEGER NOT NULL CHECK (amount_scale BETWEEN 0 AND 5),
            currency TEXT NOT NULL CHECK (length(currency) = 3),
            entry_amount_mantissa INTEGER NOT NULL CHECK (entry_amount_mantissa >= 0),
            entry_amount_scale INTEGER NOT NULL CHECK (entry_amount_scale BETWEEN 0 AND 5),
            amount_is_shared INTEGER NOT NULL CHECK (amount_is_shared IN (0, 1)),
            direction TEXT NOT NULL CHECK (direction IN ('CRDT', 'DBIT')),
            reversal INTEGER NOT NULL CHECK (reversal IN (0, 1)),
            status TEXT,
            account_servicer_ref TEXT,
            end_to_end_id TEXT,
            instruction_id TEXT,
            message_id TEXT,
            counterparty_name TEXT,
            counterparty_account TEXT,
            remittance TEXT,
            source_line INTEGER NOT NULL CHECK (source_line >= 1)
        ) STRICT;
        CREATE INDEX statement_entries_statement ON statement_entries(statement_id);

        CREATE TABLE statement_matches (
            id INTEGER PRIMARY KEY,
            statement_entry_id INTEGER NOT NULL UNIQUE REFERENCES statement_entries(id),
            event_kind TEXT NOT NULL CHECK (event_kind IN ('advance', 'advance-repayment', 'capital', 'loan-repayment')),
            event_ref TEXT NOT NULL,
            method TEXT NOT NULL CHECK (method IN ('end-to-end', 'amount-date-counterparty', 'amount-date')),
            -- statement amount - ledger amount, in fen; not 0 for an amount mismatch.
            difference_fen INTEGER NOT NULL,
            UNIQUE (event_kind, event_ref)
        ) STRICT;

        CREATE TRIGGER statement_entries_no_update BEFORE UPDATE ON statement_entries
        BEGIN SELECT RAISE(ABORT, 'statement entries are what the bank reported and never change'); END;
        CREATE TRIGGER statement_entries_no_delete BEFORE DELETE ON statement_entries
        BEGIN SELECT RAISE(ABORT, 'statement entries are what the bank reported and never change'); END;
        CREATE TRIGGER statement_matches_no_update BEFORE UPDATE ON statement_matches
        BEGIN SELECT RAISE(ABORT, 'reconciliation matches are history and never change'); END;
        CREATE TRIGGER statement_matches_no_delete BEFORE DELETE ON statement_matches
        BEGIN SELECT RAISE(ABORT, 'reconciliation matches are history and never change'); END;
        """
}
