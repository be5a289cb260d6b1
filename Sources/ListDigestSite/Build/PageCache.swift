import Foundation
import ListDigestCore

/// What the site being replaced recorded of each page, read from its `.listdigest-pages` file:
/// the key of what it was built from (`PageKeys`), and its fingerprint: for a page with a key,
/// the key again; for one without (the indexes, trends), the fingerprint of its view; for a data
/// or static file, the digest of its bytes. A file whose key or fingerprint is the same now is
/// taken over as it is. The file lives inside the output folder, so it always describes exactly
/// the files beside it.
struct PageCache: Sendable {
    static let fileName = ".listdigest-pages"
    static let empty = PageCache(entries: [:], output: "", staging: "", staged: [:])

    struct Entry: Sendable {
        let fingerprint: String
        let key: String?
    }

    private let entries: [String: Entry]
    private let output: String
    /// The folder the new site is written into, and what it holds already, with each file's
    /// fingerprint (`SiteWriter.staged`): a page it holds as it is needs nothing of the output.
    private let staging: String
    private let staged: [String: String?]

    private init(entries: [String: Entry], output: String, staging: String, staged: [String: String?]) {
        self.entries = entries
        self.output = output
        self.staging = staging
        self.staged = staged
    }

    /// The site at `output`, replaced by one written into `staging`, which holds `staged`.
    init(output: String, staging: String = "", staged: [String: String?] = [:]) {
        self.init(entries: Self.entries(in: output), output: output, staging: staging, staged: staged)
    }

    /// Page path → what the manifest of the site at `folder` recorded of it. Lines are
    /// `fingerprint<TAB>key<TAB>path`, with `-` for no key.
    static func entries(in folder: String) -> [String: Entry] {
        var unlisted: [String]? = nil
        return entries(in: folder, listingInto: &unlisted)
    }

    /// `entries(in:)`, with the paths in the manifest's order (by path, as it is written).
    static func listing(in folder: String) -> (entries: [String: Entry], paths: [String]) {
        var paths: [String]? = []
        let entries = entries(in: folder, listingInto: &paths)
        return (entries, paths ?? [])
    }

