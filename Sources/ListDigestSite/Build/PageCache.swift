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
    static let empty = PageCache(entries: [:], output: "")

    struct Entry: Sendable {
        let fingerprint: String
        let key: String?
    }

    private let entries: [String: Entry]
    private let output: String

    private init(entries: [String: Entry], output: String) {
        self.entries = entries
        self.output = output
    }

    init(output: String) {
        self.init(entries: Self.entries(in: output), output: output)
    }

    /// Page path → what the manifest of the site at `folder` recorded of it. Lines are
    /// `fingerprint<TAB>key<TAB>path`, with `-` for no key.
    static func entries(in folder: String) -> [String: Entry] {
        var entries: [String: Entry] = [:]
        guard let data = FileManager.default.contents(atPath: folder + "/" + fileName) else { return entries }
        // Split as bytes: thousands of lines, and splitting characters was most of reading them.
        let bytes = [UInt8](data)
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            let fields = line.split(separator: UInt8(ascii: "\t"), maxSplits: 2)
            guard fields.count == 3 else { continue }
            let text = { (field: ArraySlice<UInt8>) in String(decoding: field, as: UTF8.self) }
            entries[text(fields[2])] = Entry(
                fingerprint: text(fields[0]), key: fields[1].elementsEqual("-".utf8) ? nil : text(fields[1]))
        }
        return entries
    }

    /// Page path → fingerprint.
    static func fingerprints(in folder: String) -> [String: String] {
        entries(in: folder).mapValues(\.fingerprint)
    }

    func isUnchanged(_ path: String, fingerprint: String) -> Bool {
        entries[path]?.fingerprint == fingerprint && exists(path)
    }

    /// Whether the page was last built from the same inputs as now (`key`).
    func isUnchanged(_ path: String, key: String) -> Bool {
        entries[path]?.key == key && exists(path)
    }

    /// A page rendered again: taken over when it came out byte for byte as the page in place
    /// (its file, and so its modification time, stays), else written.
    func page(_ path: String, rendered html: [UInt8], fingerprint: String, key: String? = nil) -> OutputFile {
        let page = OutputFile(path: path, bytes: html, fingerprint: fingerprint, key: key)
        guard let inPlace = contents(of: path), page.hasContents(inPlace) else { return page }
        return .reused(path, fingerprint: fingerprint, key: key)
    }

    /// A data or static file: fingerprinted by the digest of its bytes, and taken over when the
    /// site being replaced recorded the same (its file, and so its modification time, stays, and
    /// a host synced by time or checksum is sent only what changed).
    func file(_ file: OutputFile) -> OutputFile {
        var hasher = StableHasher()
        file.withBytes { hasher.combine(raw: $0) }
        let digest = hasher.hex
        guard isUnchanged(file.path, fingerprint: digest) else { return file.fingerprinted(digest) }
        return .reused(file.path, fingerprint: digest)
    }

    /// The page as the site being replaced holds it; nil when there is none (a clean build).
    func contents(of path: String) -> Data? {
        guard !output.isEmpty else { return nil }
        return FileManager.default.contents(atPath: output + "/" + path)
    }

    /// The size of the file the site being replaced holds at `path`; nil when there is none.
    func size(of path: String) -> Int? {
        var status = stat()
        guard !output.isEmpty, stat(output + "/" + path, &status) == 0 else { return nil }
        return Int(status.st_size)
    }

    /// Asked of every page taken over by key (12,000 at 520 weeks): straight to the system, as
    /// FileManager's check spent about 45 ms of an added week's CPU on them.
    private func exists(_ path: String) -> Bool {
        access(output + "/" + path, F_OK) == 0
    }

    /// A line per page, sorted by path.
    static func manifest(_ files: [(path: String, fingerprint: String?, key: String?)]) -> OutputFile {
        let lines = files.compactMap { file in file.fingerprint.map { (file.path, $0, file.key ?? "-") } }
            .sorted { $0.0 < $1.0 }
            .map { "\($0.1)\t\($0.2)\t\($0.0)" }
        return OutputFile(path: fileName, text: lines.joined(separator: "\n") + "\n")
    }
}
