import Foundation
import ReliefDomain
import ReliefInterchange
import ReliefSamples

/// CSV workloads: parsing a generated loan book and mapping it to loans.
enum InterchangeBenchmarks {
    /// A loan CSV of `count` sample loans (also written to `path` when given, for the CLI run).
    static func loanCSV(count: Int) -> String {
        var text = LoanCSV.header.joined(separator: ",") + "\r\n"
        text.reserveCapacity(count * 160)
        for index in 0..<count {
            text += LoanCSV.fields(SamplePortfolio.loan(index)).map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") + "\r\n"
        }
        return text
    }

    static func csv(loans count: Int = 200_000) throws -> [Measurement] {
        let text = loanCSV(count: count)
        if let path = ProcessInfo.processInfo.environment["RELIEF_BENCH_CSV_OUT"] {
            _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        }
        let bytes = text.utf8.count
        let parseStarted = monotonicSeconds()
        let records = try CSVReader.records(text)
        let parseSeconds = monotonicSeconds() - parseStarted
        let mapStarted = monotonicSeconds()
        let (loans, _, problems) = LoanCSV.loans(records, file: "bench.csv")
        let mapSeconds = monotonicSeconds() - mapStarted
        guard problems.isEmpty, loans.count == count else { throw ImportFailure(problems: problems) }
        return [
            Measurement(name: "CSV parsing of \(count) loan rows (\(bytes / 1_048_576) MiB, \(records.count) records)", items: bytes / 1_048_576,
                        unit: "MiB", seconds: parseSeconds),
            Measurement(name: "loan CSV rows to validated loans", items: count, unit: "loans", seconds: mapSeconds),
        ]
    }
}
