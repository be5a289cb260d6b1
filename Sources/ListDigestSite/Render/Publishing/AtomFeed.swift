import ListDigestCore

/// `feed.xml`: an Atom feed with an entry per week, newest first, the newest `feed_weeks` weeks.
///
/// Nothing in it depends on the build: an entry's `updated` is its report's generation time (taken as
/// UTC; the Monday after the week when the report gives none), the feed's is the newest of those listed. IDs
/// are the canonical URLs when `base_url` is absolute, else `urn:listdigest:<list>:<path>`; either
/// way they stay the same on every rebuild.
enum AtomFeed {
    static func xml(_ site: SiteContext) -> String {
        let limit = site.config.feedWeeks == 0 ? site.reports.count : site.config.feedWeeks
        let listed = site.reports.indices.reversed().prefix(limit)
        let entries = listed.map { entry(site, report: $0) }
        // The newest of the listed entries: a week too old to be listed changes nothing here.
        let updated = listed.map { updatedTime(site.reports[$0]) }.max().map(timestamp) ?? "1970-01-01T00:00:00Z"
        let config = site.config
        var lines = [
            #"<?xml version="1.0" encoding="utf-8"?>"#,
            #"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\#(XMLText.escape(config.language))">"#,
            "  <id>\(XMLText.escape(id(site, page: SitePaths.home)))</id>",
            "  <title>\(XMLText.escape(config.title))</title>",
        ]
        if !config.description.isEmpty {
            lines.append("  <subtitle>\(XMLText.escape(config.description))</subtitle>")
        }
        lines += [
            #"  <link rel="self" type="application/atom+xml" href="\#(XMLText.escape(site.absoluteURL(SitePaths.feed)))"/>"#,
            #"  <link rel="alternate" type="text/html" href="\#(XMLText.escape(site.absoluteURL(SitePaths.home)))"/>"#,
            "  <updated>\(updated)</updated>",
            "  <author><name>\(XMLText.escape(config.title))</name></author>",
            #"  <generator>ListDigest</generator>"#,
        ]
        lines += entries
        lines.append("</feed>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// An entry's permanent ID.
    static func id(_ site: SiteContext, page: String) -> String {
        if site.hasAbsoluteBaseURL { return site.absoluteURL(page) }
        return "urn:listdigest:\(Slug.make(site.config.list, fallback: "list")):\(page)"
    }

    static func updatedTime(_ report: WeeklyReport) -> LocalDateTime {
        report.generatedAt ?? LocalDateTime(date: report.week.sunday.adding(days: 1), hour: 0, minute: 0)!
    }

    static func timestamp(_ time: LocalDateTime) -> String { time.iso8601 + "Z" }

    private static func entry(_ site: SiteContext, report index: Int) -> String {
        let report = site.reports[index]
        let figures = site.figures[report.week]!
        let page = SitePaths.week(report.week)
        let url = site.absoluteURL(page)
        let summary =
            "\(plural(figures.threads, "thread")), \(plural(figures.listedMessages, "message")), "
            + "\(plural(figures.participants, "participant"))"
            + (figures.categories.isEmpty
                ? "." : ": " + figures.categories.map { "\($0.name) \($0.threads)" }.joined(separator: " · ") + ".")
        // The threads busiest first, linked to their anchors: HTML, escaped once more as XML text.
        let threads = zip(report.threads, site.anchors[index]).sorted { $0.0.messages.count > $1.0.messages.count }
        var html = "<p>\(XMLText.escape(summary))</p>\n<ul>\n"
        for (thread, anchor) in threads {
            let title = thread.subject.title.isEmpty ? thread.subjectLine : thread.subject.title
            html +=
                "<li><a href=\"\(XMLText.escape(url + "#" + anchor))\">\(XMLText.escape(title))</a> "
                + "(\(XMLText.escape(thread.category)), \(plural(thread.messages.count, "message")))</li>\n"
        }
        html += "</ul>"
        return """
              <entry>
                <id>\(XMLText.escape(id(site, page: page)))</id>
                <title>\(XMLText.escape("\(report.listName) \(report.week.id) · \(DateText.range(of: report.week))"))</title>
                <link rel="alternate" type="text/html" href="\(XMLText.escape(url))"/>
                <updated>\(timestamp(updatedTime(report)))</updated>
                <summary>\(XMLText.escape(summary))</summary>
                <content type="html">\(XMLText.escape(html))</content>
              </entry>
            """
    }
}
