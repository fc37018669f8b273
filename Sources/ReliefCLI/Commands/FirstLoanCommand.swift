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
        subcommands: [EnterpriseCommands.self, CounsellorCommands.self, Stage.self, Report.self]
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

extension FirstLoanCommand {
    /// `relief firstloan enterprise add|list`.
    struct EnterpriseCommands: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "enterprise", abstract: "Register firms for cultivation (one, or a CSV file of them) and list them.",
            subcommands: [Add.self, Import.self, List.self])
    }

    /// `relief firstloan counsellor add|assign|list`.
    struct CounsellorCommands: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "counsellor", abstract: "Counsellors (金融辅导员) and their assignments to firms.",
            subcommands: [AddCounsellor.self, Assign.self, ListCounsellors.self])
    }
}

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
            let registration = FirstLoanBook.Registration(
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

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import", abstract: "Register the firms of a CSV file, all or nothing.",
            discussion: """
                Columns, English or Chinese, in any order after any preamble: credit_code \
                (统一社会信用代码), name (企业名称), size (企业规模), county (县区), and optional \
                industry (行业), has_loan_record (有无贷款记录: yes/no, 是/否, 有/无; blank = no), \
                identified_on (识别日期; blank = --date, default today). UTF-8 with or without \
                BOM, GB18030/GBK and UTF-16 are detected (or give --encoding). Every problem is \
                listed with its line and field and nothing is written (exit 65); firms already \
                registered with the same data count as duplicates.

                Example:
                  relief firstloan enterprise import firms.csv --date 2020-03-02 --format json
                """)

        @Argument(help: "The CSV file.") var file: String
        @Option(help: ArgumentHelp("Identification date for rows without one (default today).", valueName: "date"), transform: ValueParsers.date)
        var date: CivilDate?
        @Option(help: ArgumentHelp("utf-8, gb18030 or utf-16 (default: detected).", valueName: "encoding")) var encoding: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOption

        func run() throws {
            let forced: TextEncoding?
            do { forced = try encoding.map { try TextEncoding(parsing: $0) } } catch { throw CommandFailure(.usage, "\(error)") }
            let summary = try CultivationListWorkflow.run(path: file, encoding: forced, defaultDate: try date ?? Today.resolve(), ledger: database.open,
                                                          notice: { StandardStreams.writeError("relief: \($0)\n") })
            switch output.format {
            case .json:
                StandardStreams.writeOut(JSONValue.object([
                    ("imported", .integer(summary.imported)), ("duplicates", .integer(summary.duplicates)), ("skipped", .integer(summary.skipped)),
                    ("problems", .array(summary.problems.map { problem in
                        .object([("file", .string(problem.file)), ("line", .integer(problem.line)),
                                 ("field", problem.field.map(JSONValue.string) ?? .null), ("message", .string(problem.message))])
                    })),
                ]).rendered())
            case .csv:
                var csv = CSVText(header: ["imported", "duplicates", "skipped", "problems"])
                csv.append([String(summary.imported), String(summary.duplicates), String(summary.skipped), String(summary.problems.count)])
                StandardStreams.writeOut(csv.text)
            case .table:
                if summary.problems.isEmpty {
                    StandardStreams.writeOut("Registered \(summary.imported) firm\(summary.imported == 1 ? "" : "s") for cultivation; \(summary.duplicates) duplicate\(summary.duplicates == 1 ? "" : "s") (already registered, unchanged)\n")
                }
            }
            guard summary.problems.isEmpty else { throw CommandFailure(.dataError, ImportFailure(problems: summary.problems).description) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the firms under cultivation: stage, counsellor and first loan.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOption

        static let header = ["credit_code", "name", "size", "county", "industry", "has_loan_record", "identified_on", "stage", "stage_since",
                             "counsellor", "first_loan", "first_loan_bank", "first_loan_date", "first_loan_amount"]

        func run() throws {
            let register = try FirstLoanWorkflow.cultivation(try database.open())
            let rows: [[String]] = register.enterprises.sorted { $0.code < $1.code }.compactMap { enterprise in
                guard let identifiedOn = enterprise.identifiedOn else { return nil }
                let latest = enterprise.transitions.last
                let loan = enterprise.firstLoan
                return [enterprise.code.value, enterprise.name, enterprise.size?.rawValue ?? "", enterprise.county, enterprise.industry ?? "",
                        enterprise.hasLoanRecord ? "true" : "false", identifiedOn.description, (latest?.stage ?? .identified).rawValue,
                        (latest?.date ?? identifiedOn).description, enterprise.assignments.last?.counsellor.rawValue ?? "",
                        loan?.id.rawValue ?? "", loan?.bank ?? "", loan?.date.description ?? "", loan?.amount.description ?? ""]
            }
            switch output.format {
            case .csv:
                var csv = CSVText(header: List.header)
                for row in rows { csv.append(row) }
                StandardStreams.writeOut(csv.text)
            case .json:
                StandardStreams.writeOut(JSONValue.object([("enterprises", .array(rows.map { row in
                    .object(zip(List.header, row).map { key, value in
                        if key == "has_loan_record" { return (key, .bool(value == "true")) }
                        return (key, value.isEmpty ? .null : .string(value))
                    })
                }))]).rendered())
            case .table:
                var table = TextTable([.init(title: "Credit code", alignment: .left), .init(title: "Name", alignment: .left),
                                       .init(title: "County", alignment: .left), .init(title: "Identified", alignment: .left),
                                       .init(title: "Stage", alignment: .left), .init(title: "Since", alignment: .left),
                                       .init(title: "Counsellor", alignment: .left), .init(title: "First loan", alignment: .left),
                                       .init(title: "Amount", alignment: .right)])
                for row in rows {
                    let loan = row[10].isEmpty ? (row[5] == "true" ? "(has loan record)" : "") : "\(row[10]) \(row[11]) \(row[12])"
                    let amount = row[13].isEmpty ? "" : (try? Money(parsing: row[13]))?.formatted(grouped: true) ?? row[13]
                    table.add([row[0], row[1], row[3], row[6], row[7], row[8], row[9], loan, amount])
                }
                StandardStreams.writeOut(table.render() + "\(rows.count) enterprise\(rows.count == 1 ? "" : "s") under cultivation\n")
            }
        }
    }
}

