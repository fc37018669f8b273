/// Who an account is (SPEC.md capability 13): the bureau sees and does everything; a bank
/// account only its own bank's loans, imports and exports; a coordinator first-loan
/// cultivation.
public enum UserRole: String, Sendable, CaseIterable, Hashable {
    case bureau, bank, coordinator

    /// The role named `text` (`bureau`, `bank` or `coordinator`).
    public init(parsing text: String) throws(ParseError) {
        guard let role = UserRole(rawValue: text) else {
            throw ParseError(input: text, kind: "role", reason: "expected bureau, bank or coordinator")
        }
        self = role
    }
}
