import ReliefDomain

/// A bank-to-customer statement (camt.053) or debit/credit notification (camt.054) as read:
/// which message it was, and its entries in file order (one per transaction detail).
public struct CamtStatement: Sendable {
    /// The message definition, e.g. `camt.053.001.02`.
    public let messageDefinition: String
    /// The group header's `MsgId`.
    public let messageID: String?
    /// How many statements (`Stmt`) or notifications (`Ntfctn`) the message held.
    public let statementCount: Int
    /// The entries in file order; empty when they were streamed to the caller as they were read.
    public let entries: [StatementEntry]
    /// How many entries the file held (streamed or not).
    public let entryCount: Int
    /// Things a person may want to know that did not stop the import (a detail whose
    /// direction disagrees with its entry's, an entry without transaction details).
    public let notices: [String]

    public init(messageDefinition: String, messageID: String?, statementCount: Int, entries: [StatementEntry], entryCount: Int? = nil,
                notices: [String]) {
        self.messageDefinition = messageDefinition
        self.messageID = messageID
        self.statementCount = statementCount
        self.entries = entries
        self.entryCount = entryCount ?? entries.count
        self.notices = notices
    }

    /// Whether this is a notification (camt.054) rather than a statement (camt.053).
    public var isNotification: Bool { messageDefinition.hasPrefix("camt.054") }
}
