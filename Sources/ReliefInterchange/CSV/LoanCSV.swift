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
        .init("rounding", ["rounding", "舍入方式"], required: false),
    ])

    /// A loan read from a file, the line it came from, and the rounding its schedule is booked
    /// with (column `rounding`: half-up when absent or blank, or half-even).
    public typealias Row = (loan: LoanRecord, line: Int, rounding: Rounding)

    /// Whether `records` hold a loan header within their first lines.
    public static func recognizes(_ records: [CSVReader.Record]) -> Bool { columns.header(in: records) != nil }

    /// The loans of a file, or every problem in it (file, line, field, what was expected).
    public static func loans(_ records: [CSVReader.Record], file: String) -> (loans: [LoanRecord], skipped: Int, problems: [ImportProblem]) {
        let (rows, skipped, problems) = rows(records, file: file)
        return (rows.map(\.loan), skipped, problems)
    }

    /// As `loans`, each loan with the line it came from (for problems found later, when writing).
    public static func rows(_ records: [CSVReader.Record], file: String) -> (rows: [Row], skipped: Int, problems: [ImportProblem]) {
        let header: CSVColumns.Header
        switch columns.header(in: records, kind: "loan", file: file) {
        case .success(let found): header = found
        case .failure(let failure): return ([], 0, failure.problems)
        }
        var decoder = RowDecoder(header: header, file: file)
        for record in records[(header.index + 1)...] where !decoder.problems.isFull {
            CSVRecordView.withFields(record.fields, line: record.line) { decoder.decode($0) }
        }
        return (decoder.rows, decoder.skipped, decoder.problems.closed())
    }

    /// As `rows(_:file:)`, decoding the loans straight from the bytes of `text` as they are
    /// scanned (no `String` per field, no record list); nil when no loan header is among the
    /// first lines. Throws when the text is not CSV, wherever the fault is.
    public static func rows(text: String, file: String) throws(CSVReader.Malformed) -> (rows: [Row], skipped: Int, problems: [ImportProblem])? {
        var rows: [Row] = []
        do {
            // One chunk of every loan: handed out once, at the end.
            guard let (skipped, problems) = try forEachChunk(text: text, file: file, chunkSize: .max, { rows = $0 }) else { return nil }
            return (rows, skipped, problems)
        } catch let malformed as CSVReader.Malformed {
            throw malformed
        } catch {
            preconditionFailure("collecting loans threw \(error)")
        }
    }

    /// As `rows(text:file:)`, handing the loans to `body` `chunkSize` at a time as they are
    /// decoded, so that a file of millions of loans is never held as loans at once. Returns
    /// the lines skipped and every problem of the file (rows with a problem are not handed
    /// out), or nil when no loan header is among the first lines; rethrows `body`'s error.
    public static func forEachChunk(text: String, file: String, chunkSize: Int,
                                    _ body: ([Row]) throws -> Void) throws -> (skipped: Int, problems: [ImportProblem])? {
        var decoder: RowDecoder?
        var recordIndex = 0
        var failure: (any Error)?
        try CSVScanner.scan(text) { record in
            defer { recordIndex += 1 }
            guard failure == nil else { return }
            if decoder != nil {
                decoder?.decode(record)
                if decoder?.problems.isFull == true { failure = TooManyProblems() }
                if let rows = decoder?.rows, rows.count >= chunkSize {
                    decoder?.rows.removeAll(keepingCapacity: true)
                    do { try body(rows) } catch { failure = error }
                }
            } else if recordIndex <= CSVColumns.preambleLinesMax, let fields = columns.match(record.strings) {
                decoder = RowDecoder(header: CSVColumns.Header(index: recordIndex, fields: fields, width: record.count), file: file)
                // A column named twice: the file is refused at its header, nothing handed out.
                let repeated = columns.repeatedColumns(record.strings)
                if !repeated.isEmpty {
                    decoder?.problems += repeated.map { ImportProblem(file: file, line: record.line, message: $0) }
                    failure = HeaderRefused()
                }
            }
        }
        if failure is HeaderRefused, let decoder { return (0, decoder.problems.closed()) }
        if failure is TooManyProblems, let decoder { return (decoder.skipped, decoder.problems.closed()) }
        if let failure { throw failure }
        guard let decoder else { return nil }
        if !decoder.rows.isEmpty { try body(decoder.rows) }
        return (decoder.skipped, decoder.problems.closed())
    }

    /// The column a rule of the terms together points at: quarterly settlement at the
    /// settlement, a maturity past the calendar's range at the start.
    static func field(breaking rule: String) -> String? {
        switch rule {
        case "settlement-method": return "settlement"
        case "date-limit": return "start"
        default: return nil
        }
    }

    /// Stops the scan of a file whose header names a column twice.
    struct HeaderRefused: Error {}
    /// Stops the scan of a file once `ProblemList.maximum` problems are found.
    struct TooManyProblems: Error {}

    /// The one loan decoder: each row's fields from bytes to a validated loan, or to every
    /// problem of the row (file, line, field), collected for the whole file.
    struct RowDecoder {
        let file: String
        let loanID, borrower, creditCode, size, county, bank, principal, rate, start, months, method: Int?
        let dayCount, settlement, creditLine, applied, rounding: Int?
        /// The header's fields: a row with values beyond them is refused.
        let width: Int
        var rows: [Row] = []
        var problems = ProblemList()
        /// Preamble and blank lines.
        var skipped: Int
        var seen: [String: Int] = [:]
        // The keyword tables, held here so that rows do not go through their lazy globals.
        let sizes = LoanCSV.sizes, methods = LoanCSV.methods, dayCounts = LoanCSV.dayCounts, settlements = LoanCSV.settlements

        init(header: CSVColumns.Header, file: String) {
            self.file = file
            let fields = header.fields
            (loanID, borrower, creditCode, size, county, bank) = (fields["loan_id"], fields["borrower"], fields["credit_code"], fields["size"],
                                                                  fields["county"], fields["bank"])
            (principal, rate, start, months, method) = (fields["principal"], fields["rate"], fields["start"], fields["months"], fields["method"])
            (dayCount, settlement, creditLine, applied) = (fields["day_count"], fields["settlement"], fields["credit_line"], fields["applied"])
            rounding = fields["rounding"]
            width = header.width
            skipped = header.index
        }

        mutating func decode(_ record: CSVRecordView) {
            if CSVColumns.isBlank(record) { skipped += 1; return }
            var rowProblems: [ImportProblem] = []
            let file = self.file
            /// The trimmed value of a column as bytes (nil when absent, blank or `-`).
            func withValue<T>(_ column: Int?, _ body: (UnsafeBufferPointer<UInt8>?) -> T) -> T {
                guard let column, column < record.count else { return body(nil) }
                let field = record[column]
                switch CSVColumns.trimmed(field) {
                case .none: return body(nil)
                case .value(let bytes): return body(bytes)
                case .ambiguous:
                    guard var text = CSVColumns.trimmed(String(decoding: field, as: UTF8.self)) else { return body(nil) }
                    return text.withUTF8 { body($0) }
                }
            }
            func parsed<T>(_ column: Int?, _ name: String, optional: Bool = false, _ parse: (UnsafeBufferPointer<UInt8>) throws(ParseError) -> T) -> T? {
                withValue(column) { (bytes: UnsafeBufferPointer<UInt8>?) -> T? in
                    guard let bytes else {
                        if !optional { rowProblems.append(ImportProblem(file: file, line: record.line, field: name, message: "is empty")) }
                        return nil
                    }
                    do throws(ParseError) { return try parse(bytes) } catch {
                        rowProblems.append(ImportProblem(file: file, line: record.line, field: name, message: error.description))
                        return nil
                    }
                }
            }
            func required(_ column: Int?, _ name: String) -> String? {
                parsed(column, name) { bytes in String(decoding: bytes, as: UTF8.self) }
            }
            let id = parsed(loanID, "loan_id") { bytes throws(ParseError) in try LoanID(validating: String(decoding: bytes, as: UTF8.self)) }
            let borrower = required(self.borrower, "borrower")
            var code: CreditCode?
            if let text = required(creditCode, "credit_code") {
                do { code = try CreditCode(validating: text) } catch {
                    rowProblems.append(ImportProblem(file: file, line: record.line, field: "credit_code", message: "'\(text)': \(error)"))
                }
            }
            let size = parsed(self.size, "size") { bytes throws(ParseError) in try sizes.value(bytes) }
            let county = required(self.county, "county")
            let bank = required(self.bank, "bank")
            let principal = parsed(self.principal, "principal") { bytes throws(ParseError) in try Money(parsing: bytes) }
            let rate = parsed(self.rate, "rate") { bytes throws(ParseError) in try Rate(parsing: bytes) }
            let start = parsed(self.start, "start") { bytes throws(ParseError) in try CivilDate(parsing: bytes) }
            let months = parsed(self.months, "months") { bytes throws(ParseError) in try LoanCSV.termMonths(bytes) }
            let method = parsed(self.method, "method") { bytes throws(ParseError) in try methods.value(bytes) }
            let dayCount = parsed(self.dayCount, "day_count", optional: true) { bytes throws(ParseError) in try dayCounts.value(bytes) }
            let settlement = parsed(self.settlement, "settlement", optional: true) { bytes throws(ParseError) in try settlements.value(bytes) }
            let creditLine = parsed(self.creditLine, "credit_line", optional: true) { bytes throws(ParseError) in try Money(parsing: bytes) }
            let applied = parsed(self.applied, "applied", optional: true) { bytes throws(ParseError) in try CivilDate(parsing: bytes) }
            let rounding = parsed(self.rounding, "rounding", optional: true) { bytes throws(ParseError) in try Rounding(scheduleParsing: String(decoding: bytes, as: UTF8.self)) }
            // Values past the header's last column: most likely a comma in a value that is not
            // quoted, which shifts every field after it (empty trailing fields are harmless).
            if width > 0, record.count > width,
               (width..<record.count).contains(where: { if case .none = CSVColumns.trimmed(record[$0]) { return false } else { return true } }) {
                rowProblems.append(ImportProblem(file: file, line: record.line,
                                                 message: "the row has \(record.count) fields, the header \(width): is a comma inside a value that is not quoted?"))
            }
            if let id, let previous = seen[id.rawValue] {
                rowProblems.append(ImportProblem(file: file, line: record.line, field: "loan_id", message: "'\(id)' is already on line \(previous)"))
            }
            // Each term's limit on its own field, whatever else in the row failed, so that one
            // row reports all its problems at once; then the rules of the terms together.
            let termProblems = rowProblems.count
            func check(_ field: String, _ body: () throws(RuleViolation) -> Void) {
                do throws(RuleViolation) { try body() } catch {
                    rowProblems.append(ImportProblem(file: file, line: record.line, field: field, message: error.message))
                }
            }
            if let principal { check("principal") { () throws(RuleViolation) in try LoanTerms.checkPrincipal(principal) } }
            if let rate { check("rate") { () throws(RuleViolation) in try LoanTerms.checkAnnualRate(rate) } }
            if let months { check("months") { () throws(RuleViolation) in try LoanTerms.checkTermMonths(months) } }
            var terms: LoanTerms?
            if rowProblems.count == termProblems, let principal, let rate, let start, let months, let method {
                do throws(RuleViolation) {
                    terms = try LoanTerms(principal: principal, annualRate: rate, start: start, termMonths: months, method: method,
                                          dayCount: dayCount, settlement: settlement ?? .dueDates)
                } catch {
                    rowProblems.append(ImportProblem(file: file, line: record.line, field: LoanCSV.field(breaking: error.rule), message: error.message))
                }
            }
            guard rowProblems.isEmpty, let id, let borrower, let code, let size, let county, let bank, let terms else {
                problems += rowProblems
                return
            }
            let loan = LoanRecord(id: id, enterprise: EnterpriseRecord(code: code, name: borrower, size: size, county: county),
                                  bank: bank, terms: terms, creditLine: creditLine, applied: applied)
            if let (field, violation) = loan.ruleViolation() {
                problems.append(ImportProblem(file: file, line: record.line, field: field, message: violation.message))
                return
            }
            seen[id.rawValue] = record.line
            rows.append((loan, record.line, rounding ?? .halfUp))
        }
    }

    /// A term in months: up to four digits (`Int` also takes a sign, as before).
    static func termMonths(_ bytes: UnsafeBufferPointer<UInt8>) throws(ParseError) -> Int {
        if bytes.count <= 4, !bytes.isEmpty {
            var value = 0
            var index = 0
            while index < bytes.count, bytes[index] &- 48 < 10 {
                value = value * 10 + Int(bytes[index] &- 48)
                index += 1
            }
            if index == bytes.count { return value }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.count <= 4, let value = Int(text) else { throw ParseError(input: text, kind: "term in months", reason: "expected a whole number") }
        return value
    }

    static let sizes = KeywordTable(EnterpriseSize.allCases.flatMap { [$0.rawValue, $0.chineseName] }) { text throws(ParseError) in
        try EnterpriseSize(parsing: text)
    }
    static let methods = KeywordTable(RepaymentMethod.allCases.flatMap { [$0.rawValue, $0.chineseName] }) { text throws(ParseError) in
        try RepaymentMethod(parsing: text)
    }
    static let dayCounts = KeywordTable(DayCount.allCases.map(\.rawValue)) { text throws(ParseError) in try DayCount(parsing: text) }
    static let settlements = KeywordTable(Settlement.allCases.map(\.rawValue)) { text throws(ParseError) in try Settlement(parsing: text) }

    /// The header row in English, for export: the `rounding` column only when a loan needs
    /// it (one booked half-even), so that files of half-up loans keep the columns banks know.
    public static func header(withRounding: Bool = false) -> [String] { withRounding ? columns.names : Array(columns.names.dropLast()) }

    /// One loan as CSV fields in `header` order (amounts "1234.50", rates "4.35%"), its
    /// rounding last when given.
    public static func fields(_ loan: LoanRecord, rounding: Rounding? = nil) -> [String] {
        let terms = loan.terms
        return [loan.id.rawValue, loan.enterprise.name, loan.enterprise.code.value, loan.enterprise.size.rawValue, loan.enterprise.county,
                loan.bank, terms.principal.description, terms.annualRate.percentString(), terms.start.description, String(terms.termMonths),
                terms.method.rawValue, terms.dayCount.rawValue, terms.settlement.rawValue, loan.creditLine?.description ?? "",
                loan.applied?.description ?? ""] + (rounding.map { [$0.rawValue] } ?? [])
    }
}
