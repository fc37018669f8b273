/// The rules every reader and writer applies to what a record names and states, in one place:
/// the database's CHECK constraints are the last guard, never the first (a value that breaks
/// one is refused here with the field it is about, exit 65 or 400, not an internal error).
public enum RecordRules {
    /// Names (of a bank, a borrower, a county) have at most this many characters: what a loan
    /// book holds, so that every record the ledger stores can be exported and read back.
    public static let nameLengthMax = 200

    /// Why `text` cannot be a name: empty or blank, holding a control character (a NUL byte
    /// would be cut off on export), or longer than `nameLengthMax`; nil when it can.
    public static func nameProblem(_ text: String) -> String? {
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "contains a control character (U+0000 to U+001F or U+007F)"
        }
        if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) { return "is empty" }
        if text.count > nameLengthMax { return "has \(text.count) characters; a name has at most \(nameLengthMax)" }
        return nil
    }
}

extension LoanRecord {
    /// The first rule the record breaks, with the field it is about (`bank`, `borrower`,
    /// `county`, `credit_line`); nil when it keeps them all.
    public func ruleViolation() -> (field: String, violation: RuleViolation)? {
        for (field, text) in [("borrower", enterprise.name), ("bank", bank), ("county", enterprise.county)] {
            if let problem = RecordRules.nameProblem(text), !(field == "county" && text.isEmpty) {
                return (field, RuleViolation(rule: "name", "loan \(id): the \(field) \(problem)"))
            }
        }
        if let line = creditLine, line.fen <= 0 {
            return ("credit_line", RuleViolation(rule: "credit-line-positive", "loan \(id): a credit line is more than 0.00, not \(line)"))
        }
        return nil
    }
}

extension BridgeAdvanceRequest {
    /// The first rule the advance breaks, with its field (`bank`, `name`, `county`,
    /// `commitment`); nil when it keeps them all.
    public func ruleViolation() -> (field: String, violation: RuleViolation)? {
        for (field, text) in [("bank", bank), ("name", enterpriseName ?? "x"), ("county", county.isEmpty ? "x" : county)] {
            if let problem = RecordRules.nameProblem(text) {
                return (field, RuleViolation(rule: "name", "advance \(id): the \(field) \(problem)"))
            }
        }
        if let commitment, commitment.fen <= 0 {
            return ("commitment", RuleViolation(rule: "commitment-positive", "advance \(id): a renewal commitment is more than 0.00, not \(commitment)"))
        }
        return nil
    }
}
