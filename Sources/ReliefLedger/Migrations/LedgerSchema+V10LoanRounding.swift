extension LedgerSchema {
    /// The rounding a loan's schedule was booked with (migration "v10-loan-rounding").
    ///
    /// A loan booked with another rounding than the standard half-up keeps its whole schedule
    /// (v5), but until v10 the rounding itself was not stored, so the loan book could not say
    /// it and an import recomputed the schedule half-up, which then disagreed with the rows.
    /// NULL is the standard half-up. Loans booked before v10 read as half-up whatever they were
    /// booked with: their rows are kept, so nothing is recomputed from it here, and their
    /// export says half-up as it did before.
    static let v10LoanRounding = """
        ALTER TABLE loans ADD COLUMN rounding TEXT CHECK (rounding IS NULL OR rounding IN ('half-even', 'down', 'up'));
        """
}
