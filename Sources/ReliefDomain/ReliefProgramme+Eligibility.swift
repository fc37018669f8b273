extension ReliefProgramme {
    /// What the programme needs to know of a borrower to decide eligibility.
    public struct Applicant: Sendable {
        public let size: EnterpriseSize
        public let creditLine: Money?
        /// When the firm applied for relief; nil if it has not.
        public let applied: CivilDate?

        public init(size: EnterpriseSize, creditLine: Money?, applied: CivilDate?) {
            self.size = size
            self.creditLine = creditLine
            self.applied = applied
        }
    }

    /// Nil when `applicant` may be deferred; otherwise the reason it may not, for the
    /// loan officer's refusal list.
    public func refusalReason(for applicant: Applicant) -> String? {
        if !eligibility.sizes.contains(applicant.size) {
            let admitted = EnterpriseSize.allCases.filter(eligibility.sizes.contains).map(\.rawValue).joined(separator: ", ")
            return "\(applicant.size.rawValue) enterprises are not eligible for programme \(name) (only \(admitted))"
        }
        if let cap = eligibility.creditLineCap {
            guard let line = applicant.creditLine else {
                return "programme \(name) needs the credit line (at most \(cap.formatted(grouped: true))), and none is recorded"
            }
            if line > cap {
                return "credit line \(line.formatted(grouped: true)) is over programme \(name)'s cap of \(cap.formatted(grouped: true))"
            }
        }
        if eligibility.applicationRequired {
            guard let applied = applicant.applied else { return "the enterprise has not applied for relief" }
            if applied > deferralDate {
                return "applied \(applied), after the deferral date \(deferralDate)"
            }
        }
        return nil
    }
}
