import Foundation
import ReliefDomain
import ReliefInterchange

/// Reads loan files for `relief import` and `relief demo`: size limit, encoding, CSV, loans,
/// with every problem located. Touches no database.
struct LoanImport {
    let maxInputBytes: Int

    /// What a CSV file holds, from the header in its first lines.
    enum CSVKind: Equatable {
        case loans, bridgeRegister, repayments, cultivation, enterprises, bankStatement, unknown
        /// A file `relief export` writes as a report (`journal`, `schedules`): not imported.
        case exportOnly(String)
    }

    /// The kind of CSV `file` is, from the header among its first 8 KiB (read in `forced`, or
    /// in the encoding detected).
    static func csvKind(_ file: String, encoding forced: TextEncoding? = nil) -> CSVKind {
        guard let stream = fopen(file, "rb") else { return .unknown }
        defer { fclose(stream) }
        var head = [UInt8](repeating: 0, count: 8192)
        head.removeSubrange(head.withUnsafeMutableBufferPointer { fread($0.baseAddress, 1, $0.count, stream) }...)
        // Cut at the last line break so that a multi-byte character is not split, and judge
        // UTF-8 on those whole lines (a head cut inside a character is not GB18030).
        let cut = head.lastIndex(of: 0x0A).map { Array(head[...$0]) } ?? head
        var encoding = forced ?? TextEncoding.detect(head)
        if forced == nil, encoding == .gb18030, String(validating: cut, as: UTF8.self) != nil { encoding = .utf8 }
        guard let text = encoding.decode(encoding == .utf16 ? Array(head.prefix(head.count & ~1)) : cut),
              let records = try? CSVReader.records(text) else { return .unknown }
        if let first = records.first?.fields.map({ $0.replacingOccurrences(of: "\u{FEFF}", with: "") }) {
            if first == ExportWorkflow.journalHeader { return .exportOnly("journal") }
            if first == ExportWorkflow.scheduleHeader { return .exportOnly("schedules") }
        }
        if LoanCSV.recognizes(records) { return .loans }
        if BridgeRegisterCSV.recognizes(records) { return .bridgeRegister }
        if RepaymentCSV.recognizes(records) { return .repayments }
        // After the richer kinds: a loan or register header holds these columns too; a list
        // of firms identified for cultivation holds them and an identification date or a
        // loan-record flag.
        if FirstLoanEnterpriseImport.recognizes(records) { return .cultivation }
        if EnterpriseCSV.recognizes(records) { return .enterprises }
        if BankStatementCSV.recognizes(records) { return .bankStatement }
        return .unknown
    }

    /// The advances of a bridge register CSV that read cleanly, with every problem located (the
    /// rows beside a problem are still returned, so that recording them finds theirs too).
    func readBridgeRegister(_ file: String, encoding forced: TextEncoding?) -> ([BridgeRegisterCSV.Row], ImportSummary) {
        var summary = ImportSummary()
        guard let data = FileManager.default.contents(atPath: file) else {
            summary.problems.append(ImportProblem(file: file, line: 1, message: "cannot be read"))
            return ([], summary)
        }
        if data.count > maxInputBytes {
            summary.problems.append(ImportProblem(file: file, line: 1, message: "\(data.count) bytes is over the input limit of \(maxInputBytes) bytes"))
            return ([], summary)
        }
        let bytes = [UInt8](data)
        let encoding = forced ?? TextEncoding.detect(bytes)
        guard let text = encoding.decode(bytes) else {
            summary.problems.append(ImportProblem(file: file, line: 1, message: TextEncoding.invalid(encoding, forced: forced != nil)))
            return ([], summary)
        }
        do {
            let (rows, skipped, problems) = BridgeRegisterCSV.rows(try CSVReader.records(text), file: file)
            summary.skipped += skipped
            summary.problems += problems
            return (rows, summary)
        } catch {
            summary.problems.append(ImportProblem(file: file, line: error.line, message: error.message))
            return ([], summary)
        }
    }

    /// The records of a CSV file (size limit, encoding detected or forced), or nil with the
    /// problem in `summary`.
    func records(_ file: String, encoding forced: TextEncoding?, _ summary: inout ImportSummary) -> [CSVReader.Record]? {
        guard let data = FileManager.default.contents(atPath: file) else {
            summary.problems.append(ImportProblem(file: file, line: 1, message: "cannot be read"))
            return nil
        }
        if data.count > maxInputBytes {
            summary.problems.append(ImportProblem(file: file, line: 1, message: "\(data.count) bytes is over the input limit of \(maxInputBytes) bytes"))
            return nil
        }
        let bytes = [UInt8](data)
        let encoding = forced ?? TextEncoding.detect(bytes)
        guard let text = encoding.decode(bytes) else {
            summary.problems.append(ImportProblem(file: file, line: 1, message: TextEncoding.invalid(encoding, forced: forced != nil)))
            return nil
        }
        if forced == nil && encoding != .utf8 { summary.notices.append("\(file): read as \(encoding.rawValue)") }
        do {
            return try CSVReader.records(text)
        } catch {
            summary.problems.append(ImportProblem(file: file, line: error.line, message: error.message))
            return nil
        }
    }

