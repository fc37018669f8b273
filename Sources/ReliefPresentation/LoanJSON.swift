import ReliefDomain

/// A loan as JSON members (`loans list|show --format json`, the API's loans): amounts and
/// rates as decimal strings, the term as a number, absent optional values as null.
public enum LoanJSON {
    public static func members(_ loan: LoanRecord) -> [(String, JSONValue)] {
        let terms = loan.terms
        return [("loan_id", .string(loan.id.rawValue)), ("borrower", .string(loan.enterprise.name)),
                ("credit_code", .string(loan.enterprise.code.value)), ("size", .string(loan.enterprise.size.rawValue)),
                ("county", .string(loan.enterprise.county)), ("bank", .string(loan.bank)), ("principal", .string(terms.principal.description)),
                ("rate", .string(terms.annualRate.fractionString())), ("start", .string(terms.start.description)),
                ("months", .integer(terms.termMonths)), ("method", .string(terms.method.rawValue)), ("day_count", .string(terms.dayCount.rawValue)),
                ("credit_line", loan.creditLine.map { .string($0.description) } ?? .null),
                ("applied", loan.applied.map { .string($0.description) } ?? .null)]
    }
}
