import Foundation

/// The server's form and upload parsers without a server, for the fuzz target `fuzz-forms`
/// (Fuzz/): nothing else calls them so.
@_spi(Fuzzing) public enum FormParsingProbe {
    /// A URL-encoded form body's fields, as a form POST reads them.
    public static func formFields(_ text: String) -> [String: String] { FormBody.decode(text) }

    /// An upload as received: its text fields, its files, the folder that holds them.
    public struct Received: Sendable {
        public struct File: Sendable {
            public let name: String
            public let path: String
            public let size: Int
        }

        public let fields: [String: String]
        public let files: [File]
        public let parts: Int
        public let folder: String
        let upload: Upload
    }

    /// `chunks` received as a `multipart/form-data` body with `boundary`, or why it was refused.
    public static func receive(chunks: [[UInt8]], boundary: String, maxBytes: Int) async -> Result<Received, any Error> {
        do {
            let upload = try await Upload.receive(chunks: chunks, boundary: boundary, maxBytes: maxBytes)
            return .success(Received(fields: upload.fields, files: upload.files.map { .init(name: $0.name, path: $0.path, size: $0.size) },
                                     parts: upload.parts, folder: upload.folder.path, upload: upload))
        } catch {
            return .failure(error)
        }
    }

    /// Removes what `receive` wrote.
    public static func discard(_ received: Received) { received.upload.discard() }
}
