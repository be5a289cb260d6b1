import Foundation
import ListDigestCore

/// A site folder with its config read and its folders resolved.
public struct SiteLocation: Sendable {
    public let directory: String
    public let config: SiteConfig
    public let reportsDirectory: String
    public let templatesDirectory: String
    public let staticDirectory: String
    public let mailmapFile: String

    /// Reads `<directory>/config.toml`; `reportsOverride` replaces the config's reports folder.
    public static func load(directory: String, reportsOverride: String? = nil) throws(SiteConfigError) -> SiteLocation {
        let file = (directory as NSString).appendingPathComponent(SiteConfig.fileName)
        guard FileManager.default.fileExists(atPath: directory) else {
            throw SiteConfigError(file: directory, line: 0, message: "site folder does not exist")
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw SiteConfigError(
                file: file, line: 0, message: "cannot read the site config (every site folder needs one)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SiteConfigError(file: file, line: 0, message: "config is not valid UTF-8")
        }
        let config = try SiteConfig.parse(text, file: file)
        return SiteLocation(directory: directory, config: config, reportsOverride: reportsOverride)
    }

    public init(directory: String, config: SiteConfig, reportsOverride: String? = nil) {
        func resolve(_ path: String) -> String {
            path.hasPrefix("/")
                ? path : ((directory as NSString).appendingPathComponent(path) as NSString).standardizingPath
        }
        self.directory = directory
        self.config = config
        self.reportsDirectory = reportsOverride ?? resolve(config.reports)
        self.templatesDirectory = resolve(config.templates)
        self.staticDirectory = resolve(config.staticFiles)
        self.mailmapFile = resolve(config.mailmap)
    }

    /// The site's mailmap, or an empty one when the file does not exist.
    public func loadMailmap() throws(SiteConfigError) -> Mailmap {
        guard FileManager.default.fileExists(atPath: mailmapFile) else { return .empty }
        guard let data = FileManager.default.contents(atPath: mailmapFile),
            let text = String(data: data, encoding: .utf8)
        else { throw SiteConfigError(file: mailmapFile, line: 0, message: "cannot read the mailmap as UTF-8 text") }
        return Mailmap(parsing: text, file: mailmapFile)
    }
}
