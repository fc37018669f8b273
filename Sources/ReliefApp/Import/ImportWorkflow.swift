import Foundation
import ReliefDomain
import ReliefInterchange
import ReliefLedger

/// `import`: bank files into the ledger, all or nothing, for every front end.
///
/// Each file's kind is recognised from its first bytes (loan-book XML, camt.053/054, or a CSV
/// by its header: loans, repayments, enterprises, cultivation list, bridge register, a bank's
/// statement export); every file is read and every problem collected before anything is
/// written; then all of it is recorded in one transaction, in the order the records depend
/// on each other (enterprises, cultivation, loans, repayments, advances, statements, loan
/// books). Any problem rolls the whole transaction back; a dry run rolls back a clean one.
public enum ImportWorkflow {
    /// The default byte limit of a CSV or statement file (SPEC.md capability 9).
    public static let defaultMaxInputBytes = 2 << 30

    /// What to import and how.
    public struct Request: Sendable {
        /// The files, by path; problems name them as given.
        public var files: [String]
        /// The name each file is known by to the person importing it, by path (an upload's
        /// name, not where the server saved it); problems and the import log use it. A path
        /// missing here is its own name.
        public var names: [String: String] = [:]
        /// The bank an account is bound to: only its loans (and their repayments) may be
        /// imported, a row of another bank is refused at its line, and files that are not a
        /// bank's (bridge register, statements, enterprises, cultivation, loan books) are
        /// refused. Nil: any bank (the bureau, the command line).
        public var bank: String?
        /// The account making the import (recorded on its journal entries); nil from the CLI.
        public var user: String?
        /// Check everything, write nothing.
        public var dryRun = false
        /// The text encoding of every CSV file, when detection is not to be trusted.
        public var encoding: TextEncoding?
        /// Files larger than this are refused unread.
        public var maxInputBytes = ImportWorkflow.defaultMaxInputBytes
        /// The day recorded in the import log and the default day of undated cultivation rows.
        public var today: CivilDate

        public init(files: [String], dryRun: Bool = false, encoding: TextEncoding? = nil, maxInputBytes: Int = ImportWorkflow.defaultMaxInputBytes,
                    today: CivilDate) {
            self.files = files
            self.dryRun = dryRun
            self.encoding = encoding
            self.maxInputBytes = maxInputBytes
            self.today = today
        }
    }

    /// An import refused as a whole: what was counted before the refusal, with every problem,
    /// sorted by file (in the order first met), then line, then the order found. Nothing was
    /// written.
    public struct Refusal: Error, Sendable {
        public let summary: ImportSummary
    }

    /// Where the workflow reports as it goes: notices for people (a file read as GB18030, an
    /// advance past its maximum days, skipped lines), each once, and the loans booked so far.
    public struct Listener {
        public var notice: (String) -> Void
        public var loansRead: (Int) -> Void
        public var finishedLoans: () -> Void

        public init(notice: @escaping (String) -> Void = { _ in }, loansRead: @escaping (Int) -> Void = { _ in },
                    finishedLoans: @escaping () -> Void = {}) {
            self.notice = notice
            self.loansRead = loansRead
            self.finishedLoans = finishedLoans
        }
    }

    /// Thrown inside the transaction of a dry run so that it rolls back.
    struct DryRunRollback: Error { let summary: ImportSummary }

    /// Imports `request.files` into the ledger `open` gives; returns what was imported (or, in a
    /// dry run, what would be). A file that is missing or not a regular file throws
    /// `WorkflowError.missingInput` before the ledger is opened or anything read; problems in
    /// the files throw `Refusal`.
    public static func run(_ request: Request, ledger open: () throws -> LedgerStore, listener: Listener = Listener()) throws -> ImportSummary {
        guard !request.names.isEmpty else { return try runNamingPaths(request, ledger: open, listener: listener) }
        let rename = { (summary: ImportSummary) -> ImportSummary in
            var renamed = summary
            renamed.problems = summary.problems.map { problem in
                ImportProblem(file: request.names[problem.file] ?? problem.file, line: problem.line, field: problem.field, message: problem.message)
            }
            return renamed
        }
        do {
            return rename(try runNamingPaths(request, ledger: open, listener: listener))
        } catch let refusal as Refusal {
            throw Refusal(summary: rename(refusal.summary))
        }
    }

