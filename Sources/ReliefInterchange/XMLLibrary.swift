import Foundation
import CLibXML2

/// The libxml2 the package runs against, e.g. "20914" for 2.9.14.
public enum XMLLibrary {
    public static var version: String {
        guard let text = clibxml2_version() else { return "unknown" }
        return String(cString: text)
    }

    /// The longest value a problem quotes from a document; longer ones are cut.
    static let quotedValueMax = 60

    /// `value` in quotes for a problem: whole when short, else its first 60 characters and its
    /// length (a 1 MB attribute must not make a 1 MB message).
    static func quoted(_ value: String) -> String {
        value.count > quotedValueMax ? "'\(value.prefix(quotedValueMax))...' (\(value.count) characters)" : "'\(value)'"
    }

    /// libxml2's message `text` as a problem says it: trimmed, and each quoted value longer than
    /// 60 characters cut to its first 60 with its length (libxml2 quotes a value whole: a 1 MB
    /// attribute made a 1 MB error message).
    static func problemText(_ text: UnsafePointer<CChar>?) -> String? {
        guard let text else { return nil }
        let message = String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines)
        guard message.utf8.count > quotedValueMax else { return message }
        var result = "", quoted = "", inQuote = false
        for character in message {
            if character == "'" {
                if inQuote {
                    result += quoted.count > quotedValueMax ? String(quoted.prefix(quotedValueMax)) + "...' (\(quoted.count) characters)" : quoted + "'"
                    quoted = ""
                } else {
                    result += "'"
                }
                inQuote.toggle()
            } else if inQuote {
                quoted.append(character)
            } else {
                result.append(character)
            }
        }
        if inQuote { result += quoted.count > quotedValueMax ? String(quoted.prefix(quotedValueMax)) + "..." : quoted }
        return result
    }
}
