import ArgumentParser
import Foundation
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

extension BridgeCommand {
    struct Terms: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "terms", abstract: "Show the fund's terms, or set them (new advances only; old ones keep theirs).")

        @OptionGroup var termOptions: BridgeTermsOptions
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOption

        func run() throws {
            let store = try database.open()
            let terms = termOptions.isEmpty ? try BridgeFundWorkflow.terms(store)
                                            : try BridgeFundWorkflow.updateTerms(store) { try termOptions.applied(to: $0) }
            StandardStreams.writeOut(BridgeTermsReport(terms: terms, updated: !termOptions.isEmpty).render(output.format))
        }
    }
}
