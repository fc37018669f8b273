extension Rate {
    /// Parses `4.35%` (a percentage) or `0.0435` (a fraction) exactly.
    ///
    /// Rejected with their own reasons: blanks, any character but digits, one point, a
    /// leading sign and a trailing `%`; more decimals than the rate can hold exactly; rates
    /// of 10,000% or more (no contract states one; the limit keeps products in range).
    public init(parsing text: String) throws(ParseError) {
        func fail(_ reason: String) -> ParseError {
            ParseError(input: text, kind: "rate", reason: reason + " (write 4.35% or 0.0435)")
        }
        var body = Substring(text)
        if body.trimmingBlanks().isEmpty { throw fail("it is blank") }
        var negative = false
        if let first = body.first, first == "-" || first == "+" {
            negative = first == "-"
            body = body.dropFirst()
        }
        var percent = false
        if body.last == "%" {
            percent = true
            body = body.dropLast()
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { throw fail("more than one decimal point") }
        let whole = parts[0]
        let fraction = parts.count == 2 ? parts[1] : ""
        guard !whole.isEmpty else { throw fail("no digits before the decimal point") }
        guard parts.count == 1 || !fraction.isEmpty else { throw fail("no digits after the decimal point") }
        guard (whole + fraction).allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw fail("unexpected character")
        }
        // The fraction's decimals: a percentage has two more than it shows.
        let allowed = percent ? Rate.fractionDecimals - 2 : Rate.fractionDecimals
        guard fraction.count <= allowed else {
            throw fail("more than \(allowed) decimals cannot be held exactly")
        }
        guard whole.count <= 4, let wholeValue = Int64(whole), let fractionValue = Int64(fraction.isEmpty ? "0" : fraction) else {
            throw fail("too large")
        }
        var fractionScale: Int64 = 1
        for _ in 0..<fraction.count { fractionScale *= 10 }
        // value = (whole + fraction / fractionScale) / (percent ? 100 : 1), in units of 1/scale.
        let unitsPerWhole = percent ? Rate.scale / 100 : Rate.scale
        let units = wholeValue * unitsPerWhole + fractionValue * (unitsPerWhole / fractionScale)
        guard units < 100 * Rate.scale else { throw fail("10,000% or more") }
        self.init(units: negative ? -units : units)
    }
}

extension Substring {
    func trimmingBlanks() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result = result.dropFirst() }
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}

extension Rate {
    /// Parses the UTF-8 `bytes` of a rate exactly as `init(parsing:)` parses text.
    ///
    /// The plain forms files carry (`4.35%`, `0.0435`: 1 to 4 integer digits, a point with
    /// digits or none, an optional `%`) are read from the bytes without making a `String`;
    /// every other form, and every error, goes through `init(parsing:)`, the one definition.
    public init(parsing bytes: UnsafeBufferPointer<UInt8>) throws(ParseError) {
        if let units = Rate.plainUnits(bytes) {
            self.init(units: units)
        } else {
            try self.init(parsing: String(decoding: bytes, as: UTF8.self))
        }
    }

    /// The units of `whole[.fraction][%]` within the limits of `init(parsing:)`, else nil.
    static func plainUnits(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var end = bytes.count
        let percent = end > 0 && bytes[end - 1] == UInt8(ascii: "%")
        if percent { end -= 1 }
        var index = 0
        var whole: Int64 = 0
        while index < end, bytes[index] &- 48 < 10 {
            whole = whole &* 10 &+ Int64(bytes[index] &- 48)
            index += 1
        }
        guard index >= 1 && index <= 4 else { return nil }
        var fraction: Int64 = 0
        var fractionDigits = 0
        if index < end {
            guard bytes[index] == UInt8(ascii: ".") else { return nil }
            index += 1
            while index < end, bytes[index] &- 48 < 10 {
                fraction = fraction &* 10 &+ Int64(bytes[index] &- 48)
                fractionDigits += 1
                index += 1
            }
            guard index == end, fractionDigits >= 1, fractionDigits <= (percent ? fractionDecimals - 2 : fractionDecimals) else { return nil }
        }
        var fractionScale: Int64 = 1
        for _ in 0..<fractionDigits { fractionScale &*= 10 }
        let unitsPerWhole = percent ? scale / 100 : scale
        let units = whole &* unitsPerWhole &+ fraction &* (unitsPerWhole / fractionScale)
        return units < 100 * scale ? units : nil
    }
}
