import CLibXML2
import Foundation
import ReliefDomain

/// Reads a loan book (`urn:creditrelief:loanbook:1`) as a stream, validating it against the
/// format's XSD while reading, and hands each record to a closure.
///
/// Memory stays flat in the file's size (xmlTextReader holds one node at a time); only the
/// enterprises are remembered, because a loan record carries its enterprise. The schema is
/// compiled once per process (`LoanBookSchema.validator`). Records are delivered as they
/// are read, each with its line, and problems (XSD violations, a check character that fails, a loan naming an
/// enterprise not above it) are collected for the whole file and thrown at the end as one
/// `ImportFailure`: the caller writes the records in one transaction and rolls it back then,
/// so a bad file imports nothing. Parsing is hardened as for statements: no network, no
/// entity substitution, no DTD loading, and any DOCTYPE refused.
public final class LoanBookReader {
    public static let defaultMaximumBytes = 2 << 30
    /// Problems collected before giving up on a file: enough to fix a file in one pass.
    static let problemsMaximum = 1000

    let validator: XMLSchemaValidator
    public let maximumBytes: Int
    /// The format revision of the file read last (its root's `revision`; 1 when absent).
    /// Known before the first record is delivered.
    public private(set) var revision = 1

    public init(maximumBytes: Int = LoanBookReader.defaultMaximumBytes) {
        precondition(maximumBytes > 0, "maximumBytes \(maximumBytes) must be positive")
        self.maximumBytes = maximumBytes
        validator = LoanBookSchema.validator
    }

    /// Reads the file at `path`; returns the number of records delivered.
    @discardableResult
    public func read(path: String, _ body: (LoanBookRecord, Int) throws -> Void) throws -> Int {
        let name = (path as NSString).lastPathComponent
        let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        try checkSize(size, file: name)
        try checkWellFormed(file: name) { xmlReaderForFile(path, nil, CamtStatementReader.options) }
        guard let reader = xmlReaderForFile(path, nil, CamtStatementReader.options) else {
            throw ImportFailure(problems: [ImportProblem(file: name, line: 1, message: "cannot open the file for reading")])
        }
        return try run(reader, file: name, body)
    }

