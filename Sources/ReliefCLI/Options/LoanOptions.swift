import ArgumentParser
import ReliefDomain

/// The loan options shared by `schedule`, `defer`, `extend`, `renew` and `estimate`.
///
/// The four terms are optional to the parser because `defer` without `--principal` works
/// on a database portfolio instead; `terms()` insists on them (exit 64 when one is missing).
struct LoanOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Required for one loan. Principal in CNY: 1000000, 1,000,000.00 or ¥1,000,000 (0.01 to 10,000,000,000).", valueName: "amount"),
            transform: ValueParsers.money)
    var principal: Money?

    @Option(help: ArgumentHelp("Required for one loan. Annual contract rate: 4.35% or 0.0435 (0 to 36%).", valueName: "rate"),
            transform: ValueParsers.rate)
    var rate: Rate?

    @Option(help: ArgumentHelp("Required for one loan. Disbursement date, the first day of interest (YYYY-MM-DD).", valueName: "date"),
            transform: ValueParsers.date)
    var start: CivilDate?

    @Option(help: ArgumentHelp("Required for one loan. Term in months (1 to 600).", valueName: "n"), transform: ValueParsers.count)
    var months: Int?

    @Option(help: ArgumentHelp("annuity (等额本息), equal-principal (等额本金), interest-only (先息后本) or bullet (利随本清).",
                               valueName: "method"),
            transform: ValueParsers.method)
    var method: RepaymentMethod = .annuity

    @Option(name: .customLong("day-count"),
            help: ArgumentHelp("30/360, act/360 or act/365. Default: 30/360 for annuity and equal-principal, act/360 for interest-only and bullet.",
                               valueName: "convention"),
            transform: ValueParsers.dayCount)
    var dayCount: DayCount?

    @Option(help: ArgumentHelp("Interest-only loans: due-dates (interest on each monthly due date) or quarterly (on 20 Mar/Jun/Sep/Dec).",
                               valueName: "when"),
            transform: ValueParsers.settlement)
    var settlement: Settlement = .dueDates

    @Option(help: ArgumentHelp("How amounts are rounded to the fen: half-up (default) or half-even.", valueName: "rule"),
            transform: ValueParsers.rounding)
    var rounding: Rounding = .halfUp

    /// Whether any loan term was given (the single-loan form of `defer`).
    var isGiven: Bool { principal != nil || rate != nil || start != nil || months != nil }

    /// The validated terms: exit 64 when a term is missing, 65 when one is outside its limits.
    func terms() throws -> LoanTerms {
        guard let principal, let rate, let start, let months else {
            let missing = [("--principal", principal == nil), ("--rate", rate == nil), ("--start", start == nil),
                           ("--months", months == nil)].filter(\.1).map(\.0)
            throw CommandFailure(.usage, "missing \(missing.joined(separator: ", ")): a loan needs --principal, --rate, --start and --months")
        }
        return try LoanTerms(principal: principal, annualRate: rate, start: start, termMonths: months,
                             method: method, dayCount: dayCount, settlement: settlement)
    }
}
