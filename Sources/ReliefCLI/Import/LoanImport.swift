import Foundation
import ReliefDomain
import ReliefInterchange

/// Reads loan files for `relief import` and `relief demo`: size limit, encoding, CSV, loans,
/// with every problem located. Touches no database.
struct LoanImport {
    let maxInputBytes: Int

    /// Whether `file` is a bank's statement export rather than a loan CSV (its first lines
    /// hold a statement header and no loan header).
    static func isBankStatement(_ file: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: file) else { return false }
        defer { try? handle.close() }
        let head = [UInt8](handle.readData(ofLength: 8192))
        let encoding = TextEncoding.detect(head)
        // Cut at the last line break so that a multi-byte character is not split.
        let cut = head.lastIndex(of: 0x0A).map { Array(head[...$0]) } ?? head
        guard let text = encoding.decode(encoding == .utf16 ? head : cut), let records = try? CSVReader.records(text) else { return false }
        return !LoanCSV.recognizes(records) && BankStatementCSV.recognizes(records)
    }

    /// The loans of one file and its problems, without touching the database.
    func read(_ file: String, encoding forced: TextEncoding?) -> ([(loan: LoanRecord, line: Int)], ImportSummary) {
        var summary = ImportSummary()
        func problem(_ message: String, line: Int = 1) -> ([(loan: LoanRecord, line: Int)], ImportSummary) {
            summary.problems.append(ImportProblem(file: file, line: line, message: message))
            return ([], summary)
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: file)
        if let size = attributes?[.size] as? Int, size > maxInputBytes {
            return problem("\(size) bytes is over the input limit of \(maxInputBytes) bytes")
        }
        guard let data = FileManager.default.contents(atPath: file) else { return problem("cannot be read") }
        let bytes = [UInt8](data)
        let encoding = forced ?? TextEncoding.detect(bytes)
        guard let text = encoding.decode(bytes) else { return problem("is not valid \(encoding.rawValue) text (give --encoding)") }
        if forced == nil && encoding != .utf8 { summary.notices.append("\(file): read as \(encoding.rawValue)") }
        let records: [CSVReader.Record]
        do { records = try CSVReader.records(text) } catch { return problem(error.message, line: error.line) }
        guard LoanCSV.recognizes(records) else {
            return problem("not a loan CSV: no header with loan_id/贷款编号, borrower/借款人, credit_code/统一社会信用代码, ... in its first lines")
        }
        let (loans, skipped, problems) = LoanCSV.rows(records, file: file)
        summary.skipped += skipped
        summary.problems += problems
        if skipped > 0 { summary.notices.append("\(file): skipped \(skipped) line\(skipped == 1 ? "" : "s") that are not loans (preamble, blank)") }
        return (problems.isEmpty ? loans : [], summary)
    }

}
