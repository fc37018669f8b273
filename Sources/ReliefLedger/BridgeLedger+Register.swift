import GRDB
import ReliefDomain
import ReliefEngine

extension BridgeLedger {
    /// The register as the report reads it.
    public static func register(_ db: LedgerTransaction) throws -> BridgeRegister {
        let db = db.database
        let capital = try Row.fetchAll(db, sql: "SELECT movement_date, amount_fen FROM bridge_capital ORDER BY movement_date, id").map { row in
            BridgeRegister.CapitalMovement(date: try StoredValues.date(row["movement_date"], "movement_date"), amount: Money(fen: row["amount_fen"]))
        }
        var advances: [BridgeRegister.Advance] = []
        let query = try FastStatement(db, """
            SELECT a.id, a.bank, a.county, a.amount_fen, a.advance_date, r.repaid_on, r.days, r.fee_fen
            FROM bridge_advances a LEFT JOIN bridge_repayments r ON r.advance_id = a.id ORDER BY a.advance_date, a.id
            """)
        try query.forEachRow { row in
            let repayment = row.isNull(5) ? nil : BridgeRegister.Repayment(
                date: try StoredValues.date(row.text(5), "repaid_on"), days: row.int(6), fee: Money(fen: row.int64(7)))
            let id: AdvanceID
            do { id = try AdvanceID(validating: row.text(0)) } catch { throw LedgerError.rule("stored advance id '\(row.text(0))' is invalid") }
            advances.append(BridgeRegister.Advance(id: id, bank: row.text(1), county: row.text(2), amount: Money(fen: row.int64(3)),
                                                   date: try StoredValues.date(row.text(4), "advance_date"), repayment: repayment))
        }
        return BridgeRegister(capital: capital, advances: advances)
    }
}
