extension LedgerSchema {
    /// A programme run's maturity scope (migration "v8-programme-run-scope").
    ///
    /// v6 stored every parameter of a run but the maturity scope that the 2022-11 notice added
    /// to programmes later (loans maturing in Q4 2022), so a stored run read back without it,
    /// and two runs differing only in it would have met the UNIQUE key as one. The table is
    /// rebuilt with `maturing_from`/`maturing_until` in the key (SQLite cannot change a
    /// UNIQUE constraint in place); runs stored before keep NULL, i.e. any maturity, which is
    /// what they applied. GRDB runs the migration with foreign keys off and checks them at its
    /// end; `deferrals.run_id` names the table, which keeps its name.
    static let v8ProgrammeRunScope = """
        CREATE TABLE programme_runs_v8 (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(name) > 0),
            title TEXT NOT NULL,
            window_from TEXT NOT NULL CHECK (window_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            window_until TEXT NOT NULL CHECK (window_until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND window_until >= window_from),
            deferral_date TEXT NOT NULL CHECK (deferral_date >= window_until),
            scope TEXT NOT NULL CHECK (scope IN ('principal', 'interest', 'both')),
            interest_on_deferred_principal INTEGER NOT NULL CHECK (interest_on_deferred_principal IN (0, 1)),
            compound_on_deferred_interest INTEGER NOT NULL CHECK (compound_on_deferred_interest IN (0, 1)),
            penalty_uplift_units INTEGER NOT NULL CHECK (penalty_uplift_units > 0),
            sizes TEXT NOT NULL CHECK (length(sizes) > 0),
            credit_line_cap_fen INTEGER CHECK (credit_line_cap_fen IS NULL OR credit_line_cap_fen > 0),
            application_required INTEGER NOT NULL CHECK (application_required IN (0, 1)),
            rounding TEXT NOT NULL CHECK (rounding IN ('half-up', 'half-even', 'down', 'up')),
            maturing_from TEXT CHECK (maturing_from IS NULL OR maturing_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            maturing_until TEXT CHECK ((maturing_until IS NULL) = (maturing_from IS NULL)
                                       AND (maturing_until IS NULL OR maturing_until >= maturing_from)),
            UNIQUE (name, title, window_from, window_until, deferral_date, scope, interest_on_deferred_principal,
                    compound_on_deferred_interest, penalty_uplift_units, sizes, credit_line_cap_fen, application_required, rounding,
                    maturing_from, maturing_until)
        ) STRICT;
        INSERT INTO programme_runs_v8(id, name, title, window_from, window_until, deferral_date, scope, interest_on_deferred_principal,
                                      compound_on_deferred_interest, penalty_uplift_units, sizes, credit_line_cap_fen,
                                      application_required, rounding)
            SELECT id, name, title, window_from, window_until, deferral_date, scope, interest_on_deferred_principal,
                   compound_on_deferred_interest, penalty_uplift_units, sizes, credit_line_cap_fen, application_required, rounding
            FROM programme_runs;
        DROP TABLE programme_runs;
        ALTER TABLE programme_runs_v8 RENAME TO programme_runs;

        CREATE TRIGGER programme_runs_no_update BEFORE UPDATE ON programme_runs
        BEGIN SELECT RAISE(ABORT, 'a programme run is history and never changes'); END;
        CREATE TRIGGER programme_runs_no_delete BEFORE DELETE ON programme_runs
        BEGIN SELECT RAISE(ABORT, 'a programme run is history and never changes'); END;
        """
}
