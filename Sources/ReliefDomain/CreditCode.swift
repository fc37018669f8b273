/// The 18-character unified social credit code (统一社会信用代码, GB 32100-2015) that
/// identifies an enterprise, with its check character verified.
///
/// Characters are `0-9 A-H J-N P-R T-U W-Y` (no I, O, Z, S, V), each worth its index in
/// `CreditCode.alphabet`; the 18th is a check character: with weights
/// `1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28` over the first 17 values, its value is
/// `(31 - sum mod 31) mod 31` (RULES.md section 7).
public struct CreditCode: Hashable, Comparable, Sendable {
    public let value: String

    public static let length = 18
    public static let alphabet: [UInt8] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)
    public static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// Why a text is not a credit code; each kind of mistake has its own case and message.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case wrongLength(actual: Int)
        case lowercase(position: Int, character: Character)
        case forbiddenLetter(position: Int, character: Character)
        case invalidCharacter(position: Int, character: Character)
        case wrongCheckCharacter(expected: Character, actual: Character)

        public var description: String {
            switch self {
            case .wrongLength(let actual):
                return "a unified social credit code has 18 characters, this one has \(actual)"
            case .lowercase(let position, let character):
                return "character \(position) '\(character)' is lower case; credit codes use capital letters (\(character.uppercased()))"
            case .forbiddenLetter(let position, let character):
                return "character \(position) '\(character)' is not used in credit codes (I, O, S, V and Z never appear)"
            case .invalidCharacter(let position, let character):
                return "character \(position) '\(character)' is not a digit or capital letter"
            case .wrongCheckCharacter(let expected, let actual):
                return "the check character is '\(actual)' but the first 17 characters require '\(expected)'"
            }
        }
    }

    /// Validates `text` as given (no trimming, no case folding: a code with a lower-case
    /// letter is a different string in every registry, so it is refused, not fixed).
    public init(validating text: String) throws(Problem) {
        // Fast path over the bytes for a valid code (registers read back hundreds of thousands);
        // anything else takes the character-by-character path below, which names the problem.
        if text.utf8.count == CreditCode.length,
           text.utf8.withContiguousStorageIfAvailable({ CreditCode.isValid($0) }) ?? CreditCode.isValid(Array(text.utf8)) {
            self.value = text
            return
        }
        let characters = Array(text)
        guard characters.count == CreditCode.length else { throw .wrongLength(actual: characters.count) }
        var sum = 0
        var values: [Int] = []
        for (index, character) in characters.enumerated() {
            guard let value = CreditCode.value(of: character) else {
                let position = index + 1
                if character.isASCII && character.isLowercase { throw .lowercase(position: position, character: character) }
                if "IOSVZ".contains(character) { throw .forbiddenLetter(position: position, character: character) }
                throw .invalidCharacter(position: position, character: character)
            }
            values.append(value)
            if index < 17 { sum += value * CreditCode.weights[index] }
        }
        let expected = (31 - sum % 31) % 31
        guard values[17] == expected else {
            throw .wrongCheckCharacter(expected: Character(UnicodeScalar(CreditCode.alphabet[expected])),
                                       actual: characters[17])
        }
        self.value = text
    }

    /// Each byte's value in the alphabet, or `invalid`.
    static let valueTable: [UInt8] = (0..<256).map { byte in alphabet.firstIndex(of: UInt8(byte)).map(UInt8.init) ?? invalid }
    static let invalid: UInt8 = 0xFF

    /// Whether `bytes` are 18 characters of the alphabet whose last is the check character.
    static func isValid(_ bytes: some RandomAccessCollection<UInt8>) -> Bool {
        guard bytes.count == length else { return false }
        return valueTable.withUnsafeBufferPointer { table in
            weights.withUnsafeBufferPointer { weights in
                var sum = 0
                var index = 0
                for byte in bytes {
                    let value = table[Int(byte)]
                    if value == invalid { return false }
                    if index == 17 { return Int(value) == (31 - sum % 31) % 31 }
                    sum += Int(value) * weights[index]
                    index += 1
                }
                return false
            }
        }
    }

    static func value(of character: Character) -> Int? {
        guard let ascii = character.asciiValue else { return nil }
        return alphabet.firstIndex(of: ascii)
    }

    public static func < (lhs: CreditCode, rhs: CreditCode) -> Bool { lhs.value < rhs.value }
}

extension CreditCode: CustomStringConvertible {
    public var description: String { value }
}

extension CreditCode {
    /// The valid code whose first 17 characters are `body`, with its check character
    /// computed; throws when `body` is not 17 characters of the code's alphabet.
    public static func completing(_ body: String) throws(Problem) -> CreditCode {
        let characters = Array(body)
        guard characters.count == length - 1 else { throw .wrongLength(actual: characters.count + 1) }
        var sum = 0
        for (index, character) in characters.enumerated() {
            guard let value = value(of: character) else { throw .invalidCharacter(position: index + 1, character: character) }
            sum += value * weights[index]
        }
        return try CreditCode(validating: body + String(UnicodeScalar(alphabet[(31 - sum % 31) % 31])))
    }
}
