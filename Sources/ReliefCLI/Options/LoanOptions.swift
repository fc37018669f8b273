import ArgumentParser
import ReliefDomain

/// The loan options shared by `schedule`, `defer`, `extend` and `estimate`.
struct LoanOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Principal in CNY: 1000000, 1,000,000.00 or ¥1,000,000 (0.01 to 10,000,000,000).", valueName: "amount"),
            transform: ValueParsers.money)
    var principal: Money

    @Option(help: ArgumentHelp("Annual contract rate: 4.35% or 0.0435 (0 to 36%).", valueName: "rate"),
            transform: ValueParsers.rate)
    var rate: Rate

    @Option(help: ArgumentHelp("Disbursement date, the first day of interest (YYYY-MM-DD).", valueName: "date"),
            transform: ValueParsers.date)
    var start: CivilDate

    @Option(help: ArgumentHelp("Term in months (1 to 600).", valueName: "n"), transform: ValueParsers.count)
    var months: Int

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

    /// The validated terms; a value outside its limits exits 65 with the limit.
    func terms() throws -> LoanTerms {
        try LoanTerms(principal: principal, annualRate: rate, start: start, termMonths: months,
                      method: method, dayCount: dayCount, settlement: settlement)
    }
}
