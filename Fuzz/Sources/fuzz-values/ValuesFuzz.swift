import FuzzSupport
import ReliefDomain

/// The value parsers (money, rate, date, credit code): a value, or a `ParseError` naming the
/// input; a value printed and parsed again is the same value, and its printed form is stable.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = text(UnsafeRawBufferPointer(start: data, count: size))
    if let money = try? Money(parsing: input) {
        let printed = money.description
        require((try? Money(parsing: printed)) == money, "money '\(input)' printed as '\(printed)' reads back differently")
    }
    if let rate = try? Rate(parsing: input) {
        let printed = rate.fractionString()
        require((try? Rate(parsing: printed)) == rate, "rate '\(input)' printed as '\(printed)' reads back differently")
    }
    if let date = try? CivilDate(parsing: input) {
        require((try? CivilDate(parsing: date.description)) == date, "date '\(input)' printed as '\(date)' reads back differently")
        require(date.description.count == 10, "date '\(input)' printed as '\(date)'")
    }
    if let code = try? CreditCode(validating: input) {
        require((try? CreditCode(validating: code.value)) == code, "credit code '\(input)' as '\(code.value)' validates differently")
        require(code.value.count == 18, "credit code '\(input)' as '\(code.value)'")
    }
    return 0
}
