import ReliefDomain

/// A loan's repayment schedule: its terms and its installments in due-date order.
///
/// Invariants (checked by `Schedule.invariantViolations()` in tests and by the ledger):
/// principal parts sum to the loan's principal, no amount is negative, due dates strictly
/// increase, and the balance ends at zero.
public struct Schedule: Hashable, Sendable {
    public let terms: LoanTerms
    public let installments: [Installment]

    public init(terms: LoanTerms, installments: [Installment]) {
        self.terms = terms
        self.installments = installments
    }

    public var totalPrincipal: Money { installments.reduce(.zero) { $0 + $1.principal } }
    public var totalInterest: Money { installments.reduce(.zero) { $0 + $1.interest } }
    public var totalPayment: Money { totalPrincipal + totalInterest }

    /// Every broken invariant, described with its values; empty for a sound schedule.
    public func invariantViolations() -> [String] {
        var problems: [String] = []
        if totalPrincipal != terms.principal {
            problems.append("principal parts sum to \(totalPrincipal), not \(terms.principal)")
        }
        var previous: CivilDate?
        var balance = terms.principal
        for row in installments {
            if row.principal.isNegative || row.interest.isNegative || row.balance.isNegative {
                problems.append("period \(row.period) has a negative amount")
            }
            if let previous, row.dueDate <= previous {
                problems.append("period \(row.period) is due \(row.dueDate), not after \(previous)")
            }
            balance -= row.principal
            if row.balance != balance {
                problems.append("period \(row.period) shows balance \(row.balance), expected \(balance)")
            }
            previous = row.dueDate
        }
        if let last = installments.last, !last.balance.isZero {
            problems.append("the balance ends at \(last.balance), not 0.00")
        }
        return problems
    }
}
