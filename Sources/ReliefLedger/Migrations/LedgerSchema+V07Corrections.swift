extension LedgerSchema {
    /// Corrections of events the bridge register holds (migration "v7-corrections").
    ///
    /// A correction posts a reversing entry (the journal stays append-only) and corrects the
    /// register in the same transaction. The live tables `bridge_advances` and
    /// `bridge_repayments` keep meaning "what stands", so every report, reconciliation and
    /// `ledger check` query reads them unchanged; a cancelled advance or an undone bridge
    /// repayment moves, with every column it had, into the history tables below, tied to the
    /// entry that recorded it and to the reversal that undid it. Their ids are not unique:
    /// an advance id can be cancelled, recorded again and cancelled again.
    ///
    /// Loan-book corrections need no table: an undone repayment or accrual clears
    /// `installments.paid_on` or `installments.accrued`, and the journal keeps the history.
    static let v7Corrections = """
        CREATE TABLE bridge_advances_cancelled (
            id INTEGER PRIMARY KEY,
            advance_id TEXT NOT NULL CHECK (length(advance_id) > 0),
            enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
            bank TEXT NOT NULL,
            county TEXT NOT NULL,
            loan_ref TEXT,
            amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
            advance_date TEXT NOT NULL,
            daily_rate_units INTEGER NOT NULL CHECK (daily_rate_units >= 0),
            tiers TEXT NOT NULL,
            minimum_fee_fen INTEGER,
            max_days INTEGER NOT NULL CHECK (max_days >= 1),
            commitment_fen INTEGER,
            account TEXT,
            entry_id INTEGER NOT NULL UNIQUE REFERENCES journal_entries(id) DEFERRABLE INITIALLY DEFERRED,
            reversal_entry_id INTEGER NOT NULL UNIQUE REFERENCES journal_entries(id) DEFERRABLE INITIALLY DEFERRED,
            CHECK (reversal_entry_id <> entry_id)
        ) STRICT;
        CREATE INDEX bridge_advances_cancelled_advance ON bridge_advances_cancelled(advance_id);

        CREATE TABLE bridge_repayments_reversed (
            id INTEGER PRIMARY KEY,
            -- No foreign key: the advance itself may be cancelled afterwards (and move).
            advance_id TEXT NOT NULL CHECK (length(advance_id) > 0),
            repaid_on TEXT NOT NULL,
            days INTEGER NOT NULL CHECK (days >= 1),
            fee_fen INTEGER NOT NULL CHECK (fee_fen >= 0),
            days_over INTEGER NOT NULL CHECK (days_over >= 0),
            entry_id INTEGER NOT NULL UNIQUE REFERENCES journal_entries(id) DEFERRABLE INITIALLY DEFERRED,
            reversal_entry_id INTEGER NOT NULL UNIQUE REFERENCES journal_entries(id) DEFERRABLE INITIALLY DEFERRED,
            CHECK (reversal_entry_id <> entry_id)
        ) STRICT;
        CREATE INDEX bridge_repayments_reversed_advance ON bridge_repayments_reversed(advance_id);

        -- History: corrected once, never edited.
        CREATE TRIGGER bridge_advances_cancelled_no_update BEFORE UPDATE ON bridge_advances_cancelled
        BEGIN SELECT RAISE(ABORT, 'a cancelled advance is history and never changes'); END;
        CREATE TRIGGER bridge_advances_cancelled_no_delete BEFORE DELETE ON bridge_advances_cancelled
        BEGIN SELECT RAISE(ABORT, 'a cancelled advance is history and never changes'); END;
        CREATE TRIGGER bridge_repayments_reversed_no_update BEFORE UPDATE ON bridge_repayments_reversed
        BEGIN SELECT RAISE(ABORT, 'an undone bridge repayment is history and never changes'); END;
        CREATE TRIGGER bridge_repayments_reversed_no_delete BEFORE DELETE ON bridge_repayments_reversed
        BEGIN SELECT RAISE(ABORT, 'an undone bridge repayment is history and never changes'); END;
        """
}
