import CListDigestSupport
import Foundation

/// The site before the one being replaced, kept beside the output (`.public.previous`): the
/// next build writes into it instead of into an empty folder, so the thousands of page folders
/// already exist and a page it already holds with the right fingerprint stays as it is. On
/// slow disks making folders is most of the cost of writing a site.
struct PreviousSite {
    static func folder(of output: URL) -> URL {
        OutputWriter.beside(output, "previous")
    }

    /// Every file it holds, with its page fingerprint (nil for other files).
    let files: [String: String?]
    /// Every folder it holds, parents before children (as the walk lists them).
    let folders: [String]
    let folderSet: Set<String>

    /// Nil when the folder cannot be read whole: then it is not reused.
    init?(root: URL) {
        guard let (paths, folders) = Self.walk(root.path) else { return nil }
        let recorded = PageCache.entries(in: root.path)
        var files: [String: String?] = [:]
        files.reserveCapacity(paths.count)
        for path in paths { files[path] = recorded[path]?.fingerprint }
        self.files = files
        self.folders = folders
        folderSet = Set(folders)
    }

    /// Every file (or link) and every folder below `root`, relative to it, a folder before what
    /// it holds (`ld_list_tree`: the kind comes with each name, so nothing is stat'ed, and each
    /// folder is opened relative to its parent). Nil when a folder cannot be read.
    static func walk(_ root: String) -> (files: [String], folders: [String])? {
        var listing: UnsafeMutablePointer<CChar>?
        let length = ld_list_tree(root, &listing)
        guard length >= 0 else { return nil }
        defer { free(listing) }
        var files: [String] = []
        var folders: [String] = []
        guard let listing else { return (files, folders) }
        let bytes = UnsafeRawBufferPointer(start: listing, count: length)
        var start = 0
        while start < length {
            let end = bytes[start...].firstIndex(of: 0)!
            let path = String(decoding: bytes[(start + 1)..<end], as: UTF8.self)
            if bytes[start] == UInt8(ascii: "d") { folders.append(path) } else { files.append(path) }
            start = end + 1
        }
        return (files, folders)
    }
}
