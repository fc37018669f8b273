import ArgumentParser
import Foundation
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

extension BridgeCommand {
    struct Advance: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "advance", abstract: "Record an advance; exit 65 and write nothing when a rule refuses it.",
            discussion: """
                Refused: over the rate cap, over the commitment share or the enterprise cap, more \
                than the fund's available cash, or dated before the fund's latest movement. An \
                unknown enterprise is registered from its (validated) credit code.

                Example:
                  relief bridge advance --id BR-001 --enterprise 91350100M000100Y43 \\
                      --bank 济宁银行 --amount 6000000 --date 2020-03-02 --county 任城区
                """)

        @Option(help: ArgumentHelp("Required. The advance id.", valueName: "id")) var id: String
        @Option(help: ArgumentHelp("Required. The enterprise's credit code.", valueName: "code")) var enterprise: String
        @Option(help: ArgumentHelp("The enterprise's name, when it is new to the ledger.", valueName: "name")) var name: String?
        @Option(help: ArgumentHelp("Required. The bank whose loan is renewed.", valueName: "name")) var bank: String
        @Option(help: ArgumentHelp("Required. The amount advanced.", valueName: "amount"), transform: ValueParsers.money) var amount: Money
        @Option(help: ArgumentHelp("Required. The advance date.", valueName: "date"), transform: ValueParsers.date) var date: CivilDate
        @Option(help: ArgumentHelp("The enterprise's county.", valueName: "name")) var county: String = ""
        @Option(help: ArgumentHelp("The maturing loan the advance repays.", valueName: "id")) var loan: String?
        @Option(help: ArgumentHelp("The bank's renewal commitment.", valueName: "amount"), transform: ValueParsers.money) var commitment: Money?
        @Option(name: .customLong("daily-rate"), help: ArgumentHelp("The fee rate a day (default: the cap).", valueName: "rate"),
                transform: ValueParsers.rate)
        var dailyRate: Rate?
        @Option(help: ArgumentHelp("The enterprise's account the money goes to.", valueName: "account")) var account: String?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let code: CreditCode
            do { code = try CreditCode(validating: enterprise) } catch { throw CommandFailure(.dataError, "invalid credit code '\(enterprise)': \(error)") }
            guard !bank.isEmpty else { throw CommandFailure(.usage, "--bank is empty") }
            let request = BridgeAdvanceRequest(id: try BridgeCommand.advanceID(id), enterprise: code, enterpriseName: name, bank: bank,
                                                    county: county, amount: amount, date: date, maturingLoan: loan, commitment: commitment,
                                                    dailyRate: dailyRate, account: account)
            let (outcome, cash) = try BridgeFundWorkflow.advance(try database.open(), request)
            if outcome.isDuplicate {
                StandardStreams.writeError("relief: advance \(id) is already recorded; nothing changed (duplicate)\n")
            } else {
                StandardStreams.writeOut("Advanced \(amount.formatted(grouped: true)) to \(code) on \(date) (\(id)); fund cash now \(cash.formatted(grouped: true)); entry \(outcome.entryID)\n")
            }
        }
    }
}
