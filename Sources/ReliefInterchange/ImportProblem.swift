/// One thing wrong with an input file, located: file, line (1-based), field or column, and
/// what was expected. Imports collect every problem of a file before failing as a whole.
public struct ImportProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let field: String?
    public let message: String

    /// A `line` below 1 (libxml2 gives -1 for a node it cannot place, a DOCTYPE among them)
    /// is the file's first line.
    public init(file: String, line: Int, field: String? = nil, message: String) {
        self.file = file
        self.line = max(1, line)
        self.field = field
        self.message = message
    }

    /// `file:line: field: message`, the location format of `relief: error:` lines.
    public var description: String {
        "\(file):\(line): " + (field.map { "\($0): " } ?? "") + message
    }
}

/// What an import did, summed over its files (SPEC.md `import --format json`).
public struct ImportSummary: Sendable {
    public var imported = 0
    public var duplicates = 0
    /// Rows that are not records (blank lines, totals rows), skipped with a notice.
    public var skipped = 0
    public var problems: [ImportProblem] = []
    /// Notices for people (skipped rows, detected encodings), written to stderr.
    public var notices: [String] = []

    public init() {}

    public mutating func add(_ other: ImportSummary) {
        imported += other.imported
        duplicates += other.duplicates
        skipped += other.skipped
        problems += other.problems
        notices += other.notices
    }
}

/// Why an import of several files was refused as a whole.
public struct ImportFailure: Error, Sendable, CustomStringConvertible {
    public let problems: [ImportProblem]

    public init(problems: [ImportProblem]) { self.problems = problems }

    public var description: String {
        let listed = problems.prefix(50).map(\.description).joined(separator: "\n  ")
        let more = problems.count > 50 ? "\n  ... and \(problems.count - 50) more" : ""
        return "\(problems.count) problem\(problems.count == 1 ? "" : "s"), nothing imported:\n  " + listed + more
    }
}

/// The problems of one file as a reader collects them, up to `ProblemList.maximum`: a file of a
/// million bad rows would otherwise hold and print a million messages (131 MB of them, measured)
/// where the first thousand already tell what is wrong. Once full, the reader stops reading and
/// `closed(file:)` adds one last problem saying where it stopped.
public struct ProblemList: Sendable {
    /// The most problems reported for one file (the loan book's reader keeps the same number).
    public static let maximum = 1000

    public private(set) var problems: [ImportProblem] = []

    public init() {}

    public var isEmpty: Bool { problems.isEmpty }
    public var count: Int { problems.count }
    /// Whether the list holds `maximum` problems: the reader stops here.
    public var isFull: Bool { problems.count >= ProblemList.maximum }

    /// Adds `problem` while the list has room (a problem past the maximum is dropped).
    public mutating func append(_ problem: ImportProblem) {
        if !isFull { problems.append(problem) }
    }

    public mutating func append(contentsOf more: [ImportProblem]) {
        for problem in more { append(problem) }
    }

    public static func += (list: inout ProblemList, more: [ImportProblem]) { list.append(contentsOf: more) }

    /// `problems` (in order) with at most `maximum` of each file (and the reader's line saying
    /// where it stopped), and for a file that had more, one last problem saying how many more:
    /// the refusal of an import whose booking found more problems than its readers keep.
    public static func capped(_ problems: [ImportProblem]) -> [ImportProblem] {
        let keptPerFile = maximum + 1
        var counts: [String: Int] = [:]
        var kept: [ImportProblem] = []
        for problem in problems {
            counts[problem.file, default: 0] += 1
            if counts[problem.file]! <= keptPerFile { kept.append(problem) }
        }
        guard kept.count < problems.count else { return problems }
        var lastIndex: [String: Int] = [:]
        for (index, problem) in kept.enumerated() { lastIndex[problem.file] = index }
        var result: [ImportProblem] = []
        for (index, problem) in kept.enumerated() {
            result.append(problem)
            if lastIndex[problem.file] == index, let count = counts[problem.file], count > keptPerFile {
                let more = count - keptPerFile
                result.append(ImportProblem(file: problem.file, line: problem.line,
                                            message: more == 1 ? "1 more problem in this file is not listed" : "\(more) more problems in this file are not listed"))
            }
        }
        return result
    }

    /// The problems, and when the list filled up, one more naming the last line read.
    public func closed() -> [ImportProblem] {
        guard isFull, let last = problems.last else { return problems }
        return problems + [ImportProblem(file: last.file, line: last.line, message:
            "stopped after \(ProblemList.maximum) problems; the rest of the file was not checked (correct these and import it again)")]
    }
}
