import Dispatch
import Foundation
import Synchronization

/// Writes a new site into a hidden folder beside the output while its pages are still being
/// rendered, then swaps it in whole (see `OutputWriter.replace`). Each rendering task writes
/// the pages it rendered (`write`), so the disk works while the cores render and no page waits
/// in memory to be written. The output's lock is held from `begin` to `finish` or `abandon`.
final class SiteWriter: Sendable {
    private struct State {
        var folder: StagingFolder
        /// Every file of the site in the order written, with its fingerprint and key, for the manifest.
        var entries: [(path: String, fingerprint: String?, key: String?)] = []
    }

    let outputURL: URL
    /// The folder the new site is written into, and what it held before (the site before the
    /// one being replaced): each file with its page fingerprint. Empty when it starts empty.
    let staging: URL
    let staged: [String: String?]
    /// When the folder written into held the site before: how many of its folders (and its root)
    /// were read to list it, and how many it has.
    let previousFoldersRead: (read: Int, of: Int)?
    /// The manifests recorded beside the output when the lock was taken (`.public.listed`): what
    /// `finish` records its own in front of.
    private let finishedSites: [ManifestListing.Stamp]
    private let lock: OutputLock
    /// Removing a previous site that is not reused, beside the writing.
    private let removal = DispatchGroup()
    private let state: Mutex<State>
    /// Set by `finish` or `abandon`: whichever comes first does the ending.
    private let ended = Mutex(false)

    private init(
        outputURL: URL, staging: URL, lock: OutputLock, folder: StagingFolder, previous: PreviousSite?,
        finishedSites: [ManifestListing.Stamp]
    ) {
        self.outputURL = outputURL
        self.finishedSites = finishedSites
        staged = previous?.files ?? [:]
        previousFoldersRead = previous.map { ($0.foldersRead, $0.folders.count + 1) }
        self.staging = staging
        self.lock = lock
        state = Mutex(State(folder: folder))
    }

    /// Takes the output's lock (calling `waiting` if another build holds it) and prepares the
    /// folder the new site is written into: the site before the current one when it can be
    /// reused, or an empty folder.
    static func begin(output: String, reusePrevious: Bool, waiting: () -> Void) throws(SiteBuildError) -> SiteWriter {
        let fileManager = FileManager.default
        let outputURL = URL(fileURLWithPath: output).standardizedFileURL
        let parent = outputURL.deletingLastPathComponent()
        let name = outputURL.lastPathComponent
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw SiteBuildError(
                file: parent.path, line: 0,
                message: "cannot create the output's folder: \(OutputWriter.describe(error))")
        }
        let lock = try OutputLock(path: OutputWriter.beside(outputURL, "lock").path, waiting: waiting)
        let staging = OutputWriter.beside(outputURL, "building-\(getpid())")
        do {
            try OutputWriter.checkReplaceable(outputURL)
            OutputWriter.removeLeftovers(of: name, in: parent)
            let previousURL = PreviousSite.folder(of: outputURL)
            // Only a folder ListDigest wrote is ever taken over or replaced.
            let previousIsOurs = fileManager.fileExists(atPath: previousURL.path + "/" + OutputWriter.markerFileName)
            // Read once, under the lock: `finish` records its own manifest in front of them.
            let finishedSites = ManifestListing.finishedSites(beside: outputURL)
            var previous: PreviousSite?
            var unused: URL?
            if previousIsOurs, reusePrevious, fileManager.fileExists(atPath: outputURL.path),
                let listed = PreviousSite(root: previousURL, finished: finishedSites)
            {
                // Under the building name, a build killed now leaves it to be removed as a leftover.
                try fileManager.moveItem(at: previousURL, to: staging)
                previous = listed
            } else {
                if previousIsOurs {
                    unused = OutputWriter.beside(outputURL, "unused-\(getpid())")
                    try fileManager.moveItem(at: previousURL, to: unused!)
                }
                try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
            }
            let writer = SiteWriter(
                outputURL: outputURL, staging: staging, lock: lock,
                folder: StagingFolder(root: staging, previous: previous), previous: previous,
                finishedSites: finishedSites)
            if let unused {
                // Removed while pages render; meanwhile it has a leftover's name.
                DispatchQueue.global(qos: .utility).async(group: writer.removal) { OutputWriter.removeTree(unused) }
            }
            return writer
        } catch {
            OutputWriter.removeTree(staging)
            lock.release()
            throw OutputWriter.buildError(error, output: outputURL)
        }
    }

    /// Writes `files` now, from any task: their paths are claimed and their folders made one
    /// caller at a time, then the files written (or reused pages linked) on the caller's thread.
    func write(_ files: [OutputFile]) throws {
        do {
            let placements = try state.withLock { state in
                let placements = try state.folder.prepare(files)
                state.entries += files.map { ($0.path, $0.fingerprint, $0.key) }
                return placements
            }
            for placement in placements {
                try StagingFolder.place(files[placement.index], placement, reusingFrom: outputURL)
            }
        } catch {
            throw OutputWriter.buildError(error, output: outputURL)
        }
    }

    /// Once every file is written, adds the manifest and the marker, and swaps the new site in;
    /// the site it replaces is kept as `.public.previous`. Releases the lock.
    func finish(_ record: OutputWriter.BuiltRecord, phases: inout BuildPhases) throws(SiteBuildError) {
        guard endsHere() else { return }
        defer { lock.release() }
        removal.wait()
        do {
            try state.withLock { state in
                try state.folder.write(PageCache.manifest(state.entries))
                let manifest = ManifestListing.Stamp(of: state.folder.root.path + "/" + PageCache.fileName)
                try state.folder.write(
                    OutputFile(path: OutputWriter.markerFileName, text: OutputWriter.marker(record)))
                // Once nothing stale is left, the manifest as written is recorded beside the output
                // as listing every file (a path with a line break cannot be listed in it): the build
                // after next reads again only the folders changed since (`ManifestListing`).
                let complete =
                    state.folder.removeStale()
                    && state.entries.allSatisfy {
                        $0.fingerprint != nil && !$0.path.containsByte { $0 == UInt8(ascii: "\n") }
                    }
                ManifestListing.record(complete ? manifest : nil, after: finishedSites, beside: outputURL)
            }
            phases.end("write files")
            try state.withLock { try $0.folder.syncToDisk() }
            phases.end("sync to disk")
            let previousURL = PreviousSite.folder(of: outputURL)
            try OutputWriter.swapIn(
                staging, as: outputURL,
                keepingOldAs: FileManager.default.fileExists(atPath: previousURL.path) ? nil : previousURL)
            phases.end("swap in")
        } catch {
            OutputWriter.removeTree(staging)
            throw OutputWriter.buildError(error, output: outputURL)
        }
    }

    /// Gives up: removes the unfinished site and releases the lock; the output is as it was.
    /// Whether this call is the first of `finish` and `abandon`.
    private func endsHere() -> Bool {
        ended.withLock { ended in
            defer { ended = true }
            return !ended
        }
    }

    /// Does nothing after `finish`, which cleans up after itself.
    func abandon() {
        guard endsHere() else { return }
        removal.wait()
        OutputWriter.removeTree(staging)
        lock.release()
    }
}
