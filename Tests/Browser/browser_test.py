#!/usr/bin/python3
"""Real-browser tests of `relief serve` (headless Chromium through Selenium).

Usage: /usr/bin/python3 Tests/Browser/browser_test.py RELIEF_BINARY

Normally started by Tests/Browser/run, which gives a temporary folder in
$RELIEF_BROWSER_TMP and kills what the test leaves running. The test builds a
demo ledger there, adds three accounts (bank A, bank B, bureau), starts the
server on a free port and drives the pages as people would: it fills forms,
uploads files and reads the figures the pages carry in `data-value`. A status
code (which a browser does not expose) is checked with a plain HTTP request
carrying the browser's session cookie.

Runs every scenario (they build on each other, in order: a later one may fail
because an earlier one did), prints one line per scenario and exits 1 when one
failed. Screenshots go to docs/screenshots/ of the repository.
"""

import csv
import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request
import uuid

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCREENSHOTS = os.path.join(REPO, "docs", "screenshots")
TODAY = "2020-07-01"
PASSWORD = "browser-test-password-1"
BANK_A_USER, BANK_B_USER, BUREAU_USER = "web-bank-a", "web-bank-b", "web-bureau"
NEW_LOANS = ["WEB-0001", "WEB-0002", "WEB-0003"]
SCRIPT_NAME = "<script>alert(1)</script>"


class Failure(Exception):
    """A scenario's expectation that did not hold."""


def check(condition, message):
    if not condition:
        raise Failure(message)


# --------------------------------------------------------------------------- the product


class Relief:
    """The command line, the ledger and the server of one run."""

    def __init__(self, binary, folder):
        self.binary = os.path.abspath(binary)
        self.folder = folder
        self.demo = os.path.join(folder, "relief-demo")
        self.db = os.path.join(self.demo, "relief.sqlite")
        self.env = dict(os.environ, TMPDIR=folder, RELIEF_TODAY=TODAY)
        self.env.pop("RELIEF_DB", None)
        self.server = None
        self.base = None

    def run(self, *args, stdin=None):
        done = subprocess.run([self.binary, *args], input=stdin, capture_output=True, text=True, env=self.env, timeout=120)
        if done.returncode != 0:
            raise Failure(f"relief {' '.join(args)} exited {done.returncode}: {done.stderr.strip()}")
        return done.stdout

    def make_demo(self):
        self.run("demo")
        check(os.path.exists(self.db), f"relief demo made no ledger at {self.db}")

    def loans(self):
        return list(csv.DictReader(io.StringIO(self.run("loans", "list", "--db", self.db, "--format", "csv"))))

    def add_user(self, name, role, bank=None):
        args = ["users", "add", name, "--role", role, "--db", self.db] + (["--bank", bank] if bank else [])
        self.run(*args, stdin=PASSWORD + "\n")

    def start(self):
        out_path = os.path.join(self.folder, "server.out")
        with open(out_path, "w") as out, open(os.path.join(self.folder, "server.err"), "w") as err:
            self.server = subprocess.Popen([self.binary, "serve", "--db", self.db, "--port", "0"],
                                           stdout=out, stderr=err, env=self.env, start_new_session=True)
        with open(os.path.join(self.folder, "server.pid"), "w") as pid:
            pid.write(str(self.server.pid))
        deadline = time.time() + 30
        while time.time() < deadline:
            with open(out_path) as out:
                first = out.readline()
            match = re.match(r"relief: serving (http://127\.0\.0\.1:\d+)\s*$", first)
            if match:
                self.base = match.group(1)
                return
            check(self.server.poll() is None, f"relief serve exited {self.server.returncode} before serving: {open(out_path).read()}")
            time.sleep(0.05)
        raise Failure("relief serve did not print 'relief: serving http://...' within 30 s")

    def stop(self):
        if self.server and self.server.poll() is None:
            self.server.send_signal(signal.SIGTERM)
            try:
                self.server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.server.kill()
                self.server.wait()


# --------------------------------------------------------------------------- files


def loan_csv(relief, rows):
    """The text of a loan CSV with the demo's header; `rows` are dicts by header name."""
    with open(os.path.join(relief.demo, "loans.csv"), encoding="utf-8-sig") as source:
        header = next(csv.reader(source))
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    return text.getvalue()


