import ReliefDomain
import Testing

/// Shorthands for test literals; a malformed literal fails the test that uses it.
func date(_ text: String) throws -> CivilDate { try CivilDate(parsing: text) }
func money(_ text: String) throws -> Money { try Money(parsing: text) }
func rate(_ text: String) throws -> Rate { try Rate(parsing: text) }

func terms(_ principal: String, _ annualRate: String, _ start: String, months: Int,
           _ method: RepaymentMethod = .annuity, dayCount: DayCount? = nil,
           settlement: Settlement = .dueDates) throws -> LoanTerms {
    try LoanTerms(principal: money(principal), annualRate: rate(annualRate), start: date(start),
                  termMonths: months, method: method, dayCount: dayCount, settlement: settlement)
}
