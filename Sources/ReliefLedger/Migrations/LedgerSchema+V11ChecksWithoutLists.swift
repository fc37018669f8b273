import GRDB

extension LedgerSchema {
    /// The same CHECK constraints without `IN (...)` lists (migration "v11-checks-without-lists").
    ///
    /// SQLite evaluates `CHECK (method IN ('annuity', ...))` by building a temporary index of
    /// the list for every row it checks (measured with the sqlite3 shell under callgrind:
    /// 20,000 instructions a row for two such checks, 2,300 with the same checks written as
    /// comparisons joined by OR). Booking a loan checked four such lists (loans: method, day
    /// count, settlement; its enterprise: size), about a quarter of what an import cost. The
    /// three tables written for every loan are rebuilt with equivalent checks (SQLite cannot
    /// change a CHECK in place): same columns, same data, same keys, indexes and triggers.
    /// Triggers and views of other tables that name a rebuilt table are set aside during the
    /// rebuild and made again from their own SQL (SQLite checks them when a table is renamed).
    static func v11ChecksWithoutLists(_ db: Database) throws {
        let dependents = try Row.fetchAll(db, sql: """
            SELECT type, name, sql FROM sqlite_master
            WHERE type IN ('trigger', 'view') AND tbl_name NOT IN ('enterprises', 'loans', 'installments')
              AND (sql LIKE '%enterprises%' OR sql LIKE '%loans%' OR sql LIKE '%installments%')
            """)
        for dependent in dependents {
            try db.execute(sql: "DROP \(dependent["type"] as String) \(dependent["name"] as String)")
        }
        try db.execute(sql: """
            CREATE TABLE enterprises_v11 (
                id INTEGER PRIMARY KEY,
                credit_code TEXT NOT NULL UNIQUE CHECK (length(credit_code) = 18),
                name TEXT NOT NULL CHECK (length(name) > 0),
                -- NULL when the enterprise is known only from a bridge advance's credit code.
                size TEXT CHECK (size IS NULL OR size = 'micro' OR size = 'small' OR size = 'medium' OR size = 'large'),
                county TEXT NOT NULL,
                industry TEXT,
                has_loan_record INTEGER NOT NULL DEFAULT 0 CHECK (has_loan_record BETWEEN 0 AND 1),
                identified_on TEXT
            ) STRICT;
            INSERT INTO enterprises_v11(id, credit_code, name, size, county, industry, has_loan_record, identified_on)
                SELECT id, credit_code, name, size, county, industry, has_loan_record, identified_on FROM enterprises;

            CREATE TABLE loans_v11 (
                id TEXT PRIMARY KEY,
                enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
                bank TEXT NOT NULL CHECK (length(bank) > 0),
                principal_fen INTEGER NOT NULL CHECK (principal_fen > 0),
                rate_units INTEGER NOT NULL CHECK (rate_units >= 0),
                start_date TEXT NOT NULL,
                term_months INTEGER NOT NULL CHECK (term_months BETWEEN 1 AND 600),
                method TEXT NOT NULL CHECK (method = 'annuity' OR method = 'equal-principal' OR method = 'interest-only' OR method = 'bullet'),
                day_count TEXT NOT NULL CHECK (day_count = '30/360' OR day_count = 'act/360' OR day_count = 'act/365'),
                settlement TEXT NOT NULL CHECK (settlement = 'due-dates' OR settlement = 'quarterly'),
                credit_line_fen INTEGER CHECK (credit_line_fen IS NULL OR credit_line_fen > 0),
                applied_on TEXT,
                schedule_stored INTEGER NOT NULL DEFAULT 1 CHECK (schedule_stored BETWEEN 0 AND 1),
                rounding TEXT CHECK (rounding IS NULL OR rounding = 'half-even' OR rounding = 'down' OR rounding = 'up')
            ) STRICT;
            INSERT INTO loans_v11(id, enterprise_id, bank, principal_fen, rate_units, start_date, term_months, method, day_count,
                                  settlement, credit_line_fen, applied_on, schedule_stored, rounding)
                SELECT id, enterprise_id, bank, principal_fen, rate_units, start_date, term_months, method, day_count,
                       settlement, credit_line_fen, applied_on, schedule_stored, rounding FROM loans;

            CREATE TABLE installments_v11 (
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
                accrued INTEGER NOT NULL DEFAULT 0 CHECK (accrued BETWEEN 0 AND 1),
                -- When the row was repaid, or settled by a renewal; NULL while it is due.
                paid_on TEXT,
                PRIMARY KEY (loan_id, period)
            ) STRICT, WITHOUT ROWID;
            INSERT INTO installments_v11(loan_id, period, due_date, original_due_date, days, principal_fen, interest_fen, balance_fen,
                                         deferral_id, accrued, paid_on)
                SELECT loan_id, period, due_date, original_due_date, days, principal_fen, interest_fen, balance_fen,
                       deferral_id, accrued, paid_on FROM installments;

            DROP TABLE installments;
            DROP TABLE loans;
            DROP TABLE enterprises;
            ALTER TABLE enterprises_v11 RENAME TO enterprises;
            ALTER TABLE loans_v11 RENAME TO loans;
            ALTER TABLE installments_v11 RENAME TO installments;

            CREATE INDEX loans_enterprise ON loans(enterprise_id);
            CREATE INDEX installments_deferral ON installments(deferral_id);
            CREATE TRIGGER enterprises_identified_once BEFORE UPDATE OF identified_on ON enterprises
            WHEN OLD.identified_on IS NOT NULL AND NEW.identified_on IS NOT OLD.identified_on
            BEGIN SELECT RAISE(ABORT, 'an enterprise''s identification date never changes once recorded'); END;
            """)
        for dependent in dependents {
            try db.execute(sql: dependent["sql"] as String)
        }
    }
}
