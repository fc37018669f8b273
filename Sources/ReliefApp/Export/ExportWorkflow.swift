import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger

/// The ledger's contents as CSV files for other systems (`export loans|schedules|repayments|
/// bridge|enterprises|journal`). The loans, repayments, enterprises and bridge files are the
/// ones `import` reads, so a CSV round trip keeps what CSV carries; the schedules and journal
/// files are reports (import recognises their headers and refuses them).
public enum ExportWorkflow {
    public enum Table: String, Sendable, CaseIterable {
        case loans, schedules, repayments, bridge, enterprises, journal
    }

    /// The header of the schedules report.
    public static let scheduleHeader = ["loan_id", "period", "due_date", "original_due_date", "days", "principal", "interest", "payment", "balance", "deferred"]
    /// The header of the journal report.
    public static let journalHeader = ["entry", "date", "kind", "description", "account", "loan_id", "debit", "credit"]

    /// The tables a bank account may export: its own loans and their schedules (the others
    /// hold the fund's and other banks' records).
    public static let bankTables: [Table] = [.loans, .schedules]

    /// `table` as CSV text (RFC 4180, CRLF), from one read of `ledger`; with `bank`, only that
    /// bank's loans and schedules (`WorkflowError.refused` for a table that is not a bank's).
    public static func csv(_ table: Table, ledger: LedgerStore, bank: String? = nil) throws -> CSVText {
        if bank != nil, !bankTables.contains(table) {
            throw WorkflowError.refused("the \(table.rawValue) export holds more than one bank's records; a bank account exports its loans and schedules")
        }
        switch table {
        case .loans:
            return try loansCSV(ledger, bank: bank)
        case .schedules:
            var csv = CSVText(header: scheduleHeader)
            try LedgerListings.schedules(ledger) { loan, rows in
                if let bank, loan.bank != bank { return }
                for stored in rows {
                    let row = stored.installment
                    csv.append([loan.id.rawValue, String(row.period), row.dueDate.description, stored.originalDueDate.description,
                                String(row.days), row.principal.description, row.interest.description, row.payment.description,
                                row.balance.description, stored.isDeferred ? "true" : "false"])
                }
            }
            return csv
        case .repayments:
            var csv = CSVText(header: RepaymentCSV.header)
            for line in try LedgerListings.repayments(ledger) {
                csv.append([line.loan, String(line.period), line.date, line.principal.description,
                            (line.amount - line.principal).description, line.amount.description])
            }
            return csv
        case .enterprises:
            var csv = CSVText(header: EnterpriseCSV.header)
            for enterprise in try LedgerListings.enterprises(ledger) {
                csv.append([enterprise.code, enterprise.name, enterprise.size ?? "", enterprise.county])
            }
            return csv
        case .bridge:
            // The register CSV that `import` reads, with the days and fee of each repayment
            // (which an import checks against the fund's terms).
            var csv = CSVText(header: BridgeRegisterCSV.exportHeader)
            for advance in try LedgerListings.advances(ledger) {
                csv.append([advance.id, advance.creditCode, advance.enterpriseName == advance.creditCode ? "" : advance.enterpriseName,
                            advance.bank, advance.county, advance.amount.description, advance.advanceDate, advance.repaidOn ?? "",
                            advance.loanReference ?? "", advance.account ?? "", advance.dailyRate.percentString(),
                            advance.commitment?.description ?? "", advance.days.map(String.init) ?? "", advance.fee?.description ?? ""])
            }
            return csv
        case .journal:
            var csv = CSVText(header: journalHeader)
            try LedgerListings.journal(ledger) { line in
                csv.append([String(line.entry), line.date, line.kind, line.description, line.account, line.loan ?? "",
                            line.amount.isNegative ? "0.00" : line.amount.description, line.amount.isNegative ? (-line.amount).description : "0.00"])
            }
            return csv
        }
    }

    /// Every loan as the loan CSV `import` reads, with a `rounding` column when a loan was
    /// booked with another rounding than half-up (so that it is booked so again).
    public static func loansCSV(_ ledger: LedgerStore, bank: String? = nil) throws -> CSVText {
        var (loans, roundings) = try LedgerListings.loans(ledger)
        if let bank { loans.removeAll { $0.bank != bank } }
        var csv = CSVText(header: LoanCSV.header(withRounding: !roundings.isEmpty))
        for loan in loans {
            csv.append(LoanCSV.fields(loan, rounding: roundings.isEmpty ? nil : roundings[loan.id.rawValue] ?? .halfUp))
        }
        return csv
    }
}
