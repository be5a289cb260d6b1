/// A year among the years a page belongs to (a person's, the trends'), as a link; the page's
/// own year is marked.
struct YearNavLink {
    let year: Int
    let url: String
    /// The page it appears on is this year's.
    let current: Bool
}

extension YearNavLink {
    /// `years` (oldest first) as links from the page of the one at `current`, that one marked,
    /// with its neighbours.
    static func links(
        _ years: [(year: Int, url: String)], current: Int
    ) -> (all: [YearNavLink], previous: YearNavLink?, next: YearNavLink?) {
        let all = years.indices.map { YearNavLink(year: years[$0].year, url: years[$0].url, current: $0 == current) }
        return (all, current > 0 ? all[current - 1] : nil, current + 1 < all.count ? all[current + 1] : nil)
    }
}
