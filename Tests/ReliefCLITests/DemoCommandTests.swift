import Foundation
import Testing

@Suite struct DemoCommandTests {
    /// The demo needs no files: it runs from an empty folder and writes nothing there.
    @Test func runsFromAnyFolder() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try ReliefProcess.run(["demo"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("5,307.27 matches"))
        #expect(!result.stdout.contains("DIFFERS"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
