import FuzzSupport
import ReliefDomain
import ReliefInterchange

/// The loan CSV reader: rows or problems, each at a line inside the input; every loan read
/// keeps the rules of a loan (positive principal, a term of 1 to 600 months).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let lines = lineCount(bytes)
    guard let result = try? LoanCSV.rows(text: text(bytes), file: "loans.csv") else { return 0 }
    for row in result.rows {
        require(row.line >= 1 && row.line <= lines, "row at line \(row.line) of \(lines)")
        require(row.loan.terms.principal.fen > 0, "loan \(row.loan.id) with principal \(row.loan.terms.principal)")
        require((1...600).contains(row.loan.terms.termMonths), "loan \(row.loan.id) of \(row.loan.terms.termMonths) months")
    }
    for problem in result.problems {
        require(problem.line >= 1 && problem.line <= lines + 1, "problem at line \(problem.line) of \(lines): \(problem.message)")
        require(problem.file == "loans.csv" && !problem.message.isEmpty, "a problem without its file or message")
    }
    return 0
}
