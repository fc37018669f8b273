import GRDB
import ReliefDomain
import ReliefEngine

/// The emergency bridge fund's standing settings in the ledger: its terms and its own bank
/// account. Its movements (capital, advances, repayments) are `BridgeLedger`'s; the register
/// they make, as values for reports, is the engine's `BridgeRegister`.
///
/// Entries: capital in = Dr fund cash / Cr fund capital (withdrawal the reverse); advance =
/// Dr advances receivable / Cr fund cash; repayment = Dr fund cash (amount + fee) / Cr advances
/// receivable, Cr fee income. The register is kept in date order: an advance or withdrawal
/// dated before the fund's latest movement is refused, so the cash checked now is the cash on
/// that date and the fund's balance can never go negative.
public enum BridgeFund {
    /// The fund's terms (the seed's until `bridge terms` sets others) and its own bank account.
    public struct Settings: Sendable {
        public let terms: BridgeTerms
        public let account: String?
        public let accountName: String?
    }

    public static func settings(_ db: LedgerTransaction) throws -> Settings {
        let db = db.database
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM bridge_settings WHERE id = 1") else {
            return Settings(terms: .seed(), account: nil, accountName: nil)
        }
        let tiersText: String = row["tiers"]
        let minimumFee: Int64? = row["minimum_fee_fen"]
        let share: Int64? = row["commitment_share_units"]
        let cap: Int64? = row["enterprise_cap_fen"]
        do {
            let terms = try BridgeTerms(maximumDays: row["max_days"], dailyRateCap: Rate(units: row["rate_cap_units"]),
                                        tiers: tiersText.isEmpty ? [] : try BridgeTerms.Tier.parseList(tiersText),
                                        minimumFee: minimumFee.map(Money.init(fen:)), commitmentShare: share.map(Rate.init(units:)),
                                        enterpriseCap: cap.map(Money.init(fen:)))
            return Settings(terms: terms, account: row["account"], accountName: row["account_name"])
        } catch let error as RuleViolation {
            throw LedgerError.rule("the stored bridge terms are invalid: \(error.message)")
        } catch {
            throw LedgerError.rule("the stored bridge tiers '\(tiersText)' are invalid")
        }
    }

    public static func store(_ terms: BridgeTerms, _ db: LedgerTransaction) throws {
        let db = db.database
        let current = try settings(LedgerTransaction(db))
        try save(terms: terms, account: current.account, accountName: current.accountName, db)
    }

    public static func setAccount(_ account: String, name: String?, _ db: LedgerTransaction) throws {
        let db = db.database
        let current = try settings(LedgerTransaction(db))
        try save(terms: current.terms, account: account, accountName: name ?? current.accountName, db)
    }

    static func save(terms: BridgeTerms, account: String?, accountName: String?, _ db: Database) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO bridge_settings(id, max_days, rate_cap_units, tiers, minimum_fee_fen, commitment_share_units,
                                                   enterprise_cap_fen, account, account_name)
            VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [terms.maximumDays, terms.dailyRateCap.units, BridgeTerms.Tier.format(terms.tiers), terms.minimumFee?.fen,
                             terms.commitmentShare?.units, terms.enterpriseCap?.fen, account, accountName])
    }
}
