import ArgumentParser
import Foundation
import ReliefApp
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
            _ = try LoanBookExportCommand.export(database: database, out: out)
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
        guard let table = ExportWorkflow.Table(rawValue: kind.rawValue) else {
            throw CommandFailure(.software, "\(kind.rawValue) is not a CSV export")
        }
        let csv = try ExportWorkflow.csv(table, ledger: store)
        let text = (bom ? "\u{FEFF}" : "") + csv.text
        if let file {
            try file.write(Data(text.utf8))
        } else {
            StandardStreams.writeOut(text)
        }
    }
}
