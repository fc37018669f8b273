import ReliefDomain

/// Loan repayments as CSV (import and export): one row per installment repaid in full.
/// English headers or the Chinese ones a bank's core system prints, in any order, after any
/// preamble. `principal`, `interest` and `amount` are written on export for people; on
/// import they are optional, and an `amount` given must equal what the ledger collects.
public enum RepaymentCSV {
    /// One repayment of the file, with where it came from.
    public struct Row: Sendable, Hashable {
        public let loan: LoanID
        public let period: Int
        public let date: CivilDate
        public let amount: Money?
        public let line: Int
    }

    /// Installments per loan at most (600 months, and a deferral adds none): a larger
    /// period is a typing error.
    public static let periodMax = 600

    public static let columns = CSVColumns([
        .init("loan_id", ["loan_id", "贷款编号", "借据号"], required: true),
        .init("period", ["period", "期数", "还款期数", "期次"], required: true),
        .init("date", ["date", "还款日期", "实际还款日期", "repaid_on"], required: true, generic: ["还款日期"]),
        .init("principal", ["principal", "还款本金", "本金"], required: false, generic: ["本金"]),
        .init("interest", ["interest", "还款利息", "利息"], required: false, generic: ["利息"]),
        .init("amount", ["amount", "还款金额", "实还金额"], required: false, generic: ["还款金额"]),
    ])

    public static var header: [String] { columns.names }

    public static func recognizes(_ records: [CSVReader.Record]) -> Bool { columns.header(in: records) != nil }

    /// The repayments of a file, or every problem in it.
    public static func rows(_ records: [CSVReader.Record], file: String) -> (rows: [Row], skipped: Int, problems: [ImportProblem]) {
        let header: CSVColumns.Header
        switch columns.header(in: records, kind: "repayment", file: file) {
        case .success(let found): header = found
        case .failure(let failure): return ([], 0, failure.problems)
        }
        var rows: [Row] = []
        var problems = ProblemList()
        var skipped = header.index
        for record in records[(header.index + 1)...] where !problems.isFull {
            if CSVColumns.isBlank(record) { skipped += 1; continue }
            var rowProblems: [ImportProblem] = []
            func parsed<T>(_ name: String, required: Bool, _ parse: (String) throws(ParseError) -> T) -> T? {
                guard let text = header.value(name, in: record) else {
                    if required { rowProblems.append(ImportProblem(file: file, line: record.line, field: name, message: "is empty")) }
                    return nil
                }
                do { return try parse(text) } catch {
                    rowProblems.append(ImportProblem(file: file, line: record.line, field: name, message: error.description))
                    return nil
                }
            }
            let loan = parsed("loan_id", required: true) { (s: String) throws(ParseError) in try LoanID(validating: s) }
            let period = parsed("period", required: true) { (s: String) throws(ParseError) -> Int in
                guard s.count <= 4, let value = Int(s), (1...periodMax).contains(value) else {
                    throw ParseError(input: s, kind: "period", reason: "expected an installment number from 1 to \(periodMax)")
                }
                return value
            }
            let date = parsed("date", required: true) { (s: String) throws(ParseError) in try CivilDate(parsing: s) }
            let amount = parsed("amount", required: false) { (s: String) throws(ParseError) in try Money(parsing: s) }
            guard rowProblems.isEmpty, let loan, let period, let date else {
                problems += rowProblems
                continue
            }
            rows.append(Row(loan: loan, period: period, date: date, amount: amount, line: record.line))
        }
        return (rows, skipped, problems.closed())
    }
}
