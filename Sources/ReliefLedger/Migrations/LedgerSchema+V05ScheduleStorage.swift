extension LedgerSchema {
    /// Loans whose schedule is the standard one keep no installment rows.
    ///
    /// Storing 36 rows per loan made booking a loan cost 37 rows and held imports near
    /// 11 k loans/s. A loan's standard schedule is a pure function of its stored terms (the
    /// engine's exact schedule, rounded half-up), so it is recomputed on demand instead:
    /// - `schedule_stored = 1`: `installments` holds the loan's whole current schedule (every
    ///   loan booked before this migration, loans booked with another rounding, loans that an
    ///   event such as a repayment, accrual, extension or renewal has touched);
    /// - `schedule_stored = 0`: the current schedule is the standard schedule of the terms, in
    ///   which the rows `installments` holds for the loan (those a portfolio deferral moved)
    ///   replace the rows of the same period. `ledger check` proves that such rows differ from
    ///   the standard ones only in their due date and deferral.
    static let v5ScheduleStorage = """
        ALTER TABLE loans ADD COLUMN schedule_stored INTEGER NOT NULL DEFAULT 1 CHECK (schedule_stored IN (0, 1));
        """
}
