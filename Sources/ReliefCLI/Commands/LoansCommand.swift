import ArgumentParser
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

/// `relief loans add|list|show`: the loan book in the ledger.
struct LoansCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loans",
        abstract: "Book, list and show loans; accrue, repay, extend and renew them in the ledger.",
        subcommands: [AddLoan.self, ListLoans.self, ShowLoan.self, Accrue.self, Repay.self, Extend.self, Renew.self]
    )

    /// A loan as JSON members: amounts and rates as decimal strings, the term as a number,
    /// absent optional values as null.
    static func jsonMembers(_ loan: LoanRecord) -> [(String, JSONValue)] {
        let terms = loan.terms
        return [("loan_id", .string(loan.id.rawValue)), ("borrower", .string(loan.enterprise.name)),
                ("credit_code", .string(loan.enterprise.code.value)), ("size", .string(loan.enterprise.size.rawValue)),
                ("county", .string(loan.enterprise.county)), ("bank", .string(loan.bank)), ("principal", .string(terms.principal.description)),
                ("rate", .string(terms.annualRate.fractionString())), ("start", .string(terms.start.description)),
                ("months", .integer(terms.termMonths)), ("method", .string(terms.method.rawValue)), ("day_count", .string(terms.dayCount.rawValue)),
                ("credit_line", loan.creditLine.map { .string($0.description) } ?? .null),
                ("applied", loan.applied.map { .string($0.description) } ?? .null)]
    }

    static func fields(_ loan: LoanRecord) -> [String] {
        let terms = loan.terms
        return [loan.id.rawValue, loan.enterprise.name, loan.enterprise.code.value, loan.enterprise.size.rawValue, loan.enterprise.county,
                loan.bank, terms.principal.description, terms.annualRate.percentString(), terms.start.description, String(terms.termMonths),
                terms.method.rawValue, terms.dayCount.rawValue, loan.creditLine?.description ?? "", loan.applied?.description ?? ""]
    }
}

extension LoansCommand {
    struct AddLoan: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Book one loan: registers the enterprise, stores the terms (the schedule follows from them) and posts the disbursement.",
            discussion: """
                Booking the same loan again (same id and terms) changes nothing and says so; the \
                same id with other terms is refused (exit 65).

                Example:
                  relief loans add --id JN-2019-0001 --borrower 济宁市鲁兴机械有限公司 \\
                      --credit-code 91350100M000100Y43 --size small --county 任城区 \\
                      --bank 济宁银行 --principal 1000000 --rate 4.35% \\
                      --start 2019-12-15 --months 12 --applied 2020-02-10
                """
        )

        @Option(help: ArgumentHelp("Required. The loan id (借据号), 1 to 64 characters.", valueName: "id"))
        var id: String

        @Option(help: ArgumentHelp("Required. The borrower's registered name.", valueName: "name"))
        var borrower: String

        @Option(name: .customLong("credit-code"), help: ArgumentHelp("Required. The 18-character unified social credit code.", valueName: "code"))
        var creditCode: String

        @Option(help: ArgumentHelp("Required. micro, small, medium or large (微型, 小型, 中型, 大型).", valueName: "size"))
        var size: String

        @Option(help: ArgumentHelp("Required. The county or district (县区).", valueName: "name"))
        var county: String

        @Option(help: ArgumentHelp("Required. The lending bank.", valueName: "name"))
        var bank: String

        @OptionGroup var loan: LoanOptions

        @Option(name: .customLong("credit-line"), help: ArgumentHelp("The credit line the loan draws on.", valueName: "amount"),
                transform: ValueParsers.money)
        var creditLine: Money?

        @Option(help: ArgumentHelp("When the firm applied for relief.", valueName: "date"), transform: ValueParsers.date)
        var applied: CivilDate?

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let record = try makeRecord()
            let schedule = try LoanQuoteWorkflow.schedule(record.terms, rounding: loan.rounding)
            let outcome = try LoanWorkflow.add(try database.open(), record, rounding: loan.rounding)
            switch outcome {
            case .added(let entryID):
                StandardStreams.writeOut("Booked loan \(record.id): \(record.terms.principal.formatted(grouped: true)) CNY to \(record.enterprise.name), \(schedule.installments.count) installments; disbursement entry \(entryID)\n")
            case .duplicate:
                StandardStreams.writeError("relief: loan \(record.id) is already booked with these terms; nothing changed (duplicate)\n")
            }
        }

        func makeRecord() throws -> LoanRecord {
            let terms = try loan.terms()
            let code: CreditCode
            do { code = try CreditCode(validating: creditCode) } catch {
                throw CommandFailure(.dataError, "invalid credit code '\(creditCode)': \(error)")
            }
            let sizeClass: EnterpriseSize
            do { sizeClass = try EnterpriseSize(parsing: size) } catch { throw CommandFailure(.usage, error.description) }
            let loanID: LoanID
            do { loanID = try LoanID(validating: id) } catch { throw CommandFailure(.usage, error.description) }
            for (name, value) in [("--borrower", borrower), ("--county", county), ("--bank", bank)]
            where CSVColumns.trimmed(value) == nil || value.count > 200 {
                throw CommandFailure(.usage, "\(name) must have 1 to 200 characters")
            }
            if let creditLine, creditLine <= .zero { throw CommandFailure(.dataError, "--credit-line must be positive") }
            return LoanRecord(id: loanID, enterprise: EnterpriseRecord(code: code, name: borrower, size: sizeClass, county: county),
                              bank: bank, terms: terms, creditLine: creditLine, applied: applied)
        }
    }

    struct ListLoans: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the loans in the ledger.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOption

        func run() throws {
            let store = try database.open()
            let loans = try LoanWorkflow.list(store)
            switch output.format {
            case .csv:
                StandardStreams.writeOut(try ExportWorkflow.loansCSV(store).text)
            case .json:
                StandardStreams.writeOut(JSONValue.object([("loans", .array(loans.map { .object(LoansCommand.jsonMembers($0)) }))]).rendered())
            case .table:
                var table = TextTable([.init(title: "Loan", alignment: .left), .init(title: "Borrower", alignment: .left),
                                       .init(title: "Size", alignment: .left), .init(title: "County", alignment: .left),
                                       .init(title: "Bank", alignment: .left), .init(title: "Principal", alignment: .right),
                                       .init(title: "Rate", alignment: .right), .init(title: "Start", alignment: .left),
                                       .init(title: "Months", alignment: .right), .init(title: "Method", alignment: .left)])
                for loan in loans {
                    table.add([loan.id.rawValue, loan.enterprise.name, loan.enterprise.size.rawValue, loan.enterprise.county, loan.bank,
                               loan.terms.principal.formatted(grouped: true), loan.terms.annualRate.percentString(),
                               loan.terms.start.description, String(loan.terms.termMonths), loan.terms.method.rawValue])
                }
                StandardStreams.writeOut(table.render() + "\(loans.count) loan\(loans.count == 1 ? "" : "s")\n")
            }
        }
    }

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
