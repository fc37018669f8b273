import ArgumentParser
import ReliefDomain
import ReliefInterchange
import ReliefPresentation

/// `relief programmes`: the built-in relief programmes and what each defers.
struct ProgrammesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "programmes",
        abstract: "List the built-in relief programmes (the --programme presets).",
        discussion: "A programme of your own is a JSON file; README.md documents its fields."
    )

    @OptionGroup var output: FormatOption

    func run() throws {
        let programmes = ReliefProgramme.presetNames.compactMap(ReliefProgramme.preset(named:))
        StandardStreams.writeOut(ProgrammesReport(programmes: programmes).render(output.format))
    }
}
