import ArgumentParser
import ReliefApp
import ReliefDomain
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

extension LedgerCommand {
    struct Reverse: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reverse", abstract: "Correct a recorded event: a reversing entry, and the register put right with it.",
            discussion: """
                Entries are never edited: the correction posts the exact mirror of entry ENTRY \
                (it names the entry it reverses) and, in the same transaction, corrects the \
                register that holds the event, so `relief ledger check` still holds:
                  loan repayment     the installment is unpaid again (with a deferred row's
                                     repayment that settled its deferral's interest, that too)
                  interest accrual   the installments it accrued are unaccrued
                  bridge advance     the advance is cancelled (not yet repaid only); the
                                     fund's cash is restored
                  bridge repayment   the advance is outstanding again; its fee is reversed
                  manual entry       the reversal alone
                Afterwards the corrected event can be recorded again (relief loans repay,
                loans accrue, bridge advance, bridge repay); recording it twice is still a
                duplicate. Refused (exit 65, nothing written): a repayment or accrual after
                which the loan was deferred, extended or renewed; an accrued installment repaid
                since (undo that repayment first); a deferred row's repayment when a later one
                settled the deferral's interest; an advance already repaid (undo the repayment
                first); a bridge repayment whose cash later advances spent; disbursements,
                deferrals, extensions, renewals and fund capital movements. Entry ids are in
                `relief ledger history ACCOUNT` and in what each event command prints.

                Example:
                  relief ledger reverse 7 --reason "repayment booked on the wrong loan"
                """)

        @Argument(help: "The journal entry id to reverse.") var entry: Int64
        @Option(help: ArgumentHelp("The reversal's date, not before the entry's (default: the entry's own date).", valueName: "date"),
                transform: ValueParsers.date)
        var date: CivilDate?
        @Option(help: ArgumentHelp("Required. Why the entry is reversed.", valueName: "text")) var reason: String
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let result = try LedgerWorkflow.reverse(try database.open(), entryID: entry, on: date, reason: reason)
            if result.reversal.isDuplicate {
                StandardStreams.writeError("relief: entry \(entry) was already reversed by entry \(result.reversal.entryID); nothing changed (duplicate)\n")
                return
            }
            let what: String
            switch result.correction {
            case .entry:
                what = ""
            case .repayment(let loan, let period, let deferralInterest):
                what = "; installment \(period) of loan \(loan) is unpaid again (\(result.amount.formatted(grouped: true)) owed again"
                    + (deferralInterest.isZero ? "" : ", the deferral's interest of \(deferralInterest.formatted(grouped: true)) included") + ")"
            case .accrual(let loan, let through, let periods):
                what = "; the accrual of loan \(loan) through \(through) is undone: installment\(periods.count == 1 ? "" : "s") \(periods.map(String.init).joined(separator: ", ")) unaccrued (\(result.amount.formatted(grouped: true)))"
            case .advanceCancelled(let advance):
                what = "; advance \(advance) is cancelled and its \(result.amount.formatted(grouped: true)) back in the fund's cash"
            case .bridgeRepaymentUndone(let advance):
                what = "; the repayment of advance \(advance) is undone: the advance is outstanding again and its fee reversed"
            }
            StandardStreams.writeOut("Reversed entry \(entry) with entry \(result.reversal.entryID)\(what)\n")
        }
    }
}
