import Foundation
import ListDigestCore

/// What a site ListDigest finished holds, read from its manifest instead of from its thousands of
/// folders: only the folders changed since the manifest was written are read.
///
/// A build writes its manifest once every other file is written, then removes what is stale,
/// then records beside the output (`.public.listed`) that the manifest, by its inode and change
/// time, lists every file (`SiteWriter.finish`). Adding, removing or renaming anything in a
/// folder sets the folder's change time to the present, which no one can set back, so a folder
/// whose change time is not earlier than the manifest's was changed since (by that build's
/// removals, or by anyone later) and is read again; every other folder holds just what the
/// manifest says. A manifest that is not one recorded (touched, written again, or copied with
/// the site, which gives its folders new times in any order) has the site read whole, as does a
/// clock behind the manifest's time. Stat'ing the 12,700 folders of a ten-year site takes about
/// a third of the time reading them takes. (It takes a rename to set the moved folder's own
/// change time, as Linux's file systems do.)
struct ManifestListing {
    /// Every folder, parents before children.
    var folders: [String] = []
    var folderSet = Set<String>()
    /// Files the manifest lists that are gone.
    var gone: [String] = []
    /// Files (or links) the manifest does not list.
    var unrecorded: [String] = []
    /// How many folders were read: the root and those changed since.
    var foldersRead = 0
    /// Whether the changed folders hold folders the manifest does not know of.
    var foundFolders = false

    /// The site at `root`, whose manifest lists `recorded`, with its paths in the manifest's
    /// order (`paths`). Nil when its manifest is not one of the `finished` sites', or when
    /// anything is not as recorded (a folder gone or replaced, a recorded path leaving the
    /// folder): then the site is to be read whole.
    init?(root: String, recorded: [String: PageCache.Entry], paths: [String], finished: [Stamp]) {
        guard let written = Stamp(of: root + "/" + PageCache.fileName), finished.contains(written),
            written.changed.seconds <= Int64(time(nil))
        else { return nil }
        let finished = written.changed
        let descriptor = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        // The manifest's folders, parents before children, and the files of its root. Its
        // paths come by path: a path's folders are mostly those of the path before it, and
        // only those it does not share are made and looked up (taken from every path, each
        // path's folder and that folder's parent were two strings made and hashed).
        folderSet.reserveCapacity(recorded.count)
        var rootFiles: [String] = []
        var previous = ""
        for path in paths {
            guard StagingFolder.staysInside(path) else { return nil }
            if !Self.addFolders(of: path, after: previous, to: &folders, &folderSet) { rootFiles.append(path) }
            previous = path
        }
        // The root always: the swap that put the site in place renamed it.
        var changed: Set<String> = [""]
        for folder in folders {
            guard let time = Self.changeTime(of: folder, in: descriptor) else { return nil }
            if time >= finished { changed.insert(folder) }
        }
        // What the changed folders hold now: their files, and folders the manifest does not know
        // of, read whole.
        var present = Set<String>()
        for folder in changed {
            let prefix = folder.isEmpty ? "" : folder + "/"
            guard let held = FolderTree.list(root + "/" + prefix, recursive: false) else { return nil }
            for name in held.files {
                present.insert(prefix + name)
                if recorded[prefix + name] == nil { unrecorded.append(prefix + name) }
            }
            for name in held.folders where !folderSet.contains(prefix + name) {
                guard let tree = FolderTree.list(root + "/" + prefix + name) else { return nil }
                foundFolders = true
                let added = [prefix + name] + tree.folders.map { prefix + name + "/" + $0 }
                folders += added
                folderSet.formUnion(added)
                unrecorded += tree.files.map { prefix + name + "/" + $0 }
            }
        }
        // Most sites change only at the root: deeper files are gone over only if a folder changed.
        let changedFiles =
            changed.count == 1
            ? rootFiles : recorded.keys.filter { changed.contains(StagingFolder.parent(of: $0) ?? "") }
        gone = changedFiles.filter { !present.contains($0) }
        foldersRead = changed.count
    }

    /// Adds the folders of `path` (parents first) that are not folders of `previous` to
    /// `folders` and `folderSet`, unless `folderSet` holds them already. A folder of both is
    /// the same bytes up to the same `/`, which is before the first byte they differ in. False
    /// when the path is a file of the root.
    private static func addFolders(
        of path: String, after previous: String, to folders: inout [String], _ folderSet: inout Set<String>
    ) -> Bool {
        path.withUTF8Bytes { bytes in
            let shared = previous.withUTF8Bytes { before in
                var count = 0
                while count < bytes.count, count < before.count, bytes[count] == before[count] { count += 1 }
                return count
            }
            var inFolder = false
            for position in bytes.indices where bytes[position] == UInt8(ascii: "/") {
                inFolder = true
                guard position >= shared else { continue }
                let folder = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<position]), as: UTF8.self)
                if folderSet.insert(folder).inserted { folders.append(folder) }
            }
            return inFolder
        }
    }

    /// The manifests of the sites last finished beside `output` that list every file, newest
    /// first (`.public.listed`, a line each).
    static func finishedSites(beside output: URL) -> [Stamp] {
        guard let data = FileManager.default.contents(atPath: OutputWriter.cacheFile("listed", beside: output)) else {
            return []
        }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap(Stamp.init)
    }

    /// Records the manifest of the site just finished beside `output` (nil: it does not list
    /// every file), keeping the two newest of `before` (`finishedSites`, as read under the same
    /// lock): the site the next build keeps as the previous one, even when a build was killed
    /// after recording its own.
    /// Only a shortcut: if it cannot be written, the previous site is read whole.
    static func record(_ manifest: Stamp?, after before: [Stamp], beside output: URL) {
        let kept = ([manifest].compactMap { $0 } + before).prefix(3)
        let text = kept.map { $0.description + "\n" }.joined()
        try? CacheFile.replace(
            OutputWriter.cacheFile("listed", beside: output),
            through: OutputWriter.temporaryCacheFile("listed", beside: output)
        ) { write in try write(Array(text.utf8)) }
    }

    /// A file as it was written: its inode and change time (`123 1796423728.926842846`).
    struct Stamp: Equatable, CustomStringConvertible {
        let inode: UInt64
        let changed: FileTime

        init?(of path: String) {
            var status = stat()
            guard lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
            inode = UInt64(status.st_ino)
            changed = status.changeTime
        }

        init?(_ text: Substring) {
            let fields = text.split(separator: " ")
            guard fields.count == 2, let inode = UInt64(fields[0]) else { return nil }
            let time = fields[1].split(separator: ".")
            guard time.count == 2, let seconds = Int64(time[0]), let nanoseconds = Int64(time[1]) else { return nil }
            self.inode = inode
            changed = FileTime(seconds: seconds, nanoseconds: nanoseconds)
        }

        var description: String { "\(inode) \(changed.seconds).\(changed.nanoseconds)" }
    }

    /// The change time of the folder `path` (relative to the folder `descriptor` is open on);
    /// nil when it is not a folder. Links are not followed.
    static func changeTime(of path: String, in descriptor: Int32) -> FileTime? {
        var status = stat()
        // The path's own bytes (`withCString`): handed over as a string, each was copied.
        guard path.withCString({ fstatat(descriptor, $0, &status, AT_SYMLINK_NOFOLLOW) }) == 0,
            (status.st_mode & S_IFMT) == S_IFDIR
        else { return nil }
        return status.changeTime
    }
}
