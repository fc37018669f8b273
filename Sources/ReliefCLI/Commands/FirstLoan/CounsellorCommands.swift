import ArgumentParser
import Foundation
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

extension FirstLoanCommand {
    /// `relief firstloan counsellor add|assign|list`.
    struct CounsellorCommands: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "counsellor", abstract: "Counsellors (金融辅导员) and their assignments to firms.",
            subcommands: [AddCounsellor.self, Assign.self, ListCounsellors.self])
    }
}
