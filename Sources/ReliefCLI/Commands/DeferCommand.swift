import ArgumentParser
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefLedger
import ReliefPresentation

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

            Without the loan options, defers the loans in the ledger (--db): every eligible \
            loan, or those named with --loan. Eligibility comes from the stored enterprise \
            and loan (size class, credit line, relief application, maturity for 2022-11). \
            The deferred rows, the relief per loan and the journal entries are stored in one \
            transaction; applying the same programme twice defers nothing twice. --dry-run \
            computes all of it and writes nothing: the same summary, a preview.

            Examples:
              relief defer --principal 1000000 --rate 4.35% \\
                  --start 2019-12-15 --months 12 --programme 2020
              relief defer --db relief.sqlite --programme 2020 --dry-run
              relief defer --db relief.sqlite --programme 2020 --format json
            """
    )

    // "Required." on the four terms holds for one loan; without any of them the ledger's
    // portfolio is deferred, which the group's title says.
    @OptionGroup(title: "One loan (omit all four terms to defer the ledger's portfolio)") var loan: LoanOptions
    @OptionGroup var programmeOptions: ProgrammeOptions
    @Option(name: .customLong("loan"), help: ArgumentHelp("Portfolio: defer only this loan (repeat for several).", valueName: "id"))
    var loanIDs: [String] = []

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Portfolio: no progress on stderr.") var quiet = false
    @Flag(name: .customLong("dry-run"), help: "Portfolio: show what the deferral would do and write nothing.") var dryRun = false

    @OptionGroup var output: FormatOption

    func run() throws {
        guard loan.isGiven else { return try deferPortfolio() }
        if dryRun { throw CommandFailure(.usage, "--dry-run previews a portfolio deferral (--db without the loan options); a single loan's deferral writes nothing anyway") }
        let terms = try loan.terms()
        let programme = try programmeOptions.resolve()
        let result = try LoanQuoteWorkflow.deferred(terms, programme: programme, rounding: loan.rounding)
        StandardStreams.writeOut(DeferralReport(result: result).render(output.format))
    }

    /// The portfolio form: every eligible loan in the ledger, or those named.
    func deferPortfolio() throws {
        let programme = try programmeOptions.resolve()
        let ids: [LoanID]?
        do { ids = loanIDs.isEmpty ? nil : try loanIDs.map { try LoanID(validating: $0) } } catch {
            throw CommandFailure(.usage, "\(error)")
        }
        let store = try database.open()
        var progress = Progress("deferring", quiet: quiet)
        let request = PortfolioDeferralWorkflow.Request(programme: programme, loans: ids, rounding: loan.rounding, dryRun: dryRun)
        let summary = try PortfolioDeferralWorkflow.run(request, ledger: store) { done, total in
            if done % 1000 == 0 || done == total { progress.update(done, of: total) }
        }
        var text = PortfolioDeferralReport(programme: programme, summary: summary).render(output.format)
        if output.format == .table && summary.refusals.count > 50 { text += "(--format csv lists every refused loan)\n" }
        if dryRun && output.format == .table { text += "Dry run: nothing was written.\n" }
        StandardStreams.writeOut(text)
    }
}
