import Foundation
import GRDB
import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger

/// The whole ledger as loan-book XML and back, for the lead to wire into `relief export
/// loanbook` (`LoanBookTransfer.export`) and `relief import` (`isLoanBook`, `record`).
///
/// What round-trips: enterprises with loans, loans with their terms (schedules are
/// recomputed from the terms, exactly as `loans add` does), repayments of installments, the
/// bridge fund's account, capital movements and advances with their repayments. Not yet in
/// format version 1: deferrals, extensions and renewals, interest accruals, and the terms an
/// advance was made under (re-imported advances take the fund's current terms).
enum LoanBookTransfer {
    /// How far into a file the namespace is looked for.
    static let sniffBytes = 4096

    static func isLoanBook(_ bytes: [UInt8]) -> Bool {
        String(decoding: bytes.prefix(sniffBytes), as: UTF8.self).contains(LoanBookSchema.namespace)
    }

    /// Writes the database as a loan book to `out` (or stdout); returns the records written.
    @discardableResult
    static func export(database: DatabaseOptions, out: String?) throws -> Int {
        let records = try database.open().read { db in try collect(db) }
        do {
            if let out {
                let writer = try LoanBookWriter(path: out)
                for record in records { try writer.write(record) }
                try writer.finish()
            } else {
                let writer = try LoanBookWriter()
                for record in records { try writer.write(record) }
                StandardStreams.writeOut(String(decoding: try writer.finish() ?? [], as: UTF8.self))
            }
        } catch let problem as LoanBookWriter.Problem {
            throw CommandFailure(.dataError, problem.description)
        } catch let problem as PaymentInitiationWriter.Problem {
            throw CommandFailure(.software, problem.description)
        }
        return records.count
    }

