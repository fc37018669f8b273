/// Test inputs shared by several test targets.
public enum Fixtures {
    /// A camt.053 of the fund's account with three entries: an advance out with its
    /// EndToEndId (BR-001, 6,000,000.00), a bank charge of 88.00 with no reference, and a USD
    /// credit with five decimals (not reconcilable).
    public static let camtStatement = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
          <BkToCstmrStmt>
            <GrpHdr><MsgId>JNB-20200305</MsgId><CreDtTm>2020-03-05T18:00:00+08:00</CreDtTm></GrpHdr>
            <Stmt>
              <Id>JNB-STMT-0305</Id>
              <CreDtTm>2020-03-05T18:00:00+08:00</CreDtTm>
              <Acct><Id><Othr><Id>37001234567</Id></Othr></Id><Ccy>CNY</Ccy></Acct>
              <Ntry>
                <Amt Ccy="CNY">6000000.00</Amt>
                <CdtDbtInd>DBIT</CdtDbtInd>
                <Sts>BOOK</Sts>
                <BookgDt><Dt>2020-03-02</Dt></BookgDt>
                <ValDt><Dt>2020-03-02</Dt></ValDt>
                <AcctSvcrRef>JNB0302001</AcctSvcrRef>
                <BkTxCd><Prtry><Cd>TRF</Cd></Prtry></BkTxCd>
                <NtryDtls><TxDtls>
                  <Refs><EndToEndId>BR-001</EndToEndId></Refs>
                  <RltdPties><Cdtr><Nm>济宁市鲁兴机械有限公司</Nm></Cdtr><CdtrAcct><Id><Othr><Id>6222000000000001</Id></Othr></Id></CdtrAcct></RltdPties>
                  <RmtInf><Ustrd>应急转贷 BR-001</Ustrd></RmtInf>
                </TxDtls></NtryDtls>
              </Ntry>
              <Ntry>
                <Amt Ccy="CNY">88.00</Amt>
                <CdtDbtInd>DBIT</CdtDbtInd>
                <Sts>BOOK</Sts>
                <BookgDt><Dt>2020-03-04</Dt></BookgDt>
                <AcctSvcrRef>JNB0304002</AcctSvcrRef>
                <BkTxCd><Prtry><Cd>FEE</Cd></Prtry></BkTxCd>
              </Ntry>
              <Ntry>
                <Amt Ccy="USD">100.12345</Amt>
                <CdtDbtInd>CRDT</CdtDbtInd>
                <Sts>BOOK</Sts>
                <BookgDt><Dt>2020-03-05</Dt></BookgDt>
                <AcctSvcrRef>JNB0305003</AcctSvcrRef>
                <BkTxCd><Prtry><Cd>FX</Cd></Prtry></BkTxCd>
              </Ntry>
            </Stmt>
          </BkToCstmrStmt>
        </Document>
        """
}
