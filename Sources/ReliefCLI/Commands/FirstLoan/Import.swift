import ArgumentParser
import Foundation
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

extension FirstLoanCommand.EnterpriseCommands {
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
}