extension FirstLoanCommand.CounsellorCommands {
    struct AddCounsellor: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add a counsellor.", discussion: "Example: relief firstloan counsellor add --id C001 --name 张明")

        @Option(help: ArgumentHelp("Required. The counsellor's id, 1 to 64 characters.", valueName: "id")) var id: String
        @Option(help: ArgumentHelp("Required. The counsellor's name.", valueName: "name")) var name: String
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let counsellor = try FirstLoanCommand.counsellorID(id)
            let added = try FirstLoanWorkflow.addCounsellor(try database.open(), counsellor, name: name)
            if added {
                StandardStreams.writeOut("Added counsellor \(id) \(name)\n")
            } else {
                StandardStreams.writeError("relief: counsellor \(id) is already registered as \(name); nothing changed (duplicate)\n")
            }
        }
    }

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "assign", abstract: "Assign a counsellor to a firm under cultivation from a date (history kept).",
            discussion: """
                A firm may change counsellor: the new assignment takes over from its date. \
                Assignments are kept in date order; one dated before the firm's identification \
                or its latest assignment is refused (exit 65).

                Example:
                  relief firstloan counsellor assign --id C001 --code 91350100M000100Y43 \\
                      --date 2020-03-03
                """)

        @Option(help: ArgumentHelp("Required. The counsellor's id.", valueName: "id")) var id: String
        @Option(help: ArgumentHelp("Required. The firm's credit code.", valueName: "code")) var code: String
        @Option(help: ArgumentHelp("Required. From when.", valueName: "date"), transform: ValueParsers.date) var date: CivilDate
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let counsellor = try FirstLoanCommand.counsellorID(id)
            let enterprise = try FirstLoanCommand.creditCode(code)
            let outcome = try FirstLoanWorkflow.assign(try database.open(), counsellor, to: enterprise, on: date)
            switch outcome {
            case .assigned(let previous):
                StandardStreams.writeOut("Assigned counsellor \(id) to \(code) from \(date)" + (previous.map { " (taking over from \($0))" } ?? "") + "\n")
            case .unchanged(let since):
                StandardStreams.writeError("relief: counsellor \(id) already serves \(code) since \(since); nothing changed (duplicate)\n")
            }
        }
    }

    struct ListCounsellors: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the counsellors and the firms each serves now.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOption

        func run() throws {
            let register = try FirstLoanWorkflow.cultivation(try database.open())
            var served: [CounsellorID: Int] = [:]
            for enterprise in register.enterprises {
                if let current = enterprise.assignments.last?.counsellor { served[current, default: 0] += 1 }
            }
            let rows = register.counsellors.sorted { $0.key < $1.key }.map { id, name in [id.rawValue, name, String(served[id] ?? 0)] }
            switch output.format {
            case .csv:
                var csv = CSVText(header: ["counsellor", "name", "enterprises"])
                for row in rows { csv.append(row) }
                StandardStreams.writeOut(csv.text)
            case .json:
                StandardStreams.writeOut(JSONValue.object([("counsellors", .array(rows.map { row in
                    .object([("counsellor", .string(row[0])), ("name", .string(row[1])), ("enterprises", .integer(Int(row[2]) ?? 0))])
                }))]).rendered())
            case .table:
                var table = TextTable([.init(title: "Counsellor", alignment: .left), .init(title: "Name", alignment: .left),
                                       .init(title: "Firms now", alignment: .right)])
                for row in rows { table.add(row) }
                StandardStreams.writeOut(table.render())
            }
        }
    }
}

