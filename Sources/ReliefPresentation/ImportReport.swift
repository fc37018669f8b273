import ReliefInterchange

/// What an import did or found (`relief import --format json`, the API's `/api/v1/import` and
/// the import page's preview): counts, and every problem by file, line and field.
public struct ImportReport {
    public let summary: ImportSummary

    public init(summary: ImportSummary) { self.summary = summary }

    public func json() -> JSONValue {
        .object([
            ("imported", .integer(summary.imported)), ("duplicates", .integer(summary.duplicates)), ("skipped", .integer(summary.skipped)),
            ("problems", .array(summary.problems.map { problem in
                .object([("file", .string(problem.file)), ("line", .integer(problem.line)), ("field", problem.field.map { .string($0) } ?? .null),
                         ("message", .string(problem.message))])
            })),
        ])
    }
}
