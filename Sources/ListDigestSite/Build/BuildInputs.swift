import Foundation
import ListDigestCore

/// A digest of everything a build reads: the program, the effective config, the templates,
/// the static files, the mailmap and every report. Equal digests mean an identical site, so
/// a rebuild with nothing changed can stop before reading a single report.
struct BuildInputs {
    let digest: String

    /// `strict` counts as an input: a `--strict` build after a lenient one must look at the errors.
    init(site: SiteLocation, config: SiteConfig, strict: Bool = false) {
        var hasher = StableHasher()
        hasher.combine(Self.program)
        hasher.combine(strict ? "strict" : "lenient")
        hasher.combine(String(describing: config))
        for folder in [site.templatesDirectory, site.staticDirectory, site.reportsDirectory] {
            Self.combineFolder(folder, into: &hasher)
        }
        Self.combineFile(site.mailmapFile, into: &hasher)
        digest = hasher.hex
    }

    /// The program itself (version, and size and date of the executable): a rebuilt binary
    /// may render differently, so neither the whole site nor any page is taken over then.
    static let program: String = {
        var text = "listdigest \(ListDigestVersion.current)"
        // Bundle.main finds the running executable even when it was started by name from PATH.
        let executable = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments.first ?? ""))
            .resolvingSymlinksInPath().path
        if let attributes = try? FileManager.default.attributesOfItem(atPath: executable) {
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            text += " \(attributes[.size] ?? 0) \(modified)"
        }
        return text
    }()

    private static func combineFolder(_ folder: String, into hasher: inout StableHasher) {
        hasher.combine("folder \(folder)")
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String { files.append(relative) }
        for relative in files.sorted() {
            hasher.combine(relative)
            combineFile(folder + "/" + relative, into: &hasher)
        }
    }

    private static func combineFile(_ path: String, into hasher: inout StableHasher) {
        guard let data = FileManager.default.contents(atPath: path) else {
            hasher.combine("absent")
            return
        }
        data.withUnsafeBytes { hasher.combine(raw: $0) }
        hasher.combine(data.count)
    }
}
