import ArgumentParser
import ReliefDomain
import ReliefInterchange

/// `--programme` and the overrides of SPEC.md, shared by `defer` and `estimate`.
struct ProgrammeOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A preset (2020, 2020-06, 2021-04, 2022-11; see 'relief programmes') or a programme JSON file.",
                               valueName: "name-or-file"))
    var programme: String = "2020"

    @Option(help: ArgumentHelp("Override the window's first due date (inclusive).", valueName: "date"), transform: ValueParsers.date)
    var from: CivilDate?

    @Option(help: ArgumentHelp("Override the window's last due date (inclusive).", valueName: "date"), transform: ValueParsers.date)
    var until: CivilDate?

    @Option(name: .customLong("defer-to"), help: ArgumentHelp("Override the deferral date, when deferred amounts fall due.", valueName: "date"),
            transform: ValueParsers.date)
    var deferTo: CivilDate?

    @Option(name: .customLong("penalty-uplift"),
            help: ArgumentHelp("Penalty rate = rate x (1 + uplift) in the no-relief comparison: 30%-50% overdue, 50%-100% misused (default 50%).",
                               valueName: "rate"),
            transform: ValueParsers.rate)
    var penaltyUplift: Rate?

    @Flag(name: .customLong("compound-deferred-interest"), help: "Charge compound interest on deferred interest (off by default).")
    var compoundDeferredInterest = false

    /// The programme with the overrides applied: exit 66 for a missing file, 65 for an
    /// invalid programme or override.
    func resolve() throws -> ReliefProgramme {
        let base = try ReliefProgramme.preset(named: programme) ?? ProgrammeFile.load(path: programme)
        return try base.overriding(from: from, until: until, deferralDate: deferTo, penaltyUplift: penaltyUplift,
                                   compoundOnDeferredInterest: compoundDeferredInterest ? true : nil)
    }
}
