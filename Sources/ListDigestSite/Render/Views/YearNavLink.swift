/// A year among the years a page belongs to (a person's, the trends'), as a link; the page's
/// own year is marked.
struct YearNavLink {
    let year: Int
    let url: String
    /// The page it appears on is this year's.
    let current: Bool
}