def new_loans_for(relief, bank):
    """Three new loans of `bank` (ids WEB-000n), each copying an existing loan row of that bank
    (so its enterprise and credit code are the ledger's) with a new id, principal and a 2019 start."""
    with open(os.path.join(relief.demo, "loans.csv"), encoding="utf-8-sig") as source:
        reader = csv.reader(source)
        header = next(reader)
        templates = [row for row in reader if row[header.index("贷款银行")] == bank
                     and row[header.index("企业规模")] in ("micro", "small", "medium")]  # eligible for programme 2020
    check(templates, f"the demo's loans.csv has no row of bank {bank}")
    rows = []
    for index, loan_id in enumerate(NEW_LOANS):
        row = dict(zip(header, templates[index % len(templates)]))
        row.update({"贷款编号": loan_id, "贷款金额": f"{(index + 1) * 400000}.00", "年利率": "4.35%",
                    "起始日": f"2019-{9 + index:02d}-15", "期限月数": "12", "还款方式": "annuity",
                    "计息基础": "30/360", "结息方式": "due-dates", "申请日": "2020-02-20"})
        rows.append(row)
    return rows


CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def credit_code(first17):
    """An 18-character unified social credit code with its check character (GB 32100-2015)."""
    rest = 31 - sum(CREDIT_CHARS.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS)) % 31
    return first17 + CREDIT_CHARS[0 if rest == 31 else rest]


def write(path, text):
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)
    return path


