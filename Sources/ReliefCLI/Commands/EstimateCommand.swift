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
        guard bridgeDays >= 1 else { throw CommandFailure(.dataError, "--bridge-days must be at least 1 (a same-day bridge counts as one day)") }
        let estimate = try LoanQuoteWorkflow.estimate(try loan.terms(), programme: try programmeOptions.resolve(), bridgeDays: bridgeDays,
                                                      privateDailyRate: privateDailyRate, rounding: loan.rounding)
        if let html {
            try OutputFile(html).write(Data(page(estimate).utf8))
        }
        switch output.format {
        case .json:
            StandardStreams.writeOut(JSONValue.object([
                ("options", .array(estimate.lines.map { line in
                    .object([("option", .string(line.option.rawValue)), ("interest_and_fees", .string(line.interestAndFees.description)),
                             ("saving_vs_overdue", .string((line.savingVsOverdue ?? .zero).description)), ("advice", .string(line.advice))])
                })),
                ("renewal", .object([
                    ("renewed_on", .string(estimate.renewal.renewedOn.description)),
                    ("principal_settled", .string(estimate.renewal.principalSettled.description)),
                    ("accrued_interest_settled", .string(estimate.renewal.accruedInterestSettled.description)),
                    ("advice", .string(renewalAdvice(estimate))),
                ])),
            ]).rendered())
        case .csv:
            var csv = CSVText(header: ["option", "interest_and_fees", "saving_vs_overdue", "advice"])
            for line in estimate.lines {
                csv.append([line.option.rawValue, line.interestAndFees.description, (line.savingVsOverdue ?? .zero).description, line.advice])
            }
            StandardStreams.writeOut(csv.text)
        case .table:
            var table = TextTable([.init(title: "Option", alignment: .left), .init(title: "Interest and fees", alignment: .right),
                                   .init(title: "Saving vs overdue", alignment: .right)])
            let names: [ReliefEstimate.Option: String] = [
                .onSchedule: "Pay on schedule", .deferral: "Defer under programme \(estimate.deferral.programme.name)",
                .overdueWithoutRelief: "Fall overdue without relief", .bridgeFund: "Bridge fund, \(estimate.bridgeQuote.days) days",
                .privateBridge: "Private bridge money, \(estimate.bridgeQuote.days) days",
            ]
            for line in estimate.lines {
                table.add([names[line.option] ?? line.option.rawValue, line.interestAndFees.formatted(grouped: true),
                           line.savingVsOverdue?.formatted(grouped: true) ?? ""])
            }
            var text = "Loan: " + ScheduleReport.describe(estimate.schedule.terms) + "\n\n" + table.render() + "\n"
            for line in estimate.lines { text += "- \(names[line.option] ?? ""): \(line.advice)\n" }
            text += "- Renewal without repaying principal (无还本续贷): \(renewalAdvice(estimate))\n"
            StandardStreams.writeOut(text)
        }
    }

    /// A self-contained XHTML page: the options as bars, the advice beneath.
    func page(_ estimate: ReliefEstimate) -> String {
        let chart = SVGChart.bars(title: "Interest and fees by option (CNY) 各方案利息与费用",
                                  estimate.lines.map { ($0.option.rawValue.replacingOccurrences(of: "_", with: " "), $0.interestAndFees) })
        let rows = estimate.lines.map { "<tr><td>\(SVGChart.escape($0.option.rawValue))</td><td class=\"n\">\($0.interestAndFees.formatted(grouped: true))</td><td>\(SVGChart.escape($0.advice))</td></tr>" }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="zh-CN"><head><meta charset="UTF-8"/><title>CreditRelief estimate</title>
            <style>body{font-family:sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em}td.n{text-align:right}</style>
            </head><body><h1>Estimate 测算</h1><p>\(SVGChart.escape(ScheduleReport.describe(estimate.schedule.terms)))</p>\(chart)
            <table><thead><tr><th>Option 方案</th><th>Interest and fees 利息与费用</th><th>Advice 建议</th></tr></thead><tbody>\(rows.joined())</tbody></table>
            <p>\(SVGChart.escape(renewalAdvice(estimate)))</p></body></html>

            """
    }

    func renewalAdvice(_ estimate: ReliefEstimate) -> String {
        let renewal = estimate.renewal
        return "Renewing on \(renewal.renewedOn) settles the \(renewal.principalSettled.formatted(grouped: true)) still owed with the new loan, so no bridge is needed (saving the fund's \(estimate.bridgeQuote.fee.formatted(grouped: true)) fee); only \(renewal.accruedInterestSettled.formatted(grouped: true)) of accrued interest is due then."
    }
}
