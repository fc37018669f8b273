import ReliefDomain

/// The enterprises a loan book has listed so far, kept compactly: a loan names its enterprise
/// by credit code and is delivered with the whole record, so every enterprise must be kept
/// until the end of the file.
///
/// Each is a 12-byte key (the code's 18 characters at 5 bits each), an entry and the UTF-8 of
/// its name and county in one shared buffer: about 100 bytes an enterprise instead of about
/// 400 as a dictionary of records (three strings each). Memory grows with the enterprises
/// listed, not with loans or other records.
struct EnterpriseTable {
    /// A credit code packed: characters 1-12 in `high`, 13-18 in `low`, 5 bits each.
    struct Key: Hashable {
        let high: UInt64
        let low: UInt32

        /// Each byte's value in the credit-code alphabet, or 0xFF.
        static let values: [UInt8] = (0..<256).map { byte in CreditCode.alphabet.firstIndex(of: UInt8(byte)).map(UInt8.init) ?? 0xFF }

        init(_ code: CreditCode) {
            var high: UInt64 = 0, low: UInt32 = 0
            var index = 0
            for byte in code.value.utf8 {
                let value = Key.values[Int(byte)]
                precondition(value != 0xFF && index < CreditCode.length, "a validated credit code \(code) has a byte outside its alphabet")
                if index < 12 { high = high << 5 | UInt64(value) } else { low = low << 5 | UInt32(value) }
                index += 1
            }
            self.high = high
            self.low = low
        }
    }

    struct Entry {
        let start: Int
        let nameCount: Int32
        let countyCount: Int32
        let size: EnterpriseSize
    }

    private var slots: [Key: Int32] = [:]
    private var entries: [Entry] = []
    private var text: [UInt8] = []

    var count: Int { entries.count }

    /// Adds `enterprise`; false (and nothing added) when its code is already listed.
    mutating func insert(_ enterprise: EnterpriseRecord) -> Bool {
        let key = Key(enterprise.code)
        guard slots[key] == nil else { return false }
        precondition(entries.count < Int32.max, "more than \(Int32.max) enterprises in one loan book")
        slots[key] = Int32(entries.count)
        let start = text.count
        text += enterprise.name.utf8
        let nameCount = text.count - start
        text += enterprise.county.utf8
        entries.append(Entry(start: start, nameCount: Int32(nameCount), countyCount: Int32(text.count - start - nameCount), size: enterprise.size))
        return true
    }

    /// The enterprise listed with `code`, or nil.
    subscript(code: CreditCode) -> EnterpriseRecord? {
        guard let slot = slots[Key(code)] else { return nil }
        let entry = entries[Int(slot)]
        return text.withUnsafeBufferPointer { text in
            let nameEnd = entry.start + Int(entry.nameCount)
            return EnterpriseRecord(code: code, name: String(decoding: UnsafeBufferPointer(rebasing: text[entry.start..<nameEnd]), as: UTF8.self),
                                    size: entry.size,
                                    county: String(decoding: UnsafeBufferPointer(rebasing: text[nameEnd..<nameEnd + Int(entry.countyCount)]), as: UTF8.self))
        }
    }
}
