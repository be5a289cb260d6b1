import Foundation
import ListDigestCore
import Mustache

/// The Mustache templates of a site, loaded once from the templates folder. swift-mustache
/// reads them first (its errors name the file and line); pages are rendered by
/// `TemplateRenderer`, which gives the same bytes faster.
public struct TemplateSet: Sendable {
    /// Nil when swift-mustache's check was not made again (see `checked`).
    private let library: MustacheLibrary?
    private let renderer: TemplateRenderer
    public let directory: String
    /// By template: a digest of its file and of every template it includes or extends, however
    /// deep. A page depends on these alone, so editing one page's template leaves the other pages
    /// as they are (see `pageDigest(of:)`).
    private let pageDigests: [String: String]

    public static let requiredTemplates = [
        "base", "home", "weeks", "week", "series", "series-index", "person", "person-year", "people", "trends",
        "trends-year",
    ]

    /// What swift-mustache checked: a digest of the program and of every template's name and
    /// bytes. A build records it (`OutputWriter.BuiltRecord`) for the next one to pass as `checked`.
    public let checkedDigest: String

    /// `checked`: the `checkedDigest` of templates an earlier build of this program checked.
    /// When the templates are those, swift-mustache does not parse them again (a twentieth of an
    /// added week's work): `TemplateParser` stands on that check, which the same bytes passed.
    public init(directory: String, checked: String? = nil) throws(SiteBuildError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SiteBuildError(file: directory, line: 0, message: "templates folder does not exist")
        }
        self.directory = directory
        // Every template file read once: for swift-mustache, which checks the syntax first (its
        // errors name the line), for the renderer, and for the digests.
        var files: [(name: String, path: String, text: String)] = []
        var fileDigests: [String: String] = [:]
        var checkedHasher = StableHasher()
        checkedHasher.combine(BuildInputs.program)
        let names = (FileManager.default.enumerator(atPath: directory)?.allObjects as? [String] ?? []).sorted()
        for name in names where name.hasSuffix(".mustache") {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw SiteBuildError(file: path, line: 0, message: "cannot read template")
            }
            let templateName = String(name.dropLast(".mustache".count))
            var hasher = StableHasher()
            data.withUnsafeBytes { hasher.combine(raw: $0) }
            fileDigests[templateName] = hasher.hex
            checkedHasher.combine(templateName)
            checkedHasher.combine(hasher.hex)
            files.append((templateName, path, String(decoding: data, as: UTF8.self)))
        }
        checkedDigest = checkedHasher.hex
        var library = checked == checkedDigest ? nil : MustacheLibrary()
        var templates: [String: [TemplateNode]] = [:]
        for file in files {
            do {
                try library?.register(MustacheTemplate(string: file.text), named: file.name)
            } catch let error as MustacheTemplate.ParserError {
                throw SiteBuildError(
                    file: file.path, line: error.context.lineNumber,
                    message:
                        "template error: \(error.error) near '\(error.context.line.trimmingCharacters(in: .whitespaces))'"
                )
            } catch {
                throw SiteBuildError(file: file.path, line: 0, message: "cannot load template: \(error)")
            }
            do {
                templates[file.name] = try TemplateParser.parse(file.text)
            } catch {
                throw SiteBuildError(file: file.path, line: error.line, message: "template error: \(error.message)")
            }
        }
        self.library = library
        renderer = TemplateRenderer(templates: templates)
        pageDigests = templates.keys.reduce(into: [:]) { digests, name in
            var hasher = StableHasher()
            for used in Self.templatesUsed(by: name, in: templates).sorted() {
                hasher.combine(used)
                // A name no file has renders as nothing: adding that file changes the page.
                hasher.combine(fileDigests[used] ?? "-")
            }
            digests[name] = hasher.hex
        }
        for name in Self.requiredTemplates where templates[name] == nil {
            throw missing(name)
        }
    }

    /// What every page of the template `name` depends on among the templates.
    func pageDigest(of name: String) -> String { pageDigests[name] ?? "-" }

    /// `name` and the templates it includes or extends, however deep, by name.
    static func templatesUsed(by name: String, in templates: [String: [TemplateNode]]) -> Set<String> {
        var used: Set<String> = [name]
        var pending = [name]
        while let next = pending.popLast() {
            for partial in partials(in: templates[next] ?? []) where used.insert(partial).inserted {
                pending.append(partial)
            }
        }
        return used
    }

    /// The templates that `nodes` include or extend, in blocks and overrides too.
    private static func partials(in nodes: [TemplateNode]) -> [String] {
        nodes.flatMap { node -> [String] in
            switch node {
            case .text, .variable: []
            case .section(_, _, let body), .block(_, let body, _), .blockOverride(_, let body): partials(in: body)
            case .partial(let name, _, let overrides):
                [name] + (overrides ?? [:]).values.flatMap { partials(in: $0) }
            }
        }
    }

    func render(_ view: Any, template name: String) throws(SiteBuildError) -> String {
        guard let output = renderer.render(view, template: name) else { throw missing(name) }
        return output
    }

    /// `render`, as the bytes a page is written as.
    func renderPage(_ view: Any, template name: String) throws(SiteBuildError) -> [UInt8] {
        guard let output = renderer.renderBytes(view, template: name) else { throw missing(name) }
        return output
    }

    /// The same page rendered by swift-mustache: the reference the fast renderer is tested against
    /// (not for a set made without swift-mustache's check, see `checked`).
    func renderWithSwiftMustache(_ view: Any, template name: String) throws(SiteBuildError) -> String {
        guard let output = library?.render(view, withTemplate: name) else { throw missing(name) }
        return output
    }

    private func missing(_ name: String) -> SiteBuildError {
        SiteBuildError(
            file: (directory as NSString).appendingPathComponent("\(name).mustache"), line: 0,
            message: "template is missing")
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
