import ReliefDomain

/// The plain enterprise list as CSV (import and export): credit code, name, size class and
/// county. English headers or Chinese ones, in any order, after any preamble. A blank size
/// is an enterprise whose size is unknown (known to the ledger only from a bridge advance).
public enum EnterpriseCSV {
    /// One enterprise of the file, with where it came from.
    public struct Row: Sendable, Hashable {
        public let code: CreditCode
        public let name: String
        public let size: EnterpriseSize?
        public let county: String
        public let line: Int
    }

    /// Names and counties longer than this are refused (the ledger's text limit).
    public static let textLengthMax = 200

    public static let columns = CSVColumns([
        .init("credit_code", ["credit_code", "统一社会信用代码", "信用代码"], required: true, generic: ["信用代码"]),
        .init("name", ["name", "企业名称", "名称"], required: true, generic: ["名称"]),
        .init("size", ["size", "企业规模"], required: true),
        .init("county", ["county", "县区", "所在县区"], required: true),
    ])

    public static var header: [String] { columns.names }

    public static func recognizes(_ records: [CSVReader.Record]) -> Bool { columns.header(in: records) != nil }

    /// The enterprises of a file, or every problem in it.
    public static func rows(_ records: [CSVReader.Record], file: String) -> (rows: [Row], skipped: Int, problems: [ImportProblem]) {
        let header: CSVColumns.Header
        switch columns.header(in: records, kind: "enterprise", file: file) {
        case .success(let found): header = found
        case .failure(let failure): return ([], 0, failure.problems)
        }
        var rows: [Row] = []
        var problems = ProblemList()
        var skipped = header.index
        var seen: [CreditCode: Int] = [:]
        for record in records[(header.index + 1)...] where !problems.isFull {
            if CSVColumns.isBlank(record) { skipped += 1; continue }
            var rowProblems: [ImportProblem] = []
            func problem(_ field: String, _ message: String) {
                rowProblems.append(ImportProblem(file: file, line: record.line, field: field, message: message))
            }
            var code: CreditCode?
            if let text = header.value("credit_code", in: record) {
                do { code = try CreditCode(validating: text) } catch { problem("credit_code", "'\(text)': \(error)") }
            } else {
                problem("credit_code", "is empty")
            }
            let name = header.value("name", in: record)
            if name == nil { problem("name", "is empty") }
            var size: EnterpriseSize?
            if let text = header.value("size", in: record) {
                do { size = try EnterpriseSize(parsing: text) } catch { problem("size", error.description) }
            }
            let county = header.value("county", in: record) ?? ""
            for (field, text) in [("name", name ?? ""), ("county", county)] where text.count > textLengthMax {
                problem(field, "longer than \(textLengthMax) characters")
            }
            if let code, let previous = seen[code] { problem("credit_code", "\(code) is already on line \(previous)") }
            guard rowProblems.isEmpty, let code, let name else {
                problems += rowProblems
                continue
            }
            seen[code] = record.line
            rows.append(Row(code: code, name: name, size: size, county: county, line: record.line))
        }
        return (rows, skipped, problems.closed())
    }
}
