extension Money {
    /// The amount with exactly two decimals: `1234.50`, `-0.05`; with `grouped`, thousands
    /// separators as a loan officer reads them: `1,234.50`.
    public func formatted(grouped: Bool = false) -> String {
        let magnitude = fen.magnitude
        let yuan = magnitude / 100
        let cents = magnitude % 100
        var whole = String(yuan)
        if grouped && whole.count > 3 {
            var pieces: [Substring] = []
            var end = whole.endIndex
            while end > whole.startIndex {
                let start = whole.index(end, offsetBy: -3, limitedBy: whole.startIndex) ?? whole.startIndex
                pieces.append(whole[start..<end])
                end = start
            }
            whole = pieces.reversed().joined(separator: ",")
        }
        return (fen < 0 ? "-" : "") + whole + "." + (cents < 10 ? "0" : "") + String(cents)
    }
}

extension Money: CustomStringConvertible {
    public var description: String { formatted(grouped: false) }
}
