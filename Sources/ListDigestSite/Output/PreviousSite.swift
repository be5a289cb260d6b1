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
        guard let (paths, folders) = Self.walk(root.path) else { return nil }
        let fingerprints = PageCache.fingerprints(in: root.path)
        var files: [String: String?] = [:]
        for path in paths { files[path] = fingerprints[path] }
        self.files = files
        self.folders = folders.sorted()
        folderSet = Set(folders)
    }

    /// Every file (or link) and every folder below `root`, relative to it, read with `readdir`:
    /// the kind comes with each name, so nothing is stat'ed, and a site of thousands of folders
    /// is listed in a few milliseconds. Nil when a folder cannot be read.
    static func walk(_ root: String) -> (files: [String], folders: [String])? {
        var files: [String] = []
        var folders: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let path = relative.isEmpty ? root : root + "/" + relative
            guard let folder = opendir(path) else { return nil }
            defer { closedir(folder) }
            // readdir says nil both at the end and on an error; only an error sets errno.
            errno = 0
            while let entry = readdir(folder) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                    String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                let child = relative.isEmpty ? name : relative + "/" + name
                var isFolder = Int32(entry.pointee.d_type) == Int32(DT_DIR)
                if Int32(entry.pointee.d_type) == Int32(DT_UNKNOWN) {
                    // Some file systems do not say: ask.
                    var status = stat()
                    guard lstat(path + "/" + name, &status) == 0 else { return nil }
                    isFolder = (status.st_mode & S_IFMT) == S_IFDIR
                }
                if isFolder {
                    folders.append(child)
                    pending.append(child)
                } else {
                    files.append(child)
                }
                errno = 0
            }
            if errno != 0 { return nil }
        }
        return (files, folders)
    }
}
