import ReliefDomain
import Testing

/// Check characters worked out by hand from RULES.md section 7. Values: 0-9 are 0-9, then
/// A10 B11 C12 D13 E14 F15 G16 H17 J18 K19 L20 M21 N22 P23 Q24 R25 T26 U27 W28 X29 Y30;
/// weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28; check = (31 - sum mod 31) mod 31.
@Suite struct CreditCodeTests {
    @Test(arguments: [
        // 9x1 + 1x3 + 3x9 + 5x27 + 0 + 1x26 + 0 + 0 + M(21)x20 + 0 + 0 + 0 + 1x8 + 0 + 0 + Y(30)x30
        // + 4x28 = 9 + 3 + 27 + 135 + 26 + 420 + 8 + 900 + 112 = 1,640; 1,640 mod 31 = 28
        // (31 x 52 = 1,612); check 31 - 28 = 3.
        "91350100M000100Y43",
        // 9 + 2x3 + 3x9 + 5x27 + 0 + 1x26 + 0 + 0 + M(21)x20 + A(10)x29 + 2x25 + X(29)x13
        // + Y(30)x8 + 0... = 9 + 6 + 27 + 135 + 26 + 420 + 290 + 50 + 377 + 240 = 1,580;
        // 1,580 mod 31 = 30 (31 x 50 = 1,550); check 31 - 30 = 1.
        "92350100MA2XY00001",
        // 9 + 1x3 + 4x9 + 4x27 + 0 + 3x26 + 0 + 0 + 7x20 + 0 + 8x25 + 4x13 + 6x8 + 1x24
        // + 1x10 + 3x30 + 6x28 = 9 + 3 + 36 + 108 + 78 + 140 + 200 + 52 + 48 + 24 + 10 + 90
        // + 168 = 966; 966 mod 31 = 5 (31 x 31 = 961); check 26 = T.
        "91440300708461136T",
        // 9 + 1x3 + 1x9 + 1x27 + 0 + 0 + 0 + 0 + 6x20 + 0 + 0 + 0 + 3x8 + 7x24 + 3x10 + 4x30
        // + 1x28 = 9 + 3 + 9 + 27 + 120 + 24 + 168 + 30 + 120 + 28 = 538; 538 mod 31 = 11
        // (31 x 17 = 527); check 20 = L.
        "91110000600037341L",
        // Sum 0: (31 - 0) mod 31 = 0, the outer mod at work.
        "000000000000000000",
        // Sum 1: check 30 = Y, the largest value.
        "10000000000000000Y",
        // Sum 3 (a 1 under weight 3): check 28 = W.
        "01000000000000000W",
    ])
    func acceptsValidCodes(text: String) throws {
        let code = try CreditCode(validating: text)
        #expect(code.value == text)
        #expect(code.description == text)
    }

    @Test func constantsMatchTheStandard() {
        #expect(CreditCode.length == 18)
        #expect(String(decoding: CreditCode.alphabet, as: UTF8.self) == "0123456789ABCDEFGHJKLMNPQRTUWXY")
        #expect(CreditCode.alphabet.count == 31)
        #expect(CreditCode.weights == [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28])
        // The weights are 3^i mod 31.
        var power = 1
        for weight in CreditCode.weights {
            #expect(weight == power)
            power = power * 3 % 31
        }
    }

    // MARK: Each mistake has its own case

    @Test(arguments: [
        ("91350100M000100Y4", 17),
        ("91350100M000100Y433", 19),
        ("", 0),
        ("9", 1),
        (" 91350100M000100Y43", 19),
        ("91350100M000100Y43 ", 19),
        ("９１３５０１００Ｍ０００１００Ｙ４", 17),  // full-width characters are counted as characters
    ])
    func refusesWrongLength(text: String, length: Int) {
        #expect(throws: CreditCode.Problem.wrongLength(actual: length)) { try CreditCode(validating: text) }
    }

