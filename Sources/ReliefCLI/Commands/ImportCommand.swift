import ArgumentParser
import Foundation
import GRDB
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger

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
    @Option(name: .customLong("max-input-bytes"), help: ArgumentHelp("Refuse files larger than this (default 2 GiB).", valueName: "n"),
            transform: ValueParsers.count)
    var maxInputBytes: Int = 2 << 30
    @Flag(help: "No progress or notices on stderr.") var quiet = false
    @OptionGroup var output: FormatOption

    /// Thrown inside the transaction of a dry run so that it rolls back.
    struct DryRunRollback: Error { let summary: ImportSummary }

    func run() throws {
        let forcedEncoding: TextEncoding?
        do { forcedEncoding = try encoding.map { try TextEncoding(parsing: $0) } } catch { throw CommandFailure(.usage, "\(error)") }
        var summary = ImportSummary()
        // Every file is a regular file (each is read twice: sniffed, then parsed) within the
        // size limit, before anything else is read.
        var oversized: Set<String> = []
        for file in files {
            let size = try Self.regularFileSize(file)
            if size > maxInputBytes {
                summary.problems.append(ImportProblem(file: file, line: 1,
                                                      message: "\(size) bytes is over the input limit of \(maxInputBytes) bytes (--max-input-bytes); nothing was read"))
                oversized.insert(file)
            }
        }
        let store = try database.open()
        // Loan CSVs are read and booked inside the transaction, a chunk at a time.
        var loanFiles: [String] = []
        let reader = LoanImport(maxInputBytes: maxInputBytes)
        var statements: [StatementImport.Loaded] = []
        var advances: [(BridgeRegisterCSV.Row, String)] = []
        var repayments: [(RepaymentCSV.Row, String)] = []
        var enterprises: [(EnterpriseCSV.Row, String)] = []
        var cultivation: [(FirstLoanEnterpriseImport.Row, String)] = []
        var loanBooks: [String] = []
        for file in files where !oversized.contains(file) {
            switch XMLKind.of(file) {
            case .camt:
                do { statements.append(try StatementImport.load(file, maximumBytes: maxInputBytes)) } catch let failure as ImportFailure {
                    summary.problems += failure.problems
                }
            case .loanBook:
                loanBooks.append(file)
            case .otherXML:
                summary.problems.append(ImportProblem(file: file, line: 1, message: "an XML file that is neither a loan book (urn:creditrelief:loanbook:1) nor an ISO 20022 camt.053/054 statement"))
            case .notXML:
                switch LoanImport.csvKind(file, encoding: forcedEncoding) {
                case .bridgeRegister:
                    let (rows, fileSummary) = reader.readBridgeRegister(file, encoding: forcedEncoding)
                    summary.add(fileSummary)
                    advances += rows.map { ($0, file) }
                case .repayments:
                    let (rows, fileSummary) = reader.readRepayments(file, encoding: forcedEncoding)
                    summary.add(fileSummary)
                    repayments += rows.map { ($0, file) }
                case .cultivation:
                    let (rows, fileSummary) = FirstLoanEnterpriseImport(defaultDate: try Today.resolve()).read(file, encoding: forcedEncoding)
                    summary.add(fileSummary)
                    cultivation += rows.map { ($0, file) }
                case .enterprises:
                    let (rows, fileSummary) = reader.readEnterprises(file, encoding: forcedEncoding)
                    summary.add(fileSummary)
                    enterprises += rows.map { ($0, file) }
                case .bankStatement:
                    do { statements.append(try StatementImport.load(file, maximumBytes: maxInputBytes, encoding: forcedEncoding)) } catch let failure as ImportFailure {
                        summary.problems += failure.problems
                    }
                case .exportOnly(let kind):
                    summary.problems.append(ImportProblem(file: file, line: 1, message: "a `relief export \(kind)` file: a report, not something to import (the ledger makes it from the loans, events and repayments it holds)"))
                case .loans, .unknown:
                    loanFiles.append(file)
                }
            }
        }
        if !quiet { for notice in summary.notices { StandardStreams.writeError("relief: \(notice)\n") } }
        // Notices met while recording (a loan file read as GB18030, an advance past its
        // maximum days, a statement's skipped lines) are printed once it is done.
        let noticesShown = summary.notices.count
        guard summary.problems.isEmpty else { throw refusal(summary) }
        let today = try Today.resolve()
        var progress = Progress("importing", quiet: quiet)
        // What recording said, kept for a refusal too (a file read as GB18030 explains its names).
        var recordingNotices: [String] = []
        do {
            summary = try store.writeJournal { journal -> ImportSummary in
                var result = summary
                let batch = try ImportLog.open(source: files.joined(separator: ", "), on: today, journal.db)
                // Enterprises first (a loan file may name them too), repayments after the loans.
                if !enterprises.isEmpty { result.add(try RepaymentImport.record(enterprises, journal: &journal)) }
                for (row, file) in cultivation {
                    do {
                        switch try FirstLoanBook.register(row.registration, journal.db) {
                        case .registered: result.imported += 1
                        case .duplicate: result.duplicates += 1
                        }
                    } catch let error as LedgerError {
                        result.problems.append(ImportProblem(file: file, line: row.line, message: error.description))
                    }
                }
                var loansRead = 0
                for file in loanFiles {
                    let fileSummary = try reader.stream(file, encoding: forcedEncoding, chunkSize: LoanImport.chunkSize) { chunk in
                        // Loans on the standard rounding in bulk; the few booked half-even one by one.
                        let standard = chunk.filter { $0.rounding == LoanBook.standardRounding }
                        let booked = try LoanBook.addAll(standard.map(\.loan), journal: &journal, batch: batch) { index, error in
                            result.problems.append(ImportProblem(file: file, line: standard[index].line, message: "loan \(standard[index].loan.id): \(error)"))
                        }
                        result.imported += booked.added
                        result.duplicates += booked.duplicates
                        for row in chunk where row.rounding != LoanBook.standardRounding {
                            do {
                                switch try LoanBook.add(row.loan, rounding: row.rounding, journal: &journal, batch: batch) {
                                case .added: result.imported += 1
                                case .duplicate: result.duplicates += 1
                                }
                            } catch let error as LedgerError {
                                result.problems.append(ImportProblem(file: file, line: row.line, message: "loan \(row.loan.id): \(error)"))
                            }
                        }
                        loansRead += chunk.count
                        progress.update(loansRead)
                    }
                    result.add(fileSummary)
                }
                progress.finish()
                if !repayments.isEmpty { result.add(try RepaymentImport.record(repayments, journal: &journal)) }
                if !advances.isEmpty { result.add(try BridgeRegisterImport.record(advances, journal: &journal)) }
                for statement in statements {
                    result.add(StatementImport.summary(try StatementImport.store(statement, journal.db), statement))
                }
                for book in loanBooks {
                    result.add(try LoanBookTransfer.record(path: book, journal: &journal))
                }
                recordingNotices = Array(result.notices.dropFirst(noticesShown))
                guard result.problems.isEmpty else { throw ImportFailure(problems: result.problems) }
                try ImportLog.close(batch, records: result.imported, duplicates: result.duplicates, journal.db)
                if dryRun { throw DryRunRollback(summary: result) }
                return result
            }
        } catch let rollback as DryRunRollback {
            summary = rollback.summary
        } catch let failure as ImportFailure {
            if !quiet { for notice in recordingNotices { StandardStreams.writeError("relief: \(notice)\n") } }
            var failed = summary
            failed.problems = failure.problems
            throw refusal(failed)
        }
        if !quiet { for notice in summary.notices.dropFirst(noticesShown) { StandardStreams.writeError("relief: \(notice)\n") } }
        switch output.format {
        case .json: StandardStreams.writeOut(json(summary).rendered())
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
    func refusal(_ unsorted: ImportSummary) -> CommandFailure {
        // By file (in the order first met), then line, then the order found: a chunk's booking
        // problems are found before the reading problems of the rest of its file.
        var summary = unsorted
        var fileOrder: [String: Int] = [:]
        for problem in summary.problems where fileOrder[problem.file] == nil { fileOrder[problem.file] = fileOrder.count }
        summary.problems = summary.problems.enumerated().sorted { lhs, rhs in
            (fileOrder[lhs.element.file] ?? 0, lhs.element.line, lhs.offset) < (fileOrder[rhs.element.file] ?? 0, rhs.element.line, rhs.offset)
        }.map(\.element)
        if output.format == .json { StandardStreams.writeOut(json(summary).rendered()) }
        for problem in summary.problems.dropLast() { StandardStreams.writeError("relief: error: \(problem)\n") }
        let count = summary.problems.count
        let last = summary.problems.last.map(\.description) ?? ""
        return CommandFailure(.dataError, "\(last)\nrelief: error: \(count) problem\(count == 1 ? "" : "s"), nothing imported")
    }

    /// The size of the regular file at `path`; a missing file, a folder, a pipe or a device
    /// exits 66 with what it is.
    static func regularFileSize(_ path: String) throws -> Int {
        // Of what a symbolic link points to (attributes describe the link itself).
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: target) else {
            throw CommandFailure(.noInput, FileManager.default.fileExists(atPath: path) ? "\(path): cannot be read" : "\(path): no such file")
        }
        switch attributes[.type] as? FileAttributeType {
        case .typeRegular?, nil:
            return (attributes[.size] as? NSNumber)?.intValue ?? 0
        case .typeDirectory?:
            throw CommandFailure(.noInput, "\(path): a folder, not a file: name the files to import")
        default:
            throw CommandFailure(.noInput, "\(path): not a regular file (a pipe or a device); import reads a file twice, so save it to a file first")
        }
    }

    /// What kind of file an import argument is, from its first bytes.
    enum XMLKind {
        case camt, loanBook, otherXML, notXML

        static func of(_ path: String) -> XMLKind {
            guard let stream = fopen(path, "rb") else { return .notXML }
            defer { fclose(stream) }
            var head = [UInt8](repeating: 0, count: StatementImport.sniffBytes)
            head.removeSubrange(head.withUnsafeMutableBufferPointer { fread($0.baseAddress, 1, $0.count, stream) }...)
            // An XML file in UTF-16 (libxml2 reads it as such): looked at as text.
            if TextEncoding.detect(head) == .utf16, let text = TextEncoding.utf16.decode(Array(head.prefix(head.count & ~1))) {
                head = Array(text.utf8)
            }
            guard head.first(where: { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }) == UInt8(ascii: "<") else { return .notXML }
            if StatementImport.isCamt(head) { return .camt }
            if LoanBookTransfer.isLoanBook(head) { return .loanBook }
            return .otherXML
        }
    }

    func json(_ summary: ImportSummary) -> JSONValue {
        .object([
            ("imported", .integer(summary.imported)), ("duplicates", .integer(summary.duplicates)), ("skipped", .integer(summary.skipped)),
            ("problems", .array(summary.problems.map { problem in
                .object([("file", .string(problem.file)), ("line", .integer(problem.line)), ("field", problem.field.map { .string($0) } ?? .null),
                         ("message", .string(problem.message))])
            })),
        ])
    }
}
