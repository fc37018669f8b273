import ReliefDomain
import ReliefEngine
import ReliefInterchange

/// A single loan's deferral in the three formats (SPEC.md "defer --format json").
public struct DeferralReport {
    public let result: DeferralResult

    public init(result: DeferralResult) {
        self.result = result
    }

    public func render(_ format: OutputFormat) -> String {
        switch format {
        case .table: return table()
        case .csv: return csv()
        case .json: return json().rendered()
        }
    }

    public static func describe(_ programme: ReliefProgramme) -> String {
        let window = "\(programme.window.lowerBound) to \(programme.window.upperBound)"
        let what: String
        switch programme.scope {
        case .both: what = "principal and interest"
        case .principal: what = "principal"
        case .interest: what = "interest"
        }
        return "Programme \(programme.name): \(programme.title)\n"
            + "Defers the \(what) of installments due \(window) to \(programme.deferralDate); penalty interest waived."
    }

    public func table() -> String {
        let totals = result.totals
        var text = DeferralReport.describe(result.programme) + "\n"
        text += "Loan: " + ScheduleReport.describe(result.schedule.terms) + "\n\n"
        var table = TextTable([
            .init(title: "Period", alignment: .right), .init(title: "Was due", alignment: .left),
            .init(title: "Now due", alignment: .left), .init(title: "Days", alignment: .right),
            .init(title: "Principal", alignment: .right), .init(title: "Interest", alignment: .right),
            .init(title: "Payment", alignment: .right), .init(title: "Status", alignment: .left),
        ])
        for row in result.installments {
            let status: String
            if !row.isDeferred { status = "" } else if row.dueDate == row.original.dueDate {
                status = "partly deferred (\((row.deferredPrincipal + row.deferredInterest).formatted(grouped: true)) to \(result.deferralDate))"
            } else { status = "deferred \(row.daysDeferred) days" }
            let original = row.original
            table.add([String(original.period), original.dueDate.description, row.dueDate.description,
                       row.isDeferred ? String(row.daysDeferred) : "", original.principal.formatted(grouped: true),
                       original.interest.formatted(grouped: true), original.payment.formatted(grouped: true), status])
        }
        text += table.render() + "\n"
        guard result.deferredAnything else {
            return text + "No installment falls due between \(result.programme.window.lowerBound) and \(result.programme.window.upperBound): nothing to defer, every amount is 0.00.\n"
        }
        let rate = result.schedule.terms.annualRate
        let upliftFactor = Rate.one + result.programme.penaltyUplift
        var summary = TextTable([.init(title: "What", alignment: .left), .init(title: "CNY", alignment: .right)])
        summary.add(["Deferred principal (\(totals.deferredInstallments) installment\(totals.deferredInstallments == 1 ? "" : "s"))",
                     totals.deferredPrincipal.formatted(grouped: true)])
        summary.add(["Deferred interest", totals.deferredInterest.formatted(grouped: true)])
        summary.add(["Ordinary interest on deferred principal at \(rate.percentString()) (still owed)",
                     totals.interestOnDeferredPrincipal.formatted(grouped: true)])
        summary.add(["Compound interest on deferred interest" + (result.programme.compoundOnDeferredInterest ? "" : " (not charged)"),
                     totals.compoundOnDeferredInterest.formatted(grouped: true)])
        summary.addTotals(["Due on \(result.deferralDate) as a lump sum", totals.dueOnDeferralDate.formatted(grouped: true)])
        summary.add(["", ""])
        summary.add(["Without relief: penalty interest at \(rate.percentString()) x \(upliftFactor.fractionString(minimumDecimals: 1))",
                     totals.penaltyInterestWithoutRelief.formatted(grouped: true)])
        summary.add(["Without relief: compound interest on the unpaid interest", totals.compoundInterestWithoutRelief.formatted(grouped: true)])
        summary.addTotals(["Relief: what the firm is spared", totals.relief.formatted(grouped: true)])
        text += summary.render()
        text += "Deferred installments are not overdue: the credit record is unaffected.\n"
        return text
    }

    public static let csvHeader = ScheduleReport.csvHeader + ["deferred", "original_due_date", "deferred_principal", "deferred_interest"]

    public func csv() -> String {
        var csv = CSVText(header: DeferralReport.csvHeader)
        for row in result.installments {
            var fields = ScheduleReport.csvFields(row.original)
            fields[1] = row.dueDate.description
            fields += [row.isDeferred ? "true" : "false", row.original.dueDate.description,
                       row.deferredPrincipal.description, row.deferredInterest.description]
            csv.append(fields)
        }
        return csv.text
    }

    public func json() -> JSONValue {
        let totals = result.totals
        let rows: [JSONValue] = result.installments.map { row in
            var members = ScheduleReport.jsonMembers(row.original)
            members[1] = ("due_date", .string(row.dueDate.description))
            members.append(("deferred", .bool(row.isDeferred)))
            if row.isDeferred && row.dueDate == row.original.dueDate {
                // A programme that defers only principal or only interest leaves the row on its
                // date; the parts that moved are named.
                members.append(("deferred_principal", .string(row.deferredPrincipal.description)))
                members.append(("deferred_interest", .string(row.deferredInterest.description)))
            }
            return .object(members)
        }
        return .object([
            ("programme", .string(result.programme.name)),
            ("installments", .array(rows)),
            ("deferral_date", .string(result.deferralDate.description)),
            ("deferred_principal", .string(totals.deferredPrincipal.description)),
            ("deferred_interest", .string(totals.deferredInterest.description)),
            ("interest_on_deferred_principal", .string(totals.interestOnDeferredPrincipal.description)),
            ("compound_on_deferred_interest", .string(totals.compoundOnDeferredInterest.description)),
            ("penalty_interest_without_relief", .string(totals.penaltyInterestWithoutRelief.description)),
            ("compound_interest_without_relief", .string(totals.compoundInterestWithoutRelief.description)),
            ("relief", .string(totals.relief.description)),
        ])
    }
}
