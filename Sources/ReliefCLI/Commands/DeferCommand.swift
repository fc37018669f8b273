import ArgumentParser
import ReliefDomain
import ReliefEngine

/// `relief defer`: apply a relief programme to one loan (with --principal ...).
struct DeferCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "defer",
        abstract: "Defer a loan's principal and interest under a relief programme, penalty interest waived.",
        discussion: """
            With the loan options (--principal, --rate, --start, --months, ...), computes one \
            loan: installments due within the programme's window (both ends inclusive) fall \
            due on the deferral date as a lump sum; the deferred principal still bears \
            ordinary interest; the comparison without relief charges penalty interest \
            (rate x (1 + uplift)) on the overdue principal and compound interest on the \
            overdue interest, from each due date to the deferral date. Relief is the \
            difference. No eligibility is checked for a single loan.

            Example:
              relief defer --principal 1000000 --rate 4.35% \\
                  --start 2019-12-15 --months 12 --programme 2020
            """
    )

    @OptionGroup var loan: LoanOptions
    @OptionGroup var programmeOptions: ProgrammeOptions
    @OptionGroup var output: FormatOption

    func run() throws {
        guard loan.isGiven else {
            throw CommandFailure(.usage, "give the loan (--principal, --rate, --start, --months); deferring a database portfolio needs the ledger, not yet in this version")
        }
        let terms = try loan.terms()
        let programme = try programmeOptions.resolve()
        let schedule = try ScheduleCalculator(rounding: loan.rounding).schedule(for: terms)
        let result = DeferralCalculator(programme: programme, rounding: loan.rounding).apply(to: schedule)
        StandardStreams.writeOut(DeferralReport(result: result).render(output.format))
    }
}
