/// The loan-book XML format, version 1 (namespace `urn:creditrelief:loanbook:1`): its XSD,
/// shipped in the package (here, so the binary validates with no file beside it) and as
/// Samples/loanbook.xsd for people and other tools. Tests prove the two texts are equal.
///
/// One element per record, every value an attribute: a record is read with one reader step
/// and no text nodes, which keeps streaming import at C speed (an `Entry`'s `Posting`s are
/// its only children). Enterprises come first; then, in revision 1 (no `revision`
/// attribute), loans, repayments, the bridge fund, capital and advances, and in revision 2
/// every event in journal order, the current schedules that differ from their terms'
/// (`Installment`), the cultivation history, the imported bank statements (`Statement`,
/// whose `StatementEntry`s are its children) and their reconciliation matches (`Match`).
/// A revision-1 file is valid revision-2 XSD input, so old files still import.
/// CNY amounts have exactly two decimals; rates are decimal fractions (`0.0435`); dates are
/// `YYYY-MM-DD`.
public enum LoanBookSchema {
    public static let namespace = "urn:creditrelief:loanbook:1"
    /// The revision written (root attribute `revision`; absent means 1).
    public static let revision = 2

    /// The XSD compiled once per process and shared by every reader. The text is a constant
    /// that a test compiles, so a failure here is a bug, not bad input.
    public static let validator: XMLSchemaValidator = {
        do {
            return try XMLSchemaValidator(text: validatingXSD, name: "loanbook.xsd")
        } catch {
            preconditionFailure("the loan-book XSD does not compile: \(error)")
        }
    }()

