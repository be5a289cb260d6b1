import Foundation
import ListDigestCore
import TOMLKit

/// The settings of a site, read from `<site>/config.toml`.
public struct SiteConfig: Sendable, Equatable {
    public var title: String
    public var description: String
    /// Absolute URL the site is published under, ending in `/`.
    public var baseURL: String
    /// The list name used in report file names and lore URLs (`kvmarm`).
    public var list: String
    /// `lang` of the site's own text.
    public var language: String
    /// `lang` of the reports' summaries.
    public var contentLanguage: String
    /// Folders, relative to the site folder unless absolute.
    public var reports: String
    public var templates: String
    public var staticFiles: String
    /// A git-style mailmap file that says who is who; optional.
    public var mailmap: String = "mailmap"
    /// Where `listdigest fetch` downloads reports from: an http(s) URL without a trailing `/`.
    public var sourceURL: String?
    /// The social preview image (PNG or JPEG): a path below the site root, or an absolute http(s) URL.
    public var image: String = "social.png"
    /// How many of the newest weeks `feed.xml` lists; 0 for every week.
    public var feedWeeks: Int = 20

    public init(
        title: String, description: String = "", baseURL: String = "/", list: String, language: String = "en",
        contentLanguage: String = "zh-CN", reports: String = "reports", templates: String = "../Templates",
        staticFiles: String = "static"
    ) {
        self.title = title
        self.description = description
        self.baseURL = baseURL
        self.list = list
        self.language = language
        self.contentLanguage = contentLanguage
        self.reports = reports
        self.templates = templates
        self.staticFiles = staticFiles
    }
}

/// A problem in the config file, located like a report diagnostic.
public struct SiteConfigError: Error, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let message: String

    public var description: String { Diagnostic.error(file, line, message).description }

    package init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }
}

extension SiteConfig {
    package static let fileName = "config.toml"

    private static let knownKeys: Set<String> = [
        "title", "description", "base_url", "list", "language", "content_language", "reports", "templates", "static",
        "source_url", "mailmap", "image", "feed_weeks",
    ]

    /// Parses the text of a config file. Unknown keys are errors: a typo must not be silently ignored.
    public static func parse(_ text: String, file: String) throws(SiteConfigError) -> SiteConfig {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw SiteConfigError(file: file, line: error.source.begin.line, message: error.description)
        } catch {
            throw SiteConfigError(file: file, line: 0, message: "\(error)")
        }
        // The first unknown setting in the file, whatever order the table keeps its keys in.
        if let key = table.keys.filter({ !knownKeys.contains($0) }).min(by: {
            (lineOfKey($0, in: text), $0) < (lineOfKey($1, in: text), $1)
        }) {
            throw SiteConfigError(
                file: file, line: lineOfKey(key, in: text),
                message: "unknown setting '\(key)' (known: \(knownKeys.sorted().joined(separator: ", ")))")
        }
        func string(_ key: String) throws(SiteConfigError) -> String? {
            guard let value = table[key] else { return nil }
            guard let text = value.string else {
                throw SiteConfigError(file: file, line: lineOfKey(key, in: text), message: "'\(key)' must be a string")
            }
            return text
        }
        guard let list = try string("list"), !list.isEmpty else {
            throw SiteConfigError(
                file: file, line: 0,
                message: "'list' is required: the list name of the report files, e.g. list = \"kvmarm\"")
        }
        var config = SiteConfig(title: try string("title") ?? "\(list) digest", list: list)
        config.description = try string("description") ?? ""
        if let baseURL = try string("base_url") {
            config.baseURL = try normalizedBaseURL(baseURL, file: file, line: lineOfKey("base_url", in: text))
        }
        config.language = try string("language") ?? config.language
        config.contentLanguage = try string("content_language") ?? config.contentLanguage
        config.reports = try string("reports") ?? config.reports
        config.templates = try string("templates") ?? config.templates
        config.staticFiles = try string("static") ?? config.staticFiles
        config.mailmap = try string("mailmap") ?? config.mailmap
        if let image = try string("image") {
            config.image = try normalizedImage(image, file: file, line: lineOfKey("image", in: text))
        }
        if let value = table["feed_weeks"] {
            guard let weeks = value.int, weeks >= 0 else {
                throw SiteConfigError(
                    file: file, line: lineOfKey("feed_weeks", in: text),
                    message: "'feed_weeks' must be a whole number, 0 or more (0: every week)")
            }
            config.feedWeeks = weeks
        }
        if let sourceURL = try string("source_url") {
            config.sourceURL = try normalizedSourceURL(sourceURL, file: file, line: lineOfKey("source_url", in: text))
        }
        return config
    }

    /// `https://example.org/kvmarm` → `https://example.org/kvmarm/`; only http(s) URLs or a path starting with `/`.
    public static func normalizedBaseURL(_ text: String, file: String, line: Int) throws(SiteConfigError) -> String {
        let trimmed = text.trimmingWhitespace
        let lowered = trimmed.lowercased()
        let isAbsolute = lowered.hasPrefix("https://") || lowered.hasPrefix("http://")
        let hasUnsafeCharacter = trimmed.contains { character in
            character.isWhitespace || "\"<>'`".contains(character)
        }
        guard isAbsolute || trimmed.hasPrefix("/"), !hasUnsafeCharacter else {
            throw SiteConfigError(
                file: file, line: line, message: "base URL '\(text)' must be an http(s) URL or a path starting with '/'"
            )
        }
        return trimmed.hasSuffix("/") ? trimmed : trimmed + "/"
    }

    /// `https://example.org/docs/` → `https://example.org/docs`; only http(s) URLs.
    public static func normalizedSourceURL(_ text: String, file: String, line: Int) throws(SiteConfigError) -> String {
        var trimmed = text.trimmingWhitespace
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        let lowered = trimmed.lowercased()
        let hasHost = ["https://", "http://"].contains { lowered.hasPrefix($0) && lowered.count > $0.count }
        guard hasHost, !trimmed.contains(where: { $0.isWhitespace || "\"<>'`".contains($0) }) else {
            throw SiteConfigError(file: file, line: line, message: "source URL '\(text)' must be an http(s) URL")
        }
        return trimmed
    }

    /// A path below the site root (`social.png`, `img/card.jpg`) or an absolute http(s) URL.
    static func normalizedImage(_ text: String, file: String, line: Int) throws(SiteConfigError) -> String {
        let trimmed = text.trimmingWhitespace
        let lowered = trimmed.lowercased()
        let isAbsolute = lowered.hasPrefix("https://") || lowered.hasPrefix("http://")
        let isRelative =
            !trimmed.isEmpty && !trimmed.hasPrefix("/") && !trimmed.contains(":")
            && !trimmed.split(separator: "/").contains("..")
        guard isAbsolute || isRelative, !trimmed.contains(where: { $0.isWhitespace || "\"<>'`\\".contains($0) }) else {
            throw SiteConfigError(
                file: file, line: line,
                message: "image '\(text)' must be a path below the site root (e.g. \"social.png\") or an http(s) URL")
        }
        return trimmed
    }

    private static func lineOfKey(_ key: String, in text: String) -> Int {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingWhitespace
            if trimmed.hasPrefix(key), trimmed.dropFirst(key.count).trimmingWhitespace.hasPrefix("=") {
                return index + 1
            }
        }
        return 0
    }
}