    /// `paths`, when not nil: where each path is added, in the manifest's order.
    private static func entries(in folder: String, listingInto paths: inout [String]?) -> [String: Entry] {
        var entries: [String: Entry] = [:]
        guard let data = FileManager.default.contents(atPath: folder + "/" + fileName) else { return entries }
        // Read as bytes, in place: thousands of lines, and splitting them into arrays of
        // slices (or characters) was most of reading them.
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            // Room for every line at once: growing the table rehashed every path it held, several times.
            let lines = Array(bytes.records(separatedBy: UInt8(ascii: "\n")))
            entries.reserveCapacity(lines.count)
            paths?.reserveCapacity(lines.count)
            func text(_ range: Range<Int>) -> String {
                String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            }
            for line in lines {
                // Three fields, none empty; the path is the rest of the line.
                guard let firstTab = bytes.position(of: UInt8(ascii: "\t"), in: line),
                    let secondTab = bytes.position(of: UInt8(ascii: "\t"), in: (firstTab + 1)..<line.upperBound),
                    firstTab > line.lowerBound, secondTab > firstTab + 1, line.upperBound > secondTab + 1
                else { continue }
                let fingerprint = text(line.lowerBound..<firstTab)
                let key = (firstTab + 1)..<secondTab
                let path = text((secondTab + 1)..<line.upperBound)
                paths?.append(path)
                entries[path] = Entry(
                    fingerprint: fingerprint,
                    // A page's key is most often its fingerprint too: one string for both.
                    key: key.count == 1 && bytes[key.lowerBound] == UInt8(ascii: "-")
                        ? nil
                        : bytes.bytesEqual(key, line.lowerBound..<firstTab) ? fingerprint : text(key))
            }
        }
        return entries
    }

    func isUnchanged(_ path: String, fingerprint: String) -> Bool {
        entries[path]?.fingerprint == fingerprint && isAvailable(path, fingerprint: fingerprint)
    }

    /// Whether the page was last built from the same inputs as now (`key`).
    func isUnchanged(_ path: String, key: String) -> Bool {
        guard let entry = entries[path], entry.key == key else { return false }
        return isAvailable(path, fingerprint: entry.fingerprint)
    }

    /// Whether a file taken over can be had: the folder written into holds it as it is, or
    /// else the output holds it, to be linked from there (`StagingFolder.place`).
    private func isAvailable(_ path: String, fingerprint: String) -> Bool {
        isStaged(path, fingerprint: fingerprint) || exists(path)
    }

    private func isStaged(_ path: String, fingerprint: String) -> Bool {
        guard case .some(.some(let held)) = staged[path] else { return false }
        return held == fingerprint
    }

    /// A page rendered again: taken over when it came out byte for byte as the page in place
    /// (its file, and so its modification time, stays), else written.
    func page(_ path: String, rendered html: [UInt8], fingerprint: String, key: String? = nil) -> OutputFile {
        let page = OutputFile(path: path, bytes: html, fingerprint: fingerprint, key: key)
        guard let inPlace = contents(of: path, fingerprint: fingerprint), page.hasContents(inPlace) else {
            return page
        }
        return .reused(path, fingerprint: fingerprint, key: key)
    }

    /// A data or static file: fingerprinted by the digest of its bytes, and taken over when the
    /// site being replaced recorded the same (its file, and so its modification time, stays, and
    /// a host synced by time or checksum is sent only what changed).
    /// A file hashed as it was written (`SiteJSON.write`) comes with its digest as its
    /// fingerprint and is not hashed again.
    func file(_ file: OutputFile) -> OutputFile {
        let digest = file.fingerprint ?? Self.digest(of: file)
        guard isUnchanged(file.path, fingerprint: digest) else { return file.fingerprinted(digest) }
        // One written to disk already keeps its name, for the writer to remove it.
        return file.temporaryPath != nil ? file.takenOver() : .reused(file.path, fingerprint: digest)
    }

    private static func digest(of file: OutputFile) -> String {
        var hasher = StableHasher()
        file.withBytes { hasher.combine(raw: $0) }
        return hasher.shortHex
    }

    /// The page as the site being replaced holds it, or else as the folder written into holds
    /// it with `fingerprint`; nil when neither does (a clean build).
    func contents(of path: String, fingerprint: String) -> Data? {
        guard !output.isEmpty else { return nil }
        if let inPlace = FileManager.default.contents(atPath: output + "/" + path) { return inPlace }
        guard isStaged(path, fingerprint: fingerprint) else { return nil }
        return FileManager.default.contents(atPath: staging + "/" + path)
    }

    /// The size of the file the site being replaced holds at `path`; nil when there is none.
    func size(of path: String) -> Int? {
        var status = stat()
        guard !output.isEmpty, stat(output + "/" + path, &status) == 0 else { return nil }
        return Int(status.st_size)
    }

    /// Asked of every page taken over that the folder written into does not hold already:
    /// straight to the system, as FileManager's check spent about 45 ms of an added week's CPU
    /// on 12,000 of them.
    private func exists(_ path: String) -> Bool {
        access(output + "/" + path, F_OK) == 0
    }

    /// A line per page, sorted by path. Written as bytes: a string made for each of 12,700
    /// lines, and joined, took a few milliseconds at the end of every build.
    static func manifest(_ files: [(path: String, fingerprint: String?, key: String?)]) -> OutputFile {
        let listed = files.indices.filter { files[$0].fingerprint != nil }.sorted { files[$0].path < files[$1].path }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(listed.count * 96)
        for index in listed {
            bytes.appendUTF8(files[index].fingerprint!)
            bytes.append(UInt8(ascii: "\t"))
            bytes.appendUTF8(files[index].key ?? "-")
            bytes.append(UInt8(ascii: "\t"))
            bytes.appendUTF8(files[index].path)
            bytes.append(UInt8(ascii: "\n"))
        }
        // No page: one empty line, as the text the file used to be made from ended in one.
        return OutputFile(path: fileName, bytes: listed.isEmpty ? [UInt8(ascii: "\n")] : bytes)
    }
}
