import Foundation
import ReliefDomain
import ReliefInterchange
import ReliefLedger

/// Reads the enterprise CSV of `relief firstloan enterprise import`: firms identified for
/// cultivation, English or Chinese headers in any order (after any preamble), every problem
/// located by file, line and field. Touches no database.
///
/// Columns: `credit_code` 统一社会信用代码/信用代码, `name` 企业名称/名称, `size` 企业规模,
/// `county` 县区, and optional `industry` 行业/所属行业, `has_loan_record`
/// 有无贷款记录/是否有贷款记录 (true/false, yes/no, 1/0, 是/否, 有/无; blank = no), `identified_on`
/// 识别日期/认定日期/纳入培植日期 (blank = the command's --date).
struct FirstLoanEnterpriseImport {
    /// Files larger than this are refused: 256 MiB holds several million firms, more than
    /// a province registers.
    static let inputBytesMax = 256 << 20
    /// Rows read from one file at most (Shandong's 2020 programme paired 26,530 firms).
    static let rowsMax = 2_000_000
    static let columns = CSVColumns([
        .init("credit_code", ["credit_code", "统一社会信用代码", "信用代码"], required: true, generic: ["信用代码"]),
        .init("name", ["name", "企业名称", "名称"], required: true, generic: ["名称"]),
        .init("size", ["size", "企业规模"], required: true),
        .init("county", ["county", "县区"], required: true),
        .init("industry", ["industry", "行业", "所属行业"], required: false, generic: ["行业"]),
        .init("has_loan_record", ["has_loan_record", "有无贷款记录", "是否有贷款记录"], required: false),
        .init("identified_on", ["identified_on", "识别日期", "认定日期", "纳入培植日期"], required: false),
    ])

    /// Whether `records` (a file's first lines) are a cultivation list: an enterprise header
    /// with an identification date or a loan-record flag, which a plain enterprise list has not.
    static func recognizes(_ records: [CSVReader.Record]) -> Bool {
        guard let header = columns.header(in: records) else { return false }
        return header.fields["identified_on"] != nil || header.fields["has_loan_record"] != nil
    }

    /// One registration and the line it came from.
    struct Row {
        let line: Int
        let registration: CultivationLedger.Registration
    }

    let defaultDate: CivilDate

    static func flag(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "", "false", "no", "n", "0", "否", "无": return false
        case "true", "yes", "y", "1", "是", "有": return true
        default: return nil
        }
    }

    /// The registrations of `file` that read cleanly, with its problems.
    func read(_ file: String, encoding forced: TextEncoding?) -> ([Row], ImportSummary) {
        var summary = ImportSummary()
        func fail(_ message: String, line: Int = 1) -> ([Row], ImportSummary) {
            summary.problems.append(ImportProblem(file: file, line: line, message: message))
            return ([], summary)
        }
        if let size = (try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int, size > Self.inputBytesMax {
            return fail("\(size) bytes is over the input limit of \(Self.inputBytesMax) bytes")
        }
        guard let data = FileManager.default.contents(atPath: file) else { return fail("cannot be read") }
        let bytes = [UInt8](data)
        let encoding = forced ?? TextEncoding.detect(bytes)
        guard let text = encoding.decode(bytes) else { return fail(TextEncoding.invalid(encoding, forced: forced != nil)) }
        if forced == nil && encoding != .utf8 { summary.notices.append("\(file): read as \(encoding.rawValue)") }
        let records: [CSVReader.Record]
        do { records = try CSVReader.records(text) } catch { return fail(error.message, line: error.line) }
        guard records.count <= Self.rowsMax else { return fail("\(records.count) rows is over the limit of \(Self.rowsMax)") }
        let header: CSVColumns.Header
        switch Self.columns.header(in: records, kind: "enterprise", file: file) {
        case .success(let found): header = found
        case .failure(let failure):
            summary.problems += failure.problems
            return ([], summary)
        }
        summary.skipped = header.index
        var rows: [Row] = []
        for record in records[(header.index + 1)...] {
            if CSVColumns.isBlank(record) {
                summary.skipped += 1
                continue
            }
            var problems: [ImportProblem] = []
            func value(_ name: String) -> String { header.value(name, in: record) ?? "" }
            func problem(_ field: String, _ message: String) { problems.append(ImportProblem(file: file, line: record.line, field: field, message: message)) }
            var code: CreditCode?
            do { code = try CreditCode(validating: value("credit_code")) } catch { problem("credit_code", "invalid credit code '\(value("credit_code"))': \(error)") }
            var size: EnterpriseSize?
            do { size = try EnterpriseSize(parsing: value("size")) } catch { problem("size", error.description) }
            for name in ["name", "county"] where value(name).isEmpty { problem(name, "is empty") }
            let hasLoanRecord = Self.flag(value("has_loan_record"))
            if hasLoanRecord == nil { problem("has_loan_record", "'\(value("has_loan_record"))' is not yes or no (true/false, 1/0, 是/否, 有/无)") }
            var identified: CivilDate? = defaultDate
            if !value("identified_on").isEmpty {
                do { identified = try CivilDate(parsing: value("identified_on")) } catch { identified = nil; problem("identified_on", error.description) }
            }
            if let code, let size, let hasLoanRecord, let identified, problems.isEmpty {
                let industry = value("industry")
                rows.append(Row(line: record.line, registration: CultivationLedger.Registration(
                    code: code, name: value("name"), size: size, county: value("county"), industry: industry.isEmpty ? nil : industry,
                    hasLoanRecord: hasLoanRecord, identifiedOn: identified)))
            }
            summary.problems += problems
        }
        if summary.skipped > 0 {
            summary.notices.append("\(file): skipped \(summary.skipped) line\(summary.skipped == 1 ? "" : "s") that are not firms (preamble, blank)")
        }
        return (rows, summary)
    }
}
