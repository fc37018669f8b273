import ArgumentParser
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

extension LoansCommand {
    struct ShowLoan: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one loan: terms, current schedule, deferrals.")

        @Argument(help: "The loan id.") var id: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOption

        func run() throws {
            let loanID: LoanID
            do { loanID = try LoanID(validating: id) } catch { throw CommandFailure(.usage, error.description) }
            let detail = try LoanWorkflow.show(try database.open(), loanID)
            let (record, rows, deferrals, batch) = (detail.record, detail.installments, detail.deferrals, detail.importedBy)
            let schedule = detail.schedule
            let report = ScheduleReport(schedule: schedule)
            switch output.format {
            case .csv:
                var csv = CSVText(header: ["loan_id"] + ScheduleReport.csvHeader + ["original_due_date", "deferred"])
                for row in rows {
                    csv.append([record.id.rawValue] + ScheduleReport.csvFields(row.installment) + [row.originalDueDate.description, row.isDeferred ? "true" : "false"])
                }
                StandardStreams.writeOut(csv.text)
            case .json:
                let loanMembers = LoansCommand.jsonMembers(record)
                let rowValues: [JSONValue] = rows.map { row in
                    .object(ScheduleReport.jsonMembers(row.installment) + [("original_due_date", .string(row.originalDueDate.description)),
                                                                           ("deferred", .bool(row.isDeferred))])
                }
                StandardStreams.writeOut(JSONValue.object(loanMembers + [
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
                ]).rendered())
            case .table:
                var text = "Loan \(record.id) from \(record.bank) to \(record.enterprise.name) (\(record.enterprise.code), \(record.enterprise.size.rawValue) \(record.enterprise.size.chineseName), \(record.enterprise.county))\n"
                if let line = record.creditLine { text += "Credit line \(line.formatted(grouped: true)); " }
                text += record.applied.map { "applied for relief \($0)\n" } ?? "no relief application\n"
                if let batch { text += "Booked by `relief import` of \(batch.source) on \(batch.recordedOn)\n" }
                text += report.table()
                for deferral in deferrals {
                    text += "\nDeferred under \(deferral.programme) to \(deferral.deferralDate): \(deferral.installments) installments, principal \(deferral.deferredPrincipal.formatted(grouped: true)), interest \(deferral.deferredInterest.formatted(grouped: true)), ordinary interest charged \(deferral.interestOnDeferredPrincipal.formatted(grouped: true)), relief \(deferral.relief.formatted(grouped: true))\n"
                }
                StandardStreams.writeOut(text)
            }
        }
    }
}
