import ReliefInterchange
import Testing

@Suite struct XMLLibraryTests {
    /// libxml2 links and answers (a cold build proves the ICU shim works).
    @Test func libxml2Links() {
        #expect(XMLLibrary.version.count >= 5)
    }
}
