import CListDigestSupport
import Foundation

/// A file of the built site, path relative to the output root.
public struct OutputFile: Sendable {
    public let path: String
    /// A page keeps the bytes it was rendered into: copying every page into `Data` touched
    /// as much fresh memory again as the site is big.
    private enum Body: Sendable {
        case data(Data)
        case bytes([UInt8])
        /// Written already, under this name in the folder being written (`StreamedFile`).
        case temporary(String)
    }

    private let body: Body
    /// For a page: what identifies its contents (see `PageCache`): its key when it has one,
    /// otherwise the fingerprint of what its view shows. For any other file, the digest of its
    /// bytes, when it was worked out as they were written.
    public let fingerprint: String?
    /// For a page: the key of what it was built from (see `PageKeys`), when it has one.
    public let key: String?
    /// The file is unchanged: take it from the site being replaced instead of `contents`.
    public let reused: Bool

    public init(path: String, contents: Data, fingerprint: String? = nil, key: String? = nil) {
        self.init(path: path, body: .data(contents), fingerprint: fingerprint, key: key, reused: false)
    }

    public init(path: String, text: String, fingerprint: String? = nil, key: String? = nil) {
        self.init(path: path, contents: Data(text.utf8), fingerprint: fingerprint, key: key)
    }

    init(path: String, bytes: [UInt8], fingerprint: String? = nil, key: String? = nil) {
        self.init(path: path, body: .bytes(bytes), fingerprint: fingerprint, key: key, reused: false)
    }

    /// A file written already, under `temporary` in the folder being written, whose bytes
    /// have `fingerprint` as their digest.
    init(path: String, temporary: String, fingerprint: String) {
        self.init(path: path, body: .temporary(temporary), fingerprint: fingerprint, key: nil, reused: false)
    }

    private init(path: String, body: Body, fingerprint: String?, key: String?, reused: Bool) {
        self.path = path
        self.body = body
        self.fingerprint = fingerprint
        self.key = key
        self.reused = reused
    }

    public static func reused(_ path: String, fingerprint: String, key: String? = nil) -> OutputFile {
        OutputFile(path: path, body: .data(Data()), fingerprint: fingerprint, key: key, reused: true)
    }

    /// The file's bytes.
    public var contents: Data {
        switch body {
        case .data(let data): data
        case .bytes(let bytes): Data(bytes)
        case .temporary(let path): FileManager.default.contents(atPath: path) ?? Data()
        }
    }

    /// Where the file was written already, to be renamed into place.
    var temporaryPath: String? {
        guard case .temporary(let path) = body else { return nil }
        return path
    }

    /// Calls `body` with the file's bytes, without copying them (a file written already is read).
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        switch self.body {
        case .data(let data): try data.withUnsafeBytes(body)
        case .bytes(let bytes): try bytes.withUnsafeBytes(body)
        case .temporary: try contents.withUnsafeBytes(body)
        }
    }

    /// The file with `fingerprint` (see `PageCache.file`).
    func fingerprinted(_ fingerprint: String) -> OutputFile {
        OutputFile(path: path, body: body, fingerprint: fingerprint, key: key, reused: reused)
    }

    /// The file taken from the site being replaced instead; one written already
    /// (`temporaryPath`) keeps its name, for the writer to remove it.
    func takenOver() -> OutputFile {
        OutputFile(path: path, body: body, fingerprint: fingerprint, key: key, reused: true)
    }

    /// Whether the file holds exactly `data`.
    func hasContents(_ data: Data) -> Bool {
        withBytes { bytes in
            data.count == bytes.count
                && data.withUnsafeBytes { other in
                    bytes.isEmpty || memcmp(other.baseAddress!, bytes.baseAddress!, bytes.count) == 0
                }
        }
    }
}

/// Writes a whole site next to the output folder, then swaps it into place,
/// so a failed build never leaves a half-written site behind.
public enum OutputWriter {
    /// Marks a folder as written by ListDigest: only such a folder is ever replaced.
    public static let markerFileName = ".listdigest"

