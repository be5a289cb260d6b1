import Foundation

/// What a site ListDigest finished holds, read from its manifest instead of from its thousands of
/// folders: only the folders changed since the manifest was written are read.
///
/// A build writes its manifest once every other file is written, then removes what is stale,
/// then says in its marker that the manifest lists every file (`SiteWriter.finish`). Adding,
/// removing or renaming anything in a folder sets the folder's change time to the present, and
/// no one can set a change time back, so a folder whose change time is not earlier than the
/// manifest's was changed since (by that build's removals, or by anyone later) and is read
/// again; every other folder holds just what the manifest says (git's untracked cache trusts
/// folder times the same way). The manifest's own change time counts only while it is its
/// modification time, as writing it left them: a change to the file itself since (`chmod -R`
/// over the site, say, which also sets the times of folders it went over before) has the site
/// read whole. Stat'ing the 12,700 folders of a ten-year site takes about a third of the time
/// reading them takes.
struct ManifestListing {
    /// Every folder, parents before children.
    var folders: [String] = []
    var folderSet = Set<String>()
    /// Files the manifest lists that are gone.
    var gone: [String] = []
    /// Files (or links) the manifest does not list.
    var unrecorded: [String] = []

    /// The site at `root`, whose manifest lists `recorded`. Nil when its marker does not say the
    /// manifest lists every file, when the manifest was changed since it was written, or when
    /// anything is not as recorded (a folder gone or replaced, a recorded path leaving the
    /// folder): then the site is to be read whole.
    init?(root: String, recorded: [String: PageCache.Entry]) {
        guard OutputWriter.listsEveryFile(root) else { return nil }
        let descriptor = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        guard let (finished, modified) = Self.times(of: PageCache.fileName, in: descriptor, folder: false),
            modified == finished
        else { return nil }
        // The manifest's folders, parents before children, and the files of its root.
        folderSet.reserveCapacity(recorded.count)
        var rootFiles: [String] = []
        var missing: [String] = []
        for path in recorded.keys {
            guard StagingFolder.staysInside(path) else { return nil }
            var parent = StagingFolder.parent(of: path)
            if parent == nil { rootFiles.append(path) }
            while let folder = parent, folderSet.insert(folder).inserted {
                missing.append(folder)
                parent = StagingFolder.parent(of: folder)
            }
            folders += missing.reversed()
            missing.removeAll(keepingCapacity: true)
        }
        // The root always: the swap that put the site in place renamed it.
        var changed: Set<String> = [""]
        for folder in folders {
            guard let (time, _) = Self.times(of: folder, in: descriptor, folder: true) else { return nil }
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
    }

    struct Time: Comparable {
        let seconds: Int
        let nanoseconds: Int

        static func < (a: Self, b: Self) -> Bool {
            (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds)
        }
    }

    /// The change and modification times of `path` (relative to the folder `descriptor` is
    /// open on), if it is a folder (or not one, as `folder` says); links are not followed.
    static func times(of path: String, in descriptor: Int32, folder: Bool) -> (changed: Time, modified: Time)? {
        var status = stat()
        guard fstatat(descriptor, path, &status, AT_SYMLINK_NOFOLLOW) == 0,
            ((status.st_mode & S_IFMT) == S_IFDIR) == folder
        else { return nil }
        #if canImport(Darwin)
            let (changed, modified) = (status.st_ctimespec, status.st_mtimespec)
        #else
            let (changed, modified) = (status.st_ctim, status.st_mtim)
        #endif
        return (
            Time(seconds: changed.tv_sec, nanoseconds: changed.tv_nsec),
            Time(seconds: modified.tv_sec, nanoseconds: modified.tv_nsec)
        )
    }
}