    /// Everything the format carries, in its order.
    static func collect(_ db: Database) throws -> [LoanBookRecord] {
        var records: [LoanBookRecord] = []
        let loans = try LoanBook.fetchRecords(nil, db)
        var seen: Set<CreditCode> = []
        for loan in loans where seen.insert(loan.enterprise.code).inserted { records.append(.enterprise(loan.enterprise)) }
        records += loans.map { .loan($0) }
        for row in try Row.fetchAll(db, sql: """
            SELECT i.loan_id, i.period, i.paid_on FROM installments i
            JOIN journal_entries j ON j.idempotency_key = 'loan:' || i.loan_id || ':repayment:' || i.period
            WHERE i.paid_on IS NOT NULL ORDER BY i.paid_on, i.loan_id, i.period
            """) {
            records.append(.repayment(loan: try loanID(row["loan_id"]), period: row["period"], date: try date(row["paid_on"])))
        }
        let settings = try BridgeFund.settings(db)
        if settings.account != nil || settings.accountName != nil {
            records.append(.bridgeFund(account: settings.account, accountName: settings.accountName))
        }
        for row in try Row.fetchAll(db, sql: "SELECT movement_date, amount_fen FROM bridge_capital ORDER BY movement_date, id") {
            records.append(.bridgeCapital(date: try date(row["movement_date"]), amount: Money(fen: row["amount_fen"])))
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT a.id, e.credit_code, e.name, a.bank, a.county, a.amount_fen, a.advance_date, a.account, r.repaid_on
            FROM bridge_advances a JOIN enterprises e ON e.id = a.enterprise_id LEFT JOIN bridge_repayments r ON r.advance_id = a.id
            ORDER BY a.advance_date, a.id
            """) {
            let idText: String = row["id"]
            let codeText: String = row["credit_code"]
            let id: AdvanceID
            let code: CreditCode
            do { id = try AdvanceID(validating: idText) } catch { throw CommandFailure(.dataError, "stored advance id '\(idText)' is invalid") }
            do { code = try CreditCode(validating: codeText) } catch { throw CommandFailure(.dataError, "stored credit code '\(codeText)' is invalid") }
            let name: String = row["name"]
            records.append(.bridgeAdvance(LoanBookRecord.BridgeAdvance(
                id: id, enterprise: code, enterpriseName: name == codeText ? nil : name, bank: row["bank"], county: row["county"],
                amount: Money(fen: row["amount_fen"]), date: try date(row["advance_date"]), account: row["account"],
                repaid: try (row["repaid_on"] as String?).map(date))))
        }
        return records
    }

    static func date(_ text: String) throws -> CivilDate {
        do { return try CivilDate(parsing: text) } catch { throw CommandFailure(.dataError, "stored date '\(text)' is not a date") }
    }

    static func loanID(_ text: String) throws -> LoanID {
        do { return try LoanID(validating: text) } catch { throw CommandFailure(.dataError, "stored loan id '\(text)' is invalid") }
    }

    /// Reads the loan book at `path` and records it in `journal`'s transaction: loans and
    /// repayments as they stream in, the bridge fund's movements at the end in date order (the
    /// register refuses back-dated movements). Problems are located (file, line) and
    /// returned, never thrown one by one: the caller rolls back when there are any.
    static func record(path: String, journal: inout Journal, reader: LoanBookReader = LoanBookReader()) throws -> ImportSummary {
        let file = (path as NSString).lastPathComponent
        var summary = ImportSummary()
        var fund: (account: String?, name: String?)?
        var bridge: [(date: CivilDate, order: Int, line: Int, record: LoanBookRecord)] = []
        func problem(_ line: Int, _ message: String) { summary.problems.append(ImportProblem(file: file, line: line, message: message)) }
        do {
            try reader.read(path: path) { record, line in
                do {
                    switch record {
                    case .enterprise:
                        break  // recorded with its loans
                    case .loan(let loan):
                        switch try LoanBook.add(loan, journal: &journal) {
                        case .added: summary.imported += 1
                        case .duplicate: summary.duplicates += 1
                        }
                    case .repayment(let loan, let period, let date):
                        let outcome = try LoanEvents.repay(loan, period: period, on: date, journal: &journal).outcome
                        if outcome.isDuplicate { summary.duplicates += 1 } else { summary.imported += 1 }
                    case .bridgeFund(let account, let name):
                        fund = (account, name)
                    case .bridgeCapital(let date, let amount):
                        bridge.append((date, amount.isNegative ? 3 : 0, line, record))
                    case .bridgeAdvance(let advance):
                        bridge.append((advance.date, 2, line, record))
                        if let repaid = advance.repaid { bridge.append((repaid, 1, line, record)) }
                    }
                } catch let error as LedgerError {
                    problem(line, "\(error)")
                } catch let error as RuleViolation {
                    problem(line, error.message)
                }
            }
        } catch let failure as ImportFailure {
            summary.problems += failure.problems
            return summary
        }
        if let fund, let account = fund.account { try BridgeFund.setAccount(account, name: fund.name, journal.db) }
        var book = try BridgeBook(journal.db)
        // Same day: capital in, then repayments, then advances, then withdrawals.
        for item in bridge.sorted(by: { ($0.date, $0.order, $0.line) < ($1.date, $1.order, $1.line) }) {
            do {
                switch (item.record, item.order) {
                case (.bridgeCapital(_, let amount), _):
                    let outcome = try book.moveCapital(amount, on: item.date, reference: nil, journal: &journal)
                    if outcome.isDuplicate { summary.duplicates += 1 } else { summary.imported += 1 }
                case (.bridgeAdvance(let advance), 2):
                    let outcome = try book.advance(BridgeBook.AdvanceRequest(
                        id: advance.id, enterprise: advance.enterprise, enterpriseName: advance.enterpriseName, bank: advance.bank,
                        county: advance.county, amount: advance.amount, date: advance.date, account: advance.account), journal: &journal)
                    if outcome.isDuplicate { summary.duplicates += 1 } else { summary.imported += 1 }
                case (.bridgeAdvance(let advance), _):
                    let outcome = try book.repay(advance.id, on: item.date, journal: &journal)
                    if outcome.duplicate { summary.duplicates += 1 } else { summary.imported += 1 }
                default:
                    break
                }
            } catch let error as LedgerError {
                problem(item.line, "\(error)")
            }
        }
        return summary
    }
}
