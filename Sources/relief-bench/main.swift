import Foundation
import ReliefDomain
import ReliefEngine

/// relief-bench: fixed workloads that print throughput and peak memory.
/// Run in release: `swift run -c release relief-bench [schedules|deferral|ledger|bridge|csv|import|xml|firstloan|journal|all] [count]`,
/// or `relief-bench xml-read FILE` to time the loan-book reader on an existing file, or
/// `relief-bench loan-csv FILE [count]` to write the benchmarks' generated loan CSV (200 k loans by
/// default) for a workload outside this program (the web benchmark's upload).

/// Deterministic loan terms for workload item `index` (no random numbers: a fixed workload).
func benchmarkTerms(_ index: Int, method: RepaymentMethod, dayCount: DayCount, months: Int) -> LoanTerms? {
    let principal = Money(fen: Int64(10_000_000 + (index % 9_973) * 100_003))  // 100,000 to ~10 million CNY
    let annualRate = Rate(units: Int64(300_000_000 + (index % 251) * 1_000_000))   // 3.00% to 5.50%
    let start = CivilDate(daysSinceEpoch: Int32(18_262 + index % 366))              // through 2020
    return try? LoanTerms(principal: principal, annualRate: annualRate, start: start, termMonths: months,
                          method: method, dayCount: dayCount)
}

struct Measurement {
    let name: String
    let items: Int
    let unit: String
    let seconds: Double
    /// The workload's own peak, when it measured one; else the process's peak so far.
    var peakMiB: Int? = nil

    func report() {
        let rate = Double(items) / seconds
        let shown: String
        if rate >= 1e6 {
            shown = "\(Int(rate / 1e5) / 10).\(Int(rate / 1e5) % 10) M"
        } else if rate >= 1e4 {
            shown = "\(Int(rate / 1e3)) k"
        } else {
            shown = "\(Int(rate))"
        }
        print("\(name): \(items) \(unit) in \(Int(seconds * 1000)) ms = \(shown) \(unit)/s; peak memory \((peakMiB ?? peakMemoryMiB()).map(String.init) ?? "?") MiB")
    }
}

/// 1,000,000 loans x 36 monthly annuity installments (ACT/360), computed and consumed as a
/// stream: only a checksum survives each loan.
func benchmarkSchedules(loans: Int = 1_000_000) -> Measurement {
    let calculator = ScheduleCalculator()
    var memo = ScheduleCalculator.Memo()  // per-rate values shared across the run
    var installments = 0
    var checksum: Int64 = 0
    let started = monotonicSeconds()
    for index in 0..<loans {
        guard let terms = benchmarkTerms(index, method: .annuity, dayCount: .act360, months: 36) else { continue }
        do {
            try calculator.forEachInstallment(of: terms, memo: &memo) { row in
                installments += 1
                checksum &+= row.interest.fen
            }
        } catch {
            print("loan \(index) refused: \(error)")
        }
    }
    let elapsed = monotonicSeconds() - started
    print("  (checksum of interest: \(checksum) fen)")
    return Measurement(name: "schedules (1 M loans x 36, annuity ACT/360, streamed)", items: installments,
                       unit: "installments", seconds: elapsed)
}

/// The 2020 programme applied to 1,000,000 loans x 36 monthly installments in memory: each
/// loan's schedule is computed, every installment is checked against the window and the
/// deferred ones priced (ordinary, penalty and compound interest); totals are kept per loan.
func benchmarkDeferral(loans: Int = 1_000_000) -> Measurement {
    guard let programme = ReliefProgramme.preset(named: "2020") else { fatalError("preset 2020 missing") }
    let scheduler = ScheduleCalculator()
    let deferral = DeferralCalculator(programme: programme)
    // Per-rate values (day rates, annuity factors) shared across the run, as a portfolio run keeps them.
    var scheduleMemo = ScheduleCalculator.Memo()
    var pricerMemo = DeferralCalculator.Memo()
    var portfolio = DeferralTotals()
    var deferredLoans = 0
    let started = monotonicSeconds()
    for index in 0..<loans {
        // Starts through 2019 so that most loans have installments in the 2020 window.
        guard let terms = benchmarkTerms(index, method: .annuity, dayCount: .thirty360, months: 36)
                .flatMap({ try? LoanTerms(principal: $0.principal, annualRate: $0.annualRate, start: $0.start.adding(days: -365),
                                          termMonths: 36, method: .annuity) }) else { continue }
        var loanTotals = DeferralTotals()
        let pricer = deferral.pricer(for: terms, memo: &pricerMemo)
        do {
            try scheduler.forEachInstallment(of: terms, memo: &scheduleMemo) { row in pricer.accumulate(row, into: &loanTotals) }
        } catch {
            print("loan \(index) refused: \(error)")
        }
        if loanTotals.deferredInstallments > 0 { deferredLoans += 1 }
        portfolio.add(loanTotals)
    }
    let elapsed = monotonicSeconds() - started
    print("  (\(deferredLoans) loans deferred; deferred principal \(portfolio.deferredPrincipal.formatted(grouped: true)), relief \(portfolio.relief.formatted(grouped: true)) CNY)")
    return Measurement(name: "deferral (2020 programme, 1 M loans x 36, schedules included)", items: loans, unit: "loans", seconds: elapsed)
}

