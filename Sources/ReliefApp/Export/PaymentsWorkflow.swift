import ReliefDomain
import ReliefInterchange
import ReliefLedger

/// `export payments`: the bridge fund's advances as a pain.001.001.09 credit transfer file for
/// the fund's bank. The debtor is the fund's own account; each advance with a recorded
/// enterprise account becomes one transfer whose EndToEndId is the advance id, so the bank's
/// statement can be reconciled against it. Advances without an account cannot be paid by
/// transfer: they are listed in the result, never dropped silently.
public enum PaymentsWorkflow {
    /// Why no payment file can be written.
    public enum Refusal: Error, Equatable, Sendable {
        /// The fund's own account (the debtor) is not recorded.
        case noFundAccount
        /// No advance has an enterprise account to pay.
        case noPayableAdvance
    }

    public struct File: Sendable {
        /// The pain.001 document.
        public let bytes: [UInt8]
        public let transfers: Int
        /// Advances left out for want of an enterprise account, by advance date.
        public let withoutAccount: [String]
    }

    /// The payment file of every advance, created at `createdAt` (ISO `2020-03-02T09:15:00`);
    /// its message id is `RELIEF-PAY-` and that time's digits.
    public static func file(ledger: LedgerStore, createdAt: String) throws -> File {
        let settings = try ledger.read { db in try BridgeFund.settings(db) }
        guard let fundAccount = settings.account, !fundAccount.isEmpty else { throw Refusal.noFundAccount }
        var transfers: [PaymentInitiationWriter.Transfer] = []
        var withoutAccount: [String] = []
        for advance in try LedgerListings.advances(ledger) {
            guard let account = advance.account, !account.isEmpty else {
                withoutAccount.append(advance.id)
                continue
            }
            let date: CivilDate
            do { date = try CivilDate(parsing: advance.advanceDate) } catch {
                throw LedgerError.inconsistent("advance \(advance.id) has a stored date '\(advance.advanceDate)' that is not a date")
            }
            transfers.append(PaymentInitiationWriter.Transfer(
                endToEndID: advance.id, amount: advance.amount, executionDate: date,
                creditor: PaymentInitiationWriter.Party(name: advance.enterpriseName, account: account),
                remittance: "应急转贷 \(advance.id) \(advance.bank)"))
        }
        guard !transfers.isEmpty else { throw Refusal.noPayableAdvance }
        let bytes: [UInt8]
        do {
            bytes = try PaymentInitiationWriter.write(
                messageID: "RELIEF-PAY-" + createdAt.filter(\.isNumber), createdAt: createdAt,
                debtor: PaymentInitiationWriter.Party(name: settings.accountName ?? "应急转贷基金", account: fundAccount), transfers: transfers)
        } catch let problem as PaymentInitiationWriter.Problem {
            throw WorkflowError.refused(problem.description)
        }
        return File(bytes: bytes, transfers: transfers.count, withoutAccount: withoutAccount)
    }
}
