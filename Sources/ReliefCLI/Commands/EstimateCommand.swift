import ArgumentParser
import Foundation
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefPresentation

/// `relief estimate`: an enterprise's options side by side, with advice from the numbers.
struct EstimateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "estimate",
        abstract: "Compare paying on schedule, deferring, falling overdue, bridging and renewing for one loan.",
        discussion: """
            For an enterprise's finance staff; needs no database. Interest and fees per option: \
            on schedule = the schedule's interest; deferral = that plus ordinary interest on \
            deferred principal; overdue without relief = that plus penalty and compound \
            interest to the deferral date; bridge fund and private bridge = the fee for \
            bridging the whole principal at maturity for --bridge-days days.

            Example:
              relief estimate --principal 1000000 --rate 4.35% --start 2019-12-15 --months 12
            """
    )

    @OptionGroup var loan: LoanOptions
    @OptionGroup var programmeOptions: ProgrammeOptions

    @Option(name: .customLong("bridge-days"), help: ArgumentHelp("Days the principal is bridged at maturity (default 4).", valueName: "n"),
            transform: ValueParsers.count)
    var bridgeDays: Int = 4

    @Option(name: .customLong("private-daily-rate"), help: ArgumentHelp("Private bridge money's rate a day (default 0.3%).", valueName: "rate"),
            transform: ValueParsers.rate)
    var privateDailyRate: Rate = BridgeTerms.privateDailyRate

    @Option(help: ArgumentHelp("Also write an HTML page with a chart comparing the options.", valueName: "file")) var html: String?

    @OptionGroup var output: FormatOption

    func run() throws {
        let estimate = try LoanQuoteWorkflow.estimate(try loan.terms(), programme: try programmeOptions.resolve(), bridgeDays: bridgeDays,
                                                      privateDailyRate: privateDailyRate, rounding: loan.rounding)
        let report = EstimateReport(estimate: estimate)
        if let html {
            try OutputFile(html).write(Data(report.page().utf8))
        }
        StandardStreams.writeOut(report.render(output.format))
    }
}
