import GRDB

/// The ledger's schema as GRDB migrations. A migration is never edited once it has landed:
/// a change is a new migration appended here.
///
/// SQLite guards the invariants itself (GRDB's "trust SQLite more than yourself"):
/// - money columns are INTEGER fen named `*_fen`; CHECK constraints refuse negative amounts;
/// - journal entries and their transfers are append-only: UPDATE and DELETE fail;
/// - an entry cannot be unbalanced: since v9 it is stored as transfers, each one debit and
///   one credit of the same positive amount, and no transfer can be added to an entry once
///   it is recorded (`v9Transfers`; until v8, triggers summed postings rows).
///
/// Rows are written with multi-row INSERTs: SQLite keeps a statement journal for every
/// statement that fires a trigger or checks a foreign key, and one statement per row made
/// that journal the main cost of recording (measured: 92 k postings/s one row at a time).
enum LedgerSchema {
    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-ledger-and-loans") { db in
            try db.execute(sql: v1)
            for account in ChartOfAccounts.all {
                try db.execute(sql: "INSERT INTO accounts(code, name, name_zh, kind) VALUES (?, ?, ?, ?)",
                               arguments: [account.code, account.name, account.chineseName, account.kind.rawValue])
            }
        }
        migrator.registerMigration("v2-bridge-fund") { db in
            try db.execute(sql: v2)
        }
        migrator.registerMigration("v3-first-loans") { db in
            try db.execute(sql: v3FirstLoans)
        }
        migrator.registerMigration("v4-statements") { db in try db.execute(sql: v4Statements) }
        migrator.registerMigration("v5-schedule-storage") { db in try db.execute(sql: v5ScheduleStorage) }
        migrator.registerMigration("v6-programme-runs") { db in try db.execute(sql: v6ProgrammeRuns) }
        migrator.registerMigration("v7-corrections") { db in try db.execute(sql: v7Corrections) }
        migrator.registerMigration("v8-programme-run-scope") { db in try db.execute(sql: v8ProgrammeRunScope) }
        migrator.registerMigration("v9-transfers") { db in try v9Transfers(db) }
        migrator.registerMigration("v10-loan-rounding") { db in try db.execute(sql: v10LoanRounding) }
        migrator.registerMigration("v11-checks-without-lists") { db in try v11ChecksWithoutLists(db) }
        migrator.registerMigration("v12-users") { db in try db.execute(sql: v12Users) }
        migrator.registerMigration("v13-entry-users") { db in try db.execute(sql: v13EntryUsers) }
        return migrator
    }

    static let v1 = """
        CREATE TABLE accounts (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            name_zh TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('asset', 'liability', 'equity', 'income', 'expense'))
        ) STRICT;

        CREATE TABLE import_batches (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            recorded_on TEXT NOT NULL,
            records INTEGER NOT NULL CHECK (records >= 0),
            duplicates INTEGER NOT NULL CHECK (duplicates >= 0)
        ) STRICT;

        CREATE TABLE enterprises (
            id INTEGER PRIMARY KEY,
            credit_code TEXT NOT NULL UNIQUE CHECK (length(credit_code) = 18),
            name TEXT NOT NULL CHECK (length(name) > 0),
            -- NULL when the enterprise is known only from a bridge advance's credit code.
            size TEXT CHECK (size IS NULL OR size IN ('micro', 'small', 'medium', 'large')),
            county TEXT NOT NULL,
            industry TEXT,
            has_loan_record INTEGER NOT NULL DEFAULT 0 CHECK (has_loan_record IN (0, 1)),
            identified_on TEXT
        ) STRICT;

        CREATE TABLE loans (
            id TEXT PRIMARY KEY,
            enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
            bank TEXT NOT NULL CHECK (length(bank) > 0),
            principal_fen INTEGER NOT NULL CHECK (principal_fen > 0),
            rate_units INTEGER NOT NULL CHECK (rate_units >= 0),
            start_date TEXT NOT NULL,
            term_months INTEGER NOT NULL CHECK (term_months BETWEEN 1 AND 600),
            method TEXT NOT NULL CHECK (method IN ('annuity', 'equal-principal', 'interest-only', 'bullet')),
            day_count TEXT NOT NULL CHECK (day_count IN ('30/360', 'act/360', 'act/365')),
            settlement TEXT NOT NULL CHECK (settlement IN ('due-dates', 'quarterly')),
            credit_line_fen INTEGER CHECK (credit_line_fen IS NULL OR credit_line_fen > 0),
            applied_on TEXT
        ) STRICT;
        CREATE INDEX loans_enterprise ON loans(enterprise_id);

        -- The current schedule of each loan. A deferral moves rows to the deferral date and
        -- marks them; original_due_date keeps where they came from.
        CREATE TABLE installments (
            loan_id TEXT NOT NULL REFERENCES loans(id),
            period INTEGER NOT NULL CHECK (period >= 1),
            due_date TEXT NOT NULL,
            original_due_date TEXT NOT NULL,
            days INTEGER NOT NULL CHECK (days >= 0),
            principal_fen INTEGER NOT NULL CHECK (principal_fen >= 0),
            interest_fen INTEGER NOT NULL CHECK (interest_fen >= 0),
            balance_fen INTEGER NOT NULL CHECK (balance_fen >= 0),
            deferral_id INTEGER REFERENCES deferrals(id),
            -- Whether the row's interest has been accrued (Dr interest receivable, Cr income).
            accrued INTEGER NOT NULL DEFAULT 0 CHECK (accrued IN (0, 1)),
            -- When the row was repaid, or settled by a renewal; NULL while it is due.
            paid_on TEXT,
            PRIMARY KEY (loan_id, period)
        ) STRICT, WITHOUT ROWID;


        CREATE TABLE journal_entries (
            id INTEGER PRIMARY KEY,
            entry_date TEXT NOT NULL,
            kind TEXT NOT NULL,
            description TEXT NOT NULL,
            idempotency_key TEXT NOT NULL UNIQUE,
            loan_id TEXT REFERENCES loans(id),
            reverses_entry_id INTEGER UNIQUE REFERENCES journal_entries(id),
            batch_id INTEGER REFERENCES import_batches(id)
        ) STRICT;

        CREATE TABLE postings (
            id INTEGER PRIMARY KEY,
            entry_id INTEGER NOT NULL REFERENCES journal_entries(id) DEFERRABLE INITIALLY DEFERRED,
            account_code TEXT NOT NULL REFERENCES accounts(code),
            amount_fen INTEGER NOT NULL CHECK (amount_fen <> 0),
            loan_id TEXT REFERENCES loans(id)
        ) STRICT;
        CREATE INDEX postings_entry ON postings(entry_id);
        -- No index by account or date: balances and histories scan the postings (about 0.3 s
        -- per million), and each index would cost every insert (measured: 15% each).

        CREATE TABLE deferrals (
            id INTEGER PRIMARY KEY,
            loan_id TEXT NOT NULL REFERENCES loans(id),
            programme TEXT NOT NULL,
            deferral_date TEXT NOT NULL,
            installments INTEGER NOT NULL CHECK (installments > 0),
            deferred_principal_fen INTEGER NOT NULL CHECK (deferred_principal_fen >= 0),
            deferred_interest_fen INTEGER NOT NULL CHECK (deferred_interest_fen >= 0),
            interest_on_deferred_principal_fen INTEGER NOT NULL CHECK (interest_on_deferred_principal_fen >= 0),
            compound_on_deferred_interest_fen INTEGER NOT NULL CHECK (compound_on_deferred_interest_fen >= 0),
            penalty_without_relief_fen INTEGER NOT NULL CHECK (penalty_without_relief_fen >= 0),
            compound_without_relief_fen INTEGER NOT NULL CHECK (compound_without_relief_fen >= 0),
            relief_fen INTEGER NOT NULL CHECK (relief_fen >= 0),
            -- NULL when every deferred amount is 0.00; deferred because the journal writes its
            -- entries in batches, after the records that refer to them.
            entry_id INTEGER REFERENCES journal_entries(id) DEFERRABLE INITIALLY DEFERRED,
            UNIQUE (loan_id, programme)
        ) STRICT;
        -- Foreign-key children need an index on their key: while a deferred reference is
        -- outstanding, SQLite looks up the children of every parent row inserted.
        CREATE INDEX deferrals_entry ON deferrals(entry_id);
        CREATE INDEX installments_deferral ON installments(deferral_id);

        -- Append-only journal.
        CREATE TRIGGER journal_entries_no_update BEFORE UPDATE ON journal_entries
        BEGIN SELECT RAISE(ABORT, 'journal entries are immutable: post a reversing entry'); END;
        CREATE TRIGGER journal_entries_no_delete BEFORE DELETE ON journal_entries
        BEGIN SELECT RAISE(ABORT, 'journal entries are immutable: post a reversing entry'); END;
        CREATE TRIGGER postings_no_update BEFORE UPDATE ON postings
        BEGIN SELECT RAISE(ABORT, 'postings are immutable: post a reversing entry'); END;
        CREATE TRIGGER postings_no_delete BEFORE DELETE ON postings
        BEGIN SELECT RAISE(ABORT, 'postings are immutable: post a reversing entry'); END;

        -- Balanced entries only: postings first, then the entry, which checks them.
        CREATE TRIGGER postings_only_before_their_entry BEFORE INSERT ON postings
        WHEN EXISTS (SELECT 1 FROM journal_entries WHERE id = NEW.entry_id)
        BEGIN SELECT RAISE(ABORT, 'cannot add a posting to an entry already recorded'); END;
        CREATE TRIGGER journal_entries_balance BEFORE INSERT ON journal_entries
        WHEN (SELECT count(*) FROM postings WHERE entry_id = NEW.id) < 2
          OR (SELECT sum(amount_fen) FROM postings WHERE entry_id = NEW.id) <> 0
        BEGIN SELECT RAISE(ABORT, 'unbalanced journal entry: postings must number two or more and sum to zero'); END;
        """

    /// The emergency bridge fund: its terms and account, capital movements, advances with the
    /// terms they were made under, and repayments.
    static let v2 = """
        CREATE TABLE bridge_settings (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            max_days INTEGER NOT NULL CHECK (max_days >= 1),
            rate_cap_units INTEGER NOT NULL CHECK (rate_cap_units > 0),
            tiers TEXT NOT NULL,
            minimum_fee_fen INTEGER CHECK (minimum_fee_fen IS NULL OR minimum_fee_fen >= 0),
            commitment_share_units INTEGER CHECK (commitment_share_units IS NULL OR commitment_share_units > 0),
            enterprise_cap_fen INTEGER CHECK (enterprise_cap_fen IS NULL OR enterprise_cap_fen > 0),
            account TEXT,
            account_name TEXT
        ) STRICT;

        CREATE TABLE bridge_capital (
            id INTEGER PRIMARY KEY,
            movement_date TEXT NOT NULL,
            amount_fen INTEGER NOT NULL CHECK (amount_fen <> 0),
            entry_id INTEGER NOT NULL REFERENCES journal_entries(id) DEFERRABLE INITIALLY DEFERRED
        ) STRICT;
        CREATE INDEX bridge_capital_entry ON bridge_capital(entry_id);

        CREATE TABLE bridge_advances (
            id TEXT PRIMARY KEY,
            enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
            bank TEXT NOT NULL CHECK (length(bank) > 0),
            county TEXT NOT NULL,
            loan_ref TEXT,
            amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
            advance_date TEXT NOT NULL,
            daily_rate_units INTEGER NOT NULL CHECK (daily_rate_units >= 0),
            tiers TEXT NOT NULL,
            minimum_fee_fen INTEGER,
            max_days INTEGER NOT NULL CHECK (max_days >= 1),
            commitment_fen INTEGER CHECK (commitment_fen IS NULL OR commitment_fen > 0),
            account TEXT,
            entry_id INTEGER NOT NULL REFERENCES journal_entries(id) DEFERRABLE INITIALLY DEFERRED
        ) STRICT;
        CREATE INDEX bridge_advances_entry ON bridge_advances(entry_id);
        CREATE INDEX bridge_advances_enterprise ON bridge_advances(enterprise_id);

        CREATE TABLE bridge_repayments (
            advance_id TEXT PRIMARY KEY REFERENCES bridge_advances(id),
            repaid_on TEXT NOT NULL,
            days INTEGER NOT NULL CHECK (days >= 1),
            fee_fen INTEGER NOT NULL CHECK (fee_fen >= 0),
            days_over INTEGER NOT NULL CHECK (days_over >= 0),
            entry_id INTEGER NOT NULL REFERENCES journal_entries(id) DEFERRABLE INITIALLY DEFERRED
        ) STRICT;
        CREATE INDEX bridge_repayments_entry ON bridge_repayments(entry_id);
        """
}
