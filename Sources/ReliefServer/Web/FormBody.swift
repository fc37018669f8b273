import Foundation
import Hummingbird
import NIOCore

/// The fields of a form POST (`application/x-www-form-urlencoded`), each by name (the last
/// value when a name repeats). A form's body is small: past `limit` bytes the answer is 413.
enum FormBody {
    static let limit = 64 * 1024

    static func fields(_ request: inout Request) async throws -> [String: String] {
        let body = try await request.collectBody(upTo: limit)
        return decode(String(buffer: body))
    }

    /// `a=1&b=x+y` -> ["a": "1", "b": "x y"]; malformed escapes are kept as typed.
    static func decode(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = unescape(parts[0]), value = parts.count > 1 ? unescape(parts[1]) : ""
            fields[name] = value
        }
        return fields
    }

    static func unescape(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}

/// A `multipart/form-data` upload received into files of a private folder as it arrives
/// (nothing held whole in memory), within a byte limit (413 past it). Its text fields are
/// kept by name; each file part keeps the name the browser gave it (its last path component
/// only: no path of the sender's machine or of this server reaches a page or the ledger).
final class Upload: @unchecked Sendable {  // filled by one task while it arrives, read-only after
    struct File {
        let field: String
        let name: String
        let path: String
        var size: Int
    }

    let folder: URL
    private(set) var fields: [String: String] = [:]
    private(set) var files: [File] = []

    /// All text fields together: a form's fields are short (the CSRF token, an encoding).
    static let fieldLimit = 64 * 1024
    /// Parts of any kind in one upload.
    static let partLimit = 100

    enum Failure: Error {
        case notMultipart, tooLarge, malformed, cutShort, unwritable
    }

    private init(folder: URL) { self.folder = folder }

    /// Reads `request`'s body into a new folder under the system's temporary folder; the caller
    /// removes it (`discard`) when done. A body past `maxBytes` is `Failure.tooLarge`, with
    /// everything received removed.
    static func receive(_ request: Request, maxBytes: Int) async throws -> Upload {
        guard let contentType = request.headers[.contentType], let boundary = boundary(of: contentType) else { throw Failure.notMultipart }
        return try await receiving(request.body, boundary: boundary, maxBytes: maxBytes)
    }

    /// Receives `chunks` as a multipart body with `boundary`, as `receive(_:maxBytes:)` does a
    /// request's body (the fuzz target's way in, `FormParsingProbe`).
    static func receive(chunks: [[UInt8]], boundary: String, maxBytes: Int) async throws -> Upload {
        let body = AsyncStream<ByteBuffer> { continuation in
            for chunk in chunks { continuation.yield(ByteBuffer(bytes: chunk)) }
            continuation.finish()
        }
        return try await receiving(body, boundary: boundary, maxBytes: maxBytes)
    }

