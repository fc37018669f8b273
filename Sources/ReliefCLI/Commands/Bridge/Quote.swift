import ArgumentParser
import Foundation
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

extension BridgeCommand {
    struct Quote: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "quote",
            abstract: "Price a bridge advance; exit 65 when it breaks a rule of the terms.",
            discussion: """
                Compares the fund's fee with the old 0.1% rate and with private bridge money \
                (0.3% a day). Uses the seed's terms, or the stored ones when --db or RELIEF_DB \
                names a ledger; the term options override either.

                Example:
                  relief bridge quote --amount 5000000 --from 2020-03-02 --to 2020-03-12
                """
        )

        @Option(help: ArgumentHelp("Required. The amount advanced.", valueName: "amount"), transform: ValueParsers.money)
        var amount: Money
        @Option(help: ArgumentHelp("Required. The advance date.", valueName: "date"), transform: ValueParsers.date)
        var from: CivilDate
        @Option(help: ArgumentHelp("Required. The repayment date.", valueName: "date"), transform: ValueParsers.date)
        var to: CivilDate
        @Option(name: .customLong("daily-rate"), help: ArgumentHelp("The fee rate a day (default: the cap).", valueName: "rate"),
                transform: ValueParsers.rate)
        var dailyRate: Rate?
        @Option(help: ArgumentHelp("The bank's renewal commitment, for the commitment-share rule.", valueName: "amount"),
                transform: ValueParsers.money)
        var commitment: Money?
        @Option(name: .customLong("private-daily-rate"), help: ArgumentHelp("Private bridge money's rate a day (default 0.3%).", valueName: "rate"),
                transform: ValueParsers.rate)
        var privateDailyRate: Rate = BridgeTerms.privateDailyRate
        @OptionGroup var termOptions: BridgeTermsOptions
        @Option(help: ArgumentHelp("Take the fund's stored terms from this ledger.", valueName: "path"))
        var db: String?
        @OptionGroup var output: FormatOption

        func run() throws {
            var terms = BridgeTerms.seed()
            let environment = ProcessInfo.processInfo.environment["RELIEF_DB"]
            if let path = db ?? (environment?.isEmpty == false ? environment : nil) {
                terms = try BridgeFundWorkflow.terms(try LedgerStore.open(at: path))
            }
            let comparison = try BridgeFundWorkflow.quote(amount: amount, from: from, to: to, dailyRate: dailyRate, commitment: commitment,
                                                          privateDailyRate: privateDailyRate, terms: try termOptions.applied(to: terms))
            StandardStreams.writeOut(BridgeQuoteReport(comparison: comparison).render(output.format))
        }
    }
}
