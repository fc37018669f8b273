import ReliefDomain

extension DeferralCalculator {
    /// The day rates (ordinary and penalty) that loans at the same rate share, kept for
    /// `pricer(for:memo:)` across a run over many loans.
    ///
    /// Owned by the caller (a value: no locks, no global state), bounded (`slotCount`
    /// entries, a new key evicting an old one) and keyed by the rate, the penalty uplift and
    /// the year basis, so that one memo may serve several programmes and every pricer equals
    /// the one built without it.
    public struct Memo: Sendable {
        /// Entries: far more than the distinct rates of a bank's book.
        public static let slotBits = 10
        public static var slotCount: Int { 1 << slotBits }

        @usableFromInline
        struct Key: Equatable, Sendable {
            @usableFromInline let rateUnits: Int64
            @usableFromInline let upliftUnits: Int64
            @usableFromInline let yearBasisDays: Int64
            @usableFromInline let rounding: Rounding

            @inlinable init(rateUnits: Int64, upliftUnits: Int64, yearBasisDays: Int64, rounding: Rounding) {
                self.rateUnits = rateUnits
                self.upliftUnits = upliftUnits
                self.yearBasisDays = yearBasisDays
                self.rounding = rounding
            }
        }

        @usableFromInline var table: MemoTable<Key, LoanDeferralPricer.Rates>

        public init() {
            table = MemoTable(slotBits: Memo.slotBits)
        }

        /// `annual` and `annual x (1 + uplift)` per day over `yearBasisDays` with `rounding`,
        /// computed once per key.
        mutating func rates(annual: Rate, uplift: Rate, yearBasisDays: Int64, rounding: Rounding) -> LoanDeferralPricer.Rates {
            let key = Key(rateUnits: annual.units, upliftUnits: uplift.units, yearBasisDays: yearBasisDays, rounding: rounding)
            let hash = UInt64(bitPattern: annual.units) &+ UInt64(bitPattern: uplift.units) &* 0x1_0000_0001
                &+ UInt64(bitPattern: yearBasisDays) &* 0x3_0000_0007
            return table.value(for: key, hash: hash) {
                LoanDeferralPricer.Rates(annual: annual, uplift: uplift, yearBasisDays: yearBasisDays, rounding: rounding)
            }
        }
    }
}
