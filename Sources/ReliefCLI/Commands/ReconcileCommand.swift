import ArgumentParser
import ReliefApp
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

/// `relief reconcile STATEMENT`: stores a bank statement's entries and matches them to the
/// ledger's bridge advances, repayments (with fees), capital movements and loan repayments.
struct ReconcileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Match a bank statement (ISO 20022 camt.053/054, or a bank's CSV export) to the ledger's events.",
        discussion: """
            Matches by end-to-end reference first (EndToEndId or InstrId = the advance id or \
            the loan id), then by exact amount, direction and booking date within 3 days, \
            preferring the event whose counterparty agrees. Reports matched entries, amount \
            mismatches, entries and ledger events left unmatched, and entries in a currency \
            other than CNY (not reconcilable, never dropped). The statement's entries are \
            stored with their references; running it again stores and matches nothing twice.

            A batch entry whose transaction details carry no amounts moved its amount once: \
            details naming events of their own are matched to them (the entry's amount against \
            their sum), else the first detail stands for the entry; the rest are listed as \
            batch-detail. A Chinese bank's CSV export (交易明细: GBK, UTF-16 or UTF-8, a title \
            before the header, 收入金额/支出金额 or a signed 交易金额, YYYYMMDD dates) is read \
            as a statement; its rows are known by their 流水号 or else their 余额, so an \
            overlapping export stores each movement once.

            Examples:
              relief reconcile statement.xml --format json
              relief reconcile 交易明细.csv
            """
    )

    @Argument(help: ArgumentHelp("The statement file: camt.053 or camt.054 XML, or a bank's CSV export.", valueName: "statement"))
    var statement: String
    @Option(help: ArgumentHelp("A bank CSV export's encoding when detection is wrong: utf-8, gb18030 (gbk) or utf-16.", valueName: "name"))
    var encoding: String?
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOption

    func run() throws {
        let forced: TextEncoding?
        do { forced = try encoding.map { try TextEncoding(parsing: $0) } } catch { throw CommandFailure(.usage, "\(error)") }
        let result = try ReconcileWorkflow.run(path: statement, encoding: forced, ledger: database.open,
                                               notice: { StandardStreams.writeError("relief: notice: \($0)\n") })
        let rendering = ReconcileReport(file: result.file, statement: result.statement, stored: result.stored, report: result.report)
        switch output.format {
        case .json: StandardStreams.writeOut(rendering.json().rendered())
        case .csv: StandardStreams.writeOut(rendering.csv())
        case .table: StandardStreams.writeOut(rendering.table())
        }
    }
}
