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
        subcommands: [Quote.self, Terms.self, Fund.self, Advance.self, Repay.self, List.self, Report.self]
    )

    static func advanceID(_ text: String) throws -> AdvanceID {
        do { return try AdvanceID(validating: text) } catch { throw CommandFailure(.usage, error.description) }
    }
}

extension BridgeCommand {
    struct Quote: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "quote",
            abstract: "Price a bridge advance; exit 65 when it breaks a rule of the terms.",
            discussion: """
                Compares the fund's fee with the old 0.1% rate and with private bridge money \
                (0.3% a day). Uses the seed's terms, or the stored ones when --db or RELIEF_DB \
                names a ledger; the term options override either.

                Example:
                  relief bridge quote --amount 5000000 --from 2020-03-02 --to 2020-03-12
                """
        )

        @Option(help: ArgumentHelp("Required. The amount advanced.", valueName: "amount"), transform: ValueParsers.money)
        var amount: Money
        @Option(help: ArgumentHelp("Required. The advance date.", valueName: "date"), transform: ValueParsers.date)
        var from: CivilDate
        @Option(help: ArgumentHelp("Required. The repayment date.", valueName: "date"), transform: ValueParsers.date)
        var to: CivilDate
        @Option(name: .customLong("daily-rate"), help: ArgumentHelp("The fee rate a day (default: the cap).", valueName: "rate"),
                transform: ValueParsers.rate)
        var dailyRate: Rate?
        @Option(help: ArgumentHelp("The bank's renewal commitment, for the commitment-share rule.", valueName: "amount"),
                transform: ValueParsers.money)
        var commitment: Money?
        @Option(name: .customLong("private-daily-rate"), help: ArgumentHelp("Private bridge money's rate a day (default 0.3%).", valueName: "rate"),
                transform: ValueParsers.rate)
        var privateDailyRate: Rate = BridgeTerms.privateDailyRate
        @OptionGroup var termOptions: BridgeTermsOptions
        @Option(help: ArgumentHelp("Take the fund's stored terms from this ledger.", valueName: "path"))
        var db: String?
        @OptionGroup var output: FormatOption

        func run() throws {
            var terms = BridgeTerms.seed()
            let environment = ProcessInfo.processInfo.environment["RELIEF_DB"]
            if let path = db ?? (environment?.isEmpty == false ? environment : nil) {
                terms = try BridgeFundWorkflow.terms(try LedgerStore.open(at: path))
            }
            let comparison = try BridgeFundWorkflow.quote(amount: amount, from: from, to: to, dailyRate: dailyRate, commitment: commitment,
                                                          privateDailyRate: privateDailyRate, terms: try termOptions.applied(to: terms))
            StandardStreams.writeOut(BridgeQuoteReport(comparison: comparison).render(output.format))
        }
    }

    struct Terms: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "terms", abstract: "Show the fund's terms, or set them (new advances only; old ones keep theirs).")

        @OptionGroup var termOptions: BridgeTermsOptions
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOption

        func run() throws {
            let store = try database.open()
            let terms = termOptions.isEmpty ? try BridgeFundWorkflow.terms(store)
                                            : try BridgeFundWorkflow.updateTerms(store) { try termOptions.applied(to: $0) }
            StandardStreams.writeOut(BridgeTermsReport(terms: terms, updated: !termOptions.isEmpty).render(output.format))
        }
    }

    struct Fund: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fund", abstract: "Pay capital in (or --withdraw it), and set the fund's own bank account.",
            discussion: "Example: relief bridge fund --amount 10000000 --date 2020-03-01 --account 37001234567 --account-name 济宁市应急转贷基金")

        @Option(help: ArgumentHelp("The capital moved.", valueName: "amount"), transform: ValueParsers.money) var amount: Money?
        @Option(help: ArgumentHelp("The date of the movement.", valueName: "date"), transform: ValueParsers.date) var date: CivilDate?
        @Flag(help: "Withdraw the amount instead of paying it in.") var withdraw = false
        @Option(help: ArgumentHelp("A reference for the movement (two equal movements on one day need different ones).", valueName: "text"))
        var reference: String?
        @Option(help: ArgumentHelp("The fund's bank account (debtor of payment files).", valueName: "account")) var account: String?
        @Option(name: .customLong("account-name"), help: ArgumentHelp("The account holder's name.", valueName: "name")) var accountName: String?
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if amount == nil && account == nil { throw ValidationError("give --amount and --date, or --account") }
            if (amount == nil) != (date == nil) { throw ValidationError("--amount and --date go together") }
        }

        func run() throws {
            if let amount, amount <= .zero {
                throw CommandFailure(.dataError, "--amount \(amount.formatted(grouped: true)) must be positive; use --withdraw to take capital out")
            }
            var capital: BridgeFundWorkflow.CapitalMovement?
            if let amount, let date { capital = .init(amount: withdraw ? -amount : amount, date: date, reference: reference) }
            let change = try BridgeFundWorkflow.fund(try database.open(), account: account, accountName: accountName, capital: capital)
            var message = ""
            if let account { message += "Fund account set to \(account)\(accountName.map { " (\($0))" } ?? "")\n" }
            if let outcome = change.capital, let amount, let date {
                if outcome.isDuplicate {
                    message += "This capital movement is already recorded (entry \(outcome.entryID)); nothing changed (duplicate). Give --reference for a second one.\n"
                } else {
                    message += "\(withdraw ? "Withdrew" : "Paid in") \(amount.formatted(grouped: true)) on \(date); fund cash now \(change.cash.formatted(grouped: true)); entry \(outcome.entryID)\n"
                }
            }
            StandardStreams.writeOut(message)
        }
    }

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
            let request = BridgeBook.AdvanceRequest(id: try BridgeCommand.advanceID(id), enterprise: code, enterpriseName: name, bank: bank,
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

    struct Repay: ParsableCommand {
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

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the advances with their repayments.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOption

        func run() throws {
            let register = try BridgeFundWorkflow.register(try database.open())
            StandardStreams.writeOut(BridgeAdvancesReport(register: register).render(output.format))
        }
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report", abstract: "The fund's figures for a period: balance, utilisation, turnover, breaches, by bank and county.",
            discussion: """
                Period [--from, --to], both inclusive; default from the fund's first movement to \
                today. Utilisation = principal outstanding summed over the period's days / \
                capital summed over the same days; turnover = amount advanced in the period / \
                capital at its end; average days over advances repaid in the period.
                """)

        @Option(help: ArgumentHelp("First day of the period.", valueName: "date"), transform: ValueParsers.date) var from: CivilDate?
        @Option(help: ArgumentHelp("Last day of the period (default today).", valueName: "date"), transform: ValueParsers.date) var to: CivilDate?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOption

        func run() throws {
            let report = try BridgeFundWorkflow.report(try database.open(), from: from, to: try to ?? Today.resolve())
            StandardStreams.writeOut(BridgeReportOutput(report: report).render(output.format))
        }
    }
}
