import ReliefDomain
import ReliefEngine
import ReliefInterchange

/// A schedule as the three output formats of the contract (SPEC.md "schedule --format").
public struct ScheduleReport {
    public let schedule: Schedule

    public init(schedule: Schedule) {
        self.schedule = schedule
    }

    public static let csvHeader = ["period", "due_date", "days", "principal", "interest", "payment", "balance"]

    public func render(_ format: OutputFormat) -> String {
        switch format {
        case .table: return table()
        case .csv: return csv()
        case .json: return json().rendered()
        }
    }

    /// One line that says what the loan is, as a loan officer would describe it.
    public static func describe(_ terms: LoanTerms) -> String {
        var text = "\(terms.method.rawValue) (\(terms.method.chineseName)): \(terms.principal.formatted(grouped: true)) CNY"
            + " at \(terms.annualRate.percentString()) a year from \(terms.start), \(terms.termMonths) month\(terms.termMonths == 1 ? "" : "s")"
            + " to \(terms.maturity), day count \(terms.dayCount.rawValue)"
        if terms.method == .interestOnly {
            text += terms.settlement == .quarterly ? ", interest settled quarterly on the 20th" : ", interest on each due date"
        }
        return text
    }

    public func table() -> String {
        var table = TextTable([
            .init(title: "Period", alignment: .right), .init(title: "Due date", alignment: .left),
            .init(title: "Days", alignment: .right), .init(title: "Principal", alignment: .right),
            .init(title: "Interest", alignment: .right), .init(title: "Payment", alignment: .right),
            .init(title: "Balance", alignment: .right),
        ])
        for row in schedule.installments {
            table.add([String(row.period), row.dueDate.description, String(row.days),
                       row.principal.formatted(grouped: true), row.interest.formatted(grouped: true),
                       row.payment.formatted(grouped: true), row.balance.formatted(grouped: true)])
        }
        table.addTotals(["Total", "", "", schedule.totalPrincipal.formatted(grouped: true),
                         schedule.totalInterest.formatted(grouped: true), schedule.totalPayment.formatted(grouped: true), ""])
        return ScheduleReport.describe(schedule.terms) + "\n\n" + table.render()
    }

    public func csv() -> String {
        var csv = CSVText(header: ScheduleReport.csvHeader)
        for row in schedule.installments { csv.append(ScheduleReport.csvFields(row)) }
        return csv.text
    }

    public static func csvFields(_ row: Installment) -> [String] {
        [String(row.period), row.dueDate.description, String(row.days), row.principal.description,
         row.interest.description, row.payment.description, row.balance.description]
    }

    public func json() -> JSONValue { .object(jsonMembers()) }

    /// `installments` and `totals`, for reports that embed a schedule among other keys.
    public func jsonMembers() -> [(String, JSONValue)] {
        [
            ("installments", .array(schedule.installments.map { .object(ScheduleReport.jsonMembers($0)) })),
            ("totals", .object([
                ("principal", .string(schedule.totalPrincipal.description)),
                ("interest", .string(schedule.totalInterest.description)),
                ("payment", .string(schedule.totalPayment.description)),
            ])),
        ]
    }

    public static func jsonMembers(_ row: Installment) -> [(String, JSONValue)] {
        [("period", .integer(row.period)), ("due_date", .string(row.dueDate.description)), ("days", .integer(row.days)),
         ("principal", .string(row.principal.description)), ("interest", .string(row.interest.description)),
         ("payment", .string(row.payment.description)), ("balance", .string(row.balance.description))]
    }
}
