extension LedgerSchema {
    /// First-loan cultivation (migration "v3-first-loans"): counsellors, their assignments to
    /// enterprises and the pipeline's dated transitions.
    ///
    /// The enterprise's own cultivation data (identification date, industry, whether its
    /// credit report shows a loan record) already has columns on `enterprises` since v1; the
    /// `identified` stage is `enterprises.identified_on`, so `cultivation_stages` holds the
    /// moves after it. Histories are append-only (a firm that changes counsellor gets a new
    /// assignment row) and SQLite refuses what the pipeline rules refuse, as a second line
    /// behind `CultivationStage.checkMove`: a transition for an enterprise not identified,
    /// dated before the previous one, backwards, or after a closed stage; an assignment for
    /// an enterprise not identified, or dated before its previous one; and an identification
    /// date, once set, never changes.
    static let v3FirstLoans = """
        CREATE TABLE counsellors (
            id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
            name TEXT NOT NULL CHECK (length(name) > 0)
        ) STRICT;

        CREATE TABLE counsellor_assignments (
            id INTEGER PRIMARY KEY,
            counsellor_id TEXT NOT NULL REFERENCES counsellors(id),
            enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
            assigned_on TEXT NOT NULL CHECK (assigned_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
        ) STRICT;
        -- Foreign-key children need an index on their key; the first also serves "the
        -- counsellor on day d" and the second "the firms of a counsellor".
        CREATE INDEX counsellor_assignments_enterprise ON counsellor_assignments(enterprise_id, assigned_on);
        CREATE INDEX counsellor_assignments_counsellor ON counsellor_assignments(counsellor_id);

        CREATE TABLE cultivation_stages (
            id INTEGER PRIMARY KEY,
            enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
            stage TEXT NOT NULL CHECK (stage IN ('counselled', 'applied', 'approved', 'disbursed', 'declined', 'withdrawn')),
            stage_date TEXT NOT NULL CHECK (stage_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            bank TEXT CHECK (bank IS NULL OR length(bank) > 0),
            -- No stage is reached twice; also the index of the foreign key.
            UNIQUE (enterprise_id, stage)
        ) STRICT;

        CREATE TRIGGER counsellor_assignments_no_update BEFORE UPDATE ON counsellor_assignments
        BEGIN SELECT RAISE(ABORT, 'counsellor assignments are history: assign again instead'); END;
        CREATE TRIGGER counsellor_assignments_no_delete BEFORE DELETE ON counsellor_assignments
        BEGIN SELECT RAISE(ABORT, 'counsellor assignments are history: assign again instead'); END;
        CREATE TRIGGER cultivation_stages_no_update BEFORE UPDATE ON cultivation_stages
        BEGIN SELECT RAISE(ABORT, 'cultivation transitions are history and cannot change'); END;
        CREATE TRIGGER cultivation_stages_no_delete BEFORE DELETE ON cultivation_stages
        BEGIN SELECT RAISE(ABORT, 'cultivation transitions are history and cannot change'); END;

        CREATE TRIGGER enterprises_identified_once BEFORE UPDATE OF identified_on ON enterprises
        WHEN OLD.identified_on IS NOT NULL AND NEW.identified_on IS NOT OLD.identified_on
        BEGIN SELECT RAISE(ABORT, 'an enterprise''s identification date never changes once recorded'); END;

        CREATE TRIGGER counsellor_assignments_in_order BEFORE INSERT ON counsellor_assignments
        WHEN (SELECT identified_on FROM enterprises WHERE id = NEW.enterprise_id) IS NULL
          OR NEW.assigned_on < (SELECT identified_on FROM enterprises WHERE id = NEW.enterprise_id)
          OR NEW.assigned_on < (SELECT max(assigned_on) FROM counsellor_assignments WHERE enterprise_id = NEW.enterprise_id)
        BEGIN SELECT RAISE(ABORT, 'impossible counsellor assignment: enterprise not identified, or back-dated'); END;

        CREATE TRIGGER cultivation_stages_in_order BEFORE INSERT ON cultivation_stages
        WHEN (SELECT identified_on FROM enterprises WHERE id = NEW.enterprise_id) IS NULL
          OR NEW.stage_date < (SELECT identified_on FROM enterprises WHERE id = NEW.enterprise_id)
          OR NEW.stage_date < (SELECT max(stage_date) FROM cultivation_stages WHERE enterprise_id = NEW.enterprise_id)
          OR EXISTS (SELECT 1 FROM cultivation_stages WHERE enterprise_id = NEW.enterprise_id
                     AND stage IN ('disbursed', 'declined', 'withdrawn'))
          OR (CASE NEW.stage WHEN 'counselled' THEN 1 WHEN 'applied' THEN 2 WHEN 'approved' THEN 3 WHEN 'disbursed' THEN 4 ELSE 5 END)
             <= (SELECT coalesce(max(CASE stage WHEN 'counselled' THEN 1 WHEN 'applied' THEN 2 WHEN 'approved' THEN 3 ELSE 4 END), 0)
                 FROM cultivation_stages WHERE enterprise_id = NEW.enterprise_id)
        BEGIN SELECT RAISE(ABORT, 'impossible cultivation transition: not identified, back-dated, backwards or after a closed stage'); END;
        """
}
