import ReliefDomain

/// A keyword column (size, repayment method, day count) read from bytes: the usual spellings
/// are matched byte for byte, with their values taken from the type's own text parser when
/// the table is built, so the two cannot disagree; any other text (other case, other
/// aliases, errors) goes to that parser.
struct KeywordTable<Value: Sendable>: Sendable {
    /// The spellings' bytes one after another; spelling `i` is `keys[ends[i - 1]..<ends[i]]`.
    let keys: [UInt8]
    let ends: [Int]
    let values: [Value]
    let parse: @Sendable (String) throws(ParseError) -> Value

    init(_ spellings: [String], _ parse: @escaping @Sendable (String) throws(ParseError) -> Value) {
        self.parse = parse
        var keys: [UInt8] = [], ends: [Int] = [], values: [Value] = []
        for spelling in spellings {
            guard let value = try? parse(spelling) else { continue }
            keys += spelling.utf8
            ends.append(keys.count)
            values.append(value)
        }
        (self.keys, self.ends, self.values) = (keys, ends, values)
    }

    func value(_ bytes: UnsafeBufferPointer<UInt8>) throws(ParseError) -> Value {
        if let found = KeywordTable.find(bytes, keys: keys, ends: ends) { return values[found] }
        return try parse(String(decoding: bytes, as: UTF8.self))
    }

    /// The index of the spelling equal to `bytes`, or nil (not generic: runs specialised).
    private static func find(_ bytes: UnsafeBufferPointer<UInt8>, keys: [UInt8], ends: [Int]) -> Int? {
        keys.withUnsafeBufferPointer { keys in
            ends.withUnsafeBufferPointer { ends in
                var start = 0
                for index in 0..<ends.count {
                    let end = ends[index]
                    defer { start = end }
                    guard end - start == bytes.count else { continue }
                    var offset = 0
                    while offset < bytes.count && keys[start + offset] == bytes[offset] { offset += 1 }
                    if offset == bytes.count { return index }
                }
                return nil
            }
        }
    }
}