    /// The loan repayments of a repayment CSV that read cleanly, with every problem located.
    func readRepayments(_ file: String, encoding forced: TextEncoding?) -> ([RepaymentCSV.Row], ImportSummary) {
        var summary = ImportSummary()
        guard let records = records(file, encoding: forced, &summary) else { return ([], summary) }
        let (rows, skipped, problems) = RepaymentCSV.rows(records, file: file)
        summary.skipped += skipped
        summary.problems += problems
        return (rows, summary)
    }

    /// The enterprises of an enterprise CSV that read cleanly, with every problem located.
    func readEnterprises(_ file: String, encoding forced: TextEncoding?) -> ([EnterpriseCSV.Row], ImportSummary) {
        var summary = ImportSummary()
        guard let records = records(file, encoding: forced, &summary) else { return ([], summary) }
        let (rows, skipped, problems) = EnterpriseCSV.rows(records, file: file)
        summary.skipped += skipped
        summary.problems += problems
        return (rows, summary)
    }

    /// The loans of one file and its problems, without touching the database (the rules of
    /// `stream`, every loan collected).
    func read(_ file: String, encoding forced: TextEncoding?) -> ([LoanCSV.Row], ImportSummary) {
        var loans: [LoanCSV.Row] = []
        // Collecting cannot throw, so neither can `stream` here.
        guard let summary = try? stream(file, encoding: forced, chunkSize: LoanImport.chunkSize, book: { loans += $0 }) else {
            preconditionFailure("collecting loans threw")
        }
        return (loans, summary)
    }

    /// Reads loan CSV `file` and hands its loans to `book` `chunkSize` at a time (an import
    /// books them as they come, so memory holds the file's text and one chunk, not every
    /// loan). The summary carries the file's notices, skipped lines and problems; `book`'s
    /// errors propagate.
    func stream(_ file: String, encoding forced: TextEncoding?, chunkSize: Int,
                book: ([LoanCSV.Row]) throws -> Void) throws -> ImportSummary {
        var summary = ImportSummary()
        func problem(_ message: String, line: Int = 1) -> ImportSummary {
            summary.problems.append(ImportProblem(file: file, line: line, message: message))
            return summary
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: file)
        if let size = attributes?[.size] as? Int, size > maxInputBytes {
            return problem("\(size) bytes is over the input limit of \(maxInputBytes) bytes")
        }
        let text: String
        switch LoanImport.readText(file, encoding: forced) {
        case .failure(let failure): return problem(failure.message)
        case .success(let (decodedText, encoding)):
            text = decodedText
            if forced == nil && encoding != .utf8 { summary.notices.append("\(file): read as \(encoding.rawValue)") }
        }
        let outcome: (skipped: Int, problems: [ImportProblem])?
        do {
            outcome = try LoanCSV.forEachChunk(text: text, file: file, chunkSize: chunkSize, book)
        } catch let malformed as CSVReader.Malformed {
            return problem(malformed.message, line: malformed.line)
        }
        guard let (skipped, problems) = outcome else {
            // What the first lines lack (the records of a prefix: the message needs no more).
            let records = (try? CSVReader.records(String(text.prefix(1 << 16)))) ?? []
            let (line, message) = LoanCSV.columns.noHeader("loan", in: records)
            return problem("not a loan CSV: " + message, line: line)
        }
        summary.skipped += skipped
        summary.problems += problems
        if skipped > 0 { summary.notices.append("\(file): skipped \(skipped) line\(skipped == 1 ? "" : "s") that are not loans (preamble, blank)") }
        return summary
    }

    /// Loans booked per statement batch of an import (memory: one chunk of loans at a time).
    static let chunkSize = 8_192

    struct ReadFailure: Error { let message: String }

    /// The file's text in its encoding (detected, or `forced`). A function of its own so that
    /// the file's bytes and their copy are freed before the text is decoded into loans (three
    /// copies of a large file were most of an import's memory).
    static func readText(_ file: String, encoding forced: TextEncoding?) -> Result<(String, TextEncoding), ReadFailure> {
        guard let data = FileManager.default.contents(atPath: file) else { return .failure(ReadFailure(message: "cannot be read")) }
        let (decoded, encoding) = TextEncoding.text(of: data, forced: forced)
        guard let text = decoded else {
            return .failure(ReadFailure(message: TextEncoding.invalid(encoding, forced: forced != nil)))
        }
        return .success((text, encoding))
    }
}
