import ReliefDomain
import ReliefEngine
import ReliefLedger

/// First-loan cultivation for every front end: firms identified, counsellors and their
/// assignments, pipeline moves, the register and its KPIs.
public enum FirstLoanWorkflow {
    public static func register(_ ledger: LedgerStore, _ registration: CultivationLedger.Registration) throws -> CultivationLedger.RegisterOutcome {
        try ledger.write { db in try CultivationLedger.register(registration, db) }
    }

    /// Adds a counsellor; false when one with that id and name exists already.
    public static func addCounsellor(_ ledger: LedgerStore, _ id: CounsellorID, name: String) throws -> Bool {
        try ledger.write { db in try CultivationLedger.addCounsellor(id, name: name, db) }
    }

    public static func assign(_ ledger: LedgerStore, _ counsellor: CounsellorID, to code: CreditCode, on date: CivilDate) throws -> CultivationLedger.AssignOutcome {
        try ledger.write { db in try CultivationLedger.assign(counsellor, to: code, on: date, db) }
    }

    public static func move(_ ledger: LedgerStore, _ code: CreditCode, to stage: CultivationStage, on date: CivilDate, bank: String?) throws -> CultivationLedger.MoveOutcome {
        try ledger.write { db in try CultivationLedger.move(code, to: stage, on: date, bank: bank, db) }
    }

    /// The cultivation register: every firm with its stages, counsellors and earliest loan.
    public static func cultivation(_ ledger: LedgerStore) throws -> CultivationRegister {
        try ledger.read { db in try CultivationLedger.cultivationRegister(db) }
    }

    /// The KPIs over [from, to] (without `from`, from the register's first event, never after
    /// `to`), grouped when asked. A period that ends before it starts is `WorkflowError.refused`.
    public static func report(_ ledger: LedgerStore, from: CivilDate?, to: CivilDate, by grouping: FirstLoanReport.Grouping?) throws -> FirstLoanReport {
        let register = try cultivation(ledger)
        let start = from ?? min(register.firstEventDate ?? to, to)
        guard start <= to else { throw WorkflowError.refused("the period starts \(start), after it ends \(to)") }
        return FirstLoanReport.compute(register, from: start, to: to, by: grouping)
    }
}
