import Foundation
import GRDB
import ReliefDomain
import ReliefInterchange
import ReliefLedger

/// Reading and storing ISO 20022 camt statements, shared by `relief reconcile` and (for the
/// lead to wire) `relief import`: kind detection, the read with every problem located, and
/// the idempotent store inside the caller's transaction.
enum StatementImport {
    /// How far into a file the namespace is looked for: the root element comes first.
    static let sniffBytes = 4096

    /// Whether `bytes` look like a camt.053/054 document (its namespace near the start).
    static func isCamt(_ bytes: [UInt8]) -> Bool {
        let head = String(decoding: bytes.prefix(sniffBytes), as: UTF8.self)
        return head.contains("urn:iso:std:iso:20022:tech:xsd:camt.053") || head.contains("urn:iso:std:iso:20022:tech:xsd:camt.054")
    }

    /// A statement file read whole (statements are small; the size limit applies first).
    struct Loaded {
        let file: String
        let bytes: [UInt8]
        let statement: CamtStatement
    }

    /// Reads `path`: missing file exit 66; over the limit, not XML or any problem in it exit 65
    /// naming file and line.
    static func load(_ path: String, maximumBytes: Int = CamtStatementReader.defaultMaximumBytes) throws -> Loaded {
        let name = (path as NSString).lastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw CommandFailure(.noInput, "no statement file at \(path)")
        }
        let reader = CamtStatementReader(maximumBytes: maximumBytes)
        let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        guard size <= reader.maximumBytes else {
            throw CommandFailure(.dataError, "\(name):1: the file is \(size) bytes, over the limit of \(reader.maximumBytes) bytes; nothing was read")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure(.noInput, "cannot read \(path)") }
        let bytes = [UInt8](data)
        guard bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }) == UInt8(ascii: "<") else {
            throw CommandFailure(.dataError, "\(name):1: not an XML statement: ISO 20022 camt.053 and camt.054 files are read")
        }
        do {
            return Loaded(file: name, bytes: bytes, statement: try reader.read(bytes: bytes, file: name))
        } catch let failure as ImportFailure {
            throw CommandFailure(.dataError, failure.problems.count == 1 ? failure.problems[0].description : failure.description)
        }
    }

    /// Stores the statement's entries (inside the caller's write transaction); entries already
    /// stored, from this file or an overlapping statement, count as duplicates.
    static func store(_ loaded: Loaded, _ db: Database) throws -> StatementBook.Outcome {
        try StatementBook.store(loaded.statement.entries, source: loaded.file, digest: ContentDigest.sha256Hex(loaded.bytes),
                                messageDefinition: loaded.statement.messageDefinition, messageID: loaded.statement.messageID, db)
    }

    /// What storing did, in the import command's terms.
    static func summary(_ outcome: StatementBook.Outcome, _ loaded: Loaded) -> ImportSummary {
        var summary = ImportSummary()
        summary.imported = outcome.imported
        summary.duplicates = outcome.duplicates
        summary.notices = loaded.statement.notices
        return summary
    }
}
