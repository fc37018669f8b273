import FuzzSupport
import ReliefInterchange

/// A bank's statement CSV: entries or problems, each at a line inside the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let lines = lineCount(bytes)
    guard let records = try? CSVReader.records(text(bytes)) else { return 0 }
    _ = BankStatementCSV.recognizes(records)
    let result = BankStatementCSV.entries(records, file: "statement.csv", account: "ACCOUNT")
    for problem in result.problems {
        require(problem.line >= 1 && problem.line <= lines + 1, "problem at line \(problem.line) of \(lines): \(problem.message)")
    }
    return 0
}
