import Foundation
import ListDigestCore
import ListDigestTestSupport
import Mustache
import Testing

@testable import ListDigestSite

/// ListDigest's template renderer must give exactly what swift-mustache gives.
@Suite struct TemplateRendererTests {
    /// Renders `template` (named "page") with both engines; `partials` are more named templates.
    func bothRenderings(
        _ template: String, partials: [String: String] = [:], data: [String: Any]
    ) throws -> (
        String, String
    ) {
        let all = partials.merging(["page": template]) { _, page in page }
        var library = MustacheLibrary()
        var parsed: [String: [TemplateNode]] = [:]
        for (name, text) in all {
            library.register(try MustacheTemplate(string: text), named: name)
            parsed[name] = try TemplateParser.parse(text)
        }
        let fast = TemplateRenderer(templates: parsed).render(data, template: "page")
        return (fast ?? "<missing>", library.render(data, withTemplate: "page") ?? "<missing>")
    }

    nonisolated(unsafe) static let people: [String: Any] = [
        "title": "Fish & <Chips> \"quoted\" it's",
        "count": 3,
        "flag": true,
        "off": false,
        "empty": [Any](),
        "people": [
            ["name": "Marc", "url": "/p/marc/"] as [String: Any],
            ["name": "Oliver"] as [String: Any],
        ],
        "nested": ["inner": ["deep": "found"] as [String: Any]] as [String: Any],
        "words": ["one", "two"],
        "html": "<b>bold</b>",
    ]

    @Test(arguments: [
        "plain {{title}} and {{{title}}} and {{& title}}\n",
        "{{count}} {{flag}} {{missing}}|{{nested.inner.deep}}|{{nested.missing.deep}}\n",
        "{{#people}}\n  <li>{{name}} {{#url}}<a href=\"{{url}}\">{{.}}</a>{{/url}}{{^url}}none{{/url}}</li>\n{{/people}}\n",
        "{{#flag}}yes{{/flag}}{{^flag}}no{{/flag}} {{#off}}yes{{/off}}{{^off}}no{{/off}}\n",
        "{{#empty}}never{{/empty}}\n{{^empty}}\n  nothing here\n{{/empty}}\n",
        "{{#people}}{{title}}/{{name}} {{/people}}\n",
        "{{#nested}}{{#inner}}{{deep}}{{title}}{{/inner}}{{/nested}}\n",
        "{{#words}}<{{.}}>{{/words}} {{count(words)}} {{#empty(words)}}E{{/empty(words)}}{{^empty(words)}}N{{/empty(words)}}\n",
        "  {{! a comment on its own line }}\nafter\n{{!inline}}x\n",
        "{{=<% %>=}}\n<% title %> {{title}}\n<%={{ }}=%>\n{{count}}\n",
        "line one\r\n  {{#flag}}\r\n  inside\r\n  {{/flag}}\r\nend",
        "  {{#people}}  \n    {{name}}\n  {{/people}}  \n   trailing",
        "{{#people}}{{.name}}{{.count}}|{{/people}}\n",
        "no newline at the end {{title}}",
        "{{html}} {{{html}}} 中文 {{title}}",
        "{{#people}}{{index()}}:{{#first()}}F{{/first()}}{{#last()}}L{{/last()}}{{^first()}}n{{/first()}}"
            + "{{#even()}}e{{/even()}}{{#odd()}}o{{/odd()}}|{{/people}} {{index()}}\n",
        "{{#people}}{{#nested}}[{{index()}}]{{/nested}}{{#flag}}<{{index()}}>{{/flag}}{{/people}}\n",
        "{{#words}}{{#first()}}{{.}}{{/first()}}{{/words}} {{#empty}}{{/empty}}{{^empty}}{{index()}}{{/empty}}\n",
    ])
    func rendersAsSwiftMustacheDoes(template: String) throws {
        let (fast, reference) = try bothRenderings(template, data: Self.people)
        #expect(fast == reference)
    }

