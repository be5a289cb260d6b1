import Foundation

/// The files that make a site ready to publish and share, beside its pages: the Atom feed, the
/// sitemap, robots.txt and the search index.
enum PublishingFiles {
    /// `pages`: the site's pages (`SiteBuilder.pageJobs`), made once for rendering and the sitemap.
    static func files(_ site: SiteContext, pages: [SiteBuilder.PageJob]) throws -> [OutputFile] {
        // The search index (`SearchIndex`) is written as the keyed data files are.
        var files = [
            OutputFile(path: SitePaths.feed, text: AtomFeed.xml(site)),
            OutputFile(path: SitePaths.robots, text: robots(site)),
        ]
        // A sitemap lists absolute URLs only: without an absolute base_url there is none.
        if site.hasAbsoluteBaseURL {
            files.append(OutputFile(path: SitePaths.sitemap, text: sitemap(site, pages: pages)))
        }
        return files
    }

    /// Every page but the 404 page, in build order.
    static func sitemap(_ site: SiteContext, pages: [SiteBuilder.PageJob]) -> String {
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">"#,
        ]
        for job in pages where job.url != SitePaths.notFound {
            lines.append("  <url><loc>\(XMLText.escape(site.absoluteURL(job.url)))</loc></url>")
        }
        lines.append("</urlset>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Everything may be crawled. Crawlers read robots.txt only at a host's root: under a sub-path,
    /// copy its Sitemap line into the root's.
    static func robots(_ site: SiteContext) -> String {
        var text = "User-agent: *\nDisallow:\n"
        if site.hasAbsoluteBaseURL { text += "\nSitemap: \(site.absoluteURL(SitePaths.sitemap))\n" }
        return text
    }
}

extension SiteContext {
    /// `base_url` is an http(s) URL, not just a path: needed for the sitemap and for previews in chat.
    var hasAbsoluteBaseURL: Bool {
        let lowered = config.baseURL.lowercased()
        return lowered.hasPrefix("https://") || lowered.hasPrefix("http://")
    }
}
