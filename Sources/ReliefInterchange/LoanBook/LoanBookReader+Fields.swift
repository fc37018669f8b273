import CLibXML2
import Foundation
import ReliefDomain

extension LoanBookReader {
    /// The attributes of one record element, copied once into a reused buffer, checked for
    /// the lexical forms the validating XSD leaves to the reader, and parsed from their bytes
    /// into domain values with located problems.
    final class RecordFields {
        let file: String
        let collector: XMLSchemaValidator.Collector
        let names: LoanBookNames
        var line = 1
        var element = LoanBookNames.Element.Enterprise
        /// The element's name in problems.
        var elementName = "Enterprise"
        /// The current element's attribute values, one after another; `ranges[i]` is the
        /// value of attribute `LoanBookNames.attributes[i]`, nil when absent.
        var bytes: [UInt8] = []
        var ranges: [Range<Int>?] = Array(repeating: nil, count: LoanBookNames.attributes.count)
        /// The caller's lookup of a loan's enterprise; nil: the enterprises are remembered.
        var lookup: EnterpriseLookup?
        var remembered = EnterpriseTable()
        let sizes = LoanCSV.sizes, methods = LoanCSV.methods, dayCounts = LoanCSV.dayCounts, settlements = LoanCSV.settlements

        init(names: LoanBookNames, file: String, collector: XMLSchemaValidator.Collector) {
            self.file = file
            self.collector = collector
            self.names = names
            bytes.reserveCapacity(1024)
        }

        /// Reads the attributes of an element as libxml2's SAX2 start-element callback hands
        /// them over: `count` groups of five pointers (local name, prefix, namespace, value
        /// start, value end), the names interned (so found by pointer) and the values with
        /// character and entity references replaced, but for `&`, which libxml2 hands over as
        /// `&#38;` when it does not substitute entities (so that a tree builder can tell it
        /// from a reference): every `&#38;` is one `&` of the value. A value not in its
        /// lexical form is reported here and left out, as the schema's patterns did.
        func load(line: Int, element: LoanBookNames.Element, name: String? = nil,
                  attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count: Int) {
            self.line = line
            self.element = element
            elementName = name ?? LoanBookNames.elements[element.rawValue]
            var bytes = self.bytes
            var ranges = self.ranges
            self.bytes = []  // one owner while filling: no copy on write
            self.ranges = []
            defer {
                self.bytes = bytes
                self.ranges = ranges
            }
            bytes.removeAll(keepingCapacity: true)
            for index in ranges.indices { ranges[index] = nil }
            guard let attributes else { return }
            for index in 0..<count {
                let base = attributes + 5 * index
                guard let attributeName = base[0], let slot = names.attribute(attributeName),
                      let valueStart = base[3], let valueEnd = base[4] else { continue }
                let start = bytes.count
                let value = UnsafeBufferPointer(start: valueStart, count: valueEnd - valueStart)
                if value.contains(UInt8(ascii: "&")) {
                    RecordFields.appendAmpersandsDecoded(value, to: &bytes)
                } else {
                    bytes.append(contentsOf: value)
                }
                if name == nil, let form = LoanBookLexical.form(element, slot) {
                    let accepted = bytes.withUnsafeBufferPointer { LoanBookLexical.accepts(form, UnsafeBufferPointer(rebasing: $0[start...])) }
                    if !accepted {
                        let value = XMLLibrary.quoted(String(decoding: bytes[start...], as: UTF8.self))
                        problem(slot, "Element '\(elementName)', attribute '\(slot.name)': the value \(value) is not a valid \(form.rawValue): expected \(form.expected)")
                        continue
                    }
                }
                ranges[slot.rawValue] = start..<bytes.count
            }
        }

        /// Appends `value` with each `&#38;` as `&`.
        static func appendAmpersandsDecoded(_ value: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
            let reference = Array("&#38;".utf8)
            var index = 0
            while index < value.count {
                if value[index] == UInt8(ascii: "&"), index + reference.count <= value.count,
                   value[index..<(index + reference.count)].elementsEqual(reference) {
                    bytes.append(UInt8(ascii: "&"))
                    index += reference.count
                } else {
                    bytes.append(value[index])
                    index += 1
                }
            }
        }

