import Foundation
import ReliefDomain
import ReliefInterchange
import ReliefSamples

/// CSV workloads: parsing a generated loan book and mapping it to loans.
enum InterchangeBenchmarks {
    /// A loan CSV of `count` sample loans (also written to `path` when given, for the CLI run).
    static func loanCSV(count: Int) -> String {
        var text = LoanCSV.header().joined(separator: ",") + "\r\n"
        text.reserveCapacity(count * 160)
        for index in 0..<count {
            text += LoanCSV.fields(SamplePortfolio.loan(index)).map { $0.utf8.contains(UInt8(ascii: ",")) ? "\"\($0)\"" : $0 }.joined(separator: ",") + "\r\n"
        }
        return text
    }

    /// Parse only: records and fields found (byte ranges), nothing converted.
    @inline(never)
    static func scan(_ text: String) throws -> (records: Int, fields: Int) {
        var records = 0, fields = 0
        try CSVScanner.scan(text) { record in
            records += 1
            fields += record.count
        }
        return (records, fields)
    }

    /// Parse and convert: every row to a validated `LoanRecord`, straight from the bytes.
    @inline(never)
    static func decode(_ text: String) throws -> [LoanCSV.Row] {
        guard let (rows, _, problems) = try LoanCSV.rows(text: text, file: "bench.csv") else {
            throw ImportFailure(problems: [ImportProblem(file: "bench.csv", line: 1, message: "no loan header")])
        }
        guard problems.isEmpty else { throw ImportFailure(problems: problems) }
        return rows
    }

    static func csv(loans count: Int = 200_000) throws -> [Measurement] {
        let text = loanCSV(count: count)
        if let path = ProcessInfo.processInfo.environment["RELIEF_BENCH_CSV_OUT"] {
            _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        }
        let bytes = text.utf8.count
        let megabytes = "\(bytes / 100_000 / 10).\(bytes / 100_000 % 10) MB"
        let parseStarted = monotonicSeconds()
        let (records, fields) = try scan(text)
        let parseSeconds = monotonicSeconds() - parseStarted
        let stringsStarted = monotonicSeconds()
        let stringRecords = try CSVReader.records(text)
        let stringsSeconds = monotonicSeconds() - stringsStarted
        let decodeStarted = monotonicSeconds()
        let rows = try decode(text)
        let decodeSeconds = monotonicSeconds() - decodeStarted
        guard rows.count == count, stringRecords.count == records else {
            throw ImportFailure(problems: [ImportProblem(file: "bench.csv", line: 1, message: "\(rows.count) loans, \(stringRecords.count) records")])
        }
        return [
            Measurement(name: "CSV parse only, \(count) loan rows (\(megabytes), \(records) records, \(fields) fields found)", items: bytes,
                        unit: "bytes", seconds: parseSeconds),
            Measurement(name: "CSV parse to records of strings (CSVReader.records)", items: bytes, unit: "bytes", seconds: stringsSeconds),
            Measurement(name: "CSV parse + conversion to validated loans (LoanCSV.rows(text:))", items: bytes, unit: "bytes", seconds: decodeSeconds),
            Measurement(name: "  the same in loans", items: count, unit: "loans", seconds: decodeSeconds),
        ]
    }
}
