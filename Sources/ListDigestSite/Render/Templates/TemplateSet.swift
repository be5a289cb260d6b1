import Foundation
import ListDigestCore
import Mustache

/// The Mustache templates of a site, loaded once from the templates folder. swift-mustache
/// reads them first (its errors name the file and line); pages are rendered by
/// `TemplateRenderer`, which gives the same bytes faster.
public struct TemplateSet: Sendable {
    private let library: MustacheLibrary
    private let renderer: TemplateRenderer
    public let directory: String
    /// A digest of every template file: a page rendered with other templates is another page.
    let digest: String

    public static let requiredTemplates = [
        "base", "home", "weeks", "week", "series", "series-index", "person", "people", "trends",
    ]

    public init(directory: String) async throws(SiteBuildError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SiteBuildError(file: directory, line: 0, message: "templates folder does not exist")
        }
        do {
            library = try await MustacheLibrary(directory: directory)
        } catch let error as MustacheLibrary.ParserError {
            throw SiteBuildError(
                file: (directory as NSString).appendingPathComponent(error.filename), line: error.context.lineNumber,
                message:
                    "template error: \(error.error) near '\(error.context.line.trimmingCharacters(in: .whitespaces))'")
        } catch {
            throw SiteBuildError(file: directory, line: 0, message: "cannot load templates: \(error)")
        }
        self.directory = directory
        renderer = TemplateRenderer(templates: try Self.parseAll(in: directory))
        digest = Self.digest(of: directory)
        for name in Self.requiredTemplates where library.getTemplate(named: name) == nil {
            throw SiteBuildError(
                file: (directory as NSString).appendingPathComponent("\(name).mustache"), line: 0,
                message: "template is missing")
        }
    }

    private static func parseAll(in directory: String) throws(SiteBuildError) -> [String: [TemplateNode]] {
        var templates: [String: [TemplateNode]] = [:]
        let names = FileManager.default.enumerator(atPath: directory)?.allObjects as? [String] ?? []
        for name in names where name.hasSuffix(".mustache") {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw SiteBuildError(file: path, line: 0, message: "cannot read template")
            }
            do {
                templates[String(name.dropLast(".mustache".count))] = try TemplateParser.parse(
                    String(decoding: data, as: UTF8.self))
            } catch {
                throw SiteBuildError(file: path, line: error.line, message: "template error: \(error.message)")
            }
        }
        return templates
    }

    private static func digest(of directory: String) -> String {
        var hasher = StableHasher()
        let names = (FileManager.default.enumerator(atPath: directory)?.allObjects as? [String] ?? []).sorted()
        for name in names where name.hasSuffix(".mustache") {
            hasher.combine(name)
            hasher.combine(bytes: FileManager.default.contents(atPath: directory + "/" + name) ?? Data())
        }
        return hasher.hex
    }

    func render(_ view: Any, template name: String) throws(SiteBuildError) -> String {
        guard let output = renderer.render(view, template: name) else {
            throw SiteBuildError(
                file: (directory as NSString).appendingPathComponent("\(name).mustache"), line: 0,
                message: "template is missing")
        }
        return output
    }

    /// The same page rendered by swift-mustache: the reference the fast renderer is tested against.
    func renderWithSwiftMustache(_ view: Any, template name: String) throws(SiteBuildError) -> String {
        guard let output = library.render(view, withTemplate: name) else {
            throw SiteBuildError(
                file: (directory as NSString).appendingPathComponent("\(name).mustache"), line: 0,
                message: "template is missing")
        }
        return output
    }
}

/// A build failure that is not a report diagnostic: config, templates, output.
public struct SiteBuildError: Error, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        let location = line > 0 ? "\(file):\(line)" : file
        return "\(location): error: \(message)"
    }
}