    static func runNamingPaths(_ request: Request, ledger open: () throws -> LedgerStore, listener: Listener) throws -> ImportSummary {
        let forcedEncoding = request.encoding
        var summary = ImportSummary()
        // Every file is a regular file (each is read twice: sniffed, then parsed) within the
        // size limit, before anything else is read; a loan book is limited per record instead
        // (SPEC capability 9), so that every book relief writes imports with the defaults.
        var oversized: Set<String> = []
        for file in request.files {
            let size = try regularFileSize(file)
            if size > request.maxInputBytes && FileKind.of(file) != .loanBook {
                summary.problems.append(ImportProblem(file: file, line: 1,
                                                      message: "\(size) bytes is over the input limit of \(request.maxInputBytes) bytes; nothing was read"))
                oversized.insert(file)
            }
        }
        let ledger = try open()
        // Loan CSVs are read and booked inside the transaction, a chunk at a time.
        var loanFiles: [String] = []
        let reader = LoanImport(maxInputBytes: request.maxInputBytes)
        // Statements in the order given: camt files streamed into the ledger, banks' CSVs read whole.
        var statements: [StatementSource] = []
        var advances: [(BridgeRegisterCSV.Row, String)] = []
        var repayments: [(RepaymentCSV.Row, String)] = []
        var enterprises: [(EnterpriseCSV.Row, String)] = []
        var cultivation: [(FirstLoanEnterpriseImport.Row, String)] = []
        var loanBooks: [String] = []
        for file in request.files where !oversized.contains(file) {
            let kind = FileKind.of(file)
            if let bank = request.bank, let refusal = bankRefusal(kind, file: file, encoding: forcedEncoding, bank: bank) {
                summary.problems.append(ImportProblem(file: file, line: 1, message: refusal))
                continue
            }
            switch kind {
            case .camt:
                statements.append(.camt(file))
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
                    let (rows, fileSummary) = FirstLoanEnterpriseImport(defaultDate: request.today).read(file, encoding: forcedEncoding)
                    summary.add(fileSummary)
                    cultivation += rows.map { ($0, file) }
                case .enterprises:
                    let (rows, fileSummary) = reader.readEnterprises(file, encoding: forcedEncoding)
                    summary.add(fileSummary)
                    enterprises += rows.map { ($0, file) }
                case .bankStatement:
                    do { statements.append(.read(try StatementImport.load(file, maximumBytes: request.maxInputBytes, encoding: forcedEncoding))) } catch let failure as ImportFailure {
                        summary.problems += failure.problems
                    }
                case .exportOnly(let kind):
                    summary.problems.append(ImportProblem(file: file, line: 1, message: "an export of the ledger's \(kind): a report, not something to import (the ledger makes it from the loans, events and repayments it holds)"))
                case .loans, .unknown:
                    loanFiles.append(file)
                }
            }
        }
        for notice in summary.notices { listener.notice(notice) }
        // Notices met while recording are reported once it is done (or refused).
        let noticesShown = summary.notices.count
        // With problems in the files already, what could be read is still recorded (and rolled
        // back) so that the refusal lists every problem at once, not only the first kind met.
        let readProblems = summary.problems
        var recordingNotices: [String] = []
        do {
            summary = try ledger.writeJournal(as: request.user) { journal -> ImportSummary in
                var result = summary
                // The log names the files, not where they lay on this machine (a web user sees it).
                let names = request.files.map { request.names[$0] ?? URL(fileURLWithPath: $0).lastPathComponent }
                let batch = try ImportLog.open(source: names.joined(separator: ", "), on: request.today, journal.transaction)
                // Enterprises first (a loan file may name them too), repayments after the loans.
                if !enterprises.isEmpty { result.add(try RepaymentImport.record(enterprises, journal: &journal)) }
                for (row, file) in cultivation {
                    do {
                        switch try CultivationLedger.register(row.registration, journal.transaction) {
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
                        var chunk = chunk
                        if let bank = request.bank {
                            // Another bank's rows are refused where they are (SPEC.md's scope).
                            for row in chunk where row.loan.bank != bank {
                                result.problems.append(ImportProblem(file: file, line: row.line, field: "bank",
                                                                     message: "loan \(row.loan.id) is of \(row.loan.bank); this account imports only \(bank)'s loans"))
                            }
                            chunk.removeAll { $0.loan.bank != bank }
                            // An id another bank has booked: refused without a word of that loan
                            // (the ledger's "booked with other terms" would describe it).
                            var foreign: Set<String> = []
                            for row in chunk {
                                if let booked = try LoanLedger.fetchRecord(row.loan.id, journal.transaction), booked.bank != bank {
                                    foreign.insert(row.loan.id.rawValue)
                                    result.problems.append(ImportProblem(file: file, line: row.line, field: "loan_id",
                                                                         message: "loan id \(row.loan.id) is not available to \(bank): choose another"))
                                }
                            }
                            if !foreign.isEmpty { chunk.removeAll { foreign.contains($0.loan.id.rawValue) } }
                        }
                        let standard = chunk.filter { $0.rounding == LoanLedger.standardRounding }
                        let booked = try LoanLedger.addAll(standard.map(\.loan), journal: &journal, batch: batch) { index, error in
                            result.problems.append(ImportProblem(file: file, line: standard[index].line, message: "loan \(standard[index].loan.id): \(error)"))
                        }
                        result.imported += booked.added
                        result.duplicates += booked.duplicates
                        for row in chunk where row.rounding != LoanLedger.standardRounding {
                            do {
                                switch try LoanLedger.add(row.loan, rounding: row.rounding, journal: &journal, batch: batch) {
                                case .added: result.imported += 1
                                case .duplicate: result.duplicates += 1
                                }
                            } catch let error as LedgerError {
                                result.problems.append(ImportProblem(file: file, line: row.line, message: "loan \(row.loan.id): \(error)"))
                            }
                        }
                        loansRead += chunk.count
                        listener.loansRead(loansRead)
                    }
                    result.add(fileSummary)
                }
                listener.finishedLoans()
                if !repayments.isEmpty { result.add(try RepaymentImport.record(repayments, bank: request.bank, journal: &journal)) }
                if !advances.isEmpty { result.add(try BridgeRegisterImport.record(advances, journal: &journal)) }
                for statement in statements {
                    switch statement {
                    case .camt(let file):
                        do { result.add(try StatementImport.storeStreaming(file, maximumBytes: request.maxInputBytes, journal.transaction)) } catch let failure as ImportFailure {
                            result.problems += failure.problems
                        }
                    case .read(let loaded):
                        result.add(StatementImport.summary(try StatementImport.store(loaded, journal.transaction), loaded))
                    }
                }
                for book in loanBooks {
                    result.add(try LoanBookTransfer.record(path: book, journal: &journal))
                }
                recordingNotices = Array(result.notices.dropFirst(noticesShown))
                guard result.problems.isEmpty else { throw ImportFailure(problems: result.problems) }
                try ImportLog.close(batch, records: result.imported, duplicates: result.duplicates, journal.transaction)
                if request.dryRun { throw DryRunRollback(summary: result) }
                return result
            }
        } catch let rollback as DryRunRollback {
            summary = rollback.summary
        } catch let failure as ImportFailure {
            for notice in recordingNotices { listener.notice(notice) }
            var failed = summary
            failed.problems = failure.problems
            throw refusal(failed)
        } catch let error as LedgerError where !readProblems.isEmpty && error.kind == .refused {
            // Recording what was read failed as a whole on a rule (a register without the
            // fund's capital, say): the files' own problems are what to fix first. A busy,
            // read-only or failing ledger is said as itself.
            throw refusal(summary)
        }
        for notice in summary.notices.dropFirst(noticesShown) { listener.notice(notice) }
        return summary
    }

