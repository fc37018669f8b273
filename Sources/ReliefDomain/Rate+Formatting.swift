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
        var fraction = String(magnitude % divisor)
        fraction = String(repeating: "0", count: scaleDecimals - fraction.count) + fraction
        while fraction.count > minimumDecimals, fraction.last == "0" { fraction.removeLast() }
        let sign = negative ? "-" : ""
        return fraction.isEmpty ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
    }
}

extension Rate: CustomStringConvertible {
    public var description: String { percentString() }
}