        func problem(_ field: LoanBookNames.Attribute, _ message: String) { problem(field.name, message) }

        func problem(_ field: String, _ message: String) {
            collector.problems.append(ImportProblem(file: file, line: line, field: "\(elementName)/@\(field)", message: message))
        }

        func has(_ name: LoanBookNames.Attribute) -> Bool { ranges[name.rawValue] != nil }

        /// The value of attribute `name` as bytes, given to `body`; nil when absent.
        func withBytes<T>(_ name: LoanBookNames.Attribute, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T? {
            guard let range = ranges[name.rawValue] else { return nil }
            return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
        }

        func text(_ name: LoanBookNames.Attribute) -> String? { withBytes(name) { String(decoding: $0, as: UTF8.self) } }

        /// An attribute parsed from its bytes; nil when absent (a required one is the schema's
        /// to report) or when it does not parse (reported here).
        func bytes<T>(_ name: LoanBookNames.Attribute, _ parse: (UnsafeBufferPointer<UInt8>) throws -> T) -> T? {
            do { return try withBytes(name, parse) } catch { problem(name, "\(error)"); return nil }
        }

        /// An attribute parsed from its text.
        func value<T>(_ name: LoanBookNames.Attribute, _ parse: (String) throws -> T) -> T? {
            bytes(name) { try parse(String(decoding: $0, as: UTF8.self)) }
        }

        func flag(_ name: LoanBookNames.Attribute) -> Bool {
            withBytes(name) { $0.count == 1 ? $0[0] == UInt8(ascii: "1") : $0.elementsEqual("true".utf8) } ?? false
        }
        func date(_ name: LoanBookNames.Attribute) -> CivilDate? { bytes(name) { try CivilDate(parsing: $0) } }
        func money(_ name: LoanBookNames.Attribute) -> Money? { bytes(name) { try Money(parsing: $0) } }
        func rate(_ name: LoanBookNames.Attribute) -> Rate? { bytes(name) { try Rate(parsing: $0) } }
        func loanID(_ name: LoanBookNames.Attribute) -> LoanID? { value(name) { try LoanID(validating: $0) } }
        func integer(_ name: LoanBookNames.Attribute) -> Int? {
            bytes(name) { bytes -> Int in
                // Up to 18 digits cannot overflow; anything else goes through Int(_:) and its error.
                if bytes.count > 0, bytes.count <= 18, bytes.allSatisfy(LoanBookLexical.isDigit) {
                    return bytes.reduce(0) { $0 * 10 + Int($1 &- UInt8(ascii: "0")) }
                }
                let text = String(decoding: bytes, as: UTF8.self)
                guard let number = Int(text) else { throw ParseError(input: text, kind: "number", reason: "expected a whole number") }
                return number
            }
        }
        /// The `rounding` attribute; half-up when absent (the XSD's default).
        func rounding() -> Rounding {
            value(.rounding) { try Rounding(scheduleParsing: $0) } ?? .halfUp
        }
        func tiers(_ name: LoanBookNames.Attribute) -> [BridgeTerms.Tier]? { value(name) { try BridgeTerms.Tier.parseList($0) } }

        /// Remembers `enterprise` for the loans below; false when its code is already listed.
        func remember(_ enterprise: EnterpriseRecord) -> Bool { remembered.insert(enterprise) }

        /// A loan's enterprise: the caller's, or the one remembered; nil (and a problem) when none.
        func enterprise(_ code: CreditCode) -> EnterpriseRecord? {
            let found: EnterpriseRecord?
            if let lookup {
                do { found = try lookup(code) } catch {
                    problem(.enterprise, "enterprise \(code) could not be looked up: \(error)")
                    return nil
                }
            } else {
                found = remembered[code]
            }
            if found == nil { problem(.enterprise, "enterprise \(code) is not listed above the loan") }
            return found
        }

        func entryHeader() -> PendingEntry? {
            let number = integer(.number)
            let date = date(.date)
            let loan = loanID(.loan)
            guard let number, let date, let description = text(.description), let key = text(.key) else { return nil }
            if has(.loan) && loan == nil { return nil }
            return PendingEntry(number: Int64(number), date: date, description: description, key: key, loan: loan, line: line)
        }

        func posting() -> LoanBookRecord.Entry.Posting? {
            let debit = money(.debit)
            let credit = money(.credit)
            let loan = loanID(.loan)
            guard let account = text(.account) else { return nil }
            switch (debit, credit) {
            case (let debit?, nil): return LoanBookRecord.Entry.Posting(account: account, amount: debit, loan: loan)
            case (nil, let credit?): return LoanBookRecord.Entry.Posting(account: account, amount: -credit, loan: loan)
            default:
                problem(.debit, "a posting has either a debit or a credit")
                return nil
            }
        }

        /// A bank's amount in `currency`, exactly as written (its scale kept).
        func exactAmount(_ name: LoanBookNames.Attribute, currency: String) -> ExactAmount? {
            value(name) { try ExactAmount(parsing: $0, currency: currency) }
        }

        /// A `StatementEntry`: every column of a stored statement entry, exactly.
        func statementEntry() -> LoanBookRecord? {
            let entryNumber = integer(.entryNumber), detailNumber = integer(.detailNumber), detailCount = integer(.detailCount)
            let sourceLine = integer(.sourceLine)
            let bookingDate = date(.bookingDate), valueDate = date(.valueDate)
            let currency = text(.currency)
            let amount = currency.flatMap { exactAmount(.amount, currency: $0) }
            let entryAmount = currency.flatMap { exactAmount(.entryAmount, currency: $0) }
            let direction = value(.direction) { text -> StatementEntry.Direction in
                guard let direction = StatementEntry.Direction(rawValue: text) else {
                    throw ParseError(input: text, kind: "direction", reason: "expected CRDT or DBIT")
                }
                return direction
            }
            guard let key = text(.key), let account = text(.account), let entryNumber, let detailNumber, let detailCount, let sourceLine,
                  let amount, let entryAmount, let direction else { return nil }
            if (has(.bookingDate) && bookingDate == nil) || (has(.valueDate) && valueDate == nil) { return nil }
            for (field, number, least) in [(LoanBookNames.Attribute.entryNumber, entryNumber, 1), (.detailNumber, detailNumber, 1),
                                           (.detailCount, detailCount, 0), (.sourceLine, sourceLine, 1)] where number < least {
                problem(field, "\(number) is below \(least)")
                return nil
            }
            let entry = StatementEntry(
                account: account, statementID: text(.statementRef), entryNumber: entryNumber, detailNumber: detailNumber, detailCount: detailCount,
                bookingDate: bookingDate, valueDate: valueDate, amount: amount, entryAmount: entryAmount, amountIsShared: flag(.amountShared),
                direction: direction, isReversal: flag(.reversal), status: text(.status), accountServicerReference: text(.servicerRef),
                endToEndID: text(.endToEndId), instructionID: text(.instructionId), messageID: text(.messageId),
                counterpartyName: text(.counterpartyName), counterpartyAccount: text(.counterpartyAccount), remittance: text(.remittance),
                line: sourceLine)
            return .statementEntry(key: key, entry: entry)
        }

        func parse() -> LoanBookRecord? {
            switch element {
            case .Cultivation:
                guard let code = value(.enterprise, { try CreditCode(validating: $0) }), let identified = date(.identified) else { return nil }
                if lookup == nil, remembered[code] == nil {
                    problem(.enterprise, "enterprise \(code) is not listed above")
                    return nil
                }
                return .cultivation(LoanBookRecord.Cultivation(enterprise: code, identified: identified, industry: text(.industry),
                                                               hasLoanRecord: flag(.hasLoanRecord)))
            case .Programme:
                let from = date(.from), until = date(.until), deferralDate = date(.deferralDate), uplift = rate(.penaltyUplift)
                let cap = money(.creditLineCap)
                let sizeSet = value(.sizes) { text in Set(try text.split(separator: " ").map { try EnterpriseSize(parsing: String($0)) }) }
                let scope = value(.scope) { text -> ReliefProgramme.Scope in
                    guard let scope = ReliefProgramme.Scope(rawValue: text) else {
                        throw ParseError(input: text, kind: "scope", reason: "expected principal, interest or both")
                    }
                    return scope
                }
                let rounding = rounding()
                guard let run = text(.run), let name = text(.name), let from, let until, let deferralDate, let uplift, let sizeSet, let scope else {
                    return nil
                }
                guard from <= until else {
                    problem(.until, "the window ends \(until), before it starts \(from)")
                    return nil
                }
                var maturing: ClosedRange<CivilDate>?
                switch (date(.maturingFrom), date(.maturingUntil)) {
                case let (first?, last?) where first <= last: maturing = first...last
                case let (first?, last?):
                    problem(.maturingUntil, "the maturity scope ends \(last), before it starts \(first)")
                    return nil
                case (nil, nil): break
                default:
                    problem(.maturingFrom, "maturingFrom and maturingUntil come together: give both or neither")
                    return nil
                }
                do {
                    let programme = try ReliefProgramme(
                        name: name, title: text(.title) ?? "", window: from...until, deferralDate: deferralDate, scope: scope,
                        interestOnDeferredPrincipal: flag(.interestOnDeferredPrincipal), compoundOnDeferredInterest: flag(.compoundOnDeferredInterest),
                        penaltyUplift: uplift,
                        eligibility: .init(sizes: sizeSet, creditLineCap: cap, applicationRequired: flag(.applicationRequired),
                                           maturing: maturing))
                    return .programme(run: run, programme: programme, rounding: rounding)
                } catch {
                    problem(error.rule, error.message)
                    return nil
                }
            case .Deferral:
                let loan = loanID(.loan), deferralDate = date(.deferralDate), installments = integer(.installments)
                let amounts = [LoanBookNames.Attribute.deferredPrincipal, .deferredInterest, .interestOnDeferredPrincipal, .compoundOnDeferredInterest,
                               .penaltyWithoutRelief, .compoundWithoutRelief, .relief].map(money)
                guard let loan, let deferralDate, let installments, let run = text(.run), amounts.allSatisfy({ $0 != nil }) else { return nil }
                let figures = amounts.map { $0 ?? .zero }
                return .deferral(LoanBookRecord.Deferral(
                    loan: loan, run: run, deferralDate: deferralDate, installments: installments, deferredPrincipal: figures[0],
                    deferredInterest: figures[1], interestOnDeferredPrincipal: figures[2], compoundOnDeferredInterest: figures[3],
                    penaltyWithoutRelief: figures[4], compoundWithoutRelief: figures[5], relief: figures[6]))
            case .Accrual:
                guard let loan = loanID(.loan), let through = date(.through) else { return nil }
                return .accrual(loan: loan, through: through)
            case .Extension:
                guard let loan = loanID(.loan), let to = date(.to), let agreed = date(.agreed) else { return nil }
                return .extension(loan: loan, to: to, agreed: agreed)
            case .Renewal:
                let loan = loanID(.loan), newLoan = loanID(.newLoan), date = date(.date), principal = money(.principal), rate = rate(.rate)
                let months = integer(.months)
                let method = value(.method) { try RepaymentMethod(parsing: $0) }
                let dayCount = value(.dayCount) { try DayCount(parsing: $0) }
                let settlement = value(.settlement) { try Settlement(parsing: $0) }
                guard let loan, let newLoan, let date, let principal, let rate, let months, let method, let dayCount, let settlement else { return nil }
                do {
                    let terms = try LoanTerms(principal: principal, annualRate: rate, start: date, termMonths: months, method: method,
                                              dayCount: dayCount, settlement: settlement)
                    return .renewal(LoanBookRecord.Renewal(loan: loan, newLoan: newLoan, date: date, terms: terms))
                } catch {
                    problem(.principal, error.message)
                    return nil
                }
            case .BridgeTerms:
                let maxDays = integer(.maxDays), cap = rate(.rateCap), minimumFee = money(.minimumFee), share = rate(.commitmentShare)
                let enterpriseCap = money(.enterpriseCap)
                let tiers = !has(.tiers) ? [] : self.tiers(.tiers)
                guard let maxDays, let cap, let tiers else { return nil }
                do {
                    return .bridgeTerms(try BridgeTerms(maximumDays: maxDays, dailyRateCap: cap, tiers: tiers, minimumFee: minimumFee,
                                                        commitmentShare: share, enterpriseCap: enterpriseCap))
                } catch {
                    problem(.rateCap, error.message)
                    return nil
                }
            case .BridgeRepayment:
                guard let advance = value(.advance, { try AdvanceID(validating: $0) }), let date = date(.date) else { return nil }
                return .bridgeRepayment(advance: advance, date: date)
            case .Reversal:
                guard let entry = integer(.entry), let date = date(.date), let reason = text(.reason) else { return nil }
                return .reversal(entry: Int64(entry), date: date, reason: reason)
            case .Correction:
                guard let when = date(.date), let reason = text(.reason), let kind = text(.event) else { return nil }
                let event: LoanBookRecord.Correction.Event
                switch kind {
                case "repayment":
                    guard let loan = loanID(.loan), let period = integer(.period) else {
                        problem(.period, "a repayment's correction names its loan and period")
                        return nil
                    }
                    event = .repayment(loan: loan, period: period)
                case "accrual":
                    guard let loan = loanID(.loan), let through = date(.through) else {
                        problem(.through, "an accrual's correction names its loan and through date")
                        return nil
                    }
                    event = .accrual(loan: loan, through: through)
                case "advance", "bridgeRepayment":
                    guard let advance = value(.advance, { try AdvanceID(validating: $0) }) else {
                        problem(.advance, "a bridge correction names its advance")
                        return nil
                    }
                    event = kind == "advance" ? .advance(advance) : .bridgeRepayment(advance)
                default:
                    problem(.event, "expected repayment, accrual, advance or bridgeRepayment")
                    return nil
                }
                return .correction(LoanBookRecord.Correction(event: event, date: when, reason: reason))
            case .Installment:
                let loan = loanID(.loan), period = integer(.period), due = date(.dueDate), days = integer(.days)
                let original = !has(.originalDueDate) ? due : date(.originalDueDate)
                let principal = money(.principal), interest = money(.interest), balance = money(.balance)
                guard let loan, let period, let due, let original, let days, let principal, let interest, let balance else { return nil }
                return .installment(LoanBookRecord.Installment(loan: loan, period: period, dueDate: due, originalDueDate: original, days: days,
                                                               principal: principal, interest: interest, balance: balance,
                                                               deferred: flag(.deferred), paid: flag(.paid)))
            case .Counsellor:
                guard let id = value(.id, { try CounsellorID(validating: $0) }), let name = text(.name) else { return nil }
                return .counsellor(id: id, name: name)
            case .Assignment:
                guard let counsellor = value(.counsellor, { try CounsellorID(validating: $0) }),
                      let code = value(.enterprise, { try CreditCode(validating: $0) }), let date = date(.date) else { return nil }
                return .assignment(counsellor: counsellor, enterprise: code, date: date)
            case .Stage:
                guard let code = value(.enterprise, { try CreditCode(validating: $0) }), let stage = value(.stage, { try CultivationStage(parsing: $0) }),
                      let date = date(.date) else { return nil }
                return .stage(enterprise: code, stage: stage, date: date, bank: text(.bank))
            case .Enterprise:
                guard let code = value(.creditCode, { try CreditCode(validating: $0) }), let name = text(.name) else { return nil }
                guard has(.size) else { return .unsizedEnterprise(code: code, name: name, county: text(.county) ?? "") }
                guard let size = bytes(.size, { try sizes.value($0) }) else { return nil }
                return .enterprise(EnterpriseRecord(code: code, name: name, size: size, county: text(.county) ?? ""))
            case .Loan:
                let id = value(.id) { try LoanID(validating: $0) }
                let code = value(.enterprise) { try CreditCode(validating: $0) }
                let principal = money(.principal)
                let rate = rate(.rate)
                let start = date(.start)
                let months = integer(.months)
                let method = bytes(.method) { try methods.value($0) }
                let dayCount = bytes(.dayCount) { try dayCounts.value($0) }
                let settlement = bytes(.settlement) { try settlements.value($0) }
                let creditLine = money(.creditLine)
                let applied = date(.applied)
                guard let id, let code, let principal, let rate, let start, let months, let method, let dayCount, let settlement,
                      let bank = text(.bank) else { return nil }
                guard let enterprise = enterprise(code) else { return nil }
                do {
                    let terms = try LoanTerms(principal: principal, annualRate: rate, start: start, termMonths: months, method: method,
                                              dayCount: dayCount, settlement: settlement)
                    return .loan(LoanRecord(id: id, enterprise: enterprise, bank: bank, terms: terms, creditLine: creditLine, applied: applied),
                                 rounding: rounding(), batch: integer(.batch).map(Int64.init))
                } catch {
                    problem(.principal, error.message)
                    return nil
                }
            case .ImportBatch:
                guard let number = integer(.number), let source = text(.source), let date = date(.date), let records = integer(.records),
                      let duplicates = integer(.duplicates) else { return nil }
                return .importBatch(LoanBookRecord.ImportBatch(number: Int64(number), source: source, recordedOn: date, records: records,
                                                               duplicates: duplicates))
            case .Repayment:
                guard let loan = value(.loan, { try LoanID(validating: $0) }), let period = integer(.period),
                      let date = date(.date) else { return nil }
                return .repayment(loan: loan, period: period, date: date)
            case .BridgeFund:
                return .bridgeFund(account: text(.account), accountName: text(.accountName))
            case .BridgeCapital:
                guard let date = date(.date), let amount = money(.amount) else { return nil }
                let withdrawal = text(.withdrawal).map { $0 == "true" || $0 == "1" } ?? false
                return .bridgeCapital(date: date, amount: withdrawal ? -amount : amount, reference: text(.reference))
            case .BridgeAdvance:
                let id = value(.id) { try AdvanceID(validating: $0) }
                let code = value(.enterprise) { try CreditCode(validating: $0) }
                let amount = money(.amount)
                let date = date(.date)
                let repaid = self.date(.repaid)
                let commitment = money(.commitment)
                let dailyRate = rate(.dailyRate), minimumFee = money(.minimumFee), maxDays = integer(.maxDays)
                let tiers = !has(.tiers) ? [] : self.tiers(.tiers)
                guard let id, let code, let amount, let date, let bank = text(.bank), let tiers else { return nil }
                var terms: LoanBookRecord.BridgeAdvance.Terms?
                if let dailyRate, let maxDays {
                    terms = .init(dailyRate: dailyRate, tiers: tiers, minimumFee: minimumFee, maximumDays: maxDays)
                } else if dailyRate != nil || maxDays != nil {
                    problem(dailyRate == nil ? .dailyRate : .maxDays, "an advance's own terms need both dailyRate and maxDays")
                    return nil
                }
                return .bridgeAdvance(LoanBookRecord.BridgeAdvance(id: id, enterprise: code, enterpriseName: text(.enterpriseName), bank: bank,
                                                                   county: text(.county) ?? "",
                                                                   amount: amount, date: date, account: text(.account), repaid: repaid,
                                                                   maturingLoan: text(.maturingLoan), commitment: commitment, terms: terms))
            case .Statement:
                let entries = integer(.entries)
                guard let source = text(.source), let digest = text(.digest), let definition = text(.messageDefinition), let entries else {
                    return nil
                }
                return .statement(LoanBookRecord.Statement(source: source, digest: digest, messageDefinition: definition,
                                                           messageID: text(.messageId), entries: entries))
            case .StatementEntry:
                return statementEntry()
            case .Match:
                guard let entry = text(.entry), let event = text(.event), let reference = text(.ref), let method = text(.method),
                      let difference = money(.difference) else { return nil }
                return .match(LoanBookRecord.Match(entryKey: entry, event: event, reference: reference, method: method, difference: difference))
            default:
                return nil  // the schema reports an unknown element; Entry and Posting are read above
            }
        }
    }
}
