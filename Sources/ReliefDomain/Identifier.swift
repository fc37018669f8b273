/// A typed identifier: a `LoanID` cannot be passed where an `AdvanceID` is expected, and no
/// identifier can take part in arithmetic.
///
/// The text comes from outside (a bank's core system, a file), so it is checked: 1 to
/// `maximumLength` characters, no control characters, no leading or trailing blanks.
public struct Identifier<Kind: IdentifierKind>: Hashable, Comparable, Sendable {
    public let rawValue: String

    /// Longer identifiers are refused: every bank reference we know of fits in 64 characters
    /// (ISO 20022's EndToEndId allows 35).
    public static var maximumLength: Int { 64 }

    public init(validating text: String) throws(ParseError) {
        func fail(_ reason: String) -> ParseError { ParseError(input: text, kind: Kind.name, reason: reason) }
        // Printable ASCII (a bank reference, nearly always) needs no grapheme or scalar walk:
        // one character per byte and no control character; the checks below decide the rest.
        let maximum = Self.maximumLength
        if text.utf8.withContiguousStorageIfAvailable({ isPlainIdentifier($0, maximumLength: maximum) })
            ?? Array(text.utf8).withUnsafeBufferPointer({ isPlainIdentifier($0, maximumLength: maximum) }) {
            self.rawValue = text
            return
        }
        guard !text.isEmpty else { throw fail("it is empty") }
        guard text.count <= Self.maximumLength else { throw fail("longer than \(Self.maximumLength) characters") }
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw fail("it contains a control character")
        }
        guard text.first != " " && text.last != " " else { throw fail("leading or trailing blanks") }
        self.rawValue = text
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Whether `bytes` are 1 to `maximumLength` printable ASCII characters with no blank at either
/// end: a valid identifier, decided without a grapheme or scalar walk. Not generic, so that
/// it runs specialised whatever the identifier's kind.
private func isPlainIdentifier(_ bytes: UnsafeBufferPointer<UInt8>, maximumLength: Int) -> Bool {
    guard let first = bytes.first, let last = bytes.last, bytes.count <= maximumLength, first != 0x20, last != 0x20 else { return false }
    for byte in bytes where byte < 0x20 || byte >= 0x7F { return false }
    return true
}

extension Identifier: CustomStringConvertible {
    public var description: String { rawValue }
}

/// What an `Identifier` identifies; only its name, for messages.
public protocol IdentifierKind: Sendable {
    static var name: String { get }
}

public enum LoanKind: IdentifierKind { public static let name = "loan id" }
public enum EnterpriseKind: IdentifierKind { public static let name = "enterprise id" }
public enum AdvanceKind: IdentifierKind { public static let name = "advance id" }
public enum EntryKind: IdentifierKind { public static let name = "journal entry id" }

public typealias LoanID = Identifier<LoanKind>
public typealias EnterpriseID = Identifier<EnterpriseKind>
public typealias AdvanceID = Identifier<AdvanceKind>
public typealias EntryID = Identifier<EntryKind>
