/// What a page's link shows when pasted into chat or mail: the Open Graph and Twitter card fields
/// beside `<title>` and the meta description (`page.social` in templates).
final class SocialMeta: Sendable {
    /// The page's own title, without the site's: og:site_name carries that.
    let title: String
    /// og:type: `website`, `article` (weeks, series) or `profile` (people).
    let type: String
    /// The page's canonical URL.
    let url: String
    /// The preview image (PNG or JPEG: chat apps show no SVG), absolute when `base_url` is.
    let image: String
    let imageAlt: String

    init(site: SiteContext, title: String, type: String, url: String) {
        self.title = title
        self.type = type
        self.url = url
        image = Self.imageURL(site.config)
        imageAlt = site.config.title
    }

    static func imageURL(_ config: SiteConfig) -> String {
        let lowered = config.image.lowercased()
        if lowered.hasPrefix("https://") || lowered.hasPrefix("http://") { return config.image }
        return config.baseURL + config.image
    }
}
