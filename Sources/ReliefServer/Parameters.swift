import ReliefDomain
import ReliefInterchange
import ReliefPresentation

/// A request's parameters by the CLI's option names with underscores (SPEC.md's API), read
/// into domain values; every problem is kept with its field, so that one answer lists them all.
struct Parameters {
    /// Values as sent; a JSON number never reaches here (no money travels as a float).
    let values: [String: String]
    private(set) var problems: [FieldProblem] = []

    init(_ values: [String: String]) { self.values = values }

    mutating func problem(_ field: String, _ message: String) { problems.append(FieldProblem(field: field, message: message)) }

    /// The value of `field`, parsed; nil (with a problem) when it is missing and `required`, or
    /// malformed.
    mutating func value<T>(_ field: String, required: Bool = false, _ parse: (String) throws(ParseError) -> T) -> T? {
        guard let text = values[field], !text.isEmpty else {
            if required { problem(field, "is required") }
            return nil
        }
        do { return try parse(text) } catch { problem(field, error.description); return nil }
    }

    /// A whole number (a term in months, bridge days).
    mutating func count(_ field: String, required: Bool = false) -> Int? {
        value(field, required: required) { (text: String) throws(ParseError) in try WholeNumber.parse(text) }
    }

    /// `true` or `false`; absent is `false`.
    mutating func flag(_ field: String) -> Bool {
        value(field) { (text: String) throws(ParseError) -> Bool in
            switch text {
            case "true": return true
            case "false": return false
            default: throw ParseError(input: text, kind: "flag", reason: "expected true or false")
            }
        } ?? false
    }

    /// A loan's terms and its rounding (`principal`, `rate`, `start`, `months`, `method`,
    /// `day_count`, `settlement`, `rounding`), or nil with the problems recorded. A term that
    /// breaks a rule (a rate over 36%) is a problem of the terms as a whole.
    mutating func loanTerms() -> (terms: LoanTerms, rounding: Rounding)? {
        let principal = value("principal", required: true) { (text: String) throws(ParseError) in try Money(parsing: text) }
        let rate = value("rate", required: true) { (text: String) throws(ParseError) in try Rate(parsing: text) }
        let start = value("start", required: true) { (text: String) throws(ParseError) in try CivilDate(parsing: text) }
        let months = count("months", required: true)
        let method = value("method") { (text: String) throws(ParseError) in try RepaymentMethod(parsing: text) } ?? .annuity
        let dayCount = value("day_count") { (text: String) throws(ParseError) in try DayCount(parsing: text) }
        let settlement = value("settlement") { (text: String) throws(ParseError) in try Settlement(parsing: text) } ?? .dueDates
        let rounding = value("rounding") { (text: String) throws(ParseError) in try Rounding(scheduleParsing: text) } ?? .halfUp
        guard let principal, let rate, let start, let months, problems.isEmpty else { return nil }
        do {
            return (try LoanTerms(principal: principal, annualRate: rate, start: start, termMonths: months, method: method,
                                  dayCount: dayCount, settlement: settlement), rounding)
        } catch {
            problem(Self.field(of: error), error.message)
            return nil
        }
    }

    /// A built-in programme by name (`programme`, default 2020: no paths on the server) with the
    /// overrides `from`, `until`, `defer_to`, `penalty_uplift`, `compound_deferred_interest`.
    mutating func programme() -> ReliefProgramme? {
        let name = values["programme"].flatMap { $0.isEmpty ? nil : $0 } ?? "2020"
        guard let base = ReliefProgramme.preset(named: name) else {
            problem("programme", "no built-in programme '\(name)'; the presets are \(ReliefProgramme.presetNames.joined(separator: ", "))")
            return nil
        }
        let from = value("from") { (text: String) throws(ParseError) in try CivilDate(parsing: text) }
        let until = value("until") { (text: String) throws(ParseError) in try CivilDate(parsing: text) }
        let deferTo = value("defer_to") { (text: String) throws(ParseError) in try CivilDate(parsing: text) }
        let uplift = value("penalty_uplift") { (text: String) throws(ParseError) in try Rate(parsing: text) }
        let compound = flag("compound_deferred_interest")
        do {
            return try base.overriding(from: from, until: until, deferralDate: deferTo, penaltyUplift: uplift,
                                       compoundOnDeferredInterest: compound ? true : nil)
        } catch {
            problem("programme", "\(error)")
            return nil
        }
    }

    /// An upload's `encoding` (detected when absent); and its `profile` (a statement profile by
    /// built-in name, SPEC.md): none is built in yet, so any value is refused rather than
    /// silently ignored; paths are never taken on the server.
    mutating func uploadEncoding() -> TextEncoding? {
        if let name = values["profile"], !name.isEmpty {
            problem("profile", "no built-in statement profile named '\(name.prefix(60))': statements are read by their recognised layouts")
        }
        return value("encoding") { (text: String) throws(ParseError) in try TextEncoding(parsing: text) }
    }

    /// The parameter a rule of the loan's terms is about, for the problem's `field`.
    static func field(of violation: RuleViolation) -> String {
        switch violation.rule {
        case "principal-limit": return "principal"
        case "rate-limit": return "rate"
        case "term-limit": return "months"
        case "date-limit": return "start"
        case "settlement-method": return "settlement"
        case "bridge-days-minimum": return "bridge_days"
        default: return "terms"
        }
    }
}