    @Test func partialsAreIndentedAndParentsTakeTheirChildrensBlocks() throws {
        let partials = [
            "row": "<li>{{name}}</li>\n<li>second line</li>\n",
            "base":
                "<html>\n  {{$head}}<title>default</title>{{/head}}\n<body>\n  {{$content}}\n  default content\n  {{/content}}\n</body>\n",
            "middle": "{{<base}}\n{{$head}}<title>middle</title>{{/head}}\n{{/base}}\n",
            "position": "{{index()}}{{#first()}}first{{/first()}},",
            "card": "<div>{{$head}}card{{/head}}{{$body}}-{{/body}}</div>\n",
        ]
        for template in [
            "<ul>\n  {{>row}}\n</ul>\n{{#people}}\n    {{>row}}\n{{/people}}\n",
            "{{<base}}\n{{$content}}\n  <p>{{title}}</p>\n  {{#people}}{{name}} {{/people}}\n{{/content}}\n{{/base}}\n",
            "{{<middle}}\n{{$head}}<title>outer wins</title>{{/head}}\n{{/middle}}\n",
            "{{<base}}{{/base}}",
            "{{>missing}}|{{<missing}}{{/missing}}|\n",
            "{{#people}}{{>position}}{{/people}}\n",
            // An override holding a section that holds a parent with overrides of its own, then more text.
            "{{<base}}\n{{$content}}\n{{#people}}{{<card}}{{$body}}<i>{{name}}</i>{{/body}}{{/card}}{{/people}}\n"
                + "{{/content}}\n{{$head}}<b>{{title}}</b>{{/head}}\n{{/base}}\nafter {{count}}\n",
        ] {
            let (fast, reference) = try bothRenderings(template, partials: partials, data: Self.people)
            #expect(fast == reference, "\(template)")
        }
    }

    /// A view's list of texts and its numbers, in every way a template can use them.
    struct Labels: MustacheView {
        let title: String
        let tags: [String]
        var count = 0
        var maybe: Int? = nil
        static let mustacheFieldList: ViewFields<Self> = [
            ("count", .init { $0.count }), ("maybe", .optional { $0.maybe }), ("tags", .init { $0.tags }),
            ("title", .init { $0.title }),
        ]
    }

    @Test func listsOfTextsAndNumbersRenderAsSwiftMustacheRendersThem() throws {
        let template =
            "{{#tags}}<{{.}}|{{index()}}{{#first()}}F{{/first()}}{{title}}>{{/tags}}{{^tags}}none{{/tags}}"
            + " [{{tags}}] {{#tags.first}}{{.}}{{/tags.first}} {{count}}{{#count}}({{.}}{{title}}){{/count}}"
            + "{{^count}}zero{{/count}} {{maybe}}{{#maybe}}<{{.}}>{{/maybe}}{{^maybe}}no{{/maybe}}\n"
        var library = MustacheLibrary()
        library.register(try MustacheTemplate(string: template), named: "page")
        let renderer = TemplateRenderer(templates: ["page": try TemplateParser.parse(template)])
        for view in [
            Labels(title: "T&", tags: ["6.1.y", "<b>", "kvmtool"], count: 3, maybe: 0),
            Labels(title: "none", tags: []), Labels(title: "one", tags: ["only"], count: -2, maybe: 7),
        ] {
            // Lists of texts and numbers are read without casts (`FieldValue`); swift-mustache casts.
            let fast = renderer.render(view, template: "page")
            #expect(fast == library.render(view, withTemplate: "page"))
            #expect(fast?.contains("none") == view.tags.isEmpty)
        }
    }

    @Test func escapingIsSaferThanSwiftMustachesWhereTheyDiffer() throws {
        let renderer = TemplateRenderer(templates: ["page": try TemplateParser.parse("<p title=\"{{t}}\">{{t}}</p>")])
        let data: [String: Any] = ["t": "bell\u{7} \"\u{301}quote"]
        #expect(
            renderer.render(data, template: "page")
                == "<p title=\"bell\u{FFFD} &quot;\u{301}quote\">bell\u{FFFD} &quot;\u{301}quote</p>")
    }

    @Test func whatTheRendererDoesNotDoIsAnErrorWithItsLine() throws {
        #expect(throws: TemplateParser.Failure.self) { try TemplateParser.parse("one\ntwo {{>*dynamic}}\n") }
        do {
            _ = try TemplateParser.parse("one\ntwo\n{{%CONTENT_TYPE:TEXT}}\n")
            Issue.record("a pragma was accepted")
        } catch {
            #expect(error.line == 3)
            #expect(error.message.contains("not supported"))
        }
    }

    @Test func aTemplateFolderWithADynamicPartialFailsNamingTheFile() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for name in TemplateSet.requiredTemplates { try folder.write("\(name).mustache", "<p>{{title}}</p>\n") }
        try folder.write("home.mustache", "<p>\n{{>*name}}</p>\n")
        do {
            _ = try TemplateSet(directory: folder.path)
            Issue.record("loaded")
        } catch {
            #expect(
                error.description == folder.path
                    + "/home.mustache:2: error: template error: dynamic partials ({{>*name}}) are not supported")
        }
    }
}