/// The 2020 programme applied to schedules already in memory (100,000 loans x 36, computed
/// before the clock starts): the deferral alone, producing each loan's deferred rows.
func benchmarkDeferralOfStoredSchedules(loans: Int = 100_000) -> Measurement {
    guard let programme = ReliefProgramme.preset(named: "2020") else { fatalError("preset 2020 missing") }
    let scheduler = ScheduleCalculator()
    let schedules: [Schedule] = (0..<loans).compactMap { index in
        benchmarkTerms(index, method: .annuity, dayCount: .thirty360, months: 36)
            .flatMap { try? LoanTerms(principal: $0.principal, annualRate: $0.annualRate, start: $0.start.adding(days: -365),
                                      termMonths: 36, method: .annuity) }
            .flatMap { try? scheduler.schedule(for: $0) }
    }
    let deferral = DeferralCalculator(programme: programme)
    var portfolio = DeferralTotals()
    let started = monotonicSeconds()
    for schedule in schedules {
        let result = deferral.apply(to: schedule)
        portfolio.add(result.totals)
    }
    let elapsed = monotonicSeconds() - started
    print("  (relief \(portfolio.relief.formatted(grouped: true)) CNY over \(schedules.count) stored schedules)")
    return Measurement(name: "deferral of stored schedules (2020 programme, 100 k loans x 36)", items: schedules.count,
                       unit: "loans", seconds: elapsed)
}

let arguments = CommandLine.arguments.dropFirst()
let which = arguments.first ?? "all"
print("relief-bench \(which) (release build expected; figures vary with machine load)")
if which == "loan-csv" {
    guard let path = arguments.dropFirst().first else { fatalError("usage: relief-bench loan-csv FILE [count]") }
    let count = arguments.dropFirst(2).first.flatMap { Int($0) } ?? 200_000
    guard FileManager.default.createFile(atPath: path, contents: Data(InterchangeBenchmarks.loanCSV(count: count).utf8)) else {
        fatalError("cannot write \(path)")
    }
    print("wrote \(count) loans to \(path)")
    exit(0)
}
let loanCount = which == "xml-read" ? nil : arguments.dropFirst().first.flatMap { Int($0) }
if which == "schedules" || which == "all" { benchmarkSchedules(loans: loanCount ?? 1_000_000).report() }
if which == "bridge" || which == "all" {
    do { for measurement in try BridgeBenchmarks.register(advances: loanCount ?? 100_000) { measurement.report() } } catch {
        print("bridge benchmark failed: \(error)")
    }
}
if which == "csv" || which == "all" {
    do { for measurement in try InterchangeBenchmarks.csv(loans: loanCount ?? 200_000) { measurement.report() } } catch {
        print("csv benchmark failed: \(error)")
    }
}
if which == "import" || which == "all" {
    do { for measurement in try ImportBenchmarks.loanCSV(loans: loanCount ?? 200_000) { measurement.report() } } catch {
        print("import benchmark failed: \(error)")
    }
}
if which == "xml" || which == "all" {
    do { for measurement in try XMLBenchmarks.loanBook(loans: loanCount ?? 200_000) { measurement.report() } } catch {
        print("xml benchmark failed: \(error)")
    }
}
if which == "xml-read" {
    // An existing loan book read as the CLI reads it, e.g. to profile the reader alone:
    // `valgrind --tool=callgrind relief-bench xml-read book.xml`.
    guard let path = arguments.dropFirst().first else { fatalError("usage: relief-bench xml-read FILE") }
    do { for measurement in try XMLBenchmarks.read(path: path) { measurement.report() } } catch { print("xml-read failed: \(error)") }
}
if which == "firstloan" || which == "all" {
    do { for measurement in try FirstLoanBenchmarks.report(enterprises: loanCount ?? 100_000) { measurement.report() } } catch {
        print("first-loan benchmark failed: \(error)")
    }
}
if which == "journal" {
    do { try LedgerBenchmarks.journal(entries: loanCount ?? 1_000_000).report() } catch { print("journal benchmark failed: \(error)") }
}
if which == "ledger" || which == "all" {
    do {
        try LedgerBenchmarks.journal(entries: loanCount ?? 1_000_000).report()
        try LedgerBenchmarks.checkJournal(entries: loanCount ?? 1_000_000).report()
        for measurement in try LedgerBenchmarks.loans(count: (loanCount ?? 1_000_000) / 10) { measurement.report() }
    } catch {
        print("ledger benchmark failed: \(error)")
    }
}
if which == "deferral" || which == "all" {
    benchmarkDeferral(loans: loanCount ?? 1_000_000).report()
    benchmarkDeferralOfStoredSchedules().report()
}
