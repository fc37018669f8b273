import GRDB
import ReliefDomain

/// Enterprises on their own, without a loan or advance: the plain enterprise list
/// (`relief import enterprises.csv`) and the enterprises of a loan book.
public enum EnterpriseRegistry {
    /// What registering did.
    public enum Outcome: Equatable, Sendable {
        case added
        /// Known before from a bridge advance only (no size): the size, name and county now complete it.
        case completed
        /// Already registered with these data: nothing was written.
        case duplicate
    }

    /// Registers the enterprise with `code`. `size` nil means unknown (an enterprise known
    /// only from a bridge advance). Refused: a credit code already registered under another
    /// name or size, or in another county (a credit code names one enterprise).
    public static func register(code: CreditCode, name: String, size: EnterpriseSize?, county: String, _ db: LedgerTransaction) throws -> Outcome {
        let db = db.database
        guard !name.isEmpty, name.count <= CultivationLedger.textLengthMax else {
            throw LedgerError.rule("an enterprise name has 1 to \(CultivationLedger.textLengthMax) characters")
        }
        if let problem = RecordRules.nameProblem(name) { throw LedgerError.rule("the enterprise name \(problem)") }
        guard county.count <= CultivationLedger.textLengthMax else { throw LedgerError.rule("a county has at most \(CultivationLedger.textLengthMax) characters") }
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, name, size, county FROM enterprises WHERE credit_code = ?"),
                                         arguments: [code.value]) else {
            try db.cachedStatement(sql: "INSERT INTO enterprises(credit_code, name, size, county) VALUES (?, ?, ?, ?)")
                .execute(arguments: [code.value, name, size?.rawValue, county])
            return .added
        }
        let id: Int64 = row["id"]
        let storedName: String = row["name"]
        let storedSize: String? = row["size"]
        let storedCounty: String = row["county"]
        func conflict() -> LedgerError {
            LedgerError.rule("credit code \(code) is registered as \(storedName) (\(storedSize ?? "size unknown"), \(storedCounty.isEmpty ? "no county" : storedCounty)), not \(name) (\(size?.rawValue ?? "size unknown"), \(county.isEmpty ? "no county" : county)); a credit code names one enterprise")
        }
        guard storedCounty.isEmpty || county.isEmpty || storedCounty == county else { throw conflict() }
        switch (storedSize, size) {
        case (nil, let size?):
            // A bridge advance knew only the code (and perhaps a name): the list completes it.
            try db.execute(sql: "UPDATE enterprises SET name = ?, size = ?, county = CASE WHEN county = '' THEN ? ELSE county END WHERE id = ?",
                           arguments: [name, size.rawValue, county, id])
            return .completed
        case (let stored?, let size?) where stored != size.rawValue:
            throw conflict()
        default:
            guard storedName == name else { throw conflict() }
            if storedCounty.isEmpty && !county.isEmpty {
                try db.execute(sql: "UPDATE enterprises SET county = ? WHERE id = ?", arguments: [county, id])
                return .completed
            }
            return .duplicate
        }
    }

    /// The enterprise registered with `code`, or nil when there is none or its size is not
    /// known (an enterprise known only from a bridge advance).
    public static func record(of code: CreditCode, _ db: LedgerTransaction) throws -> EnterpriseRecord? {
        let db = db.database
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT name, size, county FROM enterprises WHERE credit_code = ?"),
                                         arguments: [code.value]),
              let sizeName = row["size"] as String?, let size = EnterpriseSize(rawValue: sizeName) else { return nil }
        return EnterpriseRecord(code: code, name: row["name"], size: size, county: row["county"])
    }
}
