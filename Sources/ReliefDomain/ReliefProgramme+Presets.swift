extension ReliefProgramme {
    /// The built-in programmes of RULES.md section 3, by name.
    public static let presetNames = ["2020", "2020-06", "2021-04", "2022-11"]

    /// CNY 10 million: the credit-line cap of the inclusive small and micro loan programmes.
    public static let inclusiveLoanCreditLineCap = Money(yuan: 10_000_000)

    /// A built-in programme, or nil for an unknown name.
    public static func preset(named name: String) -> ReliefProgramme? {
        switch name {
        case "2020": return try? nationalNotice2020()
        case "2020-06": return try? inclusiveExtension202006()
        case "2021-04": return try? inclusiveExtension202104()
        case "2022-11": return try? notice202211()
        default: return nil
        }
    }

    /// 银保监发〔2020〕6号 as the seed applies it: SME principal and interest due
    /// 2020-01-25 to 2020-06-30, deferred to at most 2020-06-30; micro, small and medium
    /// enterprises on application; large enterprises never.
    public static func nationalNotice2020() throws -> ReliefProgramme {
        try ReliefProgramme(
            name: "2020", title: "2020 national notice 银保监发〔2020〕6号 (the seed's programme)",
            window: CivilDate(year: 2020, month: 1, day: 25)...CivilDate(year: 2020, month: 6, day: 30),
            deferralDate: CivilDate(year: 2020, month: 6, day: 30),
            eligibility: Eligibility(sizes: [.micro, .small, .medium]))
    }

    /// 银发〔2020〕122号: inclusive small and micro loans (credit line at most CNY 10 million)
    /// due 2020-06-01 to 2020-12-31, deferred to at most 2021-03-31.
    public static func inclusiveExtension202006() throws -> ReliefProgramme {
        try ReliefProgramme(
            name: "2020-06", title: "2020-06 extension 银发〔2020〕122号 (inclusive small and micro loans)",
            window: CivilDate(year: 2020, month: 6, day: 1)...CivilDate(year: 2020, month: 12, day: 31),
            deferralDate: CivilDate(year: 2021, month: 3, day: 31),
            eligibility: Eligibility(sizes: [.micro, .small], creditLineCap: inclusiveLoanCreditLineCap))
    }

    /// 2021-04 extension: inclusive small and micro loans due 2021-04-01 to 2021-12-31,
    /// deferred to at most 2021-12-31.
    public static func inclusiveExtension202104() throws -> ReliefProgramme {
        try ReliefProgramme(
            name: "2021-04", title: "2021-04 extension (inclusive small and micro loans)",
            window: CivilDate(year: 2021, month: 4, day: 1)...CivilDate(year: 2021, month: 12, day: 31),
            deferralDate: CivilDate(year: 2021, month: 12, day: 31),
            eligibility: Eligibility(sizes: [.micro, .small], creditLineCap: inclusiveLoanCreditLineCap))
    }

    /// 2022-11 notice: small and micro loans maturing in the fourth quarter of 2022; their
    /// principal and interest due in that quarter deferred to at most 2023-06-30. A longer
    /// loan's fourth-quarter installments are not covered (RULES.md section 3).
    public static func notice202211() throws -> ReliefProgramme {
        let fourthQuarter = try CivilDate(year: 2022, month: 10, day: 1)...CivilDate(year: 2022, month: 12, day: 31)
        return try ReliefProgramme(
            name: "2022-11", title: "2022-11 notice (small and micro loans maturing in Q4 2022)",
            window: fourthQuarter,
            deferralDate: CivilDate(year: 2023, month: 6, day: 30),
            eligibility: Eligibility(sizes: [.micro, .small], maturing: fourthQuarter))
    }
}
