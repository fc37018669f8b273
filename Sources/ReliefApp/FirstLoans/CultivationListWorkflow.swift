import Foundation
import ReliefDomain
import ReliefInterchange
import ReliefLedger

/// `firstloan enterprise import`: a list of firms identified for first-loan cultivation,
/// registered all or nothing.
public enum CultivationListWorkflow {
    /// Registers the firms of the CSV at `path` (rows without a date identified on
    /// `defaultDate`). Returns the summary; when it holds problems nothing was written. Notices
    /// of the read (the encoding detected) go to `notice`.
    public static func run(path: String, encoding: TextEncoding?, defaultDate: CivilDate, ledger: () throws -> LedgerStore,
                           notice: (String) -> Void = { _ in }) throws -> ImportSummary {
        guard FileManager.default.fileExists(atPath: path) else { throw WorkflowError.missingInput("\(path): no such file") }
        let store = try ledger()
        let (rows, read) = FirstLoanEnterpriseImport(defaultDate: defaultDate).read(path, encoding: encoding)
        for text in read.notices { notice(text) }
        var summary = read
        guard summary.problems.isEmpty else { return summary }
        do {
            summary = try store.write { db -> ImportSummary in
                var result = summary
                for row in rows {
                    do {
                        switch try CultivationLedger.register(row.registration, db) {
                        case .registered: result.imported += 1
                        case .duplicate: result.duplicates += 1
                        }
                    } catch let error as LedgerError {
                        result.problems.append(ImportProblem(file: path, line: row.line, field: "credit_code", message: error.description))
                    }
                }
                // Any problem rolls the whole file back.
                guard result.problems.isEmpty else { throw ImportFailure(problems: result.problems) }
                return result
            }
        } catch let failure as ImportFailure {
            summary.problems = failure.problems
        }
        return summary
    }
}
