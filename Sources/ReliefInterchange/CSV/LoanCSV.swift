import ReliefDomain

/// The loan CSV of SPEC.md: English headers, or the Chinese aliases banks print, in any
/// order; a preamble (titles, export dates) before the header row is skipped. One optional
/// column beyond SPEC.md, `settlement` (结息方式: due-dates or quarterly), keeps an
/// interest-only loan's quarterly settlement through a CSV round trip.
public enum LoanCSV {
    /// Canonical column names and the aliases each accepts (English first).
    public static let columns: [(name: String, aliases: [String], required: Bool)] = [
        ("loan_id", ["loan_id", "贷款编号", "借据号"], true),
        ("borrower", ["borrower", "借款人"], true),
        ("credit_code", ["credit_code", "统一社会信用代码"], true),
        ("size", ["size", "企业规模"], true),
        ("county", ["county", "县区"], true),
        ("bank", ["bank", "贷款银行"], true),
        ("principal", ["principal", "贷款金额"], true),
        ("rate", ["rate", "年利率"], true),
        ("start", ["start", "起始日", "放款日"], true),
        ("months", ["months", "期限月数"], true),
        ("method", ["method", "还款方式"], true),
        ("day_count", ["day_count", "计息基础"], false),
        ("settlement", ["settlement", "结息方式"], false),
        ("credit_line", ["credit_line", "授信额度"], false),
        ("applied", ["applied", "申请日"], false),
    ]

    /// The header's column index for each canonical name, or nil when `fields` is not a loan header.
    static func headerMap(_ fields: [String]) -> [String: Int]? {
        var map: [String: Int] = [:]
        for (index, raw) in fields.enumerated() {
            let name = raw.trimmingCharacters(in: " \t\u{FEFF}").lowercased()
            if let column = columns.first(where: { $0.aliases.contains(name) }) { map[column.name] = index }
        }
        let required = columns.filter(\.required).map(\.name)
        return required.allSatisfy { map[$0] != nil } ? map : nil
    }

    /// Whether `records` hold a loan header within their first lines.
    public static func recognizes(_ records: [CSVReader.Record]) -> Bool {
        records.prefix(preambleLinesMax + 1).contains { headerMap($0.fields) != nil }
    }

    /// Titles and notes a bank puts above the header: at most this many lines are searched.
    static let preambleLinesMax = 20

    /// The loans of a file, or every problem in it (file, line, field, what was expected).
    public static func loans(_ records: [CSVReader.Record], file: String) -> (loans: [LoanRecord], skipped: Int, problems: [ImportProblem]) {
        let (rows, skipped, problems) = rows(records, file: file)
        return (rows.map(\.loan), skipped, problems)
    }

    /// As `loans`, each loan with the line it came from (for problems found later, when writing).
    public static func rows(_ records: [CSVReader.Record], file: String) -> (rows: [(loan: LoanRecord, line: Int)], skipped: Int, problems: [ImportProblem]) {
        guard let headerIndex = records.prefix(preambleLinesMax + 1).firstIndex(where: { headerMap($0.fields) != nil }),
              let header = headerMap(records[headerIndex].fields) else {
            let expected = columns.filter(\.required).map { $0.aliases.joined(separator: "/") }.joined(separator: ", ")
            return ([], 0, [ImportProblem(file: file, line: 1, message: "no loan header found; expected columns \(expected)")])
        }
        var loans: [(loan: LoanRecord, line: Int)] = []
        var problems: [ImportProblem] = []
        var skipped = headerIndex  // preamble lines
        var seen: [String: Int] = [:]
        for record in records[(headerIndex + 1)...] {
            if record.fields.allSatisfy({ $0.trimmingCharacters(in: " \t").isEmpty }) { skipped += 1; continue }
            var rowProblems: [ImportProblem] = []
            func value(_ name: String) -> String? {
                guard let index = header[name], index < record.fields.count else { return nil }
                let text = String(record.fields[index].trimmingCharacters(in: " \t"))
                return text.isEmpty ? nil : text
            }
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
    public static var header: [String] { columns.map(\.name) }

    /// One loan as CSV fields in `header` order (amounts "1234.50", rates "4.35%").
    public static func fields(_ loan: LoanRecord) -> [String] {
        let terms = loan.terms
        return [loan.id.rawValue, loan.enterprise.name, loan.enterprise.code.value, loan.enterprise.size.rawValue, loan.enterprise.county,
                loan.bank, terms.principal.description, terms.annualRate.percentString(), terms.start.description, String(terms.termMonths),
                terms.method.rawValue, terms.dayCount.rawValue, terms.settlement.rawValue, loan.creditLine?.description ?? "",
                loan.applied?.description ?? ""]
    }
}

extension String {
    /// The string without leading and trailing characters from `set`.
    func trimmingCharacters(in set: String) -> Substring {
        var result = Substring(self)
        while let first = result.first, set.contains(first) { result = result.dropFirst() }
        while let last = result.last, set.contains(last) { result = result.dropLast() }
        return result
    }
}
