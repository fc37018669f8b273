extension Money {
    /// Parses a CNY amount strictly: `1234.56`, `1,234.56`, `¥1,234.56`, `-5`, `0.5`.
    ///
    /// Accepted: an optional sign, an optional `¥`/`￥` symbol, digits with optional
    /// thousands separators in groups of exactly three, and at most two decimals.
    /// Rejected, each with its own reason: blanks, a third decimal (fen is the smallest
    /// unit, so `12.345` would silently lose money), misplaced separators (`12,34`), a bare
    /// point (`12.`, `.5`), any other character, and amounts beyond `Money.limit`.
    public init(parsing text: String) throws(ParseError) {
        func fail(_ reason: String) -> ParseError {
            ParseError(input: text, kind: "amount", reason: reason)
        }
        var bytes = Array(text.utf8)[...]
        if bytes.isEmpty || bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
            throw fail("it is blank")
        }
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        for symbol in ["¥", "￥"] {
            let symbolBytes = Array(symbol.utf8)
            if bytes.starts(with: symbolBytes) {
                bytes = bytes.dropFirst(symbolBytes.count)
                break
            }
        }
        var integerDigits: [UInt8] = []
        var groupLengths: [Int] = []  // lengths of digit runs between separators
        var currentRun = 0
        var fraction: [UInt8] = []
        var sawPoint = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if sawPoint { fraction.append(byte - 48) } else { integerDigits.append(byte - 48); currentRun += 1 }
            case UInt8(ascii: ","):
                if sawPoint { throw fail("a thousands separator after the decimal point") }
                groupLengths.append(currentRun)
                currentRun = 0
            case UInt8(ascii: "."):
                if sawPoint { throw fail("more than one decimal point") }
                sawPoint = true
            default:
                throw fail("unexpected character; expected digits like 1234.56 or 1,234.56")
            }
        }
        if integerDigits.isEmpty { throw fail("no digits before the decimal point") }
        if !groupLengths.isEmpty {
            groupLengths.append(currentRun)
            let firstOK = (1...3).contains(groupLengths[0])
            let restOK = groupLengths.dropFirst().allSatisfy { $0 == 3 }
            if !firstOK || !restOK { throw fail("thousands separators must split the digits into groups of three") }
        }
        if sawPoint && fraction.isEmpty { throw fail("no digits after the decimal point") }
        if fraction.count > 2 { throw fail("more than two decimals (the fen is the smallest unit)") }
        var fen: Int64 = 0
        for digit in integerDigits + fraction + Array(repeating: 0, count: 2 - fraction.count) {
            let (times10, o1) = fen.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.addingReportingOverflow(Int64(digit))
            if o1 || o2 || next > Money.limit.fen { throw fail("too large (the limit is \(Money.limit.formatted(grouped: true)))") }
            fen = next
        }
        self.init(fen: negative ? -fen : fen)
    }
}

extension Money {
    /// Parses the UTF-8 `bytes` of an amount exactly as `init(parsing:)` parses text.
    ///
    /// The plain form files carry (`1234`, `1234.5`, `1234.56`, at most 13 integer digits, so
    /// never beyond `Money.limit`) is read from the bytes without making a `String`; every
    /// other form, and every error, goes through `init(parsing:)`, the one definition.
    public init(parsing bytes: UnsafeBufferPointer<UInt8>) throws(ParseError) {
        if let fen = Money.plainFen(bytes) {
            self.init(fen: fen)
        } else {
            try self.init(parsing: String(decoding: bytes, as: UTF8.self))
        }
    }

    /// The fen of `digits[.d[d]]` with 1 to 13 integer digits, else nil.
    static func plainFen(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        let count = bytes.count
        var index = 0
        var fen: Int64 = 0
        while index < count, bytes[index] &- 48 < 10 {
            fen = fen &* 10 &+ Int64(bytes[index] &- 48)
            index += 1
        }
        guard index >= 1 && index <= 13 else { return nil }
        if index == count { return fen &* 100 }
        guard bytes[index] == UInt8(ascii: "."), count - index == 2 || count - index == 3 else { return nil }
        let tenths = bytes[index + 1] &- 48
        guard tenths < 10 else { return nil }
        if count - index == 2 { return fen &* 100 &+ Int64(tenths) * 10 }
        let hundredths = bytes[index + 2] &- 48
        guard hundredths < 10 else { return nil }
        return fen &* 100 &+ Int64(tenths) * 10 &+ Int64(hundredths)
    }
}
