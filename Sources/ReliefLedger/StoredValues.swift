import ReliefDomain

/// Decoding of stored text back into domain values. The database is checked after reading
/// back: a value that does not parse means the file was altered outside the tool.
enum StoredValues {
    static func date(_ text: String, _ column: String) throws -> CivilDate {
        do { return try CivilDate(parsing: text) } catch { throw LedgerError.rule("stored \(column) '\(text)' is not a date") }
    }

    static func loanID(_ text: String) throws -> LoanID {
        do { return try LoanID(validating: text) } catch { throw LedgerError.rule("stored loan id '\(text)' is invalid: \(error.reason)") }
    }

    static func creditCode(_ text: String) throws -> CreditCode {
        do { return try CreditCode(validating: text) } catch { throw LedgerError.rule("stored credit code '\(text)' is invalid: \(error)") }
    }

    static func parse<T>(_ text: String, _ column: String, _ parse: (String) throws(ParseError) -> T) throws -> T {
        do { return try parse(text) } catch { throw LedgerError.rule("stored \(column) '\(text)' is invalid: \(error.reason)") }
    }
}
