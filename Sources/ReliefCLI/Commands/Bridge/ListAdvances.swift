import ArgumentParser
import Foundation
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

extension BridgeCommand {
    struct ListAdvances: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the advances with their repayments.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOption

        func run() throws {
            let register = try BridgeFundWorkflow.register(try database.open())
            StandardStreams.writeOut(BridgeAdvancesReport(register: register).render(output.format))
        }
    }
}
