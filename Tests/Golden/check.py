#!/usr/bin/env python3
"""Independent re-computation of the golden cases' schedule and deferral figures.

Written from RULES.md sections 1-4 and SPEC.md's deferral formulas with exact fractions (no
floating point) and half-up rounding to the fen; it shares no code with relief. It is how the
schedule-* and defer-* expected outputs were cross-checked (see each case's NOTES); the bridge,
import, ledger, reconcile and first-loan figures were checked by hand in NOTES.

    python3 Tests/Golden/check.py            # checks every schedule-*/defer-*/extend-within-cap case
"""
from fractions import Fraction as F
from datetime import date, timedelta
import calendar, json, os, shlex, sys

HERE = os.path.dirname(os.path.abspath(__file__))


def r2(x):
    """Half-up to the fen (x >= 0)."""
    x = F(x) * 100
    n = x.numerator // x.denominator
    if x - n >= F(1, 2):
        n += 1
    return F(n, 100)


def fmt(x):
    sign = "-" if x < 0 else ""
    fen = abs(int(x * 100))
    return "%s%d.%02d" % (sign, fen // 100, fen % 100)


def add_months(start, k):
    """RULES.md section 2: anchored to the start day, clamped to the month's end."""
    y, m = divmod(start.month - 1 + k, 12)
    y += start.year
    m += 1
    return date(y, m, min(start.day, calendar.monthrange(y, m)[1]))


def schedule(P, rate, start, n, method="annuity", dc=None, settle="due-dates"):
    """Rows (period, due date, days, principal, interest, payment, balance)."""
    P, rate = F(P), F(rate)
    if dc is None:
        dc = "30/360" if method in ("annuity", "equal-principal") else "act/360"
    i = rate / 12
    basis = 365 if dc == "act/365" else 360

    def interest(bal, d0, d1):
        return r2(bal * i) if dc == "30/360" else r2(bal * rate * (d1 - d0).days / basis)

    due = [add_months(start, k) for k in range(1, n + 1)]
    mat = due[-1]
    if method == "bullet":
        it = r2(P * rate * (mat - start).days / basis)
        return [(1, mat, (mat - start).days, P, it, P + it, F(0))]
    ends = {d: d for d in due}
    if method == "interest-only" and settle == "quarterly":
        # RULES.md section 1: 20 Mar/Jun/Sep/Dec; the settlement day's own interest is due on it.
        days = [date(y, mo, 20) for y in range(start.year, mat.year + 1) for mo in (3, 6, 9, 12)]
        due = [d for d in days if start <= d < mat] + [mat]
        ends = {d: (d + timedelta(days=1) if d != mat else d) for d in due}
    if method == "annuity":
        M = r2(P * i * (1 + i) ** n / ((1 + i) ** n - 1)) if rate else r2(P / n)
    rows, bal, prev = [], P, start
    for k, d in enumerate(due, 1):
        end = ends[d]
        it = interest(bal, prev, end)
        last = k == len(due)
        if method == "annuity":
            pr = bal if last else min(M - it, bal)
        elif method == "equal-principal":
            pr = bal if last else min(r2(P / n), bal)
        else:
            pr = bal if last else F(0)
        bal -= pr
        rows.append((k, d, (end - prev).days, pr, it, pr + it, bal))
        prev = end
    return rows


def defer(rows, rate, frm, until, to, uplift=F(1, 2), basis=360, compound=False):
    """SPEC.md `defer --format json` summary figures."""
    rate = F(rate)
    s = dict(deferred_principal=F(0), deferred_interest=F(0), interest_on_deferred_principal=F(0),
             compound_on_deferred_interest=F(0), penalty_interest_without_relief=F(0),
             compound_interest_without_relief=F(0))
    for (k, d, days, pr, it, pay, bal) in rows:
        if frm <= d <= until:
            dk = (to - d).days
            s["deferred_principal"] += pr
            s["deferred_interest"] += it
            s["interest_on_deferred_principal"] += r2(pr * rate * dk / basis)
            if compound:
                s["compound_on_deferred_interest"] += r2(it * rate * dk / basis)
            s["penalty_interest_without_relief"] += r2(pr * rate * (1 + uplift) * dk / basis)
            s["compound_interest_without_relief"] += r2(it * rate * (1 + uplift) * dk / basis)
    s["relief"] = max(F(0), s["penalty_interest_without_relief"] + s["compound_interest_without_relief"]
                      - s["interest_on_deferred_principal"] - s["compound_on_deferred_interest"])
    return s


ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def check_character(code17):
    """RULES.md section 7."""
    total = sum(ALPHABET.index(c) * w for c, w in zip(code17, WEIGHTS))
    return ALPHABET[(31 - total % 31) % 31]


# --- the cases -------------------------------------------------------------------------------
METHODS = {"等额本息": "annuity", "等额本金": "equal-principal", "先息后本": "interest-only",
           "按期付息到期还本": "interest-only", "利随本清": "bullet", "到期一次还本付息": "bullet"}
PROGRAMMES = {"2020": ("2020-01-25", "2020-06-30", "2020-06-30"), "2020-06": ("2020-06-01", "2020-12-31", "2021-03-31")}


def day(s):
    return date(*map(int, s.split("-")))


def rate_of(s):
    return F(s[:-1]) / 100 if s.endswith("%") else F(s)


def last_command(case):
    lines = [l for l in open(os.path.join(HERE, case, "cmd"), encoding="utf-8") if l.startswith("$ ")]
    words, options, i = shlex.split(lines[-1][2:]), {}, 0
    while i < len(words):
        if words[i].startswith("--") and i + 1 < len(words) and not words[i + 1].startswith("--"):
            options[words[i][2:]] = words[i + 1]
            i += 2
        else:
            options[words[i][2:]] = True
            i += 1
    return words, options


def rows_of(o):
    method = o.get("method", "annuity")
    return schedule(F(o["principal"].replace(",", "")), rate_of(o["rate"]), day(o["start"]), int(o["months"]),
                    METHODS.get(method, method), o.get("day-count"), o.get("settlement", "due-dates"))


def installments(rows, deferred=None, to=None):
    out = []
    for (k, d, days, pr, it, pay, bal) in rows:
        row = dict(period=k, due_date=str(d), days=days, principal=fmt(pr), interest=fmt(it), payment=fmt(pay), balance=fmt(bal))
        if deferred is not None:
            row["deferred"] = deferred(d)
            if row["deferred"]:
                row["due_date"] = to
        out.append(row)
    return out


def csv_lines(rows):
    return ["period,due_date,days,principal,interest,payment,balance"] + [
        f"{k},{d},{days},{fmt(pr)},{fmt(it)},{fmt(pay)},{fmt(bal)}" for (k, d, days, pr, it, pay, bal) in rows]


def check_case(case):
    words, o = last_command(case)
    if open(os.path.join(HERE, case, "status")).read().strip() != "0":
        return None  # error cases: checked by hand in NOTES
    if "help" in o or "principal" not in o:
        return None  # help text and ledger commands: checked by hand in NOTES
    stdout = open(os.path.join(HERE, case, "stdout"), encoding="utf-8").read()
    form = o.get("format", "table")
    if words[1] == "schedule":
        rows = rows_of(o)
        if form == "csv":
            return stdout.replace("\r\n", "\n").rstrip("\n").split("\n") == csv_lines(rows)
        if form == "json":
            total = lambda j: fmt(sum(r[j] for r in rows))
            return json.loads(stdout) == {"installments": installments(rows),
                                          "totals": dict(principal=total(3), interest=total(4), payment=total(5))}
    if words[1] == "extend" and form == "csv":
        rows = rows_of(o)
        moved = [r for r in rows if r[1] < rows[-1][1]]  # rows due before the agreement (old maturity)
        start_of_rest = moved[-1][1]
        months = (day(o["to"]).year - start_of_rest.year) * 12 + day(o["to"]).month - start_of_rest.month
        rest = schedule(moved[-1][6], rate_of(o["rate"]), start_of_rest, months)
        rest = [(len(moved) + r[0],) + r[1:] for r in rest]
        return stdout.replace("\r\n", "\n").rstrip("\n").split("\n") == csv_lines(moved + rest)
    if words[1] == "defer" and "principal" in o and form == "json":
        rows = rows_of(o)
        frm, until, to = PROGRAMMES[o.get("programme", "2020")]
        frm, until, to = o.get("from", frm), o.get("until", until), o.get("defer-to", to)
        uplift = rate_of(o["penalty-uplift"]) if "penalty-uplift" in o else F(1, 2)
        basis = 365 if o.get("day-count") == "act/365" else 360
        s = defer(rows, rate_of(o["rate"]), day(frm), day(until), day(to), uplift, basis, "compound-deferred-interest" in o)
        got = json.loads(stdout)
        return (got["installments"] == installments(rows, lambda d: day(frm) <= d <= day(until), to)
                and got["deferral_date"] == to and all(got[k] == fmt(v) for k, v in s.items()))
    return None


if __name__ == "__main__":
    bad = 0
    for case in sorted(os.listdir(HERE)):
        if os.path.isdir(os.path.join(HERE, case)) and not os.path.exists(os.path.join(HERE, case, "KNOWN_BUG")):
            ok = check_case(case)
            if ok is not None:
                print(("ok      " if ok else "DIFFERS ") + case)
                bad += not ok
    sys.exit(1 if bad else 0)
