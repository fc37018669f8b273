import Foundation
import Hummingbird
import NIOCore
import ReliefApp
import ReliefLedger

/// The loan book as a download (bureau only: a book holds the fund's records and every bank's
/// loans). Written by the workflow into a private temporary file on the blocking pool, then
/// sent in 64 KiB chunks and removed: memory stays flat whatever the ledger's size.
enum LoanBookDownload {
    /// The export happens when the body is sent (a HEAD request, whose body Hummingbird
    /// drops, exports nothing), and its temporary file goes with the body, sent or failed.
    static func response(_ ledger: LedgerStore) -> Response {
        let body = ResponseBody { writer in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relief-export-" + PageSessions.newToken())
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent("loanbook.xml").path
            try await Offload.run { _ = try LoanBookTransfer.export(ledger, to: path) }
            guard let handle = FileHandle(forReadingAtPath: path) else { throw HTTPError(.internalServerError) }
            defer { try? handle.close() }
            while let chunk = try await Offload.run({ try handle.read(upToCount: 64 * 1024) }), !chunk.isEmpty {
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/xml; charset=utf-8",
                                               .contentDisposition: "attachment; filename=\"loanbook.xml\"", .cacheControl: "no-store"],
                        body: body)
    }
}
