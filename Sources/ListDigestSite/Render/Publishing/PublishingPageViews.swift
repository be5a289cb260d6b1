/// `search/index.html`: a form, and a few lines of JavaScript that search `data/search.json`.
struct SearchPageView {
    let page: LayoutView
    /// Root-relative path of the index, for the page's script.
    let indexURL: String
    /// `25 series, 42 people and 1 week`.
    let contents: String

    init(site: SiteContext) {
        let url = SitePaths.search
        page = LayoutView(
            site: site, pageURL: url, title: "Search · \(site.config.title)",
            description: "Search the series, people and weeks of the \(site.config.list) digest.",
            socialTitle: "Search")
        indexURL = page.root + SitePaths.searchData
        contents =
            "\(plural(site.index.series.series.count, "series", "series")), "
            + "\(plural(site.index.people.people.count, "person", "people")) and \(plural(site.reports.count, "week"))"
    }
}

/// `404.html`: served by the host for a missing path at any depth, so every link in it is absolute
/// (from `base_url`), and it is kept out of search engines.
struct NotFoundPageView {
    let page: LayoutView

    init(site: SiteContext) {
        page = LayoutView(
            site: site, pageURL: SitePaths.notFound, title: "Page not found · \(site.config.title)",
            description: "There is no page at this address.", socialTitle: "Page not found", standalone: true)
    }
}
