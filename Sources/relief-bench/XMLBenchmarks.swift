import Foundation
import ReliefDomain
import ReliefInterchange
import ReliefSamples

/// Loan-book XML workloads: export of a generated book to a temporary file with the streaming
/// writer, then import of that file (parse + XSD validation while streaming, records built).
/// Each phase starts a new peak-memory count, so each peak is its own.
enum XMLBenchmarks {
    /// Records are generated outside the clock, this many at a time (memory stays flat).
    static let chunk = 10_000

    static func loanBook(loans count: Int = 200_000) throws -> [Measurement] {
        // RELIEF_BENCH_XML_KEEP=FILE keeps the generated book there (for callgrind or libxml2 runs on the same bytes).
        let kept = ProcessInfo.processInfo.environment["RELIEF_BENCH_XML_KEEP"]
        let path = kept ?? NSTemporaryDirectory() + "/relief-bench-\(getpid())-\(count).xml"
        defer { if kept == nil { try? FileManager.default.removeItem(atPath: path) } }

        resetPeakMemory()
        var writeSeconds = 0.0
        let writer = try LoanBookWriter(path: path)
        for pass in 0..<2 {  // enterprises first, then loans: the format's order
            var start = 0
            while start < count {
                let end = min(count, start + chunk)
                let records: [LoanBookRecord] = (start..<end).map { pass == 0 ? .enterprise(SamplePortfolio.enterprise($0)) : .loan(SamplePortfolio.loan($0)) }
                let started = monotonicSeconds()
                for record in records { try writer.write(record) }
                writeSeconds += monotonicSeconds() - started
                start = end
            }
        }
        let finishStarted = monotonicSeconds()
        try writer.finish()
        writeSeconds += monotonicSeconds() - finishStarted
        let writePeak = peakMemoryMiB()
        let bytes = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        let megabytes = "\(bytes / 100_000 / 10).\(bytes / 100_000 % 10) MB"

        let read = try readRecords(path: path)
        guard read.loans == count, read.enterprises == count else {
            throw ImportFailure(problems: [ImportProblem(file: path, line: 1, message: "read \(read.loans) loans and \(read.enterprises) enterprises of \(count)")])
        }
        let readSeconds = read.seconds, readPeak = read.peakMiB, records = read.records
        print("  (loan book of \(count) enterprises + \(count) loans, \(megabytes); export peak \(writePeak.map(String.init) ?? "?") MiB)")
        return [
            Measurement(name: "loan-book XML export (\(megabytes), xmlTextWriter to a file)", items: bytes, unit: "bytes", seconds: writeSeconds,
                        peakMiB: writePeak),
            Measurement(name: "loan-book XML import: parse + XSD validation + records (\(megabytes))", items: bytes, unit: "bytes",
                        seconds: readSeconds, peakMiB: readPeak),
            Measurement(name: "  the same in records", items: records, unit: "records", seconds: readSeconds, peakMiB: readPeak),
        ] + (try baselines(path: path))
    }

    /// libxml2 alone on the same file: where the reader's time goes.
    static func baselines(path: String) throws -> [Measurement] {
        try [LibXML2Baseline.Schema.none, .reader, .published].map { try LibXML2Baseline.measure(path: path, schema: $0) }
    }

    /// One timed read of the loan book at `path`, as the CLI reads it: the caller looks a
    /// loan's enterprise up where it recorded the enterprises delivered first (here a stand-in
    /// record), so the reader keeps nothing.
    static func readRecords(path: String) throws -> (records: Int, loans: Int, enterprises: Int, seconds: Double, peakMiB: Int?) {
        resetPeakMemory()
        let started = monotonicSeconds()
        var loans = 0, enterprises = 0
        var checksum: Int64 = 0
        let records = try LoanBookReader().read(path: path, enterprise: { EnterpriseRecord(code: $0, name: "-", size: .small, county: "") }) { record, _ in
            switch record {
            case .loan(let loan, _, _):
                loans += 1
                checksum &+= loan.terms.principal.fen
            case .enterprise: enterprises += 1
            default: break
            }
        }
        let seconds = monotonicSeconds() - started
        print("  (read \(records) records: \(enterprises) enterprises, \(loans) loans; principal checksum \(checksum) fen)")
        return (records, loans, enterprises, seconds, peakMemoryMiB())
    }

    /// `relief-bench xml-read FILE`: the reader alone on an existing loan book.
    static func read(path: String) throws -> [Measurement] {
        let bytes = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        let read = try readRecords(path: path)
        return [Measurement(name: "loan-book XML import: parse + XSD validation + records (\((path as NSString).lastPathComponent))", items: bytes,
                            unit: "bytes", seconds: read.seconds, peakMiB: read.peakMiB)] + (try baselines(path: path))
    }
}
