import Foundation
@testable import ReliefApp
import ReliefTestSupport
import Testing

/// Issue "Fuzzing every parser", finding 3: a camt file in UTF-16 reads as in UTF-8 in every
/// form (a byte-order mark of either order, or big- or little-endian without one); it was
/// taken for a CSV and refused as "not a statement" in three of the four.
@Suite struct UTF16StatementTests {
    @Test(arguments: ["le-bom", "be-bom", "le", "be"])
    func aCamtFileInUTF16ReadsAsInUTF8(form: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relief-utf16-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = Fixtures.camtStatement.replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"")
        var bytes: [UInt8] = []
        switch form {
        case "le-bom": bytes = [0xFF, 0xFE] + Array(text.data(using: .utf16LittleEndian) ?? Data())
        case "be-bom": bytes = [0xFE, 0xFF] + Array(text.data(using: .utf16BigEndian) ?? Data())
        case "le": bytes = Array(text.data(using: .utf16LittleEndian) ?? Data())
        default: bytes = Array(text.data(using: .utf16BigEndian) ?? Data())
        }
        let utf16 = folder.appendingPathComponent("\(form).xml"), utf8 = folder.appendingPathComponent("utf8.xml")
        try Data(bytes).write(to: utf16)
        try Data(Fixtures.camtStatement.utf8).write(to: utf8)
        #expect(StatementImport.looksLikeXML(bytes))
        let expected = try StatementImport.load(utf8.path).statement
        let read = try StatementImport.load(utf16.path).statement
        #expect(read.messageDefinition == expected.messageDefinition)
        #expect(read.entries.count == expected.entries.count && !read.entries.isEmpty)
        #expect(read.entries.map(\.amount) == expected.entries.map(\.amount))
    }
}
