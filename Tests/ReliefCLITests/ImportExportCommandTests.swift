import Foundation
import ReliefInterchange
import Testing

/// End to end: `relief import` and `relief export` through the built binary.
@Suite struct ImportExportCommandTests {
    static let chineseCSV = """
        济宁银行普惠贷款台账\r
        贷款编号,借款人,统一社会信用代码,企业规模,县区,贷款银行,贷款金额,年利率,起始日,期限月数,还款方式,申请日\r
        JN-1,济宁市鲁兴机械有限公司,91350100M000100Y43,小型,任城区,济宁银行,"1,000,000.00",4.35%,2019-03-01,12,利随本清,2020-02-10\r
        JN-2,济宁市泰和纺织有限公司,913708000000000011,微型,兖州区,济宁银行,"300,000.00",4.90%,2019-12-15,6,等额本金,2020-02-11\r

        """

    static func folderWithLedger() throws -> URL {
        let folder = try ReliefProcess.temporaryDirectory()
        #expect(try ReliefProcess.run(["init"], in: folder).status == 0)
        return folder
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func gb18030ImportTwiceAndExport() throws {
        let folder = try Self.folderWithLedger()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("book.csv")
        let gb18030 = String.Encoding(rawValue: 0x8000_0632)
        try #require(Self.chineseCSV.data(using: gb18030)).write(to: file)
        let first = try ReliefProcess.run(["import", "book.csv", "--format", "json"], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        let summary = try Self.json(first.stdout)
        #expect(summary["imported"] as? Int == 2)
        #expect(summary["duplicates"] as? Int == 0)
        #expect(summary["skipped"] as? Int == 1)
        #expect(first.stderr.contains("gb18030"))
        let before = try ReliefProcess.run(["ledger", "trial-balance", "--format", "json"], in: folder).stdout
        let second = try Self.json(try ReliefProcess.run(["import", "book.csv", "--format", "json"], in: folder).stdout)
        #expect(second["imported"] as? Int == 0)
        #expect(second["duplicates"] as? Int == 2)
        #expect(try ReliefProcess.run(["ledger", "trial-balance", "--format", "json"], in: folder).stdout == before)

        // The export is the loan CSV, re-importable into a fresh ledger with the same result.
        let exported = try ReliefProcess.run(["export", "loans", "--out", "out.csv", "--bom"], in: folder)
        #expect(exported.status == 0)
        let bytes = try Data(contentsOf: folder.appendingPathComponent("out.csv"))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.contains("JN-1,济宁市鲁兴机械有限公司,91350100M000100Y43,small,任城区,济宁银行,1000000.00,4.35%,2019-03-01,12,bullet,act/360,due-dates,,2020-02-10"))
        let fresh = folder.appendingPathComponent("fresh.sqlite").path
        #expect(try ReliefProcess.run(["init", "--db", fresh], in: folder).status == 0)
        #expect(try ReliefProcess.run(["import", "out.csv", "--db", fresh], in: folder).status == 0)
        #expect(try ReliefProcess.run(["ledger", "trial-balance", "--format", "json", "--db", fresh], in: folder).stdout == before)
        let schedules = try ReliefProcess.run(["export", "schedules"], in: folder)
        // 12-month bullet: 1 row; 6-month equal principal: 6 rows; plus the header.
        #expect(schedules.stdout.split(separator: "\r\n").count == 8)
    }

    /// A bad row in the middle: every problem listed, exit 65, nothing written.
    @Test func badRowsWriteNothing() throws {
        let folder = try Self.folderWithLedger()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = "loan_id,borrower,credit_code,size,county,bank,principal,rate,start,months,method\n"
            + "G1,a,91350100M000100Y43,small,c,b,100,4%,2020-01-01,12,annuity\n"
        try Data((good + "B1,a,91350100M000100Y43,small,c,b,100,4%,2020-02-30,12,annuity\n"
                  + "G2,a,91350100M000100Y43,small,c,b,100,4%,2020-01-01,12,annuity\n").utf8).write(to: folder.appendingPathComponent("mixed.csv"))
        try Data(good.utf8).write(to: folder.appendingPathComponent("good.csv"))
        let result = try ReliefProcess.run(["import", "good.csv", "mixed.csv", "--format", "json"], in: folder)
        #expect(result.status == 65)
        #expect(result.stderr.contains("mixed.csv:3: start:"))
        let summary = try Self.json(result.stdout)
        #expect((summary["problems"] as? [[String: Any]])?.first?["line"] as? Int == 3)
        let listed = try Self.json(try ReliefProcess.run(["loans", "list", "--format", "json"], in: folder).stdout)
        #expect((listed["loans"] as? [Any])?.isEmpty == true)
        let dry = try ReliefProcess.run(["import", "good.csv", "--dry-run"], in: folder)
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("Would import 1 record"))
        let afterDryRun = try Self.json(try ReliefProcess.run(["loans", "list", "--format", "json"], in: folder).stdout)
        #expect((afterDryRun["loans"] as? [Any])?.isEmpty == true)
        let limited = try ReliefProcess.run(["import", "good.csv", "--max-input-bytes", "10"], in: folder)
        #expect(limited.status == 65)
        #expect(limited.stderr.contains("over the input limit of 10 bytes"))
        #expect(try ReliefProcess.run(["import", "missing.csv"], in: folder).status == 66)
        // Refused, a GB18030 file still says how it was read (which explains its names).
        let gb18030 = String.Encoding(rawValue: 0x8000_0632)
        try #require((good + "B2,甲,91350100M000100Y43,small,c,b,100,4%,2020-13-01,12,annuity\n").data(using: gb18030))
            .write(to: folder.appendingPathComponent("gbk.csv"))
        let gbk = try ReliefProcess.run(["import", "gbk.csv"], in: folder)
        #expect(gbk.status == 65 && gbk.stderr.contains("gbk.csv: read as gb18030") && gbk.stderr.contains("gbk.csv:3: start:"), "\(gbk.stderr)")
    }

