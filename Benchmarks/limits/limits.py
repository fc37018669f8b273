#!/usr/bin/env python3
"""Hostile inputs against the built `relief`: each is generated into a temporary folder, given to
`relief import` (or `relief defer --programme`) on a fresh ledger, and measured as a user meets it:
exit status, seconds, the process's own peak memory (wait4's ru_maxrss), the first line of what it
printed and how many bytes it printed. Every case must be refused with exit 65 and leave the ledger
without a loan or journal entry.

    Benchmarks/limits/run [RELIEF]        (default .build/release/relief)
"""
import os
import sqlite3
import subprocess
import sys
import tempfile
import time

LOAN_HEADER = b"loan_id,borrower,credit_code,size,county,bank,principal,rate,start,months,method\n"
LOAN_ROW = b"L1,Acme,91370800000000000X,micro,County,Bank,100000.00,3.5%,2019-01-01,12,annuity\n"
MB = 1 << 20


def camt(entries_xml: bytes) -> bytes:
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n'
            b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>'
            b'<GrpHdr><MsgId>M1</MsgId><CreDtTm>2020-03-31T18:00:00</CreDtTm></GrpHdr>'
            b'<Stmt><Id>S1</Id><CreDtTm>2020-03-31T18:00:00</CreDtTm>'
            b'<Acct><Id><Othr><Id>FUND</Id></Othr></Id></Acct>' + entries_xml + b'</Stmt></BkToCstmrStmt></Document>\n')


def loanbook(body: bytes) -> bytes:
    return b'<?xml version="1.0" encoding="UTF-8"?>\n<LoanBook xmlns="urn:creditrelief:loanbook:1" version="1" revision="2">' + body + b'</LoanBook>\n'


def laughs(root: bytes, attributes: bytes) -> bytes:
    """The billion laughs: ten entities of ten of the one before, a gigabyte of 'lol' expanded."""
    entities = b'<!ENTITY lol "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
    return (b'<?xml version="1.0"?>\n<!DOCTYPE ' + root + b' [' + entities + b']>\n<' + root + b' ' + attributes + b'>&lol9;</'
            + root + b'>\n')


def cases():
    """(name, file name, a function writing the file, the command's extra arguments)."""
    def write_loan_cell(quote):
        """A loan row whose borrower is 100 MB, quoted or not."""
        def write(f):
            f.write(LOAN_HEADER)
            f.write(b"L1," + quote)
            for _ in range(100):
                f.write(b"x" * MB)
            f.write(quote + b",91370800000000000X,micro,County,Bank,100000.00,3.5%,2019-01-01,12,annuity\n")
        return write

    def write_million_columns(f):
        f.write(LOAN_HEADER)
        f.write(b"a," * 1_000_000 + b"a\n")

    def write_bad_rows(f):
        f.write(LOAN_HEADER)
        row = b"L%d,Acme,91370800000000000X,micro,County,Bank,-1,3.5%%,2019-01-01,12,annuity\n"
        for i in range(1_000_000):
            f.write(row % i)

    def write_deep(root_open, root_close):
        def write(f):
            f.write(root_open)
            f.write(b"<a>" * 100_000)
            f.write(b"</a>" * 100_000)
            f.write(root_close)
        return write

    def write_huge(document, before, after):
        """`document` with 200 MB of text between `before` and `after` where its body goes."""
        def write(f):
            head, tail = document(b"@@").split(b"@@")
            f.write(head + before)
            for _ in range(200):
                f.write(b"z" * MB)
            f.write(after + tail)
        return write

    def write_statement_cell(f):
        f.write("交易日期,交易金额,对方户名,摘要\n".encode())
        f.write(b"2020-03-02,100.00,")
        for _ in range(100):
            f.write(b"w" * MB)
        f.write(b",x\n")

    def write_deep_programme(f):
        f.write(b"[" * 32_000 + b"]" * 32_000)

    camt_parts = camt(b"@@").split(b"@@")
    book_parts = loanbook(b"@@").split(b"@@")
    return [
        ("loan CSV, a 100 MB line (one unquoted field)", "line.csv", write_loan_cell(b""), []),
        ("loan CSV, a 100 MB quoted cell", "cell.csv", write_loan_cell(b'"'), []),
        ("loan CSV, a million columns", "columns.csv", write_million_columns, []),
        ("loan CSV, a million bad rows", "bad-rows.csv", write_bad_rows, []),
        ("bank statement CSV, a 100 MB cell", "statement.csv", write_statement_cell, []),
        ("camt.053, 100,000-deep nesting", "deep-camt.xml", write_deep(camt_parts[0], camt_parts[1]), []),
        ("loan book, 100,000-deep nesting", "deep-book.xml", write_deep(book_parts[0], book_parts[1]), []),
        ("camt.053, billion laughs", "laughs-camt.xml",
         lambda f: f.write(laughs(b"Document", b'xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"')), []),
        ("loan book, billion laughs", "laughs-book.xml",
         lambda f: f.write(laughs(b"LoanBook", b'xmlns="urn:creditrelief:loanbook:1" version="1" revision="2"')), []),
        ("camt.053, a 200 MB text node", "text-camt.xml", write_huge(camt, b"<Ntry><NtryRef>", b"</NtryRef></Ntry>"), []),
        ("loan book, a 200 MB attribute", "text-book.xml",
         write_huge(loanbook, b'<Enterprise creditCode="91370800000000000X" size="micro" county="C" name="', b'"/>'), []),
        ("programme JSON, 32,000-deep nesting", "deep.json", write_deep_programme, ["programme"]),
    ]


def run(relief, folder, name, file_name, write, extra):
    path = os.path.join(folder, file_name)
    with open(path, "wb") as f:
        write(f)
    db = os.path.join(folder, "ledger.sqlite")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    subprocess.run([relief, "init", "--db", db], check=True, stdout=subprocess.DEVNULL)
    if extra == ["programme"]:
        command = [relief, "defer", "--db", db, "--programme", path]
    else:
        command = [relief, "import", "--db", db, path]
    out = open(os.path.join(folder, "out"), "wb")
    err = open(os.path.join(folder, "err"), "wb")
    started = time.monotonic()
    child = subprocess.Popen(command, stdout=out, stderr=err)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.monotonic() - started
    out.close()
    err.close()
    code = os.waitstatus_to_exitcode(status)
    printed = os.path.getsize(os.path.join(folder, "out")) + os.path.getsize(os.path.join(folder, "err"))
    with open(os.path.join(folder, "err"), "rb") as f:
        first = f.read(4096).decode("utf-8", "replace").strip().splitlines()
    with sqlite3.connect(db) as ledger:
        written = sum(ledger.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in ("loans", "journal_entries", "statement_entries", "enterprises"))
    size = os.path.getsize(path)
    os.remove(path)
    message = (first[0] if first else "")[:110]
    ok = code == 65 and written == 0
    print(f"| {name} | {size / MB:,.1f} MB | {code} | {seconds:.2f} s | {usage.ru_maxrss / 1024:,.0f} MB | {printed:,} B | {message} |{'' if ok else ' **FAILED**'}")
    sys.stdout.flush()
    return ok


def main():
    relief = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/release/relief")
    failed = 0
    with tempfile.TemporaryDirectory(prefix="relief-limits-") as folder:
        print("| input | size | exit | time | peak memory | printed | first line of the message |")
        print("|---|---|---|---|---|---|---|")
        for name, file_name, write, extra in cases():
            if not run(relief, folder, name, file_name, write, extra):
                failed += 1
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
