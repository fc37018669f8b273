/// Writes RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled.
public struct CSVText: Sendable {
    public private(set) var text = ""

    public init(header: [String]) { append(header) }

    public mutating func append(_ fields: [String]) {
        text += fields.map(CSVText.escape).joined(separator: ",") + "\r\n"
    }

    public static func escape(_ field: String) -> String {
        // Bytes, not characters: a comma, quote, CR or LF byte is always that character in UTF-8.
        guard field.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") })
        else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    /// Every `target` replaced by `replacement`, without Foundation.
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
