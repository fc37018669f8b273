import ArgumentParser
import Foundation
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

extension FirstLoanCommand {
    /// `relief firstloan enterprise add|list`.
    struct EnterpriseCommands: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "enterprise", abstract: "Register firms for cultivation (one, or a CSV file of them) and list them.",
            subcommands: [Add.self, Import.self, ListEnterprises.self])
    }
}
