import ArgumentParser
import ReliefDomain

/// Why a command-line value does not parse; ArgumentParser prints it after
/// "The value 'x' is invalid for '--option <v>': " and exits 64.
struct ValueProblem: Error, CustomStringConvertible {
    let description: String

    init(_ error: ParseError) {
        description = "not a valid \(error.kind): \(error.reason)"
    }
}

/// Throwing transforms for `@Option(transform:)`, so that every malformed value exits 64
/// with the domain's own reason.
enum ValueParsers {
    static func money(_ text: String) throws -> Money {
        do { return try Money(parsing: text) } catch { throw ValueProblem(error) }
    }

    static func rate(_ text: String) throws -> Rate {
        do { return try Rate(parsing: text) } catch { throw ValueProblem(error) }
    }

    static func date(_ text: String) throws -> CivilDate {
        do { return try CivilDate(parsing: text) } catch { throw ValueProblem(error) }
    }

    static func method(_ text: String) throws -> RepaymentMethod {
        do { return try RepaymentMethod(parsing: text) } catch { throw ValueProblem(error) }
    }

    static func dayCount(_ text: String) throws -> DayCount {
        do { return try DayCount(parsing: text) } catch { throw ValueProblem(error) }
    }

    static func settlement(_ text: String) throws -> Settlement {
        do { return try Settlement(parsing: text) } catch { throw ValueProblem(error) }
    }

    static func rounding(_ text: String) throws -> Rounding {
        do { return try Rounding(scheduleParsing: text) } catch { throw ValueProblem(error) }
    }

    static func role(_ text: String) throws -> UserRole {
        do { return try UserRole(parsing: text) } catch { throw ValueProblem(error) }
    }

    /// A whole number such as a term in months; refuses `12.5`, `abc` and blanks.
    static func count(_ text: String) throws -> Int {
        do { return try WholeNumber.parse(text) } catch { throw ValueProblem(error) }
    }

    static func byteCount(_ text: String) throws -> Int {
        do { return try WholeNumber.parseByteCount(text) } catch { throw ValueProblem(error) }
    }
}