    /// Reads `bytes`, naming them `file` in problems.
    @discardableResult
    public func read(bytes: [UInt8], file: String, _ body: (LoanBookRecord, Int) throws -> Void) throws -> Int {
        try checkSize(bytes.count, file: file)
        guard bytes.count <= Int(Int32.max) else {
            throw ImportFailure(problems: [ImportProblem(file: file, line: 1, message: "more than 2 GiB cannot be read from memory")])
        }
        return try bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else {
                throw ImportFailure(problems: [ImportProblem(file: file, line: 1, message: "empty input: expected a loan book")])
            }
            let open = {
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    xmlReaderForMemory($0, Int32(buffer.count), file, nil, CamtStatementReader.options)
                }
            }
            try checkWellFormed(file: file, open)
            guard let reader = open() else { throw ImportFailure(problems: [ImportProblem(file: file, line: 1, message: "empty input: expected a loan book")]) }
            return try run(reader, file: file, body)
        }
    }

    /// A first pass without the schema that proves the bytes well-formed (and free of a
    /// DOCTYPE), through the statement reader's hardened loop. Needed because libxml2 2.9
    /// crashes when a parse error is reported by a reader that has a schema attached (its
    /// error callbacks get the schema's SAX plug instead of the parser context; seen here);
    /// the second, validating pass then meets validity errors only. Costs one more parse at
    /// C speed, memory still flat.
    func checkWellFormed(file: String, _ open: () -> xmlTextReaderPtr?) throws {
        guard let reader = open() else { throw ImportFailure(problems: [ImportProblem(file: file, line: 1, message: "empty input: expected a loan book")]) }
        let parse = CamtParse(file: file)
        try parse.checkWellFormed(reader)
    }

    func checkSize(_ size: Int, file: String) throws {
        guard size <= maximumBytes else {
            throw ImportFailure(problems: [ImportProblem(file: file, line: 1, message: "the file is \(size) bytes, over the limit of \(maximumBytes) bytes; nothing was read")])
        }
    }

    func run(_ reader: xmlTextReaderPtr, file: String, _ body: (LoanBookRecord, Int) throws -> Void) throws -> Int {
        let collector = XMLSchemaValidator.Collector(file: file)
        defer {
            collector.reader = nil
            xmlFreeTextReader(reader)
        }
        // The plain (not structured) handler: libxml2 2.9's structured handler on a reader with
        // a schema attached is called with the schema's SAX plug instead of the parser context
        // and crashes on the first malformed byte (seen here). Parse errors carry a locator;
        // validity errors do not, but validation runs inside the parser, so the parser's
        // current line is the element's.
        collector.reader = reader
        xmlTextReaderSetErrorHandler(reader, { context, message, severity, locator in
            guard let context, severity == XML_PARSER_SEVERITY_ERROR || severity == XML_PARSER_SEVERITY_VALIDITY_ERROR else { return }
            let collector = Unmanaged<XMLSchemaValidator.Collector>.fromOpaque(context).takeUnretainedValue()
            var line = locator.map { Int(xmlTextReaderLocatorLineNumber($0)) } ?? 0
            if line <= 0, let reader = collector.reader { line = Int(xmlTextReaderGetParserLineNumber(reader)) }
            let text = message.map { String(cString: $0) } ?? "invalid"
            collector.problems.append(ImportProblem(file: collector.file, line: max(1, line),
                                                    message: text.trimmingCharacters(in: .whitespacesAndNewlines)))
        }, Unmanaged.passUnretained(collector).toOpaque())
        // After the handler: attaching the schema passes the handler on to its validator.
        guard xmlTextReaderSetSchema(reader, validator.schema) == 0 else {
            throw ImportFailure(problems: [ImportProblem(file: file, line: 1, message: "libxml2 could not attach the loan-book schema")])
        }
        var enterprises: [String: EnterpriseRecord] = [:]
        var delivered = 0
        var sawRoot = false
        revision = 1
        var pendingEntry: PendingEntry?
        try withExtendedLifetime(collector) {
            while true {
                let status = xmlTextReaderRead(reader)
                if status == 0 { break }
                if status < 0 {
                    if collector.problems.isEmpty { collector.problems.append(ImportProblem(file: file, line: 1, message: "not well-formed XML")) }
                    throw ImportFailure(problems: collector.problems)
                }
                if collector.problems.count >= LoanBookReader.problemsMaximum { throw ImportFailure(problems: collector.problems) }
                let type = xmlTextReaderNodeType(reader)
                if type == Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue) {
                    collector.problems.append(ImportProblem(file: file, line: 1, message: "a document type declaration (DOCTYPE) is not allowed in a loan book"))
                    throw ImportFailure(problems: collector.problems)
                }
                guard type == Int32(XML_READER_TYPE_ELEMENT.rawValue) else { continue }
                let line = xmlTextReaderCurrentNode(reader).map { Int(xmlGetLineNo($0)) } ?? 1
                let name = xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? ""
                if !sawRoot {
                    sawRoot = true
                    let namespace = xmlTextReaderConstNamespaceUri(reader).map { String(cString: $0) } ?? ""
                    guard name == "LoanBook", namespace == LoanBookSchema.namespace else {
                        collector.problems.insert(ImportProblem(file: file, line: line, field: name,
                                                                message: "not a loan book: expected <LoanBook> in namespace \(LoanBookSchema.namespace)"), at: 0)
                        throw ImportFailure(problems: collector.problems)
                    }
                    let root = RecordFields(reader: reader, file: file, line: line, element: name, collector: collector)
                    revision = root.value("revision") { text -> Int in
                        guard let value = Int(text), value >= 1 else { throw ParseError(input: text, kind: "revision", reason: "expected 1 or 2") }
                        return value
                    } ?? 1
                    if revision > LoanBookSchema.revision {
                        root.problem("revision", "revision \(revision) is newer than this tool reads (\(LoanBookSchema.revision)); update relief")
                    }
                    continue
                }
                let record = RecordFields(reader: reader, file: file, line: line, element: name, collector: collector)
                if name == "Posting" {
                    // A child of the Entry above: completes it rather than being a record.
                    if let posting = record.posting() { pendingEntry?.postings.append(posting) }
                    continue
                }
                if let entry = pendingEntry {
                    pendingEntry = nil
                    try body(.entry(entry.record), entry.line)
                    delivered += 1
                }
                if name == "Entry" {
                    if let header = record.entryHeader() { pendingEntry = header }
                    continue
                }
                guard let parsed = record.parse(enterprises: enterprises) else { continue }
                if case .enterprise(let enterprise) = parsed {
                    if enterprises[enterprise.code.value] != nil {
                        collector.problems.append(ImportProblem(file: file, line: line, field: "creditCode", message: "enterprise \(enterprise.code) appears twice"))
                        continue
                    }
                    enterprises[enterprise.code.value] = enterprise
                }
                try body(parsed, line)
                delivered += 1
            }
        }
        if let entry = pendingEntry {
            try body(.entry(entry.record), entry.line)
            delivered += 1
        }
        if !sawRoot { collector.problems.append(ImportProblem(file: file, line: 1, message: "empty document: expected a loan book")) }
        guard collector.problems.isEmpty else { throw ImportFailure(problems: collector.problems) }
        return delivered
    }

    /// An `Entry` whose `Posting` children are still being read.
    struct PendingEntry {
        let number: Int64
        let date: CivilDate
        let description: String
        let key: String
        let loan: LoanID?
        let line: Int
        var postings: [LoanBookRecord.Entry.Posting] = []

        var record: LoanBookRecord.Entry {
            LoanBookRecord.Entry(number: number, date: date, description: description, key: key, loan: loan, postings: postings)
        }
    }

    /// The attributes of one record element, parsed into domain values with located problems.
    struct RecordFields {
        let reader: xmlTextReaderPtr
        let file: String
        let line: Int
        let element: String
        let collector: XMLSchemaValidator.Collector

        func problem(_ field: String, _ message: String) {
            collector.problems.append(ImportProblem(file: file, line: line, field: "\(element)/@\(field)", message: message))
        }

        func text(_ name: String) -> String? {
            let value = XMLOutput.bytes(name) { xmlTextReaderGetAttribute(reader, $0) }
            guard let value else { return nil }
            defer { clibxml2_free(value) }
            return String(cString: value)
        }

        /// A required attribute: the schema reports it missing; nil here then.
        func value<T>(_ name: String, _ parse: (String) throws -> T) -> T? {
            guard let text = text(name) else { return nil }
            do { return try parse(text) } catch { problem(name, "\(error)"); return nil }
        }

        func flag(_ name: String) -> Bool { text(name).map { $0 == "true" || $0 == "1" } ?? false }
        func date(_ name: String) -> CivilDate? { value(name) { try CivilDate(parsing: $0) } }
        func money(_ name: String) -> Money? { value(name) { try Money(parsing: $0) } }
        func rate(_ name: String) -> Rate? { value(name) { try Rate(parsing: $0) } }
        func loanID(_ name: String) -> LoanID? { value(name) { try LoanID(validating: $0) } }
        func integer(_ name: String) -> Int? {
            value(name) { text -> Int in
                guard let number = Int(text) else { throw ParseError(input: text, kind: "number", reason: "expected a whole number") }
                return number
            }
        }
        func tiers(_ name: String) -> [BridgeTerms.Tier]? { value(name) { try BridgeTerms.Tier.parseList($0) } }

        func entryHeader() -> PendingEntry? {
            let number = integer("number")
            let date = date("date")
            let loan = loanID("loan")
            guard let number, let date, let description = text("description"), let key = text("key") else { return nil }
            if text("loan") != nil && loan == nil { return nil }
            return PendingEntry(number: Int64(number), date: date, description: description, key: key, loan: loan, line: line)
        }

        func posting() -> LoanBookRecord.Entry.Posting? {
            let debit = money("debit")
            let credit = money("credit")
            let loan = loanID("loan")
            guard let account = text("account") else { return nil }
            switch (debit, credit) {
            case (let debit?, nil): return LoanBookRecord.Entry.Posting(account: account, amount: debit, loan: loan)
            case (nil, let credit?): return LoanBookRecord.Entry.Posting(account: account, amount: -credit, loan: loan)
            default:
                problem("debit", "a posting has either a debit or a credit")
                return nil
            }
        }

        func parse(enterprises: [String: EnterpriseRecord]) -> LoanBookRecord? {
            switch element {
            case "Cultivation":
                guard let code = value("enterprise", { try CreditCode(validating: $0) }), let identified = date("identified") else { return nil }
                guard enterprises[code.value] != nil else {
                    problem("enterprise", "enterprise \(code) is not listed above")
                    return nil
                }
                return .cultivation(LoanBookRecord.Cultivation(enterprise: code, identified: identified, industry: text("industry"),
                                                               hasLoanRecord: flag("hasLoanRecord")))
            case "Programme":
                let from = date("from"), until = date("until"), deferralDate = date("deferralDate"), uplift = rate("penaltyUplift")
                let cap = money("creditLineCap")
                let sizes = value("sizes") { text in Set(try text.split(separator: " ").map { try EnterpriseSize(parsing: String($0)) }) }
                let scope = value("scope") { text -> ReliefProgramme.Scope in
                    guard let scope = ReliefProgramme.Scope(rawValue: text) else {
                        throw ParseError(input: text, kind: "scope", reason: "expected principal, interest or both")
                    }
                    return scope
                }
                let rounding = value("rounding") { text -> Rounding in
                    guard let rounding = Rounding(rawValue: text) else { throw ParseError(input: text, kind: "rounding", reason: "expected half-up or half-even") }
                    return rounding
                } ?? .halfUp
                guard let run = text("run"), let name = text("name"), let from, let until, let deferralDate, let uplift, let sizes, let scope else {
                    return nil
                }
                guard from <= until else {
                    problem("until", "the window ends \(until), before it starts \(from)")
                    return nil
                }
                do {
                    let programme = try ReliefProgramme(
                        name: name, title: text("title") ?? "", window: from...until, deferralDate: deferralDate, scope: scope,
                        interestOnDeferredPrincipal: flag("interestOnDeferredPrincipal"), compoundOnDeferredInterest: flag("compoundOnDeferredInterest"),
                        penaltyUplift: uplift,
                        eligibility: .init(sizes: sizes, creditLineCap: cap, applicationRequired: flag("applicationRequired")))
                    return .programme(run: run, programme: programme, rounding: rounding)
                } catch {
                    problem(error.rule, error.message)
                    return nil
                }
            case "Deferral":
                let loan = loanID("loan"), deferralDate = date("deferralDate"), installments = integer("installments")
                let amounts = ["deferredPrincipal", "deferredInterest", "interestOnDeferredPrincipal", "compoundOnDeferredInterest",
                               "penaltyWithoutRelief", "compoundWithoutRelief", "relief"].map(money)
                guard let loan, let deferralDate, let installments, let run = text("run"), amounts.allSatisfy({ $0 != nil }) else { return nil }
                let figures = amounts.map { $0 ?? .zero }
                return .deferral(LoanBookRecord.Deferral(
                    loan: loan, run: run, deferralDate: deferralDate, installments: installments, deferredPrincipal: figures[0],
                    deferredInterest: figures[1], interestOnDeferredPrincipal: figures[2], compoundOnDeferredInterest: figures[3],
                    penaltyWithoutRelief: figures[4], compoundWithoutRelief: figures[5], relief: figures[6]))
            case "Accrual":
                guard let loan = loanID("loan"), let through = date("through") else { return nil }
                return .accrual(loan: loan, through: through)
            case "Extension":
                guard let loan = loanID("loan"), let to = date("to"), let agreed = date("agreed") else { return nil }
                return .extension(loan: loan, to: to, agreed: agreed)
            case "Renewal":
                let loan = loanID("loan"), newLoan = loanID("newLoan"), date = date("date"), principal = money("principal"), rate = rate("rate")
                let months = integer("months")
                let method = value("method") { try RepaymentMethod(parsing: $0) }
                let dayCount = value("dayCount") { try DayCount(parsing: $0) }
                let settlement = value("settlement") { try Settlement(parsing: $0) }
                guard let loan, let newLoan, let date, let principal, let rate, let months, let method, let dayCount, let settlement else { return nil }
                do {
                    let terms = try LoanTerms(principal: principal, annualRate: rate, start: date, termMonths: months, method: method,
                                              dayCount: dayCount, settlement: settlement)
                    return .renewal(LoanBookRecord.Renewal(loan: loan, newLoan: newLoan, date: date, terms: terms))
                } catch {
                    problem("principal", error.message)
                    return nil
                }
            case "BridgeTerms":
                let maxDays = integer("maxDays"), cap = rate("rateCap"), minimumFee = money("minimumFee"), share = rate("commitmentShare")
                let enterpriseCap = money("enterpriseCap")
                let tiers = text("tiers") == nil ? [] : self.tiers("tiers")
                guard let maxDays, let cap, let tiers else { return nil }
                do {
                    return .bridgeTerms(try BridgeTerms(maximumDays: maxDays, dailyRateCap: cap, tiers: tiers, minimumFee: minimumFee,
                                                        commitmentShare: share, enterpriseCap: enterpriseCap))
                } catch {
                    problem("rateCap", error.message)
                    return nil
                }
            case "BridgeRepayment":
                guard let advance = value("advance", { try AdvanceID(validating: $0) }), let date = date("date") else { return nil }
                return .bridgeRepayment(advance: advance, date: date)
            case "Reversal":
                guard let entry = integer("entry"), let date = date("date"), let reason = text("reason") else { return nil }
                return .reversal(entry: Int64(entry), date: date, reason: reason)
            case "Correction":
                guard let when = date("date"), let reason = text("reason"), let kind = text("event") else { return nil }
                let event: LoanBookRecord.Correction.Event
                switch kind {
                case "repayment":
                    guard let loan = loanID("loan"), let period = integer("period") else {
                        problem("period", "a repayment's correction names its loan and period")
                        return nil
                    }
                    event = .repayment(loan: loan, period: period)
                case "accrual":
                    guard let loan = loanID("loan"), let through = date("through") else {
                        problem("through", "an accrual's correction names its loan and through date")
                        return nil
                    }
                    event = .accrual(loan: loan, through: through)
                case "advance", "bridgeRepayment":
                    guard let advance = value("advance", { try AdvanceID(validating: $0) }) else {
                        problem("advance", "a bridge correction names its advance")
                        return nil
                    }
                    event = kind == "advance" ? .advance(advance) : .bridgeRepayment(advance)
                default:
                    problem("event", "expected repayment, accrual, advance or bridgeRepayment")
                    return nil
                }
                return .correction(LoanBookRecord.Correction(event: event, date: when, reason: reason))
            case "Installment":
                let loan = loanID("loan"), period = integer("period"), due = date("dueDate"), days = integer("days")
                let original = text("originalDueDate") == nil ? due : date("originalDueDate")
                let principal = money("principal"), interest = money("interest"), balance = money("balance")
                guard let loan, let period, let due, let original, let days, let principal, let interest, let balance else { return nil }
                return .installment(LoanBookRecord.Installment(loan: loan, period: period, dueDate: due, originalDueDate: original, days: days,
                                                               principal: principal, interest: interest, balance: balance,
                                                               deferred: flag("deferred"), paid: flag("paid")))
            case "Counsellor":
                guard let id = value("id", { try CounsellorID(validating: $0) }), let name = text("name") else { return nil }
                return .counsellor(id: id, name: name)
            case "Assignment":
                guard let counsellor = value("counsellor", { try CounsellorID(validating: $0) }),
                      let code = value("enterprise", { try CreditCode(validating: $0) }), let date = date("date") else { return nil }
                return .assignment(counsellor: counsellor, enterprise: code, date: date)
            case "Stage":
                guard let code = value("enterprise", { try CreditCode(validating: $0) }), let stage = value("stage", { try CultivationStage(parsing: $0) }),
                      let date = date("date") else { return nil }
                return .stage(enterprise: code, stage: stage, date: date, bank: text("bank"))
            case "Enterprise":
                guard let code = value("creditCode", { try CreditCode(validating: $0) }), let name = text("name"),
                      let size = value("size", { try EnterpriseSize(parsing: $0) }) else { return nil }
                return .enterprise(EnterpriseRecord(code: code, name: name, size: size, county: text("county") ?? ""))
            case "Loan":
                let id = value("id") { try LoanID(validating: $0) }
                let code = value("enterprise") { try CreditCode(validating: $0) }
                let principal = value("principal") { try Money(parsing: $0) }
                let rate = value("rate") { try Rate(parsing: $0) }
                let start = value("start") { try CivilDate(parsing: $0) }
                let months = value("months") { text -> Int in
                    guard let months = Int(text) else { throw ParseError(input: text, kind: "term", reason: "expected whole months") }
                    return months
                }
                let method = value("method") { try RepaymentMethod(parsing: $0) }
                let dayCount = value("dayCount") { try DayCount(parsing: $0) }
                let settlement = value("settlement") { try Settlement(parsing: $0) }
                let creditLine = value("creditLine") { try Money(parsing: $0) }
                let applied = value("applied") { try CivilDate(parsing: $0) }
                guard let id, let code, let principal, let rate, let start, let months, let method, let dayCount, let settlement,
                      let bank = text("bank") else { return nil }
                guard let enterprise = enterprises[code.value] else {
                    problem("enterprise", "enterprise \(code) is not listed above the loan")
                    return nil
                }
                do {
                    let terms = try LoanTerms(principal: principal, annualRate: rate, start: start, termMonths: months, method: method,
                                              dayCount: dayCount, settlement: settlement)
                    return .loan(LoanRecord(id: id, enterprise: enterprise, bank: bank, terms: terms, creditLine: creditLine, applied: applied))
                } catch {
                    problem("principal", error.message)
                    return nil
                }
            case "Repayment":
                guard let loan = value("loan", { try LoanID(validating: $0) }), let period = value("period", { Int($0) }), let period,
                      let date = value("date", { try CivilDate(parsing: $0) }) else { return nil }
                return .repayment(loan: loan, period: period, date: date)
            case "BridgeFund":
                return .bridgeFund(account: text("account"), accountName: text("accountName"))
            case "BridgeCapital":
                guard let date = value("date", { try CivilDate(parsing: $0) }), let amount = value("amount", { try Money(parsing: $0) }) else { return nil }
                let withdrawal = text("withdrawal").map { $0 == "true" || $0 == "1" } ?? false
                return .bridgeCapital(date: date, amount: withdrawal ? -amount : amount, reference: text("reference"))
            case "BridgeAdvance":
                let id = value("id") { try AdvanceID(validating: $0) }
                let code = value("enterprise") { try CreditCode(validating: $0) }
                let amount = value("amount") { try Money(parsing: $0) }
                let date = value("date") { try CivilDate(parsing: $0) }
                let repaid = value("repaid") { try CivilDate(parsing: $0) }
                let commitment = money("commitment")
                let dailyRate = rate("dailyRate"), minimumFee = money("minimumFee"), maxDays = integer("maxDays")
                let tiers = text("tiers") == nil ? [] : self.tiers("tiers")
                guard let id, let code, let amount, let date, let bank = text("bank"), let tiers else { return nil }
                var terms: LoanBookRecord.BridgeAdvance.Terms?
                if let dailyRate, let maxDays {
                    terms = .init(dailyRate: dailyRate, tiers: tiers, minimumFee: minimumFee, maximumDays: maxDays)
                } else if dailyRate != nil || maxDays != nil {
                    problem(dailyRate == nil ? "dailyRate" : "maxDays", "an advance's own terms need both dailyRate and maxDays")
                    return nil
                }
                return .bridgeAdvance(LoanBookRecord.BridgeAdvance(id: id, enterprise: code, enterpriseName: text("enterpriseName"), bank: bank,
                                                                   county: text("county") ?? "",
                                                                   amount: amount, date: date, account: text("account"), repaid: repaid,
                                                                   maturingLoan: text("maturingLoan"), commitment: commitment, terms: terms))
            default:
                return nil  // the schema reports an unknown element
            }
        }
    }
}
