import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger

/// One loan: terms, current schedule with each row's original due date and deferral status,
/// its deferrals and the import that booked it (`loans show`, the API's `/api/v1/loans/{id}`).
public struct LoanDetailReport {
    public let detail: LoanWorkflow.Detail

    public init(detail: LoanWorkflow.Detail) { self.detail = detail }

    /// The `--format json` answer (the API answers with it too; the web pages show it).
    public func json() -> JSONValue {
        let (record, rows, deferrals, batch) = (detail.record, detail.installments, detail.deferrals, detail.importedBy)
        let loanMembers = LoanJSON.members(record)
        let rowValues: [JSONValue] = rows.map { row in
            .object(ScheduleReport.jsonMembers(row.installment) + [("original_due_date", .string(row.originalDueDate.description)),
                                                                   ("deferred", .bool(row.isDeferred))])
        }
        return JSONValue.object(loanMembers + [
            // The `relief import` run that booked the loan; null when it was booked another way.
            ("imported", batch.map { batch in .object([("source", .string(batch.source)), ("on", .string(batch.recordedOn.description))]) } ?? .null),
            ("installments", .array(rowValues)),
            ("deferrals", .array(deferrals.map { deferral in .object([
                ("programme", .string(deferral.programme)), ("deferral_date", .string(deferral.deferralDate.description)),
                ("deferred_principal", .string(deferral.deferredPrincipal.description)),
                ("deferred_interest", .string(deferral.deferredInterest.description)),
                ("interest_on_deferred_principal", .string(deferral.interestOnDeferredPrincipal.description)),
                ("relief", .string(deferral.relief.description)),
            ]) })),
        ])
    }

    public func render(_ format: OutputFormat) -> String {
        let (record, rows, deferrals, batch) = (detail.record, detail.installments, detail.deferrals, detail.importedBy)
        let schedule = detail.schedule
        let report = ScheduleReport(schedule: schedule)
        switch format {
        case .csv:
            var csv = CSVText(header: ["loan_id"] + ScheduleReport.csvHeader + ["original_due_date", "deferred"])
            for row in rows {
                csv.append([record.id.rawValue] + ScheduleReport.csvFields(row.installment) + [row.originalDueDate.description, row.isDeferred ? "true" : "false"])
            }
            return csv.text
        case .json:
            return json().rendered()
        case .table:
            var text = "Loan \(record.id) from \(record.bank) to \(record.enterprise.name) (\(record.enterprise.code), \(record.enterprise.size.rawValue) \(record.enterprise.size.chineseName), \(record.enterprise.county))\n"
            if let line = record.creditLine { text += "Credit line \(line.formatted(grouped: true)); " }
            text += record.applied.map { "applied for relief \($0)\n" } ?? "no relief application\n"
            if let batch { text += "Booked by the import of \(batch.source) on \(batch.recordedOn)\n" }
            text += report.table()
            for deferral in deferrals {
                text += "\nDeferred under \(deferral.programme) to \(deferral.deferralDate): \(deferral.installments) installments, principal \(deferral.deferredPrincipal.formatted(grouped: true)), interest \(deferral.deferredInterest.formatted(grouped: true)), ordinary interest charged \(deferral.interestOnDeferredPrincipal.formatted(grouped: true)), relief \(deferral.relief.formatted(grouped: true))\n"
            }
            return text
        }
    }
}
