import ReliefDomain

/// The lexical forms of the loan-book XSD's simple types that the reader checks itself, byte
/// by byte, instead of libxml2 (whose regular expressions cost more than the rest of the
/// validation together, and whose length facets count characters at about a fifth of it):
/// amounts, rates, dates and credit codes, identifiers (1 to 64 characters) and texts (1 to
/// 200). The validating schema is the published one without those patterns and lengths
/// (`LoanBookSchema.validatingXSD`); a test proves that every attribute of those types is
/// checked here, so files are refused exactly as before, with the element's line and the
/// attribute named.
enum LoanBookLexical {
    /// A simple type of the XSD whose pattern is checked here.
    enum Form: String {
        /// `(0|[1-9][0-9]{0,15})\.[0-9]{2}`
        case amount = "Amount"
        /// `[0-9](\.[0-9]{1,10})?`
        case rate = "Rate"
        /// `[0-9]{4}-[0-9]{2}-[0-9]{2}` and a real day (xs:date, white space collapsed)
        case date = "Date"
        /// `[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}`
        case creditCode = "CreditCode"
        /// 1 to 64 characters.
        case identifier = "Identifier"
        /// 1 to 200 characters.
        case text = "Text"
        /// The XSD's enumerations of the attributes every enterprise or loan has.
        case size = "Size"
        case method = "Method"
        case dayCount = "DayCount"
        case settlement = "Settlement"

        /// The values an enumerated form accepts, as the XSD lists them; nil for the others.
        var values: [[UInt8]]? {
            switch self {
            case .size: return Form.sizes
            case .method: return Form.methods
            case .dayCount: return Form.dayCounts
            case .settlement: return Form.settlements
            default: return nil
            }
        }
        static let sizes = ["micro", "small", "medium", "large"].map { Array($0.utf8) }
        static let methods = ["annuity", "equal-principal", "interest-only", "bullet"].map { Array($0.utf8) }
        static let dayCounts = ["30/360", "act/360", "act/365"].map { Array($0.utf8) }
        static let settlements = ["due-dates", "quarterly"].map { Array($0.utf8) }

        /// What a problem says was expected.
        var expected: String {
            switch self {
            case .amount: return "an amount with exactly two decimals and at most 16 integer digits, e.g. 1000000.00"
            case .rate: return "a decimal fraction with one integer digit and at most ten decimals, e.g. 0.0435"
            case .date: return "a date YYYY-MM-DD"
            case .creditCode: return "18 characters of the credit-code alphabet (digits, then letters without I, O, S, V, Z)"
            case .identifier: return "1 to 64 characters"
            case .text: return "1 to 200 characters"
            case .size, .method, .dayCount, .settlement:
                return "one of " + (values ?? []).map { String(decoding: $0, as: UTF8.self) }.joined(separator: ", ")
            }
        }
    }

    /// The form of `attribute` on `element`, or nil when the schema checks it alone.
    static func form(_ element: LoanBookNames.Element, _ attribute: LoanBookNames.Attribute) -> Form? {
        switch attribute {
        case .amount:
            return element == .StatementEntry ? nil : .amount  // a bank's amount on a statement entry (StatementAmount)
        case .principal, .creditLine, .commitment, .minimumFee, .creditLineCap, .deferredPrincipal, .deferredInterest,
             .penaltyWithoutRelief, .compoundWithoutRelief, .relief, .enterpriseCap, .debit, .credit, .interest, .balance:
            return .amount
        case .interestOnDeferredPrincipal, .compoundOnDeferredInterest:
            return element == .Deferral ? .amount : nil  // booleans on Programme
        case .rate, .dailyRate, .penaltyUplift, .rateCap, .commitmentShare:
            return .rate
        case .start, .applied, .date, .repaid, .identified, .from, .until, .deferralDate, .through, .to, .agreed, .dueDate, .originalDueDate,
             .maturingFrom, .maturingUntil, .bookingDate, .valueDate:
            return .date
        case .creditCode, .enterprise:
            return .creditCode
        case .account, .key:
            // A bank statement's entry keeps its own account and key, of other types.
            return element == .StatementEntry ? nil : attribute == .account ? .identifier : .text
        case .advance, .counsellor, .id, .loan, .maturingLoan, .newLoan, .reference, .run:
            return .identifier
        case .accountName, .bank, .description, .enterpriseName, .industry, .name, .title:
            return .text
        case .size:
            return element == .Enterprise ? .size : nil
        case .method, .dayCount, .settlement:
            // A loan's terms (a reconciliation match has a method of its own).
            guard element == .Loan || element == .Renewal else { return nil }
            return attribute == .method ? .method : attribute == .dayCount ? .dayCount : .settlement
        default:
            return nil
        }
    }

    /// Whether `bytes` are in `form`.
    static func accepts(_ form: Form, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        switch form {
        case .amount:
            let count = bytes.count
            guard count >= 4, count <= 19, bytes[count - 3] == UInt8(ascii: "."), isDigit(bytes[count - 2]), isDigit(bytes[count - 1]) else { return false }
            let integer = count - 3
            if bytes[0] == UInt8(ascii: "0") { return integer == 1 }
            for index in 0..<integer where !isDigit(bytes[index]) { return false }
            return true
        case .rate:
            let count = bytes.count
            guard count >= 1, isDigit(bytes[0]) else { return false }
            if count == 1 { return true }
            guard count >= 3, count <= 12, bytes[1] == UInt8(ascii: ".") else { return false }
            for index in 2..<count where !isDigit(bytes[index]) { return false }
            return true
        case .date:
            // xs:date collapses white space before its pattern applies.
            var start = 0, end = bytes.count
            while start < end, isXMLSpace(bytes[start]) { start += 1 }
            while end > start, isXMLSpace(bytes[end - 1]) { end -= 1 }
            let bytes = UnsafeBufferPointer(rebasing: bytes[start..<end])
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
            for index in [0, 1, 2, 3, 5, 6, 8, 9] where !isDigit(bytes[index]) { return false }
            return (try? CivilDate(parsing: bytes)) != nil  // xs:date: a day that exists
        case .creditCode:
            guard bytes.count == CreditCode.length else { return false }
            for index in 0..<bytes.count {
                let byte = bytes[index]
                let valid = index >= 2 && index < 8 ? isDigit(byte) : codeCharacters[Int(byte)]
                if !valid { return false }
            }
            return true
        case .identifier:
            return (1...64).contains(characters(bytes))
        case .text:
            return (1...200).contains(characters(bytes))
        case .size, .method, .dayCount, .settlement:
            return form.values?.contains { $0.elementsEqual(bytes) } ?? false
        }
    }

    /// The characters (Unicode scalars) of UTF-8 `bytes`: the bytes that do not continue one.
    static func characters(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }
    static func isXMLSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// `[0-9A-HJ-NPQRTUWXY]` by byte.
    static let codeCharacters: [Bool] = (0..<256).map { byte in
        let allowed = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)
        return allowed.contains(UInt8(byte))
    }
}