    /// `.public.<what>` in the folder holding `output` (`public`): where a build keeps what
    /// belongs to the output but must not be published with it.
    static func beside(_ output: URL, _ what: String) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).\(what)")
    }

    /// A cache kept beside the output: `.public.parsed`, `.public.subjects`, `.public.listed`.
    static func cacheFile(_ kind: String, beside output: URL) -> String {
        beside(output, kind).path
    }

    /// Where a build writes a cache whole before renaming it: a leftover's name
    /// (`.public.building-PID.parsed`), which the next build removes if this one is killed.
    static func temporaryCacheFile(_ kind: String, beside output: URL) -> String {
        beside(output, "building-\(getpid()).\(kind)").path
    }

    /// Writes `files` and the static folder as the new site at `output`.
    ///
    /// The site is built in a hidden folder beside `output` and swapped in with one atomic
    /// exchange, so readers see the old site or the new one, never a mix, and a failed or killed
    /// build leaves the old one whole. A lock beside `output` makes concurrent builds take turns;
    /// `waiting` is called when another build holds it.
    public static func replace(
        output: String, files: [OutputFile], staticDirectory: String?, inputs: String? = nil, waiting: () -> Void = {}
    ) throws(SiteBuildError) {
        var phases = BuildPhases()
        try replace(
            output: output, files: files, staticDirectory: staticDirectory, inputs: inputs, waiting: waiting,
            phases: &phases)
    }

    /// `replace`, noting in `phases` how long writing, syncing and swapping took. The site it
    /// replaces is kept as `.public.previous` and, unless `reusePrevious` is false (`--clean`),
    /// the one before is brought up to date into the new site instead of starting from nothing.
    public static func replace(
        output: String, files: [OutputFile], staticDirectory: String?, inputs: String? = nil, waiting: () -> Void = {},
        reusePrevious: Bool = true, phases: inout BuildPhases
    ) throws(SiteBuildError) {
        var all = files
        if let staticDirectory { all += try StaticFiles.read(from: staticDirectory) }
        let writer = try SiteWriter.begin(output: output, reusePrevious: reusePrevious, waiting: waiting)
        do {
            try writer.write(all)
        } catch {
            writer.abandon()
            throw buildError(error, output: URL(fileURLWithPath: output))
        }
        try writer.finish(BuiltRecord(inputs: inputs), phases: &phases)
    }

    /// A failure while writing, as one line naming the output.
    static func buildError(_ error: any Error, output: URL) -> SiteBuildError {
        if let error = error as? SiteBuildError { return error }
        return SiteBuildError(file: output.path, line: 0, message: "cannot write the site: \(describe(error))")
    }

    private static let markerText = "Built by ListDigest. This folder is replaced on every build.\n"
    private static let inputsPrefix = "inputs "
    private static let templatesPrefix = "templates checked "

    /// What a build records in the marker file: the digest of its inputs and that of the templates
    /// it checked (`TemplateSet.checkedDigest`).
    public struct BuiltRecord: Sendable, Equatable {
        public var inputs: String?
        public var checkedTemplates: String?

        public init(inputs: String?, checkedTemplates: String? = nil) {
            self.inputs = inputs
            self.checkedTemplates = checkedTemplates
        }
    }

    static func marker(_ record: BuiltRecord) -> String {
        markerText + (record.inputs.map { inputsPrefix + $0 + "\n" } ?? "")
            + (record.checkedTemplates.map { templatesPrefix + $0 + "\n" } ?? "")
    }

    /// What the site at `output` was built from, if ListDigest built it.
    public static func builtRecord(of output: String) -> BuiltRecord? {
        guard let data = FileManager.default.contents(atPath: output + "/" + markerFileName) else { return nil }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        func value(_ prefix: String) -> String? {
            lines.first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
        }
        return BuiltRecord(inputs: value(inputsPrefix), checkedTemplates: value(templatesPrefix))
    }

    /// Puts `staging` in place of `output` in one step; the old site is kept as `previous`, or removed.
    static func swapIn(_ staging: URL, as output: URL, keepingOldAs previous: URL?) throws {
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: output.path) else {
            try fileManager.moveItem(at: staging, to: output)
            return
        }
        if ld_exchange_paths(staging.path, output.path) == 0 {
            if let previous, (try? fileManager.moveItem(at: staging, to: previous)) != nil { return }
            removeTree(staging)
            return
        }
        // A file system without an atomic exchange: two renames, the old site kept until the new is in place.
        let retired = beside(output, "old-\(getpid())")
        try fileManager.moveItem(at: output, to: retired)
        do {
            try fileManager.moveItem(at: staging, to: output)
        } catch {
            try? fileManager.moveItem(at: retired, to: output)
            throw error
        }
        if let previous, (try? fileManager.moveItem(at: retired, to: previous)) != nil { return }
        removeTree(retired)
    }

    /// Best effort: what is left is removed by the next build, as a killed build's leftovers are.
    static func removeTree(_ folder: URL) {
        _ = ld_remove_tree(folder.path)
    }

    /// Folders left by a build that was killed (we hold the lock, so none is in use). Where
    /// there is no atomic exchange, a build killed between its two renames leaves no output and
    /// the old site as `.public.old-PID`: that is put back first.
    static func removeLeftovers(of name: String, in parent: URL) {
        let fileManager = FileManager.default
        let output = parent.appendingPathComponent(name)
        var entries = leftovers(of: name, in: parent)
        if !fileManager.fileExists(atPath: output.path),
            let retired = entries.first(where: {
                $0.hasPrefix(".\(name).old-")
                    && fileManager.fileExists(atPath: parent.appendingPathComponent($0 + "/" + markerFileName).path)
            }),
            (try? fileManager.moveItem(at: parent.appendingPathComponent(retired), to: output)) != nil
        {
            entries.removeAll { $0 == retired }
        }
        for entry in entries {
            removeTree(parent.appendingPathComponent(entry))
        }
    }

    private static func leftovers(of name: String, in parent: URL) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        return entries.filter {
            $0.hasPrefix(".\(name).building-") || $0.hasPrefix(".\(name).old-") || $0.hasPrefix(".\(name).unused-")
        }
    }

    /// Removes what killed builds left beside `output`, for a build that has nothing else to write.
    public static func removeLeftovers(beside output: String) throws(SiteBuildError) {
        let outputURL = URL(fileURLWithPath: output).standardizedFileURL
        let parent = outputURL.deletingLastPathComponent()
        let name = outputURL.lastPathComponent
        guard !leftovers(of: name, in: parent).isEmpty else { return }
        let lock = try OutputLock(path: beside(outputURL, "lock").path, waiting: {})
        defer { lock.release() }
        removeLeftovers(of: name, in: parent)
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
    static func checkReplaceable(_ output: URL) throws(SiteBuildError) {
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
}
