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
