/// Fixed-decimal text for ratios and averages that the engine returns as scaled integers.
public enum Decimals {
    /// `value / 10^decimals` written with exactly `decimals` decimals: (5419, 4) -> "0.5419".
    public static func format(_ value: Int128, decimals: Int) -> String {
        var divisor: Int128 = 1
        for _ in 0..<decimals { divisor *= 10 }
        let magnitude = value.magnitude
        let whole = magnitude / UInt128(divisor)
        let fraction = String(magnitude % UInt128(divisor))
        let padded = String(repeating: "0", count: max(0, decimals - fraction.count)) + fraction
        return (value < 0 ? "-" : "") + String(whole) + (decimals > 0 ? "." + padded : "")
    }
}
