import FuzzSupport
import ReliefInterchange

/// The repayment, enterprise and bridge-register CSV readers on the same records: rows or
/// problems, each at a line inside the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let lines = lineCount(bytes)
    guard let records = try? CSVReader.records(text(bytes)) else { return 0 }
    let inside = { (line: Int, what: String) in require(line >= 1 && line <= lines + 1, "\(what) at line \(line) of \(lines)") }
    let repayments = RepaymentCSV.rows(records, file: "f")
    repayments.rows.forEach { inside($0.line, "repayment row") }
    repayments.problems.forEach { inside($0.line, "repayment problem") }
    let enterprises = EnterpriseCSV.rows(records, file: "f")
    enterprises.rows.forEach { inside($0.line, "enterprise row") }
    enterprises.problems.forEach { inside($0.line, "enterprise problem") }
    let register = BridgeRegisterCSV.rows(records, file: "f")
    register.rows.forEach { inside($0.line, "register row") }
    register.problems.forEach { inside($0.line, "register problem") }
    return 0
}
