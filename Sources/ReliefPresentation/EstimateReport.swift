import ReliefDomain
import ReliefEngine
import ReliefInterchange

/// An enterprise's options through maturity (`estimate`, the public `/estimate`): the figures
/// side by side, one sentence of advice per option worked out from them, and the renewal.
public struct EstimateReport {
    public let estimate: ReliefEstimate

    public init(estimate: ReliefEstimate) { self.estimate = estimate }

    /// The sentence of advice for `option`.
    public func advice(_ option: ReliefEstimate.Option) -> String {
        let deferral = estimate.deferral, totals = deferral.totals, programme = estimate.programme
        let bridge = estimate.bridgeQuote, privateFee = estimate.privateFee
        let interest = estimate.schedule.totalInterest
        let cost = { (option: ReliefEstimate.Option) in estimate.lines.first { $0.option == option }?.interestAndFees ?? .zero }
        let overdueCost = cost(.overdueWithoutRelief), deferralCost = cost(.deferral)
        let money = { (amount: Money) in amount.formatted(grouped: true) }
        switch option {
        case .onSchedule:
            return "Paying every installment on time costs \(money(interest)) of interest in all"
                + (deferral.deferredAnything ? ", \(money(overdueCost - interest)) less than letting the installments due \(programme.window.lowerBound) to \(programme.window.upperBound) fall overdue." : "; the programme's window holds none of its installments.")
        case .deferral:
            guard deferral.deferredAnything else {
                return "No installment falls due between \(programme.window.lowerBound) and \(programme.window.upperBound), so programme \(programme.name) changes nothing for this loan."
            }
            return "Deferring \(totals.deferredInstallments) installment\(totals.deferredInstallments == 1 ? "" : "s") (\(money(totals.deferredPrincipal)) principal, \(money(totals.deferredInterest)) interest) to \(deferral.deferralDate) adds \(money(deferralCost - interest)) of ordinary interest and spares \(money(totals.relief)) of penalty and compound interest; the credit record stays clean."
        case .overdueWithoutRelief:
            return deferral.deferredAnything
                ? "Leaving the \(money(totals.deferredPrincipal + totals.deferredInterest)) unpaid until \(deferral.deferralDate) without relief would add \(money(overdueCost - interest)) of penalty and compound interest (rate x \((Rate.one + programme.penaltyUplift).fractionString(minimumDecimals: 1))) and an overdue mark in the credit report."
                : "Nothing would fall overdue in the programme's window, so there is no penalty to avoid."
        case .bridgeFund:
            let saving = privateFee - bridge.fee
            return "Bridging the whole principal of \(money(estimate.schedule.terms.principal)) at maturity for \(bridge.days) day\(bridge.days == 1 ? "" : "s") through the fund costs \(money(bridge.fee)), "
                + (saving.isNegative ? "\(money(-saving)) more than private bridge money at this rate." : "\(money(saving)) less than private bridge money.")
        case .privateBridge:
            return "Private bridge money at \(estimate.privateDailyRate.percentString()) a day would cost \(money(privateFee)) for the same \(bridge.days) day\(bridge.days == 1 ? "" : "s")"
                + (bridge.fee.isZero ? "." : ", \(EstimateReport.times(privateFee, bridge.fee)) times the fund's fee.")
        }
    }

    /// The sentence of advice for renewing without repaying principal.
    public var renewalAdvice: String {
        let renewal = estimate.renewal
        return "Renewing on \(renewal.renewedOn) settles the \(renewal.principalSettled.formatted(grouped: true)) still owed with the new loan, so no bridge is needed (saving the fund's \(estimate.bridgeQuote.fee.formatted(grouped: true)) fee); only \(renewal.accruedInterestSettled.formatted(grouped: true)) of accrued interest is due then."
    }

    /// `a / b` with one decimal, half up: "3.8".
    static func times(_ a: Money, _ b: Money) -> String {
        let tenths = Rounding.halfUp.divide(Int128(a.fen) * 10, by: Int128(b.fen))
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// The `--format json` answer (the API answers with it too; the web pages show it).
    public func json() -> JSONValue {
        return JSONValue.object([
            ("options", .array(estimate.lines.map { line in
                .object([("option", .string(line.option.rawValue)), ("interest_and_fees", .string(line.interestAndFees.description)),
                         ("saving_vs_overdue", .string((line.savingVsOverdue ?? .zero).description)), ("advice", .string(advice(line.option)))])
            })),
            ("renewal", .object([
                ("renewed_on", .string(estimate.renewal.renewedOn.description)),
                ("principal_settled", .string(estimate.renewal.principalSettled.description)),
                ("accrued_interest_settled", .string(estimate.renewal.accruedInterestSettled.description)),
                ("advice", .string(renewalAdvice)),
            ])),
        ])
    }

    public func render(_ format: OutputFormat) -> String {
        switch format {
        case .json:
            return json().rendered()
        case .csv:
            var csv = CSVText(header: ["option", "interest_and_fees", "saving_vs_overdue", "advice"])
            for line in estimate.lines {
                csv.append([line.option.rawValue, line.interestAndFees.description, (line.savingVsOverdue ?? .zero).description, advice(line.option)])
            }
            return csv.text
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
            for line in estimate.lines { text += "- \(names[line.option] ?? ""): \(advice(line.option))\n" }
            text += "- Renewal without repaying principal (无还本续贷): \(renewalAdvice)\n"
            return text
        }
    }

    /// A self-contained XHTML page: the options as bars, the advice beneath.
    public func page() -> String {
        let chart = SVGChart.bars(title: "Interest and fees by option (CNY) 各方案利息与费用",
                                  estimate.lines.map { ($0.option.rawValue.split(separator: "_").joined(separator: " "), $0.interestAndFees) })
        let rows = estimate.lines.map { "<tr><td>\(SVGChart.escape($0.option.rawValue))</td><td class=\"n\">\($0.interestAndFees.formatted(grouped: true))</td><td>\(SVGChart.escape(advice($0.option)))</td></tr>" }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="zh-CN"><head><meta charset="UTF-8"/><title>CreditRelief estimate</title>
            <style>body{font-family:sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em}td.n{text-align:right}</style>
            </head><body><h1>Estimate 测算</h1><p>\(SVGChart.escape(ScheduleReport.describe(estimate.schedule.terms)))</p>\(chart)
            <table><thead><tr><th>Option 方案</th><th>Interest and fees 利息与费用</th><th>Advice 建议</th></tr></thead><tbody>\(rows.joined())</tbody></table>
            <p>\(SVGChart.escape(renewalAdvice))</p></body></html>

            """
    }
}
