import Foundation
import Hummingbird
import NIOCore
import ReliefApp
import ReliefLedger

/// The loan book as a download (bureau only: a book holds the fund's records and every bank's
/// loans). Written by the workflow into a private temporary file on the blocking pool, then
/// sent in 64 KiB chunks and removed: memory stays flat whatever the ledger's size.
enum LoanBookDownload {
    static func response(_ ledger: LedgerStore) async throws -> Response {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relief-export-" + PageSessions.newToken())
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let path = folder.appendingPathComponent("loanbook.xml").path
        do {
            try await Offload.run { _ = try LoanBookTransfer.export(ledger, to: path) }
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let body = ResponseBody(contentLength: size) { writer in
            defer { try? FileManager.default.removeItem(at: folder) }
            guard let handle = FileHandle(forReadingAtPath: path) else { throw HTTPError(.internalServerError) }
            defer { try? handle.close() }
            while let chunk = try handle.read(upToCount: 64 * 1024), !chunk.isEmpty {
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/xml; charset=utf-8",
                                               .contentDisposition: "attachment; filename=\"loanbook.xml\"", .cacheControl: "no-store"],
                        body: body)
    }
}
