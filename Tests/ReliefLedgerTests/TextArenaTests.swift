import Testing
@testable import ReliefLedger

/// The arena that keeps bound text in place until a statement has run.
@Suite struct TextArenaTests {
    func copy(_ text: String, _ arena: TextArena) -> UnsafePointer<CChar> {
        var text = text
        return text.withUTF8 { arena.copy($0) }
    }

    func read(_ pointer: UnsafePointer<CChar>, _ count: Int) -> String {
        String(decoding: UnsafeRawBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// Empty text first (also right after a reset), values across chunk ends, one larger
    /// than a chunk: every copy reads back as written until the reset.
    @Test func copiesStayPutUntilReset() {
        let arena = TextArena()
        for round in 0..<2 {
            _ = copy("", arena)
            var kept: [(UnsafePointer<CChar>, String)] = []
            for index in 0..<5_000 {
                let text = index % 997 == 0 ? String(repeating: "长", count: 30_000) : "贷款 \(round)-\(index)"
                kept.append((copy(text, arena), text))
            }
            for (pointer, text) in kept { #expect(read(pointer, text.utf8.count) == text) }
            arena.reset()
        }
    }
}
