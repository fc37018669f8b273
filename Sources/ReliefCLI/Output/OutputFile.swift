import Foundation

/// A file a command was asked to write (`--out`, `--html`): checked before anything is
/// written, then written whole or not at all.
///
/// A regular file (new or replaced) is written beside itself (a hidden temporary of its own,
/// `.NAME.relief-XXXXXX`) and renamed into place, keeping
/// the permissions of the file it replaces; a symbolic link is followed, so the file it names
/// is the one replaced; a device or a pipe (`/dev/stdout`, a FIFO) is written directly. The
/// ledger itself, or its write-ahead files, is refused: writing there destroyed the ledger.
struct OutputFile {
    /// The path as given, for messages.
    let path: String
    /// Where the bytes go: the path with symbolic links resolved.
    let target: String
    /// The target exists and is not a regular file (a device, a pipe): written directly.
    let isSpecial: Bool

    /// Checks `path` before anything is written: not a folder, not the ledger `database`.
    init(_ path: String, database: String? = nil) throws {
        self.path = path
        target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let attributes = try? FileManager.default.attributesOfItem(atPath: target)
        let type = attributes?[.type] as? FileAttributeType
        if type == .typeDirectory { throw CommandFailure(.noInput, "\(path): a folder, not a file: name the file to write") }
        isSpecial = attributes != nil && type != .typeRegular
        if let database {
            let ledger = URL(fileURLWithPath: database).resolvingSymlinksInPath().path
            let sameFile = [ledger, ledger + "-wal", ledger + "-shm"].contains(target)
                || (attributes != nil && OutputFile.identity(target) == OutputFile.identity(ledger))
            if sameFile { throw CommandFailure(.dataError, "\(path) is the ledger \(database) (or one of its files): choose another file to write") }
        }
        let folder = (target as NSString).deletingLastPathComponent
        if !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) {
            throw CommandFailure(.noInput, "\(path): cannot be written: the folder \(folder) does not exist")
        }
    }

    /// Device and inode of an existing file (hard links are the same file).
    private static func identity(_ path: String) -> [Int]? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let device = (attributes[.systemNumber] as? NSNumber)?.intValue,
              let inode = (attributes[.systemFileNumber] as? NSNumber)?.intValue else { return nil }
        return [device, inode]
    }

    /// Writes `data`. Through `fopen`, not `FileManager.createFile`, which writes beside the
    /// path and renames: given a device it would put a plain file in its place.
    func write(_ data: Data) throws {
        try write { path in
            guard let stream = fopen(path, "wb") else { throw OutputFile.failure(self.path) }
            let written = data.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, stream) }
            let closed = fclose(stream)
            guard written == data.count, closed == 0 else { throw OutputFile.failure(self.path) }
        }
    }

    /// Calls `body` with the path to write (a temporary beside the target, or a device or pipe
    /// itself), then puts a temporary in place; a failure leaves the target as it was.
    func write(_ body: (String) throws -> Void) throws {
        if isSpecial {
            try body(target)
            return
        }
        // A name of its own, created exclusively (mkstemp): never a file, link or folder that
        // happens to be there, nor another export's temporary.
        let folder = (target as NSString).deletingLastPathComponent
        var template = Array(((folder.isEmpty ? "." : folder) + "/." + (target as NSString).lastPathComponent + ".relief-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw OutputFile.failure(path) }
        close(descriptor)
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        do {
            try body(temporary)
            // The replaced file's permissions; a new file gets what creating it would (mkstemp's are 0600).
            if let permissions = (try? FileManager.default.attributesOfItem(atPath: target))?[.posixPermissions] {
                try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: temporary)
            } else {
                let mask = umask(0)
                umask(mask)
                chmod(temporary, 0o666 & ~mask)
            }
            guard rename(temporary, target) == 0 else { throw OutputFile.failure(path) }
        } catch {
            unlink(temporary)  // a file only: never a folder
            throw error
        }
    }

    /// Why `path` could not be written, with the system's reason (a full disk, permissions):
    /// exit 70, as for any output that could not be written.
    static func failure(_ path: String) -> CommandFailure {
        CommandFailure(.software, "\(path): cannot be written: \(String(cString: strerror(errno)))")
    }
}