    @Test func refusesLowerCase() {
        #expect(throws: CreditCode.Problem.lowercase(position: 9, character: "m")) {
            try CreditCode(validating: "91350100m000100Y43")
        }
        #expect(throws: CreditCode.Problem.lowercase(position: 18, character: "t")) {
            try CreditCode(validating: "91440300708461136t")
        }
        // A lower-case forbidden letter is reported as lower case: that is the first thing to fix.
        #expect(throws: CreditCode.Problem.lowercase(position: 1, character: "o")) {
            try CreditCode(validating: "o1350100M000100Y43")
        }
    }

    @Test(arguments: ["I", "O", "S", "V", "Z"])
    func refusesForbiddenLetters(letter: String) throws {
        // M at position 9 replaced by the letter.
        let text = "91350100" + letter + "000100Y43"
        let character = try #require(letter.first)
        #expect(throws: CreditCode.Problem.forbiddenLetter(position: 9, character: character)) {
            try CreditCode(validating: text)
        }
        // As the check character, too.
        #expect(throws: CreditCode.Problem.forbiddenLetter(position: 18, character: character)) {
            try CreditCode(validating: "91350100M000100Y4" + letter)
        }
    }

    @Test(arguments: [
        ("91350100-000100Y43", 9, Character("-")),
        ("91350100中000100Y43", 9, "中"),
        ("91350100 000100Y43", 9, " "),
        ("９1350100M000100Y43", 1, "９"),   // a full-width digit
        ("91350100M000100Y4.", 18, "."),
        ("91350100Ｍ000100Y43", 9, "Ｍ"),   // a full-width capital
        ("91350100é000100Y43", 9, "é"),
    ])
    func refusesOtherCharacters(text: String, position: Int, character: Character) {
        #expect(throws: CreditCode.Problem.invalidCharacter(position: position, character: character)) {
            try CreditCode(validating: text)
        }
    }

    @Test(arguments: [
        ("91350100M000100Y44", Character("3"), Character("4")),
        ("91350100M000100Y4Y", "3", "Y"),
        ("92350100MA2XY00000", "1", "0"),
        ("91440300708461136U", "T", "U"),
        ("91110000600037341M", "L", "M"),
        ("000000000000000001", "0", "1"),
        // A transposition of two body characters (5 and 3 swapped) changes the check: the
        // sum loses 5x27 + 3x9 = 162 and gains 3x27 + 5x9 = 126, 1,640 - 36 = 1,604;
        // 1,604 mod 31 = 23 (31 x 51 = 1,581); check 31 - 23 = 8.
        ("91530100M000100Y43", "8", "3"),
    ])
    func refusesWrongCheckCharacter(text: String, expected: Character, actual: Character) {
        #expect(throws: CreditCode.Problem.wrongCheckCharacter(expected: expected, actual: actual)) {
            try CreditCode(validating: text)
        }
    }

    @Test func problemsDescribeThemselves() {
        #expect(CreditCode.Problem.wrongLength(actual: 17).description.contains("17"))
        #expect(CreditCode.Problem.lowercase(position: 9, character: "m").description.contains("(M)"))
        #expect(CreditCode.Problem.forbiddenLetter(position: 9, character: "O").description.contains("character 9 'O'"))
        #expect(CreditCode.Problem.invalidCharacter(position: 9, character: "-").description.contains("'-'"))
        let check = CreditCode.Problem.wrongCheckCharacter(expected: "3", actual: "4").description
        #expect(check.contains("'4'") && check.contains("'3'"))
    }

    @Test func ordersAndHashesByValue() throws {
        let a = try CreditCode(validating: "000000000000000000")
        let b = try CreditCode(validating: "91350100M000100Y43")
        #expect(a < b)
        #expect(!(b < a))
        #expect(Set([a, b, try CreditCode(validating: "91350100M000100Y43")]).count == 2)
    }
}
