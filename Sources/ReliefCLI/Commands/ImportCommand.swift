import ArgumentParser
import Foundation
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

/// `relief import FILE...`: bank files into the ledger, all or nothing.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import loan, repayment, enterprise and bridge CSVs, loan-book XML and bank statements, all or nothing.",
        discussion: """
            The kind of each CSV file is recognised from its header, in any column order, \
            after any preamble (titles, export dates), with English or Chinese names:
              loans        loan_id 贷款编号/借据号, borrower 借款人, credit_code 统一社会信用代码, \
            size 企业规模, county 县区, bank 贷款银行, principal 贷款金额, rate 年利率, start \
            起始日/放款日, months 期限月数, method 还款方式, optional day_count 计息基础, settlement \
            结息方式, credit_line 授信额度, applied 申请日, rounding 舍入方式 (half-up, the default, or \
            half-even: the schedule is booked so)
              repayments   loan_id 贷款编号/借据号, period 期数/还款期数, date 还款日期/实际还款日期, \
            optional amount 还款金额 (checked against what the ledger collects; principal 还款本金 \
            and interest 还款利息 are read by people only). Each row repays one installment in \
            full, in file order, after the loans of the same import.
              enterprises  credit_code 统一社会信用代码/信用代码 (check character verified), name \
            企业名称/名称, size 企业规模 (micro small medium large or 微型 小型 中型 大型; blank = \
            unknown), county 县区
              cultivation  the enterprise columns with identified_on 识别日期 and/or has_loan_record \
            有无贷款记录 (optional industry 行业): firms identified for first-loan cultivation, \
            registered as `relief firstloan enterprise import` does (a blank date is today)
              bridge       advance_id 转贷编号/业务编号, credit_code 统一社会信用代码, bank 续贷银行/银行, \
            amount 转贷金额, advance_date 转贷日期/放款日期, optional enterprise 企业名称/借款人, county \
            县区, repaid_on 归还日期/还款日期, loan_id 原贷款编号, account 收款账号, daily_rate 日费率, \
            commitment 续贷承诺金额, and days 占用天数 and fee 转贷费用 of a repaid advance (checked \
            against the fund's terms). The fund needs its capital first (`relief bridge fund`).
              statements   banks' own exports (交易明细): a date column (交易日期/记账日期) and \
            交易金额, or 收入金额 and 支出金额; a row is known by its 流水号 or else its 余额, so an \
            overlapping export stores nothing twice. `relief reconcile` matches them.
            A header with two names for one column reads the specific one (实际还款日期 over 还款日期); \
            two names with nothing to choose between them are refused.
            UTF-8 with or without BOM, GB18030/GBK and UTF-16 (with or without its BOM) are detected \
            (or give --encoding). \
            Every problem of every file is listed with file, line and field; then nothing is \
            written (exit 65; a file or the ledger missing: 66; a bad option: 64). Importing the \
            same file twice changes nothing and reports the duplicates; `relief export \
            loans|repayments|enterprises|bridge|loanbook` write files this command reads (the \
            journal and schedule exports are reports, refused here).

            XML files are recognised by their namespace: the loan book \
            (urn:creditrelief:loanbook:1, validated against its XSD, Samples/loanbook.xsd; \
            `relief export loanbook` writes the whole ledger, and importing it into a fresh \
            ledger replays every event and checks the schedules it lists) and ISO 20022 \
            camt.053/camt.054 statements (stored for `relief reconcile`).

            Examples:
              relief import loans.csv --db relief.sqlite --format json
              relief import loans.csv repayments.csv          (loans first, then their repayments)
              relief init --db copy.sqlite && relief import book.xml --db copy.sqlite
            """
    )

    @Argument(help: "The files to import.") var files: [String]
    @OptionGroup var database: DatabaseOptions
    @Flag(name: .customLong("dry-run"), help: "Check everything, write nothing.") var dryRun = false
    @Option(help: ArgumentHelp("utf-8, gb18030 or utf-16 (default: detected).", valueName: "encoding")) var encoding: String?
    @Option(name: .customLong("max-input-bytes"), help: ArgumentHelp("Refuse CSV and statement files larger than this (default 2 GiB; any size up to 2^63-1). A loan book is limited per record, not by its size.", valueName: "n"),
            transform: ValueParsers.byteCount)
    var maxInputBytes: Int = 2 << 30
    @Flag(help: "No progress or notices on stderr.") var quiet = false
    @OptionGroup var output: FormatOption

    func run() throws {
        let forcedEncoding: TextEncoding?
        do { forcedEncoding = try encoding.map { try TextEncoding(parsing: $0) } } catch { throw CommandFailure(.usage, "\(error)") }
        let request = ImportWorkflow.Request(files: files, dryRun: dryRun, encoding: forcedEncoding, maxInputBytes: maxInputBytes,
                                             today: try Today.resolve())
        var progress = Progress("importing", quiet: quiet)
        let listener = ImportWorkflow.Listener(
            notice: { notice in if !quiet { StandardStreams.writeError("relief: \(notice)\n") } },
            loansRead: { progress.update($0) },
            finishedLoans: { progress.finish() })
        let summary: ImportSummary
        do {
            summary = try ImportWorkflow.run(request, ledger: database.open, listener: listener)
        } catch let refusal as ImportWorkflow.Refusal {
            throw self.refusal(refusal.summary)
        }
        switch output.format {
        case .json: StandardStreams.writeOut(ImportReport(summary: summary).json().rendered())
        case .csv:
            var csv = CSVText(header: ["imported", "duplicates", "skipped"])
            csv.append([String(summary.imported), String(summary.duplicates), String(summary.skipped)])
            StandardStreams.writeOut(csv.text)
        case .table:
            let verb = dryRun ? "Would import" : "Imported"
            StandardStreams.writeOut("\(verb) \(summary.imported) record\(summary.imported == 1 ? "" : "s"); \(summary.duplicates) duplicate\(summary.duplicates == 1 ? "" : "s") (already in the ledger, unchanged); \(summary.skipped) line\(summary.skipped == 1 ? "" : "s") skipped\(dryRun ? "; nothing written (dry run)" : "")\n")
        }
    }

    /// Lists every problem on stderr as `relief: error: file:line: field: what` (and in the
    /// JSON summary when asked), then fails with exit 65: nothing was written.
    func refusal(_ summary: ImportSummary) -> CommandFailure {
        if output.format == .json { StandardStreams.writeOut(ImportReport(summary: summary).json().rendered()) }
        for problem in summary.problems.dropLast() { StandardStreams.writeError("relief: error: \(problem)\n") }
        if summary.problems.contains(where: { $0.message.contains("over the input limit") }) {
            StandardStreams.writeError("relief: a larger file is read with --max-input-bytes N\n")
        }
        let count = summary.problems.count
        let last = summary.problems.last.map(\.description) ?? ""
        return CommandFailure(.dataError, "\(last)\nrelief: error: \(count) problem\(count == 1 ? "" : "s"), nothing imported")
    }
}
