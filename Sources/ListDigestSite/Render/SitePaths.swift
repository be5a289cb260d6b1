import ListDigestCore

/// Where each page lives. Paths are relative to the output root; a page's
/// URL is its folder (`weeks/2025-W32/`), its file that folder's `index.html`.
public enum SitePaths {
    public static let home = ""
    public static let weeksIndex = "weeks/"
    public static let seriesIndex = "series/"
    public static let peopleIndex = "people/"
    public static let weeksData = "data/weeks.json"
    public static let seriesData = "data/series.json"
    public static let peopleData = "data/people.json"
    public static let trends = "trends/"
    public static let trendsData = "data/trends.json"
    public static let search = "search/"
    /// Served by the host for any missing path, at any depth: its links are absolute.
    public static let notFound = "404.html"
    public static let feed = "feed.xml"
    public static let sitemap = "sitemap.xml"
    public static let robots = "robots.txt"
    public static let searchData = "data/search.json"

    public static func week(_ week: ISOWeek) -> String { joined("weeks/", week.id, "/") }
    public static func series(_ id: String) -> String { joined("series/", id, "/") }
    public static func person(_ id: String) -> String { joined("people/", id, "/") }
    /// One ISO week-year of a person's threads.
    public static func person(_ id: String, year: Int) -> String { joined("people/", id, "/" + String(year) + "/") }

    /// `file(forPage: series(id))` and `file(forPage: person(id))`, each made at once: the site's
    /// lists link to every series and person by these.
    static func seriesFile(_ id: String) -> String { joined("series/", id, "/index.html") }
    static func personFile(_ id: String) -> String { joined("people/", id, "/index.html") }

    /// The file that serves a page URL; a URL naming a file (`404.html`) is that file.
    static func file(forPage url: String) -> String {
        url.isEmpty || url.utf8.last == UInt8(ascii: "/") ? joined("", url, "index.html") : url
    }

    /// The page URL a file serves: `file(forPage:)` undone.
    static func page(forFile path: String) -> String {
        guard path == "index.html" || path.hasSuffix("/index.html") else { return path }
        return String(path.dropLast("index.html".utf8.count))
    }

    /// `first + middle + last`, made at its length at once: a build makes the URL and the file of
    /// every one of 12,700 pages, several times some, and interpolated or added up, each piece
    /// went through a string's growth (hundreds of instructions each).
    private static func joined(_ first: StaticString, _ middle: String, _ last: String) -> String {
        var middle = middle
        var last = last
        return middle.withUTF8 { middle in
            last.withUTF8 { last in
                let length = first.utf8CodeUnitCount + middle.count + last.count
                return String(unsafeUninitializedCapacity: length) { buffer in
                    guard let start = buffer.baseAddress else { return 0 }
                    var end = start
                    end.initialize(from: first.utf8Start, count: first.utf8CodeUnitCount)
                    end += first.utf8CodeUnitCount
                    if let bytes = middle.baseAddress { end.initialize(from: bytes, count: middle.count) }
                    end += middle.count
                    if let bytes = last.baseAddress { end.initialize(from: bytes, count: last.count) }
                    return length
                }
            }
        }
    }

    /// The relative prefix that leads from a page URL back to the root: `weeks/2025-W32/` → `../../`.
    static func root(fromPage url: String) -> String {
        String(repeating: "../", count: url.count { $0 == "/" })
    }
}

/// Stable anchors for the threads of one week, in report order: made from the
/// thread's title and version, never from its position, so they survive a
/// regenerated report that reorders threads.
enum ThreadAnchors {
    static func assign(_ threads: [ReportThread]) -> [String] {
        var allocator = SlugAllocator()
        return threads.map { thread in
            let subject = thread.subject
            var base = Slug.make(subject.title, fallback: "thread", maximumLength: 64)
            if subject.isRFC { base += "-rfc" }
            if subject.versionWasWritten { base += "-v\(subject.version)" }
            return allocator.unique(base)
        }
    }
}