    /// The patterns and lengths of the published XSD that the reader checks itself
    /// (`LoanBookLexical`), each with what replaces it: libxml2 runs a pattern through its
    /// regular-expression engine, which cost more than the rest of the validation together,
    /// and counts the characters of every identifier and text for their lengths (measured in
    /// C on a 78 MB book: SAX2 + XSD 77 MB/s with the lengths, about 100 without).
    static let patternsCheckedByTheReader: [(pattern: String, replacement: String)] = [
        (#"<xs:restriction base="xs:string"><xs:pattern value="(0|[1-9][0-9]{0,15})\.[0-9]{2}"/></xs:restriction>"#, #"<xs:restriction base="xs:string"/>"#),
        (#"<xs:restriction base="xs:date"><xs:pattern value="[0-9]{4}-[0-9]{2}-[0-9]{2}"/></xs:restriction>"#, #"<xs:restriction base="xs:string"/>"#),
        (#"<xs:restriction base="xs:string"><xs:pattern value="[0-9](\.[0-9]{1,10})?"/></xs:restriction>"#, #"<xs:restriction base="xs:string"/>"#),
        (#"<xs:restriction base="xs:string"><xs:pattern value="[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}"/></xs:restriction>"#,
         #"<xs:restriction base="xs:string"/>"#),
        (#"<xs:restriction base="xs:string"><xs:minLength value="1"/><xs:maxLength value="64"/></xs:restriction>"#, #"<xs:restriction base="xs:string"/>"#),
        (#"<xs:restriction base="xs:string"><xs:minLength value="1"/><xs:maxLength value="200"/></xs:restriction>"#, #"<xs:restriction base="xs:string"/>"#),
        // The enumerations of every enterprise's size and every loan's method, day count and
        // settlement (those of rarer records stay with libxml2).
        ("<xs:restriction base=\"xs:string\">\n      <xs:enumeration value=\"micro\"/><xs:enumeration value=\"small\"/><xs:enumeration value=\"medium\"/><xs:enumeration value=\"large\"/>\n    </xs:restriction>",
         #"<xs:restriction base="xs:string"/>"#),
        ("<xs:restriction base=\"xs:string\">\n      <xs:enumeration value=\"annuity\"/><xs:enumeration value=\"equal-principal\"/>\n      <xs:enumeration value=\"interest-only\"/><xs:enumeration value=\"bullet\"/>\n    </xs:restriction>",
         #"<xs:restriction base="xs:string"/>"#),
        ("<xs:restriction base=\"xs:string\">\n      <xs:enumeration value=\"30/360\"/><xs:enumeration value=\"act/360\"/><xs:enumeration value=\"act/365\"/>\n    </xs:restriction>",
         #"<xs:restriction base="xs:string"/>"#),
        (#"<xs:restriction base="xs:string"><xs:enumeration value="due-dates"/><xs:enumeration value="quarterly"/></xs:restriction>"#,
         #"<xs:restriction base="xs:string"/>"#),
    ]

    /// The XSD the reader validates with: the published one (`xsd`) without the patterns of
    /// Amount, Date, Rate and CreditCode and the lengths of Identifier and Text, which the
    /// reader checks byte by byte with the same strength (`LoanBookLexical`; a test proves
    /// every attribute of those types is covered).
    ///
    /// Made byte by byte: Foundation's string search took 35 ms here (330 M instructions) at
    /// every start of a process that reads a loan book, more than reading a small book.
    package static let validatingXSD: String = {
        var text = Array(xsd.utf8)
        for (pattern, replacement) in patternsCheckedByTheReader {
            text = replacingTheOnly(Array(pattern.utf8), with: Array(replacement.utf8), in: text)
        }
        return String(decoding: text, as: UTF8.self)
    }()

    /// `text` with its one occurrence of `pattern` replaced by `replacement`; a published XSD
    /// holding the pattern other than once is a bug (the reader's checks would not match it).
    static func replacingTheOnly(_ pattern: [UInt8], with replacement: [UInt8], in text: [UInt8]) -> [UInt8] {
        var found: [Int] = []
        if let first = pattern.first, pattern.count <= text.count {
            for start in 0...(text.count - pattern.count) where text[start] == first && text[start..<(start + pattern.count)].elementsEqual(pattern) {
                found.append(start)
            }
        }
        precondition(found.count == 1, "the loan-book XSD has not exactly one \(String(decoding: pattern, as: UTF8.self))")
        return Array(text[..<found[0]]) + replacement + Array(text[(found[0] + pattern.count)...])
    }

    public static let xsd = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- CreditRelief loan book, version 1 (namespace urn:creditrelief:loanbook:1), revision 2.
             Revision 1 files (no revision attribute) list enterprises, loans, repayments, the bridge
             fund, capital and advances; they stay valid. Revision 2 lists every enterprise, then every
             event in the order the ledger's journal recorded it (an import replays them in file order),
             then the current schedules that differ from their terms', then the cultivation history,
             then the bank statements the ledger imported (each with the entries first stored from it)
             and last the reconciliation matches of those entries to the ledger's events. -->
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="urn:creditrelief:loanbook:1"
                   targetNamespace="urn:creditrelief:loanbook:1" elementFormDefault="qualified">
          <xs:simpleType name="Amount">
            <xs:annotation><xs:documentation>CNY with exactly two decimals, e.g. 1000000.00</xs:documentation></xs:annotation>
            <xs:restriction base="xs:string"><xs:pattern value="(0|[1-9][0-9]{0,15})\\.[0-9]{2}"/></xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="Date">
            <xs:restriction base="xs:date"><xs:pattern value="[0-9]{4}-[0-9]{2}-[0-9]{2}"/></xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="Rate">
            <xs:annotation><xs:documentation>A decimal fraction with at most ten decimals: 0.0435 is 4.35%</xs:documentation></xs:annotation>
            <xs:restriction base="xs:string"><xs:pattern value="[0-9](\\.[0-9]{1,10})?"/></xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="CreditCode">
            <xs:annotation><xs:documentation>Unified social credit code (GB 32100-2015); the check character is verified on import</xs:documentation></xs:annotation>
            <xs:restriction base="xs:string"><xs:pattern value="[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}"/></xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="Identifier">
            <xs:restriction base="xs:string"><xs:minLength value="1"/><xs:maxLength value="64"/></xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="Text">
            <xs:restriction base="xs:string"><xs:minLength value="1"/><xs:maxLength value="200"/></xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="Size">
            <xs:restriction base="xs:string">
              <xs:enumeration value="micro"/><xs:enumeration value="small"/><xs:enumeration value="medium"/><xs:enumeration value="large"/>
            </xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="Method">
            <xs:restriction base="xs:string">
              <xs:enumeration value="annuity"/><xs:enumeration value="equal-principal"/>
              <xs:enumeration value="interest-only"/><xs:enumeration value="bullet"/>
            </xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="DayCount">
            <xs:restriction base="xs:string">
              <xs:enumeration value="30/360"/><xs:enumeration value="act/360"/><xs:enumeration value="act/365"/>
            </xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="Settlement">
            <xs:restriction base="xs:string"><xs:enumeration value="due-dates"/><xs:enumeration value="quarterly"/></xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="Months">
            <xs:restriction base="xs:positiveInteger"><xs:maxInclusive value="600"/></xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="Period">
            <xs:restriction base="xs:positiveInteger"><xs:maxInclusive value="10000"/></xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="Days">
            <xs:restriction base="xs:nonNegativeInteger"><xs:maxInclusive value="100000"/></xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="CorrectedEvent">
            <xs:restriction base="xs:string"><xs:enumeration value="repayment"/><xs:enumeration value="accrual"/><xs:enumeration value="advance"/><xs:enumeration value="bridgeRepayment"/></xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="Scope">
            <xs:restriction base="xs:string"><xs:enumeration value="principal"/><xs:enumeration value="interest"/><xs:enumeration value="both"/></xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="Rounding">
            <xs:restriction base="xs:string"><xs:enumeration value="half-up"/><xs:enumeration value="half-even"/></xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="Sizes">
            <xs:restriction base="xs:string"><xs:pattern value="(micro|small|medium|large)( (micro|small|medium|large))*"/></xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="Tiers">
            <xs:annotation><xs:documentation>Tiered daily rates: days:rate pairs, the last for every later day, e.g. 5:0.02%,*:0.04%</xs:documentation></xs:annotation>
            <xs:restriction base="xs:string"><xs:pattern value="([0-9]{1,3}:[0-9.]{1,14}%,)*\\*:[0-9.]{1,14}%"/></xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="Stage">
            <xs:restriction base="xs:string">
              <xs:enumeration value="counselled"/><xs:enumeration value="applied"/><xs:enumeration value="approved"/>
              <xs:enumeration value="disbursed"/><xs:enumeration value="declined"/><xs:enumeration value="withdrawn"/>
            </xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="EntryNumber">
            <xs:restriction base="xs:positiveInteger"/>
          </xs:simpleType>
          <xs:simpleType name="NonEmpty">
            <xs:restriction base="xs:string"><xs:minLength value="1"/></xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="Digest">
            <xs:annotation><xs:documentation>SHA-256 of a file's bytes, 64 lowercase hex digits</xs:documentation></xs:annotation>
            <xs:restriction base="xs:string"><xs:pattern value="[0-9a-f]{64}"/></xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="StatementAmount">
            <xs:annotation><xs:documentation>An amount exactly as the bank wrote it, in any currency: at most 18 digits, at most five of them decimals, its decimals kept as written (12.50 stays 12.50); never converted to fen</xs:documentation></xs:annotation>
            <xs:restriction base="xs:string"><xs:pattern value="[0-9]{1,18}(\\.[0-9]{1,5})?"/></xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="Currency">
            <xs:annotation><xs:documentation>ISO 4217 code, e.g. CNY</xs:documentation></xs:annotation>
            <xs:restriction base="xs:string"><xs:pattern value="[A-Z]{3}"/></xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="Direction">
            <xs:restriction base="xs:string"><xs:enumeration value="CRDT"/><xs:enumeration value="DBIT"/></xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="MatchedEvent">
            <xs:restriction base="xs:string">
              <xs:enumeration value="advance"/><xs:enumeration value="advance-repayment"/><xs:enumeration value="capital"/>
              <xs:enumeration value="loan-repayment"/>
            </xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="MatchMethod">
            <xs:restriction base="xs:string">
              <xs:enumeration value="end-to-end"/><xs:enumeration value="amount-date-counterparty"/><xs:enumeration value="amount-date"/>
            </xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="SignedAmount">
            <xs:annotation><xs:documentation>CNY with exactly two decimals, negative with a minus sign, e.g. -88.00</xs:documentation></xs:annotation>
            <xs:restriction base="xs:string"><xs:pattern value="-?(0|[1-9][0-9]{0,15})\\.[0-9]{2}"/></xs:restriction>
          </xs:simpleType>

          <xs:element name="LoanBook">
            <xs:complexType>
              <xs:sequence>
                <xs:element name="Enterprise" minOccurs="0" maxOccurs="unbounded">
                  <xs:complexType>
                    <xs:attribute name="creditCode" type="CreditCode" use="required"/>
                    <xs:attribute name="name" type="Text" use="required"/>
                    <xs:attribute name="size" type="Size">
                      <xs:annotation><xs:documentation>Absent for an enterprise whose size the ledger does not know (known from a bridge advance, a cultivation list or an enterprise list without sizes); revision 2</xs:documentation></xs:annotation>
                    </xs:attribute>
                    <xs:attribute name="county" type="xs:string" use="required"/>
                  </xs:complexType>
                </xs:element>
                <!-- A repeated sequence of one choice, not a repeated choice: libxml2 builds a counter for a choice
                     with maxOccurs, which keeps its automaton from being compacted, and then saves a rollback for
                     every record read (memory grows with the file). The language is the same. -->
                <xs:sequence minOccurs="0" maxOccurs="unbounded"><xs:choice>
                  <xs:element name="Loan">
                    <xs:complexType>
                      <xs:attribute name="id" type="Identifier" use="required"/>
                      <xs:attribute name="enterprise" type="CreditCode" use="required"/>
                      <xs:attribute name="bank" type="Text" use="required"/>
                      <xs:attribute name="principal" type="Amount" use="required"/>
                      <xs:attribute name="rate" type="Rate" use="required"/>
                      <xs:attribute name="start" type="Date" use="required"/>
                      <xs:attribute name="months" type="Months" use="required"/>
                      <xs:attribute name="method" type="Method" use="required"/>
                      <xs:attribute name="dayCount" type="DayCount" use="required"/>
                      <xs:attribute name="settlement" type="Settlement" use="required"/>
                      <xs:attribute name="creditLine" type="Amount"/>
                      <xs:attribute name="applied" type="Date"/>
                      <xs:attribute name="rounding" type="Rounding" default="half-up">
                        <xs:annotation><xs:documentation>How the loan's schedule rounds to the fen, as it was booked</xs:documentation></xs:annotation>
                      </xs:attribute>
                      <xs:attribute name="batch" type="EntryNumber">
                        <xs:annotation><xs:documentation>The import run that booked the loan: the number of an ImportBatch above</xs:documentation></xs:annotation>
                      </xs:attribute>
                    </xs:complexType>
                  </xs:element>
                  <xs:element name="ImportBatch">
                    <xs:annotation><xs:documentation>An import run (relief import) that booked loans below, listed before the first loan naming it</xs:documentation></xs:annotation>
                    <xs:complexType>
                      <xs:attribute name="number" type="EntryNumber" use="required"/>
                      <xs:attribute name="source" type="NonEmpty" use="required"/>
                      <xs:attribute name="date" type="Date" use="required"/>
                      <xs:attribute name="records" type="xs:nonNegativeInteger" use="required"/>
                      <xs:attribute name="duplicates" type="xs:nonNegativeInteger" use="required"/>
                    </xs:complexType>
                  </xs:element>
                  <xs:element name="Repayment">
                    <xs:complexType>
                      <xs:attribute name="loan" type="Identifier" use="required"/>
                      <xs:attribute name="period" type="Period" use="required"/>
                      <xs:attribute name="date" type="Date" use="required"/>
                    </xs:complexType>
                  </xs:element>
                  <xs:element name="BridgeFund">
                    <xs:annotation><xs:documentation>The fund's own bank account (the debtor of its payment files)</xs:documentation></xs:annotation>
                    <xs:complexType>
                      <xs:attribute name="account" type="Identifier"/>
                      <xs:attribute name="accountName" type="Text"/>
                    </xs:complexType>
                  </xs:element>
                  <xs:element name="BridgeCapital">
                    <xs:annotation><xs:documentation>Capital paid in, or withdrawn when withdrawal="true"</xs:documentation></xs:annotation>
                    <xs:complexType>
                      <xs:attribute name="date" type="Date" use="required"/>
                      <xs:attribute name="amount" type="Amount" use="required"/>
                      <xs:attribute name="withdrawal" type="xs:boolean" default="false"/>
                      <xs:attribute name="reference" type="Identifier"/>
                    </xs:complexType>
                  </xs:element>
                  <xs:element name="BridgeAdvance">
                    <xs:complexType>
                      <xs:attribute name="id" type="Identifier" use="required"/>
                      <xs:attribute name="enterprise" type="CreditCode" use="required"/>
                      <xs:attribute name="enterpriseName" type="Text"/>
                      <xs:attribute name="bank" type="Text" use="required"/>
                      <xs:attribute name="county" type="xs:string" use="required"/>
                      <xs:attribute name="amount" type="Amount" use="required"/>
                      <xs:attribute name="date" type="Date" use="required"/>
                      <xs:attribute name="account" type="Identifier"/>
                      <xs:attribute name="repaid" type="Date">
                        <xs:annotation><xs:documentation>Revision 1; revision 2 writes a BridgeRepayment where it happened</xs:documentation></xs:annotation>
                      </xs:attribute>
                      <xs:attribute name="maturingLoan" type="Identifier"/>
                      <xs:attribute name="commitment" type="Amount"/>
                      <xs:attribute name="dailyRate" type="Rate">
                        <xs:annotation><xs:documentation>Revision 2: the advance's own terms (dailyRate, tiers, minimumFee, maxDays); without them the fund's terms apply</xs:documentation></xs:annotation>
                      </xs:attribute>
                      <xs:attribute name="tiers" type="Tiers"/>
                      <xs:attribute name="minimumFee" type="Amount"/>
                      <xs:attribute name="maxDays" type="Period"/>
                    </xs:complexType>
                  </xs:element>
                  <xs:element name="Cultivation">
                    <xs:annotation><xs:documentation>An enterprise identified for first-loan cultivation (首贷培植)</xs:documentation></xs:annotation>
                    <xs:complexType>
                      <xs:attribute name="enterprise" type="CreditCode" use="required"/>
                      <xs:attribute name="identified" type="Date" use="required"/>
                      <xs:attribute name="industry" type="Text"/>
                      <xs:attribute name="hasLoanRecord" type="xs:boolean" default="false"/>
                    </xs:complexType>
                  </xs:element>
                  <xs:element name="Programme">
                    <xs:annotation><xs:documentation>A relief programme as a portfolio run applied it; Deferral/@run refers to it</xs:documentation></xs:annotation>
                    <xs:complexType>
                      <xs:attribute name="run" type="Identifier" use="required"/>
                      <xs:attribute name="name" type="Text" use="required"/>
                      <xs:attribute name="title" type="Text"/>
                      <xs:attribute name="from" type="Date" use="required"/>
                      <xs:attribute name="until" type="Date" use="required"/>
                      <xs:attribute name="deferralDate" type="Date" use="required"/>
                      <xs:attribute name="scope" type="Scope" use="required"/>
                      <xs:attribute name="interestOnDeferredPrincipal" type="xs:boolean" use="required"/>
                      <xs:attribute name="compoundOnDeferredInterest" type="xs:boolean" use="required"/>
                      <xs:attribute name="penaltyUplift" type="Rate" use="required"/>
                      <xs:attribute name="sizes" type="Sizes" use="required"/>
                      <xs:attribute name="creditLineCap" type="Amount"/>
                      <xs:attribute name="applicationRequired" type="xs:boolean" use="required"/>
                      <xs:attribute name="rounding" type="Rounding" default="half-up"/>
                      <xs:attribute name="maturingFrom" type="Date"/>
                      <xs:attribute name="maturingUntil" type="Date"/>
                    </xs:complexType>
                  </xs:element>
                  <xs:element name="Deferral">
                    <xs:annotation><xs:documentation>A loan deferred by a programme run, with the figures the ledger stored (checked on import)</xs:documentation></xs:annotation>
                    <xs:complexType>
                      <xs:attribute name="loan" type="Identifier" use="required"/>
                      <xs:attribute name="run" type="Identifier" use="required"/>
                      <xs:attribute name="deferralDate" type="Date" use="required"/>
                      <xs:attribute name="installments" type="Period" use="required"/>
                      <xs:attribute name="deferredPrincipal" type="Amount" use="required"/>
                      <xs:attribute name="deferredInterest" type="Amount" use="required"/>
                      <xs:attribute name="interestOnDeferredPrincipal" type="Amount" use="required"/>
                      <xs:attribute name="compoundOnDeferredInterest" type="Amount" use="required"/>
                      <xs:attribute name="penaltyWithoutRelief" type="Amount" use="required"/>
                      <xs:attribute name="compoundWithoutRelief" type="Amount" use="required"/>
                      <xs:attribute name="relief" type="Amount" use="required"/>
                    </xs:complexType>
                  </xs:element>
                  <xs:element name="Accrual">
                    <xs:annotation><xs:documentation>Interest accrued on the loan's installments due through a date</xs:documentation></xs:annotation>
                    <xs:complexType>
                      <xs:attribute name="loan" type="Identifier" use="required"/>
                      <xs:attribute name="through" type="Date" use="required"/>
                    </xs:complexType>
                  </xs:element>
                  <xs:element name="Extension">
                    <xs:annotation><xs:documentation>展期: the loan extended to a new maturity, agreed on a date</xs:documentation></xs:annotation>
                    <xs:complexType>
                      <xs:attribute name="loan" type="Identifier" use="required"/>
                      <xs:attribute name="to" type="Date" use="required"/>
                      <xs:attribute name="agreed" type="Date" use="required"/>
                    </xs:complexType>
                  </xs:element>
                  <xs:element name="Renewal">
                    <xs:annotation><xs:documentation>无还本续贷: the loan renewed by a new loan starting on the date, lending what was still owed</xs:documentation></xs:annotation>
                    <xs:complexType>
                      <xs:attribute name="loan" type="Identifier" use="required"/>
                      <xs:attribute name="newLoan" type="Identifier" use="required"/>
                      <xs:attribute name="date" type="Date" use="required"/>
                      <xs:attribute name="principal" type="Amount" use="required"/>
                      <xs:attribute name="rate" type="Rate" use="required"/>
                      <xs:attribute name="months" type="Months" use="required"/>
                      <xs:attribute name="method" type="Method" use="required"/>
                      <xs:attribute name="dayCount" type="DayCount" use="required"/>
                      <xs:attribute name="settlement" type="Settlement" use="required"/>
                    </xs:complexType>
                  </xs:element>
                  <xs:element name="BridgeTerms">
                    <xs:annotation><xs:documentation>The fund's terms for new advances</xs:documentation></xs:annotation>
                    <xs:complexType>
                      <xs:attribute name="maxDays" type="Period" use="required"/>
                      <xs:attribute name="rateCap" type="Rate" use="required"/>
                      <xs:attribute name="tiers" type="Tiers"/>
                      <xs:attribute name="minimumFee" type="Amount"/>
                      <xs:attribute name="commitmentShare" type="Rate"/>
                      <xs:attribute name="enterpriseCap" type="Amount"/>
                    </xs:complexType>
                  </xs:element>
                  <xs:element name="BridgeRepayment">
                    <xs:complexType>
                      <xs:attribute name="advance" type="Identifier" use="required"/>
                      <xs:attribute name="date" type="Date" use="required"/>
                    </xs:complexType>
                  </xs:element>
                  <xs:element name="Entry">
                    <xs:annotation><xs:documentation>A journal entry with no register behind it, with its postings</xs:documentation></xs:annotation>
                    <xs:complexType>
                      <xs:sequence>
                        <xs:element name="Posting" minOccurs="2" maxOccurs="1000">
                          <xs:complexType>
                            <xs:attribute name="account" type="Identifier" use="required"/>
                            <xs:attribute name="debit" type="Amount"/>
                            <xs:attribute name="credit" type="Amount"/>
                            <xs:attribute name="loan" type="Identifier"/>
                          </xs:complexType>
                        </xs:element>
                      </xs:sequence>
                      <xs:attribute name="number" type="EntryNumber" use="required"/>
                      <xs:attribute name="date" type="Date" use="required"/>
                      <xs:attribute name="description" type="Text" use="required"/>
                      <xs:attribute name="key" type="Text" use="required"/>
                      <xs:attribute name="loan" type="Identifier"/>
                    </xs:complexType>
                  </xs:element>
                  <xs:element name="Correction">
                    <xs:annotation><xs:documentation>The correction of the event named, as it stands at this point (a loan repayment or accrual, a bridge advance or repayment): its entry reversed on the date and the register put right</xs:documentation></xs:annotation>
                    <xs:complexType>
                      <xs:attribute name="event" type="CorrectedEvent" use="required"/>
                      <xs:attribute name="loan" type="Identifier"/>
                      <xs:attribute name="period" type="Period"/>
                      <xs:attribute name="through" type="Date"/>
                      <xs:attribute name="advance" type="Identifier"/>
                      <xs:attribute name="date" type="Date" use="required"/>
                      <xs:attribute name="reason" type="xs:string" use="required"/>
                    </xs:complexType>
                  </xs:element>
                  <xs:element name="Reversal">
                    <xs:annotation><xs:documentation>The reversal of an Entry above (by its number)</xs:documentation></xs:annotation>
                    <xs:complexType>
                      <xs:attribute name="entry" type="EntryNumber" use="required"/>
                      <xs:attribute name="date" type="Date" use="required"/>
                      <xs:attribute name="reason" type="xs:string" use="required"/>
                    </xs:complexType>
                  </xs:element>
                  <xs:element name="Installment">
                    <xs:annotation><xs:documentation>A row of a loan's current schedule where it differs from the one its terms give (deferred, extended, renewed); an import checks the replayed schedule against these rows</xs:documentation></xs:annotation>
                    <xs:complexType>
                      <xs:attribute name="loan" type="Identifier" use="required"/>
                      <xs:attribute name="period" type="Period" use="required"/>
                      <xs:attribute name="dueDate" type="Date" use="required"/>
                      <xs:attribute name="originalDueDate" type="Date"/>
                      <xs:attribute name="days" type="Days" use="required"/>
                      <xs:attribute name="principal" type="Amount" use="required"/>
                      <xs:attribute name="interest" type="Amount" use="required"/>
                      <xs:attribute name="balance" type="Amount" use="required"/>
                      <xs:attribute name="deferred" type="xs:boolean" default="false"/>
                      <xs:attribute name="paid" type="xs:boolean" default="false"/>
                    </xs:complexType>
                  </xs:element>
                  <xs:element name="Counsellor">
                    <xs:complexType>
                      <xs:attribute name="id" type="Identifier" use="required"/>
                      <xs:attribute name="name" type="Text" use="required"/>
                    </xs:complexType>
                  </xs:element>
                  <xs:element name="Assignment">
                    <xs:complexType>
                      <xs:attribute name="counsellor" type="Identifier" use="required"/>
                      <xs:attribute name="enterprise" type="CreditCode" use="required"/>
                      <xs:attribute name="date" type="Date" use="required"/>
                    </xs:complexType>
                  </xs:element>
                  <xs:element name="Stage">
                    <xs:complexType>
                      <xs:attribute name="enterprise" type="CreditCode" use="required"/>
                      <xs:attribute name="stage" type="Stage" use="required"/>
                      <xs:attribute name="date" type="Date" use="required"/>
                      <xs:attribute name="bank" type="Text"/>
                    </xs:complexType>
                  </xs:element>
                </xs:choice></xs:sequence>
                <xs:element name="Statement" minOccurs="0" maxOccurs="unbounded">
                  <xs:annotation><xs:documentation>A bank statement the ledger imported (camt.053/054, or a bank's CSV export), with the entries first stored from it; an entry already stored from an earlier statement is listed there only</xs:documentation></xs:annotation>
                  <xs:complexType>
                    <xs:sequence>
                      <xs:element name="StatementEntry" minOccurs="0" maxOccurs="unbounded">
                        <xs:annotation><xs:documentation>One movement as the bank reported it and the ledger stored it, under the key it was stored with (an import keeps it, never recomputes it)</xs:documentation></xs:annotation>
                        <xs:complexType>
                          <xs:attribute name="key" type="NonEmpty" use="required"/>
                          <xs:attribute name="account" type="xs:string" use="required"/>
                          <xs:attribute name="statementRef" type="xs:string"/>
                          <xs:attribute name="entryNumber" type="EntryNumber" use="required"/>
                          <xs:attribute name="detailNumber" type="EntryNumber" use="required"/>
                          <xs:attribute name="detailCount" type="xs:nonNegativeInteger" use="required"/>
                          <xs:attribute name="bookingDate" type="Date"/>
                          <xs:attribute name="valueDate" type="Date"/>
                          <xs:attribute name="amount" type="StatementAmount" use="required"/>
                          <xs:attribute name="entryAmount" type="StatementAmount" use="required"/>
                          <xs:attribute name="currency" type="Currency" use="required"/>
                          <xs:attribute name="amountShared" type="xs:boolean" default="false"/>
                          <xs:attribute name="direction" type="Direction" use="required"/>
                          <xs:attribute name="reversal" type="xs:boolean" default="false"/>
                          <xs:attribute name="status" type="xs:string"/>
                          <xs:attribute name="servicerRef" type="xs:string"/>
                          <xs:attribute name="endToEndId" type="xs:string"/>
                          <xs:attribute name="instructionId" type="xs:string"/>
                          <xs:attribute name="messageId" type="xs:string"/>
                          <xs:attribute name="counterpartyName" type="xs:string"/>
                          <xs:attribute name="counterpartyAccount" type="xs:string"/>
                          <xs:attribute name="remittance" type="xs:string"/>
                          <xs:attribute name="sourceLine" type="EntryNumber" use="required"/>
                        </xs:complexType>
                      </xs:element>
                    </xs:sequence>
                    <xs:attribute name="source" type="NonEmpty" use="required"/>
                    <xs:attribute name="digest" type="Digest" use="required"/>
                    <xs:attribute name="messageDefinition" type="xs:string" use="required"/>
                    <xs:attribute name="messageId" type="xs:string"/>
                    <xs:attribute name="entries" type="xs:nonNegativeInteger" use="required"/>
                  </xs:complexType>
                </xs:element>
                <xs:element name="Match" minOccurs="0" maxOccurs="unbounded">
                  <xs:annotation><xs:documentation>A reconciliation match: the statement entry with this key tied to a ledger event, named by its advance id, or by the journal key of a capital movement's or a loan repayment's entry</xs:documentation></xs:annotation>
                  <xs:complexType>
                    <xs:attribute name="entry" type="NonEmpty" use="required"/>
                    <xs:attribute name="event" type="MatchedEvent" use="required"/>
                    <xs:attribute name="ref" type="NonEmpty" use="required"/>
                    <xs:attribute name="method" type="MatchMethod" use="required"/>
                    <xs:attribute name="difference" type="SignedAmount" use="required"/>
                  </xs:complexType>
                </xs:element>
              </xs:sequence>
              <xs:attribute name="version" type="xs:string" use="required" fixed="1"/>
              <xs:attribute name="revision" type="xs:positiveInteger"/>
            </xs:complexType>
          </xs:element>
        </xs:schema>

        """
}
