import ListDigestCore

/// What `base.mustache` needs on every page. A class: templates read `page.…` from deep inside
/// loops, and a reference is handed over without copying twenty fields.
final class LayoutView: Sendable {
    let siteTitle: String
    let pageTitle: String
    let description: String
    let language: String
    let contentLanguage: String
    /// Relative prefix back to the site root (`../../`), so the site works under any path.
    let root: String
    let canonicalURL: String
    let listName: String
    let navHome: Bool
    let navWeeks: Bool
    let navSeries: Bool
    let navPeople: Bool
    let navTrends: Bool
    let navSearch: Bool
    /// Open Graph and Twitter card fields: what a pasted link shows.
    let social: SocialMeta
    /// False for the 404 page: no canonical URL, `noindex`.
    let indexable: Bool

    /// `socialTitle` is the page's title without the site's (which og:site_name gives); `socialType` its
    /// og:type. A `standalone` page (404) is served at any depth, so its links start from `base_url`.
    init(
        site: SiteContext, pageURL: String, title: String, description: String, socialTitle: String? = nil,
        socialType: String = "website", standalone: Bool = false
    ) {
        siteTitle = site.config.title
        pageTitle = title
        self.description = description
        language = site.config.language
        contentLanguage = site.config.contentLanguage
        root = standalone ? site.config.baseURL : SitePaths.root(fromPage: pageURL)
        canonicalURL = site.absoluteURL(pageURL)
        indexable = !standalone
        social = SocialMeta(site: site, title: socialTitle ?? title, type: socialType, url: canonicalURL)
        listName = site.config.list
        navHome = pageURL == SitePaths.home
        navWeeks = pageURL.hasPrefix("weeks/")
        navSeries = pageURL.hasPrefix("series/")
        navPeople = pageURL.hasPrefix("people/")
        navTrends = pageURL.hasPrefix(SitePaths.trends)
        navSearch = pageURL.hasPrefix(SitePaths.search)
    }
}
