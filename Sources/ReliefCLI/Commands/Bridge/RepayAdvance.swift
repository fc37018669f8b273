import ArgumentParser
import Foundation
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

extension BridgeCommand {
    struct RepayAdvance: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "repay", abstract: "Record an advance's repayment and fee (after the maximum days: recorded and flagged).")

        @Option(help: ArgumentHelp("Required. The advance id.", valueName: "id")) var id: String
        @Option(help: ArgumentHelp("Required. The repayment date.", valueName: "date"), transform: ValueParsers.date) var date: CivilDate
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let advanceID = try BridgeCommand.advanceID(id)
            let (outcome, entry) = try BridgeFundWorkflow.repay(try database.open(), advanceID, on: date)
            if outcome.duplicate {
                StandardStreams.writeError("relief: advance \(id) is already repaid on \(date); nothing changed (duplicate)\n")
                return
            }
            StandardStreams.writeOut("Repaid \(id) on \(date) after \(outcome.days) day\(outcome.days == 1 ? "" : "s"); fee \(outcome.fee.formatted(grouped: true))\(entry.map { "; entry \($0)" } ?? "")\n")
            if outcome.daysOver > 0 {
                StandardStreams.writeError("relief: warning: advance \(id) ran \(outcome.daysOver) day\(outcome.daysOver == 1 ? "" : "s") over the maximum: recorded as a breach\n")
            }
        }
    }
}
