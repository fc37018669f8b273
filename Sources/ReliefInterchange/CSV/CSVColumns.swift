/// The columns of one CSV kind and how a file's header is found among its first lines: each
/// column has a canonical name and the aliases banks and clerks print (Chinese or English,
/// any order); a header matches when every required column is present.
public struct CSVColumns: Sendable {
    public struct Column: Sendable {
        public let name: String
        public let aliases: [String]
        public let required: Bool
        /// Aliases that give way to any other alias of the column in the same header: an
        /// export with both 还款日期 (often the due date) and 实际还款日期 is read from the latter.
        public let generic: [String]

        public init(_ name: String, _ aliases: [String], required: Bool, generic: [String] = []) {
            self.name = name
            self.aliases = aliases
            self.required = required
            self.generic = generic
        }
    }

    /// Where a file's header is and which field holds each column.
    public struct Header: Sendable {
        /// Index of the header record; the records before it are a preamble.
        public let index: Int
        public let fields: [String: Int]
        /// How many fields the header line has (0 when not known); the loan reader refuses a
        /// row with values past them (the other kinds do not check it yet).
        public var width = 0

        public init(index: Int, fields: [String: Int], width: Int = 0) {
            self.index = index
            self.fields = fields
            self.width = width
        }

        /// The trimmed value of `column` in `record`, nil when absent, blank or `-` (banks'
        /// "empty"); spaces, TABs and full-width spaces around it are dropped.
        public func value(_ column: String, in record: CSVReader.Record) -> String? {
            guard let index = fields[column], index < record.fields.count else { return nil }
            return CSVColumns.trimmed(record.fields[index])
        }
    }

    public let columns: [Column]

    /// Titles and notes above the header: at most this many lines are searched.
    public static let preambleLinesMax = 20

    public init(_ columns: [Column]) { self.columns = columns }

    /// Canonical names in order, for export headers.
    public var names: [String] { columns.map(\.name) }