# --------------------------------------------------------------------------- HTTP without the browser


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def http(base, path, cookie=None, data=None, content_type=None):
    """(status, body) of one request; redirects are not followed."""
    headers = {"Cookie": f"relief_session={cookie}"} if cookie else {}
    if content_type:
        headers["Content-Type"] = content_type
    request = urllib.request.Request(base + path, data=data, headers=headers, method="POST" if data is not None else "GET")
    try:
        with OPENER.open(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def multipart(fields, files):
    """(body, content type) of a multipart/form-data upload; files: name -> (file name, bytes)."""
    boundary = "----relief-browser-test-" + uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (file_name, content) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{file_name}"\r\n'
                     f'Content-Type: text/csv\r\n\r\n'.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def csrf_token_in(html):
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    check(match, "the page carries no csrf_token field")
    return match.group(1)


# --------------------------------------------------------------------------- browser helpers


class Browser:
    def __init__(self, base, folder):
        self.base = base
        opts = webdriver.ChromeOptions()
        for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1600"]:
            opts.add_argument(arg)
        opts.add_argument(f"--user-data-dir={os.path.join(folder, 'chromium-profile')}")
        opts.binary_location = "/usr/bin/chromium"
        service = Service("/usr/bin/chromedriver")
        self.driver = webdriver.Chrome(service=service, options=opts)
        self.driver.set_page_load_timeout(60)
        with open(os.path.join(folder, "chromedriver.pid"), "w") as pid:
            pid.write(str(service.process.pid))

    def quit(self):
        try:
            self.driver.quit()
        except Exception:
            pass

    def open(self, path):
        self.driver.get(self.base + path)

    def path(self):
        return self.driver.current_url[len(self.base):] if self.driver.current_url.startswith(self.base) else self.driver.current_url

    def one(self, css):
        found = self.driver.find_elements(By.CSS_SELECTOR, css)
        check(found, f"{self.path()}: no element matches {css!r}; the page says: {self.heading()!r}")
        return found[0]

    def all(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def heading(self):
        headings = self.driver.find_elements(By.TAG_NAME, "h1")
        return headings[0].text if headings else self.driver.title

    def expect_heading(self, prefix):
        check(self.heading().startswith(prefix), f"{self.path()}: expected the heading {prefix!r}, found {self.heading()!r}")

    def type_into(self, form, name, value):
        field = self.one(f'{form} [name="{name}"]')
        field.clear()
        if value:
            field.send_keys(value)

    def choose(self, form, name, value):
        Select(self.one(f'{form} select[name="{name}"]')).select_by_value(value)

    def submit(self, form):
        """Clicks the submit button of the form matching `form` and waits for the next page."""
        old = self.driver.find_element(By.TAG_NAME, "html")
        self.one(f'{form} button[type="submit"], {form} input[type="submit"]').click()
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                old.tag_name  # raises once the page is replaced
            except Exception:
                break
            time.sleep(0.05)
        else:
            raise Failure(f"{self.path()}: submitting {form} did not load a new page")
        while self.driver.execute_script("return document.readyState") != "complete" and time.time() < deadline:
            time.sleep(0.05)

    def cookie(self):
        """The session cookie's value (HttpOnly and SameSite=Strict, as SPEC.md has it)."""
        cookie = self.driver.get_cookie("relief_session")
        check(cookie, f"{self.path()}: the browser holds no relief_session cookie")
        check(cookie.get("httpOnly") and cookie.get("sameSite") == "Strict",
              f"the relief_session cookie is not HttpOnly with SameSite=Strict: {cookie}")
        return cookie["value"]

    def sign_in(self, name, start="/", screenshot=None):
        """Signs `name` in with a fresh session, as a visitor does: opens `start` (a page for
        accounts sends to /signin?next=...; "/" opens /signin itself), signs in, and expects to
        land back on `start`. Returns the session cookie."""
        self.driver.delete_all_cookies()
        self.open(start if start != "/" else "/signin")
        check(self.path().startswith("/signin"), f"a visitor opening {start} is at {self.path()}, expected /signin")
        self.expect_heading("Sign in")
        if start != "/":
            next_field = self.one('form[action="/signin"] input[name="next"]').get_attribute("value")
            check(next_field == start, f"/signin's next is {next_field!r}, expected {start!r}")
        self.type_into('form[action="/signin"]', "name", name)
        self.type_into('form[action="/signin"]', "password", PASSWORD)
        if screenshot:
            self.screenshot(screenshot)
        self.submit('form[action="/signin"]')
        account = self.all("span.account")
        check(account and name in account[0].text,
              f"signing in {name} did not show the account in the header (now at {self.path()}, heading {self.heading()!r})")
        check(self.path() == start, f"after signing in {name} the browser is at {self.path()}, expected {start}")
        return self.cookie()

    def upload(self, form, path):
        """Chooses the file `path` in the form's file input (`file`) and submits the form."""
        self.one(f'{form} input[type="file"][name="file"]').send_keys(path)
        self.submit(form)

    def values(self, table, field):
        """The `data-value`s of the cells `td[data-field=field]` of `table` (a CSS selector), in order."""
        return [cell.get_attribute("data-value") for cell in self.all(f'{table} td[data-field="{field}"]')]

    def texts(self, table, field):
        """The text of the cells `td[data-field=field]` of `table`, in order."""
        return [cell.text for cell in self.all(f'{table} td[data-field="{field}"]')]

    def figure(self, field):
        """The `data-value` of the page's first `td[data-field=field]`."""
        return self.one(f'td[data-field="{field}"]').get_attribute("data-value")

    def number(self, field):
        """The page's figure `field` as a whole number."""
        text = self.figure(field)
        check(text is not None and re.fullmatch(r"-?\d+", text), f"{self.path()}: {field} is {text!r}, not a whole number")
        return int(text)

    def screenshot(self, name):
        os.makedirs(SCREENSHOTS, exist_ok=True)
        path = os.path.join(SCREENSHOTS, name)
        check(self.driver.save_screenshot(path), f"could not save the screenshot {path}")


# --------------------------------------------------------------------------- scenarios


class Scenarios:
    def __init__(self, relief, browser, accounts):
        self.relief, self.b, self.accounts = relief, browser, accounts
        self.cookies = {}

    def estimate_matches_cli(self):
        """The public estimator's five options carry the CLI's exact figures."""
        loan = {"principal": "2500000.00", "rate": "4.35%", "start": "2019-09-15", "months": "24", "bridge_days": "4"}
        b = self.b
        b.open("/estimate")
        form = 'form[action="/estimate"]'
        for name in ["principal", "rate", "start", "months", "bridge_days"]:
            b.type_into(form, name, loan[name])
        b.type_into(form, "private_daily_rate", "")
        b.choose(form, "method", "annuity")
        b.choose(form, "programme", "2020")
        b.submit(form)
        table = 'table[data-key="options"]'
        options = b.values(table, "option")
        check(len(options) == 5, f"/estimate shows {len(options)} options, expected 5: {options}")
        page = list(zip(options, b.values(table, "interest_and_fees"), b.values(table, "saving_vs_overdue")))
        b.screenshot("estimate.png")
        expected = json.loads(self.relief.run(
            "estimate", "--principal", loan["principal"], "--rate", loan["rate"], "--start", loan["start"],
            "--months", loan["months"], "--method", "annuity", "--programme", "2020", "--bridge-days", loan["bridge_days"],
            "--format", "json"))
        cli = [(o["option"], o["interest_and_fees"], o["saving_vs_overdue"] or "") for o in expected["options"]]
        check(page == cli, f"/estimate figures differ from relief estimate --format json:\n  page {page}\n  CLI  {cli}")

    def import_refuses_bad_row(self):
        """Bank A uploads a loan CSV with one bad row: every problem on its line, nothing imported."""
        b, relief = self.b, self.relief
        self.cookies["a"] = b.sign_in(BANK_A_USER, screenshot="signin.png")
        rows = new_loans_for(relief, self.accounts["bank_a"])
        rows[1] = dict(rows[1], **{"贷款金额": "12.345"})
        text = loan_csv(relief, rows)
        path = write(os.path.join(relief.folder, "web-loans-bad.csv"), text)
        b.open("/import")
        b.upload('form[action="/import"]', path)
        b.expect_heading("Problems found")
        table = 'table[data-key="problems"]'
        problems = list(zip(*(b.texts(table, field) for field in ["file", "line", "field", "message"])))
        check(len(problems) == 1, f"/import listed {len(problems)} problems, expected the one bad row: {problems}")
        file, line, field, message = problems[0]
        check(file == "web-loans-bad.csv", f"the problem names the file {file!r}, expected web-loans-bad.csv")
        check(str(line) == "3" and field == "principal" and "12.345" in message,
              f"the problem should be on line 3, field principal, quoting 12.345; it is line {line!r}, field {field!r}: {message!r}")
        b.screenshot("import-problems.png")
        status, _ = self.upload_over_http("/import", path, self.cookies["a"])
        check(status == 400, f"POST /import of a file with a bad row answered {status}, expected 400")
        b.open("/loans?q=WEB-")
        check(b.one('span[data-key="total"]').text == "0", "a refused import still booked WEB- loans")

    def upload_over_http(self, path, file_path, cookie):
        """The upload as a plain HTTP request (to see the status code)."""
        status, page = http(self.b.base, path, cookie=cookie)
        check(status == 200, f"GET {path} answered {status}")
        with open(file_path, "rb") as source:
            body, content_type = multipart({"csrf_token": csrf_token_in(page), "encoding": ""},
                                           {"file": (os.path.basename(file_path), source.read())})
        return http(self.b.base, path, cookie=cookie, data=body, content_type=content_type)

    def total_over_http(self, path, cookie):
        """The `span[data-key=total]` count of a loans page, fetched without the browser."""
        status, page = http(self.b.base, path, cookie=cookie)
        match = re.search(r'<span data-key="total">(\d+)</span>', page)
        check(status == 200 and match, f"GET {path} answered {status} without a total")
        return int(match.group(1))

    def import_previews_then_books(self):
        """Bank A imports three new loans: a preview first, then Confirm: Imported, and the loans are listed."""
        b, relief = self.b, self.relief
        text = loan_csv(relief, new_loans_for(relief, self.accounts["bank_a"]))
        path = write(os.path.join(relief.folder, "web-loans.csv"), text)
        b.open("/import")
        b.upload('form[action="/import"]', path)
        b.expect_heading("Preview")
        check(b.number("imported") == 3, f"the import preview would record {b.figure('imported')} records, expected 3")
        check(self.total_over_http("/loans?q=WEB-", self.cookies["a"]) == 0, "the import preview alone booked loans")
        b.submit('form[action="/import/confirm"]')
        b.expect_heading("Imported")
        check(b.number("imported") == 3, f"Imported {b.figure('imported')} records, expected 3")
        b.open("/loans?q=WEB-")
        ids = [cell.text for cell in b.all('table[data-key="loans"] td[data-field="loan_id"]')]
        check(sorted(ids) == NEW_LOANS, f"/loans?q=WEB- lists {ids}, expected {NEW_LOANS}")
        check(b.one('span[data-key="total"]').text == "3", f"/loans?q=WEB- total is {b.one('span[data-key=total]').text}")
        links = [a.get_attribute("href") for a in b.all('table[data-key="loans"] td[data-field="loan_id"] a')]
        check(sorted(link[len(b.base):] for link in links) == [f"/loans/{i}" for i in NEW_LOANS], f"loan links are {links}")
        b.open("/loans")
        banks = {cell.text for cell in b.all('table[data-key="loans"] td[data-field="bank"]')}
        check(banks == {self.accounts["bank_a"]}, f"bank A's /loans lists loans of {banks}")
        b.screenshot("loans.png")

    def deferral_preview_then_confirm(self):
        """Bank A defers its portfolio under 2020: totals first, then Confirm: Deferred, and the loan page shows it."""
        b = self.b
        b.open("/defer")
        b.choose('form[action="/defer"]', "programme", "2020")
        b.submit('form[action="/defer"]')
        b.expect_heading("Preview")
        would = b.number("loans_deferred")
        check(would == len(NEW_LOANS), f"the deferral preview would defer {would} loans, expected the {len(NEW_LOANS)} new ones"
              " (the demo deferred the others already)")
        b.screenshot("defer-preview.png")
        status, page = http(b.base, "/loans/WEB-0001", cookie=self.cookies["a"])
        check(status == 200 and 'data-field="deferred" data-value="false"' in page and 'data-field="deferred" data-value="true"' not in page,
              f"the deferral preview alone deferred WEB-0001 (GET /loans/WEB-0001: {status})")
        b.submit('form[action="/defer"]')
        b.expect_heading("Deferred")
        check(b.number("loans_deferred") == would, f"Deferred {b.figure('loans_deferred')} loans, the preview said {would}")
        b.open("/loans/WEB-0001")
        b.expect_heading("Loan WEB-0001")
        flags = b.values('table[data-key="installments"]', "deferred")
        check(flags and "true" in flags, f"/loans/WEB-0001 shows no deferred installment: {flags}")
        b.screenshot("loan.png")

    def markup_is_shown_as_text(self):
        """A borrower named <script>alert(1)</script> is shown literally, never run."""
        b, relief = self.b, self.relief
        template = new_loans_for(relief, self.accounts["bank_a"])[0]
        row = dict(template, **{"贷款编号": "WEB-XSS", "借款人": SCRIPT_NAME, "统一社会信用代码": credit_code("9137080000WEB0001")})
        text = loan_csv(relief, [row])
        path = write(os.path.join(relief.folder, "web-xss.csv"), text)
        b.open("/import")
        b.upload('form[action="/import"]', path)
        if not b.heading().startswith("Preview"):
            print(f"  (skipped: the import refuses the borrower name {SCRIPT_NAME!r}: {b.heading()!r})")
            return "skipped"
        check(not b.all("script"), "the import preview holds a <script> element")
        b.submit('form[action="/import/confirm"]')
        b.expect_heading("Imported")
        for path in ["/loans?q=WEB-XSS", "/loans/WEB-XSS"]:
            b.open(path)
            check(SCRIPT_NAME in b.one("main").text, f"{path} does not show the borrower {SCRIPT_NAME} as text")
            check(not b.driver.find_elements(By.TAG_NAME, "script"), f"{path} holds a <script> element")

    def another_bank_sees_nothing(self):
        """Bank B: bank A's loan is 404 and its search finds none of bank A's new loans."""
        b = self.b
        self.cookies["b"] = b.sign_in(BANK_B_USER, start="/loans?q=WEB-")
        total = b.one('span[data-key="total"]').text
        check(total == "0", f"bank B's /loans?q=WEB- shows total {total}, expected 0")
        check(not b.all('table[data-key="loans"] td[data-field="loan_id"]'), "bank B's /loans?q=WEB- lists loans")
        b.open("/loans")
        banks = {cell.text for cell in b.all('table[data-key="loans"] td[data-field="bank"]')}
        check(banks == {self.accounts["bank_b"]}, f"bank B's /loans lists loans of {banks}, expected its own only (control)")
        status, _ = http(b.base, "/loans/WEB-0001", cookie=self.cookies["b"])
        check(status == 404, f"GET /loans/WEB-0001 as bank B answered {status}, expected 404")
        status, _ = http(b.base, "/loans/WEB-0001", cookie=self.cookies["a"])
        check(status == 200, f"GET /loans/WEB-0001 as bank A answered {status}, expected 200 (control)")
        b.open("/loans/WEB-0001")
        check(b.heading().startswith("Not found"), f"bank B's browser sees {b.heading()!r} at /loans/WEB-0001")

    def bureau_records_an_advance(self):
        """The bureau records a bridge advance through /fund's form; /fund then lists it."""
        b = self.b
        self.cookies["bureau"] = b.sign_in(BUREAU_USER, start="/fund")
        b.expect_heading("Bridge fund")
        loan = self.accounts["first_loan"]
        form = 'form[action="/fund/advance"]'
        fields = {"id": "WEB-ADV-1", "enterprise": loan["credit_code"], "name": loan["borrower"], "bank": loan["bank"],
                  "county": loan["county"], "amount": "1000000.00", "date": "2020-06-01", "loan": "", "commitment": "", "daily_rate": ""}
        for name, value in fields.items():
            b.type_into(form, name, value)
        b.submit(form)
        check(b.path() == "/fund", f"recording the advance ended at {b.path()} ({b.heading()!r}), expected the redirect to /fund;"
              f" problems: {[e.text for e in b.all('.error-summary li')]}")
        advances = b.values('table[data-key="advances"]', "advance_id")
        check("WEB-ADV-1" in advances, f"/fund does not list WEB-ADV-1 among {len(advances)} advances")
        b.screenshot("fund.png")

    def forms_without_token_are_refused(self):
        """A replayed form POST without its csrf_token answers 403 and writes nothing."""
        b = self.b
        loan = self.accounts["first_loan"]
        form = {"id": "WEB-ADV-X", "enterprise": loan["credit_code"], "name": loan["borrower"], "bank": loan["bank"],
                "county": loan["county"], "amount": "1000000.00", "date": "2020-06-02"}
        body = urllib.parse.urlencode(form).encode()
        status, _ = http(b.base, "/fund/advance", cookie=self.cookies["bureau"], data=body, content_type="application/x-www-form-urlencoded")
        check(status == 403, f"POST /fund/advance without csrf_token answered {status}, expected 403")
        status, _ = http(b.base, "/fund/advance", cookie=self.cookies["bureau"], data=urllib.parse.urlencode(dict(form, csrf_token="forged")).encode(),
                         content_type="application/x-www-form-urlencoded")
        check(status == 403, f"POST /fund/advance with a wrong csrf_token answered {status}, expected 403")
        b.open("/fund")
        check("WEB-ADV-X" not in b.values('table[data-key="advances"]', "advance_id"), "a POST refused with 403 still recorded WEB-ADV-X")
        status, _ = http(b.base, "/defer", cookie=self.cookies["a"], data=b"programme=2020&confirm=yes",
                         content_type="application/x-www-form-urlencoded")
        check(status == 403, f"POST /defer (programme=2020&confirm=yes) without csrf_token answered {status}, expected 403")

    def reconcile_sees_the_mismatch(self):
        """The bureau uploads statements on /reconcile: the Reconciliation page shows what does not match."""
        b = self.b
        # 1. The demo's March statement. `relief demo` reconciled it already: its entries are
        # duplicates now, and its one amount mismatch (BR-2020-107, -200.00) is already_mismatched.
        b.open("/reconcile")
        b.upload('form[action="/reconcile"]', os.path.join(self.relief.demo, "fund-statement-2020-03.xml"))
        b.expect_heading("Reconciliation")
        check(b.number("entries") == 74 and b.number("duplicates") == 74,
              f"the demo statement: {b.figure('entries')} entries, {b.figure('duplicates')} duplicates; expected 74 and 74")
        check(b.number("already_mismatched") >= 1, f"the demo statement's known mismatch is not shown: already_mismatched {b.figure('already_mismatched')}")
        differences = [d for d in b.values('table[data-key="items"]', "difference") if d not in ("", "0.00")]
        check(differences == ["-200.00"], f"the items table shows the differences {differences}, expected BR-2020-107's -200.00")
        # 2. A bank's CSV export of June 2020: the fund paid 999,800.00, not WEB-ADV-1's 1,000,000.00.
        path = write(os.path.join(self.relief.folder, "fund-statement-2020-06.csv"),
                     "交易日期,摘要,收入金额,支出金额,余额,对方户名\n"
                     "2020-06-01,应急转贷,-,\"999,800.00\",\"20,000,000.00\",济宁市某企业\n")
        b.upload('form[action="/reconcile"]', path)
        b.expect_heading("Reconciliation")
        counts = {field: b.number(field) for field in ["mismatched", "unmatched_statement", "unmatched_ledger"]}
        check(any(counts.values()), f"/reconcile reports nothing amiss: {counts}")
        check(counts["unmatched_ledger"] >= 1, f"the advance WEB-ADV-1 has no statement entry, yet unmatched_ledger is {counts['unmatched_ledger']}")
        items = list(zip(b.values('table[data-key="items"]', "status"), b.values('table[data-key="items"]', "reference")))
        check(any(status.startswith(("unmatched", "mismatched")) for status, _ in items),
              f"the items table shows no unmatched or mismatched row: {items}")
        check(("unmatched-ledger", "WEB-ADV-1") in items, f"the items table does not show WEB-ADV-1 as unmatched-ledger: {items}")
        b.screenshot("reconcile.png")

    def bureau_opens_first_loans(self):
        """The bureau opens the first-loan KPIs."""
        b = self.b
        b.open("/firstloan")
        b.expect_heading("First-loan cultivation")
        check(b.all("table"), "/firstloan shows no table of figures")
        b.screenshot("firstloan.png")


    def dropped_upload_writes_nothing(self):
        """A client that disconnects mid-upload leaves nothing written, and the server keeps serving."""
        b, relief = self.b, self.relief
        text = loan_csv(relief, new_loans_for(relief, self.accounts["bank_a"])).replace("WEB-", "DROP-")
        status, page = http(b.base, "/import", cookie=self.cookies["a"])
        check(status == 200, f"GET /import answered {status}")
        body, content_type = multipart({"csrf_token": csrf_token_in(page), "encoding": ""}, {"file": ("dropped.csv", text.encode())})
        host, port = urllib.parse.urlsplit(b.base).hostname, urllib.parse.urlsplit(b.base).port
        with socket.create_connection((host, port), timeout=10) as connection:
            head = (f"POST /import HTTP/1.1\r\nHost: {host}:{port}\r\nCookie: relief_session={self.cookies['a']}\r\n"
                    f"Content-Type: {content_type}\r\nContent-Length: {len(body) + 100000}\r\n\r\n")
            connection.sendall(head.encode() + body)  # the whole file, but 100,000 promised bytes never come
            time.sleep(0.5)
        time.sleep(1.0)
        check(self.total_over_http("/loans?q=DROP-", self.cookies["a"]) == 0, "a dropped upload booked loans")
        check(http(b.base, "/healthz")[0] == 200, "the server stopped answering after a dropped upload")


SCENARIOS = ["estimate_matches_cli", "import_refuses_bad_row", "import_previews_then_books", "deferral_preview_then_confirm",
             "markup_is_shown_as_text", "another_bank_sees_nothing", "bureau_records_an_advance", "forms_without_token_are_refused",
             "reconcile_sees_the_mismatch", "bureau_opens_first_loans", "dropped_upload_writes_nothing"]


# --------------------------------------------------------------------------- main


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: browser_test.py RELIEF_BINARY")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the server and the browser on the way out
    started = time.time()
    folder = os.environ.get("RELIEF_BROWSER_TMP") or tempfile.mkdtemp(prefix="relief-browser-")
    relief = Relief(sys.argv[1], folder)
    browser = None
    failed = []
    try:
        relief.make_demo()
        loans = relief.loans()
        check(loans, "the demo ledger lists no loans")
        bank_a = loans[0]["bank"]
        bank_b = next((loan["bank"] for loan in loans if loan["bank"] != bank_a), None)
        check(bank_b, "the demo ledger has loans of one bank only")
        relief.add_user(BANK_A_USER, "bank", bank_a)
        relief.add_user(BANK_B_USER, "bank", bank_b)
        relief.add_user(BUREAU_USER, "bureau")
        relief.start()
        browser = Browser(relief.base, folder)
        scenarios = Scenarios(relief, browser, {"bank_a": bank_a, "bank_b": bank_b, "first_loan": loans[0]})
        for name in SCENARIOS:
            began = time.time()
            try:
                outcome = getattr(scenarios, name)()
            except Exception as error:
                failed.append(name)
                detail = str(error) if isinstance(error, Failure) else traceback.format_exc()
                print(f"FAIL {name}: {detail}", flush=True)
                continue  # later scenarios still run (one that builds on a failed one may fail with it)
            print(f"{'skip' if outcome == 'skipped' else 'ok  '} {name} ({time.time() - began:.1f} s)", flush=True)
    except Exception as error:
        failed.append("setup")
        print(f"FAIL setup: {error if isinstance(error, Failure) else traceback.format_exc()}", flush=True)
    finally:
        if browser:
            browser.quit()
        relief.stop()
    print(f"{'FAILED' if failed else 'passed'} in {time.time() - started:.1f} s", flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