/// A page is reused when its fingerprint is unchanged, so distinct views must not share one.
@Suite struct ViewFingerprintTests {
    @Test func noValueNumbersAndFlagsDoNotPassForText() {
        let fingerprint = { (view: PersonLinkView) in ViewFingerprint.of(view, salt: "") }
        let absent = fingerprint(PersonLinkView(name: "Marc", url: nil, count: nil))
        #expect(absent != fingerprint(PersonLinkView(name: "Marc", url: "none", count: nil)))
        #expect(
            fingerprint(PersonLinkView(name: "Marc", url: nil, count: 1))
                != fingerprint(PersonLinkView(name: "Marc", url: "1", count: nil)))
        #expect(absent == fingerprint(PersonLinkView(name: "Marc", url: nil, count: nil)))
        #expect(absent != fingerprint(PersonLinkView(name: "Marc", url: nil, count: 0)))
        #expect(
            fingerprint(PersonLinkView(name: "Marc", url: "a", count: nil))
                != fingerprint(PersonLinkView(name: "Marc", url: "b", count: nil)))
    }

    /// Lists hash their length and each element: moving an item from one list to the next,
    /// or text from one item to the next, changes the fingerprint.
    @Test func listsAndTextsAreDelimited() {
        func hash(_ lists: [[String]]) -> UInt64 {
            var hasher = StableHasher()
            lists.fingerprint(into: &hasher)
            return hasher.value
        }
        #expect(hash([["a", "b"], []]) != hash([["a"], ["b"]]))
        #expect(hash([["ab", "c"]]) != hash([["a", "bc"]]))
        #expect(hash([["a"], ["b"]]) == hash([["a"], ["b"]]))
    }
}

/// Every page of a site from the real corpus: the fast renderer with the views' accessor
/// tables against swift-mustache reading the views by reflection (the slow, plain path).
@Suite(.enabled(if: Corpus.isPresent, "the corpus folder ../shared/corpus/kvm-ai-robot is absent"))
struct CorpusRenderingTests {
    @Test func everyPageIsWhatSwiftMustacheRendersByReflection() async throws {
        let archive = try await ArchiveLoader.load(folder: Corpus.folder)
        let config = SiteConfig(
            title: "Test digest", baseURL: "https://example.org/kvmarm/", list: "kvmarm",
            templates: ProjectPaths.templates, staticFiles: ProjectPaths.exampleSite + "/static")
        let index = ArchiveIndex(reports: archive.reports, mailmap: .empty)
        let site = SiteContext(
            config: config, index: index, rendered: await SiteBuilder.renderReports(archive).rendered)
        let templates = try TemplateSet(directory: ProjectPaths.templates)
        let jobs = SiteBuilder.pageJobs(site)
        #expect(jobs.count > 600)
        var differing: [String] = []
        for job in jobs {
            let view = job.view(site)
            let fast = try templates.render(view, template: job.template)
            let reference = try MustacheReflection.$forced.withValue(true) {
                try templates.renderWithSwiftMustache(view, template: job.template)
            }
            if fast != reference { differing.append(job.path) }
        }
        #expect(differing.count == 0, "pages that differ, first: \(differing.prefix(5))")
    }

