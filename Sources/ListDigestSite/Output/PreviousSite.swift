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
    /// Every folder it holds, parents before children.
    let folders: [String]
    let folderSet: Set<String>

    /// Nil when the folder cannot be read whole: then it is not reused.
    init?(root: URL) {
        guard let entries = try? FileManager.default.subpathsOfDirectory(atPath: root.path) else { return nil }
        var folders = Set<String>()
        for entry in entries {
            if let slash = entry.lastIndex(of: "/") { folders.insert(String(entry[..<slash])) }
        }
        let fingerprints = PageCache.fingerprints(in: root.path)
        var files: [String: String?] = [:]
        for entry in entries where !folders.contains(entry) { files[entry] = fingerprints[entry] }
        self.files = files
        self.folders = folders.sorted()
        folderSet = folders
    }
}
