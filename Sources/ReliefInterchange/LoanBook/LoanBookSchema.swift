/// The loan-book XML format, version 1 (namespace `urn:creditrelief:loanbook:1`): its XSD,
/// shipped in the package (here, so the binary validates with no file beside it) and as
/// Samples/loanbook.xsd for people and other tools. Tests prove the two texts are equal.
///
/// One element per record, every value an attribute: a record is read with one reader step
/// and no text nodes, which keeps streaming import at C speed. Records come in order:
/// enterprises, then loans (each naming an enterprise above it), repayments, bridge advances.
/// CNY amounts have exactly two decimals; rates are decimal fractions (`0.0435`); dates are
/// `YYYY-MM-DD`.
public enum LoanBookSchema {
    public static let namespace = "urn:creditrelief:loanbook:1"

    /// The XSD compiled once per process and shared by every reader. The text is a constant
    /// that a test compiles, so a failure here is a bug, not bad input.
    public static let validator: XMLSchemaValidator = {
        do {
            return try XMLSchemaValidator(text: xsd, name: "loanbook.xsd")
        } catch {
            preconditionFailure("the loan-book XSD does not compile: \(error)")
        }
    }()

    public static let xsd = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- CreditRelief loan book, version 1. -->
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

          <xs:element name="LoanBook">
            <xs:complexType>
              <xs:sequence>
                <xs:element name="Enterprise" minOccurs="0" maxOccurs="unbounded">
                  <xs:complexType>
                    <xs:attribute name="creditCode" type="CreditCode" use="required"/>
                    <xs:attribute name="name" type="Text" use="required"/>
                    <xs:attribute name="size" type="Size" use="required"/>
                    <xs:attribute name="county" type="xs:string" use="required"/>
                  </xs:complexType>
                </xs:element>
                <xs:element name="Loan" minOccurs="0" maxOccurs="unbounded">
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
                  </xs:complexType>
                </xs:element>
                <xs:element name="Repayment" minOccurs="0" maxOccurs="unbounded">
                  <xs:complexType>
                    <xs:attribute name="loan" type="Identifier" use="required"/>
                    <xs:attribute name="period" type="Months" use="required"/>
                    <xs:attribute name="date" type="Date" use="required"/>
                  </xs:complexType>
                </xs:element>
                <xs:element name="BridgeFund" minOccurs="0" maxOccurs="1">
                  <xs:annotation><xs:documentation>The fund's own bank account (the debtor of its payment files)</xs:documentation></xs:annotation>
                  <xs:complexType>
                    <xs:attribute name="account" type="Identifier"/>
                    <xs:attribute name="accountName" type="Text"/>
                  </xs:complexType>
                </xs:element>
                <xs:element name="BridgeCapital" minOccurs="0" maxOccurs="unbounded">
                  <xs:annotation><xs:documentation>Capital paid in, or withdrawn when withdrawal="true"</xs:documentation></xs:annotation>
                  <xs:complexType>
                    <xs:attribute name="date" type="Date" use="required"/>
                    <xs:attribute name="amount" type="Amount" use="required"/>
                    <xs:attribute name="withdrawal" type="xs:boolean" default="false"/>
                  </xs:complexType>
                </xs:element>
                <xs:element name="BridgeAdvance" minOccurs="0" maxOccurs="unbounded">
                  <xs:complexType>
                    <xs:attribute name="id" type="Identifier" use="required"/>
                    <xs:attribute name="enterprise" type="CreditCode" use="required"/>
                    <xs:attribute name="enterpriseName" type="Text"/>
                    <xs:attribute name="bank" type="Text" use="required"/>
                    <xs:attribute name="county" type="xs:string" use="required"/>
                    <xs:attribute name="amount" type="Amount" use="required"/>
                    <xs:attribute name="date" type="Date" use="required"/>
                    <xs:attribute name="account" type="Identifier"/>
                    <xs:attribute name="repaid" type="Date"/>
                  </xs:complexType>
                </xs:element>
              </xs:sequence>
              <xs:attribute name="version" type="xs:string" use="required" fixed="1"/>
            </xs:complexType>
          </xs:element>
        </xs:schema>

        """
}
