import ArgumentParser
import Foundation
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

extension FirstLoanCommand {
    struct Stage: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stage", abstract: "Move a firm along the pipeline; exit 65 with the reason when the move is impossible.",
            discussion: """
                identified -> counselled -> applied -> approved -> disbursed, skipping forward \
                allowed; declined or withdrawn from any open stage. Refused: backwards, from a \
                closed stage (disbursed, declined, withdrawn), or dated before the previous move.

                Example:
                  relief firstloan stage --code 91350100M000100Y43 --to applied \\
                      --date 2020-03-20 --bank 济宁银行
                """)

        @Option(help: ArgumentHelp("Required. The firm's credit code.", valueName: "code")) var code: String
        @Option(help: ArgumentHelp("Required. The new stage (counselled, applied, approved, disbursed, declined, withdrawn).", valueName: "stage"),
                transform: FirstLoanCommand.stage)
        var to: CultivationStage
        @Option(help: ArgumentHelp("Required. When.", valueName: "date"), transform: ValueParsers.date) var date: CivilDate
        @Option(help: ArgumentHelp("The bank involved.", valueName: "name")) var bank: String?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let enterprise = try FirstLoanCommand.creditCode(code)
            let outcome = try FirstLoanWorkflow.move(try database.open(), enterprise, to: to, on: date, bank: bank)
            switch outcome {
            case .duplicate:
                StandardStreams.writeError("relief: \(code) is already \(to.rawValue) on \(date); nothing changed (duplicate)\n")
            case .moved(let from, let since, let loanInLedger):
                StandardStreams.writeOut("\(code): \(from.rawValue) (since \(since)) -> \(to.rawValue) on \(date)" + (bank.map { " (\($0))" } ?? "") + "\n")
                if to == .disbursed && !loanInLedger {
                    StandardStreams.writeError("relief: warning: no loan to \(code) is booked in the ledger yet; the first-loan KPIs count loans in the ledger (relief loans add)\n")
                }
            }
        }
    }
}
