import ArgumentParser
import Foundation
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

/// `relief bridge quote|terms|fund|advance|repay|list|report`: the emergency bridge fund.
struct BridgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bridge",
        abstract: "The emergency bridge fund (应急转贷): quotes, the register and its report.",
        discussion: """
            The fund advances the money that repays a maturing working-capital loan until the \
            bank's renewal is disbursed. Seed terms: at most 15 days, at most 0.08% a day; \
            days count the advance date and not the repayment date (same day = 1 day).
            """,
        subcommands: [Quote.self, Terms.self, Fund.self, Advance.self, RepayAdvance.self, ListAdvances.self, FundReport.self]
    )

    static func advanceID(_ text: String) throws -> AdvanceID {
        do { return try AdvanceID(validating: text) } catch { throw CommandFailure(.usage, error.description) }
    }
}

