extension LedgerSchema {
    /// The parameters each programme run applied (migration "v6-programme-runs").
    ///
    /// Until v6 a deferral kept only its programme's name, so a run from a user's programme
    /// file, or with `--penalty-uplift` or `--rounding`, could not be told apart from the
    /// preset, and a loan book could not carry what was applied. A run is stored once per
    /// distinct set of parameters (UNIQUE over all of them) and each deferral refers to the
    /// run that made it; deferrals recorded before v6 have no run (`run_id` NULL).
    static let v6ProgrammeRuns = """
        CREATE TABLE programme_runs (
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
            -- Comma-separated size classes in the order micro, small, medium, large.
            sizes TEXT NOT NULL CHECK (length(sizes) > 0),
            credit_line_cap_fen INTEGER CHECK (credit_line_cap_fen IS NULL OR credit_line_cap_fen > 0),
            application_required INTEGER NOT NULL CHECK (application_required IN (0, 1)),
            rounding TEXT NOT NULL CHECK (rounding IN ('half-up', 'half-even', 'down', 'up')),
            UNIQUE (name, title, window_from, window_until, deferral_date, scope, interest_on_deferred_principal,
                    compound_on_deferred_interest, penalty_uplift_units, sizes, credit_line_cap_fen, application_required, rounding)
        ) STRICT;
        ALTER TABLE deferrals ADD COLUMN run_id INTEGER REFERENCES programme_runs(id);

        CREATE TRIGGER programme_runs_no_update BEFORE UPDATE ON programme_runs
        BEGIN SELECT RAISE(ABORT, 'a programme run is history and never changes'); END;
        CREATE TRIGGER programme_runs_no_delete BEFORE DELETE ON programme_runs
        BEGIN SELECT RAISE(ABORT, 'a programme run is history and never changes'); END;
        """
}