extension FirstLoanCommand {
    struct Stage: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stage", abstract: "Move a firm along the pipeline; exit 65 with the reason when the move is impossible.",
            discussion: """
                identified -> counselled -> applied -> approved -> disbursed, skipping forward \
                allowed; declined or withdrawn from any open stage. Refused: backwards, from a \
                closed stage (disbursed, declined, withdrawn), or dated before the previous move.

                Example:
                  relief firstloan stage --code 91350100M000100Y43 --to applied \\
                      --date 2020-03-20 --bank 济宁银行
                """)

        @Option(help: ArgumentHelp("Required. The firm's credit code.", valueName: "code")) var code: String
        @Option(help: ArgumentHelp("Required. The new stage (counselled, applied, approved, disbursed, declined, withdrawn).", valueName: "stage"),
                transform: FirstLoanCommand.stage)
        var to: CultivationStage
        @Option(help: ArgumentHelp("Required. When.", valueName: "date"), transform: ValueParsers.date) var date: CivilDate
        @Option(help: ArgumentHelp("The bank involved.", valueName: "name")) var bank: String?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let enterprise = try FirstLoanCommand.creditCode(code)
            let outcome = try FirstLoanWorkflow.move(try database.open(), enterprise, to: to, on: date, bank: bank)
            switch outcome {
            case .duplicate:
                StandardStreams.writeError("relief: \(code) is already \(to.rawValue) on \(date); nothing changed (duplicate)\n")
            case .moved(let from, let since, let loanInLedger):
                StandardStreams.writeOut("\(code): \(from.rawValue) (since \(since)) -> \(to.rawValue) on \(date)" + (bank.map { " (\($0))" } ?? "") + "\n")
                if to == .disbursed && !loanInLedger {
                    StandardStreams.writeError("relief: warning: no loan to \(code) is booked in the ledger yet; the first-loan KPIs count loans in the ledger (relief loans add)\n")
                }
            }
        }
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report", abstract: "First-loan KPIs for a period, optionally by bank, county or counsellor.",
            discussion: """
                Period [--from, --to], both inclusive; default from the first recorded event to \
                today. under_cultivation = firms identified by --to and not withdrawn or \
                declined before --from; first_loan_borrowers = those whose first loan was \
                disbursed in the period; first_loan_rate = first_loan_borrowers / \
                under_cultivation; new_borrowers = firms whose first loan in the ledger falls in \
                the period; first_loan_share_of_new_borrowers = first-loan borrowers among all \
                firms / new_borrowers. Ratios half-up to 4 decimals, "0.0000" when the \
                denominator is 0. Also the median days from identification to first loan and \
                the funnel (firms that reached each stage by --to).

                --by bank: the bank of the firm's first loan, else of its latest transition \
                that names a bank; --by counsellor: the one assigned when the first loan was \
                disbursed, else the latest.
                """)

        @Option(help: ArgumentHelp("First day of the period.", valueName: "date"), transform: ValueParsers.date) var from: CivilDate?
        @Option(help: ArgumentHelp("Last day of the period (default today).", valueName: "date"), transform: ValueParsers.date) var to: CivilDate?
        @Option(help: ArgumentHelp("Group by bank, county or counsellor.", valueName: "group"), transform: FirstLoanCommand.grouping)
        var by: FirstLoanReport.Grouping?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOption

        func run() throws {
            let report = try FirstLoanWorkflow.report(try database.open(), from: from, to: try to ?? Today.resolve(), by: by)
            StandardStreams.writeOut(FirstLoanReportOutput(report: report).render(output.format))
        }
    }
}
