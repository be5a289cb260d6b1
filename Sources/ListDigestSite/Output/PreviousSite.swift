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
    /// Whether every folder holds a file, directly or below: then a site that claims all its files
    /// uses all its folders. Known from its manifest; a site read whole may have empty folders.
    let everyFolderHoldsFiles: Bool
    /// How many of its folders (and its root) were read: all of them unless it was read from its
    /// manifest.
    let foldersRead: Int

    /// Read from its manifest where its folders did not change since it was finished, when its
    /// manifest is one of `finished` (`ManifestListing`), else whole. Nil when the folder cannot be
    /// read whole: then it is not reused.
    init?(root: URL, finished: [ManifestListing.Stamp] = []) {
        let (recorded, paths) = PageCache.listing(in: root.path)
        if let listing = ManifestListing(root: root.path, recorded: recorded, paths: paths, finished: finished) {
            // The recorded table's own layout, nothing hashed again.
            var files = recorded.mapValues { Optional($0.fingerprint) }
            for path in listing.gone { files.removeValue(forKey: path) }
            for path in listing.unrecorded { files.updateValue(nil, forKey: path) }
            self.files = files
            (folders, folderSet) = (listing.folders, listing.folderSet)
            everyFolderHoldsFiles = listing.gone.isEmpty && !listing.foundFolders
            foldersRead = listing.foldersRead
            return
        }
        guard let (paths, folders) = FolderTree.list(root.path) else { return nil }
        var files: [String: String?] = [:]
        files.reserveCapacity(paths.count)
        // `updateValue`: assigned through the subscript, a file the manifest does not list (its
        // fingerprint nil) would not be kept at all, and so never removed.
        for path in paths { files.updateValue(recorded[path]?.fingerprint, forKey: path) }
        self.files = files
        self.folders = folders
        folderSet = Set(folders)
        everyFolderHoldsFiles = false
        foldersRead = folders.count + 1
    }
}
