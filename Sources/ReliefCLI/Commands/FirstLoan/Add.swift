import ArgumentParser
import Foundation
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

extension FirstLoanCommand.EnterpriseCommands {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Register a firm identified for cultivation.",
            discussion: """
                A firm the ledger already knows (from a loan or a bridge advance) gets the \
                cultivation data attached; another name, size or county for its credit code is \
                refused (exit 65). Registering the same data again changes nothing.

                Example:
                  relief firstloan enterprise add --code 91350100M000100Y43 \\
                      --name 济宁市鲁兴机械有限公司 --size small --county 任城区 \\
                      --industry 机械制造 --date 2020-03-02
                """)

        @Option(help: ArgumentHelp("Required. The 18-character unified social credit code.", valueName: "code")) var code: String
        @Option(help: ArgumentHelp("Required. The registered name.", valueName: "name")) var name: String
        @Option(help: ArgumentHelp("Required. micro, small, medium or large (微型, 小型, 中型, 大型).", valueName: "size"),
                transform: FirstLoanCommand.size)
        var size: EnterpriseSize
        @Option(help: ArgumentHelp("Required. The county or district (县区).", valueName: "name")) var county: String
        @Option(help: ArgumentHelp("The industry (行业).", valueName: "name")) var industry: String?
        @Flag(name: .customLong("has-loan-record"), help: "Its credit report shows a loan record: no loan to it is a first loan.")
        var hasLoanRecord = false
        @Option(help: ArgumentHelp("When it was identified for cultivation (default today).", valueName: "date"), transform: ValueParsers.date)
        var date: CivilDate?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let registration = CultivationLedger.Registration(
                code: try FirstLoanCommand.creditCode(code), name: name, size: size, county: county, industry: industry,
                hasLoanRecord: hasLoanRecord, identifiedOn: try date ?? Today.resolve())
            let outcome = try FirstLoanWorkflow.register(try database.open(), registration)
            switch outcome {
            case .duplicate:
                StandardStreams.writeError("relief: \(code) is already under cultivation with these data; nothing changed (duplicate)\n")
            case .registered(let attached, let borrowedBefore):
                StandardStreams.writeOut("Registered \(code) \(name) for cultivation, identified \(registration.identifiedOn)"
                                         + (attached ? " (attached to the enterprise already in the ledger)" : "") + "\n")
                if let loan = borrowedBefore {
                    StandardStreams.writeError("relief: warning: \(code) already borrowed before its identification: loan \(loan.id) from \(loan.bank) on \(loan.date)\n")
                }
            }
        }
    }
}
