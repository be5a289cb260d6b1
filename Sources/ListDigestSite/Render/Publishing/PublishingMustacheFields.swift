// Mustache accessors for the publishing views (see MustacheView): no reflection per lookup.

extension SocialMeta: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (SocialMeta) -> Any)] = [
        ("image", { $0.image }),
        ("imageAlt", { $0.imageAlt }),
        ("title", { $0.title }),
        ("type", { $0.type }),
        ("url", { $0.url }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}

extension SearchPageView: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (Self) -> Any)] = [
        ("contents", { $0.contents }),
        ("indexURL", { $0.indexURL }),
        ("page", { $0.page }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}

extension NotFoundPageView: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (Self) -> Any)] = [
        ("page", { $0.page })
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}
