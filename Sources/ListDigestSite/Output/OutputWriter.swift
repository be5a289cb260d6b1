import CListDigestSupport
import Foundation

/// A file of the built site, path relative to the output root.
public struct OutputFile: Sendable {
    public let path: String
    public let contents: Data

    public init(path: String, contents: Data) {
        self.path = path
        self.contents = contents
    }

    public init(path: String, text: String) {
        self.init(path: path, contents: Data(text.utf8))
    }
}

/// Writes a whole site next to the output folder, then swaps it into place,
/// so a failed build never leaves a half-written site behind.
public enum OutputWriter {
    /// Marks a folder as written by ListDigest: only such a folder is ever replaced.
    public static let markerFileName = ".listdigest"

    /// Writes `files` and the static folder as the new site at `output`.
    ///
    /// The site is built in a hidden folder beside `output` and swapped in with one atomic
    /// exchange, so readers see the old site or the new one, never a mix, and a failed or killed
    /// build leaves the old one whole. A lock beside `output` makes concurrent builds take turns;
    /// `waiting` is called when another build holds it.
    public static func replace(
        output: String, files: [OutputFile], staticDirectory: String?, waiting: () -> Void = {}
    ) throws(SiteBuildError) {
        let fileManager = FileManager.default
        let outputURL = URL(fileURLWithPath: output).standardizedFileURL
        let parent = outputURL.deletingLastPathComponent()
        let name = outputURL.lastPathComponent
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw SiteBuildError(
                file: parent.path, line: 0, message: "cannot create the output's folder: \(describe(error))")
        }
        let lock = try OutputLock(path: parent.appendingPathComponent(".\(name).lock").path, waiting: waiting)
        defer { lock.release() }
        try checkReplaceable(outputURL)
        removeLeftovers(of: name, in: parent)
        let staging = parent.appendingPathComponent(".\(name).building-\(getpid())")
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
            var written = Set<String>()
            for file in files {
                try write(file, into: staging, written: &written)
            }
            if let staticDirectory, fileManager.fileExists(atPath: staticDirectory) {
                try copyStatic(from: URL(fileURLWithPath: staticDirectory), into: staging, written: &written)
            }
            try write(
                OutputFile(
                    path: markerFileName, text: "Built by ListDigest. This folder is replaced on every build.\n"),
                into: staging, written: &written)
            try swapIn(staging, as: outputURL)
        } catch let error as SiteBuildError {
            try? fileManager.removeItem(at: staging)
            throw error
        } catch {
            try? fileManager.removeItem(at: staging)
            throw SiteBuildError(file: outputURL.path, line: 0, message: "cannot write the site: \(describe(error))")
        }
    }

    /// Puts `staging` in place of `output` in one step; the old site ends up at `staging`'s name and is removed.
    private static func swapIn(_ staging: URL, as output: URL) throws {
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: output.path) else {
            try fileManager.moveItem(at: staging, to: output)
            return
        }
        if ld_exchange_paths(staging.path, output.path) == 0 {
            try? fileManager.removeItem(at: staging)
            return
        }
        // A file system without an atomic exchange: two renames, the old site kept until the new is in place.
        let retired = output.deletingLastPathComponent().appendingPathComponent(
            ".\(output.lastPathComponent).old-\(getpid())")
        try fileManager.moveItem(at: output, to: retired)
        do {
            try fileManager.moveItem(at: staging, to: output)
        } catch {
            try? fileManager.moveItem(at: retired, to: output)
            throw error
        }
        try? fileManager.removeItem(at: retired)
    }

    /// Folders left by a build that was killed (we hold the lock, so none is in use).
    private static func removeLeftovers(of name: String, in parent: URL) {
        let fileManager = FileManager.default
        guard let entries = try? fileManager.contentsOfDirectory(atPath: parent.path) else { return }
        for entry in entries where entry.hasPrefix(".\(name).building-") || entry.hasPrefix(".\(name).old-") {
            try? fileManager.removeItem(at: parent.appendingPathComponent(entry))
        }
    }

    /// One line for a person: the system's reason (`No space left on device`), not Foundation's wrapper text.
    static func describe(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain
        {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        if let cocoa = error as? CocoaError {
            switch cocoa.code {
            case .fileWriteOutOfSpace: return String(cString: strerror(ENOSPC))
            case .fileWriteNoPermission, .fileReadNoPermission: return String(cString: strerror(EACCES))
            case .fileWriteVolumeReadOnly: return String(cString: strerror(EROFS))
            default: break
            }
        }
        let text = nsError.localizedDescription
        let wrapper = "The operation could not be completed. "
        return text.hasPrefix(wrapper) ? String(text.dropFirst(wrapper.count)) : text
    }

    /// Refuses to replace a non-empty folder that ListDigest did not write (say `--output ~`).
    private static func checkReplaceable(_ output: URL) throws(SiteBuildError) {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: output.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw SiteBuildError(file: output.path, line: 0, message: "output exists and is not a folder")
        }
        let contents = (try? fileManager.contentsOfDirectory(atPath: output.path)) ?? []
        if !contents.isEmpty && !contents.contains(markerFileName) {
            throw SiteBuildError(
                file: output.path, line: 0,
                message:
                    "refusing to replace a folder ListDigest did not build (no \(markerFileName) file); remove it or choose another --output"
            )
        }
    }

    private static func write(_ file: OutputFile, into root: URL, written: inout Set<String>) throws {
        let components = file.path.split(separator: "/", omittingEmptySubsequences: false)
        guard !file.path.hasPrefix("/"), !components.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
            throw SiteBuildError(file: file.path, line: 0, message: "refusing to write outside the output folder")
        }
        guard written.insert(file.path.lowercased()).inserted else {
            throw SiteBuildError(file: file.path, line: 0, message: "two outputs want the same path")
        }
        let url = root.appendingPathComponent(file.path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try file.contents.write(to: url)
    }

    private static func copyStatic(from source: URL, into root: URL, written: inout Set<String>) throws {
        let fileManager = FileManager.default
        guard let enumerator = fileManager.enumerator(at: source, includingPropertiesForKeys: [.isRegularFileKey])
        else { return }
        let basePath = source.standardizedFileURL.path
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(basePath.count + 1))
            let data: Data
            do {
                data = try Data(contentsOf: url)
            } catch {
                throw SiteBuildError(
                    file: url.path, line: 0, message: "cannot read static file: \(error.localizedDescription)")
            }
            try write(OutputFile(path: relative, contents: data), into: root, written: &written)
        }
    }
}