    /// What is not a file, or is over the limit, is refused before anything is read: a folder
    /// or a device exits 66 saying what it is (a folder crashed the sniffing of its first bytes),
    /// and the limit holds for every kind of file but loan books, which are limited per record.
    @Test func foldersDevicesAndOversizedFilesOfEveryKind() throws {
        let folder = try Self.folderWithLedger()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let directory = try ReliefProcess.run(["import", "sub"], in: folder)
        #expect(directory.status == 66 && directory.stderr.contains("sub: a folder, not a file"), "\(directory.stderr)")
        #expect(!directory.stderr.contains("Fatal error"))
        let device = try ReliefProcess.run(["import", "/dev/null"], in: folder)
        #expect(device.status == 66 && device.stderr.contains("not a regular file"), "\(device.stderr)")
        let book = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LoanBook xmlns=\"urn:creditrelief:loanbook:1\" version=\"1\" revision=\"2\">\n"
            + "  <Enterprise creditCode=\"91350100M000100Y43\" name=\"甲\" size=\"small\" county=\"任城区\"/>\n</LoanBook>\n"
        try Data(book.utf8).write(to: folder.appendingPathComponent("book.xml"))
        let cultivation = "credit_code,name,size,county,identified_on\n91350100M000100Y43,甲,small,任城区,2020-03-01\n"
        try Data(cultivation.utf8).write(to: folder.appendingPathComponent("cultivation.csv"))
        let limited = try ReliefProcess.run(["import", "cultivation.csv", "--max-input-bytes", "40"], in: folder)
        #expect(limited.status == 65 && limited.stderr.contains("cultivation.csv:1: ") && limited.stderr.contains("over the input limit of 40 bytes"),
                "\(limited.stderr)")
        let listed = try ReliefProcess.run(["export", "enterprises"], in: folder).stdout
        #expect(listed.split(whereSeparator: \.isNewline).count == 1, "nothing registered: \(listed)")
        // A symbolic link is the file it points to, with that file's size.
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("linked.csv").path, withDestinationPath: "cultivation.csv")
        let viaLink = try ReliefProcess.run(["import", "linked.csv", "--max-input-bytes", "40"], in: folder)
        #expect(viaLink.status == 65 && viaLink.stderr.contains("\(cultivation.utf8.count) bytes is over the input limit"), "\(viaLink.stderr)")
        // A loan book is limited per record, not by its bytes (SPEC capability 9): a book past
        // the byte limit imports, so that every book relief writes can be restored.
        #expect(try ReliefProcess.run(["import", "book.xml", "--max-input-bytes", "40"], in: folder).status == 0)
        #expect(try ReliefProcess.run(["import", "linked.csv", "cultivation.csv"], in: folder).status == 0)
    }

    /// Output that cannot be written (stdout on a full disk, here /dev/full) is not a success:
    /// exit 70 with the reason, not 0 with nothing written.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "/dev/full is absent on this system (Linux has it): no full disk to write to"))
    func aFullDiskIsNotASuccess() throws {
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"), "/dev/full cannot be opened for writing")
        let folder = try Self.folderWithLedger()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(Self.chineseCSV.utf8).write(to: folder.appendingPathComponent("loans.csv"))
        #expect(try ReliefProcess.run(["import", "loans.csv"], in: folder).status == 0)
        for arguments in [["export", "loans"], ["export", "loanbook"], ["ledger", "trial-balance", "--format", "json"]] {
            let process = Process()
            process.executableURL = try ReliefProcess.executableURL()
            process.arguments = arguments
            process.currentDirectoryURL = folder
            let errors = Pipe()
            process.standardOutput = full
            process.standardError = errors
            try process.run()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 70 && message.contains("the output could not be written"), "\(arguments): \(message)")
        }
    }

    /// Export options that do not apply are refused (exit 64), not silently ignored.
    @Test func exportOptionsThatDoNotApplyAreRefused() throws {
        let folder = try Self.folderWithLedger()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (arguments, message) in [(["export", "loanbook", "--format", "csv"], "loanbook is written as xml only"),
                                     (["export", "payments", "--bom"], "--bom is for the csv exports"),
                                     (["export", "loans", "--format", "xml"], "loans is exported as csv")] {
            let refused = try ReliefProcess.run(arguments, in: folder)
            #expect(refused.status == 64 && refused.stderr.contains(message), "\(arguments): \(refused.stderr)")
        }
        #expect(try ReliefProcess.run(["export", "loanbook", "--format", "xml"], in: folder).status == 0)
        #expect(try ReliefProcess.run(["export", "loans", "--format", "csv", "--bom"], in: folder).stdout.hasPrefix("\u{FEFF}loan_id,"))
    }

    /// A loan book saved as UTF-16 (with its BOM and encoding declaration) is recognised as a
    /// loan book and imports the same (it was read as a loan CSV and refused).
    @Test func aUTF16LoanBookImports() throws {
        let folder = try Self.folderWithLedger()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(Self.chineseCSV.utf8).write(to: folder.appendingPathComponent("loans.csv"))
        #expect(try ReliefProcess.run(["import", "loans.csv"], in: folder).status == 0)
        #expect(try ReliefProcess.run(["export", "loanbook", "--out", "book.xml"], in: folder).status == 0)
        let book = try String(contentsOf: folder.appendingPathComponent("book.xml"), encoding: .utf8)
            .replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"")
        try #require(book.data(using: .utf16)).write(to: folder.appendingPathComponent("book16.xml"))  // with a BOM
        #expect(try ReliefProcess.run(["init", "--db", "copy.sqlite"], in: folder).status == 0)
        let imported = try ReliefProcess.run(["import", "book16.xml", "--db", "copy.sqlite"], in: folder)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try ReliefProcess.run(["ledger", "trial-balance", "--format", "json"], in: folder).stdout
                == (try ReliefProcess.run(["ledger", "trial-balance", "--format", "json", "--db", "copy.sqlite"], in: folder).stdout))
    }

    /// `--out` never destroys what it should not: the ledger itself (or a hard link to it) is
    /// refused; a symbolic link is followed and stays a link; a replaced file keeps its
    /// permissions; a missing folder is named; a device is written directly.
    @Test func outWritesWhereItShould() throws {
        let folder = try Self.folderWithLedger()
        defer { try? FileManager.default.removeItem(at: folder) }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        try Data(Self.chineseCSV.utf8).write(to: folder.appendingPathComponent("loans.csv"))
        #expect(try ReliefProcess.run(["import", "loans.csv"], in: folder).status == 0)
        let before = try ReliefProcess.run(["ledger", "trial-balance", "--format", "json"], in: folder).stdout
        try FileManager.default.linkItem(atPath: path("relief.sqlite"), toPath: path("hard.sqlite"))
        for target in ["relief.sqlite", "./relief.sqlite", "relief.sqlite-wal", "hard.sqlite"] {
            for kind in ["loans", "loanbook"] {
                let refused = try ReliefProcess.run(["export", kind, "--out", target], in: folder)
                #expect(refused.status == 65 && refused.stderr.contains("is the ledger"), "\(kind) to \(target): \(refused.stderr)")
            }
        }
        let html = try ReliefProcess.run(["report", "--html", "relief.sqlite"], in: folder)
        #expect(html.status == 65, "\(html.stderr)")
        #expect(try ReliefProcess.run(["ledger", "trial-balance", "--format", "json"], in: folder).stdout == before)

        try Data("old".utf8).write(to: folder.appendingPathComponent("target.csv"))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path("target.csv"))
        try FileManager.default.createSymbolicLink(atPath: path("link.csv"), withDestinationPath: "target.csv")
        #expect(try ReliefProcess.run(["export", "loans", "--out", "link.csv"], in: folder).status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: path("link.csv")) == "target.csv")
        #expect(try String(contentsOfFile: path("target.csv"), encoding: .utf8).hasPrefix("loan_id,"))
        #expect((try FileManager.default.attributesOfItem(atPath: path("target.csv"))[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        // The temporary is a file of its own: a folder or link named like the old fixed one
        // (`book.xml.partial`) is left alone; a new file gets the usual permissions.
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("book.xml.partial"), withIntermediateDirectories: false)
        try Data("keep".utf8).write(to: folder.appendingPathComponent("book.xml.partial/keep.txt"))
        #expect(try ReliefProcess.run(["export", "loanbook", "--out", "book.xml"], in: folder).status == 0)
        #expect(try String(contentsOfFile: path("book.xml.partial/keep.txt"), encoding: .utf8) == "keep")
        let mask = umask(0)
        umask(mask)
        #expect((try FileManager.default.attributesOfItem(atPath: path("book.xml"))[.posixPermissions] as? NSNumber)?.intValue == 0o666 & ~Int(mask))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".relief-") }.isEmpty)
        let missing = try ReliefProcess.run(["export", "loans", "--out", "nowhere/loans.csv"], in: folder)
        #expect(missing.status == 66 && missing.stderr.contains("the folder"), "\(missing.stderr)")
        // A named pipe (not a system device: a regression must not replace one) stays a pipe
        // and gets the file; its reader is opened first, without blocking.
        #expect(mkfifo(path("pipe.csv"), 0o600) == 0)
        let reader = open(path("pipe.csv"), O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        let piped = try ReliefProcess.run(["export", "loans", "--out", "pipe.csv"], in: folder)
        #expect(piped.status == 0, "\(piped.stderr)")
        var info = stat()
        #expect(stat(path("pipe.csv"), &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        let count = read(reader, &buffer, buffer.count)
        #expect(count > 0 && String(decoding: buffer.prefix(max(0, count)), as: UTF8.self).hasPrefix("loan_id,"))
    }

    /// A bank statement's problems and a loan book's DOCTYPE reach `relief import`'s report
    /// each on its own line and field (they came as one problem on line 1, or on line -1).
    @Test func statementAndLoanBookProblemsKeepTheirLines() throws {
        let folder = try Self.folderWithLedger()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("交易日期,交易金额\n2020-03-02,12.3.4\n2020-13-02,-1\n".utf8).write(to: folder.appendingPathComponent("bank.csv"))
        let bank = try ReliefProcess.run(["import", "bank.csv", "--format", "json"], in: folder)
        #expect(bank.status == 65)
        let problems = try #require(try Self.json(bank.stdout)["problems"] as? [[String: Any]])
        #expect(problems.map { "\($0["line"] ?? "?") \($0["field"] ?? "?")" } == ["2 交易金额", "3 date"], "\(problems)")
        let doctype = "<?xml version=\"1.0\"?>\n<!DOCTYPE LoanBook [<!ENTITY a \"aaaa\">]>\n<LoanBook xmlns=\"urn:creditrelief:loanbook:1\" version=\"1\">&a;</LoanBook>\n"
        try Data(doctype.utf8).write(to: folder.appendingPathComponent("doctype.xml"))
        let refused = try ReliefProcess.run(["import", "doctype.xml"], in: folder)
        #expect(refused.status == 65 && refused.stderr.contains("doctype.xml:2: a document type declaration (DOCTYPE) is not allowed"), "\(refused.stderr)")
    }
}

