extension Rate {
    /// The rate as a fraction with at least `minimumDecimals` decimals and no trailing
    /// zeros beyond them: `0.0435`, `0.0008`, `0.00065`.
    public func fractionString(minimumDecimals: Int = 4) -> String {
        Rate.decimalString(units.magnitude, scaleDecimals: Rate.fractionDecimals,
                           minimumDecimals: minimumDecimals, negative: units < 0)
    }

    /// The rate as a percentage: `4.35%`, `0.08%`, `50%`.
    public func percentString() -> String {
        Rate.decimalString(units.magnitude, scaleDecimals: Rate.fractionDecimals - 2,
                           minimumDecimals: 0, negative: units < 0) + "%"
    }

    static func decimalString(_ magnitude: UInt64, scaleDecimals: Int, minimumDecimals: Int, negative: Bool) -> String {
        var divisor: UInt64 = 1
        for _ in 0..<scaleDecimals { divisor *= 10 }
        let whole = magnitude / divisor
        // The fraction's digits as ASCII bytes, zero-padded to the scale, trailing zeros
        // dropped down to `minimumDecimals` (bytes: a String's characters are slow to count).
        var fraction = [UInt8](repeating: UInt8(ascii: "0"), count: scaleDecimals)
        var rest = magnitude % divisor
        var position = scaleDecimals
        while rest > 0 && position > 0 {
            position -= 1
            fraction[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        var kept = scaleDecimals
        while kept > minimumDecimals && fraction[kept - 1] == UInt8(ascii: "0") { kept -= 1 }
        let sign = negative ? "-" : ""
        return kept == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(String(decoding: fraction[..<kept], as: UTF8.self))"
    }
}

extension Rate: CustomStringConvertible {
    public var description: String { percentString() }
}