    /// A statement to store: a camt file, read while it is stored, or a bank's CSV already read.
    enum StatementSource {
        case camt(String)
        case read(StatementImport.Loaded)
    }

    /// Why a bank account may not import a file of `kind`, or nil when it may: its own loans
    /// and their repayments only (the fund's register, statements, enterprises, cultivation
    /// and whole loan books are the bureau's).
    static func bankRefusal(_ kind: FileKind, file: String, encoding: TextEncoding?, bank: String) -> String? {
        let what: String
        switch kind {
        case .camt: what = "a bank statement"
        case .loanBook: what = "a loan book"
        case .otherXML: return nil
        case .notXML:
            switch LoanImport.csvKind(file, encoding: encoding) {
            case .loans, .unknown, .repayments, .exportOnly: return nil
            case .bridgeRegister: what = "a bridge fund register"
            case .cultivation: what = "a first-loan cultivation list"
            case .enterprises: what = "an enterprise register"
            case .bankStatement: what = "a bank statement"
            }
        }
        return "\(what): an account of \(bank) imports its loans and their repayments; the bureau imports the rest (reconcile a statement instead)"
    }

    /// The refusal of `unsorted`, its problems by file (in the order first met), then line,
    /// then the order found: a chunk's booking problems are found before the reading problems
    /// of the rest of its file.
    static func refusal(_ unsorted: ImportSummary) -> Refusal {
        var summary = unsorted
        var fileOrder: [String: Int] = [:]
        for problem in summary.problems where fileOrder[problem.file] == nil { fileOrder[problem.file] = fileOrder.count }
        summary.problems = summary.problems.enumerated().sorted { lhs, rhs in
            (fileOrder[lhs.element.file] ?? 0, lhs.element.line, lhs.offset) < (fileOrder[rhs.element.file] ?? 0, rhs.element.line, rhs.offset)
        }.map(\.element)
        summary.problems = ProblemList.capped(summary.problems)
        return Refusal(summary: summary)
    }

    /// The size of the regular file at `path`; a missing file, a folder, a pipe or a device is
    /// `WorkflowError.missingInput` saying what it is.
    static func regularFileSize(_ path: String) throws -> Int {
        // Of what a symbolic link points to (attributes describe the link itself).
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: target) else {
            throw WorkflowError.missingInput(FileManager.default.fileExists(atPath: path) ? "\(path): cannot be read" : "\(path): no such file")
        }
        switch attributes[.type] as? FileAttributeType {
        case .typeRegular?, nil:
            return (attributes[.size] as? NSNumber)?.intValue ?? 0
        case .typeDirectory?:
            throw WorkflowError.missingInput("\(path): a folder, not a file: name the files to import")
        default:
            throw WorkflowError.missingInput("\(path): not a regular file (a pipe or a device); import reads a file twice, so save it to a file first")
        }
    }

    /// What kind of file an import argument is, from its first bytes.
    enum FileKind {
        case camt, loanBook, otherXML, notXML

        static func of(_ path: String) -> FileKind {
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
}
