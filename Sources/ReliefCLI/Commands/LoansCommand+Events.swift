import ArgumentParser
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefLedger

/// `relief loans accrue|repay|extend|renew`: a booked loan's events, each a journal entry.
extension LoansCommand {
    static func loanID(_ text: String) throws -> LoanID {
        do { return try LoanID(validating: text) } catch { throw CommandFailure(.usage, error.description) }
    }

    struct Accrue: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "accrue", abstract: "Accrue the interest of a loan's installments due by a date (Dr interest receivable, Cr income).")

        @Option(help: ArgumentHelp("Required. The loan id.", valueName: "id")) var id: String
        @Option(help: ArgumentHelp("Required. Accrue installments due on or before this date.", valueName: "date"),
                transform: ValueParsers.date)
        var through: CivilDate
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let loan = try LoansCommand.loanID(id)
            let result = try LoanWorkflow.accrue(try database.open(), loan, through: through)
            guard let (outcome, amount) = result else {
                StandardStreams.writeOut("Nothing to accrue on loan \(id) through \(through)\n")
                return
            }
            if outcome.isDuplicate {
                StandardStreams.writeError("relief: this accrual is already recorded (entry \(outcome.entryID)); nothing changed (duplicate)\n")
            } else {
                StandardStreams.writeOut("Accrued \(amount.formatted(grouped: true)) of interest on loan \(id) through \(through) (entry \(outcome.entryID))\n")
            }
        }
    }

    struct Repay: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "repay", abstract: "Record the repayment of one installment in full.",
            discussion: "A deferred installment is paid on its deferral date; with its deferral's last row the ordinary interest charged on the deferred principal is paid too.")

        @Option(help: ArgumentHelp("Required. The loan id.", valueName: "id")) var id: String
        @Option(help: ArgumentHelp("Required. The installment (period) repaid.", valueName: "n"), transform: ValueParsers.count) var period: Int
        @Option(help: ArgumentHelp("Required. The repayment date.", valueName: "date"), transform: ValueParsers.date) var date: CivilDate
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let loan = try LoansCommand.loanID(id)
            let repayment = try LoanWorkflow.repay(try database.open(), loan, period: period, on: date)
            if repayment.outcome.isDuplicate {
                StandardStreams.writeError("relief: installment \(period) of loan \(id) is already repaid; nothing changed (duplicate)\n")
            } else {
                StandardStreams.writeOut("Repaid installment \(period) of loan \(id) on \(date): \(repayment.total.formatted(grouped: true)) (principal \(repayment.principal.formatted(grouped: true)), interest \((repayment.interest + repayment.deferralInterest).formatted(grouped: true))); entry \(repayment.outcome.entryID)\n")
            }
        }
    }

    struct Extend: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "extend", abstract: "Extend a booked loan (展期) within its cumulative cap; exit 65 past it.")

        @Option(help: ArgumentHelp("Required. The loan id.", valueName: "id")) var id: String
        @Option(help: ArgumentHelp("Required. The new maturity.", valueName: "date"), transform: ValueParsers.date) var to: CivilDate
        @Option(help: ArgumentHelp("When it takes effect (default: the maturity).", valueName: "date"), transform: ValueParsers.date)
        var agreed: CivilDate?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let loan = try LoansCommand.loanID(id)
            let result = try LoanWorkflow.extend(try database.open(), loan, to: to, agreed: agreed)
            StandardStreams.writeOut("Extended loan \(id) to \(result.newMaturity) (cap \(result.capMonths) months, latest \(result.latestMaturity)); \(result.extended.installments.count) installments now\n")
        }
    }

    struct Renew: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "renew", abstract: "Renew a booked loan with a new one without repaying principal (无还本续贷).")

        @Option(help: ArgumentHelp("Required. The loan renewed.", valueName: "id")) var id: String
        @Option(name: .customLong("new-id"), help: ArgumentHelp("Required. The new loan's id.", valueName: "id")) var newID: String
        @Option(help: ArgumentHelp("Required. The renewal date, by the maturity.", valueName: "date"), transform: ValueParsers.date) var on: CivilDate
        @Option(name: .customLong("new-rate"), help: ArgumentHelp("The new loan's annual rate.", valueName: "rate"), transform: ValueParsers.rate)
        var newRate: Rate?
        @Option(name: .customLong("new-months"), help: ArgumentHelp("The new loan's term.", valueName: "n"), transform: ValueParsers.count)
        var newMonths: Int?
        @Option(name: .customLong("new-method"), help: ArgumentHelp("The new loan's method.", valueName: "method"), transform: ValueParsers.method)
        var newMethod: RepaymentMethod?
        @Option(name: .customLong("new-day-count"), help: ArgumentHelp("The new loan's day count.", valueName: "convention"),
                transform: ValueParsers.dayCount)
        var newDayCount: DayCount?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let old = try LoansCommand.loanID(id)
            let new = try LoansCommand.loanID(newID)
            let changes = RenewalCalculator.NewTerms(annualRate: newRate, termMonths: newMonths, method: newMethod, dayCount: newDayCount)
            let result = try LoanWorkflow.renew(try database.open(), old, as: new, on: on, with: changes)
            StandardStreams.writeOut("Renewed loan \(id) by \(newID) on \(on): \(result.principalSettled.formatted(grouped: true)) settled without leaving the firm; \(result.accruedInterestSettled.formatted(grouped: true)) of accrued interest settled\n")
        }
    }
}