    /// A variable shows a text, number, flag or absent field straight from its view
    /// (`showField`): for every field of every view of every page, that must be what showing its
    /// value gives, escaped or not, and any other field must be left to the value path untouched.
    @Test func fieldsShownStraightAreWhatTheirValuesShow() async throws {
        let archive = try await ArchiveLoader.load(folder: Corpus.folder)
        let site = SiteContext(
            config: SiteConfig(title: "T & <co>", list: "kvmarm"), index: ArchiveIndex(reports: archive.reports),
            summaries: archive.reports.map { $0.threads.map { _ in "" } })
        var shownKinds: [String: Int] = [:]
        var wrong: [String] = []
        func check(_ view: any MustacheView) {
            for name in type(of: view).fieldNames {
                let value = view.resolvedField(named: name)
                for escaped in [true, false] {
                    var output: [UInt8] = Array("before ".utf8)
                    let shown = view.showField(named: name, escaped: escaped, into: &output)
                    let expected: String?
                    switch value {
                    case .text(let text): expected = escaped ? XMLText.escape(text) : text
                    case .number(let number): expected = String(number)
                    case .flag(let flag): expected = flag ? "true" : "false"
                    case .absent: expected = ""
                    case nil, .view, .views, .texts, .other: expected = nil
                    }
                    let kind = value.map { String("\($0)".prefix { $0 != "(" }) } ?? "nil"
                    switch shown {
                    case .shown:
                        shownKinds[kind, default: 0] += 1
                        if let expected, output == Array(("before " + expected).utf8) { continue }
                    case .notShown:
                        // Left to the value path; an absent view or value may be, a text, number or flag not.
                        if output == Array("before ".utf8), expected == nil || kind == "absent" { continue }
                    case .missing:
                        break
                    }
                    wrong.append("\(type(of: view)).\(name) (escaped: \(escaped))")
                }
                // The renderer asks by the name's number: the same field, shown the same.
                for escaped in [true, false] {
                    var byName: [UInt8] = []
                    var byNumber: [UInt8] = []
                    let named = view.showField(named: name, escaped: escaped, into: &byName)
                    let numbered = view.showField(
                        number: FieldNumbers.number(of: name), escaped: escaped, into: &byNumber)
                    if "\(named)" == "\(numbered)", byName == byNumber,
                        "\(value.map { "\($0)" } ?? "nil")"
                            == "\(view.resolvedField(number: FieldNumbers.number(of: name)).map { "\($0)" } ?? "nil")"
                    {
                        continue
                    }
                    wrong.append("\(type(of: view)).\(name) by number (escaped: \(escaped))")
                }
                switch value {
                case .view(let child): check(child)
                case .views(let children): children.prefix(3).forEach(check)
                default: break
                }
            }
            var output: [UInt8] = []
            if case .missing = view.showField(named: "noSuchField", escaped: true, into: &output), output.isEmpty {
                return
            }
            wrong.append("\(type(of: view)).noSuchField")
        }
        for job in SiteBuilder.pageJobs(site) { check(job.view(site)) }
        let allRight = wrong.isEmpty
        #expect(allRight, "\(wrong.count) fields shown wrongly, first: \(wrong.prefix(5))")
        // Every kind that is shown straight was met, texts that need escaping among them.
        #expect(Set(shownKinds.keys) == ["text", "number", "flag", "absent"])
    }

    /// Fields come to the renderer sorted by their static type, so it never casts to tell them apart.
    @Test func fieldsAreSortedByKind() async throws {
        let archive = try await ArchiveLoader.load(folder: Corpus.folder)
        let site = SiteContext(
            config: SiteConfig(title: "T", list: "kvmarm"), index: ArchiveIndex(reports: archive.reports),
            summaries: archive.reports.map { $0.threads.map { _ in "" } })
        let first = WeekPageView(site: site, index: 0)
        let second = WeekPageView(site: site, index: 1)
        func kind(_ value: FieldValue?) -> String {
            switch value {
            case nil: "absent"
            case .text: "text"
            case .view: "view"
            case .views(let views): "views \(views.count)"
            case .texts(let texts): "texts \(texts.count)"
            case .number(let number): "number \(number)"
            case .flag(let flag): "flag \(flag)"
            case .absent: "no value"
            case .other(let other): "other \(type(of: other))"
            }
        }
        #expect(kind(first.resolvedField(named: "week")) == "text")
        #expect(kind(first.resolvedField(named: "page")) == "view")
        #expect(kind(first.resolvedField(named: "sections")) == "views \(first.sections.count)")
        #expect(kind(first.resolvedField(named: "previous")) == "no value")
        #expect(kind(second.resolvedField(named: "previous")) == "view")
        #expect(kind(first.resolvedField(named: "generatedAt")) == "text")
        let thread = try #require(first.sections.first?.threads.first)
        #expect(kind(thread.resolvedField(named: "messagesOpen")) == "flag \(thread.messagesOpen)")
        #expect(kind(thread.resolvedField(named: "declaredEmails")) == "number \(thread.declaredEmails)")
        #expect(kind(first.resolvedField(named: "nothing")) == "absent")
        let row = try #require(site.seriesRows.first { !$0.tags.isEmpty })
        #expect(kind(row.resolvedField(named: "tags")) == "texts \(row.tags.count)")
    }
}
