import ReliefDomain

extension ScheduleCalculator {
    /// The per-rate values that loans at the same rate and term share — the day rate and the
    /// annuity factor — kept for `forEachInstallment(of:memo:_:)` across a run over many loans.
    ///
    /// Owned by the caller (a value: no locks, no global state), bounded (`slotCount` entries
    /// of each kind, a new key evicting an old one) and keyed by everything the values depend
    /// on, so that a schedule computed through a memo equals the one computed without.
    public struct Memo: Sendable {
        /// Entries of each kind: far more than the distinct rates of a bank's book (rates
        /// move in steps of 0.01% or 0.05%), small enough to stay in the CPU cache.
        public static let slotBits = 10
        public static var slotCount: Int { 1 << slotBits }

        @usableFromInline
        struct AnnuityKey: Equatable, Sendable {
            @usableFromInline let rateUnits: Int64
            @usableFromInline let months: Int

            @inlinable init(rateUnits: Int64, months: Int) {
                self.rateUnits = rateUnits
                self.months = months
            }
        }

        @usableFromInline
        struct DayRateKey: Equatable, Sendable {
            @usableFromInline let rateUnits: Int64
            @usableFromInline let yearBasisDays: Int64
            @usableFromInline let rounding: Rounding

            @inlinable init(rateUnits: Int64, yearBasisDays: Int64, rounding: Rounding) {
                self.rateUnits = rateUnits
                self.yearBasisDays = yearBasisDays
                self.rounding = rounding
            }
        }

        @usableFromInline var annuityFactors: MemoTable<AnnuityKey, AnnuityPayment.Factor>
        @usableFromInline var dayRates: MemoTable<DayRateKey, DayRate.Rounded>

        public init() {
            annuityFactors = MemoTable(slotBits: Memo.slotBits)
            dayRates = MemoTable(slotBits: Memo.slotBits)
        }

        /// `AnnuityPayment.Factor(annualRate:months:)`, computed once per rate and term.
        @inlinable
        public mutating func annuityFactor(annualRate: Rate, months: Int) -> AnnuityPayment.Factor {
            let key = AnnuityKey(rateUnits: annualRate.units, months: months)
            return annuityFactors.value(for: key, hash: UInt64(bitPattern: annualRate.units) &+ UInt64(truncatingIfNeeded: months) &* 0x1_0000_0001) {
                AnnuityPayment.Factor(annualRate: annualRate, months: months)
            }
        }

        /// `DayRate(annual:yearBasisDays:).rounded(rounding)`, computed once per rate, basis and rounding.
        @inlinable
        public mutating func dayRate(annual: Rate, yearBasisDays: Int64, rounding: Rounding) -> DayRate.Rounded {
            let key = DayRateKey(rateUnits: annual.units, yearBasisDays: yearBasisDays, rounding: rounding)
            let hash = UInt64(bitPattern: annual.units) &+ UInt64(bitPattern: yearBasisDays) &* 0x1_0000_0001
            return dayRates.value(for: key, hash: hash) {
                DayRate(annual: annual, yearBasisDays: yearBasisDays).rounded(rounding)
            }
        }
    }
}
