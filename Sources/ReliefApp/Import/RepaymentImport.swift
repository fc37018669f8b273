import ReliefDomain
import ReliefInterchange
import ReliefLedger

/// Records the rows of repayment and enterprise CSVs in the ledger, each problem located
/// by file, line and field.
enum RepaymentImport {
    /// Each row repays its installment in full (`LoanEvents.repay`), in file order (the last
    /// row of a deferral also pays the deferral's interest, so order matters). The same
    /// installment repaid on the same date again is a duplicate; on another date, a problem.
    /// With `bank`, a loan of another bank is unknown (its existence is not disclosed).
    static func record(_ rows: [(RepaymentCSV.Row, String)], bank: String? = nil, journal: inout Journal) throws -> ImportSummary {
        var summary = ImportSummary()
        var seen: [String: (date: CivilDate, file: String, line: Int)] = [:]
        for (row, file) in rows {
            func problem(_ field: String, _ message: String) {
                summary.problems.append(ImportProblem(file: file, line: row.line, field: field, message: message))
            }
            let key = "\(row.loan.rawValue)\u{1F}\(row.period)"
            if let earlier = seen[key] {
                if earlier.date == row.date { summary.duplicates += 1 } else {
                    problem("date", "installment \(row.period) of loan \(row.loan) is repaid on \(earlier.date) at \(earlier.file):\(earlier.line)")
                }
                continue
            }
            seen[key] = (row.date, file, row.line)
            guard let record = try LoanLedger.fetchRecord(row.loan, journal.transaction), bank.map({ $0 == record.bank }) ?? true else {
                problem("loan_id", LedgerError.unknownLoan(row.loan).description)
                continue
            }
            do {
                let repayment = try LoanEvents.repay(row.loan, period: row.period, on: row.date, journal: &journal)
                if repayment.outcome.isDuplicate {
                    summary.duplicates += 1
                } else {
                    summary.imported += 1
                    if let amount = row.amount, amount != repayment.total {
                        problem("amount", "the file says \(amount), installment \(row.period) of loan \(row.loan) comes to \(repayment.total) in this ledger (a deferral or extension changes it, and a CSV does not carry them: the loan book does)")
                    }
                }
            } catch let error as LedgerError {
                switch error {
                case .unknownInstallment: problem("period", "\(error)")
                case .unknownLoan: problem("loan_id", "\(error)")
                default: problem("date", "\(error)")
                }
            }
        }
        return summary
    }

    /// Registers each enterprise (`EnterpriseRegistry`): new ones, and ones known before only
    /// from a bridge advance, count as imported; the same data again as duplicates.
    static func record(_ rows: [(EnterpriseCSV.Row, String)], journal: inout Journal) throws -> ImportSummary {
        var summary = ImportSummary()
        for (row, file) in rows {
            do {
                switch try EnterpriseRegistry.register(code: row.code, name: row.name, size: row.size, county: row.county, journal.transaction) {
                case .added, .completed: summary.imported += 1
                case .duplicate: summary.duplicates += 1
                }
            } catch let error as LedgerError {
                summary.problems.append(ImportProblem(file: file, line: row.line, field: "credit_code", message: "\(error)"))
            }
        }
        return summary
    }
}
