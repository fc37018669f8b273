import ArgumentParser
import ReliefApp
import ReliefDomain
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

extension LedgerCommand {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check", abstract: "Prove every invariant on the whole database; exit 65 naming the rows that break one.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOption

        func run() throws {
            let report = try LedgerWorkflow.check(try database.open())
            switch output.format {
            case .json:
                StandardStreams.writeOut(JSONValue.object([
                    ("ok", .bool(report.isClean)),
                    ("checked", .array(report.checked.map { .object([("invariant", .string($0.invariant)), ("rows", .integer($0.rows))]) })),
                    ("violations", .array(report.violations.map { .string($0) })),
                ]).rendered())
            case .csv:
                var csv = CSVText(header: ["invariant", "rows"])
                for item in report.checked { csv.append([item.invariant, String(item.rows)]) }
                StandardStreams.writeOut(csv.text)
            case .table:
                var text = ""
                for item in report.checked { text += "checked  \(item.invariant) (\(item.rows) \(item.rows == 1 ? "row" : "rows"))\n" }
                text += report.isClean ? "ok: every invariant holds\n" : "\(report.violations.count) violation(s)\n"
                StandardStreams.writeOut(text)
            }
            if !report.isClean {
                throw CommandFailure(.dataError, "the ledger breaks its invariants:\n  " + report.violations.joined(separator: "\n  "))
            }
        }
    }
}
