/// An amount in any currency held exactly as written: an integer mantissa, a decimal scale
/// and an ISO 4217 currency code (`1234.56789 EUR` = 123456789, scale 5, "EUR").
///
/// Bank statements carry amounts in any currency with up to five decimals (ISO 20022
/// `ActiveOrHistoricCurrencyAndAmount`); converting them to fen would round or misread
/// them, so they stay exact until a caller asks for fen, which only a CNY amount with no
/// digits past the fen can give.
public struct ExactAmount: Hashable, Sendable, CustomStringConvertible {
    /// The digits without the decimal point; never negative (the direction is held apart).
    public let mantissa: Int64
    /// Digits after the decimal point, 0 through `maximumScale`.
    public let scale: Int
    /// The ISO 4217 code, three capital letters.
    public let currency: String

    /// The most decimals ISO 20022 allows on an amount.
    public static let maximumScale = 5
    /// The most digits ISO 20022 allows on an amount (totalDigits 18), which also fits Int64.
    public static let maximumDigits = 18

    public init(mantissa: Int64, scale: Int, currency: String) {
        precondition(mantissa >= 0, "ExactAmount mantissa \(mantissa) is negative")
        precondition((0...ExactAmount.maximumScale).contains(scale), "ExactAmount scale \(scale) is outside 0...5")
        self.mantissa = mantissa
        self.scale = scale
        self.currency = currency
    }

    /// Parses the ISO 20022 amount text (`1234.56789`: digits, an optional point and at most
    /// five decimals; no sign, no exponent, no separators) with its currency code.
    public init(parsing text: String, currency: String) throws(ParseError) {
        let code = Array(currency.utf8)
        guard code.count == 3, code.allSatisfy({ $0 >= 65 && $0 <= 90 }) else {
            throw ParseError(input: currency, kind: "currency", reason: "expected an ISO 4217 code of three capital letters, e.g. CNY")
        }
        var mantissa: Int64 = 0
        var digits = 0
        var scale: Int?
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                guard scale == nil, digits > 0 else { throw ParseError(input: text, kind: "amount", reason: "misplaced decimal point") }
                scale = 0
                continue
            }
            guard byte >= 48 && byte <= 57 else {
                throw ParseError(input: text, kind: "amount", reason: "expected digits with an optional decimal point, e.g. 1234.56")
            }
            digits += 1
            if let current = scale { scale = current + 1 }
            guard digits <= ExactAmount.maximumDigits else { throw ParseError(input: text, kind: "amount", reason: "more than 18 digits") }
            mantissa = mantissa * 10 + Int64(byte - 48)
        }
        guard digits > 0, scale != 0 else { throw ParseError(input: text, kind: "amount", reason: "expected digits, e.g. 1234.56") }
        guard (scale ?? 0) <= ExactAmount.maximumScale else {
            throw ParseError(input: text, kind: "amount", reason: "more than \(ExactAmount.maximumScale) decimals")
        }
        self.init(mantissa: mantissa, scale: scale ?? 0, currency: currency)
    }

    /// The amount in fen when it is CNY and has nothing past the fen; nil otherwise (another
    /// currency, or a third decimal that is not zero), so nothing is ever rounded silently.
    public var fen: Int64? {
        guard currency == "CNY" else { return nil }
        if scale <= 2 {
            var value = mantissa
            for _ in scale..<2 { value *= 10 }
            return value
        }
        var divisor: Int64 = 1
        for _ in 2..<scale { divisor *= 10 }
        return mantissa % divisor == 0 ? mantissa / divisor : nil
    }

    /// The amount as decimal text with its own scale, e.g. `1234.56789`.
    public var decimalText: String {
        guard scale > 0 else { return String(mantissa) }
        var digits = String(mantissa)
        if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
        let split = digits.index(digits.endIndex, offsetBy: -scale)
        return digits[..<split] + "." + digits[split...]
    }

    /// `1234.56789 EUR`.
    public var description: String { "\(decimalText) \(currency)" }

    /// Equal in value whatever the scale written (`2000.00` == `2000`), same currency.
    public func isSameValue(as other: ExactAmount) -> Bool {
        guard currency == other.currency else { return false }
        let common = max(scale, other.scale)
        func widened(_ amount: ExactAmount) -> Int128 {
            var value = Int128(amount.mantissa)
            for _ in amount.scale..<common { value *= 10 }
            return value
        }
        return widened(self) == widened(other)
    }
}
