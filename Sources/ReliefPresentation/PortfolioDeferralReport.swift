import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger

/// The summary of a portfolio deferral (SPEC.md portfolio `defer --format json`).
public struct PortfolioDeferralReport {
    public let programme: ReliefProgramme
    public let summary: PortfolioDeferral.Summary

    public init(programme: ReliefProgramme, summary: PortfolioDeferral.Summary) {
        self.programme = programme
        self.summary = summary
    }

    /// The `--format json` answer (the API answers with it too; the web pages show it).
    public func json() -> JSONValue {
        let totals = summary.totals
        return JSONValue.object([
            ("programme", .string(programme.name)),
            ("loans_considered", .integer(summary.loansConsidered)),
            ("loans_deferred", .integer(summary.loansDeferred)),
            ("loans_refused", .integer(summary.refusals.count)),
            ("loans_already_deferred", .integer(summary.loansAlreadyDeferred)),
            ("loans_with_nothing_in_window", .integer(summary.loansWithNothingInWindow)),
            ("refusals", .array(summary.refusals.map { .object([("loan_id", .string($0.loanID.rawValue)), ("reason", .string($0.reason))]) })),
            ("deferred_principal", .string(totals.deferredPrincipal.description)),
            ("deferred_interest", .string(totals.deferredInterest.description)),
            ("interest_on_deferred_principal", .string(totals.interestOnDeferredPrincipal.description)),
            ("relief", .string(totals.relief.description)),
        ])
    }

    public func render(_ format: OutputFormat) -> String {
        switch format {
        case .json:
            return json().rendered()
        case .csv:
            var csv = CSVText(header: ["loan_id", "reason"])
            for refusal in summary.refusals { csv.append([refusal.loanID.rawValue, refusal.reason]) }
            return csv.text
        case .table:
            var text = summaryTable(indent: "")
            if !summary.refusals.isEmpty {
                var refusals = TextTable([.init(title: "Refused loan", alignment: .left), .init(title: "Reason", alignment: .left)])
                for refusal in summary.refusals.prefix(50) { refusals.add([refusal.loanID.rawValue, refusal.reason]) }
                text += "\n" + refusals.render()
                if summary.refusals.count > 50 { text += "... and \(summary.refusals.count - 50) more\n" }
            }
            return text
        }
    }

    /// The counts and sums as a two-column table, each line prefixed with `indent`.
    public func summaryTable(indent: String) -> String {
        let totals = summary.totals
        var table = TextTable([.init(title: "Programme \(programme.name), deferred to \(programme.deferralDate)", alignment: .left),
                               .init(title: "", alignment: .right)])
            table.add(["Loans considered", String(summary.loansConsidered)])
            table.add(["Loans deferred now", String(summary.loansDeferred)])
            table.add(["Loans refused (not eligible)", String(summary.refusals.count)])
            table.add(["Loans already deferred under this programme", String(summary.loansAlreadyDeferred)])
            table.add(["Eligible loans with nothing due in the window", String(summary.loansWithNothingInWindow)])
            table.add(["Deferred principal (CNY)", totals.deferredPrincipal.formatted(grouped: true)])
            table.add(["Deferred interest (CNY)", totals.deferredInterest.formatted(grouped: true)])
            table.add(["Ordinary interest on deferred principal (CNY)", totals.interestOnDeferredPrincipal.formatted(grouped: true)])
        table.add(["Relief: penalty and compound interest spared (CNY)", totals.relief.formatted(grouped: true)])
        return table.render().split(separator: "\n").map { indent + $0 }.joined(separator: "\n") + "\n"
    }
}
