import ArgumentParser
import Foundation
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

/// `relief firstloan enterprise|counsellor|stage|report`: first-loan cultivation (首贷培植).
struct FirstLoanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "firstloan",
        abstract: "First-loan cultivation (首贷培植): firms, counsellors (金融辅导员), the pipeline and its KPIs.",
        discussion: """
            Coordinators register firms without bank loans, pair them with counsellors and \
            record each step of the pipeline identified -> counselled -> applied -> approved \
            -> disbursed (or declined, withdrawn). The first loan itself is read from the \
            ledger: an enterprise's earliest loan, when its credit report shows no loan record \
            (--has-loan-record). A second bank lending to a firm that already borrowed is not a \
            first loan.

            Example:
              relief firstloan enterprise add --code 91350100M000100Y43 \\
                  --name 济宁市鲁兴机械有限公司 --size small --county 任城区 --date 2020-03-02
              relief firstloan counsellor add --id C001 --name 张明
              relief firstloan counsellor assign --id C001 \\
                  --code 91350100M000100Y43 --date 2020-03-03
              relief firstloan stage --code 91350100M000100Y43 --to counselled \\
                  --date 2020-03-05
              relief firstloan report --from 2020-03-01 --to 2020-06-30 --by bank
            """,
        subcommands: [EnterpriseCommands.self, CounsellorCommands.self, Stage.self, KPIReport.self]
    )

    /// A credit code from the command line; an invalid one exits 65 naming what is wrong.
    static func creditCode(_ text: String) throws -> CreditCode {
        do { return try CreditCode(validating: text) } catch { throw CommandFailure(.dataError, "invalid credit code '\(text)': \(error)") }
    }

    static func counsellorID(_ text: String) throws -> CounsellorID {
        do { return try CounsellorID(validating: text) } catch { throw CommandFailure(.usage, error.description) }
    }

    static func stage(_ text: String) throws -> CultivationStage {
        do { return try CultivationStage(parsing: text) } catch { throw ValueProblem(error) }
    }

    static func grouping(_ text: String) throws -> FirstLoanReport.Grouping {
        guard let grouping = FirstLoanReport.Grouping(rawValue: text.lowercased()) else {
            throw ValueProblem(ParseError(input: text, kind: "grouping", reason: "expected bank, county or counsellor"))
        }
        return grouping
    }

    static func size(_ text: String) throws -> EnterpriseSize {
        do { return try EnterpriseSize(parsing: text) } catch { throw ValueProblem(error) }
    }
}

