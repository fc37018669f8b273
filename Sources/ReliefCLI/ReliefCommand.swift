import ArgumentParser

/// `relief`: the root command. Each subcommand lives in its own file under Commands/.
public struct ReliefCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "relief",
        abstract: "Apply the 2020 SME credit-relief policy exactly to the fen.",
        discussion: """
            Repayment schedules, deferral of principal and interest with penalty interest \
            waived, extension and renewal, and the emergency bridge fund.

            Amounts are CNY (1234.56, 1,234.56 or ¥1,234.56), rates 4.35% or 0.0435, dates \
            YYYY-MM-DD. Every command that prints results takes --format table|csv|json.

            Exit codes: 0 success, 64 unparsable command line or value, 65 a rule or limit \
            broken, 66 missing input or database, 70 internal error, 75 database busy.

            Start with:  relief demo
            """,
        subcommands: [
            ScheduleCommand.self,
            DeferCommand.self,
            ExtendCommand.self,
            RenewCommand.self,
            ProgrammesCommand.self,
            InitCommand.self,
            LoansCommand.self,
            LedgerCommand.self,
            BridgeCommand.self,
            EstimateCommand.self,
            ImportCommand.self,
            ExportCommand.self,
            ReconcileCommand.self,
            ReportCommand.self,
            FirstLoanCommand.self,
            DemoCommand.self,
            ServeCommand.self,
            UsersCommand.self,
        ]
    )

    public init() {}
}
