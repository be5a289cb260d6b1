import Foundation

/// Writing the caches a build keeps beside its output (`ParsedReportCache`,
/// `ParsedSubjectCache`): appended to only while no other build changed them, otherwise
/// replaced whole through a temporary file, so a reader never sees half of one.
package enum CacheFile {
    /// The file's bytes, mapped, and a reader past its header, when its header is `magic` and
    /// `program` (the program that wrote it); nil otherwise.
    static func open(_ file: String, magic: [UInt8], program: String) -> (SharedBytes, ByteReader)? {
        guard let bytes = SharedBytes.mapping(file) else { return nil }
        var reader = ByteReader(ByteSlice(bytes))
        do throws(ByteReader.Malformed) {
            guard try reader.bytes(magic.count).elementsEqual(magic), try reader.string() == program else {
                return nil
            }
        } catch {
            return nil
        }
        return (bytes, reader)
    }

    /// What `open` reads past.
    static func header(magic: [UInt8], program: String) -> [UInt8] {
        var head = ByteWriter()
        head.append(magic)
        head.write(program)
        return head.bytes
    }

    /// What each entry or block of a cache ends with, to tell a damaged one.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(raw: bytes)
        return hasher.value
    }

    /// Appends `bytes` to `file` unless it no longer has the size it had when loaded; false then.
    static func append(_ bytes: [UInt8], to file: String, ifSizeIs size: Int) throws -> Bool {
        let descriptor = Foundation.open(file, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size == size else {
            try handle.close()
            return false
        }
        try handle.write(contentsOf: bytes)
        try handle.close()
        return true
    }

    /// Replaces `file` with what `body` hands to the writer it is given, written to `temporary`
    /// first and then renamed.
    package static func replace(
        _ file: String, through temporary: String, _ body: (_ write: ([UInt8]) throws -> Void) throws -> Void
    ) throws {
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporary)
        else {
            unlink(temporary)
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary])
        }
        do {
            defer { try? handle.close() }
            try body { try handle.write(contentsOf: $0) }
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, file) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "\(file): \(reason)"])
        }
    }
}
