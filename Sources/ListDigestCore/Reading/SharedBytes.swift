import Foundation

/// Bytes that slices read from them share, never written once made: a whole file mapped into
/// memory, or an array's bytes copied in. Unmapped or freed with the last slice or reader.
final class SharedBytes: @unchecked Sendable {
    /// Read-only for as long as this object lives: what makes sharing it across tasks safe.
    let buffer: UnsafeRawBufferPointer
    private let isMapped: Bool

    init(copying bytes: [UInt8]) {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
        copy.copyBytes(from: bytes)
        buffer = UnsafeRawBufferPointer(copy)
        isMapped = false
    }

    private init(mapped: UnsafeRawBufferPointer) {
        buffer = mapped
        isMapped = true
    }

    /// A regular file's bytes, mapped read-only into memory, or nil when it cannot be opened or
    /// mapped. Reading tens of megabytes (the parsed-report cache) into an array took four times
    /// as long as mapping the pages the system already holds, faulted in at once. The file must
    /// not be cut short while it is mapped (that would be a bus error): ListDigest only ever
    /// appends to its files or replaces them by renaming.
    static func mapping(_ path: String) -> SharedBytes? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(status.st_size)
        guard size > 0 else { return SharedBytes(copying: []) }
        #if os(Linux)
            let flags = MAP_PRIVATE | MAP_POPULATE
        #else
            let flags = MAP_PRIVATE
        #endif
        guard let address = mmap(nil, size, PROT_READ, flags, descriptor, 0), address != MAP_FAILED else {
            return nil
        }
        return SharedBytes(mapped: UnsafeRawBufferPointer(start: address, count: size))
    }

    deinit {
        if isMapped {
            munmap(UnsafeMutableRawPointer(mutating: buffer.baseAddress), buffer.count)
        } else {
            buffer.deallocate()
        }
    }
}

/// Some of `SharedBytes`, keeping them alive.
struct ByteSlice: Sendable {
    let storage: SharedBytes
    let range: Range<Int>

    init(_ storage: SharedBytes, _ range: Range<Int>) {
        self.storage = storage
        self.range = range
    }

    /// All of them.
    init(_ storage: SharedBytes) { self.init(storage, 0..<storage.buffer.count) }

    /// An empty slice, holding nothing alive.
    static let empty = ByteSlice(SharedBytes(copying: []))

    /// Calls `body` with the bytes, kept alive meanwhile.
    func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try withExtendedLifetime(storage) { try body(UnsafeRawBufferPointer(rebasing: storage.buffer[range])) }
    }

    func elementsEqual(_ bytes: [UInt8]) -> Bool { withUnsafeBytes { $0.elementsEqual(bytes) } }
}
