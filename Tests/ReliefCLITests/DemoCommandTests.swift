import Foundation
import ReliefDomain
import ReliefEngine
import ReliefSamples
import Testing

@Suite struct DemoCommandTests {
    /// The demo runs from an empty folder, writes nothing there, and its figures equal those
    /// computed independently with the engine.
    @Test func runsFromAnyFolderWithLibraryFigures() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        let temporary = try ReliefProcess.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: folder)
            try? FileManager.default.removeItem(at: temporary)
        }
        let environment = ["TMPDIR": temporary.path]
        let result = try ReliefProcess.run(["demo"], in: folder, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        // The demo's own folder is $TMPDIR/relief-demo, named in its first step ("... from
        // <folder>/loans.csv") and left for the user to open.
        let demoFolder = temporary.appendingPathComponent("relief-demo").path
        #expect(result.stdout.contains("Ledger: \(demoFolder)/relief.sqlite\n"), "\(result.stdout.prefix(400))")
        #expect(FileManager.default.fileExists(atPath: demoFolder + "/loans.csv"))
        // A second demo replaces the first's files in the same folder: one folder, however often.
        _ = FileManager.default.createFile(atPath: demoFolder + "/notes.txt", contents: Data("mine".utf8))
        let again = try ReliefProcess.run(["demo"], in: folder, environment: environment)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path) == ["relief-demo"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: demoFolder).sorted()
                == ["bridge-register.csv", "cultivation.csv", "fund-statement-2020-03.xml", "loans.csv", "notes.txt",
                    "relief.sqlite", "report.html"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        #expect(result.stdout.contains("every invariant holds"))
        #expect(!result.stdout.contains("DIFFERS"))

        // The 2020 programme over the sample book, straight from the engine: large firms and
        // firms without an application are refused.
        var totals = DeferralTotals()
        var deferred = 0
        var refused = 0
        let programme = try ReliefProgramme.nationalNotice2020()
        for index in 0..<300 {
            let loan = SamplePortfolio.loan(index)
            if loan.enterprise.size == .large || loan.applied == nil { refused += 1; continue }
            let result = DeferralCalculator(programme: programme).apply(to: try ScheduleCalculator().schedule(for: loan.terms))
            if result.deferredAnything { deferred += 1; totals.add(result.totals) }
        }
        let lines = result.stdout.split(separator: "\n").map(String.init)
        func figure(_ label: String) -> String? {
            lines.first { $0.contains(label) }?.split(separator: " ").last.map(String.init)
        }
        #expect(figure("Loans deferred now") == String(deferred))
        #expect(figure("Loans refused") == String(refused))
        #expect(figure("Deferred principal (CNY)") == totals.deferredPrincipal.formatted(grouped: true))
        #expect(figure("Relief: penalty and compound interest spared") == totals.relief.formatted(grouped: true))
    }

    /// Samples/loans.csv is the file the demo generates.
    @Test func samplesMatchTheDemo() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let sample = root.appendingPathComponent("Samples/loans.csv")
        // Samples/ is part of the package (not of ../shared): its absence is a failure, not a skip.
        try #require(FileManager.default.fileExists(atPath: sample.path), "\(sample.path) is missing: Samples/ ships with the package")
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("demo.sqlite").path
        #expect(try ReliefProcess.run(["demo", "--db", db]).status == 0)
        #expect(try Data(contentsOf: folder.appendingPathComponent("loans.csv")) == (try Data(contentsOf: sample)))
        #expect(try Data(contentsOf: folder.appendingPathComponent("bridge-register.csv"))
                == (try Data(contentsOf: root.appendingPathComponent("Samples/bridge-register.csv"))))
        #expect(try Data(contentsOf: folder.appendingPathComponent("cultivation.csv"))
                == (try Data(contentsOf: root.appendingPathComponent("Samples/cultivation.csv"))))
        let statement = root.appendingPathComponent("Samples/fund-statement-2020-03.xml")
        #expect(try Data(contentsOf: folder.appendingPathComponent("fund-statement-2020-03.xml")) == (try Data(contentsOf: statement)))
        #expect(try ReliefProcess.run(["export", "loanbook", "--db", db, "--out", folder.appendingPathComponent("book.xml").path]).status == 0)
        #expect(try Data(contentsOf: folder.appendingPathComponent("book.xml")) == (try Data(contentsOf: root.appendingPathComponent("Samples/loanbook.xml"))))
        // A second demo beside the first would overwrite its files: refused.
        let again = try ReliefProcess.run(["demo", "--db", folder.appendingPathComponent("other.sqlite").path])
        #expect(again.status == 65)
        #expect(again.stderr.contains("overwrites nothing"))
        // A folder that does not exist: said so (exit 66), not "run relief init".
        let nowhere = try ReliefProcess.run(["demo", "--db", folder.appendingPathComponent("missing/demo.sqlite").path])
        #expect(nowhere.status == 66)
        #expect(nowhere.stderr.contains("does not exist"), "\(nowhere.stderr)")
    }
}
