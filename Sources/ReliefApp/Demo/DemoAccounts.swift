import ReliefDomain
import ReliefLedger

/// The accounts `relief demo --serve` signs people in with: one per role (the bank account
/// bound to the demo's first bank), each with a password generated for this run only and
/// never stored anywhere but as its bcrypt hash.
public enum DemoAccounts {
    public struct Account: Sendable {
        public let name: String
        public let role: UserRole
        public let bank: String?
        public let password: String
    }

    /// Adds the three accounts to the demo's ledger.
    public static func add(_ ledger: LedgerStore, today: CivilDate) throws -> [Account] {
        guard let bank = try LoanWorkflow.page(ledger, bank: nil, query: nil, page: 1).loans.first?.bank else {
            throw WorkflowError.internalError("the demo ledger holds no loans")
        }
        let accounts = [Account(name: "bureau", role: .bureau, bank: nil, password: password()),
                        Account(name: "bank", role: .bank, bank: bank, password: password()),
                        Account(name: "coordinator", role: .coordinator, bank: nil, password: password())]
        for account in accounts {
            try AccountWorkflow.add(ledger, name: account.name, role: account.role, bank: account.bank, password: account.password, today: today)
        }
        return accounts
    }

    /// 16 characters from an alphabet without look-alikes (no 0/O, 1/l/I), from the system's
    /// random source: about 90 bits.
    static func password() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