/// `relief export loanbook|payments` and XML through `relief import`, end to end.
@Suite struct XMLTransferCommandTests {
    @Test func loanBookRoundTripAndPaymentsThroughTheCLI() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        func run(_ arguments: [String]) throws -> ReliefProcess.Result { try ReliefProcess.run(arguments, in: folder) }
        #expect(try run(["init"]).status == 0)
        try Data(ImportExportCommandTests.chineseCSV.utf8).write(to: folder.appendingPathComponent("book.csv"))
        #expect(try run(["import", "book.csv"]).status == 0)
        #expect(try run(["bridge", "fund", "--amount", "10000000", "--date", "2020-03-01", "--account", "37001234567", "--account-name", "济宁市应急转贷基金"]).status == 0)
        #expect(try run(["bridge", "advance", "--id", "BR-1", "--enterprise", "91350100M000100Y43", "--bank", "济宁银行", "--amount", "2000000",
                         "--date", "2020-03-02", "--account", "6228480000001"]).status == 0)
        let exported = try run(["export", "loanbook", "--out", "book.xml"])
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(try run(["init", "--db", "copy.sqlite"]).status == 0)
        let imported = try run(["import", "book.xml", "--db", "copy.sqlite", "--format", "json"])
        #expect(imported.status == 0, "\(imported.stderr)")
        for command in [["loans", "list", "--format", "json"], ["bridge", "list", "--format", "json"], ["ledger", "trial-balance", "--format", "json"]] {
            #expect(try run(command).stdout == (try run(command + ["--db", "copy.sqlite"])).stdout, "\(command)")
        }
        // Importing it again changes nothing.
        let again = try JSONSerialization.jsonObject(with: Data(try run(["import", "book.xml", "--db", "copy.sqlite", "--format", "json"]).stdout.utf8)) as? [String: Any]
        #expect(again?["imported"] as? Int == 0)
        let payments = try run(["export", "payments"])
        #expect(payments.status == 0, "\(payments.stderr)")
        #expect(payments.stdout.contains("<EndToEndId>BR-1</EndToEndId>"))
        #expect(payments.stdout.contains("2000000.00"))
        let census = try XMLElementCensus.count(Array(payments.stdout.utf8))
        #expect(census["CdtTrfTxInf"] == 1)
        // The bridge register as CSV (with a repaid advance too): exported, then imported into
        // a fund with the same capital.
        #expect(try run(["bridge", "advance", "--id", "BR-2", "--enterprise", "91350100M000100Y43", "--bank", "济宁银行", "--amount", "1000000",
                         "--date", "2020-03-03"]).status == 0)
        #expect(try run(["bridge", "repay", "--id", "BR-2", "--date", "2020-03-08"]).status == 0)
        // Repaid the day it was advanced: one day, as the ledger counts it (500,000.00 x 0.08% = 400.00).
        #expect(try run(["bridge", "advance", "--id", "BR-3", "--enterprise", "91350100M000100Y43", "--bank", "济宁银行", "--amount", "500000",
                         "--date", "2020-03-09"]).status == 0)
        #expect(try run(["bridge", "repay", "--id", "BR-3", "--date", "2020-03-09"]).status == 0)
        #expect(try run(["export", "bridge", "--out", "register.csv"]).status == 0)
        #expect(try run(["init", "--db", "register.sqlite"]).status == 0)
        #expect(try run(["bridge", "fund", "--amount", "10000000", "--date", "2020-03-01", "--db", "register.sqlite"]).status == 0)
        let register = try run(["import", "register.csv", "--db", "register.sqlite"])
        #expect(register.status == 0, "\(register.stderr)")
        #expect(try run(["bridge", "list", "--format", "json"]).stdout == (try run(["bridge", "list", "--format", "json", "--db", "register.sqlite"])).stdout)
        // Its days and fee are checked, not ignored: a register stating another fee, or days
        // that are not its dates', is refused at that field.
        let registerText = try String(contentsOf: folder.appendingPathComponent("register.csv"), encoding: .utf8)
        let lines = registerText.split(separator: "\r\n").map(String.init)
        #expect(lines.first?.hasSuffix(",days,fee") == true, "\(registerText)")
        #expect(lines.contains { $0.hasPrefix("BR-3,") && $0.hasSuffix(",2020-03-09,2020-03-09,,,0.08%,,1,400.00") }, "\(registerText)")
        // An advance not yet repaid with the days and fee a clerk planned: not checked.
        let planned = lines.map { $0.hasPrefix("BR-1,") ? String($0.dropLast()) + "5,800.00" : $0 }
        try Data((planned.joined(separator: "\r\n") + "\r\n").utf8).write(to: folder.appendingPathComponent("planned.csv"))
        #expect(try run(["init", "--db", "planned.sqlite"]).status == 0)
        #expect(try run(["bridge", "fund", "--amount", "10000000", "--date", "2020-03-01", "--db", "planned.sqlite"]).status == 0)
        let plannedImport = try run(["import", "planned.csv", "--db", "planned.sqlite"])
        #expect(plannedImport.status == 0, "\(plannedImport.stderr)")
        let repaid = try #require(lines.firstIndex { $0.hasPrefix("BR-2,") })
        for (name, edit) in [("fee", { (line: String) in line[..<line.lastIndex(of: ",")!] + ",1.00" }),
                             ("days", { (line: String) in
                                 var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                                 fields[fields.count - 2] = String((Int(fields[fields.count - 2]) ?? 0) + 1)
                                 return fields.joined(separator: ",")
                             })] {
            var changed = lines
            changed[repaid] = edit(lines[repaid])
            try Data((changed.joined(separator: "\r\n") + "\r\n").utf8).write(to: folder.appendingPathComponent("\(name).csv"))
            #expect(try run(["init", "--db", "\(name).sqlite"]).status == 0)
            #expect(try run(["bridge", "fund", "--amount", "10000000", "--date", "2020-03-01", "--db", "\(name).sqlite"]).status == 0)
            let refused = try run(["import", "\(name).csv", "--db", "\(name).sqlite"])
            #expect(refused.status == 65 && refused.stderr.contains("\(name).csv:\(repaid + 1): \(name): "), "\(refused.stderr)")
        }
        try Data("<a/>".utf8).write(to: folder.appendingPathComponent("other.xml"))
        let other = try run(["import", "other.xml"])
        #expect(other.status == 65)
        #expect(other.stderr.contains("neither a loan book"))
    }
}
