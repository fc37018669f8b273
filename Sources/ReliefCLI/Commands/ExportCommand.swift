import ArgumentParser
import Foundation
import GRDB
import ReliefDomain
import ReliefInterchange
import ReliefLedger

/// `relief export KIND`: the ledger's contents as files for other systems.
struct ExportCommand: ParsableCommand {
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case loans, schedules, repayments, bridge, enterprises, journal, loanbook, payments
    }

    enum FileFormat: String, ExpressibleByArgument, CaseIterable { case csv, xml }

    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export CSV (loans, schedules, repayments, bridge, enterprises, journal), the loan book as XML, or pain.001 payments.",
        discussion: """
            CSV is UTF-8 (RFC 4180, CRLF); --bom adds a byte-order mark so that Excel opens \
            Chinese text correctly. Without --out the file goes to stdout. The loans, repayments \
            (loan_id, period, date, principal, interest, amount; in the order they were recorded), \
            enterprises (credit_code, name, size, county) and bridge CSVs are the ones `relief \
            import` reads, so a CSV round trip keeps what CSV carries; deferred schedules travel \
            in the loan book only. `loanbook` \
            writes the whole ledger as loan-book XML (urn:creditrelief:loanbook:1, valid against \
            Samples/loanbook.xsd), re-importable into a fresh ledger; `payments` writes an ISO \
            20022 pain.001.001.09 credit transfer for the bridge advances (debtor: the fund's \
            account, set with `relief bridge fund --account`).
            """
    )

    @Argument(help: "loans, schedules, repayments, bridge, enterprises, journal, loanbook or payments.") var kind: Kind
    @Option(help: "csv for the tables (the default); loanbook and payments are always xml.") var format: FileFormat?
    @Option(help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file")) var out: String?
    @Flag(help: "Start with a UTF-8 byte-order mark (for Excel).") var bom = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        if kind == .loanbook || kind == .payments {
            if format == .csv { throw CommandFailure(.usage, "\(kind.rawValue) is written as xml only (--format xml, or leave it out)") }
            if bom { throw CommandFailure(.usage, "--bom is for the csv exports (Excel); \(kind.rawValue) is xml") }
        }
        switch kind {
        case .loanbook:
            _ = try LoanBookTransfer.export(database: database, out: out)
            return
        case .payments:
            try PaymentsExport.run(database: database, out: out)
            return
        default:
            if format == .xml {
                throw CommandFailure(.usage, "\(kind.rawValue) is exported as csv; the whole database as XML is `relief export loanbook`")
            }
        }
        let file = try out.map { try OutputFile($0, database: database.path) }
        let store = try database.open()
        let csv = try store.read { db in try table(db) }
        let text = (bom ? "\u{FEFF}" : "") + csv.text
        if let file {
            try file.write(Data(text.utf8))
        } else {
            StandardStreams.writeOut(text)
        }
    }

    /// The headers of the two exports that are reports, not files to import (`relief import`
    /// recognises them to refuse them: a journal would otherwise read as a bank statement).
    static let scheduleHeader = ["loan_id", "period", "due_date", "original_due_date", "days", "principal", "interest", "payment", "balance", "deferred"]
    static let journalHeader = ["entry", "date", "kind", "description", "account", "loan_id", "debit", "credit"]

    func table(_ db: Database) throws -> CSVText {
        switch kind {
        case .loans:
            return try LoansCommand.csv(db)
        case .schedules:
            var csv = CSVText(header: ExportCommand.scheduleHeader)
            // Loans on their standard schedule keep no rows: read each loan's current schedule.
            let schedules = try LoanBook.ScheduleReader(db)
            for loan in try LoanBook.fetchRecords(nil, db) {
                for stored in try schedules.installments(of: loan) {
                    let row = stored.installment
                    csv.append([loan.id.rawValue, String(row.period), row.dueDate.description, stored.originalDueDate.description,
                                String(row.days), row.principal.description, row.interest.description, row.payment.description,
                                row.balance.description, stored.isDeferred ? "true" : "false"])
                }
            }
            return csv
        case .repayments:
            // Every standing installment repayment in journal order (so a deferral's last row
            // stays last): one reversed by a correction is left out, one recorded again after its
            // correction (key `rN:loan:...`) is in. principal: what left the principal accounts;
            // amount: the cash received.
            var csv = CSVText(header: RepaymentCSV.header)
            for row in try Row.fetchAll(db, sql: """
                SELECT e.loan_id, e.idempotency_key, e.entry_date,
                       sum(CASE WHEN p.account_code IN (?, ?, ?) THEN -p.amount_fen ELSE 0 END) AS principal_fen,
                       sum(CASE WHEN p.account_code = ? THEN p.amount_fen ELSE 0 END) AS amount_fen
                FROM journal_entries e JOIN postings p ON p.entry_id = e.id
                WHERE e.kind = ? AND (e.idempotency_key LIKE 'loan:%:repayment:%' OR e.idempotency_key LIKE 'r%:loan:%:repayment:%')
                  AND NOT EXISTS (SELECT 1 FROM journal_entries r WHERE r.reverses_entry_id = e.id)
                GROUP BY e.id ORDER BY e.id
                """, arguments: [ChartOfAccounts.loanPrincipal.code, ChartOfAccounts.deferredPrincipal.code, ChartOfAccounts.extendedPrincipal.code,
                                 ChartOfAccounts.cash.code, JournalEntryDraft.Kind.repayment.rawValue]) {
                let loan: String = row["loan_id"], key: String = row["idempotency_key"]
                let base = Journal.eventBase(of: key).base, prefix = "loan:\(loan):repayment:"
                guard base.hasPrefix(prefix), let period = Int(base.dropFirst(prefix.count)) else { continue }
                let principal = Money(fen: row["principal_fen"]), amount = Money(fen: row["amount_fen"])
                csv.append([loan, String(period), row["entry_date"], principal.description,
                            (amount - principal).description, amount.description])
            }
            return csv
        case .enterprises:
            var csv = CSVText(header: EnterpriseCSV.header)
            for row in try Row.fetchAll(db, sql: "SELECT credit_code, name, size, county FROM enterprises ORDER BY credit_code") {
                csv.append([row["credit_code"], row["name"], (row["size"] as String?) ?? "", row["county"]])
            }
            return csv
        case .bridge:
            // The register CSV that `relief import` reads, with the days and fee of each repayment
            // (which an import checks against the fund's terms).
            var csv = CSVText(header: BridgeRegisterCSV.exportHeader)
            for row in try Row.fetchAll(db, sql: """
                SELECT a.id, e.credit_code, e.name, a.bank, a.county, a.amount_fen, a.advance_date, r.repaid_on, a.loan_ref, a.account,
                       a.daily_rate_units, a.commitment_fen, r.days, r.fee_fen
                FROM bridge_advances a JOIN enterprises e ON e.id = a.enterprise_id LEFT JOIN bridge_repayments r ON r.advance_id = a.id
                ORDER BY a.advance_date, a.id
                """) {
                let commitment: Int64? = row["commitment_fen"], days: Int? = row["days"], fee: Int64? = row["fee_fen"]
                let name: String = row["name"], code: String = row["credit_code"]
                csv.append([row["id"], code, name == code ? "" : name, row["bank"], row["county"], Money(fen: row["amount_fen"]).description,
                            row["advance_date"], (row["repaid_on"] as String?) ?? "", (row["loan_ref"] as String?) ?? "",
                            (row["account"] as String?) ?? "", Rate(units: row["daily_rate_units"]).percentString(),
                            commitment.map { Money(fen: $0).description } ?? "", days.map(String.init) ?? "", fee.map { Money(fen: $0).description } ?? ""])
            }
            return csv
        case .journal:
            var csv = CSVText(header: ExportCommand.journalHeader)
            for row in try Row.fetchAll(db, sql: """
                SELECT e.id, e.entry_date, e.kind, e.description, p.account_code, p.loan_id, sum(p.amount_fen) AS amount_fen
                FROM postings p JOIN journal_entries e ON e.id = p.entry_id GROUP BY e.id, p.line ORDER BY e.id, p.line
                """) {
                let amount = Money(fen: row["amount_fen"])
                csv.append([String(row["id"] as Int64), row["entry_date"], row["kind"], row["description"], row["account_code"],
                            (row["loan_id"] as String?) ?? "", amount.isNegative ? "0.00" : amount.description,
                            amount.isNegative ? (-amount).description : "0.00"])
            }
            return csv
        case .loanbook, .payments:
            throw CommandFailure(.usage, "\(kind.rawValue) is exported as xml")
        }
    }
}
