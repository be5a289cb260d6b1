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
        guard let (paths, folders) = FolderTree.list(root.path) else { return nil }
        let recorded = PageCache.entries(in: root.path)
        var files: [String: String?] = [:]
        files.reserveCapacity(paths.count)
        for path in paths { files[path] = recorded[path]?.fingerprint }
        self.files = files
        self.folders = folders
        folderSet = Set(folders)
    }
}
