import ArgumentParser
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

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
}
