// Mustache accessors for the publishing views (see MustacheView): no reflection per lookup.

extension SocialMeta: MustacheView {
    static let mustacheFieldList: ViewFields<SocialMeta> = [
        ("image", .init { $0.image }),
        ("imageAlt", .init { $0.imageAlt }),
        ("title", .init { $0.title }),
        ("type", .init { $0.type }),
        ("url", .init { $0.url }),
    ]
}

extension SearchPageView: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("contents", .init { $0.contents }),
        ("indexURL", .init { $0.indexURL }),
        ("page", .init { $0.page }),
    ]
}

extension NotFoundPageView: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("page", .init { $0.page })
    ]
}
