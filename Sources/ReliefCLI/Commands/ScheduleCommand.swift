import ArgumentParser
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefPresentation

/// `relief schedule`: a loan's repayment schedule, exact to the fen.
struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Print a loan's repayment schedule, exact to the fen.",
        discussion: """
            Methods: annuity (等额本息, level payments), equal-principal (等额本金), \
            interest-only (按期付息到期还本 / 先息后本) and bullet (到期一次还本付息 / 利随本清). \
            Due dates fall monthly on the start day, clamped to month end (start 2019-01-31: \
            due 2019-02-28, 2019-03-31, ...). The last installment absorbs rounding residuals.

            Examples:
              relief schedule --principal 1000000 --rate 4.90% \\
                  --start 2020-01-15 --months 240
              relief schedule --principal 500,000 --rate 0.0435 \\
                  --start 2020-01-15 --months 12 \\
                  --method 先息后本 --settlement quarterly --format csv
            """
    )

    @OptionGroup var loan: LoanOptions
    @OptionGroup var output: FormatOption

    func run() throws {
        let terms = try loan.terms()
        let schedule = try LoanQuoteWorkflow.schedule(terms, rounding: loan.rounding)
        StandardStreams.writeOut(ScheduleReport(schedule: schedule).render(output.format))
    }
}