    private static func receiving<Body: AsyncSequence>(_ body: Body, boundary: String, maxBytes: Int) async throws -> Upload
    where Body.Element == ByteBuffer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relief-upload-" + PageSessions.newToken())
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let upload = Upload(folder: folder)
        do {
            try await upload.read(body, boundary: boundary, maxBytes: maxBytes)
        } catch {
            upload.discard()
            throw error
        }
        return upload
    }

    /// A request body that is itself the file (the API's `POST /api/v1/import?name=...`),
    /// received as the upload's one file named `name`.
    static func receiveBody(_ request: Request, name: String, maxBytes: Int) async throws -> Upload {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relief-upload-" + PageSessions.newToken())
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let upload = Upload(folder: folder)
        let safe = safeName(name, index: 0)
        let path = folder.appendingPathComponent("0-" + safe).path
        do {
            _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            guard let handle = FileHandle(forWritingAtPath: path) else { throw Failure.malformed }
            defer { try? handle.close() }
            var size = 0
            for try await buffer in request.body {
                size += buffer.readableBytes
                guard size <= maxBytes else { throw Failure.tooLarge }
                try handle.write(contentsOf: buffer.readableBytesView)
            }
            upload.files = [File(field: "body", name: safe, path: path, size: size)]
        } catch {
            upload.discard()
            throw error
        }
        return upload
    }

    /// Removes the folder and what it holds.
    func discard() { try? FileManager.default.removeItem(at: folder) }

    /// Parts begun (text fields, files and parts ignored), counted against `partLimit`.
    private(set) var parts = 0

    private func read<Body: AsyncSequence>(_ body: Body, boundary: String, maxBytes: Int) async throws where Body.Element == ByteBuffer {
        var stream = MultipartStream(boundary: boundary)
        var part = PartInProgress.ignored
        var fieldTotal = 0
        defer { if case .file(let handle) = part { try? handle.close() } }
        func handle(_ event: MultipartStream.Event) throws {
            switch event {
            case .headers(let headers):
                parts += 1
                guard parts <= Self.partLimit else { throw Failure.tooLarge }
                guard let disposition = headers["content-disposition"], let field = Self.parameter("name", in: disposition) else {
                    part = .ignored
                    return
                }
                if let fileName = Self.parameter("filename", in: disposition) {
                    // A file input left empty sends a part with no file name: no file.
                    guard !fileName.isEmpty else { part = .ignored; return }
                    let name = Self.safeName(fileName, index: files.count)
                    let path = folder.appendingPathComponent(String(files.count) + "-" + name).path
                    guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
                          let handle = FileHandle(forWritingAtPath: path) else { throw Failure.unwritable }
                    files.append(File(field: field, name: name, path: path, size: 0))
                    part = .file(handle)
                } else {
                    part = .field(field, [])
                }
            case .content(let bytes):
                switch part {
                case .ignored: break
                case .file(let handle):
                    do { try handle.write(contentsOf: bytes) } catch { throw Failure.unwritable }
                    files[files.count - 1].size += bytes.count
                case .field(let name, var value):
                    fieldTotal += bytes.count
                    guard fieldTotal <= Self.fieldLimit else { throw Failure.tooLarge }
                    value += bytes
                    part = .field(name, value)
                }
            case .end:
                switch part {
                case .ignored: break
                case .file(let handle): try? handle.close()
                case .field(let name, let value): fields[name] = String(decoding: value, as: UTF8.self)
                }
                part = .ignored
            }
        }
        var received = 0
        for try await buffer in body {
            received += buffer.readableBytes
            guard received <= maxBytes else { throw Failure.tooLarge }
            do { try stream.feed(buffer.readableBytesView, handle) } catch is MultipartStream.Malformed { throw Failure.malformed }
        }
        // A part whose closing delimiter has not arrived: an upload that ends so was cut short,
        // and a file cut short must not be imported as if it were whole.
        if stream.isInsidePart { throw Failure.cutShort }
        guard stream.isComplete else { throw Failure.malformed }
    }

    /// What the part being read becomes.
    private enum PartInProgress {
        case ignored
        case file(FileHandle)
        case field(String, [UInt8])
    }

    /// The boundary of a `multipart/form-data` content type.
    static func boundary(of contentType: String) -> String? {
        guard contentType.lowercased().hasPrefix("multipart/form-data"), let boundary = parameter("boundary", in: contentType),
              (1...70).contains(boundary.utf8.count) else { return nil }  // RFC 2046's boundary: 1 to 70 characters
        return boundary
    }

    /// A parameter of a header value (`name="file"; filename="a.csv"`), quotes removed.
    static func parameter(_ key: String, in header: String) -> String? {
        for part in header.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == key else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }

    /// The last path component of a browser's file name, without control characters, at
    /// most 100 characters; "upload-N" when nothing is left.
    static func safeName(_ name: String, index: Int) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = String(last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.prefix(100).map(Character.init))
        return cleaned.isEmpty || cleaned == "." || cleaned == ".." ? "upload-\(index + 1)" : cleaned
    }
}

/// Uploads kept between an import's preview and its confirmation, each owned by the account
/// that uploaded it; forgotten (and their folders removed) after an hour or once used.
actor PendingUploads {
    struct Entry {
        let owner: String
        let upload: Upload
        let encoding: String?
        let created: ContinuousClock.Instant
    }

    static let lifetime: Duration = .seconds(60 * 60)
    /// Previews an account may keep waiting at once; a new one replaces its oldest (uploads
    /// can be gigabytes: one account must not fill the disk).
    static let perAccount = 3
    private var entries: [String: Entry] = [:]

    /// Keeps `upload` for `owner`; returns its id.
    func keep(_ upload: Upload, owner: String, encoding: String?) -> String {
        expire()
        let owned = entries.filter { $0.value.owner == owner }.sorted { $0.value.created < $1.value.created }
        for (id, entry) in owned.prefix(max(0, owned.count - Self.perAccount + 1)) {
            entry.upload.discard()
            entries[id] = nil
        }
        let id = PageSessions.newToken()
        entries[id] = Entry(owner: owner, upload: upload, encoding: encoding, created: ContinuousClock.now)
        return id
    }

    /// The upload `id` of `owner`, removed from the store (the caller discards it when done);
    /// nil when unknown, expired or another account's.
    func take(_ id: String, owner: String) -> Entry? {
        expire()
        guard let entry = entries[id], entry.owner == owner else { return nil }
        entries[id] = nil
        return entry
    }

    private func expire() {
        let now = ContinuousClock.now
        for (id, entry) in entries where now - entry.created > Self.lifetime {
            entry.upload.discard()
            entries[id] = nil
        }
    }
}