    /// A header name compared without case, blanks or byte-order mark (`日 志 号` = `日志号`).
    static func normalized(_ name: String) -> String {
        String(name.unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "\u{FEFF}" }).lowercased()
    }

    /// The column index of each canonical name, or nil when `fields` lack a required column.
    /// A column named twice reads from its first field unless that one is generic and the
    /// other is not (see `Column.generic`; `repeatedColumns` refuses the other cases).
    public func match(_ fields: [String]) -> [String: Int]? {
        var map: [String: Int] = [:]
        for (index, raw) in fields.enumerated() {
            let name = CSVColumns.normalized(raw)
            guard let column = columns.first(where: { $0.aliases.contains(name) }) else { continue }
            if let earlier = map[column.name] {
                let earlierIsGeneric = column.generic.contains(CSVColumns.normalized(fields[earlier]))
                if earlierIsGeneric && !column.generic.contains(name) { map[column.name] = index }
            } else {
                map[column.name] = index
            }
        }
        return columns.filter(\.required).allSatisfy { map[$0.name] != nil } ? map : nil
    }

    /// The first header within the preamble limit, or nil.
    public func header(in records: [CSVReader.Record]) -> Header? {
        for (index, record) in records.prefix(CSVColumns.preambleLinesMax + 1).enumerated() {
            if let fields = match(record.fields) { return Header(index: index, fields: fields, width: record.fields.count) }
        }
        return nil
    }

    /// The required columns as `name/alias` lists, for "no header found" messages.
    public var requiredDescription: String {
        columns.filter(\.required).map { $0.aliases.joined(separator: "/") }.joined(separator: ", ")
    }

    /// Why a file has no usable header, as located problems.
    public struct HeaderProblems: Error, Sendable {
        public let problems: [ImportProblem]
    }

    /// The header among the first `records` of a `kind` file, or why there is none usable:
    /// no line names every required column (the message says which the closest line lacks),
    /// or a column is named twice (its second field would be ignored, so the file is refused).
    public func header(in records: [CSVReader.Record], kind: String, file: String) -> Result<Header, HeaderProblems> {
        guard let header = header(in: records) else {
            let (line, message) = noHeader(kind, in: records)
            return .failure(HeaderProblems(problems: [ImportProblem(file: file, line: line, message: message)]))
        }
        let record = records[header.index]
        let repeated = repeatedColumns(record.fields)
        guard repeated.isEmpty else {
            return .failure(HeaderProblems(problems: repeated.map { ImportProblem(file: file, line: record.line, message: $0) }))
        }
        return .success(header)
    }

    /// Columns named more than once in `fields` with nothing to choose between the names (both
    /// generic or neither: the same name twice, `principal` and 贷款金额), as messages.
    public func repeatedColumns(_ fields: [String]) -> [String] {
        var named: [String: [Int]] = [:]
        for (index, raw) in fields.enumerated() {
            if let column = columns.first(where: { $0.aliases.contains(CSVColumns.normalized(raw)) }) { named[column.name, default: []].append(index) }
        }
        var messages: [String] = []
        for column in columns {
            guard let indexes = named[column.name], indexes.count > 1 else { continue }
            // Generic names give way; what is left must be one field.
            let specific = indexes.filter { !column.generic.contains(CSVColumns.normalized(fields[$0])) }
            let competing = specific.isEmpty ? indexes : specific
            guard competing.count > 1 else { continue }
            messages.append("column \(column.name) is named twice in the header (field \(competing[0] + 1) '\(fields[competing[0]])' and field \(competing[1] + 1) '\(fields[competing[1]])'): keep one")
        }
        return messages
    }

    /// The "no header" message for a `kind` file: the required columns and, when a line among
    /// the first names at least two of them, the ones that line lacks (a header with a column
    /// misspelt or left out), with that line.
    public func noHeader(_ kind: String, in records: [CSVReader.Record]) -> (line: Int, message: String) {
        let required = columns.filter(\.required)
        var closest: (line: Int, missing: [Column])?
        for record in records.prefix(CSVColumns.preambleLinesMax + 1) {
            let names = Set(record.fields.map(CSVColumns.normalized))
            let missing = required.filter { column in !column.aliases.contains(where: names.contains) }
            if required.count - missing.count >= 2, missing.count < (closest?.missing.count ?? .max) { closest = (record.line, missing) }
        }
        let expected = "no \(kind) header found in the first \(CSVColumns.preambleLinesMax + 1) lines; expected columns \(requiredDescription)"
        guard let closest else { return (1, expected) }
        let lacking = closest.missing.map { $0.aliases.joined(separator: "/") }.joined(separator: ", ")
        return (closest.line, "the header lacks \(lacking) (\(expected))")
    }

    /// `text` without surrounding spaces, TABs and full-width spaces; nil when blank or `-`.
    public static func trimmed(_ text: String) -> String? {
        var value = Substring(text)
        while let first = value.first, first == " " || first == "\t" || first == "\u{3000}" { value = value.dropFirst() }
        while let last = value.last, last == " " || last == "\t" || last == "\u{3000}" { value = value.dropLast() }
        return value.isEmpty || value == "-" || value == "--" ? nil : String(value)
    }

    /// Whether a record holds nothing but blanks (a spacer line in an export).
    public static func isBlank(_ record: CSVReader.Record) -> Bool {
        record.fields.allSatisfy { trimmed($0) == nil && !$0.contains("-") }
    }

    /// What `trimmed(_:)` makes of a field, found on its bytes.
    public enum TrimmedBytes {
        /// Blank, `-` or `--`: no value.
        case none
        /// The value's bytes, a slice of the field.
        case value(UnsafeBufferPointer<UInt8>)
        /// A blank touches a non-ASCII byte, which might join it into one character (a
        /// combining mark after a space): only `trimmed(_:)` on the text decides.
        case ambiguous
    }

    /// `trimmed(_:)` on bytes: spaces, TABs and full-width spaces (E3 80 80) dropped at both ends.
    public static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> TrimmedBytes {
        // Most fields: no blank can start or end them, and they are longer than `--`.
        if bytes.count > 2, let first = bytes.first, let last = bytes.last, first != 0x20, first != 0x09, first != 0xE3,
           last != 0x20, last != 0x09, last != 0x80 {
            return .value(bytes)
        }
        var start = 0, end = bytes.count
        while start < end {
            if bytes[start] == 0x20 || bytes[start] == 0x09 {
                start += 1
            } else if bytes[start] == 0xE3 && end - start >= 3 && bytes[start + 1] == 0x80 && bytes[start + 2] == 0x80 {
                start += 3
            } else {
                break
            }
        }
        while end > start {
            if bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 {
                end -= 1
            } else if end - start >= 3 && bytes[end - 3] == 0xE3 && bytes[end - 2] == 0x80 && bytes[end - 1] == 0x80 {
                end -= 3
            } else {
                break
            }
        }
        if start == end { return .none }
        if (start > 0 && bytes[start] >= 0x80) || (end < bytes.count && bytes[end - 1] >= 0x80) { return .ambiguous }
        let value = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if value.count <= 2 && value.allSatisfy({ $0 == UInt8(ascii: "-") }) { return .none }
        return .value(value)
    }

    /// `isBlank(_:)` on a record's bytes: every field only spaces, TABs and full-width spaces.
    public static func isBlank(_ record: CSVRecordView) -> Bool {
        for index in 0..<record.count {
            let field = record[index]
            var position = 0
            while position < field.count {
                let byte = field[position]
                if byte == 0x20 || byte == 0x09 {
                    position += 1
                } else if byte == 0xE3 && field.count - position >= 3 && field[position + 1] == 0x80 && field[position + 2] == 0x80 {
                    position += 3
                } else {
                    return false
                }
            }
        }
        return true
    }
}
