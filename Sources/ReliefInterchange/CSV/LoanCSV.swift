import ReliefDomain

/// The loan CSV of SPEC.md: English headers, or the Chinese aliases banks print, in any
/// order; a preamble (titles, export dates) before the header row is skipped. One optional
/// column beyond SPEC.md, `settlement` (结息方式: due-dates or quarterly), keeps an
/// interest-only loan's quarterly settlement through a CSV round trip.
public enum LoanCSV {
    /// Canonical column names and the aliases each accepts (English first).
    public static let columns = CSVColumns([
        .init("loan_id", ["loan_id", "贷款编号", "借据号"], required: true),
        .init("borrower", ["borrower", "借款人"], required: true),
        .init("credit_code", ["credit_code", "统一社会信用代码"], required: true),
        .init("size", ["size", "企业规模"], required: true),
        .init("county", ["county", "县区"], required: true),
        .init("bank", ["bank", "贷款银行"], required: true),
        .init("principal", ["principal", "贷款金额"], required: true),
        .init("rate", ["rate", "年利率"], required: true),
        .init("start", ["start", "起始日", "放款日"], required: true),
        .init("months", ["months", "期限月数"], required: true),
        .init("method", ["method", "还款方式"], required: true),
        .init("day_count", ["day_count", "计息基础"], required: false),
        .init("settlement", ["settlement", "结息方式"], required: false),
        .init("credit_line", ["credit_line", "授信额度"], required: false),
        .init("applied", ["applied", "申请日"], required: false),
    ])

    /// Whether `records` hold a loan header within their first lines.
    public static func recognizes(_ records: [CSVReader.Record]) -> Bool { columns.header(in: records) != nil }

    /// The loans of a file, or every problem in it (file, line, field, what was expected).
    public static func loans(_ records: [CSVReader.Record], file: String) -> (loans: [LoanRecord], skipped: Int, problems: [ImportProblem]) {
        let (rows, skipped, problems) = rows(records, file: file)
        return (rows.map(\.loan), skipped, problems)
    }

    /// As `loans`, each loan with the line it came from (for problems found later, when writing).
    public static func rows(_ records: [CSVReader.Record], file: String) -> (rows: [(loan: LoanRecord, line: Int)], skipped: Int, problems: [ImportProblem]) {
        guard let header = columns.header(in: records) else {
            return ([], 0, [ImportProblem(file: file, line: 1, message: "no loan header found; expected columns \(columns.requiredDescription)")])
        }
        var loans: [(loan: LoanRecord, line: Int)] = []
        var problems: [ImportProblem] = []
        var skipped = header.index  // preamble lines
        var seen: [String: Int] = [:]
        for record in records[(header.index + 1)...] {
            if CSVColumns.isBlank(record) { skipped += 1; continue }
            var rowProblems: [ImportProblem] = []
            func value(_ name: String) -> String? { header.value(name, in: record) }
            func required(_ name: String) -> String? {
                guard let text = value(name) else {
                    rowProblems.append(ImportProblem(file: file, line: record.line, field: name, message: "is empty"))
                    return nil
                }
                return text
            }
            func parsed<T>(_ name: String, optional: Bool = false, _ parse: (String) throws(ParseError) -> T) -> T? {
                guard let text = optional ? value(name) : required(name) else { return nil }
                do { return try parse(text) } catch {
                    rowProblems.append(ImportProblem(file: file, line: record.line, field: name, message: error.description))
                    return nil
                }
            }
            let id = parsed("loan_id") { (s: String) throws(ParseError) in try LoanID(validating: s) }
            let borrower = required("borrower")
            var code: CreditCode?
            if let text = required("credit_code") {
                do { code = try CreditCode(validating: text) } catch {
                    rowProblems.append(ImportProblem(file: file, line: record.line, field: "credit_code", message: "'\(text)': \(error)"))
                }
            }
            let size = parsed("size") { (s: String) throws(ParseError) in try EnterpriseSize(parsing: s) }
            let county = required("county")
            let bank = required("bank")
            let principal = parsed("principal") { (s: String) throws(ParseError) in try Money(parsing: s) }
            let rate = parsed("rate") { (s: String) throws(ParseError) in try Rate(parsing: s) }
            let start = parsed("start") { (s: String) throws(ParseError) in try CivilDate(parsing: s) }
            let months = parsed("months") { (s: String) throws(ParseError) -> Int in
                guard s.count <= 4, let value = Int(s) else { throw ParseError(input: s, kind: "term in months", reason: "expected a whole number") }
                return value
            }
            let method = parsed("method") { (s: String) throws(ParseError) in try RepaymentMethod(parsing: s) }
            let dayCount = parsed("day_count", optional: true) { (s: String) throws(ParseError) in try DayCount(parsing: s) }
            let settlement = parsed("settlement", optional: true) { (s: String) throws(ParseError) in try Settlement(parsing: s) }
            let creditLine = parsed("credit_line", optional: true) { (s: String) throws(ParseError) in try Money(parsing: s) }
            let applied = parsed("applied", optional: true) { (s: String) throws(ParseError) in try CivilDate(parsing: s) }
            if let id, let previous = seen[id.rawValue] {
                rowProblems.append(ImportProblem(file: file, line: record.line, field: "loan_id", message: "'\(id)' is already on line \(previous)"))
            }
            // The terms' limits are checked whenever the terms parse, so that one row reports
            // all its problems at once.
            var terms: LoanTerms?
            if let principal, let rate, let start, let months, let method {
                do {
                    terms = try LoanTerms(principal: principal, annualRate: rate, start: start, termMonths: months, method: method,
                                          dayCount: dayCount, settlement: settlement ?? .dueDates)
                } catch {
                    rowProblems.append(ImportProblem(file: file, line: record.line, message: error.message))
                }
            }
            guard rowProblems.isEmpty, let id, let borrower, let code, let size, let county, let bank, let terms else {
                problems += rowProblems
                continue
            }
            seen[id.rawValue] = record.line
            loans.append((LoanRecord(id: id, enterprise: EnterpriseRecord(code: code, name: borrower, size: size, county: county),
                                     bank: bank, terms: terms, creditLine: creditLine, applied: applied), record.line))
        }
        return (loans, skipped, problems)
    }

    /// The header row in English, for export.
    public static var header: [String] { columns.names }

    /// One loan as CSV fields in `header` order (amounts "1234.50", rates "4.35%").
    public static func fields(_ loan: LoanRecord) -> [String] {
        let terms = loan.terms
        return [loan.id.rawValue, loan.enterprise.name, loan.enterprise.code.value, loan.enterprise.size.rawValue, loan.enterprise.county,
                loan.bank, terms.principal.description, terms.annualRate.percentString(), terms.start.description, String(terms.termMonths),
                terms.method.rawValue, terms.dayCount.rawValue, terms.settlement.rawValue, loan.creditLine?.description ?? "",
                loan.applied?.description ?? ""]
    }
}
